"""Every number the text engine decides by, in one table, each with its reason.

The engine's stages (:mod:`cleaner.stages`) read their numbers from a
:class:`Thresholds`; none is written inline.  The defaults are the values the samples,
the outlet fixtures and the dev pages were tuned on.  :class:`Thresholds` is frozen
and hashable, like :class:`~cleaner.options.Options`; pass another one to
``Engine(packs, thresholds=...)`` to experiment without editing code.

Costs are negative window scores: a line that costs more is less likely to sit inside
the body window (:mod:`cleaner.stages.body`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .lines import LONG_LINE_WORDS

__all__ = ["DEFAULT", "Thresholds"]


def _frozen(**costs: float) -> Mapping[str, float]:
    return MappingProxyType(costs)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The engine's numbers.  See each field's comment for why it has its value."""

    # ---------------------------------------------------------------- line rules
    #: a pack list header ("Berita Terkait", "Read more") is a short line: at most this
    #: many words (a longer line that opens with those words is a sentence)
    list_header_words: int = 8
    #: pack verdicts cached per Engine before the cache starts afresh (a crawl's chrome
    #: recurs within a few pages; 65,536 short strings is a few MB)
    verdict_cache: int = 1 << 16

    # ---------------------------------------------------------------- body window
    #: a prose line scores its word count, capped: one very long line (a glued page)
    #: must not outweigh the article's other paragraphs
    prose_score_cap: int = 60
    #: a line a profile forces into the body scores at least this (short kept lines)
    keep_score_min: int = 5
    #: a headline-shaped short line outside the body: a menu entry or other article
    headline_cost: float = 3.0
    #: a short non-headline line, and the growth per line of a run of them: a subheading
    #: costs little, the tenth short line in a row (a menu) costs a lot
    short_line_cost: float = 0.5
    #: what a dropped line costs when its reason has no entry in ``chrome_cost``
    default_chrome_cost: float = 4.0
    #: what a metadata line costs when its reason has no entry in either table
    default_meta_cost: float = 3.0
    #: costs by reason for dropped lines (and metadata lines with those reasons): a
    #: footer or comment section ends the article; an end marker (agency credit,
    #: editor initials) is a hard stop the window must not reach across
    chrome_cost: Mapping[str, float] = field(default_factory=lambda: _frozen(
        footer=20.0, related=6.0, signature=12.0, source=12.0, comments=20.0,
        timestamp=10.0))
    #: costs of header facts: cheap, the article's own header sits right above its body
    meta_cost: Mapping[str, float] = field(default_factory=lambda: _frozen(
        caption=2.0, date=3.0, byline=3.0, title=3.0, dateline=3.0))

    # ---------------------------------------------------------------- window edges
    #: the tail extension looks at most this many lines past the window
    tail_reach: int = 200
    #: an enumerated run after the body joins it when it has at least this many items
    tail_list_items: int = 2
    #: ... each of at most this many words (longer "1." lines are other articles' teasers)
    tail_list_item_words: int = 60
    #: a closing line joins the body only when it is short (longer is its own paragraph
    #: and the window already weighed it)
    tail_line_words: int = LONG_LINE_WORDS
    #: a standfirst is looked for in the first lines of the window, at most this many
    standfirst_reach: int = 12
    #: ... and is at most this many prose lines before the dateline paragraph
    standfirst_lines: int = 2

    # ---------------------------------------------------------------- header facts
    #: header facts (byline, date) sit at most this many lines above the body
    head_reach: int = 30
    #: end markers (signature, agency) count up to this many lines after the body
    end_marker_reach: int = 6
    # (the header block's own numbers, how far into the body a byline may sit and how
    # long a header line is, live beside the reader: cleaner.meta.header)

    # ---------------------------------------------------------------- extracted text
    #: in extracted-text mode (the HTML path), when the window keeps less than this
    #: share of the extractor's words, the lines it dropped below the body are kept too
    extracted_fallback_share: float = 0.5


#: the table the engine uses unless told otherwise
DEFAULT = Thresholds()
