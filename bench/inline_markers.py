"""Inline related-link markers left in cleaned dev-corpus articles, by outlet (issue 17).

Counts cleaned articles whose body still holds one of "baca juga", "lihat juga", "simak
juga", "baca selengkapnya", "artikel ini telah tayang" (case-insensitive), per outlet,
and the body tokens of the accepted-clean detik records (the false-positive control:
span rules must not cost them words).  With ``--before CHECKOUT`` the same numbers for
another checkout, in the same run, and the records whose clean-sample body differs.

Usage::

    python bench/inline_markers.py
    python bench/inline_markers.py --before /tmp/main --show 5
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKERS = re.compile(r"baca juga|lihat juga|simak juga|baca selengkapnya|artikel ini telah tayang",
                     re.IGNORECASE)
CLEAN_SAMPLE = "Mukhammad-develop__lang_scrape__client_clean_sample.jsonl"

_WORKER = r'''
import json, re, sys
from pathlib import Path
repo, dev = sys.argv[1:3]
sys.path.insert(0, repo)
import cleaner
marks = re.compile(sys.argv[3], re.IGNORECASE)
c = cleaner.Cleaner()
left, sample = {}, {}
for path in sorted(Path(dev, "corpora").glob("*.jsonl")):
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        art = c.clean(r["text"], url=r.get("url"), outlet=r.get("outlet"), id=r["id"])
        hits = [p for p in art.paragraphs if marks.search(p)]
        if hits:
            left[r["id"]] = [r.get("outlet"), hits]
        if path.name == sys.argv[4]:
            sample[r["id"]] = art.text
print(json.dumps({"left": left, "sample": sample}))
'''


def run(repo: Path, dev: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _WORKER, str(repo), str(dev),
                          MARKERS.pattern, CLEAN_SAMPLE],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def summary(name: str, res: dict) -> None:
    by: dict[str, int] = {}
    for outlet, _ in res["left"].values():
        by[outlet] = by.get(outlet, 0) + 1
    tokens = sum(len(t.split()) for t in res["sample"].values())
    print(f"{name}: {len(res['left'])} articles with an inline marker "
          f"({sum(len(h) for _, h in res['left'].values())} paragraphs); "
          + ", ".join(f"{o} {n}" for o, n in sorted(by.items(), key=lambda x: -x[1])))
    print(f"{name}: clean-sample body tokens {tokens} over {len(res['sample'])} records")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=Path("/work/shared/dev"))
    ap.add_argument("--after", type=Path, default=HERE.parent)
    ap.add_argument("--before", type=Path, default=None)
    ap.add_argument("--show", type=int, default=0, help="print N left-over paragraphs")
    args = ap.parse_args()
    after = run(args.after, args.dev)
    if args.before is not None:
        before = run(args.before, args.dev)
        summary("before", before)
        changed = [k for k in before["sample"] if before["sample"][k] != after["sample"].get(k)]
        lost = sum(max(0, len(before["sample"][k].split()) - len(after["sample"][k].split()))
                   for k in changed)
        print(f"clean sample: {len(changed)} records changed, {lost} tokens lost: {changed[:10]}")
    summary("after", after)
    for rid, (_, hits) in list(after["left"].items())[:args.show]:
        for para in hits:
            m = MARKERS.search(para)
            assert m is not None
            print(f"  {rid}: ...{para[max(0, m.start() - 40):m.end() + 80]}...")


if __name__ == "__main__":
    main()
