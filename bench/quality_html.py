"""Main-text quality on HTML pages: cleaner's HTML path against its peers, in one run.

    python bench/quality_html.py [--dir DIR] [--limit N] [--only SYSTEM] [--per-page out.tsv]

The directory holds ``html/<id>.html.gz`` pages and ``ground-truth/<id>.json`` (WCXB
schema: ``ground_truth.main_content`` is the gold main text).  Every system gets the
same decoded page and URL; its text is scored with the token bag metric of
``bench/_metrics.py`` (precision, recall, F1 per page, then averaged).  Systems:

* ``cleaner``: ``Cleaner().clean(page, url=url, kind="html").text`` (profiles on;
  these pages have none, so this measures trafilatura + the generic line rules);
* ``trafilatura``: ``trafilatura.extract(page, url=url)`` with default settings;
* ``trafilatura-precision``: the same with ``favor_precision=True``;
* ``justext``: jusText with the English stoplist, non-boilerplate paragraphs.

Wall time (and process CPU time, steadier on a shared machine) is per system, summed
over all pages, after one warm-up page (imports and caches are not counted).  Systems
run interleaved page by page in a rotating order, so a busy machine slows every system
alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

# the working tree's cleaner and the sibling _metrics, installed or not
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _metrics import dev_dir, mean, prf

DEFAULT_DIR = dev_dir() / "html"


def load(directory: Path, limit: int | None) -> list[tuple[str, str, str | None, str]]:
    """``(id, page, url, gold)`` per page, sorted by id."""
    from cleaner.decode import decode

    pages = []
    for gt in sorted((directory / "ground-truth").glob("*.json"))[:limit]:
        record = json.loads(gt.read_text(encoding="utf-8"))
        raw = gzip.decompress((directory / "html" / f"{gt.stem}.html.gz").read_bytes())
        page, _ = decode(raw)
        pages.append((gt.stem, page, record.get("url"),
                      record["ground_truth"]["main_content"] or ""))
    return pages


def systems() -> dict[str, Callable[[str, str | None], str]]:
    import justext
    import trafilatura

    import cleaner

    cl = cleaner.Cleaner()
    stoplist = justext.get_stoplist("English")

    def run_cleaner(page: str, url: str | None) -> str:
        return cl.clean(page, url=url, kind="html").text

    def run_justext(page: str, url: str | None) -> str:
        paras = justext.justext(page, stoplist)
        return "\n".join(p.text for p in paras if not p.is_boilerplate)

    return {
        "cleaner": run_cleaner,
        "trafilatura": lambda page, url: trafilatura.extract(page, url=url) or "",
        "trafilatura-precision": lambda page, url: trafilatura.extract(
            page, url=url, favor_precision=True) or "",
        "justext": run_justext,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", action="append", help="run only these systems")
    ap.add_argument("--per-page", type=Path, help="write id, system, p, r, f1 as TSV")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load(args.dir, args.limit)
    runners = {k: v for k, v in systems().items() if not args.only or k in args.only}
    for fn in runners.values():
        fn(pages[0][1], pages[0][2])  # warm-up: imports and caches are not timed
    elapsed = dict.fromkeys(runners, 0.0)
    cpu = dict.fromkeys(runners, 0.0)
    scores: dict[str, list[tuple[float, float, float]]] = {k: [] for k in runners}
    per_page = []
    names = list(runners)
    for n, (pid, page, url, gold) in enumerate(pages):
        # Interleaved, in a rotating order: load on the machine hits every system alike.
        for name in names[n % len(names):] + names[:n % len(names)]:
            start, start_cpu = time.perf_counter(), time.process_time()
            out = runners[name](page, url)
            elapsed[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
            scores[name].append(prf(out, gold))
            per_page.append((pid, name, *scores[name][-1]))
    rows = [(name, *(mean(s[k] for s in scores[name]) for k in range(3)), elapsed[name],
             cpu[name]) for name in names]
    print(f"{len(pages)} pages from {args.dir}\n")
    print(f"{'system':<24}{'precision':>10}{'recall':>10}{'F1':>10}{'time (s)':>11}"
          f"{'cpu (s)':>10}")
    for name, p, r, f, t, c in rows:
        print(f"{name:<24}{p:>10.4f}{r:>10.4f}{f:>10.4f}{t:>11.2f}{c:>10.2f}")
    by = {r[0]: r for r in rows}
    if "cleaner" in by and "trafilatura" in by:
        c, t = by["cleaner"], by["trafilatura"]
        print(f"\ncleaner vs trafilatura: F1 {c[3]:.4f} vs {t[3]:.4f} "
              f"({c[3] - t[3]:+.4f}), time ratio {c[4] / t[4]:.2f}x "
              f"(cpu {c[5] / t[5]:.2f}x)")
    if args.per_page:
        with args.per_page.open("w", encoding="utf-8") as fh:
            fh.write("id\tsystem\tprecision\trecall\tf1\n")
            for pid, name, p, r, f in per_page:
                fh.write(f"{pid}\t{name}\t{p:.4f}\t{r:.4f}\t{f:.4f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
