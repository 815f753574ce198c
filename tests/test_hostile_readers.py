"""Properties of the readers written for issue 15 (hypothesis, derandomized): the
member-by-member decompressor never takes a cut stream as complete, the JSON reader
never raises, the nesting flattener keeps every text."""

from __future__ import annotations

import gzip
import io
import re

import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.io.jsonl import JsonlKeys, read_json
from cleaner.io.streams import decompress, read_upto
from cleaner.sniff import flatten_deep

SETTINGS = settings(max_examples=150, derandomize=True, deadline=None, database=None)
CHUNKS = st.lists(st.binary(min_size=1, max_size=3000), min_size=1, max_size=4)


def compressed(kind: str, chunks: list[bytes]) -> bytes:
    """One member (frame) per chunk."""
    if kind == "gzip":
        return b"".join(gzip.compress(c) for c in chunks)
    c = zstandard.ZstdCompressor()
    return b"".join(c.compress(x) for x in chunks)


@SETTINGS
@given(chunks=CHUNKS, kind=st.sampled_from(["gzip", "zstd"]), data=st.data())
def test_whole_streams_read_back_and_cut_ones_raise(chunks: list[bytes], kind: str,
                                                   data: st.DataObject) -> None:
    blob = compressed(kind, chunks)
    assert read_upto(decompress(io.BytesIO(blob), kind), 10**8) == b"".join(chunks)
    ends = {len(compressed(kind, chunks[:i])) for i in range(len(chunks) + 1)}
    cut = data.draw(st.integers(1, len(blob) - 1).filter(lambda n: n not in ends))
    try:
        read_upto(decompress(io.BytesIO(blob[:cut]), kind), 10**8)
    except EOFError:
        return
    raise AssertionError(f"a {kind} stream cut at {cut} of {len(blob)} read as complete")


@SETTINGS
@given(st.text(alphabet='[]{},:" \n\\abc01tx', max_size=300))
def test_read_json_never_raises(text: str) -> None:
    for rec in read_json(io.BytesIO(text.encode()), "f", "f", "f", JsonlKeys(), 10_000):
        assert rec.error or isinstance(rec.data, str)


TAG = re.compile(r"<[^<>]*>")


@SETTINGS
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<b>", "</b>",
                                 "<!-- c -->", "<script>x<y</script>", "text ", "<img/>"]),
                max_size=400),
       st.integers(1, 20))
def test_flatten_deep_keeps_all_text(parts: list[str], depth: int) -> None:
    page = "".join(parts)
    flat = flatten_deep(page, depth)
    assert TAG.sub("", flat).replace("x<y", "") == TAG.sub("", page).replace("x<y", "")
    assert "x<y" in flat or "x<y" not in page
