"""What an order is expected to do, read from the cards themselves.

The normal bot never knows a card by its id: it asks what the card's effects would do to
the board it can see. `forecast(view, order)` runs the order's real effect primitives and
then the real consequence rules of the engine on a `Board`, a what-if copy of the public
board that holds expected values instead of dice: where a roll decides, both outcomes are
played and mixed by their chance. So a card that "raises unrest by 2 on a 60% roll" reads
as +1.2 unrest, and moving troops out of Minsk shows the thin-garrison rule firing, with
whatever numbers the decks and rules have at the time.

The board holds only what the role's view holds (tracks, flags, open demands, the turn):
a forecast can never read a hidden card or the generator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from wargame.engine import COMPLY, PASS, STALL, Order, Ruleset
from wargame.engine.effects import (
    Answer,
    Discard,
    Draw,
    If,
    Move,
    Roll,
    SetFlag,
    TrackChange,
    answer_demand,
)
from wargame.engine.expr import garrison
from wargame.engine.rules import rising_chance, rules_of, tuning_of, war_aim
from wargame.engine.state import OpenDemand
from wargame.engine.tracks import COUNTERS, RESOURCE_OF, TRACK_INDEX, TRACKS

if TYPE_CHECKING:
    from wargame.engine.effects import Scratch

_LO = tuple(t.lo for t in TRACKS)
_HI = tuple(t.hi for t in TRACKS)
_STABILITY, _UNREST, _DEFECTIONS, _NETWORK, _SOVEREIGNTY, _INVOLVEMENT = (
    TRACK_INDEX[n] for n in ("stability", "unrest", "defections", "network", "sovereignty",
                             "involvement"))
_FALLEN = "regime_fallen"
MAX_FORKS = 4
"""Rolls deeper than this in one step count as their likelier outcome (a cap on work)."""


class _Throwaway(dict):
    """Piles for the engine's demand answer to file cards into; a forecast ignores them."""

    def __missing__(self, key: str) -> list[str]:
        value: list[str] = []
        self[key] = value
        return value


class Board:
    """A what-if copy of the public board with expected values (floats) for tracks and a
    probability for each flag. It offers the parts of the engine's `Scratch` that effect
    primitives and consequence rules use, so it runs them unchanged."""

    __slots__ = (
        "_forced",
        "_journal",
        "chances",
        "changes",
        "demands",
        "discards",
        "draws",
        "flag_p",
        "flags",
        "ruleset",
        "tracks",
        "turn",
        "turns",
    )

    def __init__(self, ruleset: Ruleset, tracks: Sequence[float], flags: dict[str, float],
                 demands: Sequence[OpenDemand], turn: int, turns: int) -> None:
        self.ruleset = ruleset
        self.tracks: list[float] = list(tracks)
        self.flag_p: dict[str, float] = flags
        self.flags: set[str] = {f for f, p in flags.items() if p >= 0.5}
        self.demands: list[OpenDemand] = list(demands)
        self.turn = turn
        self.turns = turns
        self.draws: dict[str, float] = {}
        self.discards: dict[str, float] = {}
        self.changes: list[Any] = []
        self._journal: list[tuple[Any, ...]] | None = None
        self._forced: list[bool] = []
        self.chances: list[float] = []

    @classmethod
    def of(cls, env: Any) -> Board:
        """The board of a view (or a state: the same public fields)."""
        return cls(env.ruleset, env.tracks, dict.fromkeys(env.flags, 1.0), env.demands,
                   env.turn, env.turns)

    def copy(self) -> Board:
        b = Board.__new__(Board)
        b.ruleset = self.ruleset
        b.tracks = self.tracks.copy()
        b.flag_p = self.flag_p.copy()
        b.flags = self.flags.copy()
        b.demands = self.demands.copy()
        b.turn, b.turns = self.turn, self.turns
        b.draws = self.draws.copy()
        b.discards = self.discards.copy()
        b.changes = []
        b._journal = None
        b._forced = []
        b.chances = []
        return b

    # Reading ------------------------------------------------------------------------

    def track(self, name: str) -> float:
        return self.tracks[TRACK_INDEX[name]]

    def flag(self, name: str) -> float:
        """The chance that the flag is set."""
        return self.flag_p.get(name, 0.0)

    @property
    def fall(self) -> float:
        """The chance that the regime has fallen."""
        return self.flag_p.get(_FALLEN, 0.0)

    def garrison(self) -> float:
        return garrison(self)

    # The parts of Scratch that effects and rules use --------------------------------

    def get(self, name: str) -> float:
        return self.tracks[TRACK_INDEX[name]]

    def set_index(self, index: int, value: float) -> float:
        lo, hi = _LO[index], _HI[index]
        value = lo if value < lo else hi if value > hi else value
        before = self.tracks[index]
        if self._journal is not None:
            self._journal.append((index, before))
        self.tracks[index] = value
        return value - before

    def set(self, name: str, value: float) -> float:
        return self.set_index(TRACK_INDEX[name], value)

    def add(self, name: str, amount: float) -> float:
        # set_index(index, tracks[index] + amount), written out: the rules' commonest write
        index = TRACK_INDEX[name]
        tracks = self.tracks
        before = tracks[index]
        value = before + amount
        lo, hi = _LO[index], _HI[index]
        value = lo if value < lo else hi if value > hi else value
        if self._journal is not None:
            self._journal.append((index, before))
        tracks[index] = value
        return value - before

    def set_flag(self, name: str, on: bool = True) -> None:
        if self._journal is not None:
            self._journal.append((name, self.flag_p.get(name)))
        self.flag_p[name] = 1.0 if on else 0.0
        if on:
            self.flags.add(name)
        else:
            self.flags.discard(name)

    def roll(self, chance: float, label: str = "", **_: Any) -> bool:
        if self._journal is not None:
            raise _Fork
        chance = 0 if chance < 0 else 100 if chance > 100 else chance
        i = len(self.chances)
        self.chances.append(chance)
        if i < len(self._forced):
            return self._forced[i]
        return chance >= 50

    def draw(self, owner: str, count: int) -> list[str]:
        self.draws[owner] = self.draws.get(owner, 0) + count
        return []

    def discard_random(self, owner: str, count: int) -> None:
        self.discards[owner] = self.discards.get(owner, 0) + count

    def pile(self, owner: str) -> dict[str, list[str]]:
        return _Throwaway()

    def take_changes(self) -> tuple:
        self.changes.clear()
        return ()

    def note(self, *args: Any, **kw: Any) -> None:
        return None


def as_scratch(board: Board) -> Scratch:
    """The board where the engine's effects and rules want a `Scratch`: it offers the
    parts of one that they use (above), so they run on it unchanged."""
    return cast("Scratch", board)


def on_board(step: Callable[[Scratch], Any]) -> Callable[[Board], Any]:
    """A step of the engine (a consequence rule's `fire`) as a step on a board."""
    return cast("Callable[[Board], Any]", step)


class _Fork(Exception):
    """A step rolled dice while it ran in place: undo it and play both outcomes."""


def _undo(board: Board, journal: list[tuple[Any, ...]]) -> None:
    for key, before in reversed(journal):
        if isinstance(key, int):
            board.tracks[key] = before
        elif before is None:
            board.flag_p.pop(key, None)
        else:
            board.flag_p[key] = before
    board.flags = {f for f, p in board.flag_p.items() if p >= 0.5}


def expect_in_place(board: Board, step: Callable[[Board], Any]) -> Board:
    """`expect` for a step that only moves tracks and flags (a consequence rule): it runs
    on `board` itself, and only copies the board when the step turns out to roll."""
    journal: list[tuple[Any, ...]] = []
    board._journal = journal
    try:
        step(board)
    except _Fork:
        board._journal = None
        _undo(board, journal)
        return expect(board, step)
    board._journal = None
    return board


def _mix(yes: Board, no: Board, p: float) -> Board:
    """The board that is `yes` with chance p and `no` otherwise, as expected values."""
    q = 1.0 - p
    likely = yes if p >= 0.5 else no  # lists (demands) follow the likelier outcome
    out = Board.__new__(Board)  # likely.copy(), but for what is mixed below
    out.ruleset = likely.ruleset
    out.demands = likely.demands.copy()
    out.turn, out.turns = likely.turn, likely.turns
    out.changes = []
    out._journal = None
    out._forced = []
    out.chances = []
    out.tracks = [p * a + q * b for a, b in zip(yes.tracks, no.tracks, strict=True)]
    flags = {}
    yes_p, no_p = yes.flag_p, no.flag_p
    for name in yes_p.keys() | no_p.keys():
        flags[name] = p * yes_p.get(name, 0.0) + q * no_p.get(name, 0.0)
    out.flag_p = flags
    out.flags = {f for f, v in flags.items() if v >= 0.5}
    a, b = yes.draws, no.draws
    out.draws = {k: p * a.get(k, 0) + q * b.get(k, 0) for k in a.keys() | b.keys()}
    a, b = yes.discards, no.discards
    out.discards = {k: p * a.get(k, 0) + q * b.get(k, 0) for k in a.keys() | b.keys()}
    return out


def expect(board: Board, step: Callable[[Board], Any], forced: tuple[bool, ...] = ()) -> Board:
    """The board after `step`, averaged over the outcomes of every roll it makes."""
    b = board.copy()
    b._forced = list(forced)
    step(b)
    return _expected(board, step, forced, b)


def _expected(board: Board, step: Callable[[Board], Any], forced: tuple[bool, ...],
              b: Board) -> Board:
    """`expect(board, step, forced)`, given `b`: `step` already run on a copy of
    `board` with those outcomes forced."""
    n = len(forced)
    if len(b.chances) <= n or n >= MAX_FORKS:
        return b
    chance = b.chances[n]
    last = len(b.chances) == n + 1  # no roll after this one: `b` is already exact
    if chance <= 0 or chance >= 100:
        return b if last else expect(board, step, (*forced, chance >= 50))
    likely = b if last else None
    yes = likely if likely is not None and chance >= 50 else expect(board, step, (*forced, True))
    no = likely if likely is not None and chance < 50 else expect(board, step, (*forced, False))
    return _mix(yes, no, chance / 100)


def resolve(b: Board, order: Order) -> None:
    """Resolve one order on the board as the engine would, paying its cost."""
    role = order.role
    if order.card == PASS:
        b.add(RESOURCE_OF[role], 1)
        return
    if order.card in (COMPLY, STALL):
        answer_demand(as_scratch(b), order.card)
        return
    card = b.ruleset.cards[order.card]
    option = card.option(order.option)
    b.add(RESOURCE_OF[role], -(card.cost + (option.cost if option else 0)))
    for effect in card.effects:
        effect.apply(as_scratch(b), role)
    if option:
        for effect in option.effects:
            effect.apply(as_scratch(b), role)
    if card.demand is not None:
        b.demands.append(OpenDemand(card.id, b.turn))


def forecast(env: Any, order: Order, consequences: bool = True) -> Board:
    """The expected board after `order` and this month's consequence rules, everyone
    else passing. `env` is the role's view."""
    def step(b: Board) -> None:
        resolve(b, order)

    # `expect(Board.of(env), step)`, without copying the fresh board for its first run
    board = Board.of(env)
    step(board)
    if board.chances:
        board = _expected(Board.of(env), step, (), board)
    if consequences:
        board = run_consequences(board)
    return board


_FIRES: dict[int, tuple[tuple[Any, ...], tuple[Callable[[Board], Any], ...]]] = {}
"""The `fire` of each rule of an edition's rules, keyed by the id of the rules' tuple
(which is kept beside them, so an id is never mistaken for another tuple's)."""


def _fires(ruleset: Ruleset) -> tuple[Callable[[Board], Any], ...]:
    rules = rules_of(ruleset)
    hit = _FIRES.get(id(rules))
    if hit is None or hit[0] is not rules:
        hit = (rules, tuple(on_board(rule.fire) for rule in rules))
        _FIRES[id(rules)] = hit
    return hit[1]


def run_consequences(board: Board) -> Board:
    """The board after this month's consequence rules (it may be changed in place).
    `expect_in_place` for each rule, written out: it is the bots' hottest loop."""
    if board.flag_p.get(_FALLEN, 0.0) >= 1.0:
        return board
    fires = _fires(board.ruleset)
    journal: list[tuple[Any, ...]] = []  # one rule's writes, emptied after each rule
    board._journal = journal
    for fire in fires:
        try:
            fire(board)
        except _Fork:
            board._journal = None
            _undo(board, journal)
            board = expect(board, fire)  # a new board, never `board` itself
            board._journal = journal
        if journal:
            journal.clear()
    board._journal = None
    return board


def project(board: Board, months: int) -> Board:
    """The board `months` later if nobody played anything: the drains that are already
    running (open demands, a weak economy, sanctions, a thin garrison...) carry on. So a
    forecast sees that an unanswered demand costs stability every month, not just once."""
    private = False  # after the first month the board is this projection's own
    for _ in range(min(months, board.turns - board.turn)):
        if board.flag_p.get(_FALLEN, 0.0) >= 1.0:
            break
        if not private:
            board, private = board.copy(), True
        for i in COUNTERS:
            board.tracks[i] = 0.0
        board.turn += 1
        board = run_consequences(board)
    return board


# -- how a board looks to each role ---------------------------------------------------

def danger(b: Board) -> float:
    """How close the regime is to falling, 0 (safe) to 1: low stability, and unrest and
    defections near the uprising thresholds with a thin garrison in Minsk."""
    t = tuning_of(b.ruleset)
    tracks = b.tracks
    stability = tracks[_STABILITY]
    collapse = max(0.0, min(1.0, (3.0 - stability) / 3.0))
    if b.ruleset.edition >= 2:  # the streets weigh unrest and the network against Minsk
        unrest = tracks[_UNREST]
        near = max(0.0, min(1.0, (unrest - t.RISING_UNREST + 3) / 3.0))
        return max(collapse, near * rising_chance(b) / 100.0, b.flag_p.get(_FALLEN, 0.0))
    unrest_gap = max(0.0, t.UPRISING_UNREST - b.track("unrest"))
    defections_gap = max(0.0, t.UPRISING_DEFECTIONS - b.track("defections"))
    near = max(0.0, 1.0 - (unrest_gap + defections_gap) / 6.0)
    thin = 1.0 if b.garrison() < t.GARRISON_THIN else 0.35
    return max(collapse, near * thin, b.fall)


def _smooth(x: float, scale: float) -> float:
    """0..1, 0.5 at x = 0: how likely a margin of x holds, given how much can change."""
    z = x / scale
    return 0.5 + 0.5 * z / (1.0 + abs(z))


def soft_min(*xs: float, t: float = 0.7) -> float:
    """Like min, but a second weak point close to the weakest still counts a little."""
    if len(xs) == 2:
        return _soft_min_2(xs[0], xs[1], t)
    low = min(xs)
    return low - t * math.log(sum(math.exp(-(x - low) / t) for x in xs))


def _soft_min_2(x: float, y: float, t: float) -> float:
    """`soft_min(x, y, t=t)`: the same operations (a sum of two terms is their one
    addition), without packing them."""
    low = y if y < x else x  # min(x, y), which keeps the first of equals
    return low - t * math.log(math.exp(-(x - low) / t) + math.exp(-(y - low) / t))


def soft_max(*xs: float, t: float = 0.7) -> float:
    if len(xs) == 2:
        return _soft_max_2(xs[0], xs[1], t)
    return -soft_min(*(-x for x in xs), t=t)


def _soft_max_2(x: float, y: float, t: float = 0.7) -> float:
    """`soft_max(x, y, t=t)`."""
    return -_soft_min_2(-x, -y, t)


_NOT_SURE = (Roll, If, Answer, Draw, Discard)
"""Effects a demand's pull leaves out (chance, conditions, answers, cards)."""


def demand_pull(b: Board, card_id: str) -> float:
    """How much nearer Putin's aim complying with an open demand would bring him (its
    sure, direct effects only)."""
    card = b.ruleset.cards[card_id]
    demand = card.demand
    if demand is None:
        return 0.0
    plain = _PLAIN.get(id(demand))
    if plain is None or plain[0] is not demand:
        plain = _PLAIN[id(demand)] = (demand, all(
            type(e) is SetFlag or type(e) is Move
            or (type(e) is TrackChange and e.amount.literal is not None)
            for e in demand.comply if not isinstance(e, _NOT_SURE)))
    if not plain[1]:
        return _demand_pull(b, card)
    tracks = b.tracks
    key = (id(demand), tracks[_INVOLVEMENT], tracks[_SOVEREIGNTY], frozenset(b.flags),
           b.ruleset.edition)
    pull = _PULLS.get(key)
    if pull is None:
        if len(_PULLS) >= _PULLS_KEPT:
            _PULLS.clear()
        pull = _PULLS[key] = _demand_pull(b, card)
    return pull


_PLAIN: dict[int, tuple[Any, bool]] = {}
"""Whether a demand's sure effects (read by `demand_pull`) are only flags set, troops
moved and tracks changed by a plain number, keyed by the demand's id (the demand is kept
beside it, so an id is never mistaken for another's). Then the pull depends on nothing
but involvement, sovereignty, the flags and the edition: a track changed by a number
depends only on itself, a move only changes where troops stand, and no other track
enters Putin's aim."""
_PULLS: dict[tuple[Any, ...], float] = {}
"""The pulls of such demands by (demand id, involvement, sovereignty, flags, edition)."""
_PULLS_KEPT = 20_000


def _demand_pull(b: Board, card: Any) -> float:
    after = b.copy()
    for effect in card.demand.comply:
        if isinstance(effect, _NOT_SURE):
            continue  # keep the demand's pull simple: its sure, direct effects
        effect.apply(as_scratch(after), card.role)
    edition = b.ruleset.edition
    before = _soft_max_2(war_aim(b.tracks[_INVOLVEMENT], b.flags, edition),
                         1 - b.tracks[_SOVEREIGNTY])
    return max(0.0, _soft_max_2(war_aim(after.tracks[_INVOLVEMENT], after.flags, edition),
                                1 - after.tracks[_SOVEREIGNTY]) - before)


DEMAND_WEIGHT_2 = 0.3
"""Edition 2: what an open demand is worth to the Kremlin's margin, as a share of what
complying would bring (Minsk pays to refuse it, and the Kremlin may force it)."""


def margin(role: str, b: Board) -> float:
    """A smooth version of the role's victory margin (`wargame.engine.rules.margins`),
    ignoring a fall: 0 or more means the condition holds."""
    tracks = b.tracks
    stability = tracks[_STABILITY] - 3
    if role == "lukashenko":
        return soft_min(stability, tracks[_SOVEREIGNTY] - 3, 3 - tracks[_INVOLVEMENT])
    if role == "putin":
        goal = _soft_max_2(war_aim(tracks[_INVOLVEMENT], b.flags, b.ruleset.edition),
                           1 - tracks[_SOVEREIGNTY])
        if b.ruleset.edition >= 2 and b.demands:
            goal += DEMAND_WEIGHT_2 * min(1.0, sum(demand_pull(b, d.card)
                                                   for d in b.demands))
        return soft_min(goal, stability)
    return tracks[_DEFECTIONS] + tracks[_NETWORK] - 12


def win_chance(role: str, b: Board) -> float:
    """A rough chance that `role` wins from this board: its victory margin, weighed by
    how many months are left to change it, and the risk that the regime falls."""
    left = max(0, b.turns - b.turn)
    scale = 0.8 + 0.45 * left
    fall = b.flag_p.get(_FALLEN, 0.0)
    risk = danger(b)
    held = _smooth(margin(role, b) + 0.5, scale)
    if role == "opposition":
        falls = fall + (1.0 - fall) * 0.6 * risk
        return falls + (1.0 - falls) * held
    return (1.0 - fall) * (1.0 - 0.6 * risk) * held


__all__ = ["Board", "danger", "expect", "forecast", "margin", "project", "resolve",
           "run_consequences",
           "soft_max", "soft_min", "win_chance"]
