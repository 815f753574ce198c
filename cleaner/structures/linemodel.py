"""The learned line model: two small logistic regressions over line features.

Stage 1 scores each line from its own features and its neighbours'
(:mod:`.features`); stage 2 adds the stage-1 scores of the neighbours (a list item
next to list items is chrome even where its own shape says little).  Both are plain
weighted sums, so inference is a few dozen multiplications per line in pure Python,
deterministic, with no dependency and no network; and every score can be explained as
the features whose weight times (standardised) value pushed it most.

The weights live in ``cleaner/models/line_model.json``, written by
``scripts/train_line_model.py`` from the WCXB dev split (CC-BY-4.0, see
``cleaner/models/ATTRIBUTION.md``).  The file stores weights by feature name; a model
whose names do not match :data:`.features.NAMES` is refused rather than misread.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from pathlib import Path

from .features import NAMES

__all__ = ["STAGE2_NAMES", "LineModel", "default_model"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "line_model.json"
#: the extra inputs of stage 2: stage-1 scores around the line
STAGE2_NAMES: tuple[str, ...] = ("p_self", "p_prev", "p_next", "p_near", "p_far")
_NEAR, _FAR = 2, 8


@dataclass(frozen=True, slots=True)
class _Linear:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    @classmethod
    def from_dict(cls, d: dict[str, object], names: Sequence[str]) -> _Linear:
        got = tuple(d["names"])  # type: ignore[arg-type]
        if got != tuple(names):
            raise ValueError(f"line model features {got!r} do not match {tuple(names)!r}")
        return cls(got, tuple(d["mean"]), tuple(d["scale"]),  # type: ignore[arg-type]
                   tuple(d["coef"]), float(d["intercept"]))  # type: ignore[arg-type]

    @property
    def folded(self) -> tuple[tuple[float, ...], float]:
        """Weights and intercept with the standardisation folded in (one dot product)."""
        w = tuple(c / s for c, s in zip(self.coef, self.scale, strict=True))
        return w, self.intercept - sum(wi * m for wi, m in zip(w, self.mean, strict=True))

    def logit(self, x: Sequence[float]) -> float:
        w, b = self.folded
        return b + sum(map(mul, w, x))

    def contributions(self, x: Sequence[float]) -> list[tuple[str, float]]:
        return [(nm, c * (v - m) / s) for nm, v, m, s, c
                in zip(self.names, x, self.mean, self.scale, self.coef, strict=True)]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _window_means(p: Sequence[float], radius: int) -> list[float]:
    n = len(p)
    pre = [0.0]
    for v in p:
        pre.append(pre[-1] + v)
    out = []
    for i in range(n):
        a, b = max(0, i - radius), min(n, i + radius + 1)
        out.append((pre[b] - pre[a] - p[i]) / (b - a - 1) if b - a > 1 else p[i])
    return out


def stage2_inputs(x: Sequence[Sequence[float]], p1: Sequence[float]) -> list[list[float]]:
    """Stage-1 features plus the stage-1 scores around each line."""
    n = len(p1)
    near, far = _window_means(p1, _NEAR), _window_means(p1, _FAR)
    return [[*x[i], p1[i], p1[i - 1] if i > 0 else 0.0, p1[i + 1] if i + 1 < n else 0.0,
             near[i], far[i]] for i in range(n)]


class LineModel:
    """Body probability per line, with the features that decided it."""

    def __init__(self, data: dict[str, object]) -> None:
        self.version = str(data.get("version", ""))
        #: inside the window, a line below this probability is dropped
        self.drop_below = float(data.get("drop_below", 0.5))  # type: ignore[arg-type]
        #: outside the window, a line at or above this probability is kept
        self.keep_above = float(data.get("keep_above", 0.5))  # type: ignore[arg-type]
        #: the page-kind model (:mod:`.pagekind`) stored in the same file, if any
        self.page_kind = data.get("page_kind")
        self.stage1 = _Linear.from_dict(data["stage1"], NAMES)  # type: ignore[arg-type]
        self.stage2 = _Linear.from_dict(data["stage2"],  # type: ignore[arg-type]
                                        (*NAMES, *STAGE2_NAMES))
        self._w1, self._w2 = self.stage1.folded, self.stage2.folded

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> LineModel:
        return cls(json.loads(Path(path).read_text("utf-8")))

    def score(self, x: Sequence[Sequence[float]]) -> tuple[list[float], list[list[float]]]:
        """The body probability of each line, and the stage-2 inputs (for :meth:`explain`)."""
        w1, b1 = self._w1
        p1 = [_sigmoid(b1 + sum(map(mul, w1, v))) for v in x]
        x2 = stage2_inputs(x, p1)
        w2, b2 = self._w2
        return [_sigmoid(b2 + sum(map(mul, w2, v))) for v in x2], x2

    def explain(self, x2: Sequence[float], k: int = 3) -> str:
        """The ``k`` features that pushed this line's score most, signed ("+" = body)."""
        contrib = sorted(self.stage2.contributions(x2), key=lambda t: -abs(t[1]))[:k]
        return " ".join(f"{nm}{'+' if c >= 0 else '-'}{abs(c):.1f}" for nm, c in contrib)


@lru_cache(maxsize=1)
def default_model() -> LineModel | None:
    """The shipped model, or None when its file is missing (the engine then skips it)."""
    try:
        return LineModel.load()
    except (OSError, ValueError, KeyError):
        return None
