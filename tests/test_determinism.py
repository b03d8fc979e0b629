"""The same seed and choices give the same states in any process, under any
PYTHONHASHSEED, on any supported Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from wargame.decks import load_decks
from wargame.engine import run, digest, ROLES
from wargame.engine.rng import derive_stream

ruleset = load_decks(sys.argv[1]).ruleset()
def chooser(role):
    rng = derive_stream(2024, role)
    return lambda v: (lambda opts: opts[rng.below(len(opts))])(v.legal_orders())
digests = []
for seed in (1, 2, 3):
    actions = []
    state = run(ruleset, seed, {r: chooser(r) for r in ROLES}, record=actions)
    digests.append(digest(state))
print(" ".join(digests))
"""


BOTS = """
import sys
from wargame.bots import make_bot
from wargame.decks import load_decks
from wargame.engine import ROLES, apply, digest, new_game, view
from wargame.engine.headless import advance
from wargame.simulate import play_game

# Normal bots (floats, and the forecasts they remember across games) and a hard bot
# (quiet playouts) must choose alike under any hash seed and on any supported Python.
ruleset = load_decks(sys.argv[1]).ruleset()
out = [digest(play_game(ruleset, seed, dict.fromkeys(ROLES, "normal"))) for seed in (4, 5)]
state = advance(new_game(ruleset, 6))
for role in ROLES:
    decision = make_bot("hard", role, 6, playouts=12).choose(view(state, role))
    out.append(decision.reason)
    state = apply(state, decision.order)
out.append(digest(advance(state)))
print(" | ".join(out))
"""


def digests_under(hashseed: str, python: str = sys.executable, path: str = "",
                  script: str = SCRIPT) -> str:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), path) if p)
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONPATH": pythonpath}
    out = subprocess.run([python, "-c", script, str(ROOT / "decks")], env=env,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_digests_match_across_processes_and_hash_seeds():
    first = digests_under("0")
    assert len(first.split()) == 3
    assert digests_under("1") == first
    assert digests_under("random") == first


def test_bots_choose_alike_across_processes_and_hash_seeds():
    first = digests_under("0", script=BOTS)
    assert len(first.split(" | ")) == 6
    assert digests_under("1", script=BOTS) == first
    assert digests_under("random", script=BOTS) == first


def other_pythons() -> list[str]:
    """The other supported Pythons on this machine (pyenv builds of 3.12, 3.13...)."""
    found = []
    for root in {os.environ.get("PYENV_ROOT", ""), str(Path.home() / ".pyenv")} - {""}:
        for exe in sorted(Path(root).glob("versions/3.1[2-9]*/bin/python3.1[2-9]")):
            if exe.is_file() and os.access(exe, os.X_OK):
                found.append(str(exe))
    return found


def test_the_same_seed_plays_the_same_game_on_every_supported_python(tmp_path):
    import shutil

    import attr
    import attrs

    pythons = other_pythons()
    if not pythons:
        pytest.skip("no other Python (3.12+) is installed here")
    # The engine needs only attrs, which is pure Python: lend it to the other Pythons.
    lib = tmp_path / "lib"
    for module in (attr, attrs):
        shutil.copytree(Path(module.__file__).parent, lib / module.__name__)
    here, bots = digests_under("0"), digests_under("0", script=BOTS)
    for python in pythons:
        assert digests_under("123", python, str(lib)) == here, python
        assert digests_under("123", python, str(lib), BOTS) == bots, python
