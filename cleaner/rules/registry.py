"""Every rule id the engine and the HTML path emit on their own (not read from a file).

The ids of profile and pack rules come from their TOML files; the ids below are the
engine's: the generic heuristics, the body window, the header facts it finds in lines
no rule matched, and the HTML input mode.  This table is the one list of them: a
profile's ``disable`` is checked against it (and the pack rule ids) at load, ``cleaner
profiles check`` reports an unknown id as an error, and ``docs/profiles.md`` lists it
(a test keeps the two in step).

An id with ``disable = None`` cannot be switched off: it is the decision every line
gets when nothing else decided (the window's), or one the HTML input mode makes about
what trafilatura already extracted.  Naming such an id in ``disable`` is an error that
says why, rather than a setting that silently does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ENGINE_RULES", "EngineRule", "disable_problem"]


@dataclass(frozen=True, slots=True)
class EngineRule:
    """One engine rule id: the reason it records, what it does, and what ``disable``
    does to it (None: it cannot be disabled)."""

    reason: str
    description: str
    disable: str | None


ENGINE_RULES: dict[str, EngineRule] = {
    "generic.foreign-script": EngineRule(
        "foreign-script", "a line mostly in another script than the document's",
        "such lines are left to the window"),
    "generic.teaser": EngineRule(
        "teaser", "a truncated headline (ends in an ellipsis) whose full form is another line",
        "teasers are left to the window"),
    "generic.duplicate": EngineRule(
        "duplicate", "a line of five words or more repeating an earlier line",
        "repeated lines are left to the window"),
    "generic.headline-run": EngineRule(
        "related", "three or more headline-shaped lines in a row (a list of links)",
        "such runs are left to the window"),
    "generic.window": EngineRule(
        "body", "an undecided line inside the body window: body", None),
    "generic.window.before": EngineRule(
        "header", "an undecided line above the body window", None),
    "generic.window.after": EngineRule(
        "footer", "an undecided line below the body window", None),
    "generic.title": EngineRule(
        "title", "the headline, chosen among the lines above the body",
        "no line is taken as the title"),
    "generic.description": EngineRule(
        "description", "the standfirst: the prose line right under the chosen title",
        "no line is taken as the standfirst"),
    "generic.date": EngineRule(
        "date", "a date in a header line no rule matched",
        "header lines are not searched for a date"),
    "generic.byline": EngineRule(
        "byline", "an author's name in a header line no rule matched",
        "header lines are not searched for a byline"),
    # the header block's own readers (cleaner.meta.header); switched off with their
    # family: disable generic.date, generic.byline or generic.title
    "generic.date.relative": EngineRule(
        "date", "a relative date ('2 jam yang lalu') resolved against the crawl time", None),
    "generic.byline.repeated": EngineRule(
        "byline", "a bare name above the body that the page prints again below it", None),
    "generic.credit.author": EngineRule(
        "byline", "a credit line's writers (the packs' [words.credits] author labels)", None),
    "generic.credit.editor": EngineRule(
        "byline", "a credit line's editors (the packs' [words.credits] editor labels)", None),
    "generic.credit.photographer": EngineRule(
        "byline", "a credit line's photographers ([words.credits] photographer labels)",
        None),
    "generic.title.first-line": EngineRule(
        "title", "the headline part of the page's first line (its <title>)", None),
    "generic.list": EngineRule(
        "related", "the short lines a list closer ends, or a run of stamp-led teaser items "
        "(cleaner.structures)", "such lists are left to the window"),
    "generic.comments": EngineRule(
        "comments", "a line after a comments header that follows the article's prose",
        "comment sections are left to the window"),
    "generic.tag-cloud": EngineRule(
        "tags", "one long line of capitalised words with no stop word and no final stop",
        "tag clouds are left to the window"),
    "generic.linemodel": EngineRule(
        "chrome", "the learned line model's verdict on a page with no profile (its note in "
        "explain names the features)", None),
    "html.title": EngineRule(
        "title", "HTML input: the page's declared title repeated above the body", None),
    "html.extracted": EngineRule(
        "body", "HTML input: a line trafilatura extracted that the window would drop", None),
}


def disable_problem(rule_id: str, file_ids: Iterable[str]) -> str | None:
    """Why ``rule_id`` cannot be named in ``disable`` (None when it can).

    ``file_ids``: the ids of the rules of the language packs, which may be disabled.
    """
    rule = ENGINE_RULES.get(rule_id)
    if rule is not None:
        if rule.disable is None:
            return f"{rule_id!r} cannot be disabled ({rule.description})"
        return None
    if rule_id in set(file_ids):
        return None
    return (f"unknown rule id {rule_id!r}: not a pack rule and not one of the engine's "
            "(see docs/profiles.md, 'Rule ids of the engine')")
