"""Make the class dashboard's screenshots in docs/screenshots/ again:

- class-dashboard-120x40.svg and .png: `wargame class run five` at 120x40, a class of
  five tables of the classroom scenario (bots for Putin and Lukashenko, a 3-minute
  orders timer) mid-lesson: tables 1-3 moved on by late bots to December and paused
  there, tables 4-5 waiting for the opposition's orders, to pause at the next month;
  the cards just played listed with their discussion questions (the shipped decks).
  The PNG is the SVG drawn by headless Chromium in a 1480x960 window.
- class-dashboard-in-chromium.png: the same class's dashboard served by
  `wargame serve --class five`, in headless Chromium at 1280x713 (driven as
  tests/test_serve.py drives it).

Everything is made in a temporary folder (HOME, XDG_*, WARGAME_* point into it).

    python docs/make_class_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
TMP = Path(tempfile.mkdtemp(prefix="springboard-shots-"))
for var, sub in [("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                 ("XDG_CACHE_HOME", "cache"), ("WARGAME_CONFIG_DIR", "wargame-config"),
                 ("WARGAME_SAVE_DIR", "saves"), ("WARGAME_GAMES_DIR", "games")]:
    (TMP / sub).mkdir(parents=True, exist_ok=True)
    os.environ[var] = str(TMP / sub)
GAMES = TMP / "games"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from wargame.decks import load_decks  # noqa: E402
from wargame.klass import Facilitator, create_class  # noqa: E402
from wargame.tui.dashboard import DashboardApp  # noqa: E402

NAME = "five"
SEED = int(os.environ.get("SEED", "3"))
AHEAD = [1, 2, 3]  # the tables whose teams the late bots hurry to December
MONTH = 3


def set_up():
    """The class, tables 1-3 hurried by late bots to November's orders (bots play
    Putin and Lukashenko; the opposition's team at each table is human)."""
    ruleset = load_decks(None).ruleset("classroom", None)
    klass = create_class(NAME, 5, ruleset, SEED, bots={"putin": "easy", "lukashenko": "easy"},
                         timer=180, games_dir=GAMES)
    f = Facilitator.open(klass)
    f.play_bots()
    for _ in range(40):
        behind = [n for n in AHEAD if f.sessions[n].state.turn < MONTH - 1]
        if not behind:
            break
        f.late_bots(behind, "the team is away")
        f.play_bots()
    return klass, f


async def type_text(pilot, text: str) -> None:
    for c in text:
        await pilot.press("space" if c == " " else c)


async def terminal(f: Facilitator) -> str:
    """The dashboard pauses every table (p, with a reason), then the late bots order
    November at tables 1-3, which stop before December's world event."""
    from tui_pilot import wait_for

    app = DashboardApp(f, poll=None)
    async with app.run_test(size=(120, 40)) as pilot:
        app.read_now()
        await pilot.pause()
        await pilot.press("p")
        await wait_for(pilot, lambda a: type(a.screen).__name__ == "ReasonDialog")
        await type_text(pilot, "the class discusses the draft")
        await pilot.press("enter")
        await wait_for(pilot, lambda a: type(a.screen).__name__ == "DashboardScreen")
        f.late_bots(AHEAD, "the team is away")
        app.read_now()
        app.clear_notifications()
        await pilot.pause(0.5)
        over = [n for n in f.numbers if f.sessions[n].over]
        assert not over, f"table(s) {over} finished early: try another SEED"
        assert all(f.sessions[n].state.turn == MONTH for n in AHEAD), f.seen()
        return app.export_screenshot()


def svg_to_png(svg: Path, png: Path) -> None:
    from test_serve import CHROMIUM_FLAGS, chromium

    profile = tempfile.mkdtemp(prefix="chromium-", dir=TMP)
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                    "--hide-scrollbars", "--window-size=1480,960", f"--screenshot={png}",
                    svg.as_uri()], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)


def in_chromium() -> bytes:
    from test_serve import chromium_devtools, look_at, start

    proc, _port = start(["-m", "wargame", "serve", "--class", NAME, "--dir", str(GAMES)],
                       dict(os.environ))
    try:
        printed = "".join(proc.stdout.readline() for _ in range(1 + 1 + 5 * 2))
        url = re.search(r"the dashboard\s+(\S+)", printed).group(1)

        async def scenario():
            async with chromium_devtools() as devtools:
                return await look_at(devtools, url, f"Class {NAME}", 60)

        text, png, _accent, classes = asyncio.run(scenario())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert f"Class {NAME}" in text and "-closed" not in classes, classes
    return png


def main() -> None:
    _klass, f = set_up()
    try:
        svg = asyncio.run(terminal(f))
    finally:
        f.close()
    (OUT / "class-dashboard-120x40.svg").write_text(svg)
    svg_to_png(OUT / "class-dashboard-120x40.svg", OUT / "class-dashboard-120x40.png")
    (OUT / "class-dashboard-in-chromium.png").write_bytes(in_chromium())
    shutil.rmtree(TMP, ignore_errors=True)
    print("written:", *(OUT / n for n in ["class-dashboard-120x40.svg",
                                          "class-dashboard-120x40.png",
                                          "class-dashboard-in-chromium.png"]))


if __name__ == "__main__":
    main()
