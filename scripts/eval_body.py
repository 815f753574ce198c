"""Body-detection numbers of whichever ``cleaner`` is importable, in one run (issue 13).

Prints: token and line P/R/F1 on the WCXB dev pages rendered as dumps, per page type and
on the 300 article pages of ``../shared/dev/html``; page-kind accuracy (article vs not,
and per kind); the samples (exact against gold); and the accepted-clean detik records
that lose a line of 8+ words (dropped, not lifted into metadata).  Line labels come from
``scripts/wcxb_data.py``'s alignment of dump lines to the gold text.

Run it against another checkout by putting that checkout first on the path::

    python scripts/eval_body.py                          # this worktree
    PYTHONPATH=/work/main python scripts/eval_body.py    # main, same machine, same data
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "bench")]

import wcxb_data  # noqa: E402
from _metrics import mean, prf  # noqa: E402

import cleaner  # noqa: E402
from cleaner.lines import split_document  # noqa: E402

KIND_OF = {"article": "article", "listing": "listing", "collection": "listing",
           "forum": "forum", "product": "product", "service": "other",
           "documentation": "other"}
#: a control record "loses a line" when a dropped line has at least this many words
LOST_LINE_WORDS = 8
DETIK = wcxb_data.DEV / "corpora" / "Mukhammad-develop__lang_scrape__client_clean_sample.jsonl"


def _lprf(kept: set[int], gold: set[int]) -> tuple[float, float, float]:
    hit = len(kept & gold)
    p = hit / len(kept) if kept else float(not gold)
    r = hit / len(gold) if gold else float(not kept)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _avg(v: list[tuple[float, float, float]]) -> str:
    return " ".join(f"{mean(x[k] for x in v):.3f}" for k in range(3))


def main() -> int:
    print("cleaner from", Path(cleaner.__file__).parent)
    c = cleaner.Cleaner(kind="text")
    pages = wcxb_data.load_pages()
    html300 = {p.name.removesuffix(".html.gz")
               for p in (wcxb_data.DEV / "html" / "html").glob("*.html.gz")}
    by: dict[str, list[tuple[tuple[float, float, float], tuple[float, float, float]]]] = {}
    kinds: list[tuple[str, str]] = []
    t0 = time.process_time()
    for pg in pages:
        art = c.clean(pg.text, url=pg.url, id=pg.id)
        y = wcxb_data.label_lines([d.text for d in art.lines], pg.gold)
        kept = {i for i, d in enumerate(art.lines) if d.decision == "kept"}
        gold = {i for i, b in enumerate(y) if b}
        row = (prf(art.text, pg.gold), _lprf(kept, gold))
        by.setdefault(pg.page_type, []).append(row)
        if pg.id in html300:
            by.setdefault("article (300 of html/)", []).append(row)
        kinds.append((KIND_OF[pg.page_type], getattr(art, "page_kind", None) or "article"))
    cpu = time.process_time() - t0
    print("| set | pages | token P R F1 | line P R F1 |")
    print("|---|---:|---|---|")
    for t in sorted(by):
        rows = by[t]
        print(f"| {t} | {len(rows)} | {_avg([r[0] for r in rows])} | "
              f"{_avg([r[1] for r in rows])} |")
    binary = mean(float((k == "article") == (p == "article")) for k, p in kinds)
    exact = mean(float(k == p) for k, p in kinds)
    print(f"page kind: article vs not {binary:.3f}, exact kind {exact:.3f} "
          f"({len(kinds)} pages; IN-SAMPLE for a model trained on these pages)")
    print(f"CPU for the {len(pages)} dumps: {cpu:.1f} s")
    # samples, exact
    root = HERE.parent
    ok = 0
    samples = sorted((root / "samples").glob("*.txt"))
    for s in samples:
        gold = json.loads((root / "tests" / "gold" / f"{s.stem}.json").read_text("utf-8"))
        art = c.clean(s.read_bytes(), id=s.name)
        ok += list(art.paragraphs) == gold["body"]
    print(f"samples exact body: {ok}/{len(samples)}")
    # detik control
    lost = n = 0
    if DETIK.is_file():
        for line in DETIK.open(encoding="utf-8"):
            r = json.loads(line)
            n += 1
            art = c.clean(r["text"], url=r.get("url"), outlet=r.get("outlet"), id=r["id"])
            lines = split_document(r["text"])[0]
            lost += any(d.decision == "dropped" and ln.words >= LOST_LINE_WORDS
                        for d, ln in zip(art.lines, lines, strict=True))
    print(f"accepted-clean detik records losing a line of >= {LOST_LINE_WORDS} words: "
          f"{lost}/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
