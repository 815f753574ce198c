"""The text engine: one document's lines through the named stages of :mod:`cleaner.stages`.

Every non-empty line ends with exactly one decision (kept, dropped or metadata), the id
of the rule that made it and a reason category, so ``cleaner explain`` can show why.
Precedence: an outlet profile's rules, then the language packs, then the generic
heuristics of :mod:`cleaner.rules.generic`; then the body window decides what is left.

:meth:`Engine.run` reads as the flow itself::

    lines -> line rules -> structures -> body window -> decisions -> title
          -> date and credits -> paragraphs -> dateline -> captions and sources
          -> [extracted text] -> Article

The engine takes two kinds of input (``mode``): a ``"dump"`` (a scraped page as text,
page header and footer included) and ``"extracted"`` text (the main text an extractor
already cut out of an HTML page, see :mod:`cleaner.stages.extracted`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from . import structures as page_structures
from .article import Article
from .lines import split_document
from .options import Options
from .profiles import Profile
from .spans import SpanSet
from .spans import body as span_body
from .spans import for_profile as spans_for
from .stages import assemble, body, decide, facts, line_rules, structures
from .stages.doc import Doc, Final, Label
from .stages.extracted import Declared, declared_wins, revise
from .thresholds import DEFAULT, Thresholds
from .words import Words

__all__ = ["Engine"]

Mode = Literal["dump", "extracted"]


class Engine:
    """Applies packs and a profile to the lines of one document.

    Holds only compiled, read-only data (and a cache of pack verdicts by line text),
    so one Engine serves many threads.
    """

    def __init__(self, packs: Sequence[Profile], thresholds: Thresholds = DEFAULT) -> None:
        self.packs = tuple(packs)
        self.thresholds = thresholds
        self.words = Words.from_packs(self.packs)  # the packs' words, for cleaner.meta
        self.rules = line_rules.LineRules(self.packs, thresholds)
        self.stopwords: dict[str, frozenset[str]] = {
            p.language: frozenset(p.words.get("stopwords", ()))
            for p in self.packs if p.language
        }
        self.agency_split = facts.agency_splitter(
            dict.fromkeys(w for p in self.packs for w in p.words.get("and", ())))
        self.spans = SpanSet.build((sp for p in self.packs for sp in p.spans),
                                   (p.words for p in self.packs))
        self.line_model = page_structures.default_model()
        self.page_kind_model = getattr(self.line_model, "page_kind", None)

    def run(
        self,
        text: str,
        *,
        profile: Profile | None,
        url: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        encoding: str | None = None,
        options: Options | None = None,
        seed: Mapping[str, Any] | None = None,
        warnings: Sequence[str] = (),
        mode: Mode = "dump",
        declared: Declared | None = None,
    ) -> Article:
        """Clean the text of one document.

        ``seed`` carries metadata found elsewhere (HTML ``<meta>`` tags): it fills
        fields the lines do not provide; ``declared`` holds what an HTML page and the
        profile's selectors say of it, and those facts win over the lines' (in either
        mode: the HTML path cleans a page as a dump when its extractor finds nothing).
        """
        options = options or Options()
        seed = seed or {}
        th = self.thresholds
        doc = self._read(text, profile)
        span, overrides, notes = self._refine(doc, body.find_window(doc, th)) \
            if mode == "dump" and options.line_model \
            else (body.find_window(doc, th), {}, {})  # the model: dumps only
        final, found = decide.decide(doc, span, th)
        for i, f_i in overrides.items():  # the line model's verdicts (cleaner.structures)
            final[i] = f_i
        f = facts.Facts()
        facts.find_title(doc, final, found, span, url, f, self.words)
        facts.find_date_and_byline(doc, final, found, span, f, url=url, seed=seed,
                                   words=self.words, crawl_time=options.crawl_time)
        paragraphs = facts.body_paragraphs(doc, final)
        # chrome glued inside the kept lines cut out (cleaner.spans: deletion-only)
        paragraphs, cut = span_body(spans_for(self.spans, profile.spans if profile else ()),
                                    doc, final, rules=self.rules)
        facts.find_dateline(doc, found, paragraphs, f, url=url, outlet=outlet, options=options)
        facts.captions_and_sources(found, f, self.agency_split)
        fields = assemble.article_fields(
            f, paragraphs=paragraphs,
            decisions=assemble.line_decisions(doc.lines, final, cut),
            profile=profile, language=assemble.guess_language(paragraphs, self.stopwords),
            seed=seed, url=url, outlet=outlet, doc_id=doc_id, encoding=encoding,
            warnings=warnings)
        fields["page_kind"], fields["page_kind_confidence"] = page_structures.page_kind(
            doc.lines, final, self.page_kind_model, url)
        fields["notes"] = tuple((doc.lines[i].n, notes[i]) for i in sorted(notes))
        if mode == "extracted":
            fields["lines"], fields["paragraphs"] = revise(
                fields["lines"], fields["paragraphs"], (declared or Declared()).title, th)
        if declared is not None:
            declared_wins(fields, declared)
        return assemble.build(fields)

    def _read(self, text: str, profile: Profile | None) -> Doc:
        """Lines, then the labels of the line rules and the structures."""
        lines, lower = split_document(text)
        doc = Doc(lines, [None] * len(lines), profile,
                  profile.disable if profile else frozenset(),
                  profile_meta=frozenset(m.id for m in profile.meta) if profile else frozenset(),
                  ellipsis=".." in lower or "\u2026" in lower)
        self.rules.apply(doc, self.rules.absent(lower))
        structures.apply(doc)
        self._shapes(doc)
        return doc

    def _shapes(self, doc: Doc) -> None:
        """Lists with closers, comment sections, tag clouds (:mod:`cleaner.structures`)."""
        marks = page_structures.detect(doc.lines, doc.labels, tuple(self.stopwords.values()))
        for i, (rid, reason) in marks.items():
            if rid not in doc.disabled:
                doc.labels[i] = Label("dropped", rid, reason, soft=rid != "generic.comments")

    def _refine(self, doc: Doc, span: tuple[int, int] | None
                ) -> tuple[tuple[int, int] | None, dict[int, Final], dict[int, str]]:
        """The learned line model overturns the window where it is confident."""
        if self.line_model is None or doc.profile is not None \
                or len(doc.lines) < page_structures.MIN_PAGE_LINES:
            return span, {}, {}  # an outlet profile knows its pages; a short text is no page
        ref = page_structures.refine(doc.lines, doc.labels, span,
                                     tuple(self.stopwords.values()), self.line_model)
        return ref.span, ref.overrides, ref.notes
