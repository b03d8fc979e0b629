"""Checking plain data from other people's files, one way for every kind of file: saves,
decks, the classroom section and the rows of a hosted game.

Two tools, both in plain words (never a Python type's name, never a traceback):

- `out_of_bounds` walks any plain data once, without recursion, and names the first
  place that is too deep, too large, not plain, or holds a control character (it lives
  in `wargame.untrusted`, whose JSON reader uses it too, and is re-exported here).
- `Check` checks one value at a time against its shape (an object and its fields, a
  whole number in a range, a text of a bounded length and pattern, a list, one of a few
  words) and names the place and what is wrong. What a problem does is the subclass's:
  `Strict` raises the caller's own error at the first one (saves, the classroom
  section, hosted rows), a collecting subclass keeps them all (decks, which report
  every problem at once).

Why this module and not cattrs: see "Reading untrusted files" in docs/design.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from .untrusted import JSON, TOML, Bounds, Words, control_in, kind, out_of_bounds, walk
from .untrusted import where_of as place

__all__ = ["JSON", "TOML", "Bounds", "Check", "Strict", "Words", "kind", "out_of_bounds",
           "place", "walk"]


class Check:
    """Checks values against their shape; each method names `where` and what is wrong
    through `fail`, and returns the value (or, when `fail` returns, a stand-in so a
    collecting check can go on: the lowest number, '', an empty list or object)."""

    words: Words = JSON
    control_rule = "text in a save may hold no control character"
    """Why a control character is refused, for the message."""

    def fail(self, where: str, problem: str) -> None:
        raise NotImplementedError

    def kind(self, value: Any) -> str:
        return kind(value, self.words)

    def obj(self, value: Any, where: str, required: Iterable[str],
            optional: Iterable[str] = ()) -> dict[str, Any]:
        """An object with every `required` field and no field but those and `optional`."""
        if not isinstance(value, dict):
            self.fail(where, f"must be {self.words.table}, not {self.kind(value)}")
            return {}
        required = tuple(required)
        for key in required:
            if key not in value:
                self.fail(where, f"the field {key!r} is missing")
                return value
        allowed = {*required, *optional}
        for key in value:
            if key not in allowed:
                self.fail(where, f"unknown field {str(key)[:40]!r}")
                return value
        return value

    def integer(self, value: Any, where: str, lo: int, hi: int) -> int:
        """A whole number from `lo` to `hi` (true/false is not a number)."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"must be a whole number, not {self.kind(value)}")
            return lo
        if not lo <= value <= hi:
            self.fail(where, f"must be from {lo:,} to {hi:,}, not {value:,}")
            return max(lo, min(hi, value))
        return value

    def text(self, value: Any, where: str, limit: int,
             pattern: re.Pattern[str] | None = None, what: str = "") -> str:
        """A text of at most `limit` characters, matching `pattern` (`what` names it),
        with no control character."""
        if not isinstance(value, str):
            self.fail(where, f"must be text, not {self.kind(value)}")
            return ""
        if len(value) > limit:
            self.fail(where, f"is longer than {limit:,} characters")
            return value[:limit]
        if pattern is not None and not pattern.match(value):
            self.fail(where, f"is not {what or 'valid'}: {value[:40]!r}")
            return ""
        bad = control_in(value)
        if bad:
            self.fail(where, f"holds {bad}: {self.control_rule}")
            return ""
        return value

    def array(self, value: Any, where: str, limit: int) -> list[Any]:
        """A list of at most `limit` entries."""
        if not isinstance(value, list):
            self.fail(where, f"must be a list, not {self.kind(value)}")
            return []
        if len(value) > limit:
            self.fail(where, f"has {len(value):,} entries (at most {limit:,})")
            return value[:limit]
        return value

    def one_of(self, value: Any, where: str, options: Sequence[str], what: str = "") -> str:
        """One of a few words (`what` names them: 'a role')."""
        if not isinstance(value, str) or value not in options:
            self.fail(where, f"{str(value)[:40]!r} is not {what}" if what else
                      f"must be one of {', '.join(options)}, not {str(value)[:40]!r}")
            return options[0]
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, "must be true or false")
            return False
        return value


class Strict(Check):
    """A check that stops at the first problem: `error(where, problem)` is the caller's
    own exception (SaveError, SectionError, HostedError), raised."""

    def __init__(self, error: Callable[[str, str], Exception],
                 control_rule: str = Check.control_rule) -> None:
        self.error = error
        self.control_rule = control_rule

    def fail(self, where: str, problem: str) -> NoReturn:
        raise self.error(where, problem)
