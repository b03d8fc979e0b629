"""Reading what other people made: saves, decks, hosted games, settings, scripts.

Every file the game reads comes through here. `read_file` opens it without following it
into a pipe or a device, checks that it is a regular file and no larger than its kind
allows, and only then reads it. `parse_json` turns the bytes into plain data with bounds
on the size, the nesting, the number of values, the length of numbers and of text, in
time linear in the size of the file; the document is never built before its size and
nesting are known to be within bounds (a hostile file is stopped by counting, not by the
memory it would take). `printable` is the one sanitiser for text from a file before it
reaches a terminal, a screen or a report.

Each problem is an `Untrusted` error naming what is wrong (and where in the data); the
callers turn it into their own error (`SaveError`, `DeckError`, `HostedError`), which
names the file.
"""

from __future__ import annotations

import array
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from attrs import frozen

__all__ = ["Bounds", "JsonLimits", "Untrusted", "out_of_bounds", "parse_json", "printable",
           "read_file", "walk"]

Path = tuple[str | int, ...]
"""A place in plain data: the keys and list indices from the top."""


class Untrusted(ValueError):
    """Data from a file that cannot be used: `problem` in plain words, `where` the place
    in the data ('' for the whole file)."""

    def __init__(self, problem: str, where: str = "") -> None:
        self.problem = printable(" ".join(problem.split()))
        self.where = printable(where)
        super().__init__(f"{self.where}: {self.problem}" if where else self.problem)


# -- files ----------------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them. Raises Untrusted
    for a folder, a pipe, a device or a socket (checked on the opened file, so neither
    a pipe nor a swapped path can block or fool the check), a file larger than `limit`
    (before reading it), and a file that cannot be read; FileNotFoundError when there is
    none."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise Untrusted(f"is a folder, not a {what}") from None
    except OSError as exc:
        raise Untrusted(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Untrusted(f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise Untrusted(f"is not a regular file (a pipe, a device or a socket): not a "
                            f"{what}")
        if info.st_size > limit:
            raise Untrusted(f"larger than {_size(limit)} (it is {_size(info.st_size)}): "
                            f"not a {what}")
        chunks, left = [], limit + 1
        try:
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        except OSError as exc:
            raise Untrusted(f"cannot be read ({exc.strerror or exc})") from None
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while it was read
            raise Untrusted(f"larger than {_size(limit)}: not a {what}")
        return data
    finally:
        os.close(fd)


def _size(n: int) -> str:
    for unit, shift in (("MB", 20), ("KB", 10)):
        if n >= 1 << shift:
            whole = n % (1 << shift) == 0
            return f"{n >> shift} {unit}" if whole else f"{n / (1 << shift):.1f} {unit}"
    return f"{n:,} bytes"


# -- JSON -----------------------------------------------------------------------------------


@frozen
class JsonLimits:
    """The bounds a kind of JSON file is read with."""

    max_bytes: int
    max_depth: int = 48
    max_values: int = 300_000
    """Values of every kind (objects, lists, text, numbers...), keys not counted."""
    max_string: int = 20_000
    max_key: int = 200
    max_int_digits: int = 20
    max_int: int = 2**64
    what: str = "file"
    """What the file is ("save"), for the messages."""


# A string, closed or not, matched without backtracking (possessive): the scan is linear
# whatever the file holds, even a string of escaped quotes that never closes.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 / -1 as signed bytes


@frozen
class Shape:
    """What a linear scan of JSON text finds without parsing it."""

    values: int
    """At least as many as the values the text holds (each is the first of its list or
    object, or follows a comma)."""
    depth: int
    """The deepest nesting."""
    left_open: int
    """Brackets opened and never closed (the text was cut short)."""


def scan(text: str, shallow: int = 0, most: int = 0) -> Shape:
    """Count and measure JSON text without building anything from it, in linear time
    and in memory of the order of its size (strings are skipped whole, closed or not).
    With no more than `shallow` brackets opened, `depth` is their count (an upper bound)
    rather than the exact depth. With `most`, the scan stops counting past `most`
    values (`values` is then `most + 1`) and measures the depth only over the first
    `2 * most` brackets (a text with more holds too many values anyway)."""
    cap = 2 * most + 1 if most else 0  # every value and every key may be a string
    bare, strings = _STRING.subn('""', text, count=cap)
    if cap and strings == cap:
        return Shape(most + 1, 0, 0)
    opened = bare.count("[") + bare.count("{")
    closed = bare.count("]") + bare.count("}")
    values = bare.count(",") + opened + 1
    depth = opened
    if opened > shallow:
        brackets = bare.encode("utf-8", "replace").translate(None, _NOT_BRACKETS)
        if most:
            brackets = brackets[: 2 * most + 2]
        steps = array.array("b", brackets.translate(_STEPS))
        depth = max(itertools.accumulate(steps), default=0)
    return Shape(values, max(depth, 0), opened - closed)


class _Odd:
    """A value the parser met that may not be held (a decimal, NaN, too many digits):
    kept in place so that the check afterwards can say where it is."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


def parse_json(raw: bytes, limits: JsonLimits,
               on_object: Callable[[], None] | None = None) -> Any:
    """Bytes of a JSON file to plain data (dicts, lists, text, whole numbers, true/false,
    null), within `limits`: the size, the nesting and the number of values are measured
    by `scan` before anything is built; numbers are checked before they are converted;
    text, keys and duplicate keys after. Decimal numbers, NaN and Infinity are refused.
    Raises Untrusted. (`on_object` is called for each object built: tests count with it.)"""
    what = limits.what
    if len(raw) > limits.max_bytes:
        raise Untrusted(f"larger than {_size(limits.max_bytes)}: not a {what}")
    if not raw.strip():
        raise Untrusted("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Untrusted(f"not a {what}: not UTF-8 text (byte {exc.start:,})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    shape = scan(text, shallow=limits.max_depth, most=limits.max_values)
    if shape.depth > limits.max_depth:
        raise Untrusted(f"nested more than {limits.max_depth} levels deep: not a {what}")
    if shape.values > limits.max_values:
        raise Untrusted(f"more than {limits.max_values:,} values: too large for a {what}")
    duplicates: dict[int, str] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if on_object is not None:
            on_object()
        out = dict(items)
        if len(out) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates[id(out)] = key
                    break
                seen.add(key)
        return out

    def integer(digits: str) -> int | _Odd:
        count = len(digits.lstrip("-"))
        if count > limits.max_int_digits:
            return _Odd(f"a number with {count:,} digits (at most {limits.max_int_digits})")
        return int(digits)

    def decimal(digits: str) -> _Odd:
        return _Odd(f"decimal numbers are not used in {what}s (found {digits[:30]})")

    def constant(name: str) -> _Odd:
        return _Odd(f"{name} is not a number a {what} may hold")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=integer,
                          parse_float=decimal, parse_constant=constant)
    except json.JSONDecodeError as exc:
        # Cut short: the parser wanted more at the very end, or a string never closes.
        cut = exc.pos >= len(text.rstrip()) or (
            shape.left_open > 0 and exc.msg.startswith("Unterminated string"))
        lines = text.count("\n") + 1
        raise Untrusted(
            f"the file ends in the middle of the data (at line {lines}): it was cut "
            "short, perhaps by a crash or a full disk" if cut else
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg.removesuffix(' starting at')}") from None
    except (RecursionError, ValueError, MemoryError) as exc:  # past the checks: a bug
        raise Untrusted(f"not a {what} ({type(exc).__name__})") from None
    _check(data, limits, duplicates)
    return data


def where_of(path: Sequence[str | int], dotted: bool = False) -> str:
    """A place in JSON data as a reader writes it: `actions[3].action.card`
    (`.teams.putin` when `dotted`, for a place inside a part of the file)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (
            f".{part}" if out or dotted else str(part))
    return out


def _check(data: Any, limits: JsonLimits, duplicates: dict[int, str]) -> None:
    """Every value against the bounds, naming the first place that is out of them."""

    def odd(value: Any, _at: Path) -> str | None:
        if isinstance(value, _Odd):
            return value.problem
        if isinstance(value, dict) and id(value) in duplicates:
            return f"the key {duplicates[id(value)][:40]!r} appears twice"
        return None

    found = out_of_bounds(data, Bounds(limits.what, string=limits.max_string,
                                       key=limits.max_key, number=limits.max_int,
                                       plain=False), odd)
    if found is not None:
        raise Untrusted(found[1], where_of(found[0]))


# -- plain data: in words, and within bounds ----------------------------------------------


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


# -- text -----------------------------------------------------------------------------------

_PICTURES = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421}
_UNSAFE = {c: 0xFFFD for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F),
                              *range(0x2066, 0x206A))}
_TRANSLATE = _PICTURES | _UNSAFE
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""The characters `printable` replaces; a deck or a save holding one is refused."""


def printable(text: str) -> str:
    """`text` made safe for a terminal: every control character but the newline and
    the tab is replaced by its visible picture (ESC by ␛, BEL by ␇), C1 controls and
    bidirectional overrides by �, so that text from a file can neither move the cursor,
    clear the screen, retitle the window nor reorder what is shown around it."""
    return text.translate(_TRANSLATE)


def control_in(text: str) -> str | None:
    """The first character `printable` would replace, named (`ESC (U+001B)`), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    c = ord(found.group())
    names = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x00: "NUL", 0x7F: "DEL"}
    name = names.get(c, "a control character" if c < 0xA0 else "a direction override")
    return f"{name} (U+{c:04X})"
