"""`wargame serve`: the game in a web browser. A real server on a free localhost port,
opened in headless Chromium driven over the DevTools protocol: the page's terminal
(xterm.js, drawn on a canvas) must receive the title screen over its websocket and
draw it, which the screenshot shows. The same check on a page whose app never starts
must fail, so the check can tell."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wargame.cli.serve import command, is_local, public_url

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
TITLE_TEXT = "Will Belarus be drawn into the war in Ukraine"
FINISHED = ROOT / "saves" / "edition2-twelve-months.json"
ACCENT = (0xF0, 0xA8, 0x48)  # the dark theme's accent: the logo and the menu's keys

pytestmark = pytest.mark.xdist_group("browser")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed for this test: .ci/run installs it (apt-get install chromium)"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped: {proc.communicate()}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


def start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, *args, "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_port(port, proc)
    return proc, port


def served(proc: subprocess.Popen) -> str:
    """The address `wargame serve` printed (with its token)."""
    for _ in range(10):
        line = proc.stdout.readline()
        found = re.search(r"served on (\S+)", line)
        if found:
            return found.group(1)
    raise AssertionError("no address printed")


# -- a small DevTools protocol client ---------------------------------------------------


COUNT_ACCENT = """
(async () => {
  const img = new Image();
  img.src = "data:image/png;base64,%s";
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let n = 0, xs = 0, ys = 0, low = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - %d) < 24 && Math.abs(d[i + 1] - %d) < 24 && Math.abs(d[i + 2] - %d) < 24) {
      const p = i / 4, y = Math.floor(p / c.width); n++; xs += p %% c.width; ys += y;
      if (y > 0.9 * c.height) low++;
    }
  }
  return JSON.stringify({n: n, x: n ? xs / n / c.width : 0, y: n ? ys / n / c.height : 0,
                         low: low});
})()
"""


class Page:
    """One tab of headless Chromium: navigate, read what its websockets received,
    evaluate, screenshot."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.frames = bytearray()
        self.pending: dict[int, asyncio.Future] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = message.json()
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                response = data["params"]["response"]
                payload = response["payloadData"]
                self.frames += (base64.b64decode(payload) if response["opcode"] == 2
                                else payload.encode())

    async def send(self, method: str, **params) -> dict:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, reply
        return reply["result"]

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression,
                                 awaitPromise=True, returnByValue=True)
        return result["result"].get("value")

    def text(self) -> str:
        """What the page's terminal was sent, without the escape sequences."""
        raw = re.sub(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]", b"",
                     bytes(self.frames))
        return raw.decode("utf-8", "replace")

    async def screenshot(self) -> bytes:
        shot = await self.send("Page.captureScreenshot", format="png")
        return base64.b64decode(shot["data"])

    async def accent(self, png: bytes) -> dict:
        """How many pixels of the screenshot are in the game's accent colour, where
        their centre is (as fractions of the width and height), and how many are in its
        bottom tenth (`low`: the footer's keys)."""
        import json

        script = COUNT_ACCENT % (base64.b64encode(png).decode(), *ACCENT)
        return json.loads(await self.evaluate(script))


@contextlib.asynccontextmanager
async def chromium_devtools():
    """A headless Chromium for the test; yields its DevTools port."""
    profile = tempfile.mkdtemp(prefix="chromium-")
    browser = subprocess.Popen([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                "--remote-debugging-port=0", "--window-size=1280,800",
                                "about:blank"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        active = Path(profile) / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not (active.exists() and active.read_text().strip()):
            assert time.monotonic() < end and browser.poll() is None, "Chromium did not start"
            await asyncio.sleep(0.05)
        yield int(active.read_text().split()[0])
    finally:
        browser.terminate()
        browser.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def logo_drawn(accent: dict) -> bool:
    return accent["n"] > 2000


def footer_drawn(accent: dict) -> bool:
    return logo_drawn(accent) and accent["low"] > 50


async def look_at(devtools: int, url: str, expect: str, timeout: float,
                  drawn: Callable[[dict], bool] = logo_drawn) -> tuple[str, bytes, dict, str]:
    """Open `url` in a new tab; wait until its terminal was sent `expect` and has drawn
    it, as `drawn` tells from the accent pixels (or the session ended, or `timeout`).
    Returns the text the terminal received, a screenshot, the accent pixels in it and
    the page body's classes."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        # A window of its own: a background tab may not draw (nor take a screenshot).
        async with http.get(f"http://127.0.0.1:{devtools}/json/version") as reply:
            endpoint = (await reply.json(content_type=None))["webSocketDebuggerUrl"]
        async with http.ws_connect(endpoint, max_msg_size=0) as ws:
            browser = Page(ws)
            made = await browser.send("Target.createTarget", url="about:blank",
                                      newWindow=True)
            browser.reader.cancel()
        page_url = f"ws://127.0.0.1:{devtools}/devtools/page/{made['targetId']}"
        async with http.ws_connect(page_url, max_msg_size=0) as ws:
            page = Page(ws)
            await page.send("Page.bringToFront")
            await page.send("Network.enable")
            await page.send("Page.enable")
            await page.send("Page.navigate", url=url)
            end = time.monotonic() + timeout
            png, accent, classes = b"", {"n": 0}, ""
            while time.monotonic() < end:
                await asyncio.sleep(0.25)
                classes = await page.evaluate("document.body.className") or ""
                if "-closed" in classes:
                    break
                if expect in page.text():
                    png = await page.screenshot()
                    accent = await page.accent(png)
                    if drawn(accent):  # drawn, not only received
                        break
            if not png:
                png = await page.screenshot()
                accent = await page.accent(png)
            page.reader.cancel()
            return page.text(), png, accent, classes


# -- the tests -----------------------------------------------------------------------------


def test_the_title_screen_plays_in_a_browser(tmp_path, ruleset):
    env = {**os.environ, "WARGAME_CONFIG_DIR": str(tmp_path / "config"),
           "WARGAME_SAVE_DIR": str(tmp_path / "saves")}
    from wargame.hosting import create
    from wargame.saves import Seat

    create(ruleset, 3, {r: Seat(r) for r in ("lukashenko", "putin", "opposition")},
           turns=2, games_dir=tmp_path, name="lesson")
    # A finished game to resume: the menu's longest note ('September 2023, turn 12 of
    # 12 (over: opens its replay)'), which wrapped back to the entry's first column.
    (tmp_path / "saves").mkdir()
    shutil.copy(FINISHED, tmp_path / "saves")
    servers = []
    try:
        servers.append(start(["-m", "wargame", "serve"], env))
        servers.append(start(["-m", "wargame", "serve", "--game", "lesson", "--dir",
                              str(tmp_path)], env))
        # The same page, serving an app that ends at once: the check must fail there.
        servers.append(start(["-c", "import sys; from textual_serve.server import Server; "
                              "Server(sys.executable + ' -c pass', port=int(sys.argv[2]))"
                              ".serve()"], env))
        urls = [served(servers[0][0]), served(servers[1][0]),
                f"http://127.0.0.1:{servers[2][1]}/"]
        assert all("?token=" in url for url in urls[:2])

        async def scenario():
            async with chromium_devtools() as devtools:
                return await asyncio.gather(*(
                    look_at(devtools, url, expect, timeout, drawn)
                    for url, expect, timeout, drawn in zip(
                        urls, [TITLE_TEXT, "Join the game 'lesson'", TITLE_TEXT],
                        [40, 40, 4], [footer_drawn, logo_drawn, logo_drawn],
                        strict=True)))

        title, joining, broken = asyncio.run(scenario())
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=30)
    text, png, accent, classes = title
    (tmp_path / "title-in-chromium.png").write_bytes(png)
    assert TITLE_TEXT in text and "New game" in text and "Resume the last game" in text
    assert "opens its" in text and "replay)" in text
    assert "-first-byte" in classes and "-closed" not in classes
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # The logo and the menu's keys are drawn in the accent colour, centred, in the top half.
    assert accent["n"] > 2000, accent
    assert 0.35 < accent["x"] < 0.65 and accent["y"] < 0.6, accent
    # The footer's keys are drawn on the terminal's last row, inside the window, before
    # anyone clicks in the page (issue 14, item 9: the app starts without the focus and
    # Textual's footer stayed an empty strip until it had it).
    assert "Open save" in text and "palette" in text
    assert accent["low"] > 50, accent
    # A tab of `wargame serve --game`: the seats of the hosted game to choose from.
    text = joining[0]
    (tmp_path / "join-in-chromium.png").write_bytes(joining[1])
    assert "Join the game 'lesson'" in text and "Watch the board" in text
    assert "Putin (the Kremlin)" in text and "The opposition" in text
    # The control: no title text was sent, nothing in the accent colour was drawn.
    text, _, accent, classes = broken
    assert TITLE_TEXT not in text and accent["n"] < 200, (accent, classes)


def test_a_network_address_prints_what_exposing_the_game_means(tmp_path):
    # 192.0.2.1 is reserved for documentation: this machine cannot listen there, so the
    # warning is printed, then a clean error, and nothing is exposed.
    proc = subprocess.run([sys.executable, "-m", "wargame", "serve", "--host", "192.0.2.1",
                           "--port", str(free_port())], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert "WARNING" in proc.stderr and "the only password" in proc.stderr
    assert "trust" in proc.stderr and "SSH tunnel" in proc.stderr
    assert "cannot serve on 192.0.2.1" in proc.stderr and "Traceback" not in proc.stderr


def test_localhost_is_quiet_and_the_served_command_is_this_python():
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5")
    assert "0.0.0.0" not in public_url("0.0.0.0", 8000)
    assert public_url("192.168.1.5", 80) == "http://192.168.1.5:80"
    assert command(None).split() == [sys.executable, "-m", "wargame"]
    assert command("/tmp/my games/g.sqlite").endswith("join '/tmp/my games/g.sqlite'")


# -- only the game's own page, with the run's token (issue 15, 3) --------------------------


async def handshake(url: str, origin: str | None = None,
                    host: str | None = None) -> tuple[int | str, bytes]:
    """Open a WebSocket as a page (or a script) would: 'open' and the first bytes the
    game sent, or the HTTP status that refused it."""
    import aiohttp

    headers = {"Host": host} if host else {}
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url, origin=origin, headers=headers,
                                       max_msg_size=0) as ws:
                received = b""
                end = time.monotonic() + 60
                while len(received) < 200 and time.monotonic() < end:
                    message = await ws.receive(timeout=60)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received += message.data
                    elif message.type == aiohttp.WSMsgType.TEXT:
                        received += message.data.encode()
                    else:
                        break
                return "open", received
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status, b""


async def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    import aiohttp

    async with aiohttp.ClientSession() as http, http.get(
            url, headers={"Host": host} if host else {}) as reply:
        return reply.status, await reply.text()


def test_only_the_games_own_page_with_the_token_drives_a_game(tmp_path):
    env = {**os.environ, "WARGAME_CONFIG_DIR": str(tmp_path / "config"),
           "WARGAME_SAVE_DIR": str(tmp_path / "saves")}
    proc, port = start(["-m", "wargame", "serve"], env)
    try:
        url = served(proc)
        secret = url.split("?token=")[1]
        assert len(secret) >= 20 and url == f"http://127.0.0.1:{port}/?token={secret}"
        own = f"http://127.0.0.1:{port}"
        socket_url = f"ws://127.0.0.1:{port}/{secret}/ws?width=80&height=24"

        async def scenario():
            page = await fetch(url)
            no_token = await fetch(f"{own}/")
            wrong_token = await fetch(f"{own}/?token=x{secret}")
            rebound = await fetch(url, host=f"evil.example:{port}")  # DNS rebinding
            evil = await handshake(socket_url, origin="http://evil.example")
            no_origin = await handshake(socket_url)
            guessed = await handshake(f"ws://127.0.0.1:{port}/ws?width=80&height=24",
                                      origin=own)
            right = await handshake(socket_url, origin=own)
            return page, no_token, wrong_token, rebound, evil, no_origin, guessed, right

        page, no_token, wrong_token, rebound, evil, no_origin, guessed, right = \
            asyncio.run(scenario())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert page[0] == 200 and f"/{secret}/ws" in page[1]
    assert no_token[0] == wrong_token[0] == 403 and secret not in no_token[1]
    assert rebound[0] == 403
    assert evil == (403, b"") and no_origin == (403, b"")  # refused before any game starts
    assert guessed[0] in (403, 404)
    assert right[0] == "open" and right[1], "the game's own page got nothing"


# -- what the browser showed, in the pilot (issue 14, item 9) -----------------------------


def blurred_app(tmp_path: Path):
    """The app as `wargame serve` runs it: textual-serve's web driver tells it at once
    that it does not have the focus (the page does not focus its terminal)."""
    from textual import events

    from wargame.tui.app import SpringboardApp
    from wargame.tui.settings import Settings

    class Served(SpringboardApp):
        def on_load(self) -> None:
            self.call_later(self.post_message, events.AppBlur())

    return Served(save_dir=tmp_path / "saves",
                  settings=Settings(path=tmp_path / "s.json", hints=False))


def test_the_footer_shows_its_keys_before_the_app_has_the_focus(tmp_path, monkeypatch):
    from tui_pilot import screen_text, wait_for

    monkeypatch.setenv("WARGAME_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "saves").mkdir()
    shutil.copy(FINISHED, tmp_path / "saves")

    async def scenario():
        app = blurred_app(tmp_path)
        async with app.run_test(size=(142, 39)) as pilot:
            await wait_for(pilot, lambda a: "opens its" in screen_text(a))
            await wait_for(pilot, lambda a: "palette" in screen_text(a))
            assert not app.app_focus
            lines = screen_text(app).splitlines()
            footer = lines[-1]
            assert "n New game" in footer and "o Open save" in footer and "f1 Help" in footer
            # The last game's note goes on under its indent, not at the entry's first
            # column: 'replay)' wrapped back to it.
            note = next(i for i, line in enumerate(lines) if "opens its" in line)
            first, second = lines[note], lines[note + 1]
            indent = first.index("September 2023")
            assert second.index("replay)") == indent, (first, second)

    asyncio.run(scenario())
