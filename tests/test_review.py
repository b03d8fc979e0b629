"""The game review (issue 16): a scripted blunder is flagged and the good orders around
it are not; the review is the same byte for byte however it is computed; it is cached
beside the save without touching the save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.bots import make_bot
from wargame.engine import ROLES, Order
from wargame.locations import review_cache
from wargame.review import outcomes_of, review_file
from wargame.review.analysis import MISTAKES, review_decision
from wargame.review.playouts import decisions
from wargame.review.render import render
from wargame.saves import decode
from wargame.session import Seat, Session

SEED = 11
BLUNDER_TURN = 2


def play(ruleset, folder: Path, blunder: bool) -> Path:
    """A classroom game between normal bots; with `blunder`, the opposition calls the
    uprising in the second month, its network still small: the article's gamble at its
    worst (a failed call costs most of the network, ¶21), when every other card of its
    hand keeps the game open."""
    seats = {r: Seat(r, "bot", "normal") for r in ROLES}
    session = Session.new(ruleset, SEED, seats, autosave=False)
    bots = {r: make_bot("normal", r, SEED) for r in ROLES}
    while True:
        session.advance()
        if session.over:
            break
        for i, role in enumerate(ROLES):
            if session.state.orders[i] is not None:
                continue
            v = session.view(role)
            if blunder and role == "opposition" and session.state.turn == BLUNDER_TURN:
                call = Order("opposition", "call_the_uprising")
                assert call in v.legal_orders()
                session.apply(call, "scripted blunder")
            else:
                d = bots[role].choose(v)
                session.apply(d.order, d.reason)
    return session.save(folder / f"game-{'blunder' if blunder else 'plain'}.json")


@pytest.fixture(scope="module")
def classroom(deckset):
    return deckset.ruleset("classroom")


def test_a_scripted_blunder_is_flagged_and_the_orders_around_it_are_not(classroom,
                                                                       tmp_path):
    path = play(classroom, tmp_path, blunder=True)
    raw = path.read_bytes()
    save = decode(raw, str(path))
    found, _ = decisions(save)
    # The blunder, and the opposition's orders before and after it (the normal bot's).
    which = [i for i, d in enumerate(found) if d.role == "opposition"
             and abs(d.turn - BLUNDER_TURN) <= 1]
    assert len(which) == 3
    outcomes = outcomes_of(raw, save, found, 24, which=which)
    reviewed = {(found[i].turn, found[i].role): review_decision(save.ruleset, found[i],
                                                                outcomes[i])
                for i in which}
    blunder = reviewed[BLUNDER_TURN, "opposition"]
    assert blunder.estimates[blunder.given].order.card == "call_the_uprising"
    assert blunder.verdict in MISTAKES
    assert blunder.gap_lo > 0
    best = blunder.estimates[blunder.best]
    assert best.win > blunder.estimates[blunder.given].win + 0.1
    for key, r in reviewed.items():
        if key != (BLUNDER_TURN, "opposition"):
            assert r.verdict not in MISTAKES, (key, r.verdict, r.gap)


def test_the_review_is_the_same_however_computed_and_cached_beside_the_save(classroom,
                                                                           tmp_path):
    path = play(classroom, tmp_path, blunder=False)
    before = path.read_bytes()
    one = review_file(path, budget=2, jobs=1, use_cache=False)
    two = review_file(path, budget=2, jobs=2)
    assert render(one, "json") == render(two, "json")
    cache = review_cache(path)
    assert cache.exists() and cache.name.startswith(".")
    assert path.read_bytes() == before  # the save and its digests untouched
    # From the cache: the same bytes, without a playout (a cache of another budget is
    # not used).
    seen: list[tuple[int, int]] = []
    again = review_file(path, budget=2, progress=lambda d, t: seen.append((d, t)))
    assert seen == [] and render(again, "md") == render(one, "md")
    data = json.loads(render(one, "json"))
    order = data["orders"][0]
    assert {"win", "levels"} <= set(order["alternatives"][0])
    assert order["alternatives"][0]["win"]["lo"] <= order["alternatives"][0]["win"]["p"]
    # A cache that does not fit the game is ignored and rewritten.
    cache.write_text('{"format": "springboard-review-cache", "outcomes": [[[9]]]}')
    assert render(review_file(path, budget=2), "json") == render(one, "json")


def test_the_debrief_has_the_decisions_that_mattered_and_the_class_the_hardest(classroom,
                                                                              tmp_path):
    from wargame.cli import main

    paths = [play(classroom, tmp_path, blunder=b) for b in (True, False)]
    for path in paths:
        review_file(path, budget=2)  # cached beside the save: the debrief reads it
    out = tmp_path / "report.md"
    assert main(["debrief", str(paths[0]), "-o", str(out)]) == 0
    text = out.read_text()
    assert "## Decisions that mattered" in text and "**Opposition**" in text
    assert "sampled futures" in text and "%" in text
    assert main(["debrief", *map(str, paths), "-o", str(out)]) == 0
    text = out.read_text()
    assert "The decisions the class found hardest" in text
    assert "of 2 games gave" in text
    # Not reviewed: no section, and nothing is computed.
    (tmp_path / f".{paths[1].name}.review.json").unlink()
    assert main(["debrief", str(paths[1]), "-o", str(out)]) == 0
    assert "Decisions that mattered" not in out.read_text()


def test_the_replay_viewer_reviews_in_a_worker_with_a_progress_bar(classroom, tmp_path,
                                                                    monkeypatch):
    import asyncio

    from textual.widgets import ProgressBar

    from wargame.tui.app import Replay, SpringboardApp
    from wargame.tui.screens.replay import ReplayScreen
    from wargame.tui.screens.review import ReviewHost
    from wargame.tui.settings import Settings

    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))
    path = play(classroom, tmp_path, blunder=True)
    app = SpringboardApp(Replay(Session.load(path)), save_dir=tmp_path,
                         settings=Settings(path=tmp_path / "config" / "s.json", hints=False))

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ReplayScreen) and screen.review is None
            screen.review_budget = 2
            steps: list[int] = []
            original = ReviewHost.on_review_step

            def step(self, message) -> None:
                steps.append(message.done)
                original(self, message)

            monkeypatch.setattr(ReviewHost, "on_review_step", step)
            await pilot.press("d")
            assert screen.query("#review-progress").results(ProgressBar)
            await app.workers.wait_for_complete()
            for _ in range(1000):  # the worker's last messages, on a busy machine
                if screen.review is not None and not screen.query("#review-progress"):
                    break
                await pilot.pause(0.02)
            assert screen.review is not None and not screen.query("#review-progress")
            assert steps and steps == sorted(steps)
            sealed = next(m.index for m in screen.moments if m.order is not None
                          and m.turn == BLUNDER_TURN and m.order.role == "opposition")
            screen.go(sealed)
            await pilot.pause()
            story = " ".join(str(screen.query_one("#replay-turn").content).split())
            assert "◇ review:" in story
            assert "blunder" in story or "mistake" in story

    asyncio.run(go())
    # Reopened, the viewer reads the review kept beside the save.
    screen2 = ReplayScreen(Session.load(path))
    screen2.load_cached_review()
    assert screen2.review is not None
