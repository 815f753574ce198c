"""Token-level precision / recall / F1, shared by the bench scripts.

The metric is WCXB's word-level one: each text becomes a *bag* (multiset) of lowercase
``\\w+`` tokens; matched = size of the multiset intersection of output and gold;
precision = matched / output tokens, recall = matched / gold tokens.  Scores are
computed per page and then averaged (``mean``), so every page weighs the same.

Conventions for empty texts: empty output and empty gold score (1, 1, 1); an empty
output against a non-empty gold scores (0, 0, 0); a non-empty output against an
empty gold scores precision 0, recall 1, F1 0.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

__all__ = ["dev_dir", "mean", "prf", "revision", "tokens"]

_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> Counter[str]:
    """The bag of lowercase ``\\w+`` tokens of ``text``."""
    return Counter(_WORD.findall((text or "").lower()))


def prf(output: str | None, gold: str | None) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` of ``output`` against ``gold``."""
    out, ref = tokens(output), tokens(gold)
    n_out, n_ref = sum(out.values()), sum(ref.values())
    if not n_out and not n_ref:
        return 1.0, 1.0, 1.0
    if not n_out:
        return 0.0, 0.0, 0.0
    if not n_ref:
        return 0.0, 1.0, 0.0
    matched = sum((out & ref).values())
    p, r = matched / n_out, matched / n_ref
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; 0.0 for no values."""
    vals = list(values)
    return sum(vals) / len(vals) if vals else 0.0


def revision() -> str:
    """The commit the numbers belong to (``+dirty`` when cleaner/ has local changes)."""
    import subprocess

    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--", "cleaner") else "")


def dev_dir() -> Path:
    """The dev pack (``shared/dev``): ``$CLEANER_DEV``, else the first ``shared/dev`` beside
    the repository or beside one of its parents (a worktree under ``/work/wt/`` finds
    ``/work/shared/dev``)."""
    import os

    env = os.environ.get("CLEANER_DEV")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parent.parent
    for up in root.parents:
        cand = up / "shared" / "dev"
        if cand.is_dir():
            return cand
    return root.parent / "shared" / "dev"
