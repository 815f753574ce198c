"""Render the WCXB article pages of the dev pack into text dumps, the way naive scrapers do.

A crawler that "just gets the text" runs an HTML-to-text converter over the whole page
and keeps every line: navigation, share buttons, related links and footers included.
That is the input cleaner's text path is built for, so the benchmark makes it from
pages whose main text is known (WCXB gold), instead of guessing what a dump looks like.

Rendering: ``html_text.extract_text(html, guess_layout=True)``, whitespace collapsed in
each line, empty lines dropped.  For every page ``<id>`` it writes, under ``--out``
(default ``bench/dumps/``, git-ignored because the pages are third-party text):

* ``<id>.txt``: the dump;
* ``<id>.gold.txt``: WCXB's ``ground_truth.main_content``;
* ``<id>.meta.json``: the page URL and the path of the original ``.html.gz`` (speed.py
  times trafilatura and cleaner's HTML path on that original).

Usage::

    python bench/make_dumps.py                 # all 300 pages
    python bench/make_dumps.py --limit 20      # the first 20 (sorted by id)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE.parent.parent / "shared" / "dev" / "html"
DEFAULT_OUT = HERE / "dumps"


def render(html: str) -> str:
    """The naive scraper's dump: layout-guessing text, one collapsed line per block."""
    import html_text  # bench extra: pip install -e ".[bench]"

    text = html_text.extract_text(html, guess_layout=True)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def page_ids(src: Path, limit: int | None) -> list[str]:
    """Ids of the pages that have both an HTML file and a gold file, sorted."""
    ids = sorted(p.name.removesuffix(".html.gz") for p in (src / "html").glob("*.html.gz"))
    ids = [i for i in ids if (src / "ground-truth" / f"{i}.json").is_file()]
    return ids[:limit] if limit else ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC,
                    help="WCXB folder with html/ and ground-truth/ (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="where the dumps go (default: %(default)s)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = ap.parse_args(argv)

    if not (args.src / "html").is_dir():
        print(f"no WCXB pages under {args.src}/html", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    ids = page_ids(args.src, args.limit)
    dump_bytes = 0
    for pid in ids:
        html_path = args.src / "html" / f"{pid}.html.gz"
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        gt = json.loads((args.src / "ground-truth" / f"{pid}.json").read_text("utf-8"))
        dump = render(html)
        dump_bytes += len(dump.encode("utf-8"))
        (args.out / f"{pid}.txt").write_text(dump, "utf-8")
        (args.out / f"{pid}.gold.txt").write_text(gt["ground_truth"]["main_content"] or "",
                                                  "utf-8")
        meta = {"id": pid, "url": gt.get("url"), "html": str(html_path.resolve())}
        (args.out / f"{pid}.meta.json").write_text(json.dumps(meta) + "\n", "utf-8")
    print(f"wrote {len(ids)} dumps ({dump_bytes / 1e6:.1f} MB of text) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
