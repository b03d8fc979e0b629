"""Fuzzing saves: whatever happens to a save file's bytes or JSON structure, loading it
either works or fails with the one clean SaveError (naming the file, one line), and the
file is never changed."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.cli import main
from wargame.saves import SaveError
from wargame.session import Session

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "saves" / "regime-falls.json"
RAW = EXAMPLE.read_bytes()
# Where the save's own fields are (everything but the embedded decks), so that half of
# the mutations land there rather than in the large deck data.
DECKS_START = RAW.index(b'"ruleset":')
DECKS_END = RAW.index(b"\n", DECKS_START)
counter = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def outcome(folder: Path, raw: bytes) -> str:
    """Load `raw` as a save file: 'ok' or the clean error's message."""
    path = folder / f"mutant-{next(counter)}.json"
    path.write_bytes(raw)
    try:
        Session.load(path)
        result = "ok"
    except SaveError as exc:
        result = str(exc)
        assert result.startswith(f"{path}: ") or result.startswith(f"{path}, "), result
        assert "\n" not in result and len(result) < 700, result
    assert path.read_bytes() == raw, "loading never changes the file"
    path.unlink()
    return result


positions = st.one_of(st.integers(0, len(RAW) - 1),
                      st.integers(0, DECKS_START), st.integers(DECKS_END, len(RAW) - 1))


@st.composite
def byte_mutants(draw) -> bytes:
    raw = bytearray(RAW)
    for _ in range(draw(st.integers(1, 3))):
        if not raw:
            break
        at = min(draw(positions), len(raw) - 1)
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "replace"]))
        if kind == "truncate":
            del raw[at:]
        elif kind == "flip":
            raw[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif kind == "delete":
            del raw[at: at + draw(st.integers(1, 200))]
        else:
            chunk = draw(st.sampled_from([b"[", b"]", b"{", b"}", b'"', b",", b":", b"\\",
                                          b"0", b"-1", b"1e999", b"null", b"\xff", b"\x00"]))
            raw[at: at + len(chunk)] = chunk
    return bytes(raw)


@given(byte_mutants())
def test_byte_mutations_load_or_fail_cleanly(folder, raw):
    outcome(folder, raw)


def paths_in(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_in(value, (*prefix, i))


DATA = json.loads(RAW)
OWN_PATHS = [p for p in paths_in(DATA) if p[:1] != ("ruleset",)]
DECK_PATHS = [p for p in paths_in(DATA["ruleset"], ("ruleset",))]

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
              st.sampled_from([0, 1, -1, 2**64, 2**64 - 1, 10**40, math.inf, math.nan, 0.5]),
              st.text(max_size=20), st.sampled_from(["advance", "order", "putin", "pass",
                                                     "human", "bot", "hard", "x" * 30_000])),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "role", "card", "by", "turn", "after", "digest", "text",
                         "kind", "level", "x"]), children, max_size=4),
    max_leaves=12)


@st.composite
def structural_mutants(draw) -> bytes:
    data = json.loads(RAW)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(OWN_PATHS) | st.sampled_from(DECK_PATHS))
        if not path:
            continue
        *head, last = path
        parent = data
        try:
            for key in head:
                parent = parent[key]
            parent[last]
        except (KeyError, IndexError, TypeError):
            continue
        kind = draw(st.sampled_from(["delete", "replace", "nest", "duplicate", "swap"]))
        if kind == "delete":
            del parent[last]
        elif kind == "replace":
            parent[last] = draw(json_values)
        elif kind == "nest":
            value = parent[last]
            for _ in range(draw(st.integers(1, 80))):
                value = [value]
            parent[last] = value
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        elif kind == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(0, len(parent) - 1))
            parent[last], parent[other] = parent[other], parent[last]
    return json.dumps(data, allow_nan=True).encode()


@given(structural_mutants())
def test_structural_mutations_load_or_fail_cleanly(folder, raw):
    outcome(folder, raw)


def test_the_fuzzers_reach_deep_into_the_format(folder):
    """The mutations are not all caught by the first check: different ones are stopped by
    the JSON parser, the shape checks, the decks, and the replay."""
    found = set()
    data = json.loads(RAW)
    data["actions"][5]["action"]["card"] = "pass"
    found.add(outcome(folder, json.dumps(data).encode()).split(": ", 1)[1][:20])
    found.add(outcome(folder, RAW[:-100]).split(": ", 1)[1][:20])
    found.add(outcome(folder, RAW.replace(b'"seed": ', b'"seed": -')).split(": ", 1)[1][:20])
    assert len(found) == 3
    assert outcome(folder, RAW) == "ok"


def test_the_command_line_reports_mutants_cleanly(folder, capsys):
    cases = [RAW[: len(RAW) // 2], RAW.replace(b'"version": 1', b'"version": 7'),
             RAW.replace(b'"by": "system"', b'"by": "putin"', 1)]
    for i, raw in enumerate(cases):
        path = folder / f"cli-{i}.json"
        path.write_bytes(raw)
        assert main(["replay", str(path), "--verify"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"wargame: {path}") and len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
