"""A tiny expression language for card conditions and amounts.

Grammar (integers only; `true` is 1 and `false` is 0)::

    expr  := or
    or    := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum   := term (("+" | "-") term)*
    term  := unary (("*" | "/") unary)*          # "/" divides and rounds down; x / 0 is 0
    unary := "-" unary | atom
    atom  := NUMBER | NAME | "true" | "false" | "(" expr ")"
           | ("min" | "max") "(" expr "," expr ")"

NAME is a track (`unrest`), a flag (`travel_ban`, 1 when set) or one of `turn`,
`turns_left`, `demands`, `garrison`. The parser is written here and never calls `eval`; an
unknown name or a malformed expression raises `ExpressionError` when the deck is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from attrs import frozen

from .errors import ExpressionError
from .tracks import FLAG_BY_NAME, SPECIAL_NAMES, TRACK_INDEX

Evaluator = Callable[[Any], int]

_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z_0-9]*)|(==|!=|<=|>=|[-+*/()<>,]))")
_KEYWORDS = {"and", "or", "not", "true", "false", "min", "max"}
MAX_LENGTH = 500
MAX_DEPTH = 40
LOYAL_UNITS_STRENGTH = 10_000


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    stripped_end = len(text.rstrip())
    while pos < stripped_end:
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            while text[pos].isspace():
                pos += 1
            raise ExpressionError(text, f"unexpected character {text[pos]!r}", pos)
        start = m.start(m.lastindex or 0)
        if m.group(1) is not None:
            tokens.append(("num", m.group(1), start))
        elif m.group(2) is not None:
            tokens.append(("name", m.group(2), start))
        else:
            tokens.append(("op", m.group(3), start))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, extra_names: frozenset[str], lenient: bool = False) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0
        self.extra = extra_names
        self.lenient = lenient

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, message: str, tok: tuple[str, str, int] | None = None) -> ExpressionError:
        tok = tok or self.peek()
        return ExpressionError(self.text, message, tok[2])

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value or tok[0] == "num":
            shown = repr(tok[1]) if tok[0] != "end" else "the end"
            raise self.fail(f"expected {value!r} but found {shown}", tok)

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok[0] == "name" and tok[1] == word

    def parse(self) -> tuple:
        if len(self.text) > MAX_LENGTH:
            raise ExpressionError(self.text[:40] + "...", f"longer than {MAX_LENGTH} characters")
        if self.peek()[0] == "end":
            raise self.fail("empty expression")
        node = self.or_()
        if self.peek()[0] != "end":
            raise self.fail(f"unexpected {self.peek()[1]!r}")
        return node

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} deep")

    def or_(self) -> tuple:
        node = self.and_()
        while self.is_word("or"):
            self.take()
            node = ("or", node, self.and_())
        return node

    def and_(self) -> tuple:
        node = self.not_()
        while self.is_word("and"):
            self.take()
            node = ("and", node, self.not_())
        return node

    def not_(self) -> tuple:
        if self.is_word("not"):
            self.take()
            self._nest()
            node = ("not", self.not_())
            self.depth -= 1
            return node
        return self.cmp()

    def cmp(self) -> tuple:
        node = self.sum()
        tok = self.peek()
        if tok[0] == "op" and tok[1] in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            node = (tok[1], node, self.sum())
            nxt = self.peek()
            if nxt[0] == "op" and nxt[1] in ("==", "!=", "<", "<=", ">", ">="):
                raise self.fail("comparisons cannot be chained; join them with 'and'")
        return node

    def sum(self) -> tuple:
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.take()[1]
            node = (op, node, self.term())
        return node

    def term(self) -> tuple:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            node = (op, node, self.unary())
        return node

    def unary(self) -> tuple:
        tok = self.peek()
        if tok[0] == "op" and tok[1] == "-":
            self.take()
            self._nest()
            node = ("neg", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> tuple:
        tok = self.take()
        kind, value, _ = tok
        if kind == "num":
            if len(value) > 9:
                raise self.fail("number too large", tok)
            return ("num", int(value))
        if kind == "op" and value == "(":
            self._nest()
            node = self.or_()
            self.expect(")")
            self.depth -= 1
            return node
        if kind == "name":
            if value == "true":
                return ("num", 1)
            if value == "false":
                return ("num", 0)
            if value in ("min", "max"):
                self.expect("(")
                self._nest()
                a = self.or_()
                self.expect(",")
                b = self.or_()
                self.expect(")")
                self.depth -= 1
                return (value, a, b)
            if value in _KEYWORDS:
                raise self.fail(f"{value!r} needs something before it", tok)
            if value in TRACK_INDEX:
                return ("track", value)
            if value in FLAG_BY_NAME or value in self.extra:
                return ("flag", value)
            if value in SPECIAL_NAMES:
                return ("special", value)
            if self.lenient:  # a deck's own flag, read back for words only
                return ("flag", value)
            raise self.fail(f"unknown name {value!r}", tok)
        if kind == "end":
            raise self.fail("expression ends too soon", tok)
        raise self.fail(f"unexpected {value!r}", tok)


def _compile(node: tuple) -> Evaluator:
    op = node[0]
    if op == "num":
        value = node[1]
        return lambda env: value
    if op == "track":
        index = TRACK_INDEX[node[1]]
        return lambda env: env.tracks[index]
    if op == "flag":
        name = node[1]
        return lambda env: 1 if name in env.flags else 0
    if op == "special":
        return _SPECIALS[node[1]]
    if op == "not":
        inner = _compile(node[1])
        return lambda env: 0 if inner(env) else 1
    if op == "neg":
        inner = _compile(node[1])
        return lambda env: -inner(env)
    a, b = _compile(node[1]), _compile(node[2])
    return _BINARY[op](a, b)


def _div(x: int, y: int) -> int:
    return x // y if y else 0


_BINARY: dict[str, Callable[[Evaluator, Evaluator], Evaluator]] = {
    "or": lambda a, b: lambda env: 1 if (a(env) or b(env)) else 0,
    "and": lambda a, b: lambda env: 1 if (a(env) and b(env)) else 0,
    "==": lambda a, b: lambda env: int(a(env) == b(env)),
    "!=": lambda a, b: lambda env: int(a(env) != b(env)),
    "<": lambda a, b: lambda env: int(a(env) < b(env)),
    "<=": lambda a, b: lambda env: int(a(env) <= b(env)),
    ">": lambda a, b: lambda env: int(a(env) > b(env)),
    ">=": lambda a, b: lambda env: int(a(env) >= b(env)),
    "+": lambda a, b: lambda env: a(env) + b(env),
    "-": lambda a, b: lambda env: a(env) - b(env),
    "*": lambda a, b: lambda env: a(env) * b(env),
    "/": lambda a, b: lambda env: _div(a(env), b(env)),
    "min": lambda a, b: lambda env: min(a(env), b(env)),
    "max": lambda a, b: lambda env: max(a(env), b(env)),
}


RUSSIAN_GUARD_STRENGTH = 8_000
TERRITORIAL_GUARD_STRENGTH = 5_000
"""Edition 2: territorial defence on combat alert (¶11) guards the cities too."""
"""Edition 2: Russian forces stationed in Belarus (¶19) stand behind the regime too."""


_I_MINSK = TRACK_INDEX["troops_minsk"]


def garrison(env: Any) -> int:
    """Troops in Minsk, with the loyal units that a regime can keep back (¶23), and from
    edition 2 on the Russian forces stationed in Belarus (¶15, ¶19)."""
    flags = env.flags
    extra = LOYAL_UNITS_STRENGTH if "loyal_units" in flags else 0
    try:
        edition = env.ruleset.edition
    except AttributeError:  # a bare board: edition 1's garrison
        edition = 1
    if edition >= 2:
        if "russian_forces" in flags:
            extra += RUSSIAN_GUARD_STRENGTH
        if "territorial_alert" in flags:
            extra += TERRITORIAL_GUARD_STRENGTH
    return env.tracks[_I_MINSK] + extra


_SPECIALS: dict[str, Evaluator] = {
    "turn": lambda env: env.turn,
    "turns_left": lambda env: env.turns - env.turn,
    "demands": lambda env: len(env.demands),
    "garrison": garrison,
}


@frozen
class Expr:
    """A parsed expression; call `evaluate(env)` on a state (or anything with `tracks`,
    `flags`, `turn`, `turns` and `demands`)."""

    text: str
    evaluate: Evaluator
    names: tuple[str, ...] = ()
    """The tracks, flags and special names it reads, in order of first use."""

    def __str__(self) -> str:
        return self.text

    @property
    def literal(self) -> int | None:
        """Its value when it is a plain number, else None."""
        text = self.text
        try:
            return _LITERALS[text]
        except KeyError:
            value = _LITERALS[text] = int(text) if text.lstrip("-").isdigit() else None
            if len(_LITERALS) > 4096:  # a bounded memo
                _LITERALS.clear()
            return value

    def inputs(self, env: Any) -> dict[str, int]:
        """The value of every name it reads, on `env`: what decided its value."""
        return {name: _NAME_VALUE[kind](name, env) for kind, name in self._named}

    @property
    def _named(self) -> tuple[tuple[str, str], ...]:
        names = self.names
        named = _NAMED.get(names)
        if named is None:
            if len(_NAMED) > 4096:  # a bounded memo
                _NAMED.clear()
            named = _NAMED[names] = tuple((_kind_of(n), n) for n in names)
        return named


_LITERALS: dict[str, int | None] = {}
"""`Expr.literal` by text (asked for at every effect a data log traces)."""
_NAMED: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
"""`Expr._named` by names."""


def _kind_of(name: str) -> str:
    if name in TRACK_INDEX:
        return "track"
    if name in SPECIAL_NAMES:
        return "special"
    return "flag"


_NAME_VALUE: dict[str, Callable[[str, Any], int]] = {
    "track": lambda name, env: env.tracks[TRACK_INDEX[name]],
    "flag": lambda name, env: 1 if name in env.flags else 0,
    "special": lambda name, env: _SPECIALS[name](env),
}


def value_of(name: str, env: Any) -> int:
    """The value a name reads on `env` (a track, a flag as 1 or 0, or a special name), as an
    expression would: for the words that say what a condition or a chance stands at now."""
    return _NAME_VALUE[_kind_of(name)](name, env)


def _names(node: tuple, out: dict[str, None]) -> None:
    if node[0] in ("track", "flag", "special"):
        out.setdefault(node[1], None)
        return
    for child in node[1:]:
        if isinstance(child, tuple):
            _names(child, out)


def parse(text: str, extra_names: frozenset[str] = frozenset()) -> Expr:
    """Parse and compile `text`; raise `ExpressionError` if it is malformed or names
    something unknown."""
    if not isinstance(text, str):
        raise ExpressionError(repr(text), "an expression must be a string")
    tree = _Parser(text, extra_names).parse()
    names: dict[str, None] = {}
    _names(tree, names)
    return Expr(text.strip(), _compile(tree), tuple(names))


def tree(text: str) -> tuple:
    """The parse tree of an expression already checked at load (a deck's own flags are
    read as flags), for the words that explain it: nested tuples whose first item is the
    operator ('num', 'track', 'flag', 'special', 'not', 'neg', 'min', 'max', 'and', 'or',
    a comparison or an arithmetic sign). Raises `ExpressionError` if it is malformed."""
    return _Parser(str(text), frozenset(), lenient=True).parse()


def constant(value: int) -> Expr:
    return Expr(str(value), lambda env: value)
