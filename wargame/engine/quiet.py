"""The scratch board of a quiet game (`GameState.quiet`): a bot's playout.

No rule reads the log, so a game nobody will read can do without it. `QuietScratch` is
the `Scratch` of such a game: it moves every track, flag, pile and die exactly as the
logged one does, and draws the same numbers from the generator in the same order, but
writes no log entry, no trace and no record of changes (`take_changes` is always empty),
and does none of the work only the log needs.
"""

from __future__ import annotations

from typing import Any

from .effects import _BOUNDS, Scratch
from .state import Change, GameState


class QuietScratch(Scratch):
    __slots__ = ()

    quiet = True

    def __init__(self, state: GameState) -> None:
        super().__init__(state)
        self.data_log = False  # effects run without a trace (`run_effects`)

    def set_index(self, index: int, value: int) -> int:
        lo, hi, _ = _BOUNDS[index]
        value = lo if value < lo else hi if value > hi else value
        tracks = self.tracks
        before = tracks[index]
        tracks[index] = value
        return value - before

    def set_flag(self, name: str, on: bool = True) -> None:
        if on:
            self.flags.add(name)
        else:
            self.flags.discard(name)

    def take_changes(self) -> tuple[Change, ...]:
        return ()

    def note(self, kind: str, p: dict[str, Any] | None = None, **_: Any) -> None:
        return None

    def roll(self, chance: int, role: str = "", rule: str = "", source: str = "",
             p: dict[str, Any] | None = None) -> bool:
        chance = 0 if chance < 0 else 100 if chance > 100 else chance
        rolled = self.rng.d100()  # a fixed roll still takes its draw
        if self.forced_rolls:
            rolled = self.forced_rolls.pop(0)
        self.last_roll = (rolled, chance)
        return rolled <= chance


def scratch_of(state: GameState) -> Scratch:
    """The scratch board of `state`: quiet when the state is."""
    return QuietScratch(state) if state.quiet else Scratch(state)
