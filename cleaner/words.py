"""The language words the metadata readers need, gathered from the packs a Cleaner holds.

Every word comes from the ``[words]`` table of a language pack (``cleaner/packs/*.toml``);
nothing here names a language.  Adding a language is one TOML file: its months,
weekdays, time zones, credit labels and relative-time units are picked up here.

Keys read from ``[words]`` (all optional):

* ``months`` (name -> 1..12), ``weekdays`` (list), ``timezones`` (abbreviation ->
  ``+07:00``);
* ``byline`` (list): words that introduce a writer ("By", "Oleh"), also credit
  labels of the ``author`` role;
* ``credits`` (table: role -> list of labels): ``author``, ``editor``,
  ``photographer`` credit labels ("Pewarta", "Editor", "Photo");
* ``relative`` (table): ``after`` (list: "ago", "yang lalu") and ``units`` (unit
  word -> seconds): relative timestamps, resolved only against a crawl time;
* ``clock`` (table): ``before`` (list: "at", "pukul"), the word between a date and
  its time;
* ``names`` (table): ``particles`` (list: "van", "bin"), the lower-case words a
  person's name may contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

__all__ = ["ROLES", "Words"]

#: time zone abbreviations that are no language's words (the packs add WIB, WITA, ...)
STANDARD_TZ = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00",
    "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
    "PST": "-08:00", "PDT": "-07:00",
}


def _alt(words: Iterable[str]) -> str:
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace("'", "['’]?") for w in uniq)

#: the credit roles kept apart in metadata (``author`` = the writers)
ROLES = ("author", "editor", "photographer")


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({w.casefold() for w in words if w}, key=lambda w: (-len(w), w)))


@dataclass(frozen=True, eq=False)
class Words:
    """Word tables merged over all packs, ready for the metadata readers.

    Compared and hashed by identity: an Engine builds one and the readers cache
    their compiled patterns per instance."""

    months: Mapping[str, int] = field(default_factory=dict)
    weekdays: tuple[str, ...] = ()
    timezones: Mapping[str, str] = field(default_factory=dict)
    credits: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    byline: tuple[str, ...] = ()
    relative_units: Mapping[str, int] = field(default_factory=dict)
    relative_after: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    clock_before: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @classmethod
    def from_tables(cls, tables: Iterable[Mapping[str, Any]],
                    languages: Iterable[str] = ()) -> Words:
        """Merge the ``[words]`` tables of several packs (later packs add, never remove)."""
        months: dict[str, int] = {}
        weekdays: list[str] = []
        tzs: dict[str, str] = {}
        credits: dict[str, list[str]] = {role: [] for role in ROLES}
        byline: list[str] = []
        units: dict[str, int] = {}
        after: list[str] = []
        particles: list[str] = []
        clock: list[str] = []
        for words in tables:
            months.update({k.casefold(): int(v) for k, v in words.get("months", {}).items()})
            weekdays.extend(words.get("weekdays", ()))
            tzs.update({k.upper(): v for k, v in words.get("timezones", {}).items()})
            credits["author"].extend(words.get("byline", ()))
            byline.extend(words.get("byline", ()))
            for role, labels in words.get("credits", {}).items():
                credits.setdefault(role, []).extend(labels)
            relative = words.get("relative", {})
            units.update({k.casefold(): int(v) for k, v in relative.get("units", {}).items()})
            after.extend(relative.get("after", ()))
            particles.extend(words.get("names", {}).get("particles", ()))
            clock.extend(words.get("clock", {}).get("before", ()))
        return cls(
            months=months, weekdays=_longest_first(weekdays), timezones=tzs,
            credits={role: _longest_first(v) for role, v in credits.items()},
            byline=_longest_first(byline),
            relative_units=units, relative_after=_longest_first(after),
            particles=_longest_first(particles), clock_before=_longest_first(clock),
            languages=tuple(dict.fromkeys(languages)),
        )

    @classmethod
    def from_packs(cls, packs: Iterable[Any]) -> Words:
        """From loaded packs (anything with ``.words`` and ``.language``)."""
        packs = list(packs)
        return cls.from_tables((p.words for p in packs),
                               (p.language for p in packs if p.language))

    @property
    def byline_labels(self) -> tuple[str, ...]:
        """Every credit label of every role, longest first."""
        return _longest_first(w for labels in self.credits.values() for w in labels)

    @property
    def all_timezones(self) -> dict[str, str]:
        """The standard abbreviations plus the packs' own (``WIB`` -> ``+07:00``)."""
        return {**STANDARD_TZ, **self.timezones}

    @cached_property
    def placeholders(self) -> dict[str, str]:
        """Regex fragments for ``{month}``, ``{weekday}``, ``{tz}``, ``{date}``, ``{time}``
        in the rules of packs and profiles."""
        month = f"(?:{_alt(self.months)})"
        tz = f"(?:{_alt(self.all_timezones)})"
        time = (r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?"
                rf"(?:\s*{tz}|\s*[+-]\d{{2}}:?\d{{2}})?)")
        date = (rf"(?:\d{{1,2}}\s*{month}\.?\s*,?\s*\d{{4}}"
                rf"|{month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
                r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)")
        return {"month": month, "weekday": f"(?:{_alt(self.weekdays)})", "tz": tz,
                "time": time, "date": date}
