from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.engine.errors import ExpressionError
from wargame.engine.expr import parse
from wargame.engine.tracks import TRACK_INDEX, TRACKS


def env(**values):
    tracks = [t.lo for t in TRACKS]
    for name, value in values.items():
        tracks[TRACK_INDEX[name]] = value
    return SimpleNamespace(tracks=tracks, flags={"draft"}, turn=3, turns=12, demands=("x",))


@pytest.mark.parametrize("text,expected", [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("7 / 2", 3),
    ("-7 / 2", -4),
    ("5 / 0", 0),
    ("unrest >= 3", 1),
    ("unrest >= 3 and defections > 4", 0),
    ("unrest >= 3 or defections > 4", 1),
    ("not draft", 0),
    ("not travel_ban", 1),
    ("draft and unrest == 4", 1),
    ("min(unrest, 2) + max(1, defections)", 4),
    ("10 * (unrest + defections) - 70", -10),
    ("turn + turns_left", 12),
    ("demands > 0", 1),
    ("true and not false", 1),
    ("1 != 2", 1),
    ("garrison", 30000),
])
def test_evaluates(text, expected):
    assert parse(text).evaluate(env(unrest=4, defections=2, troops_minsk=30000)) == expected


@pytest.mark.parametrize("text,fragment", [
    ("unrest >=", "ends too soon"),
    ("unrestt > 2", "unknown name 'unrestt'"),
    ("1 < 2 < 3", "cannot be chained"),
    ("(1 + 2", "expected ')'"),
    ("unrest $ 2", "unexpected character '$'"),
    ("", "empty expression"),
    ("and 1", "needs something before it"),
    ("import os", "unknown name 'import'"),
    ("__import__('os')", "unexpected character"),
    ("1 2", "unexpected '2'"),
    ("min(1)", "expected ','"),
    ("9999999999", "too large"),
    ("(" * 50 + "1" + ")" * 50, "nested more than"),
    ("1 +" * 300, "longer than"),
])
def test_rejects_with_a_clear_message(text, fragment):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert fragment in str(info.value)


@given(st.text(max_size=60))
def test_arbitrary_text_parses_or_raises_expression_error(text):
    try:
        expr = parse(text)
    except ExpressionError:
        return
    assert isinstance(expr.evaluate(env()), int)


_names = st.sampled_from(["unrest", "network", "3", "0", "turn", "draft", "garrison"])


@st.composite
def expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(_names)
    op = draw(st.sampled_from(["+", "-", "*", "/", "<", ">=", "==", "and", "or"]))
    return f"({draw(expressions(depth + 1))} {op} {draw(expressions(depth + 1))})"


@given(expressions(), st.integers(0, 10), st.integers(0, 10))
def test_generated_expressions_always_evaluate_to_integers(text, unrest, network):
    assert isinstance(parse(text).evaluate(env(unrest=unrest, network=network)), int)
