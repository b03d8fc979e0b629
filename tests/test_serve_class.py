"""`wargame serve --class NAME`: each link of a class opens one thing in a browser. The
dashboard's link shows every table in headless Chromium (driven as tests/test_serve.py
drives it); a seat's link runs that seat's `wargame join` only; a link that is not the
class's is refused. The screenshot is kept as docs/screenshots/class-dashboard-in-
chromium.png when SPRINGBOARD_SCREENSHOTS is set."""

from __future__ import annotations

import asyncio
import os
import re
import shutil

import pytest
from test_serve import ROOT, chromium_devtools, handshake, look_at, start

from wargame.cli.serve_class import commands
from wargame.klass import create_class

pytestmark = pytest.mark.xdist_group("browser")


def test_each_link_of_a_class_opens_its_own_seat(tmp_path, ruleset):
    klass = create_class("lesson", 2, ruleset, 7, bots={"putin": "easy", "lukashenko": "easy"},
                         turns=2, games_dir=tmp_path)
    _, links = commands("lesson", str(tmp_path))
    assert links[klass.dashboard][1].endswith(f"class run lesson --dir {tmp_path.resolve()}")
    seat = links[klass.tables[1].tokens["opposition"]]
    assert seat[0] == "table 2, opposition"
    assert seat[1].endswith(f"join {tmp_path.resolve() / 'lesson-2.sqlite'} --role opposition")
    assert len(links) == 1 + 2 * 2  # the dashboard, each table's seat and projector


def test_the_dashboard_in_a_browser(tmp_path, ruleset):
    klass = create_class("lesson", 3, ruleset, 7, bots={"putin": "easy", "lukashenko": "easy"},
                         turns=2, games_dir=tmp_path)
    env = {**os.environ, "WARGAME_CONFIG_DIR": str(tmp_path / "config"),
           "WARGAME_SAVE_DIR": str(tmp_path / "saves")}
    proc, port = start(["-m", "wargame", "serve", "--class", "lesson", "--dir",
                        str(tmp_path)], env)
    try:
        assert proc.stdout is not None
        printed = "".join(proc.stdout.readline() for _ in range(1 + 1 + 3 * 2))
        found = re.search(r"the dashboard\s+(\S+)", printed)
        assert found and found.group(1).endswith(f"?token={klass.dashboard}")
        url = found.group(1)

        async def scenario():
            refused = await handshake(f"http://127.0.0.1:{port}/not-a-link/ws",
                                      origin=f"http://127.0.0.1:{port}")
            async with chromium_devtools() as devtools:
                return refused, await look_at(devtools, url, "Class lesson", 60)

        refused, (text, png, _accent, classes) = asyncio.run(scenario())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert refused[0] == 403
    assert "Class lesson" in text and "3 tables" in text and "-closed" not in classes
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "dashboard-in-chromium.png").write_bytes(png)
    if os.environ.get("SPRINGBOARD_SCREENSHOTS"):
        shutil.copy(tmp_path / "dashboard-in-chromium.png",
                    ROOT / "docs" / "screenshots" / "class-dashboard-in-chromium.png")
