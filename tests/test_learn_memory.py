"""``cleaner learn`` memory is bounded whatever the number of outlets (issue 15 item 20):
candidates, the one per-key state, are capped in all (``max_total_candidates``), shared
between outlets independently of the input order.  Synthetic text only."""

from __future__ import annotations

import random

from cleaner.learn import Doc, LearnOptions
from cleaner.learn import _miner as miner_mod
from cleaner.learn._keys import KeyMaker
from cleaner.profiles import ProfileRegistry

WORDS = ["warga", "pasar", "harga", "naik", "menteri", "kota", "desa", "jalan", "rumah",
         "sekolah", "banjir", "hujan", "petani", "beras", "kereta", "stasiun"]


def docs(outlets: int, per_outlet: int, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    out = []
    for o in range(outlets):
        chrome = [" ".join(rng.choice(WORDS).capitalize() for _ in range(5)) for _ in range(12)]
        for d in range(per_outlet):
            body = [" ".join(rng.choice(WORDS) for _ in range(14)) + "." for _ in range(3)]
            out.append(Doc("\n".join([*chrome, *body]), url=f"https://situs{o}.id/{d}"))
    return out


def mine(corpus: list[Doc], opts: LearnOptions) -> miner_mod.Miner:
    m = miner_mod.Miner(opts, ProfileRegistry(), KeyMaker([], []))
    m.count(corpus)
    m.study(corpus)
    return m


def test_candidates_are_bounded_in_all_whatever_the_number_of_outlets() -> None:
    opts = LearnOptions(max_total_candidates=400, min_share=0.0)
    corpus = docs(outlets=120, per_outlet=5)
    m = mine(corpus, opts)
    assert len(m.candidates) <= opts.max_total_candidates
    per_outlet = [st.candidates for st in m.outlets.values()]
    assert max(per_outlet) <= opts.max_candidates
    assert sum(st.capped for st in m.outlets.values()) > 0  # the cap was what held it
    # the share of an outlet does not depend on where its documents come in the input
    rev = mine(list(reversed(corpus)), opts)
    assert {st.name: st.candidates for st in rev.outlets.values()} == \
        {st.name: st.candidates for st in m.outlets.values()}


def test_the_default_budget_does_not_cap_a_small_corpus() -> None:
    m = mine(docs(outlets=3, per_outlet=8), LearnOptions())
    assert all(st.capped == 0 for st in m.outlets.values())
    assert all(st.candidates >= 12 for st in m.outlets.values())  # every chrome line
