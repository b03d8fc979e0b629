from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile(
    "default", max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _saves_stay_in_tmp(tmp_path_factory, monkeypatch):
    """No test writes into the user's real save folder (Session.new's default)."""
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(tmp_path_factory.getbasetemp() / "saves"))


@pytest.fixture(scope="session")
def deckset():
    from wargame.decks import load_decks

    return load_decks(ROOT / "decks")


@pytest.fixture(scope="session")
def ruleset(deckset):
    return deckset.ruleset()
