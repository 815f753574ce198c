"""Learn an outlet's chrome from its own pages (``cleaner learn``).

The pages of one outlet share their chrome; the articles do not.  :func:`learn` reads a
corpus twice: pass 1 counts, per outlet, in how many documents each normalised line and
each template occurs (in a fixed-size sketch); pass 2 studies the frequent ones (where
they sit, what follows them, how varied their tails are).  Guards keep real content
that repeats (a quote carried in follow-up stories, a templated weather paragraph) out.
The result is one TOML profile per outlet, in the built-in format, every rule with its
evidence as a comment, plus ``summary.md`` / ``summary.json``.  Learned profiles are used
with ``Cleaner(learned_dirs=[dir])``: they merge *under* a built-in profile of the same
id.  See ``docs/learning.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..profiles import ProfileRegistry, load_file, load_packs
from ..rules.matcher import MetaRuleSet
from ._corpus import Corpus, Doc, PathCorpus
from ._keys import KeyMaker
from ._miner import LearnOptions, Miner
from ._select import OutletResult, Selector, meta_checker
from ._write import file_name, render_profile, render_summary, summary_dict, write

__all__ = ["Doc", "LearnOptions", "LearnReport", "learn"]


@dataclass(slots=True)
class LearnReport:
    """What :func:`learn` found: per-outlet results, the summary, the files written."""

    results: list[OutletResult]
    summary: dict[str, Any]
    files: list[Path] = field(default_factory=list)
    options: LearnOptions = field(default_factory=LearnOptions)

    def profile_text(self, outlet: str) -> str:
        """The TOML of one outlet's learned profile (also when nothing was written)."""
        for res in self.results:
            if res.stats.name == outlet:
                return render_profile(res, self.options)
        raise KeyError(outlet)

    @property
    def summary_text(self) -> str:
        return render_summary(self.summary)


def learn(
    source: Sequence[str] | Iterable[Doc],
    out_dir: str | Path | None = None,
    *,
    options: LearnOptions | None = None,
    outlet: str | None = None,
    profile_dirs: Iterable[str | Path] = (),
    input_options=None,
    stdin=None,
) -> LearnReport:
    """Learn per-outlet chrome rules from a corpus.

    ``source``: input paths as the CLI takes them (files, directories, ``-``; text, HTML,
    JSONL, WARC, compressed or not), or a re-iterable of :class:`Doc`.  ``out_dir``:
    where the profiles and the summary go (None: nothing is written).  ``outlet``: the
    outlet of documents with no URL, no outlet key and no known signature.
    ``profile_dirs``: user profiles, whose rules (like the built-in ones and the
    language packs) are not learned again.  ``input_options``: a
    :class:`cleaner.io.InputOptions` (JSONL keys, globs) for path inputs.
    """
    opts = options or LearnOptions()
    registry = ProfileRegistry(profile_dirs)
    packs = load_packs()
    months = [m for p in packs for m in p.words.get("months", {})]
    weekdays = [d for p in packs for d in p.words.get("weekdays", [])]
    keymaker = KeyMaker(months, weekdays, max_words=opts.max_words, max_chars=opts.max_chars)
    corpus = _corpus(source, stdin, input_options)
    try:
        miner = Miner(opts, registry, keymaker, fallback_outlet=outlet,
                      is_meta=meta_checker(MetaRuleSet.compile(m for p in packs for m in p.meta)))
        miner.count(corpus)
        miner.study(corpus)
    finally:
        corpus.close()
    selector = Selector(opts, packs, months, weekdays)
    by_outlet: dict[int, list] = {}
    for (idx, _), cand in miner.candidates.items():
        by_outlet.setdefault(idx, []).append(cand)
    results = []
    for st in sorted(miner.outlets.values(), key=lambda s: (-s.docs, s.name)):
        results.append(selector.select(st, by_outlet.get(st.index, []),
                                       registry.get(st.name)))
    info = {
        "documents_read": miner.docs_read,
        "without_outlet": miner.unknown,
        "skipped_inputs": dict(corpus.skipped),
        "options": {k: getattr(opts, k) for k in opts.__dataclass_fields__},
        "memory": {"sketch_bytes": miner.sketch.nbytes,
                   "bloom_bytes": 2 * len(miner.titles.bits),
                   "candidates": len(miner.candidates),
                   "peak_rss_mb": _peak_rss_mb()},
    }
    report = LearnReport(results, summary_dict(results, info), options=opts)
    if out_dir is not None:
        out = Path(out_dir)
        report.summary = write(results, opts, out, info)
        for res in results:
            if res.findings:
                path = out / file_name(res)
                load_file(path)  # a learned profile that does not load is a bug: fail loudly
                report.files.append(path)
    return report


def _corpus(source: Sequence[str] | Iterable[Doc], stdin, input_options) -> Corpus:
    if isinstance(source, (list, tuple)) and all(isinstance(s, (str, Path)) for s in source):
        return PathCorpus([str(s) for s in source], stdin=stdin, html_lines=_html_lines,
                          input_options=input_options)
    if isinstance(source, Corpus):
        return source
    if iter(source) is source:  # a generator would be empty in pass 2
        raise TypeError("learn reads the documents twice: pass a list or another "
                        "re-iterable of Doc, not an iterator")
    return Corpus(source)


@lru_cache(maxsize=1)
def _generic_cleaner():
    from ..core import Cleaner

    return Cleaner(use_profiles=False)


def _html_lines(html: str, url: str | None) -> tuple[list[str], str | None]:
    """The text lines of an HTML page (the cleaner's own HTML path) and its canonical URL,
    which groups a page saved without its address."""
    art = _generic_cleaner().clean(html, url=url, kind="html")
    return [d.text for d in art.lines], url or art.canonical_url


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)
