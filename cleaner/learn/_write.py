"""Write what was learned: one reviewable TOML profile per outlet, and a summary.

The profile uses exactly the format of the built-in profiles (``docs/profiles.md``), so
``cleaner profiles check`` and ``Cleaner(learned_dirs=[...])`` read it.  Every rule
carries its evidence as a comment above it.  TOML is written by hand (the standard
library reads TOML but does not write it): strings are TOML literal strings when they
can be, basic strings with JSON-style escapes otherwise.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ._miner import LearnOptions
from ._select import OutletResult, profile_id

__all__ = ["file_name", "render_profile", "render_summary", "summary_dict"]

_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_ACTIONS = ("drop", "cut_after", "list_after", "meta")
_KEY_ORDER = ("id", "match", "text", "pattern", "reason", "max_words")


def file_name(res: OutletResult) -> str:
    return profile_id(res.stats.name) + ".toml"


def _str(value: str) -> str:
    if "'" not in value and "\n" not in value and not any(ord(ch) < 32 or ord(ch) == 127
                                                         for ch in value):
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _str(str(value))


def render_profile(res: OutletResult, opts: LearnOptions) -> str:
    """The TOML text of one learned profile."""
    st = res.stats
    pid = profile_id(st.name)
    counts = Counter(f.action for f in res.findings)
    out = [
        f"# Learned by `cleaner learn` from {st.docs} documents of {st.name} "
        f"(grouped by {st.via}; {st.dups} duplicates skipped).",
        f"# Thresholds: min_docs={opts.min_docs}, min_share={opts.min_share}, "
        f"max_words={opts.max_words}, edge_share={opts.edge_share}.",
        "# Every rule says why it was learned.  Review before use: delete rules that are",
        "# content, move phrases every outlet uses to a language pack, generalise rules",
        "# tied to the sample's dates.  Examples are copies of the corpus: never ship them.",
        f"id = {_str(pid)}",
        'version = "learned"',
    ]
    if _DOMAIN.match(pid) and st.via in ("url", "record"):
        out.append(f"domains = {_value([pid, '*.' + pid])}")
    if res.signatures:
        out.append(f"signatures = {_value(res.signatures)}")
    out.append(_str_line("notes", f"learned: {st.docs} documents, "
                         + ", ".join(f"{counts[a]} {a}" for a in _ACTIONS if counts[a])
                         + f"; {len(res.rejected)} candidates rejected"))
    for f in res.findings:
        out.append("")
        out.extend("# " + line for line in f.evidence)
        out.append(f"[[{f.action}]]")
        for key in _KEY_ORDER:
            if key in f.table:
                out.append(f"{key} = {_value(f.table[key])}")
    return "\n".join(out) + "\n"


def _str_line(key: str, value: str) -> str:
    return f"{key} = {_str(value)}"


def summary_dict(results: list[OutletResult], info: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable summary (``summary.json``)."""
    outlets = []
    for res in results:
        st = res.stats
        guards = Counter(r.guard for r in res.rejected)
        outlets.append({
            "outlet": st.name,
            "file": file_name(res) if res.findings else None,
            "grouped_by": st.via,
            "documents": st.docs,
            "duplicates": st.dups,
            "lines": st.lines,
            "dated_documents": st.dated,
            "titles": st.titles,
            "title_link_lines": st.title_links,
            "title_link_documents": st.title_link_docs,
            "candidates": st.candidates,
            "candidates_capped": st.capped,
            "rules": dict(Counter(f.action for f in res.findings)),
            "rejected": dict(guards),
            "known": dict(res.known.most_common()),
            "signatures": res.signatures,
            "top_rejected": [
                {"guard": r.guard, "detail": r.detail, "documents": r.cand.docs,
                 "kind": r.cand.kind, "key": r.cand.key[:120]}
                for r in sorted(res.rejected, key=lambda r: -r.cand.docs)[:15]
            ],
        })
    return {**info, "outlets": outlets}


def render_summary(summary: dict[str, Any]) -> str:
    """The human summary (``summary.md``), also printed by the CLI."""
    out = [
        "# cleaner learn: summary",
        "",
        f"Documents read: {summary['documents_read']}; without an outlet: "
        f"{summary['without_outlet']}; skipped inputs: {summary['skipped_inputs'] or 0}.",
        "",
        "| outlet | docs | dups | rules | drop | cut_after | list_after | meta | known | "
        "rejected | title links |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for o in summary["outlets"]:
        r = o["rules"]
        out.append(
            f"| {o['outlet']} | {o['documents']} | {o['duplicates']} | {sum(r.values())} | "
            f"{r.get('drop', 0)} | {r.get('cut_after', 0)} | {r.get('list_after', 0)} | "
            f"{r.get('meta', 0)} | {sum(o['known'].values())} | "
            f"{sum(o['rejected'].values()) - sum(o['known'].values())} | "
            f"{o['title_link_lines']} |")
    for o in summary["outlets"]:
        if not (o["rules"] or o["top_rejected"]):
            continue
        out += ["", f"## {o['outlet']}", ""]
        if o["signatures"]:
            out.append(f"- signatures found: {', '.join(o['signatures'])}")
        if o["known"]:
            out.append("- already handled by: " + ", ".join(f"{k} ({v})"
                                                           for k, v in o["known"].items()))
        if o["rejected"]:
            out.append("- rejected by guard: " + ", ".join(f"{k} {v}"
                                                           for k, v in o["rejected"].items()))
        if o["candidates_capped"]:
            out.append(f"- candidate table full: {o['candidates_capped']} keys not studied")
        for r in o["top_rejected"][:8]:
            if r["guard"] != "known":
                out.append(f"  - {r['guard']}: {r['documents']} docs, {r['kind']} "
                           f"`{r['key'][:80]}` {r['detail']}")
    return "\n".join(out) + "\n"


def write(results: list[OutletResult], opts: LearnOptions, out_dir: Path,
          info: dict[str, Any]) -> dict[str, Any]:
    """Write the profiles and ``summary.md`` / ``summary.json``; returns the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for res in results:
        if res.findings:
            path = out_dir / file_name(res)
            tmp = path.with_suffix(".toml.tmp")
            tmp.write_text(render_profile(res, opts), encoding="utf-8")
            tmp.replace(path)
    summary = summary_dict(results, info)
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    (out_dir / "summary.md").write_text(render_summary(summary), encoding="utf-8")
    return summary
