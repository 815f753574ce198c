"""Docs are code: every Python block and every ``cleaner ...`` command in README.md and
docs/*.md runs, in a folder holding the small inputs the examples name (written here,
synthetic text), and docs/cli.md is what ``scripts/gen_cli_docs.py`` makes of ``--help``.

A block is marked with an HTML comment on the line just above its fence:

* ``<!-- docs-test: skip (why) -->``: not run (a cluster, S3); keep this list short,
  ``test_few_blocks_are_skipped`` guards it;
* ``<!-- docs-test: given urls -->``: run with ``urls``, a list of pages a local HTTP
  server serves, defined first (the crawler-loop examples);
* ``<!-- docs-test: as NAME -->``: run by the test written for it (``scrapy-settings``
  and ``scrapy-spider``: the pipeline built from the settings cleans the spider's items).

A Python block whose third-party imports are not installed (httpx, dask) is skipped with
the module's name; everything cleaner needs for its own extras is in ``.[test,...]``.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import zstandard
from _synthetic import article

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARK = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```(\w*)\s*$")
SHELL = ("bash", "sh", "shell")
#: most blocks that may be marked skip
MAX_SKIPPED = 5
#: seconds one block may take (a datatrove run starts worker processes)
TIMEOUT = 600


@dataclass(frozen=True)
class Block:
    file: Path
    line: int
    lang: str
    code: str
    mark: str | None

    @property
    def name(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    """Every fenced block of the docs, with the marker on the line above it."""
    out = []
    for file in DOCS:
        lines = file.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            if not m:
                i += 1
                continue
            start, body = i, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            above = MARK.match(lines[start - 1]) if start else None
            out.append(Block(file, start + 1, m.group(1), "\n".join(body) + "\n",
                             above.group(1) if above else None))
            i += 1
    return out


PYTHON = [b for b in blocks() if b.lang == "python"]


def commands(block: Block) -> list[str]:
    """The ``cleaner`` command lines of a shell block (an install before ``&&`` is not
    run: the package under test is installed already)."""
    out = []
    for line in block.code.splitlines():
        line = line.strip()
        parts = [p.strip() for p in line.split("&&")]
        parts = [p for p in parts if not p.startswith(("pip ", "python -m pip "))]
        cmd = " && ".join(parts)
        if re.match(r"cleaner\b", cmd) or re.search(r"\|\s*cleaner\b", cmd):
            out.append(cmd)
    return out


SHELL_BLOCKS = [b for b in blocks() if b.lang in SHELL and commands(b)]


# ---------------------------------------------------------------------- the workspace
PAGE = ("<html><head><title>{title}</title></head><body><nav>Beranda | Nasional</nav>"
        "<h1>{title}</h1><p>{p1}</p><p>Baca juga: Berita lain</p><p>{p2}</p>"
        "<footer>Copyright 2024 Contoh</footer></body></html>")


def html_page(i: int) -> str:
    text = article(i).splitlines()
    return PAGE.format(title=text[0], p1=text[1], p2=text[3])


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in (1, 2):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://contoh.id/{i}", "response", http_headers=http,
            payload=io.BytesIO(html_page(i).encode())))
    return buf.getvalue()


def make_workspace(ws: Path) -> None:
    """The inputs the examples name: samples/, my_profiles/, pages/, dumps/, crawl/,
    raw/, big.jsonl, dump.jsonl.gz|.zst, dumps.jsonl.gz, pages.jsonl.zst, crawl.warc.gz."""
    shutil.copytree(ROOT / "samples", ws / "samples")
    (ws / "my_profiles").mkdir()
    (ws / "my_profiles" / "contoh.id.toml").write_text(
        'id = "contoh.id"\nversion = "2024.1"\ndomains = ["contoh.id", "*.contoh.id"]\n'
        '[[drop]]\nid = "contoh.read-also"\nmatch = "prefix"\ntext = "Baca juga:"\n'
        'reason = "related"\n')
    for folder, n in (("pages", 2), ("dumps", 3), ("crawl", 8)):
        (ws / folder).mkdir()
        for i in range(n):
            (ws / folder / f"{i:02d}.txt").write_text(article(i) + "Bagikan: Facebook\n")
        (ws / folder / "page.html").write_text(html_page(90 + n))
    records = [{"id": f"doc-{i}", "text": article(i), "url": f"https://contoh.id/{i}"}
               for i in range(1, 4)]
    (ws / "big.jsonl").write_bytes(jsonl(records))
    (ws / "dump.jsonl.gz").write_bytes(gzip.compress(jsonl(records)))
    (ws / "dumps.jsonl.gz").write_bytes(gzip.compress(jsonl(records)))
    (ws / "dump.jsonl.zst").write_bytes(zstandard.compress(jsonl(records)))
    (ws / "pages.jsonl.zst").write_bytes(zstandard.compress(jsonl(records)))
    (ws / "crawl.warc.gz").write_bytes(warc_bytes())
    (ws / "raw").mkdir()  # datatrove's JsonlReader and the Dask example read these
    for f in range(4):
        rows = [{"id": f"r{f}-{i}", "text": article(10 * f + i), "html": html_page(10 * f + i),
                 "url": f"https://contoh.id/r{f}/{i}",
                 "metadata": {"url": f"https://contoh.id/r{f}/{i}"}} for i in range(2)]
        (ws / "raw" / f"part{f}.jsonl").write_bytes(jsonl(rows))


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("docs-template")
    make_workspace(ws)
    return ws


@pytest.fixture
def workspace(template: Path, tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(template, ws)
    return ws


def env() -> dict[str, str]:
    """The venv's ``cleaner`` first on PATH; no colours or terminal widths."""
    bindir = os.path.dirname(sys.executable)
    return {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
            "NO_COLOR": "1", "COLUMNS": "100"}


# ---------------------------------------------------------------------- a local site
class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        n = int(re.sub(r"\D", "", self.path) or 0)
        body = html_page(n).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# ---------------------------------------------------------------------- the tests
def _missing_imports(code: str) -> list[str]:
    names = re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", code, re.MULTILINE)
    return sorted({n for n in names if importlib.util.find_spec(n) is None})


@pytest.mark.parametrize("block", PYTHON, ids=lambda b: b.name)
def test_python_block_runs(block: Block, workspace: Path, site: str) -> None:
    mark = block.mark or ""
    if mark.startswith("skip"):
        pytest.skip(f"marked {mark}")
    if mark.startswith("as "):
        pytest.skip(f"run by the test for {mark[3:]}")
    missing = _missing_imports(block.code)
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (not installed)")
    code = block.code
    if mark == "given urls":
        code = f"urls = {[f'{site}/news/{i}' for i in (1, 2)]!r}\n" + code
    elif mark:
        pytest.fail(f"{block.name}: unknown docs-test marker {mark!r}")
    script = workspace / "block.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=workspace, env=env(),
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"{block.name}\n{done.stderr[-3000:]}"


@pytest.mark.parametrize("block", SHELL_BLOCKS, ids=lambda b: b.name)
def test_cleaner_commands_run(block: Block, workspace: Path) -> None:
    if (block.mark or "").startswith("skip"):
        pytest.skip(f"marked {block.mark}")
    for cmd in commands(block):
        done = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], cwd=workspace,
                              env=env(), capture_output=True, text=True, timeout=TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"{block.name}: {cmd}\n{done.stderr[-3000:]}"


def test_the_shell_blocks_hold_the_commands_users_copy() -> None:
    found = {c for b in SHELL_BLOCKS for c in commands(b)}
    assert "cleaner clean samples/ -o samples.jsonl" in found  # README, CI's own
    assert any(c.startswith("zcat dump.jsonl.gz | cleaner clean -") for c in found)
    assert not any("pip install" in c for c in found)


def test_few_blocks_are_skipped() -> None:
    skipped = [b.name for b in blocks() if (b.mark or "").startswith("skip")]
    assert len(skipped) <= MAX_SKIPPED, skipped
    for b in blocks():
        assert b.mark is None or b.mark == "given urls" or b.mark.startswith(
            ("skip (", "as scrapy-")), f"{b.name}: unknown marker {b.mark!r}"


def test_scrapy_settings_and_spider_clean_real_responses(workspace: Path) -> None:
    pytest.importorskip("scrapy")
    from scrapy.http import HtmlResponse, Request, Response
    from scrapy.utils.test import get_crawler

    from cleaner.integrations.scrapy import CleanerPipeline

    by_mark = {b.mark: b for b in PYTHON if b.mark}
    settings: dict = {}
    exec(compile(by_mark["as scrapy-settings"].code, "settings.py", "exec"), settings)
    settings = {k: v for k, v in settings.items() if k.isupper()}
    spider_ns: dict = {}
    exec(compile(by_mark["as scrapy-spider"].code, "news.py", "exec"), spider_ns)
    spider = spider_ns["NewsSpider"]()

    index = HtmlResponse("https://news.example/", body=b'<a class="article-link" '
                         b'href="/read/1">Judul</a>', encoding="utf-8")
    follow = list(spider.parse(index))
    assert [r.url for r in follow] == ["https://news.example/read/1"]
    assert all(isinstance(r, Request) for r in follow)
    image = Response("https://news.example/logo.png", body=b"\x89PNG\r\n\x1a\n")
    assert list(spider.parse(image)) == [] and list(spider.parse_article(image)) == []

    page = HtmlResponse("https://news.example/read/1", body=html_page(5).encode(),
                        encoding="utf-8")
    (item,) = spider.parse_article(page)
    crawler = get_crawler(settings_dict=settings)
    pipeline = CleanerPipeline.from_crawler(crawler)
    cleaned = pipeline.process_item(item)["cleaned"]
    assert "nomor 5" in cleaned["text"] and "Baca juga" not in cleaned["text"]
    assert settings["FEED_EXPORT_FIELDS"] == ["url", "cleaned"]


def test_cli_reference_is_generated_from_help() -> None:
    spec = importlib.util.spec_from_file_location("gen_cli_docs",
                                                  ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    expected = gen.render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python scripts/gen_cli_docs.py"
    for command in gen.COMMANDS:
        assert f"## `{' '.join(('cleaner', *command))}`" in actual
