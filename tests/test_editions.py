"""Rules editions: 0.1's saves replay as edition 1, new games name edition 2 (released
with 0.2.0; its log is data), `--edition` picks one, a save of an older draft is refused
plainly instead of diverging for no visible reason, and a save of the draft that was
released replays under the release."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from wargame import saves
from wargame.decks import load_decks
from wargame.engine import (
    EDITIONS,
    LATEST,
    ROLES,
    GameState,
    LogEntry,
    edition,
    new_game,
    run,
    state_data,
)
from wargame.engine.digest import sha256
from wargame.engine.rng import derive_stream
from wargame.saves import Divergence, SaveError, Seat, read, verify
from wargame.session import Session
from wargame.telling import KINDS, line

ROOT = Path(__file__).resolve().parent.parent
OLD_SAVES = [ROOT / "saves" / name for name in (
    "twelve-months.json", "twelve-months-branch-t6.json", "regime-falls.json", "classroom.json")]
IDENTIFIER = re.compile(r"^[a-z0-9_]+$")


@pytest.fixture(scope="module")
def ruleset():
    return load_decks(ROOT / "decks").ruleset()


def random_players(seed: int):
    def player(role):
        rng = derive_stream(seed, role)
        return lambda v: (lambda o: o[rng.below(len(o))])(v.legal_orders())
    return {r: player(r) for r in ROLES}


def bot_session(ruleset, tmp_path, seed=4, **kw) -> Session:
    session = Session.new(ruleset, seed, {r: Seat(r, "bot", "easy") for r in ROLES},
                          save_dir=tmp_path, **kw)
    session.run()
    return session


# -- the 0.1 saves ----------------------------------------------------------------------

@pytest.mark.parametrize("path", OLD_SAVES, ids=[p.stem for p in OLD_SAVES])
def test_every_save_of_0_1_is_edition_1_and_verifies(path):
    assert json.loads(path.read_text())["version"] == 1  # as 0.1 wrote it, untouched
    save = read(path)
    assert (save.edition, save.draft, save.edition_name) == (1, None, "rules edition 1")
    result = verify(path)
    assert "rules edition 1" in result.summary()
    assert all(e.text for e in result.state.log)  # edition 1 keeps its English log


def test_a_0_1_save_resumes_and_branches_under_edition_1(tmp_path):
    copy = tmp_path / "twelve-months.json"  # a branch is saved beside its parent
    copy.write_bytes((ROOT / "saves" / "twelve-months.json").read_bytes())
    session = Session.load(copy)
    child = session.branch(6)
    assert child.ruleset.edition == 1 and child.state.ruleset.edition == 1
    child.run({r: (lambda v: v.legal_orders()[0]) for r in ROLES})
    written = child.save(tmp_path / "branch.json")
    assert json.loads(written.read_text())["edition"] == {"number": 1, "draft": None}
    assert verify(written).save.edition == 1


# -- new games ------------------------------------------------------------------------

def test_new_games_are_played_under_the_newest_edition(ruleset, tmp_path):
    assert ruleset.edition == LATEST == 2
    session = bot_session(ruleset, tmp_path)
    document = json.loads(session.path.read_text())
    assert document["edition"] == {"number": 2, "draft": None}
    assert EDITIONS[2].frozen and EDITIONS[2].released == "0.2.0"
    checked = verify(session.path)
    assert "rules edition 2" in checked.summary() and "draft" not in checked.summary()


def _strings(value, out):
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            out.append(k)
            _strings(v, out)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)


def test_an_edition_2_log_holds_data_and_no_english(ruleset):
    """Every entry's words come from `wargame.telling`: the engine writes no text, and
    every string in an entry's data is a name (a card, a track, a kind) or text of the
    decks themselves (a roll's label), never a sentence of the engine's."""
    deck_text: list[str] = []
    _strings(ruleset.data, deck_text)
    from_the_decks = set(deck_text)
    kinds = set()
    for seed in range(1, 9):
        state = run(ruleset, seed, random_players(seed))
        for entry in state.log:
            kinds.add(entry.kind)
            assert entry.text == "" and entry.redacted is None, entry
            found: list[str] = []
            _strings(entry.to_data(), found)
            for text in found:
                assert IDENTIFIER.match(text) or text in from_the_decks or \
                    text.startswith("flag:") or re.match(r"^¶[0-9, ¶-]+$", text), \
                    f"{text!r} in {entry.to_data()}"
            assert line(entry, ruleset)  # and every entry reads as a sentence
    assert kinds <= set(KINDS)
    assert {"setup", "phase", "event", "effect", "reveal", "consequence", "income",
            "draw", "shuffle", "end"} <= kinds


def test_digests_cover_data_not_words(ruleset):
    state = run(ruleset, 3, random_players(3))
    data = state_data(state)
    assert data["edition"] == 2
    assert all("text" not in entry for entry in data["log"])
    assert all(e.text for e in run(ruleset, 3, random_players(3), turns=None,
                                   state=new_game(ruleset, 3, edition=1)).log)


def test_an_effect_is_logged_with_its_values_before_and_after_and_what_decided(ruleset):
    """A card's entry traces every effect: the amount and the tracks it changed, before
    and after; a condition with the values it read and whether it held, and the effects
    it kept from happening; a roll with its chance, the number rolled and what it
    decided."""
    traces = []
    for seed in range(1, 30):
        state = run(ruleset, seed, random_players(seed))
        traces += [e.get("trace") for e in state.log if e.kind == "effect"]
        rolls = [e for e in state.log if e.kind == "roll"]
        for r in rolls:
            assert {"chance", "rolled", "ok"} <= set(dict(r.data))
            assert r.roll == (r.get("rolled"), r.get("chance"))
            assert r.get("ok") == (r.get("rolled") <= r.get("chance"))
    steps = [step for trace in traces for step in trace]
    conditions = [s for s in steps if s["do"] == "if"]
    assert conditions, "some card in 29 games tests a condition"
    for c in conditions:
        assert set(c["inputs"]) and isinstance(c["holds"], bool)
        skipped = c["otherwise"] if c["holds"] else c["then"]
        assert all(s.get("prevented") for s in skipped)
        done = c["then"] if c["holds"] else c["otherwise"]
        assert all("changes" in s for s in done)
    tracks = [s for s in steps if s["do"] == "track"]
    assert tracks and all(
        isinstance(s["value"], int) and all(len(ch) == 3 for ch in s["changes"])
        for s in tracks)
    assert any(s["changes"] == [] for s in tracks) or True  # a bound may cap a change
    assert any(s["do"] == "roll" and "rolled" in s for s in steps)


def test_a_hidden_entry_shows_others_only_its_public_data(ruleset):
    state = new_game(ruleset, 5)
    draw = next(e for e in state.log if e.kind == "draw" and e.role == "putin")
    assert draw.seen_by("putin") is draw
    seen = draw.seen_by("lukashenko")
    assert seen is not None and seen.get("cards") is None and seen.get("count") == 5
    assert line(seen, ruleset) == "Putin draws 5 cards"
    assert draw.seen_by("observer").get("cards") is None


# -- choosing an edition --------------------------------------------------------------

def test_edition_1_can_still_be_chosen_for_a_new_game(ruleset, tmp_path):
    old = load_decks(ROOT / "decks").ruleset(edition=1)
    session = bot_session(old, tmp_path)
    assert all(e.text for e in session.state.log)
    assert json.loads(session.path.read_text())["edition"] == {"number": 1, "draft": None}
    assert verify(session.path).save.edition == 1
    with pytest.raises(ValueError, match="no rules edition 9"):
        load_decks(ROOT / "decks").ruleset(edition=9)
    with pytest.raises(ValueError, match="no rules edition 9"):
        new_game(ruleset, 1, edition=9)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_simulate_and_replay_take_an_edition_from_the_command_line(tmp_path):
    out = cli("simulate", "--games", "2", "--seed", "3", "--edition", "1", "--save-dir",
              str(tmp_path))
    assert out.returncode == 0, out.stderr
    games = sorted(tmp_path.glob("*.json"))
    assert games and all(read(p).edition == 1 for p in games)
    told = cli("replay", str(games[0]), "--text")
    assert told.returncode == 0 and "rules edition 1" in told.stdout
    bad = cli("play", "--edition", "7", "--watch")
    assert bad.returncode != 0 and "no rules edition 7" in bad.stderr
    assert "Traceback" not in bad.stderr


# -- drafts ---------------------------------------------------------------------------

def _changed_draft(monkeypatch, draft: int | None, **more) -> None:
    monkeypatch.setitem(EDITIONS, 2, attrs.evolve(EDITIONS[2], draft=draft, **more))


def test_a_save_of_an_older_draft_says_so_plainly(ruleset, tmp_path, monkeypatch):
    # Edition 2 is released; pretend it were still a draft, at revision 7.
    _changed_draft(monkeypatch, 7, released=None, last_draft=None)
    session = bot_session(ruleset, tmp_path)
    data = json.loads(session.path.read_text())
    assert data["edition"] == {"number": 2, "draft": 7}
    # The draft changed since (here: a different income), and its revision went up.
    from wargame.engine import rules

    _changed_draft(monkeypatch, 8, released=None, last_draft=None)
    monkeypatch.setattr(rules.Tuning, "INCOME_BASE", 2)
    monkeypatch.setattr(rules, "DEFAULT_TUNING", rules.Tuning())
    data["ruleset"]["data"]["scenario"]["tuning"].pop("INCOME_BASE")
    data["ruleset"]["digest"] = sha256(data["ruleset"]["data"])
    old = tmp_path / "old-draft.json"
    old.write_bytes(saves.encode(data))
    with pytest.raises(Divergence) as caught:
        verify(old)
    message = str(caught.value)
    assert f"draft {EDITIONS[2].draft - 1} of rules edition 2" in message
    assert f"this game has draft {EDITIONS[2].draft}" in message


def test_a_save_of_the_draft_that_was_released_replays(monkeypatch):
    """A real save of draft 6, written by the last draft before the release (a copy of
    saves/edition2-uprising.json as it was then), verifies under the released edition."""
    golden = ROOT / "tests" / "golden" / "edition2-draft6-uprising.json"
    assert json.loads(golden.read_text())["edition"] == {"number": 2, "draft": 6}
    save = read(golden)
    assert (save.edition, save.draft, save.stale_draft) == (2, 6, "")
    assert verify(golden).state.end == "fallen"
    _changed_draft(monkeypatch, None, released="0.2.0", last_draft=7)
    assert "this game has the released edition (wargame 0.2.0)" in read(
        golden).stale_draft


def test_a_save_of_an_unknown_edition_is_a_clear_error(ruleset, tmp_path):
    session = bot_session(ruleset, tmp_path)
    data = json.loads(session.path.read_text())
    data["edition"]["number"] = 7
    bad = tmp_path / "future.json"
    bad.write_bytes(saves.encode(data))
    with pytest.raises(SaveError, match=r"edition\.number: the game was played under rules "
                                        r"edition 7"):
        read(bad)
    out = cli("replay", str(bad), "--verify")
    assert out.returncode == 2 and "rules edition 7" in out.stderr
    assert "Traceback" not in out.stderr


def test_edition_lookups():
    assert edition(1).frozen and edition(1).name == "rules edition 1"
    assert edition(2).frozen and edition(2).data_log and edition(2).last_draft == 6
    assert edition(2).name == "rules edition 2"
    for bad in (0, 3, True, "2"):
        with pytest.raises(ValueError):
            edition(bad)


def test_log_entries_are_values(ruleset):
    state: GameState = new_game(ruleset, 2)
    entry: LogEntry = state.log[0]
    assert entry.get("scenario") == ruleset.scenario.id and entry.get("nothing", 5) == 5


def test_the_edition_2_examples_tell_the_stories_their_names_promise():
    saves_dir = ROOT / "saves"
    games = {p.name: verify(p) for p in sorted(saves_dir.glob("edition2-*.json"))}
    assert len(games) == 5
    assert all(g.save.edition == 2 for g in games.values())
    war = games["edition2-into-the-war.json"].state
    assert war.track("involvement") >= 4 and war.end == "time"
    fall = games["edition2-uprising.json"].state
    assert fall.end == "fallen" and any(
        e.kind == "consequence" and e.rule == "uprising" and e.get("fell") for e in fall.log)
    lesson = games["edition2-classroom.json"]
    assert lesson.save.ruleset.scenario.demands  # the classroom starts inside the crisis
    assert games["edition2-twelve-months-branch-t6.json"].save.parent.file == \
        "edition2-twelve-months.json"
    readme = (saves_dir / "README.md").read_text()
    assert all(name in readme for name in games)


@pytest.mark.parametrize("number", [1, 2])
def test_a_hosted_game_keeps_the_edition_it_was_started_under(number, tmp_path):
    from wargame.hosting import HostedSession, create

    rules = load_decks(ROOT / "decks").ruleset(edition=number)
    seats = {r: Seat(r, "bot", "easy") for r in ROLES}
    path = create(rules, 9, seats, name="ed", games_dir=tmp_path)
    hosted = HostedSession.join(path, None)
    try:
        assert hosted.ruleset.edition == number
        assert hosted.state.ruleset.edition == number
    finally:
        hosted.close()
