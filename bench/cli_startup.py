"""How long the command line takes to answer: ``cleaner --help``, ``--version``,
``clean --help`` and ``import cleaner``, against a bare interpreter.

    python bench/cli_startup.py              # the working tree's cleaner
    python bench/cli_startup.py --runs 31

Each command runs ``--runs`` times in a fresh interpreter; the medians of wall time and
of CPU time (user + sys of the child, which a loaded machine disturbs less) are printed.
Goals (issue 16): ``cleaner --help`` under 250 ms, ``import cleaner`` under 150 ms.
Timing lives here, never in a test.  ``hyperfine`` measures the same when installed:
``hyperfine -w 3 'cleaner --help' 'python -c "import cleaner"'``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

RUN = "import sys; sys.argv[0] = 'cleaner'; from cleaner.cli import main; main()"
CASES = [
    ("python -c pass", ["-c", "pass"]),
    ("import cleaner", ["-c", "import cleaner"]),
    ("cleaner --help", ["-c", RUN, "--help"]),
    ("cleaner --version", ["-c", RUN, "--version"]),
    ("cleaner clean --help", ["-c", RUN, "clean", "--help"]),
    ("cleaner explain --help", ["-c", RUN, "explain", "--help"]),
]


def measure(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``python ARGS``."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    print(f"{'command':<24} {'wall ms':>8} {'cpu ms':>8}")
    for label, argv in CASES:
        wall, cpu = measure(argv, args.runs)
        print(f"{label:<24} {wall * 1000:>8.0f} {cpu * 1000:>8.0f}")


if __name__ == "__main__":
    main()
