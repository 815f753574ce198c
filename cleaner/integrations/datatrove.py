"""A datatrove pipeline step that cleans each ``Document``.

``doc.text`` holds a text dump or an HTML page (``WarcReader`` and ``JsonlReader`` both
fit), ``doc.metadata["url"]`` the page URL.  The step replaces the text with the clean
body and merges the article's metadata (title, published, author, dateline, ...) into
``doc.metadata``::

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        CleanerStep(),
        JsonlWriter("clean/"),
    ], tasks=8).run()

Because the step is an ordinary :class:`~datatrove.pipeline.base.PipelineStep`, the same
list runs on a cluster with ``SlurmPipelineExecutor`` or ``RayPipelineExecutor``; that is
how cleaner scales past one machine (see ``docs/integrations.md``).

The contract follows datatrove's own steps: ``total`` / ``forwarded`` / ``dropped``
counters, ``dropped_<reason>`` per dropped document (``empty``: no body left;
``error``: cleaner refused the input, a :class:`cleaner.CleanerError`), an optional
``exclusion_writer`` that keeps every dropped document with its *original* text and a
``filter_reason`` (as ``BaseFilter`` does), and per-line counters in the C4-filter style:
``line-removed-<reason>`` (lines removed per reason, e.g. ``line-removed-related``) and
``line-kept``.  ``profile-<id@version|none>`` counts documents per outlet profile.
Exceptions other than ``CleanerError`` are bugs and stop the task (datatrove reruns only
unfinished tasks once fixed).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints
from loguru import logger  # datatrove's own logger (a datatrove dependency)

from ..core import Cleaner
from ..errors import CleanerError

__all__ = ["CleanerStep"]

_EMPTY = (None, "", [], {})


class CleanerStep(PipelineStep):
    """Replace ``doc.text`` with the cleaned article body and add its metadata.

    ``profile_dirs``, ``use_profiles`` and ``**options`` (``learned_dirs`` and the
    :class:`cleaner.Options` fields) are those of :class:`cleaner.Cleaner`.  The Cleaner
    is built here, so a bad profile or option fails on the machine that launches the
    run, not in every task.  It travels to the workers pickled as its arguments, so
    profile directories must exist on the workers too (a shared filesystem).

    ``url_key``: metadata key holding the page URL; ``outlet_key``: the one holding the
    outlet (a profile id or domain, as the CLI's ``--outlet-key``), which picks the
    profile of a record without URL.  ``keep_empty``: forward documents
    with no body left (with ``text == ""``) instead of dropping them.
    ``metadata_key``: ``None`` merges cleaner's fields into ``doc.metadata`` (a field
    cleaner left empty does not overwrite one the document already has); a string
    nests them under that key instead.  ``exclusion_writer``: a datatrove writer that
    receives dropped documents unchanged, with ``metadata["filter_reason"]``.
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        profile_dirs: Iterable[str | Path] = (),
        use_profiles: bool = True,
        *,
        url_key: str = "url",
        outlet_key: str = "outlet",
        keep_empty: bool = False,
        metadata_key: str | None = None,
        exclusion_writer: Any = None,
        **options: Any,
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(profile_dirs, use_profiles, **options)
        self.url_key = url_key
        self.outlet_key = outlet_key
        self.keep_empty = keep_empty
        self.metadata_key = metadata_key
        self.exclusion_writer = exclusion_writer
        self._warned = False

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean every document; yield the kept ones (see the module docs for stats)."""
        if data is None:
            return
        writer_cm = (self.exclusion_writer if self.exclusion_writer is not None
                     else contextlib.nullcontext())
        with writer_cm as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    reason = self._clean(doc)
                if reason is None:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                    continue
                self.stat_update(StatHints.dropped, f"dropped_{reason}")
                if writer is not None:
                    doc.metadata["filter_reason"] = reason
                    writer.write(doc, rank)

    def _clean(self, doc: Document) -> str | None:
        """Clean ``doc`` in place; return a drop reason, leaving ``doc`` untouched."""
        url = doc.metadata.get(self.url_key)
        outlet = doc.metadata.get(self.outlet_key)  # as the CLI's --outlet-key
        try:
            article = self.cleaner.clean(doc.text, url=url if isinstance(url, str) else None,
                                         outlet=outlet if isinstance(outlet, str) and outlet
                                         else None,
                                         id=str(doc.id) if doc.id is not None else None)
        except CleanerError as exc:
            if not self._warned:
                logger.warning(f"cleaner refused document {doc.id!r}: {exc} "
                               "(counted as dropped_error; shown once)")
                self._warned = True
            doc.metadata["cleaner_error"] = f"{type(exc).__name__}: {exc}"
            return "error"

        self.stat_update(f"profile-{article.profile or 'none'}")
        for reason, count in article.removed.items():
            self.stat_update(f"line-removed-{reason}", value=count)
        if article.paragraphs:
            self.stat_update("line-kept", value=len(article.paragraphs))
        elif not self.keep_empty:
            return "empty"
        else:
            self.stat_update("empty")

        record = article.to_dict(keep_removed=self.cleaner.options.keep_removed)
        doc.text = record["text"]
        meta = record["metadata"]
        if self.metadata_key:
            doc.metadata[self.metadata_key] = meta
        else:
            for key, value in meta.items():
                if value in _EMPTY and doc.metadata.get(key) not in _EMPTY:
                    continue  # keep what the document already knew
                doc.metadata[key] = value
        return None
