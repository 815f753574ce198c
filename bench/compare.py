"""Before / after: the deltas between two ``quality.py --json`` outputs, side by side.

    python bench/compare.py before.json after.json          # every number that moved
    python bench/compare.py before.json after.json --all    # every number
    python bench/compare.py before.json after.json --pages  # and the pages that moved

Every number of the two reports is flattened to a path (``sets / wcxb-dev / systems /
cleaner / line_f1``) and printed as ``before | after | delta``, grouped by section.
CPU seconds and wall time are left out unless ``--all`` (they move with the machine's
load, not with the code).  ``--pages`` lists, per set and system, the pages whose token
or line F1 moved by more than ``--page-delta``, largest moves first.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

#: keys that are timings or bookkeeping, not results
NOISE = ("cpu_s", "elapsed_s", "load_avg")
#: per-page vectors are [token P, R, F1, line P, R, F1]
PAGE_F1 = {"token F1": 2, "line F1": 5}


def flatten(obj: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Leaf values of a JSON report by path (per-page data and lists of text left out)."""
    out: dict[tuple[str, ...], Any] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "per_page":
                continue
            out |= flatten(v, (*prefix, str(k)))
    elif isinstance(obj, list):
        if all(isinstance(v, (int, float)) for v in obj):
            for i, v in enumerate(obj):
                out[(*prefix, str(i))] = v
        elif all(isinstance(v, dict) for v in obj):
            for v in obj:  # page-kind rows: keyed by their system
                out |= flatten(v, (*prefix, str(v.get("system", len(out)))))
    else:
        out[prefix] = obj
    return out


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "–" if v is None else str(v)


def _delta(a: Any, b: Any) -> str:
    if isinstance(a, bool) or isinstance(b, bool):
        return "" if a == b else "changed"
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        d = b - a
        if isinstance(a, int) and isinstance(b, int):
            return f"{d:+d}" if d else "0"
        return f"{d:+.3f}" if abs(d) >= 0.0005 else "0"
    return "" if a == b else "changed"


def _arrow(a: Any, b: Any) -> str:
    if a is None and b is None:
        return "–"
    if a == b:
        return _cell(a)
    return f"{_cell(a)} → {_cell(b)} ({_delta(a, b)})"


def headline(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Per dump set: systems down, token and line P/R/F1 as before → after (delta)."""
    out = []
    for set_name, entry in after.get("sets", {}).items():
        old = before.get("sets", {}).get(set_name, {}).get("systems", {})
        new = entry.get("systems", {})
        out += [f"\n### {set_name}: P/R/F1, before → after", "",
                "| system | token P | token R | token F1 | line P | line R | line F1 |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for system in [*new, *(s for s in old if s not in new)]:
            a, b = old.get(system, {}), new.get(system, {})
            out.append(f"| {system} | " + " | ".join(
                _arrow(a.get(k), b.get(k)) for k in ("token_p", "token_r", "token_f1",
                                                     "line_p", "line_r", "line_f1")) + " |")
    return out


def compare(before: dict[str, Any], after: dict[str, Any], show_all: bool) -> str:
    """The headline tables, then every other number that moved (all with ``show_all``)."""
    fa, fb = flatten(before), flatten(after)
    rows: dict[str, list[str]] = {}
    only: dict[str, dict[str, None]] = {"before": {}, "after": {}}
    for path in [*fa, *(p for p in fb if p not in fa)]:
        if not show_all and any(n in path for n in NOISE):
            continue
        if len(path) == 4 and path[0] == "sets" and path[2] == "systems":
            continue  # set/system -> a plain number: not produced; keep the shape safe
        a, b = fa.get(path), fb.get(path)
        if not show_all and a == b:
            continue
        section = " / ".join(path[:-1]) or "report"
        if path not in fa or path not in fb:  # a set or system run on one side only
            only["before" if path in fa else "after"].setdefault(section, None)
            continue
        rows.setdefault(section, []).append(
            f"| {path[-1]} | {_cell(a)} | {_cell(b)} | {_delta(a, b)} |")
    out = [f"before: {before.get('revision')}  after: {after.get('revision')}",
           *headline(before, after), "\n## every number that moved" if not show_all
           else "\n## every number"]
    if not rows:
        out.append("\nnone")
    for side, sections in only.items():
        if sections:
            out.append(f"\nonly in the {side} run: " + "; ".join(sections))
    for section, lines in rows.items():
        out += [f"\n{section}", "", "| value | before | after | delta |",
                "|---|---:|---:|---:|", *lines]
    return "\n".join(out)


def moved_pages(before: dict[str, Any], after: dict[str, Any], threshold: float) -> str:
    out = []
    for set_name, entry in after.get("sets", {}).items():
        old_set = before.get("sets", {}).get(set_name, {}).get("per_page", {})
        for system, pages in entry.get("per_page", {}).items():
            old = old_set.get(system, {})
            moves = []
            for pid, vec in pages.items():
                if pid not in old:
                    continue
                for label, i in PAGE_F1.items():
                    d = vec[i] - old[pid][i]
                    if abs(d) > threshold:
                        moves.append((abs(d), f"  {pid} {label} {old[pid][i]:.3f} -> "
                                              f"{vec[i]:.3f} ({d:+.3f})"))
            if moves:
                out.append(f"\n{set_name} / {system}: {len(moves)} page moves")
                out += [m for _, m in sorted(moves, reverse=True)]
    return "\n".join(out) or "\nno page moved"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--all", action="store_true", help="print unchanged numbers and timings")
    ap.add_argument("--pages", action="store_true", help="list the pages whose F1 moved")
    ap.add_argument("--page-delta", type=float, default=0.01,
                    help="smallest F1 move --pages lists (default %(default)s)")
    args = ap.parse_args(argv)
    before = json.loads(args.before.read_text("utf-8"))
    after = json.loads(args.after.read_text("utf-8"))
    print(compare(before, after, args.all))
    if args.pages:
        print(moved_pages(before, after, args.page_delta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
