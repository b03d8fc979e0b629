"""The classroom around a game: the facilitator's settings, the players' forecasts and
how well calibrated they were (Brier scores), the votes of teams, and the orders timer.

Pure logic: no Textual, no files. None of it is an engine action: it lives in the save's
optional `sections`, as one section named "classroom" (see "Classroom" in
docs/design.md):

    "classroom": {"version": 1, "facilitator": true, "timer": 180, "teams": {"putin": 5},
                  "outcomes": [{"id": "regime_falls", "text": "...", "when": "regime_fallen",
                                "by": null}, ...],
                  "forecasts": [{"turn": 1, "role": "putin", "outcome": "regime_falls",
                                 "p": 30}, ...],
                  "votes": [{"turn": 1, "role": "putin", "card": "...", "option": null,
                             "for": 3, "of": 5}, ...]}

Saves come from other people: `check_section` checks every field of the section and
raises `SectionError` (where, what is wrong); `wargame.saves` turns it into a SaveError.

One module a job: `outcomes` (what is forecast, and the presets), `model` (the settings,
forecasts, votes: `Classroom`), `scoring` (Brier scores), `clock` (the orders timer),
`options` (the command line's words for them), `section` (checking the section a save
holds).
"""

from __future__ import annotations

from .clock import OrdersClock, duration_text
from .model import Ask, Classroom, Forecast, Settings, Vote, section_before
from .options import outcome_from_spec, parse_duration, parse_team
from .outcomes import PRESET_BY_ID, PRESETS, Outcome
from .scoring import BRIER_EXPLAINED, RoleScore, brier, judgement, scores, settle_all
from .section import (
    MAX_CONDITION,
    MAX_FORECASTS,
    MAX_OUTCOMES,
    MAX_TEAM,
    MAX_TEXT,
    MAX_TIMER,
    MAX_VOTES,
    MIN_TIMER,
    SECTION,
    VERSION,
    SectionError,
    check_section,
)

__all__ = [
    "BRIER_EXPLAINED",
    "MAX_CONDITION",
    "MAX_FORECASTS",
    "MAX_OUTCOMES",
    "MAX_TEAM",
    "MAX_TEXT",
    "MAX_TIMER",
    "MAX_VOTES",
    "MIN_TIMER",
    "PRESETS",
    "PRESET_BY_ID",
    "SECTION",
    "VERSION",
    "Ask",
    "Classroom",
    "Forecast",
    "OrdersClock",
    "Outcome",
    "RoleScore",
    "SectionError",
    "Settings",
    "Vote",
    "brier",
    "check_section",
    "duration_text",
    "judgement",
    "outcome_from_spec",
    "parse_duration",
    "parse_team",
    "scores",
    "section_before",
    "settle_all",
]
