"""Outlet profiles and language packs: TOML data, validated on load.

Both kinds of file share the rule tables (``drop``, ``keep``, ``cut_after``,
``cut_before``, ``list_after``, ``meta``); a profile adds ``domains`` and
``signatures`` that pick it for a page, ``disable`` to switch generic rules off, and
``html`` selectors.  A pack adds ``words`` (month names, stopwords, ...).  Every key is
documented in ``docs/profiles.md``; an unknown key or a bad value raises
:class:`~cleaner.errors.ProfileError` naming the file and the key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..errors import ProfileError
from ..rules.matcher import (
    LINE_ACTIONS,
    MATCH_KINDS,
    META_MAX_WORDS,
    PACK_ACTIONS,
    MetaRule,
    MetaRuleSet,
    Rule,
    RuleSet,
)
from ..rules.prefilter import required_literal
from ..rules.registry import disable_problem
from ..spans import SPAN_KEYS, SPAN_WORDS, SpanRule, parse_span_rule
from ..words import Words
from ._regex_safety import redos_risk
from ._selectors import CSSUnavailable, compile_selector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "BUILTIN_DIR",
    "META_FIELDS",
    "RULE_ACTIONS",
    "SCHEMA",
    "WORDS_KEYS",
    "MetaRule",
    "Profile",
    "ProfileRegistry",
    "builtin_words",
    "load_file",
    "load_packs",
    "merge_under",
    "replaced_note",
]

BUILTIN_DIR = Path(__file__).parent
PACKS_DIR = Path(__file__).parent.parent / "packs"

#: the whole-line rule tables, in the order a profile's rules are tried on a line
RULE_ACTIONS = LINE_ACTIONS
META_FIELDS = (
    "title", "description", "published", "author", "dateline", "signature", "source", "caption",
)
_RULE_KEYS = {
    "id", "match", "text", "pattern", "reason", "case_sensitive", "max_words", "requires", "note",
}
_META_KEYS = {"id", "pattern", "reason", "case_sensitive", "max_words", "requires", "note"}
_HTML_KEYS = {"prune", "body", "title", "date", "author", "caption"}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
#: a profile file larger than this is refused before it is parsed (the largest built-in
#: one is a few kB; a multi-megabyte "profile" is a mistake or an attack)
MAX_PROFILE_BYTES = 1 << 20
#: the longest regex a rule may give, as written (the longest built-in is under 500
#: characters; placeholders expand after this check)
MAX_REGEX_CHARS = 4000
#: the deepest nesting of groups a regex may have: Python's parser and compiler recurse
#: once per level, and no real rule needs more than a handful
MAX_REGEX_DEPTH = 50

_PROFILE_KEYS = {
    "id", "version", "name", "language", "domains", "signatures", "signature_patterns",
    "disable", "html", "notes",
    *RULE_ACTIONS, "meta", "cut_span",
}
_PACK_KEYS = {"id", "version", "name", "language", "words", "notes", *PACK_ACTIONS, "meta",
              "cut_span"}
#: The keys of a pack's ``[words]`` table and the kind of value each takes (``list``:
#: strings; ``months``: name -> 1..12; ``offsets``: abbreviation -> "+07:00";
#: ``hints``: reason -> list of strings).  Adding
#: a key is one line here and one row in docs/profiles.md (a test keeps them in step).
WORDS_KEYS: dict[str, str] = {
    "stopwords": "list",
    "weekdays": "list",
    "byline": "list",
    "ago": "list",
    "and": "list",
    "months": "months",
    "timezones": "offsets",
    "learn_hints": "hints",
    # cleaner.meta (cleaner/words.py): credit role labels, relative-time words, the word
    # before a clock time, name particles
    "credits": "hints",
    "relative": "relative",
    "clock": "hints",
    "names": "hints",
    "spans": "spans",
}
#: every key the validator accepts, per kind of table (read by the docs test)
SCHEMA: dict[str, frozenset[str]] = {
    "profile": frozenset(_PROFILE_KEYS),
    "pack": frozenset(_PACK_KEYS),
    "rule": frozenset(_RULE_KEYS),
    "meta": frozenset(_META_KEYS),
    "words": frozenset(WORDS_KEYS),
    "html": frozenset(_HTML_KEYS),
    "cut_span": frozenset(SPAN_KEYS),
    "words.spans": frozenset(SPAN_WORDS),
}


@dataclass(frozen=True)
class Profile:
    """One outlet profile or language pack, compiled and ready to match."""

    id: str
    version: str
    path: str
    kind: str  # "profile" or "pack"
    name: str = ""
    language: str | None = None
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    signature_patterns: tuple[re.Pattern[str], ...] = ()
    disable: frozenset[str] = frozenset()
    rules: Mapping[str, RuleSet] = field(default_factory=dict)
    meta: tuple[MetaRule, ...] = ()
    html: Mapping[str, Any] = field(default_factory=dict)
    words: Mapping[str, Any] = field(default_factory=dict)
    spans: tuple[SpanRule, ...] = ()  # [[cut_span]] rules (cleaner.spans)

    @property
    def ref(self) -> str:
        """``id@version``, as recorded in ``Article.profile``."""
        return f"{self.id}@{self.version}"

    @cached_property
    def metaset(self) -> MetaRuleSet:
        """The ``meta`` rules compiled for matching (first match in file order)."""
        return MetaRuleSet.compile(self.meta)

    def ruleset(self, action: str) -> RuleSet:
        found = self.rules.get(action)  # (not "or": that would call RuleSet.__len__)
        return _EMPTY if found is None else found

    def matches_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        for dom in self.domains:
            if dom.startswith("*."):
                if host.endswith(dom[1:]) or host == dom[2:]:
                    return True
            elif host == dom:
                return True
        return False


_EMPTY = RuleSet.compile(())


def _fail(path: str, key: str, problem: str) -> ProfileError:
    return ProfileError(path, key, problem)


def _syntax_key(path: Path, err: tomllib.TOMLDecodeError) -> str:
    """Name the key on the line a TOML syntax error points at."""
    m = re.search(r"line (\d+)", str(err))
    if not m:
        return ""
    lineno = int(m.group(1))
    try:
        text = path.read_text(encoding="utf-8").splitlines()[lineno - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return f"line {lineno}"
    km = re.match(r"\s*\[*\s*([A-Za-z0-9_.\"-]+)", text)
    return f"line {lineno} ({km.group(1)})" if km else f"line {lineno}"


def _expect(value: Any, typ: type | tuple[type, ...], path: str, key: str, what: str) -> Any:
    if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
        raise _fail(path, key, f"must be {what}, got {type(value).__name__}")
    return value


def _str_list(value: Any, path: str, key: str) -> tuple[str, ...]:
    _expect(value, list, path, key, "a list of strings")
    for i, item in enumerate(value):
        _expect(item, str, path, f"{key}[{i}]", "a string")
    return tuple(value)


_PLACEHOLDER = re.compile(r"\{(month|weekday|tz|date|time)\}")


@lru_cache(maxsize=1)
def _builtin_pack_data() -> tuple[tuple[Path, dict[str, Any]], ...]:
    """The shipped pack files (``common`` first), read and decoded once per process:
    their ``[words]`` build the placeholders every rule is compiled with, the packs'
    own rules included, so they are read before any pack is parsed, and
    :func:`load_packs` parses these same tables instead of reading the files again."""
    files = sorted(PACKS_DIR.glob("*.toml"), key=lambda p: (p.stem != "common", p.stem))
    return tuple((f, _read_toml(f)) for f in files)


@lru_cache(maxsize=1)
def builtin_words() -> Words:
    """The ``[words]`` of the shipped packs: the words the ``{date}`` placeholders of
    every rule are built from, and the metadata readers' default."""
    data = [d for _, d in _builtin_pack_data()]
    return Words.from_tables([d.get("words", {}) for d in data],
                             [d["language"] for d in data if d.get("language")])


def expand(pattern: str) -> str:
    """Replace ``{month}``, ``{weekday}``, ``{tz}``, ``{date}``, ``{time}`` placeholders."""
    if "{" not in pattern:
        return pattern
    table = builtin_words().placeholders
    return _PLACEHOLDER.sub(lambda m: table[m.group(1)], pattern)


def _check_regex(pattern: str, path: str, key: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a profile regex; refuse one that can take super-linear time (ReDoS).

    Profiles are user input, so every pattern of a user or learned profile goes through
    :func:`~cleaner.profiles._regex_safety.redos_risk` (see ``docs/security.md``).  The
    built-in packs and profiles are vetted by ``tests/test_hostile_profiles.py`` instead,
    which keeps loading them cheap.  Line rules see whitespace-normalised lines;
    signature patterns (the only ones compiled ``MULTILINE``) see raw text.
    """
    if len(pattern) > MAX_REGEX_CHARS:
        raise _fail(path, key, f"regex of {len(pattern):,} characters; at most "
                    f"{MAX_REGEX_CHARS:,}")
    depth = _nesting(pattern)
    if depth > MAX_REGEX_DEPTH:
        raise _fail(path, key, f"groups nested {depth} deep; at most {MAX_REGEX_DEPTH}")
    try:
        compiled = re.compile(expand(pattern), flags)
    except re.error as exc:
        raise _fail(path, key, f"invalid regex: {exc}") from None
    except (OverflowError, RecursionError, ValueError) as exc:  # a{4294967295}
        raise _fail(path, key, f"invalid regex: {exc}") from None
    if not _builtin(path):
        try:
            why = redos_risk(compiled.pattern, flags, collapsed=not flags & re.MULTILINE)
        except RecursionError:
            why = "too complex to check"
        if why:
            raise _fail(path, key, f"can take super-linear time (ReDoS): {why}")
    return compiled


def _nesting(pattern: str) -> int:
    """How deep the groups of a regex nest (escapes and character classes skipped): a
    cheap scan, so a pathological pattern is refused before Python's parser recurses."""
    depth = deepest = 0
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(depth - 1, 0)
        i += 1
    return deepest


def _class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` closing the character class that opens at ``i``."""
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1  # a leading "]" is a literal
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _builtin(path: str) -> bool:
    return Path(path).resolve().parent in (BUILTIN_DIR.resolve(), PACKS_DIR.resolve())


def _parse_rule(raw: Any, action: str, i: int, path: str, seen: set[str]) -> Rule:
    where = f"{action}[{i}]"
    _expect(raw, dict, path, where, "a table")
    for key in raw:
        if key not in _RULE_KEYS:
            raise _fail(path, f"{where}.{key}", "unknown key")
    rid = _expect(raw.get("id"), str, path, f"{where}.id", "a string id")
    if not _ID.match(rid):
        raise _fail(path, f"{where}.id", f"{rid!r} is not a valid id (lowercase, digits, . _ -)")
    if rid in seen:
        raise _fail(path, f"{where}.id", f"duplicate id {rid!r}")
    seen.add(rid)
    match = raw.get("match", "regex" if "pattern" in raw else "exact")
    if match not in MATCH_KINDS:
        raise _fail(path, f"{where}.match", f"must be one of {', '.join(MATCH_KINDS)}")
    if match == "regex":
        if "text" in raw:
            raise _fail(path, f"{where}.text", "regex rules take 'pattern', not 'text'")
        text = _expect(raw.get("pattern"), str, path, f"{where}.pattern", "a regex string")
        cs = raw.get("case_sensitive", False)
        compiled = _check_regex(text, path, f"{where}.pattern", 0 if cs else re.IGNORECASE)
        text = expand(text)
        if compiled.groupindex:
            raise _fail(path, f"{where}.pattern", "named groups belong in [[meta]] rules; "
                        "use (?:...)")
    else:
        if "pattern" in raw:
            raise _fail(path, f"{where}.pattern", f"{match} rules take 'text', not 'pattern'")
        text = _expect(raw.get("text"), str, path, f"{where}.text", "a string")
        if not text.strip():
            raise _fail(path, f"{where}.text", "must not be empty")
        text = " ".join(text.split())
    reason = _expect(raw.get("reason", "keep" if action == "keep" else None), str, path,
                     f"{where}.reason", "a reason category string")
    cs = _expect(raw.get("case_sensitive", False), bool, path, f"{where}.case_sensitive",
                 "true or false")
    max_words = raw.get("max_words")
    if max_words is not None:
        _expect(max_words, int, path, f"{where}.max_words", "an integer")
    return Rule(id=rid, action=action, match=match, text=text, reason=reason,
                case_sensitive=cs, max_words=max_words, source=path,
                requires=_requires(raw, path, where))


def _requires(raw: Mapping[str, Any], path: str, where: str) -> tuple[str, ...] | None:
    """The optional pre-check: substrings of which one must occur in the (case-folded)
    line before the pattern is tried.  Plain ``in`` tests cost almost nothing, so slow
    patterns (captions, copyright lines) only run on the few lines that could match."""
    if "requires" not in raw:
        return None
    items = _str_list(raw["requires"], path, f"{where}.requires")
    if not items or not all(items):
        raise _fail(path, f"{where}.requires", "must be a non-empty list of non-empty strings")
    return tuple(i.casefold() for i in items)


def _parse_meta(raw: Any, i: int, path: str, seen: set[str]) -> MetaRule:
    where = f"meta[{i}]"
    _expect(raw, dict, path, where, "a table")
    for key in raw:
        if key not in _META_KEYS:
            raise _fail(path, f"{where}.{key}", "unknown key")
    rid = _expect(raw.get("id"), str, path, f"{where}.id", "a string id")
    if not _ID.match(rid):
        raise _fail(path, f"{where}.id", f"{rid!r} is not a valid id")
    if rid in seen:
        raise _fail(path, f"{where}.id", f"duplicate id {rid!r}")
    seen.add(rid)
    pattern = _expect(raw.get("pattern"), str, path, f"{where}.pattern", "a regex string")
    cs = _expect(raw.get("case_sensitive", False), bool, path, f"{where}.case_sensitive",
                 "true or false")
    compiled = _check_regex(pattern, path, f"{where}.pattern", 0 if cs else re.IGNORECASE)
    if not compiled.groupindex:
        raise _fail(path, f"{where}.pattern", "needs at least one named group, one of "
                    + ", ".join(META_FIELDS))
    for name in compiled.groupindex:
        if name not in META_FIELDS:
            raise _fail(path, f"{where}.pattern", f"group {name!r} is not one of "
                        + ", ".join(META_FIELDS))
    reason = _expect(raw.get("reason"), str, path, f"{where}.reason", "a reason string")
    max_words = _expect(raw.get("max_words", META_MAX_WORDS), int, path, f"{where}.max_words",
                        "an integer")
    return MetaRule(id=rid, pattern=compiled, reason=reason, source=path, max_words=max_words,
                    requires=_requires(raw, path, where))


def parse(data: Mapping[str, Any], path: str, kind: str = "profile") -> Profile:
    """Validate parsed TOML and compile it; raises ``ProfileError`` naming the key."""
    _check_keys(data, path, kind)
    pid = _expect(data.get("id"), str, path, "id", "a string")
    version = _expect(data.get("version"), str, path, "version", "a string such as \"2025.1\"")
    name = _expect(data.get("name", ""), str, path, "name", "a string")
    language = data.get("language")
    if language is not None:
        _expect(language, str, path, "language", "a language code string")
    seen: set[str] = set()
    rules: dict[str, RuleSet] = {}
    for action in RULE_ACTIONS:
        raw = data.get(action, [])
        _expect(raw, list, path, action, f"an array of tables ([[{action}]])")
        rules[action] = RuleSet.compile(
            _parse_rule(r, action, i, path, seen) for i, r in enumerate(raw)
        )
    raw_meta = data.get("meta", [])
    _expect(raw_meta, list, path, "meta", "an array of tables ([[meta]])")
    meta = tuple(_parse_meta(r, i, path, seen) for i, r in enumerate(raw_meta))
    raw_spans = _expect(data.get("cut_span", []), list, path, "cut_span",
                        "an array of tables ([[cut_span]])")
    spans = tuple(parse_span_rule(r, i, path, seen, _check_regex)
                  for i, r in enumerate(raw_spans))
    return Profile(
        id=pid, version=version, path=path, kind=kind, name=name, language=language,
        domains=_domains(data, path), signatures=_signatures(data, path),
        signature_patterns=tuple(
            _check_regex(p, path, f"signature_patterns[{i}]", re.MULTILINE)
            for i, p in enumerate(_str_list(data.get("signature_patterns", []), path,
                                            "signature_patterns"))),
        disable=_disable(data, path), rules=rules, meta=meta,
        html=_html(data, path), words=_words(data, path), spans=spans,
    )


def _check_keys(data: Mapping[str, Any], path: str, kind: str) -> None:
    allowed = _PROFILE_KEYS if kind == "profile" else _PACK_KEYS
    for key in data:
        if key in allowed:
            continue
        if key in RULE_ACTIONS:
            raise _fail(path, key, f"a language pack takes only {', '.join(PACK_ACTIONS)} and "
                        "meta rules (keep and the cuts need an outlet's layout: put them "
                        "in an outlet profile)")
        raise _fail(path, key, "unknown key")


def _domains(data: Mapping[str, Any], path: str) -> tuple[str, ...]:
    domains = _str_list(data.get("domains", []), path, "domains")
    for i, dom in enumerate(domains):
        if not re.match(r"^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$", dom):
            raise _fail(path, f"domains[{i}]", f"{dom!r} is not a domain (use *.x.com for "
                        "subdomains)")
    return domains


def _signatures(data: Mapping[str, Any], path: str) -> tuple[str, ...]:
    """Plain signatures: an empty or blank one would claim every document."""
    signatures = _str_list(data.get("signatures", []), path, "signatures")
    for i, sig in enumerate(signatures):
        if not sig.strip():
            raise _fail(path, f"signatures[{i}]", "must not be empty or only whitespace "
                        "(it would claim every document)")
    return signatures


def _disable(data: Mapping[str, Any], path: str) -> frozenset[str]:
    """The rule ids a profile switches off: each must be one the engine can switch off
    (:mod:`cleaner.rules.registry`) or a rule of a language pack."""
    ids = _str_list(data.get("disable", []), path, "disable")
    for i, rid in enumerate(ids):
        problem = disable_problem(rid, _pack_rule_ids())
        if problem:
            raise _fail(path, f"disable[{i}]", problem)
    return frozenset(ids)


@lru_cache(maxsize=1)
def _pack_rule_ids() -> frozenset[str]:
    """The ids of every rule of the built-in language packs (read once, when a profile
    first names one in ``disable``)."""
    return frozenset(r.id for p in load_packs() for rs in p.rules.values() for r in rs) \
        | frozenset(m.id for p in load_packs() for m in p.meta) \
        | frozenset(sp.id for p in load_packs() for sp in p.spans)


def _html(data: Mapping[str, Any], path: str) -> Mapping[str, Any]:
    """The ``[html]`` selectors, each compiled once here so a broken one is an error at
    load naming its key (the HTML path compiles them again, from the cache)."""
    html = data.get("html", {})
    _expect(html, dict, path, "html", "a table ([html])")
    for key, value in html.items():
        if key not in _HTML_KEYS:
            raise _fail(path, f"html.{key}", "unknown key")
        items = [(f"html.{key}", value)] if isinstance(value, str) else \
            [(f"html.{key}[{i}]", v) for i, v in enumerate(_str_list(value, path, f"html.{key}"))]
        for where, selector in items:
            if _builtin(path):
                break  # (vetted by tests/test_hostile_profiles.py: no lxml import here)
            try:
                compile_selector(selector)
            except CSSUnavailable:
                continue  # (checked where it is used, as it always was)
            except ValueError as exc:
                raise _fail(path, where, str(exc)) from None
    return html


def _words(data: Mapping[str, Any], path: str) -> Mapping[str, Any]:
    """A pack's ``[words]``: only the keys of ``WORDS_KEYS``, each of its kind."""
    words = data.get("words", {})
    _expect(words, dict, path, "words", "a table ([words])")
    for key, value in words.items():
        kind = WORDS_KEYS.get(key)
        if kind is None:
            raise _fail(path, f"words.{key}", "unknown key (one of "
                        + ", ".join(sorted(WORDS_KEYS)) + ")")
        _WORD_CHECKS[kind](value, path, f"words.{key}")
    return words


_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


def _span_words(value: Any, path: str, key: str) -> None:
    """``[words.spans]``: the word lists of :mod:`cleaner.spans` (``SPAN_WORDS``)."""
    _expect(value, dict, path, key, "a table")
    for name, items in value.items():
        if name not in SPAN_WORDS:
            raise _fail(path, f"{key}.{name}", "unknown key (one of "
                        + ", ".join(sorted(SPAN_WORDS)) + ")")
        _str_list(items, path, f"{key}.{name}")


def _word_table(value: Any, path: str, key: str, check: Callable[[Any], bool],
                what: str) -> None:
    _expect(value, dict, path, key, "a table")
    for name, item in value.items():
        if not name.strip() or not check(item):
            raise _fail(path, f"{key}.{name}", f"must be {what}")


_WORD_CHECKS: dict[str, Callable[[Any, str, str], Any]] = {
    "list": _str_list,
    "months": lambda v, path, key: _word_table(
        v, path, key, lambda m: isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12,
        "a month number 1..12"),
    "offsets": lambda v, path, key: _word_table(
        v, path, key, lambda o: isinstance(o, str) and bool(_OFFSET.match(o)),
        'a UTC offset such as "+07:00"'),
    "spans": lambda v, path, key: _span_words(v, path, key),
    "hints": lambda v, path, key: _word_table(
        v, path, key, lambda h: isinstance(h, list) and all(isinstance(w, str) and w for w in h),
        "a list of non-empty strings"),
    "relative": lambda v, path, key: _relative_table(v, path, key),
}


def _relative_table(value: Any, path: str, key: str) -> None:
    """``[words.relative]``: ``after``/``before`` word lists and ``units`` in seconds."""
    _expect(value, dict, path, key, "a table")
    for name, item in value.items():
        if name in ("after", "before"):
            _str_list(item, path, f"{key}.{name}")
        elif name == "units":
            _word_table(item, path, f"{key}.units",
                        lambda n: isinstance(n, int) and not isinstance(n, bool) and n > 0,
                        "a positive number of seconds")
        else:
            raise _fail(path, f"{key}.{name}", "unknown key (after, before, units)")


def load_file(path: str | Path, kind: str = "profile") -> Profile:
    """Read and validate one TOML file."""
    path = Path(path)
    return parse(_read_toml(path), str(path), kind)


def _read_toml(path: Path) -> dict[str, Any]:
    """One TOML file's tables; a ProfileError naming the file for any reading error."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail(str(path), "", "no such file") from None
    except OSError as exc:
        raise _fail(str(path), "", f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise _fail(str(path), "", f"larger than {MAX_PROFILE_BYTES:,} bytes; a profile "
                    "is a few kB")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(str(path), _syntax_key(path, exc), f"TOML syntax error: {exc}") from None
    except UnicodeDecodeError as exc:
        raise _fail(str(path), "", f"not UTF-8: {exc}") from None
    except RecursionError:
        raise _fail(str(path), "", "TOML nested too deeply") from None
    return data


class ProfileRegistry:
    """All profiles known to one Cleaner: built-in ones, then user directories.

    A user profile with the same ``id`` as a built-in one replaces it, and a profile in
    a later directory one in an earlier directory; ``replaced`` says which file won
    over which, one line each (``cleaner profiles check`` and ``list`` print them).
    Two files with one ``id`` in the same directory are a ``ProfileError``: neither
    order would be what the author meant.
    """

    def __init__(
        self,
        dirs: Iterable[str | Path] = (),
        *,
        builtin: bool = True,
        learned: Iterable[str | Path] = (),
    ) -> None:
        found: dict[str, Profile] = {}
        self.replaced: list[str] = []
        sources = ([BUILTIN_DIR] if builtin else []) + [Path(d) for d in dirs]
        for directory in sources:
            for prof in _load_dir(directory):
                old = found.get(prof.id)
                if old is not None:
                    self.replaced.append(replaced_note(prof, old))
                found[prof.id] = prof
        # Learned profiles (``cleaner learn``) go *under* hand-written ones: their rules
        # only add to a profile with the same id, never replace it.
        for directory in learned:
            for prof in _load_dir(Path(directory)):
                base = found.get(prof.id)
                found[prof.id] = prof if base is None else merge_under(base, prof)
        self.profiles: dict[str, Profile] = found
        self._sigs = [(sig, p) for p in found.values() for sig in p.signatures]
        # Signatures that start with a capital, a digit or punctuation are searched as
        # one trie-shaped regex: few positions of a text start with such a character.
        # Those starting with a lower-case letter would stop the regex at most
        # positions, so they are found by str.find of their first four characters.
        self._sig_trie = _trie_pattern([s for s, _ in self._sigs if not s[:1].islower()])
        self._sig_prefixes: dict[str, tuple[str, ...]] = {}
        for sig, _ in self._sigs:
            if sig[:1].islower():
                self._sig_prefixes.setdefault(sig[:4], ())
                self._sig_prefixes[sig[:4]] += (sig,)
        self._sig_patterns = [(rx, required_literal(rx.pattern, rx.flags), p)
                              for p in found.values() for rx in p.signature_patterns]

    def __iter__(self):
        return iter(sorted(self.profiles.values(), key=lambda p: p.id))

    def __len__(self) -> int:
        return len(self.profiles)

    def get(self, key: str) -> Profile | None:
        """A profile by id or by one of its domains."""
        if key in self.profiles:
            return self.profiles[key]
        return self.for_host(key)

    def for_host(self, host: str) -> Profile | None:
        for prof in self.profiles.values():
            if prof.matches_host(host):
                return prof
        return None

    def for_text(self, text: str, limit: int = 20000) -> Profile | None:
        """The profile whose signature occurs earliest in the first ``limit`` characters.

        Plain ``signatures`` are substrings; ``signature_patterns`` are regexes that
        must match a whole line (``^...$`` per line).
        """
        head = text[:limit]
        best: tuple[int, Profile] | None = None
        # The earliest position where a signature starts (see __init__ for the two
        # searches); of the signatures that start there, the first listed wins.
        m = self._sig_trie.search(head) if self._sig_trie is not None else None
        first = m.start() if m is not None else None
        for prefix, sigs in self._sig_prefixes.items():
            limit_at = len(head) if first is None else first + len(prefix)
            pos = head.find(prefix, 0, limit_at)
            while pos >= 0:
                if any(head.startswith(sig, pos) for sig in sigs):
                    first = pos
                    break
                pos = head.find(prefix, pos + 1, limit_at)
        if first is not None:
            best = next((first, prof) for sig, prof in self._sigs
                        if head.startswith(sig, first))
        for rx, needed, prof in self._sig_patterns:
            if needed is not None and needed not in head:
                continue  # a string every match contains is missing: no match
            m = rx.search(head)
            while m is not None and not _whole_line(head, m):
                m = rx.search(head, m.end() + 1)
            if m is not None and (best is None or m.start() < best[0]):
                best = (m.start(), prof)
        return best[1] if best else None


def _load_dir(directory: Path) -> list[Profile]:
    if not directory.is_dir():
        raise _fail(str(directory), "", "profile directory does not exist")
    out: dict[str, Profile] = {}
    for file in sorted(directory.glob("*.toml")):
        prof = load_file(file, "profile")
        if prof.id in out:
            raise _fail(str(file), "id", f"{prof.id!r} is also the id of {out[prof.id].path}, "
                        "in the same directory: give each outlet one file")
        out[prof.id] = prof
    return list(out.values())


def replaced_note(winner: Profile, loser: Profile) -> str:
    """One line saying which of two profiles with one id is used."""
    if Path(winner.path).resolve().parent == Path(loser.path).resolve().parent:
        return (f"{winner.path}: id {winner.id!r} is also the id of {loser.path}, in the same "
                "directory: a profile directory holding both is refused")
    return (f"{winner.path}: id {winner.id!r} replaces {loser.path} "
            "(a later profile directory wins)")


def merge_under(base: Profile, extra: Profile) -> Profile:
    """``base`` with ``extra``'s rules appended after its own (base wins on a tie).

    Rules whose id ``base`` already has are skipped; domains, signatures and
    ``disable`` are united; the version becomes ``<base>+<extra>``.
    """
    ids = {r.id for rs in base.rules.values() for r in rs} | {m.id for m in base.meta} \
        | {sp.id for sp in base.spans}
    rules = {
        action: RuleSet.compile([*base.ruleset(action),
                                 *(r for r in extra.ruleset(action) if r.id not in ids)])
        for action in RULE_ACTIONS
    }
    return replace(
        base,
        version=f"{base.version}+{extra.version}",
        domains=tuple(dict.fromkeys((*base.domains, *extra.domains))),
        signatures=tuple(dict.fromkeys((*base.signatures, *extra.signatures))),
        signature_patterns=base.signature_patterns + extra.signature_patterns,
        disable=base.disable | extra.disable,
        rules=rules,
        meta=base.meta + tuple(m for m in extra.meta if m.id not in ids),
        spans=base.spans + tuple(sp for sp in extra.spans if sp.id not in ids),
        html=base.html or extra.html,
    )


def _trie_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """A regex matching any of ``words``, shaped as a trie (``detik(?:News|Inet|...)``)
    so the engine tests each character once per position, not once per word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie)) if words else None


def _whole_line(text: str, m: re.Match[str]) -> bool:
    before = m.start() == 0 or text[m.start() - 1] in "\r\n"
    after = m.end() == len(text) or text[m.end()] in "\r\n"
    return before and after


def load_packs(names: Iterable[str] | None = None) -> list[Profile]:
    """The language packs shipped with cleaner (``common`` first)."""
    packs = [parse(data, str(f), "pack") for f, data in _builtin_pack_data()]
    if names is not None:
        wanted = set(names)
        packs = [p for p in packs if p.id in wanted]
    return packs
