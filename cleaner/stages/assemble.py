"""Stage 7, the Article: the decisions and facts of one document, frozen.

Fields the lines did not give are filled from the caller's ``seed`` (facts an HTML
page declares); ``outlet`` falls back from the caller's to the profile's to the URL's
registrable domain; ``language`` is guessed from the body's stop words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..article import Article, LineDecision
from ..lines import Line
from ..profiles import Profile
from ..urls import registrable_domain
from .doc import Final
from .facts import Facts

__all__ = ["LANGUAGE_SAMPLE_WORDS", "article_fields", "guess_language", "line_decisions"]

#: the language guess reads the first this many words of the body (enough to tell
#: languages apart by stop words, and cheap on long pages)
LANGUAGE_SAMPLE_WORDS = 400
#: ... and names a language only when at least one word in this many is one of its stop
#: words (and at least two): below that, the page is in a language no pack knows
LANGUAGE_STOPWORD_EVERY = 25


def line_decisions(lines: Sequence[Line], final: Sequence[Final]) -> tuple[LineDecision, ...]:
    """One :class:`LineDecision` per line."""
    new = tuple.__new__  # LineDecision(...) without the keyword-handling layer
    return tuple([new(LineDecision, (ln.n, ln.text, *f))
                  for ln, f in zip(lines, final, strict=False)])


def guess_language(paragraphs: Sequence[str],
                   stopwords: Mapping[str, frozenset[str]]) -> str | None:
    """The pack language whose stop words are most frequent in the body, or None."""
    if not paragraphs or not stopwords:
        return None
    words: list[str] = []
    for para in paragraphs[:20]:  # the first words, without splitting the rest
        words += para.lower().split()
        if len(words) >= LANGUAGE_SAMPLE_WORDS:
            break
    del words[LANGUAGE_SAMPLE_WORDS:]
    best, best_hits = None, 0
    for lang, stop in stopwords.items():
        hits = sum(map(stop.__contains__, words))
        if hits > best_hits:
            best, best_hits = lang, hits
    if best is None or best_hits < max(2, len(words) // LANGUAGE_STOPWORD_EVERY):
        return None
    return best


def article_fields(
    facts: Facts, *, paragraphs: Sequence[str], decisions: tuple[LineDecision, ...],
    profile: Profile | None, language: str | None, seed: Mapping[str, Any],
    url: str | None, outlet: str | None, doc_id: str | None, encoding: str | None,
    warnings: Sequence[str],
) -> dict[str, Any]:
    """The keyword arguments of :class:`Article` (a dict, so a later stage may revise
    them before the Article is frozen)."""
    return {
        "paragraphs": tuple(paragraphs),
        "id": doc_id,
        # the page's own canonical URL when the caller knows none (a file of HTML)
        "url": url or seed.get("canonical_url"),
        "title": facts.title or seed.get("title"),
        "description": facts.description or seed.get("description"),
        "published": facts.published,
        "modified": seed.get("modified"),
        "author": facts.author or seed.get("author"),
        "editor": facts.editor,
        "photographer": facts.photographer,
        "dateline": facts.dateline,
        "signature": facts.signature,
        "sources": tuple(facts.sources),
        "captions": tuple(facts.captions) or tuple(seed.get("captions", ())),
        "outlet": outlet or (profile.id if profile else None) or registrable_domain(url)
        or seed.get("outlet"),
        "profile": profile.ref if profile else None,
        "language": language or seed.get("language") or (profile.language if profile else None),
        "site_name": seed.get("site_name"),
        "canonical_url": seed.get("canonical_url"),
        "encoding": encoding,
        "warnings": tuple(warnings),
        "lines": decisions,
    }


def build(fields: Mapping[str, Any]) -> Article:
    """The frozen Article."""
    return Article(**fields)
