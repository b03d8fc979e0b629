"""Decks and scenarios: TOML files turned into engine values, with clear errors.

A deck folder holds one file per owner (`lukashenko.toml`, `putin.toml`,
`opposition.toml`, `world.toml`) and a `scenarios/` folder with one file per scenario.
Everything is checked at load time; every problem is reported at once, each naming the
file, the line, the card and the field. Nothing in a deck is ever executed.

One module a job: `checker` (the bounds, `DeckProblem`, `DeckError` and the check that
collects them), `cards` (a card and its effects), `scenarios` (a scenario and the
ranges of the rule settings), `loading` (files or a save's embedded decks to a
`DeckSet` and a `Ruleset`).
"""

from __future__ import annotations

from ..locations import shipped_decks_dir
from .cards import CARD_FIELDS, EFFECT_KINDS
from .checker import (
    DEFAULT_SCENARIO,
    FIRST_PARAGRAPH,
    FORMAT,
    FORMAT_VERSION,
    ID_PATTERN,
    LAST_PARAGRAPH,
    MAX_AMOUNT,
    MAX_CARDS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NESTING,
    MAX_NUMBER,
    MAX_TEXT,
    DeckError,
    DeckProblem,
    plain_problem,
)
from .loading import DeckSet, build_deckset, load_decks, ruleset_from_data
from .scenarios import SCENARIO_FIELDS, SETTING_RANGES, setting_range

__all__ = [
    "CARD_FIELDS",
    "DEFAULT_SCENARIO",
    "EFFECT_KINDS",
    "FIRST_PARAGRAPH",
    "FORMAT",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "LAST_PARAGRAPH",
    "MAX_AMOUNT",
    "MAX_CARDS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MAX_NUMBER",
    "MAX_TEXT",
    "SCENARIO_FIELDS",
    "SETTING_RANGES",
    "DeckError",
    "DeckProblem",
    "DeckSet",
    "build_deckset",
    "load_decks",
    "plain_problem",
    "ruleset_from_data",
    "setting_range",
    "shipped_decks_dir",
]
