"""Quality of cleaner against the tools a user would use instead: every number issues 13,
14 and 17 ask for, in one run.

Sets (``--sets``, all by default):

* ``wcxb-articles``: the 300 WCXB article pages of ``../shared/dev/html`` rendered as
  naive-scraper dumps by ``make_dumps.py`` (``bench/dumps/``; English; gold = WCXB
  ``main_content``);
* ``wcxb-dev``: all 1,358 pages of ``../shared/dev/wcxb-dev`` as dumps
  (``make_dumps.py --set wcxb-dev`` -> ``bench/dumps-wcxb/``), overall and per WCXB page
  type, plus **page-kind accuracy** (``Article.page_kind`` against the page type);
  pages whose gold ``main_content`` is empty (21) count for page kind only;
* ``samples``: the five Indonesian sample dumps in ``samples/`` with ``tests/gold/*.json``
  (gold = the ``body`` lines; ``line_labels`` say exactly which dump lines are body);
* ``detik``: the 400 detik records a data buyer accepted as clean
  (``corpora/Mukhammad-develop__lang_scrape__client_clean_sample.jsonl``: a title line,
  a ``-`` line, then the body paragraphs): records where cleaner drops a body line of
  >= 8 (and >= 12) words whose text is not in the output either (a repeated line dropped
  as a duplicate of a kept one loses nothing), and the body tokens that do not come back
  (line drops and span cuts alike), a false-positive control;
* ``markers``: all 5,097 records of ``../shared/dev/corpora/*.jsonl`` cleaned; cleaned
  articles (and paragraphs) whose text still contains an inline related-link marker
  (:data:`MARKERS`, case-insensitive), by outlet;
* ``metadata``: title / publish date / author against WCXB's ground truth of the 300
  ``html/`` pages, for cleaner on the dumps (without the page URL, as issue 14's table,
  and with it), cleaner on the HTML (``Cleaner().clean(html_bytes, url=url)``) and
  trafilatura's ``extract_metadata(html, default_url=url)``: title exact (whitespace and
  case folded) of 300, publish date on the same day of the pages whose gold has a date
  (244), author where one contains the other (case folded) of the pages whose gold names
  one (236); and title / published / author / dateline exact on the samples and the
  outlet fixtures (``tests/outlets/*/*.json``, cleaned as their tests do).

Systems (``--systems``), on the dump sets:

* ``cleaner``: ``Cleaner(kind="text")``, outlet profiles on;
* ``cleaner --no-profiles``: ``Cleaner(use_profiles=False, kind="text")``;
* ``C4 lines``: keep a line if it ends in terminal punctuation (``. ? ! " '``, not
  ``...``) and has at least 5 words, the C4 line rule as issue 7 states it;
* ``jusText``: the dump's lines wrapped as ``<p>`` elements, stoplist of the page language
  (English for WCXB, Indonesian for the samples), default settings;
* ``trafilatura``: ``trafilatura.extract`` on the same wrapped HTML (comments off);
* ``dump as is``: every line kept (the floor of precision, the ceiling of recall);
* ``trafilatura on HTML``: ``trafilatura.extract`` on the original page (WCXB only),
  what a user who still has the HTML would get, for scale;
* ``gold lines`` (always printed, not a system): the dump lines the alignment below calls
  body, i.e. the best any line-keeping system can do on these dumps.

Metrics, per page, then averaged over pages (macro):

* **token P/R/F1**: bag of lowercase ``\\w+`` tokens, multiset intersection, as WCXB scores
  (``bench/_metrics.py``; the numbers are comparable with every earlier run);
* **line P/R/F1**: which dump lines a system keeps against the dump lines that are gold
  body.  On the samples the gold labels say which lines are body.  On the WCXB dumps the
  dump lines are aligned, in order, to the gold text (``bench/_align.py``): a line is
  gold body when its token sequence occurs in the gold's token sequence (or, for a line
  of >= 6 tokens, when >= 70 % of its tokens occur in order around its longest common run
  with the gold), and the chosen occurrences follow the dump's line order without
  overlapping; lines without a ``\\w`` token do not count.  A cleaner line counts as kept
  when its decision is ``kept``; for C4 and the dump by construction; for jusText and
  trafilatura when its text comes back as an output paragraph; for trafilatura on the
  HTML when the same alignment, run against its output, places the line in it.

Usage::

    python bench/make_dumps.py && python bench/make_dumps.py --set wcxb-dev   # once
    python bench/quality.py --json bench/out/quality.json    # everything (~6 min)
    python bench/quality.py --sets samples,wcxb-articles --limit 30
    python bench/quality.py --sets detik --systems cleaner --verbose
    python bench/compare.py before.json after.json            # the deltas of two runs
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Measure the working tree's cleaner (installed or not), and find bench/_metrics.py.
sys.path[:0] = [str(ROOT), str(HERE)]

from _align import align, kept_by_output, scorable  # noqa: E402  (bench/ is not a package)
from _metrics import dev_dir, mean, prf, revision, tokens  # noqa: E402

END_PUNCTUATION = (".", "?", "!", '"', "'")  # as datatrove's C4QualityFilter
STOPLISTS = {"en": "English", "id": "Indonesian"}
#: inline related-link markers of issue 17, searched case-insensitively in the output
MARKERS = ("baca juga", "lihat juga", "simak juga", "baca selengkapnya",
           "artikel ini telah tayang")
#: body-line lengths (words) of the accepted-clean control: issue 13 counts >= 8 and
#: quotes >= 12
LOST_WORDS = (8, 12)
DETIK_FILE = "Mukhammad-develop__lang_scrape__client_clean_sample.jsonl"
#: the page kinds issue 13 defines, in confusion-table order
PAGE_KINDS = ("article", "listing", "gallery", "forum", "product", "other")
SETS = ("wcxb-articles", "wcxb-dev", "samples", "detik", "markers", "metadata")
DUMP_SETS = ("wcxb-articles", "wcxb-dev", "samples")
GOLD_LINES = "gold lines"


@dataclass(slots=True)
class Doc:
    """One dump to score: its text, gold text, and which of its lines are gold body."""

    corpus: str
    id: str
    text: str
    gold: str
    lang: str
    url: str | None = None
    html_path: str | None = None
    page_type: str | None = None
    body_lines: frozenset[int] | None = None  # None: align the gold (worker does it)
    universe: frozenset[int] | None = None  # the lines line P/R/F1 counts (None: all)
    lines: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Non-empty lines, whitespace collapsed, numbered as in the dump (1-based).
        for n, raw in enumerate(self.text.splitlines(), start=1):
            norm = " ".join(raw.split())
            if norm:
                self.lines.append((n, norm))

    @property
    def key(self) -> str:
        """Same page, same dump: same results (wcxb-articles is part of wcxb-dev)."""
        return self.id + ":" + hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def has_gold(self) -> bool:
        return bool(tokens(self.gold))


class Result(NamedTuple):
    """What one system did with one doc."""

    text: str
    kept: frozenset[int]
    info: dict[str, Any]  # cleaner: page_kind and metadata; everyone: cpu seconds
    error: str | None = None


# ---------------------------------------------------------------------- data
def load_dumps(corpus: str, dumps: Path, limit: int | None) -> list[Doc]:
    """The dumps written by make_dumps.py (sorted by id)."""
    docs = []
    for path in sorted(dumps.glob("*.txt")):
        if path.name.endswith(".gold.txt"):
            continue
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        gold = path.with_suffix(".gold.txt").read_text("utf-8")
        doc = Doc(corpus, path.stem, path.read_text("utf-8"), gold, "en",
                  url=meta.get("url"), html_path=meta.get("html"),
                  page_type=meta.get("page_type"))
        doc.universe = scorable(doc.lines)
        docs.append(doc)
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


def corpus_records(corpora: Path, limit: int | None = None, only: str | None = None
                   ) -> Iterator[dict[str, Any]]:
    """Every record of the dev corpora (or of file ``only``), file by file (``limit``:
    per file)."""
    for path in sorted(corpora.glob(only or "*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if limit and i >= limit:
                    break
                rec = json.loads(line)
                rec["_file"] = path.name
                yield rec


# ---------------------------------------------------------------------- systems
# Each system maps a Doc to Result, or to None where it does not apply (the original
# HTML exists only for the WCXB pages).
Run = Callable[[Doc], Result | None]


def _cleaner_info(art: Any) -> dict[str, Any]:
    return {"page_kind": getattr(art, "page_kind", None),
            "page_kind_confidence": getattr(art, "page_kind_confidence", None),
            "title": art.title, "published": art.published, "author": art.author,
            "dateline": art.dateline}


def cleaner_system(use_profiles: bool) -> Run:
    import cleaner

    c = cleaner.Cleaner(use_profiles=use_profiles, kind="text")

    def run(doc: Doc) -> Result:
        art = c.clean(doc.text, url=doc.url, id=doc.id)
        kept = frozenset(d.n for d in art.lines if d.decision == "kept")
        return Result(art.text, kept, _cleaner_info(art))

    return run


def wrap_as_html(doc: Doc) -> str:
    """The dump's lines as ``<p>`` elements: the HTML a line-based tool gets."""
    paras = "".join(f"<p>{html.escape(t)}</p>\n" for _, t in doc.lines)
    return f"<html><head><title></title></head><body>\n{paras}</body></html>"


def _kept_by_text(doc: Doc, out_paragraphs: Iterable[str]) -> frozenset[int]:
    wanted = {" ".join(p.split()) for p in out_paragraphs}
    return frozenset(n for n, t in doc.lines if t in wanted)


def justext_system() -> Run:
    import justext

    stoplists = {lang: justext.get_stoplist(name) for lang, name in STOPLISTS.items()}

    def run(doc: Doc) -> Result:
        paras = justext.justext(wrap_as_html(doc), stoplists[doc.lang])
        if len(paras) == len(doc.lines):  # one paragraph per <p>: map by position
            kept = frozenset(n for (n, _), p in zip(doc.lines, paras, strict=True)
                             if not p.is_boilerplate)
        else:
            kept = _kept_by_text(doc, [p.text for p in paras if not p.is_boilerplate])
        text = "\n".join(p.text for p in paras if not p.is_boilerplate)
        return Result(text, kept, {})

    return run


def trafilatura_system() -> Run:
    import trafilatura

    def run(doc: Doc) -> Result:
        text = trafilatura.extract(wrap_as_html(doc), include_comments=False) or ""
        return Result(text, _kept_by_text(doc, text.splitlines()), {})

    return run


def c4_keep(line: str) -> bool:
    """The C4 line rule: ends like a sentence and has at least 5 words."""
    return (line.endswith(END_PUNCTUATION) and not line.endswith("...")
            and len(line.split()) >= 5)


def c4_system() -> Run:
    def run(doc: Doc) -> Result:
        kept = [(n, t) for n, t in doc.lines if c4_keep(t)]
        return Result("\n".join(t for _, t in kept), frozenset(n for n, _ in kept), {})

    return run


def dump_system() -> Run:
    def run(doc: Doc) -> Result:
        return Result(doc.text, frozenset(n for n, _ in doc.lines), {})

    return run


def trafilatura_html_system() -> Run:
    import trafilatura

    def run(doc: Doc) -> Result | None:
        if not doc.html_path:
            return None
        page = gzip.decompress(Path(doc.html_path).read_bytes()).decode("utf-8", "replace")
        text = trafilatura.extract(page, include_comments=False) or ""
        return Result(text, frozenset(kept_by_output(doc.lines, text)), {})

    return run


SYSTEMS: dict[str, Callable[[], Run]] = {
    "cleaner": lambda: cleaner_system(True),
    "cleaner --no-profiles": lambda: cleaner_system(False),
    "C4 lines": c4_system,
    "jusText": justext_system,
    "trafilatura": trafilatura_system,
    "dump as is": dump_system,
    "trafilatura on HTML": trafilatura_html_system,
}


# ---------------------------------------------------------------------- running
_BUILT: dict[str, Run] = {}


def _init_worker(names: list[str]) -> None:
    _BUILT.clear()
    _BUILT.update({n: SYSTEMS[n]() for n in names})


def evaluate(doc: Doc) -> tuple[frozenset[int], dict[str, Result | None]]:
    """The gold body lines of ``doc`` and every built system's result on it."""
    body = doc.body_lines if doc.body_lines is not None else align(doc.lines, doc.gold)
    out: dict[str, Result | None] = {}
    for name, run in _BUILT.items():
        t0 = time.process_time()
        try:
            got = run(doc)
        except Exception as exc:  # a peer failing on a page scores 0 there
            got = Result("", frozenset(), {}, error=repr(exc))
        if got is not None:
            got.info["cpu"] = time.process_time() - t0
        out[name] = got
    return body, out


def run_all(names: list[str], docs: list[Doc], workers: int
            ) -> dict[str, tuple[frozenset[int], dict[str, Result | None]]]:
    """``doc.key -> evaluate(doc)`` for every distinct doc, in ``workers`` processes."""
    unique = list({d.key: d for d in docs}.values())
    if workers <= 1:
        _init_worker(names)
        return {d.key: evaluate(d) for d in unique}
    import multiprocessing as mp

    with mp.get_context("fork").Pool(workers, _init_worker, (names,)) as pool:
        results = pool.map(evaluate, unique, chunksize=8)
    return {d.key: r for d, r in zip(unique, results, strict=True)}


# ---------------------------------------------------------------------- scoring
Triple = tuple[float, float, float]


def line_prf(kept: frozenset[int], gold: frozenset[int]) -> Triple:
    """Body-line precision, recall and F1 (empty output: precision 0 unless gold is)."""
    hit = len(kept & gold)
    p = hit / len(kept) if kept else float(not gold)
    r = hit / len(gold) if gold else float(not kept)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(slots=True)
class PageScore:
    id: str
    page_type: str | None
    token: Triple
    line: Triple
    cpu: float


def score_set(docs: list[Doc], names: list[str],
              results: dict[str, tuple[frozenset[int], dict[str, Result | None]]]
              ) -> tuple[dict[str, list[PageScore]], dict[str, int]]:
    """Per system (and the gold-lines row): the page scores of one set; errors per system."""
    pages: dict[str, list[PageScore]] = defaultdict(list)
    errors: Counter[str] = Counter()
    for doc in docs:
        if not doc.has_gold:
            continue
        body, by_system = results[doc.key]
        uni = doc.universe
        gold = body & uni if uni is not None else body
        gold_text = "\n".join(t for n, t in doc.lines if n in body)
        pages[GOLD_LINES].append(PageScore(doc.id, doc.page_type, prf(gold_text, doc.gold),
                                           (1.0, 1.0, 1.0), 0.0))
        for name in names:
            got = by_system.get(name)
            if got is None:
                continue
            if got.error:
                errors[name] += 1
            kept = got.kept & uni if uni is not None else got.kept
            pages[name].append(PageScore(doc.id, doc.page_type, prf(got.text, doc.gold),
                                         line_prf(kept, gold), got.info.get("cpu", 0.0)))
    return dict(pages), dict(errors)


def _avg(scores: list[PageScore]) -> dict[str, float | int]:
    row: dict[str, float | int] = {"pages": len(scores)}
    for kind in ("token", "line"):
        for i, m in enumerate(("p", "r", "f1")):
            row[f"{kind}_{m}"] = mean(getattr(s, kind)[i] for s in scores)
    row["cpu_s"] = sum(s.cpu for s in scores)
    return row


def summarise(pages: dict[str, list[PageScore]], errors: dict[str, int]
              ) -> dict[str, dict[str, float | int]]:
    """system -> averaged metrics of one set (the JSON written with ``--json``)."""
    out = {}
    for name, scores in sorted(pages.items(), key=lambda kv: kv[0] == GOLD_LINES):
        row = _avg(scores)
        row["errors"] = errors.get(name, 0)
        out[name] = row
    return out


def by_type(pages: dict[str, list[PageScore]]) -> dict[str, dict[str, dict[str, float | int]]]:
    """page type -> system -> averaged metrics."""
    out: dict[str, dict[str, dict[str, float | int]]] = defaultdict(dict)
    for name, scores in pages.items():
        groups: dict[str, list[PageScore]] = defaultdict(list)
        for s in scores:
            groups[s.page_type or "?"].append(s)
        for ptype, group in sorted(groups.items()):
            out[ptype][name] = _avg(group)
    return dict(out)


def page_kind_table(docs: list[Doc], name: str,
                    results: dict[str, tuple[frozenset[int], dict[str, Result | None]]]
                    ) -> dict[str, Any]:
    """Binary article / not-article accuracy and the confusion by WCXB page type."""
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    confidence: dict[str, list[float]] = {"right": [], "wrong": []}
    right = total = 0
    available = True
    for doc in docs:
        got = results[doc.key][1].get(name)
        if got is None:
            continue
        kind = got.info.get("page_kind")
        if kind is None:
            available = False
            break
        wcxb = doc.page_type or "?"
        confusion[wcxb][str(kind)] += 1
        total += 1
        ok = (kind == "article") == (wcxb == "article")
        right += ok
        conf = got.info.get("page_kind_confidence")
        if isinstance(conf, (int, float)):
            confidence["right" if ok else "wrong"].append(float(conf))
    if not available or not total:
        return {"system": name, "available": False}
    return {"system": name, "available": True, "pages": total, "right": right,
            "accuracy": right / total,
            "mean_confidence": {k: mean(v) for k, v in confidence.items() if v},
            "confusion": {t: dict(c) for t, c in sorted(confusion.items())}}


# ---------------------------------------------------------------------- corpora
def corpora_checks(names: list[str], corpora: Path, limit: int | None, verbose: bool,
                   only: str | None = None) -> dict[str, Any]:
    """Markers on every cleaned record and the accepted-clean detik control, per cleaner
    (``only``: one corpus file, e.g. the detik control alone)."""
    import cleaner

    out: dict[str, Any] = {}
    for name in names:
        c = cleaner.Cleaner(use_profiles=(name == "cleaner"))
        marked: Counter[str] = Counter()
        marked_paras: Counter[str] = Counter()
        records: Counter[str] = Counter()
        detik = {"records": 0, "body_tokens": 0, "output_tokens": 0, "missing_tokens": 0,
                 **{f"{k}_{w}": 0 for k in ("lose", "drop") for w in LOST_WORDS}}
        listing: list[str] = []
        t0 = time.process_time()
        for rec in corpus_records(corpora, limit, only):
            art = c.clean(rec["text"], url=rec.get("url"), outlet=rec.get("outlet"),
                          id=rec["id"])
            outlet = rec.get("outlet") or "?"
            records[outlet] += 1
            hits = [p for p in art.paragraphs if any(m in p.casefold() for m in MARKERS)]
            if hits:
                marked[outlet] += 1
                marked_paras[outlet] += len(hits)
            if rec["_file"] == DETIK_FILE:
                _detik_record(rec, art, detik, listing)
        out[name] = {
            "cpu_s": time.process_time() - t0,
            "markers": {"records": sum(records.values()), "articles": sum(marked.values()),
                        "paragraphs": sum(marked_paras.values()),
                        "by_outlet": {o: {"records": records[o], "articles": marked[o],
                                          "paragraphs": marked_paras[o]}
                                      for o in sorted(records)}},
            "detik": detik,
        }
        if verbose and listing:
            print(f"\n{name}: body lines lost on the accepted-clean detik records")
            print("\n".join(listing))
    return out


def _detik_record(rec: dict[str, Any], art: Any, tally: dict[str, int],
                  listing: list[str]) -> None:
    """Count one accepted-clean record: which body lines (after the "-" line) were lost."""
    raw = rec["text"].splitlines()
    dash = next((i for i, t in enumerate(raw) if t.strip() == "-"), None)
    start = dash + 1 if dash is not None else 1  # no "-": all but the title line
    body = [(n, " ".join(t.split())) for n, t in enumerate(raw, start=1)
            if n > start and t.strip()]
    decided = {d.n: d for d in art.lines}
    tally["records"] += 1
    body_bag = tokens("\n".join(t for _, t in body))
    out_bag = tokens(art.text)
    tally["body_tokens"] += sum(body_bag.values())
    tally["output_tokens"] += sum(out_bag.values())
    tally["missing_tokens"] += sum((body_bag - out_bag).values())
    # lost: not kept, and its text is not in the output either (a repeated line dropped
    # as a duplicate of a kept one loses nothing)
    kept_text = {" ".join(p.split()) for p in art.paragraphs}
    lost = [(n, t, decided.get(n)) for n, t in body
            if ((d := decided.get(n)) is None or d.decision != "kept") and t not in kept_text]
    dropped = [t for n, t in body if (d := decided.get(n)) is None or d.decision != "kept"]
    for words in LOST_WORDS:
        if any(len(t.split()) >= words for _, t, _ in lost):
            tally[f"lose_{words}"] += 1
        if any(len(t.split()) >= words for t in dropped):
            tally[f"drop_{words}"] += 1
    for n, t, d in lost:
        if len(t.split()) >= LOST_WORDS[0]:
            rule = f"{d.rule} ({d.reason})" if d else "no decision"
            listing.append(f"  {rec['id']} line {n} [{len(t.split())} words] {rule}: "
                           f"{t[:160]}")


# ---------------------------------------------------------------------- metadata
def _fold(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def _meta_hits(got: dict[str, str | None], gold: dict[str, Any]) -> dict[str, bool | None]:
    """title exact (folded), date same day, author one-contains-other; None: no gold."""
    out: dict[str, bool | None] = {"title": None, "date": None, "author": None}
    if _fold(gold.get("title")):
        out["title"] = _fold(got.get("title")) == _fold(gold.get("title"))
    if gold.get("publish_date"):
        out["date"] = bool(got.get("date")) and (got["date"] or "")[:10] == \
            str(gold["publish_date"])[:10]
    if _fold(gold.get("author")):
        a, b = _fold(got.get("author")), _fold(gold.get("author"))
        out["author"] = bool(a) and (a in b or b in a)
    return out


def metadata_checks(html_dir: Path, dumps: Path, limit: int | None) -> dict[str, Any]:
    """Issue 14's three fields on the 300 html/ pages, three ways."""
    import trafilatura

    import cleaner
    from cleaner.decode import decode

    text_cleaner = cleaner.Cleaner(kind="text")
    html_cleaner = cleaner.Cleaner()
    systems = ("cleaner on dumps, no URL", "cleaner on dumps + URL", "cleaner on HTML + URL",
               "trafilatura extract_metadata + URL")
    hits: dict[str, dict[str, list[bool]]] = {s: defaultdict(list) for s in systems}
    cpu: Counter[str] = Counter()
    gts = sorted((html_dir / "ground-truth").glob("*.json"))[:limit]
    for gt_path in gts:
        rec = json.loads(gt_path.read_text("utf-8"))
        gold, url, pid = rec["ground_truth"], rec.get("url"), gt_path.stem
        raw = gzip.decompress((html_dir / "html" / f"{pid}.html.gz").read_bytes())
        dump_path = dumps / f"{pid}.txt"
        got: dict[str, dict[str, str | None]] = {}
        times: list[float] = [time.process_time()]
        if dump_path.is_file():
            dump = dump_path.read_text("utf-8")
            for name, page_url in ((systems[0], None), (systems[1], url)):
                art = text_cleaner.clean(dump, url=page_url, id=pid)
                got[name] = {"title": art.title, "date": art.published, "author": art.author}
                times.append(time.process_time())
        else:
            times += [times[0], times[0]]
        art = html_cleaner.clean(raw, url=url, id=pid)
        got[systems[2]] = {"title": art.title, "date": art.published, "author": art.author}
        times.append(time.process_time())
        page, _ = decode(raw)
        meta = trafilatura.extract_metadata(page, default_url=url)
        got[systems[3]] = {"title": meta.title if meta else None,
                           "date": meta.date if meta else None,
                           "author": meta.author if meta else None}
        times.append(time.process_time())
        cpu.update({name: times[i + 1] - times[i] for i, name in enumerate(systems)})
        for name, values in got.items():
            for fld, ok in _meta_hits(values, gold).items():
                if ok is not None:
                    hits[name][fld].append(ok)
    return {"pages": len(gts),
            "systems": {s: {f: {"right": sum(v), "of": len(v)} for f, v in hits[s].items()}
                        | {"cpu_s": cpu[s]} for s in systems if hits[s]}}


def field_checks() -> dict[str, Any]:
    """title / published / author / dateline exact on the samples and outlet fixtures."""
    import cleaner

    c = cleaner.Cleaner()
    fields = ("title", "published", "author", "dateline")
    sets = {
        "samples": [(p, json.loads((ROOT / "tests" / "gold" / f"{p.stem}.json")
                                   .read_text("utf-8")))
                    for p in sorted((ROOT / "samples").glob("*.txt"))],
        "outlet fixtures": [(p, json.loads(p.with_suffix(".json").read_text("utf-8"))
                             ["metadata"])
                            for p in sorted((ROOT / "tests" / "outlets").glob("*/*.txt"))],
    }
    out: dict[str, Any] = {}
    for name, items in sets.items():
        right: Counter[str] = Counter()
        wrong: list[str] = []
        for path, want in items:
            art = c.clean(path.read_bytes(), id=path.name)
            for f in fields:
                if getattr(art, f) == want.get(f):
                    right[f] += 1
                else:
                    wrong.append(f"{path.parent.name}/{path.name} {f}: "
                                 f"{getattr(art, f)!r} != {want.get(f)!r}")
        out[name] = {"docs": len(items), **{f: right[f] for f in fields}, "wrong": wrong}
    return out


# ---------------------------------------------------------------------- printing
def _f(x: float | int | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def render_set(title: str, table: dict[str, dict[str, float | int]], names: list[str]) -> str:
    """One set: systems down, token and line P/R/F1 across."""
    out = [f"\n### {title}", "",
           "| system | pages | token P | token R | token F1 | line P | line R | line F1 "
           "| CPU s | errors |", "|---|---:" + "|---:" * 8 + "|"]
    for name in [*names, GOLD_LINES]:
        row = table.get(name)
        if not row:
            continue
        label = f"*{name}*" if name in (GOLD_LINES, "dump as is", "trafilatura on HTML") \
            else name
        line_cells = ["–"] * 3 if name == GOLD_LINES else \
            [_f(row["line_p"]), _f(row["line_r"]), _f(row["line_f1"])]
        out.append(f"| {label} | {row['pages']} | {_f(row['token_p'])} | {_f(row['token_r'])} "
                   f"| {_f(row['token_f1'])} | " + " | ".join(line_cells)
                   + f" | {row['cpu_s']:.1f} | {row.get('errors', 0)} |")
    return "\n".join(out)


def render_types(types: dict[str, dict[str, dict[str, float | int]]], names: list[str]
                 ) -> str:
    """wcxb-dev per page type: token F1 / line F1 per system."""
    order = sorted(types, key=lambda t: (t != "article", t))
    counts = {t: next(iter(types[t].values()))["pages"] for t in order}
    out = ["\n### wcxb-dev by page type: token F1 / line F1", "",
           "| system | " + " | ".join(f"{t} ({counts[t]})" for t in order) + " |",
           "|---" + "|---:" * len(order) + "|"]
    for name in [*names, GOLD_LINES]:
        cells = []
        for t in order:
            row = types[t].get(name)
            if row is None:
                cells.append("–")
            elif name == GOLD_LINES:
                cells.append(f"{_f(row['token_f1'])}")
            else:
                cells.append(f"{_f(row['token_f1'])} / {_f(row['line_f1'])}")
        if any(c != "–" for c in cells):
            out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def render_page_kind(pk: dict[str, Any]) -> str:
    head = f"\n### page kind on wcxb-dev ({pk['system']})\n"
    if not pk.get("available"):
        return head + "\narticle vs not-article accuracy: n/a (Article has no page_kind)"
    conf = pk.get("mean_confidence") or {}
    out = [head, f"article vs not-article accuracy: {pk['right']}/{pk['pages']} = "
           f"{pk['accuracy']:.3f}; mean page_kind_confidence where right "
           f"{_f(conf.get('right'))}, where wrong {_f(conf.get('wrong'))}", "",
           "| WCXB type | " + " | ".join(PAGE_KINDS) + " | other values |",
           "|---" + "|---:" * (len(PAGE_KINDS) + 1) + "|"]
    for wcxb, row in pk["confusion"].items():
        extra = sum(v for k, v in row.items() if k not in PAGE_KINDS)
        out.append(f"| {wcxb} | " + " | ".join(str(row.get(k, 0)) for k in PAGE_KINDS)
                   + f" | {extra} |")
    return "\n".join(out)


def render_corpora(res: dict[str, Any]) -> str:
    out = []
    for name, r in res.items():
        m, d = r["markers"], r["detik"]
        if d["records"]:
            out += [f"\n### accepted-clean detik records ({name})", "",
                    "| records | lose a body line >= 8 words | >= 12 words "
                    "| drop one, duplicates included: >= 8 | >= 12 | body tokens "
                    "| output tokens | body tokens not in output |",
                    "|---:|---:|---:|---:|---:|---:|---:|---:|",
                    f"| {d['records']} | {d['lose_8']} | {d['lose_12']} | {d['drop_8']} "
                    f"| {d['drop_12']} | {d['body_tokens']} | {d['output_tokens']} "
                    f"| {d['missing_tokens']} |"]
        out += [f"\n### inline related-link markers in cleaned corpora ({name})", "",
                f"{m['articles']} of {m['records']} articles ({m['paragraphs']} paragraphs) "
                "still contain one of: " + ", ".join(f'"{x}"' for x in MARKERS), "",
                "| outlet | records | articles with a marker | paragraphs |",
                "|---|---:|---:|---:|"]
        rows = sorted(m["by_outlet"].items(), key=lambda kv: (-kv[1]["articles"], kv[0]))
        out += [f"| {o} | {v['records']} | {v['articles']} | {v['paragraphs']} |"
                for o, v in rows if v["articles"]]
        out.append(f"\n({r['cpu_s']:.1f} s CPU for the {m['records']} records)")
    return "\n".join(out)


def render_metadata(meta: dict[str, Any], fields: dict[str, Any] | None) -> str:
    out = []
    if meta:
        out += [f"\n### metadata on the {meta['pages']} WCXB article pages", "",
                "| system | title exact | publish date, same day | author (one contains "
                "the other) | CPU s |", "|---|---:|---:|---:|---:|"]
        for name, r in meta["systems"].items():
            cells = [f"{r[f]['right']}/{r[f]['of']}" if f in r else "–"
                     for f in ("title", "date", "author")]
            out.append(f"| {name} | " + " | ".join(cells) + f" | {r['cpu_s']:.1f} |")
    if fields:
        out += ["\n### metadata exact on the samples and outlet fixtures (cleaner)", "",
                "| set | docs | title | published | author | dateline |",
                "|---|---:|---:|---:|---:|---:|"]
        for name, r in fields.items():
            out.append(f"| {name} | {r['docs']} | " + " | ".join(
                f"{r[f]}/{r['docs']}" for f in ("title", "published", "author", "dateline"))
                + " |")
        for name, r in fields.items():
            for w in r["wrong"]:
                out.append(f"  {name}: {w}")
    return "\n".join(out)


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


# ---------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS),
                    help="comma-separated subset of: " + ", ".join(SETS))
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help="comma-separated subset of: " + ", ".join(SYSTEMS))
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N pages of each WCXB set (and N records per "
                         "corpus file); the samples always all five")
    ap.add_argument("--workers", type=int, default=1,
                    help="processes for the dump sets (default 1; the machine has 2 cores)")
    ap.add_argument("--json", type=Path, default=None, help="also write every number here")
    ap.add_argument("--verbose", action="store_true",
                    help="list the lost detik body lines and the per-sample lines")
    ap.add_argument("--dev", type=Path, default=None, help="the dev pack (default: found)")
    ap.add_argument("--dumps", type=Path, default=HERE / "dumps")
    ap.add_argument("--dumps-wcxb", type=Path, default=HERE / "dumps-wcxb")
    args = ap.parse_args(argv)

    dev = args.dev or dev_dir()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    for bad, known, what in ((sets, SETS, "set"), (names, SYSTEMS, "system")):
        unknown = [x for x in bad if x not in known]
        if unknown:
            ap.error(f"unknown {what}(s): {', '.join(unknown)}")
    started = time.perf_counter()
    report: dict[str, Any] = {"revision": revision(), "python": sys.version.split()[0],
                              "sets": {}, "limit": args.limit}
    print(f"cleaner {report['revision']}, Python {report['python']}, sets {', '.join(sets)}")

    loaded: dict[str, list[Doc]] = {}
    if "wcxb-articles" in sets:
        loaded["wcxb-articles"] = load_dumps("wcxb-articles", args.dumps, args.limit)
    if "wcxb-dev" in sets:
        loaded["wcxb-dev"] = load_dumps("wcxb-dev", args.dumps_wcxb, args.limit)
    if "samples" in sets:
        loaded["samples"] = load_samples(ROOT / "samples", ROOT / "tests" / "gold")
    for s, docs in loaded.items():
        if not docs:
            print(f"no dumps for {s}: run python bench/make_dumps.py "
                  f"{'--set wcxb-dev' if s == 'wcxb-dev' else ''}first", file=sys.stderr)
    all_docs = [d for docs in loaded.values() for d in docs]
    results = run_all(names, all_docs, args.workers) if all_docs else {}

    for s, docs in loaded.items():
        if not docs:
            continue
        pages, errors = score_set(docs, names, results)
        table = summarise(pages, errors)
        skipped = sum(not d.has_gold for d in docs)
        entry: dict[str, Any] = {"docs": len(docs), "no_gold": skipped, "systems": table,
                                 "per_page": {n: {p.id: [*p.token, *p.line] for p in ps}
                                              for n, ps in pages.items()}}
        title = f"{s} ({len(docs) - skipped} pages" + \
            (f"; {skipped} with empty gold left out)" if skipped else ")")
        print(render_set(title, table, names))
        if s == "wcxb-dev":
            types = by_type(pages)
            entry["by_type"] = types
            print(render_types(types, names))
            pk_names = [n for n in names if n.startswith("cleaner")]
            entry["page_kind"] = [page_kind_table(docs, n, results) for n in pk_names]
            for pk in entry["page_kind"]:
                print(render_page_kind(pk))
        if s == "samples" and args.verbose:
            for n in (n for n in names if n.startswith("cleaner")):
                print(f"\n{n}: per sample line P/R/F1, token F1")
                for p in pages.get(n, []):
                    print(f"  {p.id}: {_f(p.line[0])} {_f(p.line[1])} {_f(p.line[2])} "
                          f"{_f(p.token[2])}")
        report["sets"][s] = entry

    cleaners = [n for n in names if n.startswith("cleaner")]
    if ("detik" in sets or "markers" in sets) and cleaners:
        corp = corpora_checks(cleaners, dev / "corpora", args.limit, args.verbose,
                              only=None if "markers" in sets else DETIK_FILE)
        report["corpora"] = corp
        print(render_corpora(corp))
    if "metadata" in sets:
        meta = metadata_checks(dev / "html", args.dumps, args.limit)
        fields = field_checks()
        report["metadata"] = {"wcxb": meta, "exact": fields}
        print(render_metadata(meta, fields))

    report["elapsed_s"] = time.perf_counter() - started
    report["load_avg"] = os.getloadavg()
    print(f"\n{report['elapsed_s']:.0f} s wall, load average "
          f"{' '.join(f'{x:.2f}' for x in report['load_avg'])}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_round(report), indent=1, ensure_ascii=False) + "\n",
                             "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
