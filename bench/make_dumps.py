"""Render WCXB pages of the dev pack into text dumps, the way naive scrapers do.

A crawler that "just gets the text" runs an HTML-to-text converter over the whole page
and keeps every line: navigation, share buttons, related links and footers included.
That is the input cleaner's text path is built for, so the benchmark makes it from
pages whose main text is known (WCXB gold), instead of guessing what a dump looks like.

Rendering (:func:`render`): ``html_text.extract_text(html, guess_layout=True)``,
whitespace collapsed in each line, empty lines dropped.  The function is importable, so a
training script makes its inputs exactly as the benchmark does::

    sys.path.insert(0, "bench"); from make_dumps import render
    dump = render(gzip.decompress(path.read_bytes()))

Sets (``--set``):

* ``html`` (default): the 300 article pages of ``../shared/dev/html`` -> ``bench/dumps/``
  (what ``quality.py`` calls ``wcxb-articles``, ``speed.py`` and ``digest.py`` read);
* ``wcxb-dev``: all 1,358 pages of ``../shared/dev/wcxb-dev`` (seven page types) ->
  ``bench/dumps-wcxb/``.

For every page ``<id>`` it writes, under ``--out`` (git-ignored: the pages are
third-party text):

* ``<id>.txt``: the dump;
* ``<id>.gold.txt``: WCXB's ``ground_truth.main_content``;
* ``<id>.meta.json``: the page URL and the path of the original ``.html.gz`` (speed.py
  times trafilatura and cleaner's HTML path on that original); for ``wcxb-dev`` also the
  page's ``page_type`` and ``domain`` (from ``metadata.json``'s ``files`` map, else the
  gold's ``_internal.page_type``).

Usage::

    python bench/make_dumps.py                 # the 300 article pages
    python bench/make_dumps.py --set wcxb-dev  # all 1,358 dev pages
    python bench/make_dumps.py --limit 20      # the first 20 (sorted by id)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _metrics import dev_dir  # noqa: E402  (bench/ is not a package)

#: set name -> (folder of the dev pack, default output folder)
SETS = {"html": ("html", HERE / "dumps"), "wcxb-dev": ("wcxb-dev", HERE / "dumps-wcxb")}


def render(html: bytes | str) -> str:
    """The naive scraper's dump: layout-guessing text, one collapsed line per block.

    ``bytes`` are read as UTF-8 with errors replaced (every WCXB page is UTF-8), which is
    what the benchmark's dumps were always made from.
    """
    import html_text  # bench extra: pip install -e ".[bench]"

    if isinstance(html, (bytes, bytearray)):
        html = bytes(html).decode("utf-8", errors="replace")
    text = html_text.extract_text(html, guess_layout=True)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def page_ids(src: Path, limit: int | None) -> list[str]:
    """Ids of the pages that have both an HTML file and a gold file, sorted."""
    ids = sorted(p.name.removesuffix(".html.gz") for p in (src / "html").glob("*.html.gz"))
    ids = [i for i in ids if (src / "ground-truth" / f"{i}.json").is_file()]
    return ids[:limit] if limit else ids


def page_types(src: Path) -> dict[str, dict[str, object]]:
    """``id -> {"page_type", "domain"}`` from WCXB's ``metadata.json`` (empty if absent)."""
    path = src / "metadata.json"
    if not path.is_file():
        return {}
    files = json.loads(path.read_text("utf-8")).get("files") or {}
    return {pid: {"page_type": f.get("page_type"), "domain": f.get("domain")}
            for pid, f in files.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=sorted(SETS), default="html",
                    help="which pages: html (300 articles) or wcxb-dev (all 1,358)")
    ap.add_argument("--src", type=Path, default=None,
                    help="WCXB folder with html/ and ground-truth/ (default: the set's "
                         "folder of the dev pack)")
    ap.add_argument("--out", type=Path, default=None,
                    help="where the dumps go (default: bench/dumps/ or bench/dumps-wcxb/)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = ap.parse_args(argv)
    folder, default_out = SETS[args.set]
    args.src = args.src or dev_dir() / folder
    args.out = args.out or default_out
    types = page_types(args.src) if args.set == "wcxb-dev" else {}

    if not (args.src / "html").is_dir():
        print(f"no WCXB pages under {args.src}/html", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    ids = page_ids(args.src, args.limit)
    dump_bytes = 0
    for pid in ids:
        html_path = args.src / "html" / f"{pid}.html.gz"
        gt = json.loads((args.src / "ground-truth" / f"{pid}.json").read_text("utf-8"))
        dump = render(gzip.decompress(html_path.read_bytes()))
        dump_bytes += len(dump.encode("utf-8"))
        (args.out / f"{pid}.txt").write_text(dump, "utf-8")
        (args.out / f"{pid}.gold.txt").write_text(gt["ground_truth"].get("main_content") or "",
                                                  "utf-8")
        meta: dict[str, object] = {"id": pid, "url": gt.get("url"),
                                   "html": str(html_path.resolve())}
        if args.set == "wcxb-dev":
            internal = (gt.get("_internal") or {}).get("page_type")
            if isinstance(internal, dict):
                internal = internal.get("primary")
            info = types.get(pid, {})
            meta["page_type"] = info.get("page_type") or internal
            meta["domain"] = info.get("domain")
        (args.out / f"{pid}.meta.json").write_text(json.dumps(meta) + "\n", "utf-8")
    print(f"wrote {len(ids)} dumps ({dump_bytes / 1e6:.1f} MB of text) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
