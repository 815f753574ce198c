"""Train the line model (cleaner/models/line_model.json) on the WCXB dev split, and score it.

Data: WCXB dev (Murrough Foley, CC-BY-4.0), ``../shared/dev/wcxb-dev``: each page is
rendered to a text dump the way ``bench/make_dumps.py`` does and each dump line labelled
body / not body by alignment with the gold ``main_content`` (``scripts/wcxb_data.py``).
Never the copyrighted ``corpora/``.

Features are what the engine computes at the point the model runs (rules and structure
detectors applied, the provisional window found): the script runs the real engine with a
capturing stand-in for the model, so training and inference see the same numbers.

Honesty: with ``--cv K`` (default 5) the pages are split into K folds **by domain**; each
fold's pages are scored by a model trained without any page of their domains, through
the real engine.  Those are the held-out numbers.  The shipped model is then trained on
all pages; numbers of the shipped model on the same pages are in-sample and printed as
such.

Usage (needs ``pip install -e ".[train]"``)::

    python scripts/train_line_model.py                    # CV report + write the model
    python scripts/train_line_model.py --cv 0             # just train and write
    python scripts/train_line_model.py --no-write         # CV report only
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE), str(ROOT / "bench")]

import wcxb_data  # noqa: E402
from _metrics import mean, prf  # noqa: E402

import cleaner  # noqa: E402
from cleaner.structures.features import NAMES  # noqa: E402
from cleaner.structures.linemodel import (  # noqa: E402
    MODEL_PATH,
    STAGE2_NAMES,
    LineModel,
    stage2_inputs,
)
from cleaner.structures.pagekind import FEATURE_NAMES as KIND_FEATURES  # noqa: E402
from cleaner.structures.pagekind import URL_FEATURES  # noqa: E402

#: L2 strength of the logistic regressions (sklearn's C): mild, the features are few
C_DEFAULT = 0.5
#: pages of these types train the model (the body of a listing is its list: not ours)
TRAIN_TYPES = frozenset({"article"})
DROP_BELOW_DEFAULT = 0.25
KEEP_ABOVE_DEFAULT = 0.9


class Capture:
    """Stands in for the model: records the features, changes nothing."""

    drop_below, keep_above = 0.5, 2.0

    def __init__(self) -> None:
        self.x: list[list[float]] = []
        self.first = 0  # index of the line of x[0] (the engine scores lines near the window)

    def score(self, x: Sequence[Sequence[float]]) -> tuple[list[float], list[list[float]]]:
        self.x = [list(v) for v in x]
        if x:  # position = index / lines, and doc_log_lines = log1p(lines)
            n = round(math.expm1(x[0][NAMES.index("doc_log_lines")]))
            self.first = round(x[0][NAMES.index("pos")] * n)
        inside = NAMES.index("in_span")
        return [float(v[inside]) for v in x], self.x

    def explain(self, x2: Sequence[float], k: int = 3) -> str:
        return ""


def _engine(c: cleaner.Cleaner):  # the private engine, on purpose
    return c._engine


def extract(pages: list[wcxb_data.Page], c: cleaner.Cleaner) -> list[dict]:
    """Per page: features, labels, baseline output."""
    eng = _engine(c)
    saved = eng.line_model
    cap = Capture()
    eng.line_model = cap
    out = []
    try:
        for pg in pages:
            cap.x, cap.first = [], 0
            art = c.clean(pg.text, url=pg.url, id=pg.id)
            texts = [d.text for d in art.lines]
            y = wcxb_data.label_lines(texts, pg.gold)
            a = cap.first
            out.append({"page": pg, "x": cap.x, "y": y[a:a + len(cap.x)], "y_all": y})
    finally:
        eng.line_model = saved
    return out


def _fit(rows: list[dict], c_reg: float) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: Sequence[str]) -> dict:
        mu = x.mean(axis=0)
        sd = x.std(axis=0)
        sd[sd < 1e-9] = 1.0
        lr = LogisticRegression(C=c_reg, max_iter=2000)
        lr.fit((x - mu) / sd, y, sample_weight=w)
        return {"names": list(names), "mean": [round(float(v), 6) for v in mu],
                "scale": [round(float(v), 6) for v in sd],
                "coef": [round(float(v), 6) for v in lr.coef_[0]],
                "intercept": round(float(lr.intercept_[0]), 6)}

    rows = [r for r in rows if r["x"]]
    x = np.array([v for r in rows for v in r["x"]], dtype=float)
    y = np.array([b for r in rows for b in r["y"]], dtype=int)
    # every page weighs about the same, whatever its length
    w = np.array([1.0 / math.sqrt(len(r["x"])) for r in rows for _ in r["x"]])
    s1 = fit(x, y, w, NAMES)
    m1 = LineModel({"stage1": s1, "stage2": {**s1, "names": [*NAMES, *STAGE2_NAMES],
                                              "mean": s1["mean"] + [0.0] * 5,
                                              "scale": s1["scale"] + [1.0] * 5,
                                              "coef": s1["coef"] + [0.0] * 5}})
    x2 = []
    for r in rows:
        p1 = [1.0 / (1.0 + math.exp(-m1.stage1.logit(v))) for v in r["x"]]
        x2 += stage2_inputs(r["x"], p1)
    s2 = fit(np.array(x2, dtype=float), y, w, (*NAMES, *STAGE2_NAMES))
    return {"stage1": s1, "stage2": s2}


KIND_OF = {"article": "article", "listing": "listing", "collection": "listing",
           "forum": "forum", "product": "product", "service": "other",
           "documentation": "other"}


def kind_data(rows: list[dict], c: cleaner.Cleaner, model: object) -> list[list[float]]:
    """Page-kind features of each page, from the engine's decisions with ``model``."""
    from cleaner.lines import split_document
    from cleaner.structures.pagekind import kind_features

    eng = _engine(c)
    saved = eng.line_model
    eng.line_model = model
    out = []
    try:
        for r in rows:
            pg = r["page"]
            art = c.clean(pg.text, url=pg.url, id=pg.id)
            lines = split_document(pg.text)[0]
            out.append(kind_features(lines, [(d.decision, d.rule, d.reason)
                                             for d in art.lines], pg.url))
    finally:
        eng.line_model = saved
    return out


def fit_kind(x: list[list[float]], y: list[str], c_reg: float) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xa = np.array(x, dtype=float)
    mu, sd = xa.mean(axis=0), xa.std(axis=0)
    sd[sd < 1e-9] = 1.0
    lr = LogisticRegression(C=c_reg, max_iter=5000)
    lr.fit((xa - mu) / sd, y)
    return {"classes": [str(k) for k in lr.classes_],
            "mean": [round(float(v), 6) for v in mu], "scale": [round(float(v), 6) for v in sd],
            "coef": [[round(float(v), 6) for v in row] for row in lr.coef_],
            "intercept": [round(float(v), 6) for v in lr.intercept_]}


def line_prf(kept: set[int], gold: set[int]) -> tuple[float, float, float]:
    hit = len(kept & gold)
    p = hit / len(kept) if kept else float(not gold)
    r = hit / len(gold) if gold else float(not kept)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(rows: list[dict], c: cleaner.Cleaner, model: object | None
             ) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Run the engine with ``model`` (None: no model) on each row's page."""
    eng = _engine(c)
    saved = eng.line_model
    eng.line_model = model
    per: dict[str, dict[str, tuple[float, float, float]]] = {}
    try:
        for r in rows:
            pg = r["page"]
            art = c.clean(pg.text, url=pg.url, id=pg.id)
            kept = {i for i, d in enumerate(art.lines) if d.decision == "kept"}
            gold = {i for i, b in enumerate(r["y_all"]) if b}
            per[pg.id] = {"token": prf(art.text, pg.gold), "line": line_prf(kept, gold)}
    finally:
        eng.line_model = saved
    return per


def _avg(vals: list[tuple[float, float, float]]) -> str:
    return " ".join(f"{mean(v[k] for v in vals):.3f}" for k in range(3))


def report(name: str, rows: list[dict], per: dict, subset: set[str] | None = None) -> None:
    by_type: dict[str, list[str]] = {}
    for r in rows:
        by_type.setdefault(r["page"].page_type, []).append(r["page"].id)
    if subset is not None:
        by_type["article(300 html/)"] = [i for i in by_type.get("article", []) if i in subset]
    for t, ids in sorted(by_type.items()):
        tok = [per[i]["token"] for i in ids if i in per]
        ln = [per[i]["line"] for i in ids if i in per]
        if tok:
            print(f"{name:28s} {t:20s} n={len(tok):4d}  token P R F1 {_avg(tok)}  "
                  f"line P R F1 {_avg(ln)}")


def _predict_kind(km: dict, x: list[float]) -> str:
    z = [b + sum(cf * (v - m) / sd for v, m, sd, cf in zip(x, km["mean"], km["scale"], row,
                                                            strict=True))
         for row, b in zip(km["coef"], km["intercept"], strict=True)]
    return km["classes"][max(range(len(z)), key=z.__getitem__)]


def folds(rows: list[dict], k: int) -> list[list[int]]:
    """Row indices per fold, grouped by domain (greedy balance by line count)."""
    size = Counter()
    for r in rows:
        size[r["page"].domain] += len(r["x"])
    buckets: list[list[str]] = [[] for _ in range(k)]
    load = [0] * k
    for dom, n in sorted(size.items(), key=lambda t: (-t[1], t[0])):
        b = load.index(min(load))
        buckets[b].append(dom)
        load[b] += n
    where = {d: b for b, ds in enumerate(buckets) for d in ds}
    out: list[list[int]] = [[] for _ in range(k)]
    for i, r in enumerate(rows):
        out[where[r["page"].domain]].append(i)
    return out


def train_kind(rows: list[dict], c: cleaner.Cleaner, model: dict, cv: int) -> dict:
    """The page-kind model, from the line model's decisions; prints CV accuracy by domain."""
    # page kind: features from the shipped line model's decisions, CV by domain
    kx = kind_data(rows, c, LineModel(model))
    ky = [KIND_OF[r["page"].page_type] for r in rows]
    # every WCXB page has a URL; a dump often comes without one: each page is also
    # learned with its URL features zeroed, so a page without a URL is not an outlier
    n_url = len(URL_FEATURES)
    bare = [[*x[:-n_url], *[0.0] * n_url] for x in kx]
    if cv:
        for label, test in (("with URL", kx), ("without URL", bare)):
            pred: list[str] = [""] * len(rows)
            for idx in folds(rows, cv):
                held_ = set(idx)
                tr = [i for i in range(len(rows)) if i not in held_]
                km = fit_kind([kx[i] for i in tr] + [bare[i] for i in tr],
                              [ky[i] for i in tr] * 2, 1.0)
                for i in idx:
                    pred[i] = _predict_kind(km, test[i])
            _kind_report(f"{label}: ", pred, ky)
    return {"names": list(KIND_FEATURES), **fit_kind(kx + bare, ky * 2, 1.0)}


def _kind_report(label: str, pred: list[str], ky: list[str]) -> None:
    acc = mean(float(p == t) for p, t in zip(pred, ky, strict=True))
    bin_acc = mean(float((p == "article") == (t == "article"))
                   for p, t in zip(pred, ky, strict=True))
    print(f"page kind {label}held-out CV (by domain): 5-class accuracy {acc:.3f}, "
          f"article vs not {bin_acc:.3f} on {len(ky)} pages")
    for t in sorted(set(ky)):
        ids = [i for i in range(len(ky)) if ky[i] == t]
        print(f"  {t:8s} n={len(ids):4d} recall {mean(float(pred[i] == t) for i in ids):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=wcxb_data.DEFAULT_SRC)
    ap.add_argument("--cache", type=Path, default=wcxb_data.DEFAULT_CACHE)
    ap.add_argument("--cv", type=int, default=5, help="domain-grouped folds (0: none)")
    ap.add_argument("--c", type=float, default=C_DEFAULT)
    ap.add_argument("--drop-below", type=float, default=DROP_BELOW_DEFAULT)
    ap.add_argument("--keep-above", type=float, default=KEEP_ABOVE_DEFAULT)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--kind-only", action="store_true",
                    help="keep the line model in --out, retrain only the page-kind model")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--json", type=Path, default=None, help="write per-page CV scores here")
    args = ap.parse_args(argv)

    pages = wcxb_data.load_pages(args.src, args.cache)
    c = cleaner.Cleaner(kind="text")
    rows = extract(pages, c)
    if args.kind_only:
        model = json.loads(args.out.read_text("utf-8"))
        model["page_kind"] = train_kind(rows, c, model, args.cv)
        if not args.no_write:
            args.out.write_text(json.dumps(model, indent=0) + "\n", "utf-8")
        return 0
    train_rows = [r for r in rows if r["page"].page_type in TRAIN_TYPES]
    html300 = {p.name.removesuffix(".html.gz")
               for p in (wcxb_data.DEV / "html" / "html").glob("*.html.gz")}
    print(f"{len(rows)} pages, {sum(len(r['x']) for r in rows)} lines; "
          f"training on {len(train_rows)} {sorted(TRAIN_TYPES)} pages")
    base = evaluate(rows, c, None)
    report("baseline (no model)", rows, base, html300)
    extra = {"drop_below": args.drop_below, "keep_above": args.keep_above}
    if args.cv:
        held: dict = {}
        fold_of_row = folds(rows, args.cv)
        for f, idx in enumerate(fold_of_row):
            doms = {rows[i]["page"].domain for i in idx}
            tr = [r for r in train_rows if r["page"].domain not in doms]
            m = LineModel({**_fit(tr, args.c), **extra})
            held.update(evaluate([rows[i] for i in idx], c, m))
            print(f"  fold {f}: {len(idx)} pages held out, trained on {len(tr)}", flush=True)
        report(f"held-out CV({args.cv}, by domain)", rows, held, html300)
        if args.json:
            args.json.write_text(json.dumps({"baseline": base, "heldout": held}), "utf-8")
    model = {"version": "wcxb-dev-1", **extra, **_fit(train_rows, args.c),
             "trained_on": f"WCXB dev split ({len(train_rows)} {'/'.join(sorted(TRAIN_TYPES))}"
                           " pages), CC-BY-4.0, Murrough Foley",
             "labels": "dump lines aligned to ground_truth.main_content"}
    full = evaluate(rows, c, LineModel(model))
    report("shipped model (IN-SAMPLE)", rows, full, html300)
    model["page_kind"] = train_kind(rows, c, model, args.cv)
    if not args.no_write:
        args.out.write_text(json.dumps(model, indent=0) + "\n", "utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
