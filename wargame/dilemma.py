"""What a finished game says about the article's question (¶1, ¶29): was Belarus drawn
into the war, and did that break the regime?

    dilemma_of(state) -> {"entered_war": 1, "regime_fell": 0, ...}

Every figure is a whole number (mostly 0 or 1 for one game, a count for calls and
answers), so a simulation adds them up game by game and the totals are the same however
the games were split between processes. The figures are read from the finished state and
the DATA of its log, never from the log's words: an entry's `kind`, `turn`, `role`,
`card`, `rule`, `changes` (track and flag values before and after) and, for answers to a
Kremlin demand, its `answer`. The values of a track over the game are the scenario's
starting values with every logged change applied in order. "Measuring the dilemma" in
docs/design.md defines each figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .engine import GameState, LogEntry, Ruleset
from .engine.effects import SetFlag
from .engine.expr import LOYAL_UNITS_STRENGTH
from .engine.rules import thin_below, war_aim
from .engine.tracks import TRACK_INDEX

ENTERED_WAR = 5_000
"""Belarusian troops in Ukraine that count as having entered the war."""
MASSED = 10_000
"""Troops at the border that count as massed there."""
LATE_TURNS = 2
"""The last this many turns of a game count as late."""
SHORT_GAME = 4
"""A game that ends before this turn ended early."""
RUNGS = tuple(range(6))
"""The involvement ladder's rungs."""

FALLEN = "regime_fallen"
THIN = "garrison_thin"

KEYS: tuple[str, ...] = (
    "entered_war",
    "entries_late",
    "massed_at_border",
    "regime_fell",
    "fell_by_uprising",
    "fell_by_call",
    "fell_by_collapse",
    "absorbed",
    "putin_military_wins",
    "putin_absorption_wins",
    "uprising_calls",
    "uprising_calls_won",
    "uprising_calls_late",
    "uprising_calls_full_garrison",
    "uprising_calls_full_garrison_won",
    *(f"rung_{r}" for r in RUNGS),
    "ladder_down",
    "ends_before_turn_4",
    "complies",
    "answers",
)
"""The figures of one game, in the order they are shown."""

_calls_cache: dict[str, frozenset[str]] = {}


def uprising_cards(ruleset: Ruleset) -> frozenset[str]:
    """The opposition's cards that call the uprising: those whose effects can set the
    flag `regime_fallen` (in the shipped decks, "Call the uprising"). Found by what the
    cards do, so a deck that renames the card is still read right."""
    key = ruleset.digest or str(id(ruleset))
    found = _calls_cache.get(key)
    if found is None:
        found = frozenset(
            card_id for card_id in ruleset.decks.get("opposition", ())
            if any(isinstance(e, SetFlag) and e.flag == FALLEN and e.on
                   for e in _effects(ruleset.cards[card_id])))
        if ruleset.digest:
            _calls_cache[key] = found
    return found


def _effects(card: Any) -> Iterator[Any]:
    roots = list(card.effects)
    for option in card.options:
        roots.extend(option.effects)
    for effect in roots:
        yield from effect.walk()


def answer_of(entry: LogEntry) -> str | None:
    """'comply' or 'stall' for the log entry of an answer to a Kremlin demand."""
    if entry.kind != "answer" or entry.role not in ("", "lukashenko") or \
            dict(entry.data).get("forced"):
        return None
    answer = dict(entry.data).get("answer")
    return answer if answer in ("comply", "stall") else None


def dilemma_of(state: GameState) -> dict[str, int]:
    """The figures of one finished game (see `KEYS`), from its state and log data."""
    return measure(state.ruleset, state.log, state.turns, state.turn, state.tracks,
                   state.flags, state.winners, state.end)


def measure(ruleset: Ruleset, log: Iterable[LogEntry], turns: int, last_turn: int,
            tracks: tuple[int, ...], flags: frozenset[str], winners: tuple[str, ...],
            end: str) -> dict[str, int]:
    """`dilemma_of` over the parts of a game: its log, its length in turns, the turn it
    ended in, and its final tracks, flags, winners and end ("fallen" or "time")."""
    scenario = ruleset.scenario
    now = {name: scenario.tracks[i] for name, i in TRACK_INDEX.items()}
    flags_now = set(scenario.flags)
    calls = uprising_cards(ruleset)
    late = turns - LATE_TURNS + 1

    top_ukraine = now["troops_ukraine"]
    top_border = now["troops_border"]
    entry_turn = 0 if top_ukraine >= ENTERED_WAR else None
    rungs = {now["involvement"]}
    down = False
    fall: LogEntry | None = None
    call_turns: dict[int, bool] = {}
    """Turn of a call -> whether the whole garrison stood in Minsk when it resolved (the
    garrison, loyal units counted, at or above the edition's thin threshold)."""
    thin_at = thin_below(ruleset)
    fizzled: set[int] = set()
    complies = answers = 0

    for entry in log:
        kind = entry.kind
        if kind == "reveal" and entry.role == "opposition" and entry.card in calls:
            call_turns[entry.turn] = THIN not in flags_now
        elif kind == "effect" and entry.role == "opposition" and entry.card in calls:
            held = now["troops_minsk"] + (LOYAL_UNITS_STRENGTH if "loyal_units" in flags_now
                                          else 0)
            call_turns[entry.turn] = held >= thin_at
        elif kind == "fizzle" and entry.card in calls:
            fizzled.add(entry.turn)
        elif kind == "answer":
            answer = answer_of(entry)
            if answer is not None:
                answers += 1
                complies += answer == "comply"
        for change in entry.changes:
            name, after = change.name, change.after
            if name.startswith("flag:"):
                flag = name[5:]
                if after:
                    flags_now.add(flag)
                    if flag == FALLEN and fall is None:
                        fall = entry
                else:
                    flags_now.discard(flag)
                continue
            now[name] = after
            if name == "troops_ukraine":
                top_ukraine = max(top_ukraine, after)
                if entry_turn is None and after >= ENTERED_WAR:
                    entry_turn = entry.turn
            elif name == "troops_border":
                top_border = max(top_border, after)
            elif name == "involvement":
                rungs.add(after)
                down = down or after < change.before

    fell = end == "fallen" or FALLEN in flags
    cause = ""
    if fell and fall is not None:
        if fall.card in calls:
            cause = "call"
        elif fall.rule == "uprising":
            cause = "uprising"
        elif fall.rule == "collapse":
            cause = "collapse"
    made = {t: full for t, full in call_turns.items() if t not in fizzled}
    won_turn = fall.turn if cause == "call" and fall is not None else None
    final = dict(zip(TRACK_INDEX, tracks, strict=False))
    putin_won = "putin" in winners and not fell
    military = putin_won and war_aim(final["involvement"], frozenset(flags),
                                     ruleset.edition) >= 0
    absorption = putin_won and not military and final["sovereignty"] <= 1

    out = dict.fromkeys(KEYS, 0)
    out.update(
        entered_war=int(entry_turn is not None),
        entries_late=int(entry_turn is not None and entry_turn >= late),
        massed_at_border=int(top_border >= MASSED),
        regime_fell=int(fell),
        fell_by_uprising=int(cause in ("call", "uprising")),
        fell_by_call=int(cause == "call"),
        fell_by_collapse=int(cause == "collapse"),
        absorbed=int(not fell and final["sovereignty"] <= 1),
        putin_military_wins=int(military),
        putin_absorption_wins=int(absorption),
        uprising_calls=len(made),
        uprising_calls_won=int(won_turn in made),
        uprising_calls_late=sum(1 for t in made if t >= late),
        uprising_calls_full_garrison=sum(1 for full in made.values() if full),
        uprising_calls_full_garrison_won=int(won_turn is not None and made.get(won_turn,
                                                                               False)),
        ladder_down=int(down),
        ends_before_turn_4=int(last_turn < SHORT_GAME),
        complies=complies,
        answers=answers,
    )
    for r in RUNGS:
        out[f"rung_{r}"] = int(r in rungs)
    return out


def dilemma_data(counts: dict[str, int], games: int) -> dict[str, Any]:
    """The `"dilemma"` object of `wargame simulate --json`: counts of games (and of
    calls and answers), the rungs as a list from rung 0 to 5."""
    data: dict[str, Any] = {"games": games}
    for key in KEYS:
        if key.startswith("rung_"):
            if key == "rung_0":
                data["rungs_reached"] = [counts.get(f"rung_{r}", 0) for r in RUNGS]
            continue
        data[key] = counts.get(key, 0)
    return data


def compliance_rate(counts: dict[str, int]) -> float | None:
    """The regime's complies over all its answers to Kremlin demands (None without any
    answer)."""
    answers = counts.get("answers", 0)
    return round(counts.get("complies", 0) / answers, 4) if answers else None


__all__ = ["KEYS", "answer_of", "compliance_rate", "dilemma_data", "dilemma_of", "measure",
           "uprising_cards"]
