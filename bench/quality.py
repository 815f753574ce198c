"""Quality of cleaner's text path against the tools a user would use instead, in one run.

Data sets (both scored in the same run):

* ``wcxb``: the WCXB article pages rendered as naive-scraper dumps by ``make_dumps.py``
  (English; gold = WCXB ``main_content``);
* ``samples``: the five Indonesian sample dumps in ``samples/`` with ``tests/gold/*.json``
  (gold = the ``body`` lines; ``line_labels`` say exactly which dump lines are body).

Systems:

* ``cleaner``: ``Cleaner(kind="text")``, outlet profiles on;
* ``cleaner --no-profiles``: ``Cleaner(use_profiles=False, kind="text")``, generic rules only;
* ``jusText``: the dump's lines wrapped as ``<p>`` elements, stoplist of the page language
  (English for WCXB, Indonesian for the samples), default settings;
* ``trafilatura``: ``trafilatura.extract`` on the same wrapped HTML (comments off);
* ``C4 lines``: keep a line if it ends in terminal punctuation (``. ? ! " '``, not ``...``)
  and has at least 5 words, the C4 line rule as issue 7 states it;
* ``dump as is``: every line kept (the floor of precision, the ceiling of recall);
* ``trafilatura on HTML``: ``trafilatura.extract`` on the original page (WCXB only): what
  a user who still has the HTML would get, for scale.

Metrics, averaged over pages (macro): token precision / recall / F1 (bag of lowercase
``\\w+`` tokens, multiset intersection, as WCXB scores); on the samples also exact
body-line precision / recall / F1 (which dump line numbers a system keeps, against the
lines the gold labels ``body``).  For jusText and trafilatura a dump line counts as kept
when its text comes back as an output paragraph.

Usage::

    python bench/make_dumps.py            # once: writes bench/dumps/
    python bench/quality.py               # all pages
    python bench/quality.py --limit 30    # first 30 WCXB pages (samples always all five)
    python bench/quality.py --json bench/out/quality.json
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Measure the working tree's cleaner (installed or not), and find bench/_metrics.py.
sys.path[:0] = [str(ROOT), str(HERE)]

from _metrics import mean, prf, revision  # noqa: E402  (bench/ is not a package)

END_PUNCTUATION = (".", "?", "!", '"', "'")  # as datatrove's C4QualityFilter
STOPLISTS = {"en": "English", "id": "Indonesian"}


@dataclass(slots=True)
class Doc:
    """One page to score: its dump, its gold text and, for the samples, its body lines."""

    corpus: str
    id: str
    text: str
    gold: str
    lang: str
    url: str | None = None
    html_path: str | None = None
    body_lines: frozenset[int] | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Non-empty lines, whitespace collapsed, numbered as in the dump (1-based).
        for n, raw in enumerate(self.text.splitlines(), start=1):
            norm = " ".join(raw.split())
            if norm:
                self.lines.append((n, norm))


# ---------------------------------------------------------------------- data
def load_wcxb(dumps: Path, limit: int | None) -> list[Doc]:
    """The dumps written by make_dumps.py (sorted by id)."""
    docs = []
    for path in sorted(dumps.glob("*.txt")):
        if path.name.endswith(".gold.txt"):
            continue
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        gold = path.with_suffix(".gold.txt").read_text("utf-8")
        docs.append(Doc("wcxb", path.stem, path.read_text("utf-8"), gold, "en",
                        url=meta.get("url"), html_path=meta.get("html")))
        if limit and len(docs) >= limit:
            break
    return docs


def load_samples(samples: Path, gold_dir: Path) -> list[Doc]:
    """The sample dumps with their gold body and line labels."""
    docs = []
    for path in sorted(samples.glob("*.txt")):
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text("utf-8"))
        body = frozenset(int(n) for n, lab in gold["line_labels"].items() if lab == "body")
        docs.append(Doc("samples", path.stem, path.read_text("utf-8"), "\n".join(gold["body"]),
                        "id", body_lines=body))
    return docs


# ---------------------------------------------------------------------- systems
# Each system maps a Doc to (output text, dump line numbers it kept), or to None where
# it does not apply (the original HTML exists only for the WCXB pages).
Output = tuple[str, set[int]] | None


def cleaner_system(use_profiles: bool) -> Callable[[Doc], Output]:
    import cleaner

    c = cleaner.Cleaner(use_profiles=use_profiles, kind="text")

    def run(doc: Doc) -> Output:
        art = c.clean(doc.text, url=doc.url, id=doc.id)
        return art.text, {d.n for d in art.lines if d.decision == "kept"}

    return run


def wrap_as_html(doc: Doc) -> str:
    """The dump's lines as ``<p>`` elements: the HTML a line-based tool gets."""
    paras = "".join(f"<p>{html.escape(t)}</p>\n" for _, t in doc.lines)
    return f"<html><head><title></title></head><body>\n{paras}</body></html>"


def _kept_by_text(doc: Doc, out_paragraphs: list[str]) -> set[int]:
    wanted = {" ".join(p.split()) for p in out_paragraphs}
    return {n for n, t in doc.lines if t in wanted}


def justext_system() -> Callable[[Doc], Output]:
    import justext

    stoplists = {lang: justext.get_stoplist(name) for lang, name in STOPLISTS.items()}

    def run(doc: Doc) -> Output:
        paras = justext.justext(wrap_as_html(doc), stoplists[doc.lang])
        if len(paras) == len(doc.lines):  # one paragraph per <p>: map by position
            kept = {n for (n, _), p in zip(doc.lines, paras, strict=True)
                    if not p.is_boilerplate}
        else:
            kept = _kept_by_text(doc, [p.text for p in paras if not p.is_boilerplate])
        text = "\n".join(p.text for p in paras if not p.is_boilerplate)
        return text, kept

    return run


def trafilatura_system() -> Callable[[Doc], Output]:
    import trafilatura

    def run(doc: Doc) -> Output:
        text = trafilatura.extract(wrap_as_html(doc), include_comments=False) or ""
        return text, _kept_by_text(doc, text.splitlines())

    return run


def c4_keep(line: str) -> bool:
    """The C4 line rule: ends like a sentence and has at least 5 words."""
    return (line.endswith(END_PUNCTUATION) and not line.endswith("...")
            and len(line.split()) >= 5)


def trafilatura_html_system() -> Callable[[Doc], Output]:
    import gzip

    import trafilatura

    def run(doc: Doc) -> Output:
        if not doc.html_path:
            return None
        page = gzip.decompress(Path(doc.html_path).read_bytes()).decode("utf-8", "replace")
        return trafilatura.extract(page, include_comments=False) or "", set()

    return run


def dump_system() -> Callable[[Doc], Output]:
    def run(doc: Doc) -> Output:
        return doc.text, {n for n, _ in doc.lines}

    return run


def c4_system() -> Callable[[Doc], Output]:
    def run(doc: Doc) -> Output:
        kept = [(n, t) for n, t in doc.lines if c4_keep(t)]
        return "\n".join(t for _, t in kept), {n for n, _ in kept}

    return run


SYSTEMS: dict[str, Callable[[], Callable[[Doc], Output]]] = {
    "cleaner": lambda: cleaner_system(True),
    "cleaner --no-profiles": lambda: cleaner_system(False),
    "jusText": justext_system,
    "trafilatura": trafilatura_system,
    "C4 lines": c4_system,
    "dump as is": dump_system,
    "trafilatura on HTML": trafilatura_html_system,
}


# ---------------------------------------------------------------------- scoring
@dataclass(slots=True)
class Score:
    """Per-page scores of one system on one corpus."""

    token: list[tuple[float, float, float]] = field(default_factory=list)
    line: list[tuple[float, float, float]] = field(default_factory=list)
    per_page: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: int = 0


def line_prf(kept: set[int], gold: frozenset[int]) -> tuple[float, float, float]:
    """Exact body-line precision, recall and F1 (empty output: precision 0 unless gold is)."""
    hit = len(kept & gold)
    p = hit / len(kept) if kept else float(not gold)
    r = hit / len(gold) if gold else float(not kept)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(systems: dict[str, Callable[[Doc], Output]], docs: list[Doc]
          ) -> dict[tuple[str, str], Score]:
    """Run every system on every doc; (system, corpus) -> Score."""
    out: dict[tuple[str, str], Score] = {}
    for name, run in systems.items():
        for doc in docs:
            sc = out.setdefault((name, doc.corpus), Score())
            try:
                got = run(doc)
            except Exception as exc:  # a peer failing on a page scores 0 there
                print(f"  {name} failed on {doc.corpus}/{doc.id}: {exc!r}", file=sys.stderr)
                sc.errors += 1
                got = "", set()
            if got is None:
                continue
            text, kept = got
            tok = prf(text, doc.gold)
            sc.token.append(tok)
            page = {"token_p": tok[0], "token_r": tok[1], "token_f1": tok[2]}
            if doc.body_lines is not None:
                ln = line_prf(kept, doc.body_lines)
                sc.line.append(ln)
                page.update(line_p=ln[0], line_r=ln[1], line_f1=ln[2])
            sc.per_page[doc.id] = page
    return out


def _avg(rows: list[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    if not rows:
        return None
    return (mean([r[0] for r in rows]), mean([r[1] for r in rows]), mean([r[2] for r in rows]))


def summary(results: dict[tuple[str, str], Score], names: list[str], corpora: list[str]
            ) -> dict[str, dict[str, dict[str, float | int | None]]]:
    """system -> corpus -> averaged metrics (the JSON written with --json)."""
    table: dict[str, dict[str, dict[str, float | int | None]]] = {}
    for name in names:
        for corpus in corpora:
            sc = results.get((name, corpus))
            if sc is None or not sc.token:
                continue
            tok, ln = _avg(sc.token), _avg(sc.line)
            row: dict[str, float | int | None] = {
                "pages": len(sc.token), "errors": sc.errors,
                "token_p": tok[0] if tok else None, "token_r": tok[1] if tok else None,
                "token_f1": tok[2] if tok else None,
                "line_p": ln[0] if ln else None, "line_r": ln[1] if ln else None,
                "line_f1": ln[2] if ln else None,
            }
            table.setdefault(name, {})[corpus] = row
    return table


def _f(x: float | int | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def render(table: dict[str, dict[str, dict[str, float | int | None]]],
           counts: dict[str, int]) -> str:
    """The one Markdown table: systems down, corpus x metric across."""
    head = (f"| system | WCXB dumps ({counts.get('wcxb', 0)}) token P | R | F1 "
            f"| samples ({counts.get('samples', 0)}) token P | R | F1 "
            "| samples body-line P | R | F1 | errors |")
    lines = [head, "|---" + "|---:" * 10 + "|"]
    for name, by_corpus in table.items():
        w = by_corpus.get("wcxb", {})
        s = by_corpus.get("samples", {})
        errors = sum(int(v.get("errors") or 0) for v in by_corpus.values())
        cells = [w.get("token_p"), w.get("token_r"), w.get("token_f1"),
                 s.get("token_p"), s.get("token_r"), s.get("token_f1"),
                 s.get("line_p"), s.get("line_r"), s.get("line_f1")]
        lines.append(f"| {name} | " + " | ".join(_f(c) for c in cells) + f" | {errors} |")
    return "\n".join(lines)


def render_per_sample(results: dict[tuple[str, str], Score], names: list[str]) -> str:
    """Body-line P/R/F1 per sample for the cleaner configurations."""
    out = []
    for name in names:
        sc = results.get((name, "samples"))
        if sc is None:
            continue
        out.append(f"\n{name}: body lines per sample")
        out.append("| sample | line P | line R | line F1 | token F1 |")
        out.append("|---|---:|---:|---:|---:|")
        for pid, m in sc.per_page.items():
            out.append(f"| {pid} | {_f(m.get('line_p'))} | {_f(m.get('line_r'))} "
                       f"| {_f(m.get('line_f1'))} | {_f(m['token_f1'])} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dumps", type=Path, default=HERE / "dumps",
                    help="folder written by make_dumps.py (default: %(default)s)")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    ap.add_argument("--limit", type=int, default=None, help="only the first N WCXB pages")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help="comma-separated subset of: " + ", ".join(SYSTEMS))
    ap.add_argument("--json", type=Path, default=None, help="also write the summary here")
    args = ap.parse_args(argv)

    wcxb = load_wcxb(args.dumps, args.limit)
    print(f"cleaner {revision()}, Python {sys.version.split()[0]}")
    if not wcxb:
        print(f"no dumps in {args.dumps}: run python bench/make_dumps.py first",
              file=sys.stderr)
    docs = wcxb + load_samples(args.samples, args.gold)
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system(s): {', '.join(unknown)}")
    systems = {n: SYSTEMS[n]() for n in names}
    results = score(systems, docs)
    counts = {"wcxb": len(wcxb), "samples": len(docs) - len(wcxb)}
    table = summary(results, names, ["wcxb", "samples"])
    print(render(table, counts))
    print(render_per_sample(results, [n for n in names if n.startswith("cleaner")]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        per_page = {f"{n}|{c}": sc.per_page for (n, c), sc in results.items()}
        args.json.write_text(json.dumps({"counts": counts, "summary": table,
                                         "per_page": per_page}, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
