"""The WCXB dev pages as labelled text dumps: what the line model is trained and scored on.

WCXB (Murrough Foley, CC-BY-4.0, https://github.com/Murrough-Foley/web-content-extraction-
benchmark) gives each page its gold ``main_content``.  A page is rendered to a dump the way
``bench/make_dumps.py`` renders it (``html_text`` with layout guessing: a naive scraper's
text), and each dump line is labelled *body* when it is part of the gold text:

* its lowercase ``\\w+`` token sequence occurs contiguously in the gold token sequence
  (a line of three tokens or more), or
* it is long (``LONG_LINE_TOKENS``+) and most of its token trigrams occur in the gold
  (gold text sometimes drops an inline ad label or a link in the middle of a paragraph).

Short lines (one or two tokens) count as body only when the exact line is a gold line.
Rendered dumps are cached (``--cache``), so training and benchmarks render once.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/dev") if Path("/work/shared/dev").is_dir() \
    else ROOT.parent / "shared" / "dev"
DEFAULT_SRC = DEV / "wcxb-dev"
DEFAULT_CACHE = Path("/tmp/cleaner-wcxb-dev-dumps")

#: a line with at least this many tokens may be body by trigram overlap
LONG_LINE_TOKENS = 8
#: share of a long line's trigrams that must be in the gold for it to be body
TRIGRAM_SHARE = 0.7
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Page:
    """One WCXB page as a dump: id, domain, page type, dump text, gold text."""

    id: str
    domain: str
    page_type: str
    url: str | None
    text: str
    gold: str


def _render(html: str) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_dumps import render  # the benchmark's own rendering

    return render(html)


def load_pages(src: Path = DEFAULT_SRC, cache: Path = DEFAULT_CACHE,
               types: frozenset[str] | None = None) -> list[Page]:
    """Every page with a gold ``main_content`` (sorted by id), rendered once and cached."""
    meta = json.loads((src / "metadata.json").read_text("utf-8"))["files"]
    cache.mkdir(parents=True, exist_ok=True)
    out = []
    for pid in sorted(meta):
        info = meta[pid]
        if types is not None and info["page_type"] not in types:
            continue
        gt_path = src / "ground-truth" / f"{pid}.json"
        html_path = src / "html" / f"{pid}.html.gz"
        if not gt_path.is_file() or not html_path.is_file():
            continue
        gt = json.loads(gt_path.read_text("utf-8"))
        gold = gt["ground_truth"].get("main_content")
        if gold is None:
            continue
        dump_path = cache / f"{pid}.txt"
        if dump_path.is_file():
            text = dump_path.read_text("utf-8")
        else:
            html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
            text = _render(html)
            dump_path.write_text(text, "utf-8")
        out.append(Page(pid, info.get("domain") or "", info["page_type"], gt.get("url"),
                        text, gold))
    return out


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_lines(lines: list[str], gold: str) -> list[bool]:
    """Whether each (normalised, non-empty) dump line is part of the gold text."""
    gtoks = tokens(gold)
    joined = " " + " ".join(gtoks) + " "
    tri = {tuple(gtoks[i:i + 3]) for i in range(len(gtoks) - 2)}
    gold_lines = {" ".join(tokens(g)) for g in gold.splitlines() if g.strip()}
    out = []
    for line in lines:
        toks = tokens(line)
        if not toks:
            out.append(False)
            continue
        key = " ".join(toks)
        if len(toks) <= 2:
            out.append(key in gold_lines)
            continue
        if f" {key} " in joined:
            out.append(True)
            continue
        if len(toks) >= LONG_LINE_TOKENS:
            grams = [tuple(toks[i:i + 3]) for i in range(len(toks) - 2)]
            out.append(sum(g in tri for g in grams) / len(grams) >= TRIGRAM_SHARE)
            continue
        out.append(False)
    return out
