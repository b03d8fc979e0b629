"""The outcomes a class forecasts: each settled by the game itself (a condition in the
decks' condition language by some turn, or a role winning), and the presets offered."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from ..engine.expr import parse as parse_expr
from ..engine.tracks import ROLE_NAMES, ROLES


@frozen
class Outcome:
    """Something the players forecast, settled by the game itself: a condition in the
    decks' condition language that holds at the end of some turn (up to turn `by`, or
    the end of the game), or a role winning."""

    id: str
    text: str
    when: str | None = None
    by: int | None = None
    winner: str | None = None

    def to_data(self) -> dict[str, Any]:
        if self.winner is not None:
            return {"id": self.id, "text": self.text, "winner": self.winner}
        return {"id": self.id, "text": self.text, "when": self.when, "by": self.by}

    def settle(self, game: Any) -> bool | None:
        """True or False once the game has decided it, None while it is open. `game` is a
        `wargame.debrief.Debrief` (its turn records, states and final state)."""
        final = game.final
        if self.winner is not None:
            return (self.winner in final.winners) if final.over else None
        condition = parse_expr(self.when or "false")
        for record in game.turns:
            if self.by is not None and record.turn > self.by:
                return False
            if condition.evaluate(game.states[record.last_action]):
                return True
        if final.over:
            return False
        finished = max((t.turn for t in game.turns), default=0)
        return False if self.by is not None and finished >= self.by else None


PRESETS: tuple[Outcome, ...] = (
    Outcome("regime_falls", "The regime falls before the game ends", "regime_fallen"),
    Outcome("combat", "Belarusian troops fight in Ukraine (involvement reaches 4)",
            "involvement >= 4"),
    Outcome("border", "Troops are massed at the border (involvement reaches 3)",
            "involvement >= 3"),
    Outcome("absorbed", "Minsk gives up its sovereignty (sovereignty 1 or less)",
            "sovereignty <= 1"),
    Outcome("unrest", "Unrest in Belarus reaches 6", "unrest >= 6"),
    *(Outcome(f"{role}_wins", f"{ROLE_NAMES[role]} wins", winner=role) for role in ROLES),
)
PRESET_BY_ID = {o.id: o for o in PRESETS}
