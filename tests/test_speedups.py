"""The speed work changes speed, never results: each shortcut against the plain form.

* look-ahead guards on merged rule patterns (``cleaner.rules.prefilter``) match the
  same lines with the same rule and the same groups as the unguarded alternation;
* the signature search (a trie regex plus prefix finds) picks the profile that
  ``str.find`` per signature picked;
* the one-class mojibake regex finds what "(?:[leads]|â€)[continuations]" finds;
* ``split_lines``' per-document shortcuts give the features of the plain per-line
  computation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, decode, lines
from cleaner.profiles import _whole_line, load_packs
from cleaner.rules import prefilter
from cleaner.rules.matcher import MetaRuleSet, RuleSet

ROOT = Path(__file__).resolve().parents[1]

# Lines that exercise the packs: real chrome and header shapes plus prose.
LINES = [
    "Advertisement", "ADVERTISEMENT", "Baca Juga: Banjir Jakarta Surut", "3 jam yang lalu",
    "2 hours ago", "Updated 5 mins ago", "Oleh: Budi Santoso", "By Jane Doe", "By JANE DOE",
    "Jakarta, CNN Indonesia --", "Penulis: Rina | Senin, 04/11/2024 10:30 WIB",
    "Senin, 4 November 2024 10:30 WIB", "Published 12 March 2024 10:30 GMT",
    "2024-10-31T08:00:00+07:00", "Sumber: Antara", "Source: Reuters, AFP", "(ant/bam)",
    "[Gambas:Video CNN]", "Foto: Dok. Istimewa", "Ilustrasi - Petugas memadamkan api. (ANTARA)",
    "1 2 3 4 5 Next", "« 1 2 3 »", "Tags: politik, ekonomi", "Share this article",
    "Nyaman tanpa iklan. Langganan BisnisPro", "A A A", "A- A+", "https://example.com/a/b",
    "Berita Terkait", "Related Stories", "Jane says: great article", "Reply", "•  Home",
    "Harga beras naik 5 persen, kata pedagang di Pasar Induk Cipinang, Jakarta.",
    "The minister said on Tuesday that the plan would be reviewed again next year.",
    "JAKARTA, KOMPAS.com - Pemerintah menaikkan harga BBM.", "— — —", "©", "12", "Q&A",
    "Editor: Andi", "Reporter : Siti", "Dilarang mengambil konten ini tanpa izin.",
]
for sample in sorted((ROOT / "samples").glob("*.txt")):
    LINES.extend(ln for ln in sample.read_text("utf-8").splitlines() if ln.strip())

_ALPHABET = "aAbByYoOlLeEhH0123456789 :|,-–—()[]/.•«»\u00a0éÉ'\"WIBJakrtm"
_TEXT = st.text(alphabet=_ALPHABET, min_size=1, max_size=40)


def _guarded(source: str, flags: int, whole_line: bool = False) -> str:
    """One alternative with its guards in front, as merge() writes it."""
    return "".join(prefilter.guards(source, flags, whole_line)) + source


def _unguarded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "guards", lambda source, flags, whole_line=False: ("", ""))


def _verdicts(rulesets: list[RuleSet], meta: re.Pattern[str] | None, text: str) -> tuple:
    ln = lines.split_lines(text)
    if not ln:
        return ()
    line = ln[0]
    out: list[object] = [rs.find(line.text, line.lower, line.words) for rs in rulesets]
    m = meta.fullmatch(line.text) if meta is not None else None
    # (the "_q" groups are the guards' own, set by a shared scan; the engine reads
    # only the matched rule's groups)
    out.append(None if m is None else
               (m.lastgroup, {k: v for k, v in m.groupdict().items()
                              if v and not k.startswith("_q")}))
    return tuple(out)


@pytest.fixture(scope="module")
def compiled() -> dict[str, tuple[list[RuleSet], re.Pattern[str] | None]]:
    packs = load_packs()
    rules = {a: [r for p in packs for r in p.ruleset(a)] for a in ("drop", "list_after")}
    metas = [m for p in packs for m in p.meta]
    guarded = ([RuleSet.compile(rs) for rs in rules.values()], MetaRuleSet.compile(metas)._merged)
    with pytest.MonkeyPatch.context() as mp:
        _unguarded(mp)
        plain = ([RuleSet.compile(rs) for rs in rules.values()],
                 MetaRuleSet.compile(metas)._merged)
    return {"guarded": guarded, "plain": plain}


def test_guards_are_really_added(compiled) -> None:
    guarded_meta = compiled["guarded"][1]
    plain_meta = compiled["plain"][1]
    assert guarded_meta is not None and plain_meta is not None
    assert guarded_meta.pattern.count("(?=") > plain_meta.pattern.count("(?=")


def test_guarded_packs_decide_every_line_as_unguarded(compiled) -> None:
    differ = [t for t in LINES
              if _verdicts(*compiled["guarded"], t) != _verdicts(*compiled["plain"], t)]
    assert not differ
    # and the lines above do exercise the rules
    assert sum(1 for t in LINES if any(_verdicts(*compiled["plain"], t))) > 30


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_guarded_packs_equal_unguarded_on_generated_lines(compiled, text: str) -> None:
    assert _verdicts(*compiled["guarded"], text) == _verdicts(*compiled["plain"], text)


@pytest.mark.parametrize(("source", "flags", "must", "ok", "not_ok"), [
    # narrow first character: a class look-ahead
    (r"(?:oleh|penulis)\s*:?\s*[A-Z]\w+", re.IGNORECASE, "(?=", "Oleh: Budi", "Budi"),
    # starts with a capital (wide): a required element instead, here the dash
    (r"[A-Z]\w+\s*,\s+[A-Z][\w.]*\s*[-–—]", 0, "*",
     "Jakarta, Kompas.com -", "Jakarta, Kompas.com"),
    # a conditional group up front: not analysed, the pattern stays as it is
    (r"(a)?(?(1)b|c)", 0, None, "ab", "ac"),
])
def test_guarded_shapes(source: str, flags: int, must: str | None, ok: str,
                        not_ok: str) -> None:
    out = _guarded(f"(?:{source})", flags)
    if must is None:
        assert out == f"(?:{source})"
    else:
        assert out.startswith("(?=") and must in out.split(f"(?:{source})")[0]
    assert re.fullmatch(out, ok, flags) and not re.fullmatch(out, not_ok, flags)


@pytest.mark.parametrize(("source", "width"), [
    (r"a\s*b\s+c", (4, 5)),  # normalised lines: a run of whitespace is one character
    (r"(?:ab|c)(?=d)\b", (1, 2)),  # look-arounds and anchors are zero-width
    (r"x{2,5}[ ]+y", (4, 7)),
])
def test_whole_line_width(source: str, width: tuple[int, int]) -> None:
    from re import _parser

    assert prefilter._width(_parser.parse(source)) == width


def test_guards_never_break_a_pattern() -> None:
    # a global flag group cannot follow a guard: the pattern is left as it is
    assert _guarded(r"(?i)ab[c-f]x", 0, True) == r"(?i)ab[c-f]x"
    # a back-reference has no known width: no length guard
    assert "(?s:." not in _guarded(r"(?:(\w+) \1)", 0, True)


def test_required_literal() -> None:
    assert prefilter.required_literal(r"[A-Z][\w .]{2,60} \| \d{2}:\d{2} WIB") == " WIB"
    assert prefilter.required_literal(r"(?i:wib)") is None  # only case-sensitive strings
    assert prefilter.required_literal(r"\d+") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=decode._LEADS + decode._CONT_CHARS + "â€abc é", max_size=16))
def test_mojibake_regex_equals_plain_form(text: str) -> None:
    plain = re.compile(f"(?:[{re.escape(decode._LEADS)}]|â€)[{re.escape(decode._CONT_CHARS)}]")
    assert [m.span() for m in decode._MOJIBAKE.finditer(text)] == \
        [m.span() for m in plain.finditer(text)]


def _for_text_by_find(registry, text: str):
    """The signature search as first written: str.find per signature, then patterns."""
    head = text[:20000]
    best = None
    for sig, prof in registry._sigs:
        pos = head.find(sig, 0, best[0] + len(sig) if best else len(head))
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, prof)
    for rx, _needed, prof in registry._sig_patterns:
        m = rx.search(head)
        while m is not None and not _whole_line(head, m):
            m = rx.search(head, m.end() + 1)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), prof)
    return best[1] if best else None


_SIG_PARTS = ["detik", "News", "com", "CNN Indonesia", " -", " —", "tirto.id", " ",
              "KOMPAS.com", "Jurnas", ".com", "x", "\n", "(ANTARA)", "Tempo.co", "SINDOnews",
              "jpnn.com, ", "kumparanNEWS", "detikcom", "okezone.com", "Okezone", "(ant/bam)",
              "Senin, 04/11/2024 10:30 WIB", "Budi | ", "iNews.id", "inves", "investor.id -"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SIG_PARTS), max_size=14))
def test_signature_search_picks_what_find_picks(parts: list[str]) -> None:
    registry = _registry()
    text = "".join(parts)
    assert registry.for_text(text) is _for_text_by_find(registry, text)


_REG = []


def _registry():
    if not _REG:
        _REG.append(Cleaner().registry)
    return _REG[0]


def _plain_features(text: str) -> tuple:
    firsts = "".join(re.findall(r"(?:^| )[^\w\s]*(\w)", text))
    words = len(firsts)
    digits = sum(map(str.isdigit, firsts))
    alpha = words - digits - firsts.count("_")
    caps = sum(map(str.isupper, firsts)) / alpha if alpha > 0 else 0.0
    return (text.casefold(), words, caps, digits / words if words else 0.0,
            re.match(r"^(?:\d{1,3}[.)]|[a-zA-Z][.)]\s|[-–•*·]\s)", text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ 9_.-–•*·)(ßİﬁ\u200b\u00a0\n\r\x1c€é漢", max_size=60))
def test_split_lines_features_equal_plain_computation(text: str) -> None:
    for ln in lines.split_lines(text):
        assert (ln.lower, ln.words, ln.caps, ln.numeric, ln.enumerated) == \
            _plain_features(ln.text)
