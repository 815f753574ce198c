"""The public entry points: :class:`Cleaner` (load once, reuse) and :func:`clean`.

A Cleaner holds only immutable, compiled data (profiles, packs, options), so one
instance is safe to share between threads and cheap to pickle: it pickles as its
constructor arguments and recompiles in the worker (multiprocessing, Spark, datatrove).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .article import Article
from .budget import Expired, time_budget
from .decode import decode, looks_like_mojibake
from .errors import InputError
from .options import Options
from .profiles import Profile, ProfileRegistry, load_packs
from .sniff import looks_like_html
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

        Without an ``id``, the Article's id is ``sha1:`` and the first 16 hex digits of the
        SHA-1 of the input (its UTF-8 for a ``str``): stable across runs and machines, so
        a record always has an id (datatrove and ``--resume`` key on it).

        Raises :class:`~cleaner.errors.InputError` for input that cannot be a document
        (undecodable, binary, over ``max_bytes`` / ``max_lines``, or still not done after
        ``timeout`` seconds).  Lone surrogates in a ``str`` (from JSON ``"\\ud800"``
        escapes) become U+FFFD, so every Article can be written as UTF-8; that and text
        that looks like mojibake are noted in ``Article.warnings``.
        """
        opts = self.options.merged(options)
        if id is None:
            id = content_id(data)
        notes: list[str] = []
        if isinstance(data, (bytes, bytearray, memoryview)):
            if len(data) > opts.max_bytes:
                raise InputError(f"document is {len(data)} bytes, over max_bytes={opts.max_bytes}")
            text, used = decode(bytes(data), declared=encoding)
        elif isinstance(data, str):
            if len(data) > opts.max_bytes:
                raise InputError(f"document is {len(data)} characters, over "
                                 f"max_bytes={opts.max_bytes}")
            text, used = data, None
            if not text.isascii() and _SURROGATE.search(text):
                text = _SURROGATE.sub("\ufffd", text)
                notes.append("input: lone surrogate code points replaced with U+FFFD")
        else:
            raise InputError(f"expected str or bytes, got {type(data).__name__}")
        if opts.fix_text:
            text = _fix_text(text)
        elif looks_like_mojibake(text):
            notes.append("input looks like mojibake (UTF-8 read as cp1252/latin-1); "
                         "fix_text=True repairs it")
        kind = opts.kind or ("html" if looks_like_html(text) else "text")
        # (a text can hold no more line breaks than characters: most skip the count)
        if kind != "html" and len(text) > opts.max_lines and _line_breaks(text) > opts.max_lines:
            raise InputError(f"document has more than max_lines={opts.max_lines} lines")
        try:
            with time_budget(opts.timeout) as budget:
                if kind == "html":
                    art = self._clean_html(text, url=url, outlet=outlet, doc_id=id,
                                           encoding=used, options=opts)
                else:
                    profile = self.select_profile(text, url, outlet)
                    art = self._engine.run(
                        text, profile=profile, url=url, outlet=outlet, doc_id=id,
                        encoding=used, options=opts,
                    )
        except Expired as exc:
            if exc.budget is not budget:  # an outer budget (the batch's): not ours
                raise
            raise InputError(f"took longer than timeout={opts.timeout:g}s") from None
        if notes:
            art = dataclasses.replace(art, warnings=(*notes, *art.warnings))
        return art


    def _clean_html(self, text: str, *, url: str | None, outlet: str | None,
                    doc_id: str | None, encoding: str | None, options: Options) -> Article:
        """The HTML path: extract the page's main text, then the engine in
        ``"extracted"`` mode (see :mod:`cleaner.html`)."""
        from .html import extract_page  # lazy: lxml and trafilatura only when needed

        page = extract_page(text, url=url, outlet=outlet, choose_profile=self._html_profile,
                            byline_labels=self._engine.words.byline_labels,
                            crawl_time=options.crawl_time)
        if page is None:  # nothing to extract: an empty Article that says why
            return self._engine.run(
                "", profile=self.select_profile("", url, outlet), url=url, outlet=outlet,
                doc_id=doc_id, encoding=encoding, options=options,
                warnings=("html: empty document",))
        profile = page.profile or self.select_profile(page.text, None, None)
        return self._engine.run(
            page.text, profile=profile, url=url, outlet=outlet, doc_id=doc_id,
            encoding=encoding, options=options, seed=page.seed, warnings=page.warnings,
            mode=page.mode, declared=page.declared)

    def _html_profile(self, url: str | None, outlet: str | None,
                      meta: Mapping[str, Any]) -> Profile | None:
        """An HTML page's profile: ``outlet``, the URL, the page's canonical URL, then
        its ``og:site_name`` equal to a profile's id or name."""
        prof = self.select_profile("", url, outlet)
        if prof is not None or not self.use_profiles:
            return prof
        canonical = meta.get("canonical_url")
        if canonical:
            prof = self.select_profile("", canonical, None)
            if prof is not None:
                return prof
        site = (meta.get("site_name") or "").strip().casefold()
        if site:
            for candidate in self.registry:
                if site in {candidate.id.casefold(), candidate.name.casefold()}:
                    return candidate
        return None


def content_id(data: object) -> str | None:
    """``sha1:<16 hex>`` of a document's bytes (a ``str`` as UTF-8), or None for other
    types (they are refused later, with an InputError that says why)."""
    if isinstance(data, str):
        blob = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        blob = bytes(data)
    else:
        return None
    return "sha1:" + hashlib.sha1(blob, usedforsecurity=False).hexdigest()[:16]


# ---------------------------------------------------------------------- limits
_SURROGATE = re.compile("[\ud800-\udfff]")
#: every character ``str.splitlines`` breaks on (``\r\n`` counts once)
_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _line_breaks(text: str) -> int:
    """Line breaks as the text path counts them, without building the list of lines."""
    return sum(map(text.count, _BREAKS)) - text.count("\r\n")


def _rebuild(dirs: tuple[str, ...], use_profiles: bool, options: dict[str, Any],
             learned: tuple[str, ...] = ()) -> Cleaner:
    return Cleaner(dirs, use_profiles, learned_dirs=learned, **options)


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
