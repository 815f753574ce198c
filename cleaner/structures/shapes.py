"""Chrome shapes found before the body window: lists with closers, comments, tag clouds.

Shapes only; the words that mark them (a comments header, a list closer such as
"Selengkapnya »" or "See all", share/follow furniture) are pack rules whose *reason*
names the role: ``comments`` for a comments header, ``list-end`` for a list closer.
Each detector returns soft decisions (the window or the line model may still vouch for
a line; see :mod:`cleaner.structures`) with a ``generic.*`` rule id and a reason.

* ``generic.comments``: everything after a comments header that follows the article's
  prose (reader comments are prose too, so the window alone takes them in);
* ``generic.list``: the run of short, non-prose lines a list closer ends (the list of
  other articles it closes), and runs of stamp-led teaser items ("PORTAL | Senin 03 Mar
  2014, 11:05 WIB Polisi menangkap ...");
* ``generic.tag-cloud``: one long line of capitalised words with no stop word and no
  final stop ("Persija Timnas Pemilu Banjir Jakarta Harga Beras ...").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from ..lines import Line

__all__ = ["RULES", "detect"]

#: id -> reason of every rule here (for docs, ``disable`` and ``explain``)
RULES: dict[str, str] = {
    "generic.comments": "comments",
    "generic.list": "related",
    "generic.tag-cloud": "tags",
}
#: a comments header ends the article only after this many prose words (a "Comments"
#: link in a top menu comes before any)
COMMENTS_MIN_PROSE_BEFORE = 80
#: a list a closer ends has at least this many items
LIST_MIN_ITEMS = 3
#: ...and its items are at most this long
LIST_ITEM_MAX_WORDS = 20
#: a tag cloud is a line of at least this many words (a title-case headline has fewer)
#: with none of the punctuation a headline or a sentence has...
TAG_CLOUD_MIN_WORDS = 18
#: ...nearly all capitalised...
TAG_CLOUD_MIN_CAPS = 0.9
#: ...with at most this share of stop words
TAG_CLOUD_MAX_STOPS = 0.05
#: stamp-led teaser items come in runs of at least this many
TEASER_MIN_RUN = 3
#: ...at most this many lines apart (a headline, a teaser, the next headline)
TEASER_MAX_GAP = 2
_SENTENCE_MARKS = ",:;?!\"'“”‘’()"
# "OUTLET | Senin 03 Mar 2014, 11:05 WIB ..." / "03/03/2014 11:05 ...": a line that
# opens on a date-and-time stamp within its first few tokens
_STAMP_LEAD = re.compile(
    r"^(?:[^\s|]{1,30}\s*[|•·-]\s*)?(?:\w{2,10},?\s+)?"
    r"(?:\d{1,2}[\s/.-]\w{2,10}[\s/.-]\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+\d{1,2}[:.]\d{2}\b")


def _stops(ln: Line, stopwords: Sequence[Collection[str]]) -> float:
    toks = ln.lower.split()
    if not toks or not stopwords:
        return 0.0
    return max(sum(t in sw for t in toks) for sw in stopwords) / len(toks)


def _open(lb: Any) -> bool:
    return lb is None or (lb.decision == "dropped" and lb.soft)


def _tag_cloud(ln: Line, stopwords: Sequence[Collection[str]]) -> bool:
    """One long line of capitalised words, no sentence punctuation, no stop words."""
    return ln.words >= TAG_CLOUD_MIN_WORDS and not ln.terminal and not ln.enumerated \
        and not any(ch in ln.text for ch in _SENTENCE_MARKS) \
        and ln.caps >= TAG_CLOUD_MIN_CAPS and ln.numeric < 0.3 \
        and _stops(ln, stopwords) <= TAG_CLOUD_MAX_STOPS


def _closed_list(lines: Sequence[Line], labels: Sequence[Any], i: int) -> list[int]:
    """The short, non-prose lines right above the list closer at ``i`` (its items)."""
    j, items = i - 1, []
    while j >= 0 and _open(labels[j]) and not lines[j].prose \
            and lines[j].words <= LIST_ITEM_MAX_WORDS:
        items.append(j)
        j -= 1
    return items if len(items) >= LIST_MIN_ITEMS else []


def _teaser_lists(lines: Sequence[Line], labels: Sequence[Any]) -> list[int]:
    """Stamp-led teaser items close together (a headline may sit between two of them)."""
    n = len(lines)
    stamped = [i for i in range(n) if _open(labels[i]) and _STAMP_LEAD.match(lines[i].text)]
    out: list[int] = []
    group: list[int] = []
    for i in [*stamped, n + TEASER_MAX_GAP + 1]:
        if group and i - group[-1] > TEASER_MAX_GAP:
            if len(group) >= TEASER_MIN_RUN:
                out += [k for k in range(group[0], group[-1] + 1) if _open(labels[k])
                        and (k in group or lines[k].words <= LIST_ITEM_MAX_WORDS)]
            group = []
        group.append(i)
    return out


def detect(
    lines: Sequence[Line], labels: Sequence[Any], stopwords: Sequence[Collection[str]] = ()
) -> dict[int, tuple[str, str]]:
    """Soft decisions ``{line index: (rule id, reason)}`` on lines no rule decided."""
    out: dict[int, tuple[str, str]] = {}
    prose_words = 0
    comments_from = None
    for i, (ln, lb) in enumerate(zip(lines, labels, strict=True)):
        if lb is None:
            prose_words += ln.words if ln.prose else 0
            if _tag_cloud(ln, stopwords):
                out[i] = ("generic.tag-cloud", "tags")
        elif lb.decision == "dropped" and lb.reason == "comments" and comments_from is None \
                and prose_words >= COMMENTS_MIN_PROSE_BEFORE:
            comments_from = i
        elif lb.decision == "dropped" and lb.reason == "list-end":
            out.update((k, ("generic.list", "related")) for k in _closed_list(lines, labels, i))
    if comments_from is not None:
        out.update((k, ("generic.comments", "comments"))
                   for k in range(comments_from + 1, len(lines)) if labels[k] is None)
    out.update((k, ("generic.list", "related")) for k in _teaser_lists(lines, labels))
    return out
