"""URL helpers shared by every stage: the host of a URL and its registrable domain."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["host_of", "registrable_domain"]

# Second-level labels under a country code that are not themselves a site
# (kompas.co.id -> "co.id" is the suffix).  A dozen lines instead of a public-suffix
# dependency: good enough to name news outlets, documented as an approximation.
_SECOND_LEVEL = {"co", "com", "net", "org", "ac", "go", "or", "web", "my", "sch", "gov", "edu"}


def host_of(url: str | None) -> str | None:
    """The lower-case host of ``url`` (scheme optional), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host or None


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of a URL (``nasional.kompas.com`` -> ``kompas.com``).

    A bare host name or an IP address is returned as it is.
    """
    host = host_of(url)
    if not host:
        return None
    parts = [p for p in host.split(".") if p]
    if len(parts) < 2 or parts[-1].isdigit() or ":" in host:
        return host
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])
