"""The corpus ``cleaner learn`` reads: the batch input adapters, readable twice.

Learning makes two passes over the same documents (count, then look closer at the
frequent keys), so the input must be re-readable.  Files and directories are simply
read again; stdin is copied once to a temporary file.  Documents are read with
:class:`cleaner.io.Inputs`, so ``learn`` takes every input kind ``clean`` takes (files,
directories, ``-``, JSONL, WARC, gzip/zstd).  A library caller may instead pass any
re-iterable of :class:`Doc` (a list, or an object whose ``__iter__`` starts over).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from ..decode import decode
from ..errors import CleanerError
from ..sniff import looks_like_html

__all__ = ["Corpus", "Doc", "PathCorpus"]

@dataclass(slots=True)
class Doc:
    """One document to learn from: its text and what the input says about it.

    ``outlet`` is the outlet the input names (a JSONL ``outlet`` key); ``title`` and
    ``date`` (``YYYY-MM-DD``) are optional facts a library caller may know.
    """

    text: str
    url: str | None = None
    outlet: str | None = None
    id: str | None = None
    title: str | None = None
    date: str | None = None


class Corpus:
    """A re-iterable of :class:`Doc`; ``skipped`` counts inputs that were not documents."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self._docs = docs
        self.skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[Doc]:
        return iter(self._docs)

    def close(self) -> None:
        """Release temporary files (none here)."""


class PathCorpus(Corpus):
    """Documents of command-line inputs, read with the batch input adapters.

    HTML documents are turned into text lines by ``html_lines`` (the cleaner's HTML
    path; it returns the lines and the page's URL, canonical when the input has none)
    when it is given; otherwise they are skipped and counted.
    """

    def __init__(self, paths: Sequence[str], *, input_options=None,
                 stdin: BinaryIO | None = None, html_lines=None) -> None:
        from ..io import InputOptions

        super().__init__(())
        self.paths = list(paths)
        self.input_options = input_options or InputOptions()
        self.max_bytes = self.input_options.max_bytes
        self.html_lines = html_lines
        self._spool: str | None = None
        self._passes = 0
        if "-" in self.paths:
            self._spool = _spool(stdin or sys.stdin.buffer)

    def __iter__(self) -> Iterator[Doc]:
        from ..io import Inputs

        count = self._passes == 0  # count skipped inputs once, not once per pass
        self._passes += 1
        stdin = open(self._spool, "rb") if self._spool else None  # noqa: SIM115
        try:
            inputs = Inputs(self.paths, self.input_options, stdin=stdin)
            for rec in inputs:
                doc, why = self._doc(rec)
                if doc is not None:
                    yield doc
                elif count:
                    self.skipped[why] += 1
        finally:
            if stdin is not None:
                stdin.close()

    def _doc(self, rec) -> tuple[Doc | None, str]:
        if rec.error is not None:
            return None, f"unreadable ({rec.error[0]})"
        try:
            data = rec.load(self.max_bytes)
            text = data if isinstance(data, str) else decode(data, rec.encoding)[0]
        except (CleanerError, OSError) as exc:
            return None, f"unreadable ({type(exc).__name__})"
        if rec.kind == "html" or looks_like_html(text):
            if self.html_lines is None:
                return None, "html (no HTML path)"
            try:
                lines, url = self.html_lines(text, rec.url)
            except (CleanerError, ImportError) as exc:
                return None, f"html not converted ({type(exc).__name__})"
            return Doc(text="\n".join(lines), url=url, outlet=rec.outlet, id=rec.id), ""
        return Doc(text=text, url=rec.url, outlet=rec.outlet, id=rec.id), ""

    def close(self) -> None:
        if self._spool:
            with contextlib.suppress(OSError):
                os.unlink(self._spool)
            self._spool = None


def _spool(stream: BinaryIO) -> str:
    """Copy stdin to a temporary file so it can be read twice (bounded memory)."""
    fd, path = tempfile.mkstemp(prefix="cleaner-learn-", suffix=".stdin")
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(stream, out, 1 << 20)
    return path
