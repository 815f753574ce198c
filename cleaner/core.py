"""The public entry points: :class:`Cleaner` (load once, reuse) and :func:`clean`.

A Cleaner holds only immutable, compiled data (profiles, packs, options), so one
instance is safe to share between threads and cheap to pickle: it pickles as its
constructor arguments and recompiles in the worker (multiprocessing, Spark, datatrove).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .article import Article
from .decode import decode
from .errors import InputError
from .options import Options
from .profiles import Profile, ProfileRegistry, load_packs
from .urls import host_of

__all__ = ["Cleaner", "clean"]


class Cleaner:
    """Cleans documents with a fixed set of profiles and options.

    ``profile_dirs``: extra directories of ``*.toml`` profiles; a profile there with
    the id of a built-in one replaces it.  ``learned_dirs``: profiles written by
    ``cleaner learn``; their rules are merged *under* a profile with the same id.
    ``use_profiles=False`` runs the generic heuristics only (the CLI's
    ``--no-profiles``).  Other keywords set :class:`~cleaner.options.Options`.
    """

    def __init__(
        self,
        profile_dirs: Iterable[str | Path] = (),
        use_profiles: bool = True,
        *,
        learned_dirs: Iterable[str | Path] = (),
        **options: Any,
    ) -> None:
        self._args = (tuple(str(d) for d in profile_dirs), use_profiles, dict(options),
                      tuple(str(d) for d in learned_dirs))
        self.options = Options().merged(options)
        self.use_profiles = use_profiles
        self.registry = ProfileRegistry(self._args[0], learned=self._args[3])
        self.packs: list[Profile] = load_packs()
        from .pipeline import Engine  # local import keeps module import order simple

        self._engine = Engine(self.packs)

    def __reduce__(self):
        return (_rebuild, self._args)

    def __repr__(self) -> str:
        return (f"Cleaner(profiles={len(self.registry)}, use_profiles={self.use_profiles}, "
                f"options={self.options})")

    # ------------------------------------------------------------------ selection
    def select_profile(
        self, text: str, url: str | None = None, outlet: str | None = None
    ) -> Profile | None:
        """The outlet profile for a page: by ``outlet``, URL host, else a signature."""
        if not self.use_profiles:
            return None
        if outlet:
            prof = self.registry.get(outlet)
            if prof is not None:
                return prof
        host = host_of(url)
        if host:
            prof = self.registry.for_host(host)
            if prof is not None:
                return prof
        return self.registry.for_text(text)

    # ------------------------------------------------------------------ cleaning
    def clean(
        self,
        data: str | bytes,
        *,
        url: str | None = None,
        outlet: str | None = None,
        id: str | None = None,
        encoding: str | None = None,
        **options: Any,
    ) -> Article:
        """Clean one document (a text dump or an HTML page, as ``str`` or ``bytes``).

        Raises :class:`~cleaner.errors.InputError` for input that cannot be a document
        (undecodable, binary, over ``max_bytes`` / ``max_lines``).
        """
        opts = self.options.merged(options)
        if isinstance(data, (bytes, bytearray, memoryview)):
            if len(data) > opts.max_bytes:
                raise InputError(f"document is {len(data)} bytes, over max_bytes={opts.max_bytes}")
            text, used = decode(bytes(data), declared=encoding)
        elif isinstance(data, str):
            if len(data) > opts.max_bytes:
                raise InputError(f"document is {len(data)} characters, over "
                                 f"max_bytes={opts.max_bytes}")
            text, used = data, None
        else:
            raise InputError(f"expected str or bytes, got {type(data).__name__}")
        if opts.fix_text:
            text = _fix_text(text)
        kind = opts.kind or ("html" if _looks_like_html(text) else "text")
        if kind == "html":
            from .html import clean_html  # lazy: lxml and trafilatura only when needed

            return clean_html(self, text, url=url, outlet=outlet, doc_id=id,
                              encoding=used, options=opts)
        if text.count("\n") > opts.max_lines:
            raise InputError(f"document has more than max_lines={opts.max_lines} lines")
        profile = self.select_profile(text, url, outlet)
        return self._engine.run(
            text, profile=profile, url=url, outlet=outlet, doc_id=id, encoding=used,
            options=opts,
        )


def _rebuild(dirs: tuple[str, ...], use_profiles: bool, options: dict[str, Any],
             learned: tuple[str, ...] = ()) -> Cleaner:
    return Cleaner(dirs, use_profiles, learned_dirs=learned, **options)


_HTML_HINTS = ("<html", "<!doctype html", "<body", "<head", "<div", "<p>", "<article")


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and any(h in head for h in _HTML_HINTS)


def _fix_text(text: str) -> str:
    try:
        import ftfy
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise InputError("fix_text=True needs the 'ftfy' package (pip install ftfy)") from exc
    return ftfy.fix_text(text)


_default: Cleaner | None = None
_default_lock = threading.Lock()


def clean(
    data: str | bytes,
    *,
    url: str | None = None,
    outlet: str | None = None,
    **options: Any,
) -> Article:
    """Clean one document with a shared default :class:`Cleaner` (built-in profiles)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default.clean(data, url=url, outlet=outlet, **options)
