"""Chrome glued inside a body line: deletion-only span removal.

Scrapers often store an article as one line, or glue a "read also" link into a
paragraph, so a related-link marker and its title sit *inside* a body line, where a
whole-line rule cannot reach them::

    ... kata dia, Jumat (1/5/2020).Baca Juga:Harga Cabai Turun Jelang LebaranPasar Sepi ...

A ``[[cut_span]]`` rule (in a language pack or an outlet profile) names the *marker*
(a regex searched anywhere in the line) and the shapes that may end the span that
starts there (``until``).  The end is found by shape, never by guessing:

``marker``     the span is the marker itself ("Baca selengkapnya di sini");
``bracket``    a marker opened by "(" or "[" ends at its closing bracket;
``junction``   a glued-title junction: a lower-case word or a digit directly followed by
               a capitalised word with no space ("2020Pasar", "LebaranPasar"); several
               glued titles in a row are all taken;
``quote``      the next sentence's opening quote (``... Sehari "Kami menambah ...``);
``opener``     a capitalised sentence opener from the pack's ``[words.spans] openers``
               (``Adapun``, ``Menurut``...) followed by lower-case text;
``dateline``   the next sentence's dateline (``JAKARTA -``, ``JAKARTA, Contoh.com -``);
``subject``    the subject of the next sentence, from the evidence of the rest of the
               document ("... untuk Milenial Heliantopo menjelaskan", where the
               document also has "kata Heliantopo."; see :meth:`SpanSet._subject`);
``item``       the number of a round-up's next item (``... Korupsi 2. Bandara Baru``);
``title``      a title known from the batch (the ``titles`` passed in: a set or
               :class:`cleaner.learn._sketch.BloomFilter` of case-folded titles);
``line_end``   the title reaches the end of the line;
``rest``       everything to the end of the line is chrome (a trailing "Artikel ini
               telah tayang di X dengan judul ...").

Between the marker and the end, every word must look like a title word (capitalised,
a number, punctuation, or one of the pack's ``[words.spans] title_minor``: "di",
"dan"), except for ``bracket``, ``marker`` and ``rest``.  When no shape bounds the span
within ``max_words`` words the line is left whole and its reason says so: a span never
runs into body text it cannot delimit.

The result is deletion-only: a body paragraph is its input line with zero or more spans
removed, in order, joined by one space at each cut (none before closing punctuation).
Each removed span is recorded (offsets in the line, text, rule id, reason) so
``cleaner explain`` and ``keep_removed`` records can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from .errors import ProfileError
from .lines import split_lines
from .rules.matcher import contains_any

__all__ = [
    "SPAN_KEYS",
    "SPAN_WORDS",
    "UNTIL_KINDS",
    "Document",
    "Span",
    "SpanRule",
    "SpanSet",
    "body",
    "delete",
    "for_profile",
    "parse_span_rule",
]

#: the shapes that may end a span (see the module docstring)
UNTIL_KINDS = ("marker", "bracket", "junction", "quote", "opener", "dateline", "item",
               "subject", "title", "line_end", "rest")
#: a span longer than this many words is not a related link but body text: a rule may
#: set its own ``max_words``.  Two glued related titles are under 40 words.
SPAN_MAX_WORDS_DEFAULT = 40
#: a marker with its span is looked for only in lines at most this long (characters);
#: longer lines are left whole (the cost of scanning stays linear and small)
SPAN_MAX_LINE_CHARS = 100_000
#: the keys of a ``[[cut_span]]`` table
SPAN_KEYS = frozenset({"id", "pattern", "reason", "until", "case_sensitive", "max_words",
                       "requires", "rescue", "note"})
#: the word lists of a pack's ``[words.spans]`` (see :meth:`SpanSet.build`)
SPAN_WORDS = frozenset({"title_minor", "openers", "particles", "roles", "camel"})
#: a line a whole-line rule dropped (``rescue``) comes back as body only when what is
#: left after its spans is at least this many words and ends like a sentence
RESCUE_MIN_WORDS = 8
_SENTENCE_END = tuple('.!?"”’)')
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
# Where one glued piece ends and the next begins, inside a whitespace-separated word:
# two lower-case letters, then a capitalised word or an acronym ("LebaranPasar",
# "PublikIPW"); an acronym then a capitalised word ("PHKMenko"); a digit then a
# capitalised word ("2020Pasar"); "?"/"!"/")" then a capital; or an opening quote
# glued to the word before it.
_JUNCTION = re.compile(
    rf"(?<=[{_LOWER}]{{2}})(?=[{_UPPER}][{_LOWER}]|[{_UPPER}]{{2}})"
    rf"|(?<=[{_UPPER}]{{2}})(?=[{_UPPER}][{_LOWER}]{{2}})"
    rf"|(?<=\d)(?=[{_UPPER}][{_LOWER}])"
    rf"|(?<=[?!)%])(?=[{_UPPER}\d])|(?<=[^\s\"“'‘«(\[])(?=[\"“«][{_UPPER}{_LOWER}\d])")
#: a list item's number opening the next item of a round-up ("... Korupsi 2. Bandara")
_ITEM = re.compile(r"\d{1,2}\.$")
_TOKEN = re.compile(r"\S+")
_OPEN_QUOTES = "\"“«‘'"
_LEAD_PUNCT = "\"“«‘'([{-–—•*"
_TRAIL_PUNCT = ",.:;!?)]}\"”»’'…"
#: a subject found by the ``subject`` shape has at most this many words
_SUBJECT_MAX_WORDS = 4
#: the ``subject`` shape is tried only after at least this many title words: with
#: fewer there is no title left before the subject to tell it from
_SUBJECT_MIN_TITLE_WORDS = 2
#: the title walk tokenises this many whitespace words past ``max_words``: more than
#: the walk can look at (a word gives at least one token), so ``_WALK_SLACK`` decides
_TOKEN_SLACK = 4
#: the title walk gives up (no end) past token ``max_words`` plus this many: a span
#: of the longest length allowed still sees the word that ends it
_WALK_SLACK = 1
#: no subject is taken within this many words after a role word ("Menteri", "Bank")
_ROLE_REACH = 5
#: "Menurut <at most this many capitalised words>," opens a sentence (``opener``)
_OPENER_NAME_WORDS = 5
#: a dash opening a list item ("... ke Saham - 25 gram: Rp21.605.000 - 50 gram ...")
_DASHES = ("-", "–", "—", "•")
#: what a cut leaves of a line with fewer words than this ("*", "(wal) (amr)") is the
#: link's bullet or initials: the line is dropped as nothing but chrome
_FRAGMENT_WORDS = 3
_WORD = re.compile(r"[^\W_]{2,}")
#: a paragraph of at least this many words that repeats an earlier one is dropped as a
#: duplicate (``generic.duplicates``): a cut that makes one is not made
_DUPLICATE_WORDS = 5
#: editor initials in brackets closing a related title: "(kmj)", "(amr/SIS)"
_INITIALS_CHARS = 8
#: a cut followed by one of these joins without a space ("Kurma)." + "." stays ".")
_CLOSING = ".,;:!?)]}”»’"
#: a closing bracket is looked for at most this many characters past the marker: a
#: bracketed link is short, and an unclosed "(" must not scan a whole one-line article
_BRACKET_REACH = 400
#: a known camel-case name (``[words.spans] camel``: "WhatsApp") around a junction is
#: looked for at most this many characters either side of it (longer names are rare)
_CAMEL_REACH = 12
#: a word of at most this many characters is never split at a junction ("2A", "Rp")
_UNGLUED_CHARS = 2
_DATELINE = re.compile(
    rf"[{_UPPER}][{_UPPER}.'’]{{2,}}(?:\s[{_UPPER}][{_UPPER}.'’]+){{0,2}}"
    r"(?:\s?,\s?\S+(?:\s\S+)?)?\s[-–—]{1,2}\s")


class Span(NamedTuple):
    """One removed span of a kept line: ``text == line[start:end]``."""

    start: int
    end: int
    text: str
    rule: str
    reason: str
    shape: str = ""  # what ended the span: one of UNTIL_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "rule": self.rule, "reason": self.reason, "shape": self.shape}


@dataclass(frozen=True, slots=True)
class SpanRule:
    """A ``[[cut_span]]`` rule: a marker searched anywhere in a line, and the shapes
    (``until``) that may end the span starting at it."""

    id: str
    pattern: re.Pattern[str]
    reason: str
    until: tuple[str, ...]
    max_words: int = SPAN_MAX_WORDS_DEFAULT
    requires: tuple[str, ...] | None = None
    source: str = ""
    rescue: tuple[str, ...] = ()  # whole-line rules whose dropped lines it may give back


_Fail = Callable[[str, str], ProfileError]


def parse_span_rule(raw: Any, i: int, path: str, seen: set[str],
                    check_regex: Callable[[str, str, str, int], re.Pattern[str]]) -> SpanRule:
    """Validate one ``[[cut_span]]`` table; errors name the file and the key.

    ``check_regex`` is the profile loader's regex compiler (placeholders, ReDoS check).
    The keys are checked in a fixed order (so the first error reported stays the same),
    one helper per key.
    """
    where = f"cut_span[{i}]"

    def fail(key: str, problem: str) -> ProfileError:
        return ProfileError(path, f"{where}{key}", problem)

    _check_table(raw, fail)
    rid = _rule_id(raw, seen, fail)
    compiled = _rule_pattern(raw, path, where, check_regex, fail)
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason:
        raise fail(".reason", "must be a reason category string")
    return SpanRule(id=rid, pattern=compiled, reason=reason, until=_rule_until(raw, fail),
                    max_words=_rule_max_words(raw, fail), requires=_rule_requires(raw, fail),
                    source=path, rescue=_rule_rescue(raw, fail))


def _check_table(raw: Any, fail: _Fail) -> None:
    """A rule is a table of known keys: a misspelt key must not be silently ignored."""
    if not isinstance(raw, dict):
        raise fail("", f"must be a table, got {type(raw).__name__}")
    for key in raw:
        if key not in SPAN_KEYS:
            raise fail(f".{key}", "unknown key")


def _rule_id(raw: Mapping[str, Any], seen: set[str], fail: _Fail) -> str:
    """The rule's id, unique among the rules loaded (``seen``, updated): ``explain``
    names a decision by it, so two rules may not share one."""
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise fail(".id", f"{rid!r} is not a valid id (lowercase, digits, . _ -)")
    if rid in seen:
        raise fail(".id", f"duplicate id {rid!r}")
    seen.add(rid)
    return rid


def _rule_pattern(raw: Mapping[str, Any], path: str, where: str,
                  check_regex: Callable[[str, str, str, int], re.Pattern[str]],
                  fail: _Fail) -> re.Pattern[str]:
    """The compiled marker: a marker that matches nothing-at-all would open a span
    everywhere, and named groups have no meaning here."""
    pattern = raw.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise fail(".pattern", "must be a non-empty regex string (the marker)")
    cs = raw.get("case_sensitive", False)
    if not isinstance(cs, bool):
        raise fail(".case_sensitive", "must be true or false")
    compiled = check_regex(pattern, path, f"{where}.pattern", 0 if cs else re.IGNORECASE)
    if compiled.groupindex:
        raise fail(".pattern", "named groups are not used here; use (?:...)")
    if compiled.search(""):
        raise fail(".pattern", "must not match the empty string")
    return compiled


def _rule_until(raw: Mapping[str, Any], fail: _Fail) -> tuple[str, ...]:
    """The shapes that may end the span (one string is a list of one): an unknown
    shape would never end a span, so it is an error, not a no-op."""
    until = raw.get("until")
    if isinstance(until, str):
        until = [until]
    if not isinstance(until, list) or not until:
        raise fail(".until", "must be a non-empty list, of " + ", ".join(UNTIL_KINDS))
    for j, kind in enumerate(until):
        if kind not in UNTIL_KINDS:
            raise fail(f".until[{j}]", f"{kind!r} is not one of " + ", ".join(UNTIL_KINDS))
    return tuple(until)


def _rule_max_words(raw: Mapping[str, Any], fail: _Fail) -> int:
    """The longest span the rule may cut, in words (``true`` is no number here)."""
    max_words = raw.get("max_words", SPAN_MAX_WORDS_DEFAULT)
    if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
        raise fail(".max_words", "must be a positive integer")
    return max_words


def _rule_requires(raw: Mapping[str, Any], fail: _Fail) -> tuple[str, ...] | None:
    """The substrings (case-folded) a line must hold for the marker to be searched,
    or None (search every line): they let most lines skip the regex."""
    requires = raw.get("requires")
    if requires is None:
        return None
    if not isinstance(requires, list) or not requires \
            or not all(isinstance(r, str) and r for r in requires):
        raise fail(".requires", "must be a non-empty list of non-empty strings")
    return tuple(r.casefold() for r in requires)


def _rule_rescue(raw: Mapping[str, Any], fail: _Fail) -> tuple[str, ...]:
    """The whole-line rules whose dropped lines this rule may give back."""
    rescue = raw.get("rescue", [])
    if not isinstance(rescue, list) or not all(isinstance(r, str) and r for r in rescue):
        raise fail(".rescue", "must be a list of rule ids")
    return tuple(rescue)


class _Tok(NamedTuple):
    start: int  # offsets in the line
    end: int
    glued: bool  # starts at a junction inside a whitespace-separated word


@dataclass(frozen=True)
class SpanSet:
    """The span rules of one document (profile rules first, then the packs'), with the
    word lists their shapes need."""

    rules: tuple[SpanRule, ...]
    minor: frozenset[str] = frozenset()
    openers: frozenset[str] = frozenset()
    camel: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()

    @classmethod
    def build(cls, rules: Iterable[SpanRule], words: Iterable[Mapping[str, Any]] = ()
              ) -> SpanSet:
        """``words``: the ``[words]`` tables of the packs; their ``[words.spans]``
        lists ``title_minor``, ``openers``, ``camel``, ``roles`` and ``particles`` are
        united."""
        minor: set[str] = set()
        openers: set[str] = set()
        camel: set[str] = set()
        roles: set[str] = set()
        particles: set[str] = set()
        for w in words:
            sw = w.get("spans", {})
            minor.update(x.casefold() for x in sw.get("title_minor", ()))
            openers.update(x.casefold() for x in sw.get("openers", ()))
            camel.update(sw.get("camel", ()))
            roles.update(x.casefold() for x in sw.get("roles", ()))
            particles.update(sw.get("particles", ()))
        return cls(tuple(rules), frozenset(minor), frozenset(openers), frozenset(camel),
                   frozenset(roles), frozenset(particles))

    @cached_property
    def rescuable(self) -> frozenset[str]:
        """The whole-line rules whose dropped lines some span rule may give back."""
        return frozenset(r for rule in self.rules for r in rule.rescue)

    @cached_property
    def keys(self) -> tuple[str, ...] | None:
        """Substrings one of which a line must contain for any rule to match, or None
        when some rule has no ``requires`` (then every line is searched)."""
        out: list[str] = []
        for r in self.rules:
            if r.requires is None:
                return None
            out.extend(r.requires)
        return tuple(dict.fromkeys(out))

    # ------------------------------------------------------------------ one line
    def cut(self, text: str, lower: str | None = None, *,
            disabled: Container[str] = (), titles: Container[str] | None = None,
            doc: Document | None = None,
            ) -> tuple[str, tuple[Span, ...], tuple[str, ...]]:
        """The line with its spans removed, the spans, and the ids of rules whose
        marker was found but whose span could not be bounded (the line keeps it).

        ``titles``: known titles (case-folded, whitespace-normalised) for the
        ``title`` shape; ``doc``: the whole document, for the ``subject`` shape.
        """
        if len(text) > SPAN_MAX_LINE_CHARS:
            return text, (), ()
        lower = text.casefold() if lower is None else lower
        hits: list[tuple[int, int, SpanRule]] = []
        for rule in self.rules:
            if rule.id in disabled:
                continue
            if rule.requires is not None and not contains_any(lower, rule.requires):
                continue
            hits.extend((m.start(), m.end(), rule) for m in rule.pattern.finditer(text)
                        if m.end() > m.start())
        if not hits:
            return text, (), ()
        hits.sort(key=lambda h: (h[0], -h[1]))
        ctx = _Ctx(text, sorted({h[0] for h in hits}), titles, doc)
        spans: list[Span] = []
        unbounded: list[str] = []
        pos = 0
        for start, mend, rule in hits:
            if start < pos:
                continue  # inside a span already cut
            found = self._bound(ctx, start, mend, rule)
            if found is None or found[0] < pos:
                if rule.id not in unbounded:
                    unbounded.append(rule.id)
                continue
            start, end, shape = found
            spans.append(Span(start, end, text[start:end], rule.id, rule.reason, shape))
            pos = end
        return (delete(text, spans) if spans else text), tuple(spans), tuple(unbounded)

    def _bound(self, ctx: _Ctx, start: int, mend: int, rule: SpanRule
               ) -> tuple[int, int, str] | None:
        """The span opened by the marker ``text[start:mend]`` (with the bracket
        before it, if any) and the shape that ended it, or None when nothing does."""
        text, until = ctx.text, rule.until
        found: tuple[int, str] | None = None
        if "marker" in until:
            found = mend, "marker"
        elif "bracket" in until and (text[start] in "([" or text[start - 1:start] in ("(", "[")):
            end = _closing_bracket(text, start if text[start] in "([" else start - 1, mend)
            if end is not None:
                found = end, "bracket"
                if text[start] not in "([":
                    start -= 1
        if found is None and "rest" in until:
            found = len(text), "rest"
        if found is None:
            found = self._title_end(ctx, start, mend, rule)
        if found is None or len(text[start:found[0]].split()) > rule.max_words:
            return None
        return start, found[0], found[1]

    def _title_end(self, ctx: _Ctx, start: int, mend: int, rule: SpanRule
                   ) -> tuple[int, str] | None:
        """The end of the related title(s) after a marker, by shape.

        Walks the words after the marker: a hard shape (quote, opener, dateline, item,
        the next marker) ends the span at once; a junction or a known title is a soft
        end, taken when the title words run out.
        """
        text, until, titles = ctx.text, rule.until, ctx.titles
        toks = _tokens(text, mend, "junction" in until, self.camel,
                       rule.max_words + _TOKEN_SLACK)
        soft: tuple[int, str] | None = None  # the last junction or known-title end passed
        seg = mend  # where the current title starts
        title_words = 0
        nexts = [s for s in ctx.markers if s >= mend]
        limit = rule.max_words + _WALK_SLACK
        for k, tok in enumerate(toks):
            if k > limit:
                return None
            if title_words and nexts and tok.end > nexts[0]:
                # the next marker opens its own span (with its bracket, if any)
                return _marker_start(text, nexts[0]), "marker"
            if title_words:
                if tok.glued and "junction" in until:
                    soft = tok.start, "junction"
                    seg = tok.start
                shape = self._hard_end(text, until, toks, k)
                if shape is not None:
                    return tok.start, shape
            if not self._title_word(text[tok.start:tok.end]):
                if soft is None and "subject" in until and ctx.doc is not None \
                        and title_words >= _SUBJECT_MIN_TITLE_WORDS:
                    return self._subject(ctx, toks[:k], tok, start)
                return soft
            title_words += 1
            if titles is not None and "title" in until and _norm(text[seg:tok.end]) in titles:
                soft = tok.end, "title"
                seg = tok.end
        if title_words and "line_end" in until:
            return len(text), "line_end"
        return soft

    def _hard_end(self, text: str, until: tuple[str, ...], toks: Sequence[_Tok], k: int
                  ) -> str | None:
        """The shape that ends the title right before word ``k`` whatever follows
        (a quote, an opener, a dateline, a round-up item), or None.  The shapes are
        tried in this order so that the shape a span reports stays the same."""
        tok = toks[k]
        word = text[tok.start:tok.end]
        if "quote" in until and _opens_quote(word):
            return "quote"
        if "opener" in until and self._opener(text, toks, k):
            return "opener"
        if "dateline" in until and _DATELINE.match(text, tok.start):
            return "dateline"
        if "item" in until and _opens_item(text, toks, k):
            return "item"
        return None

    def _subject(self, ctx: _Ctx, run: Sequence[_Tok], first_lower: _Tok, start: int
                 ) -> tuple[int, str] | None:
        """Where the body sentence starts inside a run of capitalised words that ends
        at its first lower-case word ("... untuk Milenial Heliantopo menjelaskan"), from
        the evidence of the rest of the document, or None when it gives none.

        The subject is the capitalised word before the lower-case one, widened to the
        left while each pair of words also occurs elsewhere in the document ("Menteri
        Keuangan Sri Mulyani"); it is taken only when the document has used it
        before (a name is written in full where it first occurs: "kata Heliantopo."
        earlier makes "Heliantopo menjelaskan" a later mention), or,
        for one word, when the document writes it elsewhere in lower case and never
        capitalised inside a sentence (a common noun opening the sentence: "Sektor
        industri ...") and the word before it is not one too (it could head the
        subject: "Harga Emas turun ...").  It never starts right after a comma (an
        appositive), a lower-case word, nor within a few words of a role or name-head
        word ("Menteri", "Bank", "Pengacara"): there a title and a subject cannot be
        told apart.  A sentence opener right before it ("Namun Rupiah ...") opens the
        sentence.
        """
        text, doc = ctx.text, ctx.doc
        assert doc is not None
        words = [text[t.start:t.end] for t in run]
        cores = [w.strip(_LEAD_PUNCT + _TRAIL_PUNCT) for w in words]
        n = self._subject_last(words, cores)
        if n is None:
            return None
        # the document with this marker's title and the word after it blanked out
        masked, here = doc.masked(ctx.text, start, first_lower.end)
        s = _subject_first(words, cores, n, masked)
        if self._no_subject_here(words, cores, n, s):
            return None
        prev = cores[s - 1]
        if prev.casefold() in self.openers and prev[:1].isupper() and s > 1:
            return run[s - 1].start, "subject"  # "Namun Rupiah berhasil ...": from "Namun"
        # the title's last word must look like one: capitalised or a number, not "...
        # asal Inggris itu"
        if not (prev[:1].isupper() or prev[:1].isdigit()):
            return None
        if self._subject_attested(cores[s:n + 1], prev, masked, here):
            return run[s].start, "subject"
        return None

    def _subject_last(self, words: Sequence[str], cores: Sequence[str]) -> int | None:
        """The index of the subject's last word: the run's last word, before any
        trailing particles ("... Pemerintah pun langsung"), or None when that word is
        not a bare capitalised word (a subject is a name, not "Harga," or "(Antara)")."""
        n = len(words) - 1
        while n > 1 and words[n] in self.particles:
            n -= 1
        if not _capitalised(cores[n]) or words[n] != cores[n]:
            return None
        return n

    def _no_subject_here(self, words: Sequence[str], cores: Sequence[str], n: int, s: int
                         ) -> bool:
        """Whether the subject ``cores[s:n + 1]`` is ruled out by where it stands: too
        long to be a subject, right after a comma (an appositive), or within reach of a
        role word ("Menteri", "Bank"), where a title and a subject cannot be told apart."""
        return n - s >= _SUBJECT_MAX_WORDS or words[s - 1][-1:] in ",;:" \
            or any(c.casefold() in self.roles for c in cores[max(0, s - _ROLE_REACH):s])

    def _subject_attested(self, phrase: Sequence[str], prev: str, masked: str, here: int
                          ) -> bool:
        """Whether the rest of the document says ``phrase`` opens a sentence.

        A name is written in full where it first occurs and shortened after that
        ("Ekonom ... Julian Evans-Pritchard menyatakan", later "kata Evans-Pritchard"):
        only a use *before* this one (``masked[:here]``) says the sentence starts with
        it.  Or a common noun opens the sentence ("Sektor tersebut ..."), unless the
        word before it (``prev``) is one too, which could head it ("Harga Emas turun
        ...")."""
        if _occurs(masked[:here], phrase, either_case=False):
            return True
        return len(phrase) == 1 and _common_noun(masked, phrase[0]) and (
            prev.casefold() in self.minor or not _lower_somewhere(masked, prev))

    def _title_word(self, word: str) -> bool:
        """A word a headline can hold: capitalised, mixed case ("iPhone"), a number,
        punctuation, editor initials in brackets ("(kmj)") or a minor word ("di")."""
        core = word.lstrip(_LEAD_PUNCT).rstrip(_TRAIL_PUNCT)
        if not core or core[0].isupper() or core[0].isdigit() or core[0] in "&#@$%+":
            return True
        if not core.islower():  # mixed case, or no letters at all
            return True
        if word[0] == "(" and word.endswith(")") and len(core) <= _INITIALS_CHARS:
            return True
        return core.casefold() in self.minor

    def _opener(self, text: str, toks: Sequence[_Tok], k: int) -> bool:
        """A capitalised sentence opener followed by lower-case body text."""
        word = text[toks[k].start:toks[k].end]
        if not word[:1].isupper():
            return False
        bare = word.rstrip(",")
        if bare.casefold() not in self.openers:
            return False
        if word.endswith(","):
            return True
        for nxt in toks[k + 1:k + 3]:  # "Hal itu ...", "Dari 224 orang ..."
            w = text[nxt.start:nxt.end].strip(_LEAD_PUNCT + _TRAIL_PUNCT)
            if not w or w[0].isdigit():
                continue
            if w[0].islower():
                return True
            break
        # "Menurut Menteri Keuangan Sri Mulyani, ...": capitalised words, then a comma
        for nxt in toks[k + 1:k + 1 + _OPENER_NAME_WORDS]:
            w = text[nxt.start:nxt.end]
            if not w[:1].isupper():
                return False
            if w.endswith(","):
                return True
        return False


class Document:
    """The lines of one document, for the ``subject`` shape's evidence (joined only
    when a line needs it: few do)."""

    def __init__(self, lines: Sequence[Any]) -> None:
        self.lines = lines  # (cleaner.lines.Line: ``text``)
        self._joined: str | None = None
        self._offsets: dict[str, int] = {}

    def masked(self, line: str, start: int, end: int) -> tuple[str, int]:
        """The document's text with ``line[start:end]`` (of one of its lines) blanked,
        and where the blank starts."""
        if self._joined is None:
            self._joined = "\n".join(ln.text for ln in self.lines)
        at = self._offsets.get(line)
        if at is None:
            at = self._offsets[line] = self._joined.find(line)
        if at < 0:
            at = len(self._joined) + 1
            return (self._joined + "\n" + line[:start] + " " * (end - start) + line[end:],
                    at + start)
        return (self._joined[:at + start] + " " * (end - start) + self._joined[at + end:],
                at + start)


class _Ctx(NamedTuple):
    text: str
    markers: list[int]  # where every marker of the line starts
    titles: Container[str] | None
    doc: Document | None


def _marker_start(text: str, at: int) -> int:
    """Where the span of a marker found at ``at`` starts: at the bracket before it,
    if any, so the next marker's span takes its own bracket with it."""
    return at - 1 if text[at - 1] in "([" else at


def _opens_quote(word: str) -> bool:
    """Whether ``word`` opens a quotation (``"Kami``): the next sentence starts there."""
    return word[0] in _OPEN_QUOTES and len(word) > 1 and word[1].isalnum()


def _opens_item(text: str, toks: Sequence[_Tok], k: int) -> bool:
    """Whether word ``k`` opens a round-up's next item: a number ("2.") before a
    capitalised word or the line's end, or a dash before a number ("- 25 gram")."""
    word = text[toks[k].start:toks[k].end]
    return bool((_ITEM.match(word) and (k + 1 == len(toks)
                                        or text[toks[k + 1].start].isupper()))
                or (word in _DASHES and k + 1 < len(toks)
                    and text[toks[k + 1].start].isdigit()))


def _subject_first(words: Sequence[str], cores: Sequence[str], n: int, masked: str) -> int:
    """The index of the subject's first word: from ``n`` widened to the left while
    the word before is a bare capitalised word and the pair also occurs in the rest
    of the document (``masked``), so a multi-word name ("Sri Mulyani") is whole."""
    s = n
    while s > 1 and _capitalised(cores[s - 1]) and words[s - 1] == cores[s - 1] \
            and n - s < _SUBJECT_MAX_WORDS and _pair_in(masked, cores[s - 1], cores[s]):
        s -= 1
    return s


def _capitalised(word: str) -> bool:
    """A capitalised word ("Heliantopo", "Langkah-langkah") or an acronym ("AMI",
    "LQ45")."""
    bare = word.replace("-", "")
    return len(bare) > 1 and bare.isalnum() and word[0].isupper() \
        and (word[1:2].islower() or bare.isupper())


def _either_case(word: str) -> str:
    """A regex for ``word`` with its first letter in either case ("[Ii]ndeks")."""
    head = word[:1]
    return f"[{re.escape(head.upper())}{re.escape(head.lower())}]{re.escape(word[1:])}"


def _pair_in(doc: str, a: str, b: str) -> bool:
    """Whether ``doc`` has the words ``a b`` in a row (each capitalised or not)."""
    return re.search(rf"(?<![\w-]){_either_case(a)}\s+{_either_case(b)}(?![\w-])",
                     doc) is not None


def _occurs(doc: str, phrase: Sequence[str], *, either_case: bool = True) -> bool:
    """Whether ``doc`` has the words of ``phrase`` in a row (the first in either case,
    or as written)."""
    pat = r"(?<![\w-])" + (_either_case(phrase[0]) if either_case else re.escape(phrase[0])) \
        + "".join(r"\s+" + re.escape(w) for w in phrase[1:]) + r"(?![\w-])"
    return re.search(pat, doc) is not None


def _lower_somewhere(doc: str, word: str) -> bool:
    """Whether ``doc`` writes ``word`` in lower case somewhere."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", doc) is not None


def _common_noun(doc: str, word: str) -> bool:
    """Whether ``doc`` writes ``word`` in lower case somewhere and never capitalised
    after another word (where it would be part of a name)."""
    low = word.lower()
    if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", doc) is None:
        return False
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", doc):
        before = doc[max(0, m.start() - 2):m.start()]
        if before.endswith(" ") and before[:1].isalnum():
            return False
    return True


def _tokens(text: str, pos: int, junctions: bool, camel: Container[str],
            limit: int) -> list[_Tok]:
    """The words after ``pos`` (at most ``limit`` whitespace-separated ones), split at
    glued-title junctions."""
    out: list[_Tok] = []
    for n, m in enumerate(_TOKEN.finditer(text, pos)):
        if n >= limit:
            break
        a, b = m.start(), m.end()
        if junctions and b - a > _UNGLUED_CHARS:
            word = text[a:b]
            cuts = [j.start() for j in _JUNCTION.finditer(word) if 0 < j.start() < len(word)]
            if cuts and camel:
                cuts = [c for c in cuts if not _in_camel(word, c, camel)]
            prev = 0
            for c in cuts:
                out.append(_Tok(a + prev, a + c, prev > 0))
                prev = c
            out.append(_Tok(a + prev, b, prev > 0))
        else:
            out.append(_Tok(a, b, False))
    return out


def _in_camel(word: str, cut: int, camel: Container[str]) -> bool:
    """Whether the junction at ``cut`` lies inside a known camel-case name (WhatsApp)."""
    for a in range(max(0, cut - _CAMEL_REACH), cut):
        for b in range(cut + 1, min(len(word), cut + _CAMEL_REACH) + 1):
            if word[a:b] in camel:
                return True
    return False


def _closing_bracket(text: str, opening: int, mend: int) -> int | None:
    """The offset just past the bracket that closes ``text[opening]``."""
    close = ")" if text[opening] == "(" else "]"
    depth = 0
    for i in range(opening, min(len(text), mend + _BRACKET_REACH)):
        ch = text[i]
        if ch == text[opening]:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _norm(s: str) -> str:
    return " ".join(s.split()).strip(_TRAIL_PUNCT + " ").casefold()


def delete(text: str, spans: Sequence[Span]) -> str:
    """``text`` without ``spans`` (in order, not overlapping): the pieces left are
    stripped at each cut and joined by one space, or by nothing before closing
    punctuation.  Nothing but whitespace at a cut ever changes."""
    pieces: list[str] = []
    pos = 0
    for sp in spans:
        pieces.append(text[pos:sp.start])
        pos = sp.end
    pieces.append(text[pos:])
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if not out:
            out = piece
        elif piece[0] in _CLOSING:
            out += piece
        else:
            out += " " + piece
    return out


def _paragraph(text: str) -> bool:
    """Whether what is left of a line still reads as running text."""
    lines = split_lines(text)
    return len(lines) == 1 and lines[0].prose


def _rescue(spans: SpanSet, text: str, lower: str, dropped_by: str,
            disabled: Container[str], titles: Container[str] | None, doc: Document,
            ) -> tuple[str, tuple[Span, ...]] | None:
    """The body sentence left in a line ``dropped_by`` dropped, or None."""
    out, found, unbounded = spans.cut(text, lower, disabled=disabled, titles=titles, doc=doc)
    if not found or unbounded or not out or len(out.split()) < RESCUE_MIN_WORDS \
            or not out.endswith(_SENTENCE_END):
        return None
    rules = {r.id: r for r in spans.rules}
    if any(dropped_by not in rules[sp.rule].rescue for sp in found):
        return None
    return out, found


def for_profile(packs: SpanSet, profile_rules: Sequence[SpanRule]) -> SpanSet:
    """The span rules of a document: its profile's first, then the packs'."""
    if not profile_rules:
        return packs
    return SpanSet(tuple(profile_rules) + packs.rules, packs.minor, packs.openers, packs.camel,
                   packs.roles, packs.particles)


def body(spans: SpanSet, doc: Any, final: list[tuple[str, str, str]], *,
         rules: Any = None, titles: Container[str] | None = None,
         ) -> tuple[list[str], dict[int, tuple[Span, ...]]]:
    """The body paragraphs of a document (``doc``: the engine's
    :class:`cleaner.stages.doc.Doc`) from its kept lines, spans cut out.

    ``rules`` (the engine's :class:`cleaner.stages.line_rules.LineRules`) checks what a
    cut leaves: a remainder a line rule would decide ("Baca juga: ..." again, a promo)
    is not a paragraph cleaning the cleaned text would keep, so the line stays whole.

    ``final`` holds ``(decision, rule, reason)`` per line and is updated in place: a
    kept line whose marker could not be bounded keeps its rule and gets the reason
    ``"body; <rule id> unbounded"``, and so does one where what the spans leave is no
    paragraph (reason ``"body; <rule id> left whole"``: cleaning the cleaned text would
    drop it); a kept line that was nothing but spans (and a bullet or initials) is dropped
    with the first span's rule and reason.  A line inside the body that a whole-line
    rule named in a span rule's ``rescue`` dropped ("Baca juga: <title> "Kami ...,"
    kata dia.") is kept, with the span rule's id, when its spans are bounded and what
    is left is a sentence of at least ``RESCUE_MIN_WORDS`` words.  Returns the
    paragraphs and the spans cut, by line index.
    """
    run = _Body(spans, doc, final, rules, titles)
    for i, f in enumerate(final):
        if f[0] == "kept":
            run.cut_kept(i, f)
        elif run.rescuable(i, f):
            run.rescue(i, f)
    if run.cut:
        run.undo_duplicates()
    return [p for _, p in run.paragraphs if p], run.cut


class _Body:
    """The state of :func:`body` over one document, so each kind of line (kept,
    dropped but rescuable) and the final duplicate check is a method of its own."""

    def __init__(self, spans: SpanSet, doc: Any, final: list[tuple[str, str, str]],
                 rules: Any, titles: Container[str] | None) -> None:
        """Everything :func:`body` was given, and the paragraphs, cuts and earlier
        decisions built up line by line (the duplicate check needs them all)."""
        self.spans, self.doc, self.final = spans, doc, final
        self.rules, self.titles = rules, titles
        self.keys = spans.keys if spans.rules else ()
        self.lines, self.disabled = doc.lines, doc.disabled
        self.paragraphs: list[tuple[int, str]] = []  # (line index, paragraph)
        self.cut: dict[int, tuple[Span, ...]] = {}
        self.before: dict[int, tuple[str, str, str]] = {}  # what a line was before its cut
        self.whole = Document(self.lines)
        self.rescue_rules = spans.rescuable
        # a rescued line lies strictly inside the body: between the first and the
        # last kept line
        kept = [i for i, f in enumerate(final) if f[0] == "kept"] if self.rescue_rules else []
        self.first, self.last = (kept[0], kept[-1]) if kept else (0, -1)

    def paragraph(self, text: str) -> bool:
        """Whether ``text`` is a paragraph cleaning the cleaned text would keep: running
        text that no line rule decides."""
        return _paragraph(text) and (self.rules is None
                                     or not self.rules.decides(text, self.doc))

    def rescuable(self, i: int, f: tuple[str, str, str]) -> bool:
        """Whether line ``i`` (not kept) was dropped by a whole-line rule some span
        rule may overrule, inside the body, with that rule enabled."""
        return bool(self.rescue_rules) and f[0] == "dropped" and f[1] in self.rescue_rules \
            and self.first < i < self.last and f[1] not in self.disabled

    def rescue(self, i: int, f: tuple[str, str, str]) -> None:
        """Give back the body sentence of a dropped line, when what its spans leave
        is one (see :func:`_rescue`) and still a paragraph."""
        line = self.lines[i]
        back = _rescue(self.spans, line.text, line.lower, f[1], self.disabled, self.titles,
                       self.whole)
        if back is None or not self.paragraph(back[0]):
            return
        self.before[i] = f
        self.final[i] = ("kept", back[1][0].rule, "body")
        self.cut[i] = back[1]
        self.paragraphs.append((i, back[0]))

    def cut_kept(self, i: int, f: tuple[str, str, str]) -> None:
        """Cut the spans out of kept line ``i``: the line is kept whole, cut, or
        dropped when nothing but spans (and a bullet or initials) is left."""
        text, lower = self.lines[i].text, self.lines[i].lower
        if self.keys is not None and not contains_any(lower, self.keys):
            self.paragraphs.append((i, text))
            return
        out, found, unbounded = self.spans.cut(text, lower, disabled=self.disabled,
                                               titles=self.titles, doc=self.whole)
        if found and out and len(_WORD.findall(out)) < _FRAGMENT_WORDS:
            out = ""  # a bullet or editor initials around the link ("* ... (SIS)")
        if found and out and not self.paragraph(out):
            # what is left is no paragraph (a clause, a promo): cleaning the cleaned
            # text would drop it, so the line stays whole
            self.final[i] = (f[0], f[1], f"body; {found[0].rule} left whole")
            self.paragraphs.append((i, text))
            return
        if unbounded:
            self.final[i] = (f[0], f[1], f"body; {', '.join(unbounded)} unbounded")
        if not found:
            self.paragraphs.append((i, text))
        elif not out:
            self.final[i] = ("dropped", found[0].rule, found[0].reason)
        else:
            self.before[i] = f
            self.cut[i] = found
            self.paragraphs.append((i, out))

    def undo_duplicates(self) -> None:
        """A cut line that became equal to another paragraph would be dropped as a
        duplicate when the cleaned text is cleaned again: it stays as it was."""
        count: dict[str, int] = {}
        for _, para in self.paragraphs:
            count[para.casefold()] = count.get(para.casefold(), 0) + 1
        for k, (i, para) in enumerate(self.paragraphs):
            if i in self.cut and count[para.casefold()] > 1 \
                    and len(para.split()) >= _DUPLICATE_WORDS:
                rule = self.cut.pop(i)[0].rule
                f = self.before[i]
                if f[0] == "kept":
                    self.final[i] = (f[0], f[1], f"body; {rule} left whole")
                    self.paragraphs[k] = (i, self.lines[i].text)
                else:
                    self.final[i] = f
                    self.paragraphs[k] = (i, "")
