"""Regenerate the expected results of the outlet test dumps, for review by diff.

Each ``tests/outlets/<domain>/<name>.txt`` is cleaned with the built-in profiles (no URL:
the profile must be chosen from the text) and its article written to ``<name>.json``:
the profile that was chosen, the paragraphs and the metadata.  Run it after changing a
profile, a language pack or the pipeline, then read ``git diff tests/outlets`` and keep
only the changes you meant::

    python scripts/regen_outlet_expected.py            # rewrite every expected file
    python scripts/regen_outlet_expected.py --check    # exit 1 if any would change
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ROOT / "tests" / "outlets"
FIELDS = ("title", "description", "published", "author", "dateline", "signature", "sources",
          "captions", "outlet", "language")


def expected(cleaner, dump: Path) -> dict:
    """The expected record of one dump (what ``tests/test_outlets.py`` compares)."""
    art = cleaner.clean(dump.read_bytes(), id=dump.name)
    meta = art.to_dict()["metadata"]
    return {
        "dump": dump.name,
        "profile": art.profile,
        "metadata": {k: meta[k] for k in FIELDS},
        "paragraphs": list(art.paragraphs),
    }


def render(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if an expected file is out of date")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import cleaner

    c = cleaner.Cleaner()
    stale = []
    for dump in sorted(OUTLETS.glob("*/*.txt")):
        path = dump.with_suffix(".json")
        text = render(expected(c, dump))
        old = path.read_text("utf-8") if path.exists() else None
        if old == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
