"""Instructions executed per system, counted by valgrind: speed ratios that noise cannot move.

``speed.py`` times the systems by CPU time, and on a shared VM the ratios between them
move from run to run (the floor ran at 627 docs/s in one run and 959 in another).
The number of machine instructions a run executes does not depend on what else the
machine does, so the ratios below are the same on every run.  They are not times:
an instruction-heavy regex scan and a cache-missing dict walk cost different time per
instruction, so use this to compare versions of cleaner and to check the ratios of
``speed.py``, not as a throughput.

Each system runs in a fresh interpreter under ``valgrind --tool=callgrind`` twice: on
no documents (start-up, imports, one warm-up document) and on N documents; the
difference is the cost of the N documents.  Systems: ``text`` (cleaner's text path on
the WCXB dumps), ``floor`` (speed.py's floor on the same dumps), ``traf``
(trafilatura on the pages' HTML), ``html`` (cleaner's HTML path on the same HTML);
``load`` (reading and decompressing the HTML) is subtracted from the last two.

Usage::

    python bench/instructions.py                  # 60 pages, all systems (~15 min)
    python bench/instructions.py --limit 20 --systems text,floor
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SYSTEMS = ("text", "floor", "load", "traf", "html")


def run_one(system: str, n: int, dumps: Path) -> None:
    """The workload itself (run inside valgrind by :func:`count`)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    metas = [json.loads(p.read_text("utf-8")) for p in sorted(dumps.glob("*.meta.json"))]
    first = metas[0]
    metas = metas[:n]
    if system in ("text", "floor"):
        docs = [(dumps / f"{m['id']}.txt").read_text("utf-8") for m in metas]
    else:
        docs = [gzip.decompress(Path(m["html"]).read_bytes()).decode("utf-8", "replace")
                for m in metas]
    warm = gzip.decompress(Path(first["html"]).read_bytes()).decode("utf-8", "replace")
    if system == "floor":
        from speed import floor

        fn = floor
        warm = "warm up line one two three\nsecond line"
    elif system == "text":
        import cleaner

        fn = cleaner.Cleaner(kind="text").clean
        warm = "warm up line one two three\nsecond line."
    elif system == "traf":
        import trafilatura

        def fn(html: str) -> object:
            return trafilatura.extract(html, include_comments=False)
    elif system == "html":
        import cleaner

        fn = cleaner.Cleaner(kind="html").clean
    else:  # load: nothing but the reading above
        return
    fn(warm)
    for doc in docs:
        fn(doc)


def count(system: str, n: int, dumps: Path) -> int:
    """Instructions (callgrind's Ir) of a fresh interpreter running ``system`` on n docs."""
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           sys.executable, __file__, "--run", system, "--limit", str(n),
           "--dumps", str(dumps)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output for {system}")
    return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dumps", type=Path, default=HERE / "dumps")
    ap.add_argument("--limit", type=int, default=60, help="pages (default: %(default)s)")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--run", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        run_one(args.run, args.limit, args.dumps)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    if not any(args.dumps.glob("*.meta.json")):
        print(f"no dumps in {args.dumps}: run python bench/make_dumps.py first",
              file=sys.stderr)
        return 2
    systems = [s for s in args.systems.split(",") if s]
    if {"traf", "html"} & set(systems) and "load" not in systems:
        systems.append("load")
    work = {}
    for system in systems:
        base, full = count(system, 0, args.dumps), count(system, args.limit, args.dumps)
        work[system] = full - base
        print(f"  {system}: {work[system] / 1e6:,.0f} M instructions for {args.limit} docs",
              file=sys.stderr)
    for system in ("traf", "html"):
        if system in work:
            work[system] -= work.get("load", 0)
    print(f"\ninstructions for {args.limit} WCXB pages (callgrind Ir, minus start-up):\n")
    print("| system | M instructions | per page (M) |\n|---|---:|---:|")
    for system in systems:
        if system != "load":
            total = work[system] / 1e6
            print(f"| {system} | {total:,.0f} | {total / args.limit:.1f} |")
    ratios = [
        ("floor / text (compare speed.py's text/floor)", "floor", "text", ".2f"),
        ("traf / text (text-path pages per trafilatura page)", "traf", "text", ".1f"),
        ("html / traf", "html", "traf", ".2f"),
    ]
    print("\n| ratio (by instructions) | value |\n|---|---:|")
    for label, num, den, fmt in ratios:
        if num in work and den in work:
            print(f"| {label} | {work[num] / work[den]:{fmt}} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
