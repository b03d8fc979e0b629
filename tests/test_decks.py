"""The deck loader: the shipped decks load, and every kind of mistake is reported
clearly, all at once, naming the file, card and field."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.decks import DeckError, load_decks

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_decks_load(deckset):
    assert set(deckset.scenarios) >= {"october-2022"}
    for role in ("lukashenko", "putin", "opposition"):
        assert len(deckset.decks[role]) >= 5
    assert len(deckset.decks["world"]) >= 8


def test_every_card_cites_the_article_and_teaches(deckset):
    for card in deckset.cards.values():
        assert card.source and all(1 <= n <= 29 for n in card.source)
        assert card.context and card.question.endswith("?"), card.id


def test_the_scenario_starts_with_the_articles_facts(ruleset):
    from wargame.engine import new_game

    state = new_game(ruleset, 1)
    assert state.track("regulars") + state.track("staff") == 65_000  # ¶12
    assert state.track("staff") == 20_000  # ¶12
    assert state.track("support") == 9  # ¶22
    assert state.track("volunteers") == 1_500  # ¶26
    assert state.track("involvement") == 2  # ¶4: the joint group, announced 10 October
    assert state.month == "October 2022"


@pytest.fixture
def deck_copy(tmp_path):
    target = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def problems(folder) -> list[str]:
    with pytest.raises(DeckError) as info:
        load_decks(folder)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("file,old,new,expected", [
    ("putin.toml", 'id = "hold_back"', 'id = "remember_2020"',
     "card 'remember_2020', field 'id': duplicate id"),
    ("putin.toml", "source = [6, 29]", "source = [6, 31]",
     "card 'hold_back', field 'source': ¶31 is outside the article"),
    ("putin.toml", 'source = [6, 29]', 'source = "six"',
     "card 'hold_back', field 'source': must list the article's paragraphs"),
    ("putin.toml", '{ track = "alert", add = -1 },', '{ track = "alertt", add = -1 },',
     "card 'hold_back', field 'effects[1].track': unknown track 'alertt' (did you mean "
     "'alert'?)"),
    ("lukashenko.toml", 'requires = "troops_border >= 5000"', 'requires = "troops_border >>"',
     "card 'send_troops', field 'requires': unexpected '>'"),
    ("lukashenko.toml", 'requires = "troops_border >= 5000"', 'requires = "borders > 2"',
     "card 'send_troops', field 'requires': unknown name 'borders'"),
    ("putin.toml", "cost = 0\nsource = [6, 29]", "cost = \"free\"\nsource = [6, 29]",
     "card 'hold_back', field 'cost': must be a whole number, not text"),
    ("putin.toml", "cost = 0\nsource = [6, 29]", "cost = 0\ncolour = 1\nsource = [6, 29]",
     "card 'hold_back', field 'colour': unknown field"),
    ("putin.toml", 'question = "When does holding back', 'questions = "When does holding back',
     "card 'hold_back', field 'question': is missing"),
    ("opposition.toml", '{ track = "support", add = -2 },\n  { track = "unrest", add = 1 },\n]',
     '{ track = "regulars", add = -2 },\n]',
     "card 'media_from_exile', field 'effects[0].track': troop numbers (regulars) change only"),
    ("opposition.toml", 'effects = [\n  { track = "support", add = -3 },',
     'effects = [\n  { answer = "comply" },',
     "card 'anti_draft_campaign', field 'effects[0].answer': only Lukashenko's cards"),
    ("putin.toml", "[[card]]\nid = \"hold_back\"", "[[card]]\nid = \"Hold Back\"",
     "card 'Hold Back', field 'id': must be lower-case"),
    ("world.toml", 'effects = [{ track = "alert", add = 2 }]',
     'effects = [{ draw = 1 }]', "field 'effects[0].role': a world event must name the role"),
    ("putin.toml", "[card.demand]\ncomply = [\n  { flag = \"joint_command\" },",
     "[card.demand]\ncomply = [\n  { flag = \"joint_comand\" },",
     "field 'demand.comply[0].flag': unknown flag 'joint_comand'"),
    ("lukashenko.toml", '{ move = 10000, from = "minsk", to = "border" }',
     '{ move = 10000, from = "minsk", to = "moscow" }',
     "field 'option[0].effects[0].to': must be one of minsk, border, ukraine"),
    ("opposition.toml", 'roll = 50, label', 'roll = 150, label',
     "a chance is a percentage from 0 to 100"),
    ("putin.toml", "insists = true ", 'insists = "yes" ',
     "card 'demand_combat', field 'demand.insists': must be true or false"),
])
def test_a_bad_card_is_reported_with_file_line_card_and_field(deck_copy, file, old, new,
                                                              expected):
    edit(deck_copy / file, old, new)
    found = problems(deck_copy)
    assert any(expected in p and p.startswith(str(deck_copy / file) + ":") for p in found), found


def test_every_problem_is_reported_at_once(deck_copy):
    edit(deck_copy / "putin.toml", "source = [6, 29]", "source = [0]")
    edit(deck_copy / "opposition.toml", 'title = "Media from exile"', "title = 3")
    edit(deck_copy / "scenarios" / "october-2022.toml", "stability = 6", "stability = 60")
    found = problems(deck_copy)
    assert len(found) == 3
    assert any("putin.toml" in p and "¶0" in p for p in found)
    assert any("opposition.toml" in p and "'title'" in p for p in found)
    assert any("october-2022.toml" in p and "tracks.stability" in p and "0 to 10" in p
               for p in found)


def test_malformed_toml_names_the_line(deck_copy):
    path = deck_copy / "world.toml"
    path.write_text(path.read_text() + "\n[[card]\nid = 1\n")
    (found,) = problems(deck_copy)
    assert re.match(re.escape(str(path)) + r":\d+: not valid TOML: .*column", found), found


def test_a_missing_file_is_reported(deck_copy):
    (deck_copy / "world.toml").unlink()
    assert any("world.toml: file is missing" in p for p in problems(deck_copy))


def test_a_scenario_must_keep_the_troops_counted(deck_copy):
    edit(deck_copy / "scenarios" / "october-2022.toml", "troops_minsk = 45000",
         "troops_minsk = 40000")
    assert any("must add up to regulars + reservists" in p for p in problems(deck_copy))


def test_dates_and_decimals_are_refused(deck_copy):
    edit(deck_copy / "putin.toml", "cost = 0\nsource = [6, 29]", "cost = 1.5\nsource = [6, 29]")
    assert any("not a decimal number" in p for p in problems(deck_copy))


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin",
                                                   "COLUMNS": "120"})


def test_decks_check_prints_the_cards_per_role_and_exits_0():
    result = run_cli("decks", "check", str(ROOT / "decks"))
    assert result.returncode == 0, result.stderr
    for title in ("Lukashenko (the regime)", "Putin (the Kremlin)", "The opposition",
                  "The world", "Summary"):
        assert title in result.stdout
    assert "Call up reservists" in result.stdout


def test_decks_check_lists_problems_and_exits_1_without_a_traceback(deck_copy):
    edit(deck_copy / "putin.toml", "source = [6, 29]", "source = [42]")
    edit(deck_copy / "world.toml", 'role = "world"', 'role = "world"\nbogus = [')
    result = run_cli("decks", "check", str(deck_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "¶42 is outside the article" in result.stderr
    assert "world.toml" in result.stderr and "not valid TOML" in result.stderr


def test_decks_check_of_a_missing_folder_is_a_clean_error(tmp_path):
    result = run_cli("decks", "check", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr


def test_a_scenario_can_retune_the_rules_and_the_ruleset_carries_every_setting(deck_copy):
    from wargame.engine.rules import Tuning

    path = deck_copy / "scenarios" / "october-2022.toml"
    path.write_text(path.read_text() + "\n[tuning]\nGARRISON_THIN = 50000\n")
    ruleset = load_decks(deck_copy).ruleset("october-2022")
    assert ruleset.tuning.GARRISON_THIN == 50_000
    settings = ruleset.data["scenario"]["tuning"]
    assert settings == Tuning.defaults() | {"GARRISON_THIN": 50_000}
    plain = load_decks(ROOT / "decks").ruleset("october-2022")
    assert plain.data["scenario"]["tuning"] == Tuning.defaults()
    assert ruleset.digest != plain.digest


def test_the_retuned_rule_changes_the_game(deck_copy):
    from wargame.engine import Advance, Order, advance, apply, new_game

    path = deck_copy / "scenarios" / "october-2022.toml"
    path.write_text(path.read_text() + "\n[tuning]\nGARRISON_THIN = 50000\n")
    ruleset = load_decks(deck_copy).ruleset("october-2022")
    state = advance(new_game(ruleset, 5, edition=1))  # GARRISON_THIN is edition 1's
    for role in ("putin", "lukashenko", "opposition"):
        state = apply(state, Order(role, "pass"))
    state = apply(apply(state, Advance()), Advance())
    assert "garrison_thin" in state.flags  # 45,000 in Minsk is thin under 50,000


def test_unknown_rule_settings_are_refused(deck_copy):
    path = deck_copy / "scenarios" / "october-2022.toml"
    path.write_text(path.read_text() + "\n[tuning]\nGARRISON_THINN = 1\nWEAK_ECONOMY = \"x\"\n")
    found = problems(deck_copy)
    assert any("field 'tuning.GARRISON_THINN': unknown rule setting" in p for p in found)
    assert any("field 'tuning.WEAK_ECONOMY': must be a whole number" in p for p in found)
