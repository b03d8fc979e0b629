"""Replaying a save: the actions played again from a new game, every turn's digest
compared as it is reached; the first turn that differs, or the first action that is no
longer legal, is a `Divergence` that says what differs. `verify` is the check behind
`wargame replay SAVE --verify`."""

from __future__ import annotations

import os
from typing import NoReturn

from attrs import frozen

from .. import __version__
from ..engine import (
    OVER,
    ROLE_NAMES,
    Action,
    GameState,
    IllegalAction,
    Order,
    Ruleset,
    apply,
    new_game,
)
from ..engine.tracks import TRACKS
from .model import (
    Checkpoint,
    Divergence,
    SaveData,
    SaveError,
    checkpoint,
    final_of,
    turn_ended,
    turn_label,
)
from .reading import read


def _describe_action(ruleset: Ruleset, action: Action) -> str:
    if isinstance(action, Order):
        card = ruleset.cards.get(action.card)
        what = card.title if card else action.card
        if action.option:
            what += f" ({action.option})"
        return f"{ROLE_NAMES[action.role]} orders {what!r}"
    return "the system moves the game on"


def _difference(ruleset: Ruleset, recorded: Checkpoint, replayed: Checkpoint) -> str:
    labels = {t.name: t for t in TRACKS}
    diffs = []
    for name, value in recorded.tracks.items():
        now = replayed.tracks.get(name)
        if now is not None and now != value:
            label = labels[name].label.lower() if name in labels else name
            diffs.append(f"{label} {value:,} in the save, {now:,} on replay")
    if recorded.after != replayed.after:
        diffs.insert(0, f"the save ends it after action {recorded.after}, the replay after "
                     f"action {replayed.after}")
    if not diffs:
        diffs.append(f"digest {recorded.digest[:12]}… in the save, {replayed.digest[:12]}… "
                     "on replay")
    shown = "; ".join(diffs[:3])
    if len(diffs) > 3:
        shown += f" (and {len(diffs) - 3} more)"
    return shown


def replay(save: SaveData) -> tuple[GameState, list[Checkpoint]]:
    """Play the save's actions from a new game, checking every turn's digest as it is
    reached. Returns the final state and the checkpoints the replay produced. Raises
    Divergence at the first turn that differs or the first action that is no longer
    legal (saying so when another version of the game wrote the save)."""
    try:
        return _replay(save)
    except Divergence as exc:
        if save.stale_draft:
            raise Divergence(exc.path, f"does not replay: {save.stale_draft} (first "
                             f"difference: {exc.problem})", exc.turn,
                             exc.action_index) from None
        if save.game_version == __version__:
            raise
        hint = (f" (the save was written by wargame {save.game_version}, this is "
                f"{__version__}: the rules may have changed since)")
        raise Divergence(exc.path, exc.problem + hint, exc.turn,
                         exc.action_index) from None


def _replay(save: SaveData) -> tuple[GameState, list[Checkpoint]]:
    ruleset, path, expected = save.ruleset, save.path, save.checkpoints

    def diverge(turn: int, index: int, detail: str) -> NoReturn:
        raise Divergence(path, f"{turn_label(ruleset, turn)} diverges: {detail}", turn,
                         index)

    try:
        state = new_game(ruleset, save.seed, save.turns)
    except ValueError as exc:
        raise SaveError(path, str(exc)) from None
    except (ArithmeticError, LookupError, TypeError, RecursionError) as exc:
        raise SaveError(path, f"the game cannot be set up from this save's data "
                        f"({type(exc).__name__})") from None
    produced = [checkpoint(state, 0, 0)]
    if produced[0].digest != expected[0].digest:
        diverge(0, 0, "the decks or the shuffle differ (" +
                _difference(ruleset, expected[0], produced[0]) + ")")
    for index, recorded in enumerate(save.record, start=1):
        before = state
        try:
            state = apply(state, recorded.action)
        except IllegalAction as exc:
            raise Divergence(path, f"action {index} of {len(save.record)} ("
                             f"{turn_label(ruleset, before.turn)}: "
                             f"{_describe_action(ruleset, recorded.action)}) cannot be "
                             f"replayed: {exc}", before.turn, index) from None
        except (ArithmeticError, ValueError, LookupError, TypeError,
                RecursionError) as exc:
            # The checks let through something the rules cannot work with: the file is
            # not to be trusted (exit 2), which is not the same as a game that diverges.
            raise SaveError(path, f"action {index} of {len(save.record)} ("
                            f"{turn_label(ruleset, before.turn)}) cannot be replayed: the "
                            f"rules stop on this save's data ({type(exc).__name__})") \
                from None
        theirs = expected[len(produced)] if len(produced) < len(expected) else None
        if turn_ended(before, state):
            # Turns end in order (0 is the setup), so this is turn len(produced).
            mine = checkpoint(state, before.turn, index)
            if theirs is None:
                diverge(mine.turn, index, f"the replay ends it after action {index}, the "
                        "save does not")
            if theirs.after != index or theirs.digest != mine.digest:
                diverge(mine.turn, index, _difference(ruleset, theirs, mine))
            produced.append(mine)
        elif theirs is not None and theirs.after == index:
            diverge(theirs.turn, index, f"the save ends it after action {index}, the "
                    f"replay does not (it is in the {state.phase} phase of turn "
                    f"{state.turn})")
    if len(produced) < len(expected):
        missing = expected[len(produced)]
        diverge(missing.turn, len(save.record), "the save ends it, the replay never does")
    mine_final = final_of(state, len(save.record))
    if mine_final.digest != save.final.digest:
        raise Divergence(path, f"the final state ({turn_label(ruleset, state.turn)}, "
                         f"{state.phase} phase) diverges: digest "
                         f"{save.final.digest[:12]}… in the save, "
                         f"{mine_final.digest[:12]}… on replay", state.turn,
                         len(save.record))
    return state, produced


def load(path: str | os.PathLike[str]) -> tuple[SaveData, GameState]:
    """Read, check and replay a save. Raises SaveError (Divergence when it does not
    replay). Never writes to the file."""
    save = read(path)
    state, _ = replay(save)
    return save, state


@frozen
class Verified:
    """A save that replayed with every digest matching."""

    save: SaveData
    state: GameState
    digests: int

    def summary(self) -> str:
        s, save = self.state, self.save
        turns = s.turn if s.phase == OVER else s.turn - 1
        if s.phase == OVER:
            won = " and ".join(ROLE_NAMES[r] for r in s.winners) or "nobody"
            end = ("the regime fell" if s.end == "fallen" else "the game ran its course")
            where = f"game over, {end}: {won} {'win' if len(s.winners) > 1 else 'wins'}"
        else:
            where = f"in progress: turn {s.turn} ({s.month}), {s.phase} phase"
        return (f"{save.path}: OK, {len(save.record)} actions replayed over {turns} "
                f"turn{'s' if turns != 1 else ''}, all {self.digests} digests match "
                f"({where}; {save.edition_name})")


def verify(path: str | os.PathLike[str]) -> Verified:
    """Replay a save headless and compare every turn's digest. Raises Divergence at the
    first turn that differs, SaveError when the file cannot be read at all."""
    save, state = load(path)
    return Verified(save, state, len(save.checkpoints) + 1)


