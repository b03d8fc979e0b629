"""Issue 14's explanations: every change a step makes is itemised, with what a condition
or a roll prevented and the values that decided; conditions, chances and amounts in
plain words from the expression tree (one renderer), with the value now; one vocabulary
(Putin's 'Kremlin credit' is not the 'Kremlin leverage' track)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from wargame import telling
from wargame.cli.replay import render
from wargame.engine.effects import If, Roll
from wargame.session import Session
from wargame.telling.plain import effect_words, expr_words, trace_words, why
from wargame.tui import words

ROOT = Path(__file__).resolve().parent.parent
EDITION2_SAVES = sorted((ROOT / "saves").glob("edition2-*.json"))
RAW = re.compile(r"min\(|max\(|\* \(|\b[a-z]+_[a-z_]+\b|>=|<=|==|!=")


def _prevented(trace: list[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for item in trace:
        if item.get("prevented"):
            yield item
        for branch in ("then", "otherwise"):
            yield from _prevented(item.get(branch, []))


def _retold(path: Path) -> str:
    out = io.StringIO()
    render(Session.load(path), Console(file=out, width=4000, color_system=None))
    return out.getvalue()


def test_the_expression_tree_in_words():
    assert expr_words("leverage >= 10") == "Kremlin leverage is at least 10"
    assert expr_words("demands > 0") == "a Kremlin demand is open"
    assert expr_words("min(35, 10 * (unrest + defections) - 110) + 40 * garrison_thin") == (
        "(10 × (unrest + defections) − 110, at most 35) + (40 if the Minsk garrison is thin)")
    assert expr_words("network / 3") == "a third of opposition network"
    assert expr_words("troops_border == 0") == "no troops at the border"


def test_a_failed_condition_says_the_value_and_what_it_needed():
    assert why("leverage >= 10", {"leverage": 9}, False) == "Kremlin leverage 9, needs 10"
    assert why("reservists + troops_ukraine >= 10000",
               {"reservists": 4000, "troops_ukraine": 0}, False) == (
        "mobilised reservists + troops in Ukraine 4,000, needs 10,000")
    assert why("covert_mobilisation", {"covert_mobilisation": 0}, False) == (
        "no covert mobilisation is under way")


def test_a_trace_names_what_a_condition_prevented():
    trace = [{"do": "track", "track": "leverage", "mode": "add", "amount": 1, "value": 1,
              "changes": [["leverage", 5, 6]]},
             {"do": "if", "when": "leverage >= 10", "inputs": {"leverage": 9},
              "holds": False, "otherwise": [],
              "then": [{"do": "track", "track": "sovereignty", "mode": "add", "amount": -2,
                        "prevented": True}]}]
    said = trace_words(trace, "putin", telling.changes_text)
    assert said == ["Kremlin leverage 5/10→6/10 (+1)",
                    "no effect: Kremlin leverage 9, needs 10 (Sovereignty −2 did not happen)"]


def test_a_roll_is_worded_from_the_side_of_who_ordered_it():
    roll = {"do": "roll", "chance": 25, "label": "an informer is among them", "rolled": 69,
            "value": 25, "ok": False, "otherwise": [],
            "then": [{"do": "track", "track": "network", "mode": "add", "amount": -1,
                      "prevented": True}]}
    said = trace_words([roll], "opposition", telling.changes_text)
    assert said == ["an informer is among them? 25% chance, rolled 69: no: good news for "
                    "the opposition, who ordered it (Opposition network −1 did not happen)"]


def test_one_vocabulary_for_putins_purse():
    assert words.resource_label("putin") == "Kremlin credit"
    assert telling.change_text(("leverage_points", 3, 4)) == "Kremlin credit 3→4 (+1)"
    assert telling.change_text(("leverage", 3, 4)) == "Kremlin leverage 3/10→4/10 (+1)"


def test_a_card_with_options_states_its_cost_in_all(ruleset):
    card = next(c for c in ruleset.cards.values() if c.options)
    text = words.cost_text(card, card.role)
    assert "option's cost" not in text and "in all" in text


def test_every_condition_chance_and_amount_of_the_decks_reads_in_words(ruleset):
    for card in ruleset.cards.values():
        effects = [*card.effects, *(e for o in card.options for e in o.effects)]
        if card.demand is not None:
            effects += [*card.demand.comply, *card.demand.stall]
        for effect in effects:
            text = effect_words(effect.sketch())
            assert not RAW.search(text), (card.id, text)
        if card.requires is not None:
            assert not RAW.search(words.plain_expr(card.requires.text)), card.id


def test_a_chance_shows_its_value_now(ruleset):
    state = Session.load(EDITION2_SAVES[0]).state
    for card in ruleset.cards.values():
        for effect in (x for top in card.effects for x in top.walk()):
            if isinstance(effect, Roll) and effect.chance.literal is None:
                text = words.effect_text(effect, state)
                now = max(0, min(100, effect.chance.evaluate(state)))
                assert f"(chance now: {now}%)" in text, text
            if isinstance(effect, If):
                assert "(now yes" in words.effect_text(effect, state) or (
                    "(now no" in words.effect_text(effect, state))


@pytest.mark.parametrize("path", EDITION2_SAVES, ids=lambda p: p.name)
def test_the_text_retelling_has_no_raw_expression_and_names_every_prevented_effect(path):
    text = _retold(path)
    raw = RAW.findall(text)
    assert not raw, raw[:5]
    session = Session.load(path)
    count = 0
    for entry in session.state.log:
        for item in _prevented(dict(entry.data).get("trace", [])):
            assert f"{effect_words(item)}" in text, (entry.card, item)
            count += 1
    assert "did not happen" in text or not count


def test_a_stall_itemises_every_change(ruleset):
    session = Session.load(ROOT / "saves" / "edition2-uprising.json")
    answers = [e for e in session.state.log if e.kind == "answer" and e.changes]
    assert answers
    for entry in answers:
        said = telling.line(entry, session.ruleset)
        for change in entry.changes:
            assert telling.change_text(change) in said


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_debrief_itemises_what_each_card_did_and_prevented(fmt):
    from wargame.debrief import of_save
    from wargame.report import render as report
    from wargame.saves import read

    text = report(of_save(read(ROOT / "saves" / "edition2-uprising.json")), fmt)
    assert "no effect: involvement 1, needs 3" in text
    assert "Western sanctions +2 did not happen" in text
    assert "Lukashenko stalls on the demand" in text and "Sovereignty 8/10→7/10" in text
    assert "Moscow has asked again after a refusal" in text
    assert "the demand goes back to the Kremlin" in unescape(text)
