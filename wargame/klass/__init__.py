"""A class: one facilitator, several tables (`wargame class`).

A class is N hosted games of one scenario (its tables), each with its own seed derived
from the class's, run from one dashboard: every table in one view, the umpire's
actions applied to one table or to all, the class summary growing as they play::

    klass = create_class("demo", 3, ruleset, seed=7, bots={"putin": "normal"})
    with Facilitator.open(load("demo")) as f:       # the dashboard's side
        f.refresh()
        f.pause(f.numbers, "the class discusses the draft")
        statuses = f.statuses()                      # a TableStatus a table
    text = render(klass, table_games(klass), "json")  # the class summary

The tables are ordinary hosted games (`wargame.hosting`) created with an umpire: the
teams join them as any hosted game, and the facilitator's actions go into each table's
own record through its database, in one transaction each (see "Running a class" in
docs/design.md). ("class" is Python's word: the package is `klass`.)

One module a job: `manifest` (the class's folder and `class.json`, the tables' seeds),
`create` (making a class), `status` (where each table stands, as data), `facilitator`
(the umpire's actions on one table or all, the bots), `summary` (the class summary).
"""

from __future__ import annotations

from .create import create_class
from .facilitator import EXTRA_TIME, LATE_BOT, Facilitator, Outcome, outcomes_text, wall
from .manifest import (
    MAX_TABLES,
    OBSERVER,
    ClassError,
    Klass,
    Table,
    class_dir,
    class_names,
    load,
    table_seed,
    table_seeds,
)
from .status import DILEMMA, Played, TableStatus, class_data, status_of
from .summary import FORMATS, TableGame, render, table_game, table_games

__all__ = [
    "DILEMMA",
    "EXTRA_TIME",
    "FORMATS",
    "LATE_BOT",
    "MAX_TABLES",
    "OBSERVER",
    "ClassError",
    "Facilitator",
    "Klass",
    "Outcome",
    "Played",
    "Table",
    "TableGame",
    "TableStatus",
    "class_data",
    "class_dir",
    "class_names",
    "create_class",
    "load",
    "outcomes_text",
    "render",
    "status_of",
    "table_game",
    "table_games",
    "table_seed",
    "table_seeds",
    "wall",
]
