"""The same seed and choices give the same states in any process, under any
PYTHONHASHSEED, on any supported Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def digests_under(hashseed: str, python: str = sys.executable) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([python, "-c", SCRIPT, str(ROOT / "decks")], env=env,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_digests_match_across_processes_and_hash_seeds():
    first = digests_under("0")
    assert len(first.split()) == 3
    assert digests_under("1") == first
    assert digests_under("random") == first
