"""Graded results: each role's final margin read as a level (decisive or marginal win or
loss), in words with why (from the parts of its margin), in the save's final block, the
after-action report, the class summary and `wargame replay --text`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve
from helpers import random_game

from wargame import saves, telling
from wargame.cli import main
from wargame.debrief import analyse
from wargame.engine import OVER, ROLES, new_game
from wargame.engine.rules import GRADES, grades, margins
from wargame.engine.tracks import TRACK_INDEX
from wargame.report import render, render_many, summarise
from wargame.saves import SaveError, Seat
from wargame.session import Session
from wargame.telling import GRADE_WORDS, result_line, result_reading, result_text

ROOT = Path(__file__).resolve().parent.parent
HUMANS = {r: Seat(r) for r in ROLES}


def board(base=None, **values: int) -> tuple[int, ...]:
    """The October 2022 opening board (or `base`) with some tracks set."""
    tracks = list(base if base is not None else new_game(_ruleset(), 1).tracks)
    for name, value in values.items():
        tracks[TRACK_INDEX[name]] = value
    return tuple(tracks)


_RULESET: list = []


def _ruleset():
    if not _RULESET:
        from wargame.decks import load_decks

        _RULESET.append(load_decks(ROOT / "decks").ruleset())
    return _RULESET[0]


HISTORICAL = dict(stability=5, sovereignty=2, involvement=2, defections=2, network=2)
"""The regime survived and stayed out of combat but gave up sovereignty."""
FALLEN = frozenset({"regime_fallen"})


# -- the words -----------------------------------------------------------------------


def test_every_level_has_its_words():
    assert tuple(GRADE_WORDS) == GRADES
    assert [result_text("lukashenko", g) for g in GRADES] == [
        "decisive loss", "marginal loss", "marginal win", "decisive win"]


@pytest.mark.parametrize(("margin", "words"), [
    (10, "decisive win"), (2, "decisive win"), (1, "marginal win"), (0, "marginal win"),
    (-1, "marginal loss"), (-2, "marginal loss"), (-3, "decisive loss"),
    (-10, "decisive loss")])
def test_a_margin_reads_as_its_level(margin, words):
    for role in ROLES:
        assert result_text(role, margin) == words


def test_an_unknown_role_or_level_is_refused():
    with pytest.raises(KeyError):
        result_text("lukashenka", 1)
    with pytest.raises(KeyError):
        result_text("putin", "win")


def test_the_historical_line_is_a_marginal_loss_that_says_what_fell_short():
    tracks = board(**HISTORICAL)
    assert grades(tracks, set()) == {"lukashenko": "marginal_loss",
                                     "putin": "marginal_loss",
                                     "opposition": "decisive_loss"}
    assert result_line("lukashenko", tracks, set()) == (
        "marginal loss (−1): survived and stayed out of combat, but sovereignty fell to 2")
    assert result_line("putin", tracks, set()) == (
        "marginal loss (−1): Belarus is neither at war (involvement 2) nor absorbed "
        "(sovereignty 2)")
    assert result_line("opposition", tracks, set()) == (
        "decisive loss (−8): the regime stands: defections 2 + network 2 = 4 of the 12 "
        "needed")


def test_a_fallen_regime_is_decisive_for_everyone_and_reads_differently():
    tracks = board(**HISTORICAL)
    assert grades(tracks, FALLEN) == {"lukashenko": "decisive_loss",
                                      "putin": "decisive_loss",
                                      "opposition": "decisive_win"}
    for role in ROLES:
        assert result_reading(role, tracks, FALLEN) == "the regime fell"
    assert result_line("lukashenko", tracks, FALLEN) == "decisive loss (−10): the regime fell"
    assert result_line("opposition", tracks, FALLEN) == "decisive win (+10): the regime fell"
    assert result_line("lukashenko", tracks, set()) != result_line("lukashenko", tracks,
                                                                   FALLEN)


@pytest.mark.parametrize(("values", "role", "line"), [
    (dict(stability=6, sovereignty=5, involvement=2), "lukashenko",
     "marginal win (+1): survived, stayed out of combat (involvement 2) and kept its "
     "sovereignty"),
    (dict(stability=6, sovereignty=5, involvement=1), "lukashenko",
     "decisive win (+2): survived, stayed out of combat (involvement 1) and kept "
     "sovereignty at 5"),
    (dict(stability=3, sovereignty=5, involvement=0), "lukashenko",
     "marginal win (0): survived with stability 3, stayed out of combat and kept its "
     "sovereignty"),
    (dict(stability=2, sovereignty=4, involvement=4), "lukashenko",
     "marginal loss (−1): survived and kept its sovereignty, but stability fell to 2 and "
     "Belarus was drawn into the war (involvement 4)"),
    (dict(stability=6, sovereignty=0, involvement=5), "lukashenko",
     "decisive loss (−3): survived, but Belarus was drawn into the war (involvement 5) and "
     "sovereignty fell to 0"),
    (dict(stability=6, sovereignty=5, involvement=4), "putin",
     "marginal win (0): drew Belarus into the war (involvement 4), with the regime "
     "standing"),
    (dict(stability=3, sovereignty=1, involvement=4), "putin",
     "marginal win (0): drew Belarus into the war (involvement 4) and absorbed Minsk "
     "(sovereignty 1), with the regime standing (stability 3)"),
    (dict(stability=2, sovereignty=0, involvement=2), "putin",
     "marginal loss (−1): absorbed Minsk (sovereignty 0), but the regime is tottering "
     "(stability 2)"),
    (dict(stability=1, sovereignty=5, involvement=2), "putin",
     "marginal loss (−2): Belarus is neither at war (involvement 2) nor absorbed "
     "(sovereignty 5), and the regime is tottering (stability 1)"),
    (dict(defections=6, network=8), "opposition",
     "decisive win (+2): the regime stands, but hollowed out: defections 6 + network 8 = "
     "14 (12 needed)"),
])
def test_each_reading_names_what_held_and_what_fell_short(values, role, line):
    assert result_line(role, board(**values), set()) == line


def test_every_board_has_a_reading_that_agrees_with_its_margin():
    """Over a grid of boards: a reading for every role, whose named shortfalls are
    exactly the parts of the margin below zero."""
    for stability in range(1, 11, 3):
        for sovereignty in range(0, 11, 2):
            for involvement in range(0, 6):
                tracks = board(stability=stability, sovereignty=sovereignty,
                               involvement=involvement)
                m = margins(tracks, set())
                for role in ROLES:
                    line = result_line(role, tracks, set())
                    assert line.startswith(result_text(role, m[role]))
                    assert result_reading(role, tracks, set())
                reading = result_reading("lukashenko", tracks, set())
                assert ("stability fell" in reading) == (stability < 3)
                assert ("sovereignty fell" in reading) == (sovereignty < 3)
                assert ("drawn into the war" in reading) == (involvement > 3)
                assert (", but " in reading) == (m["lukashenko"] < 0)


def test_a_margin_the_readings_were_not_written_for_leaves_the_reading_out(monkeypatch):
    monkeypatch.setattr(telling, "margins",
                        lambda tracks, flags, edition=1: {r: 5 for r in ROLES})
    tracks = board(**HISTORICAL)
    assert result_reading("lukashenko", tracks, set()) == ""
    assert result_line("lukashenko", tracks, set()) == "decisive win (+5)"


# -- the save ------------------------------------------------------------------------


def finished_session(ruleset, seed=7) -> Session:
    _, actions = random_game(ruleset, seed, [3, 1, 4, 1, 5, 9, 2, 6])
    session = Session.new(ruleset, seed, HUMANS, autosave=False)
    for action in actions:
        session.apply(action)
    assert session.state.phase == OVER
    return session


def test_a_finished_game_saves_its_levels_and_reads_them_back(ruleset, tmp_path):
    session = finished_session(ruleset)
    expected = grades(session.state.tracks, session.state.flags)
    path = session.save(tmp_path / "a.json")
    data = json.loads(path.read_text())
    assert data["final"]["grades"] == expected
    assert list(data["final"]["grades"]) == list(ROLES)
    save = saves.read(path)
    assert dict(save.final.grades) == expected
    assert saves.verify(path).save.final == save.final
    assert Session.load(path).save(tmp_path / "b.json").read_bytes() == path.read_bytes()


def test_a_game_in_progress_saves_no_levels(ruleset, tmp_path):
    _, actions = random_game(ruleset, 8, [2, 7, 1, 8])
    session = Session.new(ruleset, 8, HUMANS, autosave=False)
    for action in actions[:20]:
        session.apply(action)
    path = session.save(tmp_path / "a.json")
    assert "grades" not in json.loads(path.read_text())["final"]
    assert saves.read(path).final.grades == {}


def test_a_save_without_levels_still_loads(ruleset, tmp_path):
    """Format-2 saves written before the levels (and 0.1 saves) have none: optional."""
    session = finished_session(ruleset)
    data = session.document()
    del data["final"]["grades"]
    path = tmp_path / "old.json"
    path.write_bytes(saves.encode(data))
    save = saves.read(path)
    assert save.final.grades == {}
    saves.replay(save)
    assert "grades" not in save.final.to_data()


@pytest.mark.parametrize(("value", "expected"), [
    ({"lukashenko": "win", "putin": "marginal_win", "opposition": "decisive_loss"},
     "final.grades.lukashenko: must be one of decisive_loss, marginal_loss, "
     "marginal_win, decisive_win, not 'win'"),
    ({"lukashenko": "marginal_win", "putin": "marginal_win"},
     "final.grades: the field 'opposition' is missing"),
    ({"lukashenko": "marginal_win", "putin": "marginal_win",
      "opposition": "decisive_loss", "umpire": "decisive_win"},
     "final.grades: unknown field 'umpire'"),
    (["marginal_win"], "final.grades: must be an object, not a list"),
    ({"lukashenko": 2, "putin": "marginal_win", "opposition": "decisive_loss"},
     "final.grades.lukashenko: must be one of"),
])
def test_bad_levels_are_named(ruleset, tmp_path, value, expected):
    data = finished_session(ruleset).document()
    data["final"]["grades"] = value
    path = tmp_path / "bad.json"
    path.write_bytes(saves.encode(data))
    with pytest.raises(SaveError) as info:
        saves.read(path)
    assert expected in str(info.value)


def test_a_game_in_progress_with_levels_is_refused(ruleset, tmp_path):
    _, actions = random_game(ruleset, 8, [2, 7, 1, 8])
    session = Session.new(ruleset, 8, HUMANS, autosave=False)
    for action in actions[:20]:
        session.apply(action)
    data = session.document()
    data["final"]["grades"] = {r: "marginal_win" for r in ROLES}
    path = tmp_path / "bad.json"
    path.write_bytes(saves.encode(data))
    with pytest.raises(SaveError, match="a game in progress has no result levels"):
        saves.read(path)


def test_the_levels_are_in_no_digest(ruleset, tmp_path):
    """They are read from the board for a quick look: a save whose levels were graded
    otherwise (by another version's thresholds, say) still verifies."""
    session = finished_session(ruleset)
    data = session.document()
    data["final"]["grades"] = {r: "decisive_win" for r in ROLES}
    path = tmp_path / "regraded.json"
    path.write_bytes(saves.encode(data))
    verified = saves.verify(path)
    assert dict(verified.save.final.grades) == {r: "decisive_win" for r in ROLES}
    assert verified.save.final.digest == saves.final_of(session.state,
                                                        len(session.record)).digest


# -- the report and the class summary ------------------------------------------------


@pytest.fixture(scope="module")
def played(ruleset):
    session = finished_session(ruleset, seed=11)
    return analyse(ruleset, session.seed, [r.action for r in session.record],
                   seats={r: "human" for r in ROLES})


def ended_on(d, flags=frozenset(), **values):
    """The debrief `d` as if its game had ended on a board with these tracks."""
    tracks = board(d.final.tracks, **values)
    m = margins(tracks, flags)
    final = evolve(d.final, tracks=tracks, flags=frozenset(flags), phase=OVER,
                   winners=tuple(r for r in ROLES if m[r] >= 0),
                   end="fallen" if "regime_fallen" in flags else "time")
    return evolve(d, final=final)


def test_the_report_names_each_roles_level_and_why(played):
    d = ended_on(played, **HISTORICAL)
    md = render(d, "md")
    outcome = md.split("## Outcome")[1].split("## Turning points")[0]
    assert "| role | result | final margin | won |" in outcome
    assert "| Lukashenko | marginal loss | -1 | no |" in outcome
    assert "| Putin | marginal loss | -1 | no |" in outcome
    assert "| Opposition | decisive loss | -8 | no |" in outcome
    assert ("◆ **Lukashenko**, marginal loss: survived and stayed out of combat, but "
            "sovereignty fell to 2.") in outcome
    assert "A marginal result is a question for the debrief" in outcome
    html = render(d, "html")
    assert "<th>Result</th>" in html
    assert ("<td>Lukashenko</td><td>marginal loss</td><td>-1</td><td>no</td>"
            "<td>survived and stayed out of combat, but sovereignty fell to 2</td>") in html
    data = json.loads(render(d, "json"))
    assert data["outcome"]["grades"] == {"lukashenko": "marginal_loss",
                                         "putin": "marginal_loss",
                                         "opposition": "decisive_loss"}
    assert data["outcome"]["readings"]["lukashenko"] == (
        "survived and stayed out of combat, but sovereignty fell to 2")


def test_a_fallen_regime_reads_differently_in_the_report(played):
    survived, fell = ended_on(played, **HISTORICAL), ended_on(played, FALLEN, **HISTORICAL)
    md = render(fell, "md")
    assert "| Lukashenko | decisive loss | -10 | no |" in md
    assert "| Opposition | decisive win | +10 | yes |" in md
    assert "◆ **Lukashenko**, decisive loss: the regime fell." in md
    assert "A marginal result is a question" not in md
    assert json.loads(render(fell, "json"))["outcome"]["grades"] == {
        "lukashenko": "decisive_loss", "putin": "decisive_loss",
        "opposition": "decisive_win"}
    assert render(survived, "md") != md


def test_a_game_in_progress_has_no_levels_in_its_report(ruleset):
    _, actions = random_game(ruleset, 8, [2, 7, 1, 8])
    d = analyse(ruleset, 8, actions[:20])
    assert not d.final.over and d.final_grades() == {}
    assert "| Lukashenko | — |" in render(d, "md")
    outcome = json.loads(render(d, "json"))["outcome"]
    assert outcome["grades"] is None and outcome["readings"] is None


def test_the_class_summary_counts_the_levels_per_role(played, ruleset):
    _, actions = random_game(ruleset, 8, [2, 7, 1, 8])
    unfinished = analyse(ruleset, 8, actions[:20])
    games = [ended_on(played, **HISTORICAL), ended_on(played, **HISTORICAL),
             ended_on(played, FALLEN), ended_on(played, stability=6, sovereignty=5,
                                                involvement=1, defections=1, network=2),
             unfinished]
    s = summarise(games)
    assert s["grades"] == {
        "lukashenko": {"decisive_win": 1, "marginal_win": 0, "marginal_loss": 2,
                       "decisive_loss": 1},
        # Edition 2: involvement 1 is two rungs short of troops massed (rung 3), a
        # marginal loss; a fallen regime is decisive.
        "putin": {"decisive_win": 0, "marginal_win": 0, "marginal_loss": 3,
                  "decisive_loss": 1},
        "opposition": {"decisive_win": 1, "marginal_win": 0, "marginal_loss": 0,
                       "decisive_loss": 3}}
    assert s["unfinished"] == 1
    assert s["wins"]["lukashenko"] == 1 and s["wins"]["opposition"] == 1
    assert [g["grades"] and g["grades"]["lukashenko"] for g in s["games_detail"]] == [
        "marginal_loss", "marginal_loss", "decisive_loss", "decisive_win", None]
    md = render_many(games, "md")
    assert "| role | decisive win | marginal win | marginal loss | decisive loss |" in md
    assert "| Lukashenko | 1 | 0 | 2 | 1 |" in md
    assert "| Putin | 0 | 0 | 3 | 1 |" in md
    assert "| Opposition | 1 | 0 | 0 | 3 |" in md
    assert "over the 4 finished games" in md and "1 unfinished game is not counted" in md
    assert "◆ marginal loss, ■ marginal loss, ● decisive loss |" in md
    assert "| not over |" in md
    html = render_many(games, "html")
    assert "<h2>Result levels</h2>" in html
    assert ("<tr><td>Lukashenko</td><td>1</td><td>0</td><td>2</td><td>1</td></tr>"
            in html)
    assert json.loads(render_many(games, "json"))["grades"] == s["grades"]


# -- wargame replay --text -----------------------------------------------------------


def test_the_retelling_ends_with_every_roles_result(ruleset, tmp_path, capsys):
    session = finished_session(ruleset)
    path = session.save(tmp_path / "a.json")
    assert main(["replay", str(path), "--text"]) == 0
    out = capsys.readouterr().out
    results = out.split("Results")[1]
    state = session.state
    for role in ROLES:
        line = result_line(role, state.tracks, state.flags)
        assert " ".join(line.split()) in " ".join(results.split())


def test_the_retelling_of_a_fallen_regime(capsys):
    assert main(["replay", str(ROOT / "saves" / "regime-falls.json"), "--text"]) == 0
    results = " ".join(capsys.readouterr().out.split("Results")[1].split())
    assert "◆ Lukashenko: decisive loss (−10): the regime fell" in results
    assert "● Opposition: decisive win (+10): the regime fell" in results
