"""The rules engine: pure Python, no Textual, no file I/O.

    state = new_game(ruleset, seed)
    legal_actions(state, actor) -> [Action]
    apply(state, action) -> state          # raises IllegalAction, state unchanged
    view(state, role) -> View              # what that role may see
    digest(state) -> str                   # SHA-256 of the canonical serialization

    new_game(ruleset, seed, quiet=True)    # a game without a log, for bots' playouts:
                                           # the same game, never saved nor digested
"""

from .digest import canonical, digest, state_data
from .editions import EDITIONS, LATEST, Edition, edition
from .errors import ExpressionError, IllegalAction
from .headless import Chooser, advance, play, replay, run
from .machine import AUTOMATIC, actors, apply, legal_actions, new_game
from .rules import RULES, margins
from .state import (
    COMPLY,
    CONSEQUENCES,
    EVENT,
    ORDERS,
    OVER,
    PASS,
    PHASES,
    RESOLUTION,
    STALL,
    SYSTEM,
    UMPIRE,
    UPKEEP,
    Action,
    Advance,
    Card,
    GameState,
    LogEntry,
    Order,
    Ruleset,
    Scenario,
    Umpire,
    action_from_data,
)
from .tracks import INITIATIVE, ROLE_NAMES, ROLES, TRACK_BY_NAME, TRACKS
from .view import View, view

__all__ = [
    "AUTOMATIC",
    "COMPLY",
    "CONSEQUENCES",
    "EDITIONS",
    "EVENT",
    "INITIATIVE",
    "LATEST",
    "ORDERS",
    "OVER",
    "PASS",
    "PHASES",
    "RESOLUTION",
    "ROLES",
    "ROLE_NAMES",
    "RULES",
    "STALL",
    "SYSTEM",
    "TRACKS",
    "TRACK_BY_NAME",
    "UMPIRE",
    "UPKEEP",
    "Action",
    "Advance",
    "Card",
    "Chooser",
    "Edition",
    "ExpressionError",
    "GameState",
    "IllegalAction",
    "LogEntry",
    "Order",
    "Ruleset",
    "Scenario",
    "Umpire",
    "View",
    "action_from_data",
    "actors",
    "advance",
    "apply",
    "canonical",
    "digest",
    "edition",
    "legal_actions",
    "margins",
    "new_game",
    "play",
    "replay",
    "run",
    "state_data",
    "view",
]
