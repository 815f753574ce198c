"""The datatrove step: JsonlReader -> CleanerStep -> JsonlWriter under LocalPipelineExecutor.

Two input files and two tasks, so each task reads one file in its own worker process
(which also proves the step pickles).  The documents are synthetic text written for this
test, wrapped in typical news-site chrome.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import cleaner
from cleaner.integrations.datatrove import CleanerStep

MARKET = [
    "MEDAN - Pedagang di Pasar Sambu mengeluhkan sepinya pembeli sejak harga beras "
    "medium naik dalam dua pekan terakhir, terutama pada pagi hari.",
    "Seorang pedagang, Rosmawati, mengatakan omzetnya turun hampir separuh dibandingkan "
    "bulan lalu karena pembeli kini hanya membeli dalam jumlah kecil.",
    "Dinas perdagangan kota berencana menggelar operasi pasar di tiga kecamatan mulai "
    "pekan depan untuk menahan kenaikan harga lebih lanjut.",
]
MARKET_DOC = "\n".join([
    "Beranda | Nasional | Ekonomi | Olahraga",
    "Pedagang Pasar Sambu Keluhkan Sepinya Pembeli",
    "Selasa, 5 November 2024 - 08:20 WIB",
    MARKET[0],
    "Baca juga: Operasi Pasar Digelar di Lima Titik",
    MARKET[1],
    "ADVERTISEMENT",
    MARKET[2],
    "Bagikan: Facebook Twitter WhatsApp",
    "Copyright © 2024 Kabar Contoh. All rights reserved.",
])

FERRY = [
    "The ferry service between the two islands resumed on Monday after a week of storms "
    "kept every boat in harbour and left dozens of travellers stranded.",
    "Operators said the first crossing carried more than two hundred passengers, most of "
    "them families returning home after the long holiday weekend.",
    "Port officials warned that further delays were possible later in the month if the "
    "weather turned again, and advised passengers to check the timetable daily.",
]
FERRY_DOC = "\n".join([
    "Menu",
    "Home | World | Business | Sport",
    "Island Ferry Service Resumes After Week of Storms",
    "Published: November 4, 2024",
    FERRY[0],
    "ADVERTISEMENT",
    FERRY[1],
    "Read more: Harbour Council Approves New Pier",
    FERRY[2],
    "Share this article: Facebook Twitter Email",
    "© 2024 Harbour City Times. All rights reserved.",
])

CHROME_ONLY_DOC = "\n".join([
    "Home", "Nasional", "Ekonomi",
    "ADVERTISEMENT",
    "Baca juga: Operasi Pasar Digelar di Lima Titik",
    "Bagikan: Facebook Twitter WhatsApp",
])

# Over the step's max_bytes below: cleaner refuses it (InputError) -> dropped_error.
TOO_LONG_DOC = "\n".join(MARKET * 40)
MAX_BYTES = 4000

INPUT = {
    "part-0.jsonl": [
        {"id": "market", "text": MARKET_DOC,
         "metadata": {"url": "https://kabar.example/read/pasar-sambu",
                      "author": "Redaksi", "crawl": "batch-7"}},
        {"id": "chrome-only", "text": CHROME_ONLY_DOC,
         "metadata": {"url": "https://kabar.example/tag/ekonomi"}},
    ],
    "part-1.jsonl": [
        {"id": "ferry", "text": FERRY_DOC,
         "metadata": {"url": "https://harbour.example/news/ferry-resumes"}},
        {"id": "too-long", "text": TOO_LONG_DOC,
         "metadata": {"url": "https://kabar.example/read/panjang"}},
    ],
}
ORIGINAL = {d["id"]: d for docs in INPUT.values() for d in docs}


def _total(stat: object) -> float:
    """datatrove saves a metric as a bare number, or a dict when values vary."""
    return stat["total"] if isinstance(stat, dict) else stat  # type: ignore[index]


def _read_jsonl(folder: Path) -> dict[str, dict]:
    docs = [json.loads(line) for f in sorted(folder.glob("*.jsonl"))
            for line in f.read_text("utf-8").splitlines() if line.strip()]
    return {d["id"]: d for d in docs}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("datatrove")
    (root / "raw").mkdir()
    for name, docs in INPUT.items():
        (root / "raw" / name).write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(root / "raw")),
            CleanerStep(max_bytes=MAX_BYTES,
                        exclusion_writer=JsonlWriter(str(root / "excluded"), compression=None)),
            JsonlWriter(str(root / "clean"), compression=None),
        ],
        tasks=2,
        logging_dir=str(root / "logs"),
    )
    executor.run()
    stats = json.loads((root / "logs" / "stats.json").read_text("utf-8"))
    step = next(s for s in stats if "cleaner" in s["name"])
    per_task = [json.loads((root / "logs" / "stats" / f"{r:05d}.json").read_text("utf-8"))
                for r in range(2)]
    return {
        "clean": _read_jsonl(root / "clean"),
        "excluded": _read_jsonl(root / "excluded"),
        "stats": step["stats"],
        "per_task": [next(s for s in t if "cleaner" in s["name"])["stats"] for t in per_task],
    }


def test_written_documents_hold_clean_text_and_merged_metadata(run: dict) -> None:
    out = run["clean"]
    assert set(out) == {"market", "ferry"}

    market = out["market"]
    assert market["text"] == "\n".join(MARKET)
    meta = market["metadata"]
    assert meta["title"] == "Pedagang Pasar Sambu Keluhkan Sepinya Pembeli"
    assert meta["published"] == "2024-11-05T08:20:00+07:00"
    assert meta["dateline"] == "MEDAN"
    assert meta["url"] == "https://kabar.example/read/pasar-sambu"
    assert meta["crawl"] == "batch-7"  # input metadata survives
    assert meta["author"] == "Redaksi"  # cleaner found none, so the input's stays
    assert meta["removed"]["related"] == 1 and meta["removed"]["ad"] == 1
    assert "file_path" in meta  # added by JsonlReader, kept

    ferry = out["ferry"]
    assert ferry["text"] == "\n".join(FERRY)
    assert ferry["metadata"]["title"] == "Island Ferry Service Resumes After Week of Storms"
    assert ferry["metadata"]["language"] == "en"

    for doc in out.values():
        for chrome in ("Baca juga", "Read more", "ADVERTISEMENT", "Bagikan", "Share this",
                       "All rights reserved"):
            assert chrome not in doc["text"]


def test_dropped_documents_reach_the_exclusion_writer_unchanged(run: dict) -> None:
    excluded = run["excluded"]
    assert set(excluded) == {"chrome-only", "too-long"}
    assert excluded["chrome-only"]["metadata"]["filter_reason"] == "empty"
    assert excluded["too-long"]["metadata"]["filter_reason"] == "error"
    assert "max_bytes" in excluded["too-long"]["metadata"]["cleaner_error"]
    for doc_id, doc in excluded.items():
        assert doc["text"] == ORIGINAL[doc_id]["text"]  # nothing lost


def test_stats_count_documents_and_removal_reasons(run: dict) -> None:
    stats = run["stats"]
    assert _total(stats["total"]) == 4
    assert _total(stats["forwarded"]) == 2
    assert _total(stats["dropped"]) == 2
    assert _total(stats["dropped_empty"]) == 1
    assert _total(stats["dropped_error"]) == 1
    assert _total(stats["profile-none"]) == 3  # the refused document never got a profile

    # Per-line reasons: what cleaner itself reports for the three documents it cleaned.
    c = cleaner.Cleaner()
    expected: dict[str, int] = {}
    for doc_id in ("market", "ferry", "chrome-only"):
        art = c.clean(ORIGINAL[doc_id]["text"], url=ORIGINAL[doc_id]["metadata"]["url"])
        for reason, n in art.removed.items():
            expected[reason] = expected.get(reason, 0) + n
    got = {k.removeprefix("line-removed-"): _total(v) for k, v in stats.items()
           if k.startswith("line-removed-")}
    assert got == expected
    assert got["ad"] == 3 and got["related"] == 3  # one ad label and one related line each
    assert _total(stats["line-kept"]) == len(MARKET) + len(FERRY)


def test_both_tasks_did_work(run: dict) -> None:
    totals = sorted(_total(t["total"]) for t in run["per_task"])
    assert totals == [2, 2]


def test_keep_empty_and_nested_metadata_in_process() -> None:
    from datatrove.data import Document

    step = CleanerStep(keep_empty=True, metadata_key="cleaner")
    docs = [Document(text=CHROME_ONLY_DOC, id="e", metadata={"url": "https://kabar.example/t"}),
            Document(text=FERRY_DOC, id="f", metadata={"title": "From the crawler"})]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["e", "f"]
    assert out[0].text == ""
    assert out[1].text == "\n".join(FERRY)
    assert out[1].metadata["title"] == "From the crawler"  # nested mode touches nothing else
    assert out[1].metadata["cleaner"]["title"] == (
        "Island Ferry Service Resumes After Week of Storms")
    assert _total(step.stats["empty"].to_dict()) == 1
    assert _total(step.stats["forwarded"].to_dict()) == 2


def test_bad_option_fails_when_the_step_is_built() -> None:
    with pytest.raises(TypeError, match="no_such_option"):
        CleanerStep(no_such_option=True)


def test_the_outlet_key_picks_the_profile_of_a_record_without_url() -> None:
    """As the CLI's --outlet-key: a record that names its outlet gets its profile."""
    from datatrove.data import Document

    body = "\n".join(MARKET)
    docs = [Document(text=body, id="named", metadata={"outlet": "kompas.com"}),
            Document(text=body, id="plain", metadata={}),
            Document(text=body, id="other-key", metadata={"site": "tempo.co"})]
    out = {d.id: d.metadata["profile"] for d in CleanerStep().run(iter(docs[:2]))}
    assert out["named"].startswith("kompas.com@") and out["plain"] is None
    custom = list(CleanerStep(outlet_key="site").run(iter(docs[2:])))
    assert custom[0].metadata["profile"].startswith("tempo.co@")
