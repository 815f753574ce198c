"""Each stage of the engine on its own: the window's scores and edge fixes, the
decisions, extracted-text mode, and the threshold table.  Texts written for the test."""

from __future__ import annotations

import dataclasses

import pytest

from cleaner import Cleaner
from cleaner.article import LineDecision
from cleaner.lines import split_document
from cleaner.stages import body, decide
from cleaner.stages.doc import Doc, Label
from cleaner.stages.extracted import Declared, declared_wins, revise
from cleaner.thresholds import DEFAULT, Thresholds

PROSE = ("The council met on Tuesday evening and voted to repair the old bridge "
         "before the rains arrive, said the mayor, who called it overdue.")
PROSE2 = ("Work will start next month and should take about six weeks, according "
          "to the engineers who inspected the structure last spring.")


def _doc(*lines: str) -> Doc:
    ls, _ = split_document("\n".join(lines))
    return Doc(ls, [None] * len(ls), None, frozenset())


# ---------------------------------------------------------------------- scores
def test_prose_scores_its_words_and_short_lines_cost_more_in_a_run() -> None:
    doc = _doc(PROSE, "Home", "News", "Sport", "Weather")
    scores = body.score_lines(doc, DEFAULT)
    assert scores[0] == float(doc.lines[0].words)
    # a run of short lines: each costs more than the one before (a menu, not a heading)
    assert scores[1] > scores[2] > scores[3] > scores[4]


def test_chrome_costs_come_from_the_threshold_table() -> None:
    doc = _doc(PROSE, "Copyright 2024")
    doc.labels[1] = Label("dropped", "test.footer", "footer")
    assert body.score_lines(doc, DEFAULT)[1] == -DEFAULT.chrome_cost["footer"]
    cheap = Thresholds(chrome_cost={"footer": 1.0})
    assert body.score_lines(doc, cheap)[1] == -1.0
    doc.labels[1] = Label("dropped", "test.other", "no-such-reason")
    assert body.score_lines(doc, DEFAULT)[1] == -DEFAULT.default_chrome_cost


def test_prose_score_is_capped() -> None:
    doc = _doc(" ".join(["word"] * 200) + ".")
    assert body.score_lines(doc, DEFAULT)[0] == DEFAULT.prose_score_cap


# ---------------------------------------------------------------------- edge fixes
def test_extend_tail_takes_an_enumerated_list_after_its_lead_in() -> None:
    doc = _doc(PROSE, "The works are these:", "1. New deck", "2. New rails", "Home")
    assert body.extend_tail(doc, 0, DEFAULT) == 3


def test_extend_tail_takes_a_short_closing_line_but_not_a_headline() -> None:
    doc = _doc(PROSE, "It was about time.", "More Stories From The City Desk")
    assert body.extend_tail(doc, 0, DEFAULT) == 1


def test_extend_tail_stops_at_a_labelled_line() -> None:
    doc = _doc(PROSE, "It was about time.")
    doc.labels[1] = Label("dropped", "test.promo", "promo")
    assert body.extend_tail(doc, 0, DEFAULT) == 0


def test_pull_in_dateline_takes_a_short_dateline_paragraph_above_the_window() -> None:
    doc = _doc("SPRINGFIELD - Short.", PROSE)
    assert body.pull_in_dateline(doc, 1) == 0
    doc = _doc("Short.", PROSE)
    assert body.pull_in_dateline(doc, 1) == 1


def test_skip_standfirst_starts_the_body_at_the_dateline_paragraph() -> None:
    doc = _doc("A bridge the town has waited for since the flood of last year.",
               "SPRINGFIELD - " + PROSE, PROSE2)
    assert body.skip_standfirst(doc, 0, 2, DEFAULT, body.score_lines(doc, DEFAULT)) == 1
    assert doc.pre_body == [0]


def test_skip_standfirst_leaves_more_than_two_lines_alone() -> None:
    doc = _doc(PROSE2, PROSE2 + " Again.", PROSE2 + " Once more.", "SPRINGFIELD - " + PROSE)
    assert body.skip_standfirst(doc, 0, 3, DEFAULT, body.score_lines(doc, DEFAULT)) == 0
    assert doc.pre_body == []


def test_skip_standfirst_keeps_a_body_that_could_not_stand_on_its_own() -> None:
    # the dateline line is all that would be left, and alone it scores below zero
    doc = _doc("A bridge the town has waited for since the flood of last year.",
               "SPRINGFIELD - Works start.")
    assert body.skip_standfirst(doc, 0, 1, DEFAULT, body.score_lines(doc, DEFAULT)) == 0


def test_a_lone_dateline_mark_opens_no_paragraph() -> None:
    assert body.opens_with_dateline("SPRINGFIELD - Works start.", ())
    assert not body.opens_with_dateline("TEMPO.CO - »", ())
    assert not body.opens_with_dateline("JAKARTA - Baca juga:", ())
    assert body.opens_with_dateline("JAKARTA - Label fesyen Kami", ())


@pytest.mark.parametrize("text", [
    # a body paragraph, then a link to the outlet's home page: the second pass kept
    # only the link
    PROSE + "\nTEMPO.CO - »",
    # a standfirst above a dateline line too short to be a body on its own
    "Menteri itu mengatakan kebijakan baru akan berlaku mulai bulan depan di daerah.\n"
    "JAKARTA, Contoh.com - Pemerintah menaikkan <x> n depan.",
    # two dateline paragraphs: the first is the body's opening, not a standfirst
    "Menteri itu mengatakan kebijakan baru akan berlaku mulai bulan depan di daerah.\n"
    "JAKARTA, Contoh.com - Pemerintah menaikkan anggaran pendidikan tahun depan.\n"
    "Bacoh.JAKARTA, KOMPAS.com - com - Pintah menan berlaku mulai bulan depan.",
])
def test_cleaning_the_cleaned_text_changes_nothing(text: str) -> None:
    for c in (Cleaner(), Cleaner(use_profiles=False)):
        once = c.clean(text, kind="text").text
        assert once
        assert c.clean(once, kind="text").text == once


# ---------------------------------------------------------------------- decisions
def test_decide_names_the_window_rule_of_each_undecided_line() -> None:
    doc = _doc("Menu", PROSE, "Footer")
    final, found = decide.decide(doc, (1, 1), DEFAULT)
    assert final == [("dropped", "generic.window.before", "header"),
                     ("kept", "generic.window", "body"),
                     ("dropped", "generic.window.after", "footer")]
    assert found == {}


def test_a_soft_drop_inside_the_window_is_body() -> None:
    doc = _doc(PROSE, "Quoted verse", PROSE2)
    doc.labels[1] = Label("dropped", "generic.foreign-script", "foreign", soft=True)
    final, _ = decide.decide(doc, (0, 2), DEFAULT)
    assert final[1] == ("kept", "generic.window", "body")


def test_a_date_deep_inside_the_body_is_text_and_one_above_it_is_a_fact() -> None:
    doc = _doc("12 March 2024", PROSE, "12 March 2024", PROSE2)
    for i in (0, 2):
        doc.labels[i] = Label("metadata", "test.date", "date", {"published": "12 March 2024"})
    final, found = decide.decide(doc, (1, 3), DEFAULT)
    assert final[0] == ("metadata", "test.date", "date")
    assert final[2] == ("kept", "generic.window", "body")
    assert found == {"published": [(0, "12 March 2024")]}


# ---------------------------------------------------------------------- extracted text
def _d(n: int, text: str, decision: str, rule: str, reason: str) -> LineDecision:
    return LineDecision(n, text, decision, rule, reason)  # type: ignore[arg-type]


def test_extracted_mode_keeps_what_a_dump_would_call_page_header() -> None:
    decisions = [_d(1, "Bridge Repairs Begin", "metadata", "generic.title", "title"),
                 _d(2, "Key facts", "dropped", "generic.window.before", "header"),
                 _d(3, PROSE, "kept", "generic.window", "body")]
    lines, paras = revise(decisions, [PROSE], "Repairs approved", DEFAULT)
    assert [(d.decision, d.rule) for d in lines] == [
        ("kept", "html.extracted"), ("kept", "html.extracted"), ("kept", "generic.window")]
    assert paras == ("Bridge Repairs Begin", "Key facts", PROSE)


def test_extracted_mode_takes_the_declared_title_off_the_top_of_the_body() -> None:
    decisions = [_d(1, "Bridge repairs begin", "kept", "generic.window", "body"),
                 _d(2, PROSE, "kept", "generic.window", "body")]
    lines, paras = revise(decisions, ["Bridge repairs begin", PROSE],
                          "Bridge Repairs Begin", DEFAULT)
    assert (lines[0].decision, lines[0].rule, lines[0].reason) == (
        "metadata", "html.title", "title")
    assert paras == (PROSE,)


def test_extracted_mode_changes_nothing_when_nothing_applies() -> None:
    decisions = [_d(1, PROSE, "kept", "generic.window", "body")]
    assert revise(decisions, [PROSE], None, DEFAULT) == (tuple(decisions), (PROSE,))


def test_declared_facts_win_and_profile_selectors_win_over_them() -> None:
    fields = {"title": "Guessed", "published": None, "modified": None,
              "author": "Guessed Author", "captions": ()}
    declared_wins(fields, Declared(meta={"title": "Declared", "captions": ("A cap",)},
                                   forced={"author": "Selector Author"}))
    assert fields == {"title": "Declared", "published": None, "modified": None,
                      "author": "Selector Author", "captions": ("A cap",)}


def test_the_html_path_runs_the_engine_in_extracted_mode() -> None:
    page = ("<html><head><title>Bridge Repairs Begin</title></head><body><article>"
            f"<h1>Bridge Repairs Begin</h1><p>{PROSE}</p><p>{PROSE2}</p>"
            "</article></body></html>")
    art = Cleaner().clean(page)
    assert art.title == "Bridge Repairs Begin"
    assert art.paragraphs == (PROSE, PROSE2)
    # the headline is metadata (the title stage found it; it agrees with <title>)
    assert [(d.decision, d.reason) for d in art.lines if d.text == "Bridge Repairs Begin"] == [
        ("metadata", "title")]


# ---------------------------------------------------------------------- thresholds
def test_thresholds_are_frozen_and_an_engine_takes_another_table() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.head_reach = 3  # type: ignore[misc]
    from cleaner.pipeline import Engine
    from cleaner.profiles import load_packs

    text = f"Home\nNews\n{PROSE}\n{PROSE2}"
    normal = Engine(load_packs()).run(text, profile=None)
    # a prose line worth nothing: no window, so no body
    none = Engine(load_packs(), Thresholds(prose_score_cap=0)).run(text, profile=None)
    assert normal.paragraphs == (PROSE, PROSE2)
    assert none.paragraphs == ()
