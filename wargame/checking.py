"""Checking plain data from other people's files, one way for every kind of file: saves,
decks, the classroom section and the rows of a hosted game.

Two tools, both in plain words (never a Python type's name, never a traceback):

- `out_of_bounds` walks any plain data once, without recursion, and names the first
  place that is too deep, too large, not plain, or holds a control character.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NoReturn

from attrs import frozen

from .untrusted import control_in

__all__ = ["JSON", "TOML", "Bounds", "Check", "Strict", "Words", "kind", "out_of_bounds",
           "place", "walk"]

Path = tuple[str | int, ...]
"""A place in plain data: the keys and list indices from the top."""


@frozen
class Words:
    """How a kind of file names its values: JSON's `null` and objects, TOML's tables."""

    nothing: str
    table: str


JSON = Words("null", "an object")
TOML = Words("nothing", "a table")


def kind(value: Any, words: Words = JSON) -> str:
    """What a value is, in plain words (never a Python type's name)."""
    if value is None:
        return words.nothing
    for type_, name in ((bool, "true/false"), (int, "a number"), (float, "a decimal number"),
                        (str, "text"), (list, "a list"), (dict, words.table)):
        if isinstance(value, type_):
            return name
    return "a date or a time" if hasattr(value, "isoformat") else "something else"


def place(path: Path, dotted: bool = False) -> str:
    """A place as a reader writes it: `actions[3].action.card` (`.teams.putin` when
    `dotted`, for a place inside a part of the file)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (
            f".{part}" if out or dotted else str(part))
    return out


# -- bounds -------------------------------------------------------------------------------


def walk(data: Any) -> Iterator[tuple[Any, Path]]:
    """Every value inside `data` (itself first) with its place, depth first, without
    recursion: any depth is walked. The depth of a value is `len(path)`."""
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, at = stack.pop()
        yield value, at
        if isinstance(value, dict):
            stack.extend((item, (*at, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*at, i)) for i, item in enumerate(value))


@frozen
class Bounds:
    """What plain data of a kind of file may hold (None: no bound of that kind)."""

    what: str
    """What the file is ("save", "deck"), for the messages."""
    depth: int | None = None
    values: int | None = None
    string: int | None = None
    key: int | None = None
    number: int | None = None
    """Whole numbers from -number to number."""
    plain: bool = True
    """Only text, whole numbers, true/false, null, lists and objects with text keys."""
    control: bool = False
    """No control character in any text (`untrusted.control_in`)."""


def out_of_bounds(data: Any, bounds: Bounds,
                  odd: Callable[[Any, Path], str | None] | None = None
                  ) -> tuple[Path, str] | None:
    """The first place in `data` that is out of `bounds`, and what is wrong there; None
    when every value is within them. `odd(value, path)` may name a problem of its own
    first (the JSON reader's decimals and duplicate keys)."""
    b = bounds
    for count, (value, at) in enumerate(walk(data), start=1):
        if b.values is not None and count > b.values:
            return at, f"too large for a {b.what}"
        if b.depth is not None and len(at) > b.depth:
            return at, f"nested more than {b.depth} levels deep"
        problem = odd(value, at) if odd is not None else None
        if problem:
            return at, problem
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, str):
                    return at, f"the key {str(key)[:40]!r} is not text"
                if b.key is not None and len(key) > b.key:
                    return at, f"a key of {len(key):,} characters"
                if b.control and control_in(key):
                    return at, _control(key, b.what)
        elif isinstance(value, str):
            if b.string is not None and len(value) > b.string:
                return at, f"a text of {len(value):,} characters (at most {b.string:,})"
            if b.control and control_in(value):
                return at, _control(value, b.what)
        elif isinstance(value, bool) or value is None or isinstance(value, list):
            continue
        elif isinstance(value, int):
            if b.number is not None and not -b.number <= value <= b.number:
                return at, f"a number too large for a {b.what}"
        elif b.plain:
            return at, f"{kind(value)} cannot go into a {b.what}"
    return None


def _control(text: str, what: str) -> str:
    return f"holds {control_in(text)}: text in a {what} may hold no control character"


# -- shapes -------------------------------------------------------------------------------


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
