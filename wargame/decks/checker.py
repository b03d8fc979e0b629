"""What a deck file may hold, and the check that reports every problem at once: each
`DeckProblem` names the file, the line, the card and the field (`wargame.checking`'s
shapes, in a deck designer's words: tables, not objects)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from attrs import frozen

from ..checking import TOML, Bounds, Check, out_of_bounds
from ..engine.errors import ExpressionError
from ..engine.expr import Expr, constant, parse
from ..untrusted import printable

FORMAT = "wargame-decks"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_CARDS = 500
MAX_TEXT = 1_000
MAX_NESTING = 6
MAX_AMOUNT = 1_000_000
MAX_DEPTH = 20
"""Nesting of tables and lists in a deck file (effects nest at most 6 deep)."""
MAX_NUMBER = 2**63
FIRST_PARAGRAPH, LAST_PARAGRAPH = 1, 29
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
DEFAULT_SCENARIO = "october-2022"


@frozen
class DeckProblem:
    file: str
    message: str
    line: int | None = None
    card: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.card:
            parts.append(f"card '{self.card}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return printable(", ".join(parts) + f": {self.message}")


class DeckError(Exception):
    """One or more problems in a deck folder; `problems` lists them all."""

    def __init__(self, problems: Iterable[DeckProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the decks:\n{lines}")


class Checker(Check):
    """Checks the values of one deck file, keeping every problem (`problems`); `card` is
    the card being checked (for the messages)."""

    words = TOML
    control_rule = "a deck's text is shown as it is, so it may hold no control character"

    def __init__(self, file: str, lines: dict[str, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[DeckProblem] = []
        self.card = ""

    def fail(self, where: str, problem: str) -> None:
        self.problems.append(DeckProblem(self.file, problem, self.lines.get(self.card),
                                         self.card, where))

    def text_of(self, table: dict[str, Any], key: str, fld: str, required: bool = True,
                limit: int = MAX_TEXT) -> str:
        """The text of `table[key]`, stripped ('' when it is missing or wrong)."""
        value = table.get(key)
        if value is None:
            if required:
                self.fail(fld, "is missing")
            return ""
        if required and isinstance(value, str) and not value.strip():
            self.fail(fld, "is empty")
            return ""
        return self.text(value, fld, limit).strip()

    def integer(self, value: Any, where: str, lo: int, hi: int) -> int:
        if value is None:
            self.fail(where, "is missing")
            return lo
        return super().integer(value, where, lo, hi)

    def expr(self, value: Any, fld: str) -> Expr | None:
        if not isinstance(value, str):
            self.fail(fld, f"must be an expression in quotes, not {self.kind(value)}")
            return None
        try:
            return parse(value)
        except ExpressionError as exc:
            self.fail(fld, str(exc))
            return None

    def amount(self, value: Any, fld: str) -> Expr:
        if isinstance(value, str):
            return self.expr(value, fld) or constant(0)
        return constant(self.integer(value, fld, -MAX_AMOUNT, MAX_AMOUNT))

    def troops(self, value: Any, fld: str) -> Expr:
        """A number of troops (a whole number from 0, or an expression)."""
        if isinstance(value, str):
            return self.expr(value, fld) or constant(0)
        return constant(self.integer(value, fld, 0, MAX_AMOUNT))

    def unknown_keys(self, table: dict, allowed: Iterable[str], fld: str) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                hint = closest(key, allowed)
                self.fail(f"{fld}{'.' if fld else ''}{key}",
                          "unknown field" + (f" (did you mean '{hint}'?)" if hint else ""))


def unknown(what: str, name: Any, options: Iterable[str]) -> str:
    hint = closest(str(name), options)
    return f"unknown {what} {name!r}" + (f" (did you mean '{hint}'?)" if hint else "")


def closest(word: str, options: Iterable[str]) -> str | None:
    best, best_score = None, 0.0
    for option in options:
        common = len(set(word) & set(option)) / max(len(set(word) | set(option)), 1)
        if common > best_score and (word[:3] == option[:3] or common > 0.7):
            best, best_score = option, common
    return best


def plain_problem(data: Any, only_bounds: bool = False) -> str:
    """What makes deck data other than plain text, whole numbers, true/false, lists and
    tables of bounded nesting ('' when nothing does); with `only_bounds`, only what is
    too deep or too large (the card checks name the rest, card by card). Iterative:
    any depth is measured."""
    found = out_of_bounds(data, Bounds("deck", depth=MAX_DEPTH, number=MAX_NUMBER,
                                       plain=not only_bounds))
    return "" if found is None else found[1]
