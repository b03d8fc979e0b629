"""Time to first screen: `wargame` (its title screen) against a bare Textual app with a
header, a label and a footer. Figures on stdout; not a test.

    python benchmarks/startup.py            # 15 runs of each, alternating
    python benchmarks/startup.py --runs 30

Each run is a fresh Python process that starts the app headless (80×24) and, right after
the first paint (`call_after_refresh`), prints the wall clock and exits. A run counts from
the launch of the process to that first paint: the interpreter, the imports, the app's
setup and one full render. The two apps alternate, so a busy machine slows both alike.
Target (issue 7): `wargame` no more than 30% slower than the bare app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import time

from textual.app import App
from textual.widgets import Footer, Header, Label


class Bare(App):
    def compose(self):
        yield Header()
        yield Label("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(first_paint, self)


def first_paint(app):
    print(time.time())
    app.exit()


Bare().run(headless=True, size=(80, 24))
"""

WARGAME = """
import sys
import time

import wargame.tui.app as tui


def first_paint(app):
    print(time.time())
    app.exit()


def first_paint_then_exit(app):
    app.call_after_refresh(first_paint, app)


original_on_mount = tui.SpringboardApp.on_mount


def on_mount(self):
    original_on_mount(self)
    first_paint_then_exit(self)


original_run = tui.SpringboardApp.run
tui.SpringboardApp.on_mount = on_mount
tui.SpringboardApp.run = lambda self, **kw: original_run(self, headless=True, size=(80, 24))

from wargame.cli import main

sys.exit(main([]))
"""
"""`wargame` with no arguments, as the console script runs it (`wargame.cli.main`)."""


def once(code: str, env: dict[str, str]) -> float:
    """Seconds from launching the process to its first paint (the child prints the wall
    clock then; what happens after, like shutting down, is not counted)."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT,
                         capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), WARGAME_CONFIG_DIR=str(Path(tmp) / "c"),
                   WARGAME_SAVE_DIR=str(Path(tmp) / "s"))
        once(BARE, env)  # warm the file cache and the .pyc files
        once(WARGAME, env)
        bare, game = [], []
        for _ in range(args.runs):
            bare.append(once(BARE, env))
            game.append(once(WARGAME, env))
    b, g = statistics.median(bare), statistics.median(game)
    print(f"bare Textual app (Header, Label, Footer): median {b * 1000:.0f} ms "
          f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f}) over {args.runs} runs")
    print(f"wargame title screen:                     median {g * 1000:.0f} ms "
          f"(min {min(game) * 1000:.0f}, max {max(game) * 1000:.0f}) over {args.runs} runs")
    ratio = g / b
    verdict = "OK" if ratio <= 1.30 else "TOO SLOW"
    print(f"ratio {ratio:.2f} (target: at most 1.30) {verdict}")
    return 0 if ratio <= 1.30 else 1


if __name__ == "__main__":
    sys.exit(main())
