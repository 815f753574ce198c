"""Fuzz target: ``cleaner.Cleaner.clean()`` on arbitrary bytes (and the same bytes as text).

Not collected by pytest (CI runs the fast property tests in ``tests/test_hostile_*.py``);
long runs are done by hand.  With atheris (coverage-guided, libFuzzer)::

    pip install atheris
    mkdir -p /tmp/fuzz-corpus
    python tests/fuzz/fuzz_clean.py -max_total_time=600 -timeout=30 \\
        -dict=tests/fuzz/clean.dict /tmp/fuzz-corpus tests/fuzz/seeds

(``-timeout`` reports any single input slower than that as a crash, ``-rss_limit_mb``
defaults to 2048.)  Without atheris, the same checks run on inputs hypothesis
generates::

    python tests/fuzz/fuzz_clean.py --hypothesis 20000

Checked on every input:

* the only exception is the documented :class:`cleaner.InputError`;
* the record is JSON and encodes as UTF-8 (what every writer does with it);
* on the text path, every paragraph is one of the input's lines, whitespace-normalised,
  with the spans its line decision records deleted (never invents text), and every line
  decision is about an input line;
* cleaning the cleaned text again gives the same text (idempotent).

``FUZZ_SKIP=idempotence`` leaves the last check out, to look for other failures while a
known idempotence bug is open.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from a checkout

try:
    import atheris
except ImportError:  # the hypothesis fallback below needs no atheris
    atheris = None

with (atheris.instrument_imports(include=["cleaner"]) if atheris
      else contextlib.nullcontext()):
    import cleaner
    import cleaner.html  # imported lazily by cleaner; here so that it is instrumented
    import cleaner.pipeline
    from cleaner.decode import decode
    from cleaner.lines import normalize
    from cleaner.sniff import looks_like_html
    from cleaner.spans import delete

CLEANER = cleaner.Cleaner()
SKIP = set(os.environ.get("FUZZ_SKIP", "").split(","))
_SURROGATE = str.maketrans({c: "\ufffd" for c in range(0xD800, 0xE000)})


def check(art: cleaner.Article, source: str | None) -> None:
    """The invariants of one Article; ``source`` is the text when the text path ran."""
    json.dumps(art.to_dict(keep_removed=True), ensure_ascii=False).encode("utf-8")
    if source is None:
        return
    lines = {normalize(line) for line in source.translate(_SURROGATE).splitlines()}
    kept = [d for d in art.lines if d.decision == "kept"]
    assert len(kept) == len(art.paragraphs), "a paragraph without its line decision"
    for d, para in zip(kept, art.paragraphs, strict=True):
        # deletion-only: the input line, whitespace-normalised, minus the spans it records
        assert d.text in lines and para == delete(d.text, d.spans), \
            f"invented paragraph {para!r}"
    for decision in art.lines:
        assert decision.text in lines, f"line decision about no input line {decision.text!r}"
    if "idempotence" in SKIP:
        return
    again = CLEANER.clean(art.text, kind="text")
    assert again.text == art.text, f"not idempotent: {art.text!r} -> {again.text!r}"


def one_input(data: bytes) -> None:
    """Clean ``data`` as bytes (auto-detected kind) and as text; check each result."""
    try:
        art = CLEANER.clean(data)
    except cleaner.InputError:
        pass
    else:
        text = decode(data)[0]
        check(art, None if looks_like_html(text) else text)  # HTML: lines from trafilatura
    as_text = data.decode("utf-8", "surrogateescape")  # lone surrogates on purpose
    with contextlib.suppress(cleaner.InputError):
        check(CLEANER.clean(as_text, kind="text"), as_text)


def _hypothesis(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in sorted((Path(__file__).parent / "seeds").iterdir())]
    pieces = st.sampled_from([b"\r\n", b"\r", "\u2028".encode(), b"\x00", b"<p>", b"</p>",
                              b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80",
                              b"Baca juga: ", b"JAKARTA - ", b"\xe9", b"a" * 5000, b"\n" * 500])
    inputs = st.one_of(
        st.binary(max_size=4000),
        st.text().map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.one_of(pieces, st.sampled_from(seeds), st.binary(max_size=60)),
                 max_size=30).map(b"".join),
    )
    count = 0

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def run(data: bytes) -> None:
        nonlocal count
        count += 1
        one_input(data)

    run()
    print(f"hypothesis: {count} inputs, no failure")


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "--hypothesis":
        _hypothesis(int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
        return
    if atheris is None:
        sys.exit("atheris is not installed: pip install atheris, or run with --hypothesis N")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
