"""Speed of two checkouts of cleaner in one run: "before" and "after" a change.

Each round runs every (checkout, set) pair in a fresh interpreter, the checkouts in
alternating order, so a machine that gets busier slows both alike; each pair's best
round counts, by the process's CPU time (as ``timeit`` does; other processes on a
shared machine inflate the wall clock but not our CPU time).  In each interpreter the
Cleaner is built and the texts are read untimed, a few documents run untimed to warm
up, then every document is cleaned once, timed.

Sets: ``dumps`` (the WCXB text dumps of ``make_dumps.py``, text path), ``corpora`` (the
texts of the Indonesian dev corpora, text path), ``html`` (the 300 dev pages, HTML path).

Usage::

    git worktree add /tmp/before HEAD~1          # or any other commit
    python bench/ab_speed.py --a /tmp/before --b . --rounds 5
    python bench/ab_speed.py --a /tmp/before --b . --sets dumps --limit 100 --json out.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _metrics import dev_dir  # noqa: E402  (bench/ is not a package)

DEV = dev_dir()

_WORKER = r'''
import gzip, json, os, sys, time
from pathlib import Path
repo, name, dumps, dev, limit = sys.argv[1:6]
dumps, dev, limit = Path(dumps), Path(dev), int(limit)
sys.path.insert(0, repo)
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
import cleaner
if name == "dumps":
    docs = [p.read_text(encoding="utf-8") for p in sorted(dumps.glob("*.txt"))
            if not p.name.endswith(".gold.txt")]
    kind = "text"
elif name == "corpora":
    docs = []
    for p in sorted((dev / "corpora").glob("*.jsonl")):
        with p.open(encoding="utf-8") as fh:
            docs += [json.loads(line)["text"] for line in fh]
    kind = "text"
else:
    pages = sorted((dev / "html" / "html").glob("*.html.gz"))
    docs = [gzip.decompress(p.read_bytes()) for p in pages]
    kind = "html"
if limit:
    docs = docs[:limit]
c = cleaner.Cleaner(kind=kind)
for d in docs[:5]:
    c.clean(d)
c = cleaner.Cleaner(kind=kind)  # a fresh one: no verdicts cached from the warm-up
t0 = time.process_time()
for d in docs:
    try:
        c.clean(d)
    except cleaner.InputError:
        pass
cpu = time.process_time() - t0
print(json.dumps({"docs": len(docs), "bytes": sum(len(d) for d in docs), "cpu": cpu}))
'''


def _run(repo: Path, name: str, dumps: Path, limit: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _WORKER, str(repo), name, str(dumps),
                          str(DEV), str(limit)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _revision(repo: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(repo), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", type=Path, required=True, help="the 'before' checkout")
    ap.add_argument("--b", type=Path, default=HERE.parent, help="the 'after' checkout")
    ap.add_argument("--sets", default="dumps,corpora,html")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each set")
    ap.add_argument("--dumps", type=Path, default=HERE / "dumps")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    repos = {"a": args.a.resolve(), "b": args.b.resolve()}
    sets = [s for s in args.sets.split(",") if s]
    best: dict[tuple[str, str], dict[str, float]] = {}
    for r in range(args.rounds):
        order = ("a", "b") if r % 2 == 0 else ("b", "a")
        for name in sets:
            for key in order:
                res = _run(repos[key], name, args.dumps, args.limit)
                if (key, name) not in best or res["cpu"] < best[key, name]["cpu"]:
                    best[key, name] = res
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    print(f"a = {repos['a']} ({_revision(repos['a'])})")
    print(f"b = {repos['b']} ({_revision(repos['b'])})")
    print(f"best of {args.rounds} rounds, CPU time, one core\n")
    print("| set | docs | a docs/s | b docs/s | b time / a time |")
    print("|---|---:|---:|---:|---:|")
    rows = []
    for name in sets:
        a, b = best["a", name], best["b", name]
        ratio = b["cpu"] / a["cpu"] if a["cpu"] else float("nan")
        rows.append({"set": name, "docs": a["docs"], "a_docs_s": a["docs"] / a["cpu"],
                     "b_docs_s": b["docs"] / b["cpu"], "ratio": ratio})
        print(f"| {name} | {a['docs']:,} | {a['docs'] / a['cpu']:,.1f} | "
              f"{b['docs'] / b['cpu']:,.1f} | {ratio:.3f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"a": str(repos["a"]), "b": str(repos["b"]),
                                         "rows": rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
