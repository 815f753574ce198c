"""Speed of cleaner against a floor baseline and trafilatura, in one process and one run.

Timed, on one core (the process pins itself to one CPU where the OS allows), with every
system run once per round and the rounds interleaved, so a noisy machine slows all of
them alike; the best round counts (``--repeat``, default 3), as ``timeit`` does, by
the process's CPU time (other processes on a shared machine inflate the wall clock):

* ``cleaner text``: ``Cleaner(kind="text").clean(dump)``, a new Cleaner (so empty line
  caches) each round, on the WCXB dumps from
  ``make_dumps.py`` (and, unless ``--no-corpora``, on the texts of the Indonesian dev
  corpora, the input cleaner is built for);
* ``floor``: split into lines, drop lines that match one precompiled regex of 20 chrome
  phrases or have fewer than 4 words, join the rest: the cost of touching every line
  once, which nothing in pure Python can undercut by much;
* ``trafilatura``: ``trafilatura.extract(html)`` on the original HTML of the same pages;
* ``cleaner html``: ``Cleaner().clean(html, kind="html")`` on that HTML (skipped, with a
  note, while ``cleaner/html.py`` does not exist).

Also measured in fresh interpreters: ``python -X importtime -c "import cleaner"``
(cumulative import time of the package, and whether trafilatura / lxml got imported),
the wall time of ``python -c "import cleaner"`` against ``python -c "pass"``, and the
wall time of ``cleaner --help``.

Usage::

    python bench/make_dumps.py              # once: writes bench/dumps/
    python bench/speed.py                   # everything (a few minutes)
    python bench/speed.py --limit 50 --repeat 1
    python bench/speed.py --json bench/out/speed.json
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # time the working tree's cleaner, installed or not
sys.path.insert(0, str(HERE))
from _metrics import dev_dir, revision  # noqa: E402  (bench/ is not a package)

CORPORA = dev_dir() / "corpora"

# The floor's chrome phrases: generic English and Indonesian page furniture.
FLOOR_PHRASES = (
    "advertisement", "baca juga", "read more", "share this", "subscribe", "sign up",
    "newsletter", "cookie", "privacy policy", "terms of use", "all rights reserved",
    "copyright", "follow us", "related articles", "scroll to continue", "click here",
    "log in", "comments", "tonton juga", "berita terkait",
)
# Lower-cased phrases searched in the lower-cased line: re.IGNORECASE makes Python's
# regex engine several times slower on a literal alternation, and a floor must be fast.
FLOOR_RE = re.compile("|".join(re.escape(p) for p in FLOOR_PHRASES))


def floor(text: str) -> str:
    """The floor baseline: one word count and one regex search per line."""
    return "\n".join(
        line for line in text.splitlines()
        if len(line.split()) >= 4 and FLOOR_RE.search(line.lower()) is None
    )


# ---------------------------------------------------------------------- data
@dataclass(slots=True)
class Corpus:
    """Documents one system is timed on, with their size in bytes (UTF-8)."""

    name: str
    docs: list[str]
    nbytes: int = 0

    def __post_init__(self) -> None:
        self.nbytes = sum(len(d.encode("utf-8")) for d in self.docs)


def load(dumps: Path, limit: int | None, corpora: bool) -> tuple[Corpus, Corpus, Corpus | None]:
    """WCXB dumps, the same pages' original HTML, and optionally the dev corpora texts."""
    texts, pages = [], []
    for path in sorted(dumps.glob("*.meta.json")):
        meta = json.loads(path.read_text("utf-8"))
        texts.append((dumps / f"{meta['id']}.txt").read_text("utf-8"))
        pages.append(gzip.decompress(Path(meta["html"]).read_bytes()).decode("utf-8", "replace"))
        if limit and len(texts) >= limit:
            break
    corp = None
    if corpora and CORPORA.is_dir():
        docs: list[str] = []
        for f in sorted(CORPORA.glob("*.jsonl")):
            with f.open(encoding="utf-8") as fh:
                docs.extend(json.loads(line)["text"] for line in fh if line.strip())
        corp = Corpus("dev corpora (id)", docs[:limit * 10] if limit else docs)
    return Corpus("WCXB dumps", texts), Corpus("WCXB HTML", pages), corp


# ---------------------------------------------------------------------- timing
@dataclass(slots=True)
class Timed:
    """One system on one corpus: the seconds of each round, CPU and wall.

    Throughput is computed from the process's CPU time: on a shared machine the wall
    clock also counts the time other processes held the core, CPU time does not.
    """

    system: str
    corpus: Corpus
    fn: Callable[[str], object]
    #: builds a fresh ``fn`` before each round, untimed: a new Cleaner starts with empty
    #: line caches, so a round cannot reuse verdicts cached on the same pages in the
    #: round before (that would time a re-run, not a crawl)
    fresh: Callable[[], Callable[[str], object]] | None = None
    rounds: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    errors: int = 0

    def once(self) -> None:
        fn = self.fn = self.fresh() if self.fresh is not None else self.fn
        errors = 0
        w0, c0 = time.perf_counter(), time.process_time()
        for doc in self.corpus.docs:
            try:
                fn(doc)
            except Exception:  # a page a tool cannot handle still costs its time
                errors += 1
        self.rounds.append(time.process_time() - c0)
        self.wall.append(time.perf_counter() - w0)
        self.errors = errors

    @property
    def best(self) -> float:
        return min(self.rounds)

    @property
    def docs_per_s(self) -> float:
        return len(self.corpus.docs) / self.best

    @property
    def mb_per_s(self) -> float:
        return self.corpus.nbytes / 1e6 / self.best


def pin_one_core() -> str:
    """Run on one CPU so the numbers are single-core whatever the library does."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def run_all(timed: Sequence[Timed], repeat: int, warmup: int) -> None:
    """Warm every system up, then ``repeat`` interleaved rounds."""
    for t in timed:
        for doc in t.corpus.docs[:warmup]:
            with contextlib.suppress(Exception):  # errors are counted in the timed rounds
                t.fn(doc)
    for r in range(repeat):
        for t in timed:
            t.once()
            print(f"  round {r + 1}/{repeat}: {t.system} on {t.corpus.name}: "
                  f"{t.rounds[-1]:.2f} s CPU, {t.wall[-1]:.2f} s wall", file=sys.stderr)


# ---------------------------------------------------------------------- fresh interpreters
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def _wall(cmd: Sequence[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=_env(), check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def importtime(runs: int) -> dict[str, object]:
    """``-X importtime``: cumulative µs of ``cleaner`` and which heavy modules came along."""
    cumul: list[int] = []
    heavy: set[str] = set()
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import cleaner"],
                              cwd=ROOT, env=_env(), check=True, capture_output=True, text=True)
        top = 0
        for line in proc.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
            if not m:
                continue
            name = m.group(4)
            if name == "cleaner":
                top = int(m.group(2))
            if name.split(".")[0] in {"trafilatura", "lxml", "dateparser", "justext",
                                      "charset_normalizer", "typer", "rich", "warcio"}:
                heavy.add(name.split(".")[0])
        cumul.append(top)
    return {"cumulative_ms": [c / 1000 for c in cumul], "heavy_imported": sorted(heavy)}


def help_cmd() -> list[str]:
    """``cleaner --help`` through the console script if installed, else via the module."""
    exe = shutil.which("cleaner")
    if exe:
        return [exe, "--help"]
    return [sys.executable, "-c",
            "import sys; sys.argv[0] = 'cleaner'; from cleaner.cli import main; main()",
            "--help"]


def startup(runs: int) -> dict[str, object]:
    """Fresh-interpreter wall times (ms): bare python, import cleaner, cleaner --help."""
    bare = _wall([sys.executable, "-c", "pass"], runs)
    imp = _wall([sys.executable, "-c", "import cleaner"], runs)
    cmd = help_cmd()
    hlp = _wall(cmd, runs)
    return {
        "runs": runs,
        "python_pass_ms": 1000 * statistics.median(bare),
        "import_cleaner_ms": 1000 * statistics.median(imp),
        "import_cleaner_net_ms": 1000 * (statistics.median(imp) - statistics.median(bare)),
        "help_ms": 1000 * statistics.median(hlp),
        "help_cmd": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
        **importtime(max(3, runs // 2)),
    }


# ---------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dumps", type=Path, default=HERE / "dumps",
                    help="folder written by make_dumps.py (default: %(default)s)")
    ap.add_argument("--limit", type=int, default=None,
                    help="only the first N WCXB pages (and 10 x N corpus texts)")
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds; the best counts")
    ap.add_argument("--warmup", type=int, default=5, help="docs each system runs untimed first")
    ap.add_argument("--no-corpora", action="store_true",
                    help="skip the Indonesian dev corpora texts")
    ap.add_argument("--startup-runs", type=int, default=10,
                    help="fresh interpreters per start-up measurement")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)

    dumps, pages, corp = load(args.dumps, args.limit, not args.no_corpora)
    print(f"cleaner {revision()}, Python {sys.version.split()[0]}")
    if not dumps.docs:
        print(f"no dumps in {args.dumps}: run python bench/make_dumps.py first",
              file=sys.stderr)
        return 2
    pinned = pin_one_core()

    import trafilatura

    import cleaner

    def text_cleaner() -> Callable[[str], object]:
        return cleaner.Cleaner(kind="text").clean

    timed = [
        Timed("cleaner text", dumps, text_cleaner(), text_cleaner),
        Timed("floor", dumps, floor),
        Timed("trafilatura", pages,
              lambda h: trafilatura.extract(h, include_comments=False)),
    ]
    notes = [f"single process, {pinned}; best of {args.repeat} interleaved rounds, "
             "by process CPU time; a new Cleaner (empty caches) for every round"]
    if (ROOT / "cleaner" / "html.py").is_file():
        def html_cleaner() -> Callable[[str], object]:
            return cleaner.Cleaner(kind="html").clean

        timed.append(Timed("cleaner html", pages, html_cleaner(), html_cleaner))
    else:
        notes.append("cleaner html: skipped, cleaner/html.py does not exist yet")
    if corp is not None:
        timed += [Timed("cleaner text", corp, text_cleaner(), text_cleaner),
                  Timed("floor", corp, floor)]
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    run_all(timed, args.repeat, args.warmup)
    if load_before is not None:  # other processes on the machine make every number worse
        notes.append(f"1-min load average {load_before:.2f} before, "
                     f"{os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs")

    print(f"\n{'; '.join(notes)}\n")
    print("| system | input | docs | MB | best CPU s | best wall s | docs/s | MB/s | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for t in timed:
        print(f"| {t.system} | {t.corpus.name} | {len(t.corpus.docs)} "
              f"| {t.corpus.nbytes / 1e6:.1f} | {t.best:.3f} | {min(t.wall):.3f} "
              f"| {t.docs_per_s:,.1f} | {t.mb_per_s:.2f} | {t.errors} |")

    by = {(t.system, t.corpus.name): t for t in timed}
    text, flo, traf = by[("cleaner text", dumps.name)], by[("floor", dumps.name)], \
        by[("trafilatura", pages.name)]
    ratios = {
        "text / floor docs/s (WCXB dumps), goal >= 0.25, aim 0.4":
            text.docs_per_s / flo.docs_per_s,
        "text docs/s / trafilatura docs/s (same pages), goal >= 20":
            text.docs_per_s / traf.docs_per_s,
    }
    if corp is not None:
        ratios["text / floor docs/s (dev corpora), goal >= 0.25, aim 0.4"] = (
            by[("cleaner text", corp.name)].docs_per_s / by[("floor", corp.name)].docs_per_s)
    html_t = by.get(("cleaner html", pages.name))
    if html_t is not None:
        ratios["html time / trafilatura time, goal <= 1.25"] = html_t.best / traf.best
    print("\n| ratio | value |\n|---|---:|")
    for k, v in ratios.items():
        print(f"| {k} | {v:.2f} |")

    st = startup(args.startup_runs)
    print(f"\nstart-up, median of {st['runs']} fresh interpreters:")
    print("| measurement | ms |\n|---|---:|")
    print(f"| python -c pass | {st['python_pass_ms']:.0f} |")
    print(f"| python -c 'import cleaner' (wall) | {st['import_cleaner_ms']:.0f} |")
    print(f"| same, minus bare interpreter start | {st['import_cleaner_net_ms']:.0f} |")
    cum = st["cumulative_ms"]
    print(f"| -X importtime cumulative 'cleaner' (min of {len(cum)}) | {min(cum):.0f} |")
    print(f"| {st['help_cmd']} (wall) | {st['help_ms']:.0f} |")
    heavy = ", ".join(st["heavy_imported"]) or "none"
    print(f"heavy modules imported by 'import cleaner': {heavy}")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"system": t.system, "input": t.corpus.name, "docs": len(t.corpus.docs),
                 "bytes": t.corpus.nbytes, "rounds_cpu_s": t.rounds, "rounds_wall_s": t.wall,
                 "docs_per_s": t.docs_per_s,
                 "mb_per_s": t.mb_per_s, "errors": t.errors} for t in timed]
        args.json.write_text(json.dumps({"notes": notes, "rows": rows, "ratios": ratios,
                                         "startup": st}, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
