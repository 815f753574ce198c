"""A Scrapy item pipeline that cleans the page an item carries.

Enable it in the project settings::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

and yield items holding the page, e.g. ``{"url": response.url, "body": response.body}``.
The pipeline adds ``item["cleaned"] = article.to_dict()`` (the same record the CLI
writes: ``{"id", "text", "metadata"}``) and counts what happened in the crawl stats
under ``cleaner/``.

Settings (all optional):

``CLEANER_ENABLED``         ``True``; ``False`` turns the pipeline off (``NotConfigured``).
``CLEANER_INPUT_FIELD``     ``"body"``: field with the page, ``bytes`` or ``str``, text dump
                            or HTML (a list of strings is joined with newlines).
``CLEANER_URL_FIELD``       ``"url"``: field with the page URL (picks the outlet profile).
``CLEANER_ENCODING_FIELD``  ``"encoding"``: optional field with the HTTP charset, used for
                            ``bytes`` bodies only (``response.encoding``).
``CLEANER_OUTPUT_FIELD``    ``"cleaned"``: field that receives the record.  A
                            ``scrapy.Item`` must declare it (``cleaned = scrapy.Field()``).
``CLEANER_PROFILES_DIR``    extra profile directories (a list, or a comma-separated string).
``CLEANER_LEARNED_DIR``     directories of profiles written by ``cleaner learn`` (same form).
``CLEANER_USE_PROFILES``    ``True``; ``False`` runs the generic heuristics only.
``CLEANER_OPTIONS``         dict of :class:`cleaner.Options` (``{"keep_removed": True}``).
``CLEANER_ON_EMPTY``        ``"flag"``: what to do when no body is left.  ``keep`` passes
                            the item on as is, ``drop`` raises ``DropItem``, ``flag`` passes
                            it on with ``record["flag"] = "empty"``.
``CLEANER_ON_ERROR``        ``"flag"``: what to do when cleaner refuses the input
                            (:class:`cleaner.CleanerError`, e.g. binary data).  ``flag``
                            passes the item on with ``record["flag"] = "error"`` and
                            ``record["error"] = {"type", "message"}``; ``drop`` raises
                            ``DropItem``.  Other exceptions are bugs and propagate.

Items without the input field pass through untouched (a spider may yield several
item types).  Stats: ``cleaner/items``, ``cleaner/cleaned``, ``cleaner/empty``,
``cleaner/no_input``, ``cleaner/flagged/<empty|error>``, ``cleaner/dropped/<empty|error>``,
``cleaner/error/<ExceptionType>``, ``cleaner/profile/<id@version|none>`` (items per
profile) and ``cleaner/removed/<reason>`` (removed *lines* per reason).

The Cleaner is built once per crawler in :meth:`CleanerPipeline.from_crawler`, so
profiles are parsed once; cleaning runs in the reactor thread (it takes milliseconds per
page and holds no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from ..core import Cleaner
from ..errors import CleanerError

__all__ = ["EMPTY_POLICIES", "ERROR_POLICIES", "CleanerPipeline"]

EMPTY_POLICIES = ("keep", "drop", "flag")
ERROR_POLICIES = ("flag", "drop")
_PREFIX = "cleaner/"


class CleanerPipeline:
    """Cleans ``item[input_field]`` into ``item[output_field]``; see the module docs."""

    def __init__(
        self,
        cleaner: Cleaner,
        *,
        stats: Any = None,
        input_field: str = "body",
        url_field: str | None = "url",
        encoding_field: str | None = "encoding",
        output_field: str = "cleaned",
        on_empty: str = "flag",
        on_error: str = "flag",
    ) -> None:
        if on_empty not in EMPTY_POLICIES:
            raise ValueError(f"CLEANER_ON_EMPTY: {on_empty!r} is not one of "
                             f"{', '.join(EMPTY_POLICIES)}")
        if on_error not in ERROR_POLICIES:
            raise ValueError(f"CLEANER_ON_ERROR: {on_error!r} is not one of "
                             f"{', '.join(ERROR_POLICIES)}")
        self.cleaner = cleaner
        self.stats = stats
        self.input_field = input_field
        self.url_field = url_field
        self.encoding_field = encoding_field
        self.output_field = output_field
        self.on_empty = on_empty
        self.on_error = on_error

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        """Read the ``CLEANER_*`` settings and build the crawler's one Cleaner."""
        s = crawler.settings
        if not s.getbool("CLEANER_ENABLED", True):
            raise NotConfigured("CLEANER_ENABLED is False")
        options = s.getdict("CLEANER_OPTIONS")
        try:
            cleaner = Cleaner(
                profile_dirs=s.getlist("CLEANER_PROFILES_DIR"),
                use_profiles=s.getbool("CLEANER_USE_PROFILES", True),
                learned_dirs=s.getlist("CLEANER_LEARNED_DIR"),
                **options,
            )
        except TypeError as exc:  # unknown option names
            raise ValueError(f"CLEANER_OPTIONS: {exc}") from None
        return cls(
            cleaner,
            stats=crawler.stats,
            input_field=s.get("CLEANER_INPUT_FIELD", "body"),
            url_field=s.get("CLEANER_URL_FIELD", "url") or None,
            encoding_field=s.get("CLEANER_ENCODING_FIELD", "encoding") or None,
            output_field=s.get("CLEANER_OUTPUT_FIELD", "cleaned"),
            on_empty=str(s.get("CLEANER_ON_EMPTY", "flag")).lower(),
            on_error=str(s.get("CLEANER_ON_ERROR", "flag")).lower(),
        )

    # ``spider`` is optional: Scrapy >= 2.13 no longer passes it, older versions do.
    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean one item; return it, or raise ``DropItem`` per the policies."""
        adapter = ItemAdapter(item)
        raw = adapter.get(self.input_field)
        if raw is None:
            self._inc("no_input")
            return item
        if isinstance(raw, Sequence) and not isinstance(raw, (str, bytes, bytearray, memoryview)):
            raw = "\n".join(str(part) for part in raw)  # response.css(...).getall()
        url = adapter.get(self.url_field) if self.url_field else None
        url = url if isinstance(url, str) else None
        encoding = None
        if self.encoding_field and isinstance(raw, (bytes, bytearray, memoryview)):
            encoding = adapter.get(self.encoding_field)
        self._inc("items")
        try:
            article = self.cleaner.clean(raw, url=url, encoding=encoding)
        except CleanerError as exc:
            return self._failed(adapter, item, url, exc)

        record = article.to_dict(keep_removed=self.cleaner.options.keep_removed)
        self._inc(f"profile/{article.profile or 'none'}")
        for reason, count in article.removed.items():
            self._inc(f"removed/{reason}", count)
        if article.paragraphs:
            self._inc("cleaned")
        else:
            self._inc("empty")
            if self.on_empty == "drop":
                self._inc("dropped/empty")
                raise DropItem(f"cleaner: no article body left in {url or 'item'}")
            if self.on_empty == "flag":
                self._inc("flagged/empty")
                record["flag"] = "empty"
        self._store(adapter, record)
        return item

    # ------------------------------------------------------------------ helpers
    def _failed(self, adapter: ItemAdapter, item: Any, url: Any, exc: CleanerError) -> Any:
        kind = type(exc).__name__
        self._inc(f"error/{kind}")
        if self.on_error == "drop":
            self._inc("dropped/error")
            raise DropItem(f"cleaner: {kind} in {url or 'item'}: {exc}")
        self._inc("flagged/error")
        self._store(adapter, {
            "id": None,
            "text": "",
            "metadata": {"url": url},
            "flag": "error",
            "error": {"type": kind, "message": str(exc)},
        })
        return item

    def _store(self, adapter: ItemAdapter, record: dict[str, Any]) -> None:
        try:
            adapter[self.output_field] = record
        except KeyError:
            raise KeyError(
                f"{type(adapter.item).__name__} has no field {self.output_field!r}: declare "
                f"`{self.output_field} = scrapy.Field()` or set CLEANER_OUTPUT_FIELD"
            ) from None

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(_PREFIX + key, count)
