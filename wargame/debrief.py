"""After-action analysis of a played game: the timeline turn by turn, the tracks and
victory margins over time, the turning points and the cards played.

Pure: it replays the recorded actions through the engine and reads the structured log.
The replay viewer, the report export and the classroom summary all read a `Debrief`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import evolve, field, frozen

from .engine import (
    ROLES,
    TRACKS,
    Action,
    GameState,
    LogEntry,
    Order,
    Ruleset,
    apply,
    digest,
    margins,
    new_game,
)
from .engine.rules import grades
from .engine.state import FREE_ORDERS
from .engine.tracks import INITIATIVE, ROLE_NAMES, TRACK_INDEX
from .telling import FREE_ORDER_TITLES, change_text, order_title, result_reading, told

MARGIN_TRACKS: dict[str, frozenset[str]] = {
    "lukashenko": frozenset({"stability", "sovereignty", "involvement", "flag:regime_fallen"}),
    "putin": frozenset({"stability", "sovereignty", "involvement", "flag:regime_fallen"}),
    "opposition": frozenset({"defections", "network", "flag:regime_fallen"}),
}
"""The tracks each role's victory margin is computed from (rules.margins)."""

KEY_TRACKS = frozenset({"involvement", "troops_border", "troops_ukraine", "reservists",
                        "sovereignty", "flag:regime_fallen", "flag:joint_command"})
"""An order that moves one of these is a key order, marked on the charts."""


@frozen
class PlayedOrder:
    role: str
    order: Order
    title: str
    reason: str | None
    by: str
    """'human', 'bot' or 'umpire' (who chose it)."""


@frozen
class TurnRecord:
    turn: int
    month: str
    event: str | None
    """The world event's card id, if one was drawn."""
    orders: tuple[PlayedOrder, ...]
    """In initiative order."""
    entries: tuple[LogEntry, ...]
    """Every public log entry of the turn (the referee's view)."""
    tracks_before: tuple[int, ...]
    tracks_after: tuple[int, ...]
    margins_before: Mapping[str, int]
    margins_after: Mapping[str, int]
    digest: str
    first_action: int
    """Index into the actions of the first action of this turn (its event)."""
    last_action: int
    """Index of the action that ended this turn (its upkeep, or the end of the game)."""
    flags_before: frozenset[str] = frozenset()
    edition: int = 1
    """The rules edition the margins are computed under."""

    @property
    def rolls(self) -> tuple[LogEntry, ...]:
        return tuple(e for e in self.entries if e.kind == "roll")

    @property
    def consequences(self) -> tuple[LogEntry, ...]:
        return tuple(e for e in self.entries if e.kind == "consequence")

    def swing(self, role: str) -> int:
        return self.margins_after[role] - self.margins_before[role]


@frozen
class TurningPoint:
    role: str
    turn: int
    month: str
    swing: int
    causes: tuple[LogEntry, ...]
    """Log entries of that turn that moved the role's margin, the largest move first (a
    fallen regime is credited to the rule that toppled it), then those that moved a track
    the margin depends on without moving it."""

    def summary(self) -> str:
        verb = "rose" if self.swing > 0 else "fell"
        causes = "; ".join(cause_text(e, self.role) for e in self.causes[:3]) or \
            "no single cause"
        return (f"{ROLE_NAMES[self.role]}'s margin {verb} by {abs(self.swing)} in "
                f"{self.month}: {causes}")


@frozen
class CardPlay:
    turn: int
    role: str
    card: str
    title: str
    question: str
    source: str


@frozen
class Debrief:
    ruleset: Ruleset
    seed: int
    turns: tuple[TurnRecord, ...]
    final: GameState
    states: tuple[GameState, ...]
    """Every state, from the new game to the last (index i = after i actions)."""
    actions: tuple[Action, ...]
    seats: Mapping[str, str]
    """role -> 'human' or 'bot (level)'."""
    notes: tuple[Any, ...]
    """The teacher's notes (`wargame.saves.Note`: turn, action_index, text)."""
    turning_points: tuple[TurningPoint, ...]
    cards_played: tuple[CardPlay, ...]
    sections: Mapping[str, Any] = field(factory=dict)
    """The save's optional sections (the classroom's forecasts and votes...)."""

    @property
    def winners(self) -> tuple[str, ...]:
        return self.final.winners

    @property
    def end(self) -> str:
        return self.final.end

    def final_margins(self) -> dict[str, int]:
        return margins(self.final.tracks, self.final.flags, self.ruleset.edition)

    def final_grades(self) -> dict[str, str]:
        """Each role's result level (`rules.GRADES`) once the game is over; {} before."""
        return grades(self.final.tracks, self.final.flags,
                      self.ruleset.edition) if self.final.over else {}

    def final_readings(self) -> dict[str, str]:
        """Why each role's result is what it is ('survived and stayed out of combat, but
        sovereignty fell to 2'), once the game is over; {} before."""
        if not self.final.over:
            return {}
        return {r: result_reading(r, self.final.tracks, self.final.flags,
                                  self.ruleset.edition) for r in ROLES}

    def series(self, track: str) -> list[int]:
        """A track's value at the start of the game and at the end of every turn."""
        i = TRACK_INDEX[track]
        return [self.turns[0].tracks_before[i], *(t.tracks_after[i] for t in self.turns)] \
            if self.turns else [self.final.tracks[i]]

    def margin_series(self, role: str) -> list[int]:
        if not self.turns:
            return [self.final_margins()[role]]
        return [self.turns[0].margins_before[role], *(t.margins_after[role] for t in self.turns)]

    def key_orders(self) -> list[tuple[int, str, str]]:
        """(turn, role, title) of the orders that moved a key track."""
        out = []
        for t in self.turns:
            for e in t.entries:
                if e.kind in ("effect", "answer") and e.role in ROLES and any(
                        c.name in KEY_TRACKS for c in e.changes):
                    out.append((t.turn, e.role, self._key_title(e)))
        return out

    def _key_title(self, e: LogEntry) -> str:
        """A key order's name: the card's title, or for an answer to a demand the free
        order's and the demand's ("Comply with Moscow's demand 'Another integration
        roadmap'"), not the log's sentence, which names the role again."""
        card = self.ruleset.cards.get(e.card or "")
        if card is None:
            return e.text
        if e.kind == "effect":
            return card.title
        answer = dict(e.data).get("answer")
        if answer in FREE_ORDER_TITLES and not dict(e.data).get("forced"):
            return f"{FREE_ORDER_TITLES[answer]} '{card.title}'"
        return e.text

    def state_at_turn_start(self, turn: int) -> GameState:
        for t in self.turns:
            if t.turn == turn:
                return self.states[t.first_action]
        raise KeyError(f"no turn {turn} in this game")

    def moments(self) -> tuple[Moment, ...]:
        """The steps of the replay, in order (see `Moment`)."""
        return moments(self)

    def board_at(self, moment: Moment) -> tuple[tuple[int, ...], frozenset[str]]:
        """The tracks and flags on the board at `moment` (see `board_at`)."""
        return board_at(self, moment)


def cause_text(entry: LogEntry, role: str) -> str:
    """What an entry did to the tracks `role`'s margin depends on, e.g. "Call the uprising
    (¶25, ¶28): Opposition network 2/10→0/10 (−2)"."""
    what = entry.text.split(":")[0] if entry.kind in ("effect", "answer") else entry.text
    where = f" ({entry.source})" if entry.source else ""
    relevant = [change_text(c) for c in entry.changes if c.name in MARGIN_TRACKS[role]]
    if entry.kind == "consequence" or not relevant:
        return what + where
    return f"{what}{where}: {', '.join(relevant)}"


def analyse(ruleset: Ruleset, seed: int, actions: Sequence[Action], turns: int | None = None,
            reasons: Sequence[str | None] | None = None, by: Sequence[str] | None = None,
            seats: Mapping[str, str] | None = None, notes: Iterable[Any] = (),
            sections: Mapping[str, Any] | None = None) -> Debrief:
    """Replay `actions` from a new game and build the debrief. `reasons[i]` and `by[i]`
    belong to `actions[i]` (the bot's one-line reason, who chose it)."""
    state = new_game(ruleset, seed, turns)
    states = [state]
    for action in actions:
        state = apply(state, action)
        states.append(state)
    reasons = list(reasons or [None] * len(actions))
    by = list(by or [""] * len(actions))
    # Where each turn starts and ends, by the action that moved the game into it.
    records: list[TurnRecord] = []
    start_index = 0
    for i in range(1, len(states)):
        before, after = states[i - 1], states[i]
        turn_ended = after.turn != before.turn or (after.over and not before.over)
        if turn_ended:
            records.append(_turn_record(ruleset, states, actions, start_index, i, reasons, by))
            start_index = i
    played = tuple(
        CardPlay(t.turn, o.role, o.order.card, o.title, ruleset.cards[o.order.card].question,
                 ruleset.cards[o.order.card].cites)
        for t in records for o in t.orders if o.order.card not in FREE_ORDERS)
    return Debrief(ruleset, seed, tuple(records), state, tuple(states), tuple(actions),
                   dict(seats or {}), tuple(notes), turning_points(records, ruleset),
                   played,
                   dict(sections or {}))


def of_save(save: Any) -> Debrief:
    """The debrief of a save (`wargame.saves.SaveData`), after verifying it replays to
    the digests it recorded (raises `wargame.saves.SaveError` otherwise)."""
    from .saves import replay as verify

    verify(save)
    seats = {role: seat.label for role, seat in save.seats.items()}
    by = [seats.get(r.by, r.by) for r in save.record]
    return analyse(save.ruleset, save.seed, save.actions, turns=save.turns,
                   reasons=[r.reason for r in save.record], by=by, seats=seats,
                   notes=save.notes, sections=save.sections)


def _turn_record(ruleset: Ruleset, states: Sequence[GameState], actions: Sequence[Action],
                 start: int, end: int, reasons: Sequence[str | None],
                 by: Sequence[str]) -> TurnRecord:
    first, last = states[start], states[end]
    turn = first.turn
    entries = tuple(told(e, last.ruleset) for e in last.log[len(first.log):]
                    if e.visible is None)
    event = next((e.card for e in entries if e.kind == "event" and e.card), None)
    orders: dict[str, PlayedOrder] = {}
    for i in range(start, end):
        action = actions[i]
        if isinstance(action, Order):
            orders[action.role] = PlayedOrder(action.role, action,
                                              order_title(ruleset.cards, action), reasons[i],
                                              by[i] or "")
    ordered = tuple(orders[r] for r in INITIATIVE if r in orders)
    return TurnRecord(
        turn=turn, month=first.month, event=event, orders=ordered, entries=entries,
        tracks_before=first.tracks, tracks_after=last.tracks,
        margins_before=margins(first.tracks, first.flags, first.ruleset.edition),
        margins_after=margins(last.tracks, last.flags, last.ruleset.edition),
        digest=digest(last), first_action=start, last_action=end, flags_before=first.flags,
        edition=first.ruleset.edition)


def turning_points(records: Sequence[TurnRecord], ruleset: Ruleset | None = None,
                   per_role: int = 2) -> tuple[TurningPoint, ...]:
    """For each role, the turns with the largest swings in its victory margin."""
    points: list[TurningPoint] = []
    for role in ROLES:
        swings = sorted(((abs(t.swing(role)), -t.turn, t) for t in records if t.swing(role)),
                        key=lambda x: (x[0], x[1]), reverse=True)
        for _, _, t in swings[:per_role]:
            causes = tuple(_named(e, ruleset) for e in credited(t, role))
            points.append(TurningPoint(role, t.turn, t.month, t.swing(role), causes))
    return tuple(sorted(points, key=lambda p: (p.turn, ROLES.index(p.role))))


def credited(t: TurnRecord, role: str) -> tuple[LogEntry, ...]:
    """The entries of a turn that moved `role`'s margin, the largest move first (in log
    order among equals), then those that moved a track the margin is computed from without
    moving it. Each entry's move is measured when it happened, by applying the turn's
    recorded changes one entry at a time: an uprising that topples the regime is the cause
    of the fall, not the world event that took a point of stability earlier that month."""
    tracks, flags = list(t.tracks_before), set(t.flags_before)
    before = margins(tracks, flags, t.edition)[role]
    moved: list[tuple[int, int, LogEntry]] = []
    touched: list[LogEntry] = []
    for i, entry in enumerate(t.entries):
        if not entry.changes:
            continue
        for change in entry.changes:
            if change.name.startswith("flag:"):
                (flags.add if change.after else flags.discard)(change.name[5:])
            else:
                tracks[TRACK_INDEX[change.name]] = change.after
        after = margins(tracks, flags, t.edition)[role]
        if after != before:
            moved.append((-abs(after - before), i, entry))
        elif any(c.name in MARGIN_TRACKS[role] for c in entry.changes):
            touched.append(entry)
        before = after
    if before != t.margins_after[role]:  # the log does not add up to the turn: as before
        return tuple(e for e in t.entries
                     if any(c.name in MARGIN_TRACKS[role] for c in e.changes))
    return tuple(e for *_, e in sorted(moved, key=lambda m: m[:2])) + tuple(touched)


def _named(entry: LogEntry, ruleset: Ruleset | None) -> LogEntry:
    """The entry with its card's title in front, as an order's effects have it: a world
    event's effects are logged under the line that names the event, without a title."""
    card = ruleset.cards.get(entry.card or "") if ruleset is not None else None
    if entry.kind != "effect" or card is None or entry.text.startswith(card.title):
        return entry
    return evolve(entry, text=f"{card.title}: {entry.text}")


def track_label(name: str) -> str:
    return next(t.label for t in TRACKS if t.name == name)


def to_data(d: Debrief) -> dict[str, Any]:
    """The whole debrief as plain data (the `--format json` report)."""
    sc = d.ruleset.scenario
    return {
        "scenario": {"id": sc.id, "title": sc.title, "turns": d.final.turns},
        "seed": d.seed,
        "seats": dict(d.seats),
        "outcome": {"winners": list(d.winners), "end": d.end,
                    "margins": d.final_margins(), "grades": d.final_grades() or None,
                    "readings": d.final_readings() or None,
                    "turns_played": len(d.turns)},
        "turns": [{
            "turn": t.turn, "month": t.month,
            "event": {"card": t.event, "title": d.ruleset.cards[t.event].title} if t.event
            else None,
            "orders": [{"role": o.role, "card": o.order.card, "option": o.order.option,
                        "title": o.title, "reason": o.reason, "by": o.by} for o in t.orders],
            "rolls": [{"text": e.text, "rolled": e.roll[0], "needed": e.roll[1],
                       "rule": e.rule or None} for e in t.rolls if e.roll],
            "consequences": [{"rule": e.rule, "source": e.source, "text": e.text}
                             for e in t.consequences],
            "umpire": [e.text for e in t.entries if e.kind == "umpire"],
            "log": [e.text for e in t.entries],
            "margins": dict(t.margins_after),
            "tracks": {tr.name: v for tr, v in zip(TRACKS, t.tracks_after, strict=True)
                       if not tr.counter},
            "digest": t.digest,
        } for t in d.turns],
        "turning_points": [{"role": p.role, "turn": p.turn, "month": p.month,
                            "swing": p.swing, "summary": p.summary()}
                           for p in d.turning_points],
        "cards_played": [{"turn": c.turn, "role": c.role, "card": c.card, "title": c.title,
                          "source": c.source, "question": c.question} for c in d.cards_played],
        "notes": [{"turn": n.turn, "action_index": n.action_index, "text": n.text}
                  for n in d.notes],
    }


# -- the replay, step by step ----------------------------------------------------------

SKIPPED_KINDS = frozenset({"shuffle", "phase"})
"""Log lines that are not a step of the replay: deck shuffles (nothing to see) and the
month headings (the replay's status line and timeline show the month)."""


@frozen
class Moment:
    """One step of the replay: a line of the referee's log, or an order being sealed
    (orders leave no log line until they are revealed)."""

    index: int
    """Position in `Debrief.moments()`."""
    turn: int
    state: int
    """Index into `Debrief.states` of the state after the action that made this moment
    (0 for the setup)."""
    log: int
    """For a log line, its position in the final log; for a sealed order, how many log
    lines came before it. The log shown at this moment is `final.log[:log + 1]` for a
    line and `final.log[:log]` for an order."""
    entry: LogEntry | None = None
    order: PlayedOrder | None = None
    last_of_action: bool = True
    """The last step made by its action: the board is then exactly `states[state]`."""

    @property
    def action(self) -> int | None:
        """Index into `Debrief.actions` of the action that made this moment (None for
        the setup, before the first action)."""
        return self.state - 1 if self.state else None

    @property
    def shown_log(self) -> int:
        """How many entries of the final log had been written at this moment."""
        return self.log + 1 if self.entry is not None else self.log

    def seen_by(self, viewer: str | None) -> bool:
        """Whether `viewer` (None: the referee) saw anything at this moment: a line
        hidden from a role without a redacted text is skipped in its viewpoint."""
        return self.entry is None or self.entry.seen_by(viewer) is not None


def moments(d: Debrief) -> tuple[Moment, ...]:
    """Every step of the replay: the setup and the hands dealt, then, action by action,
    each log line the action wrote (shuffles and month headings left out) or, for an
    order, the order being sealed with the reason its bot gave."""
    orders = {(t.turn, o.role): o for t in d.turns for o in t.orders}
    log = d.final.log
    out: list[Moment] = []

    def add(turn: int, state: int, start: int, end: int) -> None:
        made = [(j, log[j]) for j in range(start, end) if log[j].kind not in SKIPPED_KINDS]
        for k, (j, entry) in enumerate(made):
            out.append(Moment(len(out), entry.turn, state, j, entry,
                              last_of_action=k == len(made) - 1))

    add(1, 0, 0, len(d.states[0].log))
    for i, action in enumerate(d.actions):
        before, after = d.states[i], d.states[i + 1]
        if isinstance(action, Order):
            played = orders.get((before.turn, action.role)) or PlayedOrder(
                action.role, action, order_title(d.ruleset.cards, action), None, "")
            out.append(Moment(len(out), before.turn, i + 1, len(after.log), None, played))
        add(before.turn, i + 1, len(before.log), len(after.log))
    return tuple(out)


def board_at(d: Debrief, moment: Moment) -> tuple[tuple[int, ...], frozenset[str]]:
    """The tracks and flags at `moment`. At the last step of an action they are the
    engine's state after it; within an action (a resolution writes many lines) they are
    the state before it with the recorded changes of the lines so far applied, so the
    board moves line by line, exactly as each line says."""
    after = d.states[moment.state]
    if moment.last_of_action or moment.entry is None or moment.state == 0:
        return after.tracks, after.flags
    before = d.states[moment.state - 1]
    tracks = list(before.tracks)
    flags = set(before.flags)
    for entry in d.final.log[len(before.log): moment.log + 1]:
        for change in entry.changes:
            if change.name.startswith("flag:"):
                (flags.add if change.after else flags.discard)(change.name[5:])
            else:
                tracks[TRACK_INDEX[change.name]] = change.after
    return tuple(tracks), frozenset(flags)


# -- two games side by side -----------------------------------------------------------


@frozen
class TrackDivergence:
    """One track in two games: its value at the start and at the end of every turn."""

    track: str
    a: tuple[int, ...]
    b: tuple[int, ...]

    @property
    def first_turn(self) -> int | None:
        """The first turn at whose end the two differ, while both games went on (None:
        never; where one game stops, `common` says how far they both went)."""
        return next((t for t, (x, y) in enumerate(zip(self.a, self.b, strict=False))
                     if x != y), None)

    @property
    def common(self) -> int:
        """How many values both games have (the start and the turns both played)."""
        return min(len(self.a), len(self.b))

    @property
    def differs(self) -> bool:
        return self.first_turn is not None

    def difference(self, turn: int) -> int | None:
        """b − a at the end of `turn` (0: the start); None where one game had ended."""
        if turn < len(self.a) and turn < len(self.b):
            return self.b[turn] - self.a[turn]
        return None

    @property
    def widest(self) -> int:
        """The largest gap between the two, in either direction (signed, b − a)."""
        gaps = [y - x for x, y in zip(self.a, self.b, strict=False)]
        return max(gaps, key=abs, default=0)


@frozen
class Comparison:
    """Where two games of one scenario first differ, and how their tracks and margins
    drifted apart turn by turn."""

    a: Debrief
    b: Debrief
    identical: bool
    first_action: int | None
    """Index of the first action that differs (orders sealed in the same month compare
    as a set), or where the shorter game stops; None when identical."""
    first_turn: int | None
    reason: str
    """In words: "turn 6 (March 2023): the orders differ", "the seeds differ"..."""
    a_action: str | None
    b_action: str | None
    """What each game did at `first_action` (None where a game had already ended)."""
    orders: tuple[tuple[str, str | None, str | None], ...]
    """(role, A's order, B's order) for the orders that differ in `first_turn`."""
    tracks: tuple[TrackDivergence, ...]
    """Every track shown on the board, in the board's order."""
    margins: tuple[TrackDivergence, ...]
    """Each role's victory margin, named by role."""

    @property
    def months(self) -> tuple[str, ...]:
        """The label of each column of the series: the start, then every turn."""
        longer = self.a if len(self.a.turns) >= len(self.b.turns) else self.b
        if not longer.turns:
            return ("start",)
        return ("start", *(t.month for t in longer.turns))

    def diverged(self) -> tuple[TrackDivergence, ...]:
        return tuple(t for t in self.tracks if t.differs)

    def summary(self) -> str:
        if self.identical:
            return "The two games are identical: the same actions from the same deal."
        text = f"They first differ at {self.reason}"
        if self.first_action is not None:
            text += f" (action {self.first_action + 1})"
        return text + "."


def describe_action(ruleset: Ruleset, action: Action) -> str:
    """One action in words: "Putin orders Demand combat troops", "the game moves on"."""
    if isinstance(action, Order):
        title = order_title(ruleset.cards, action)
        return f"{ROLE_NAMES[action.role]}: {title}"
    kind = getattr(action, "kind", None)
    if kind is not None:
        reason = getattr(action, "reason", "")
        return f"the umpire: {kind}" + (f" ({reason})" if reason else "")
    return "the game moves on to its next phase"


def _normalised(actions: Sequence[Action]) -> list[Action]:
    """The actions with each run of sealed orders in role order: the engine's state does
    not depend on the order in which sealed orders arrive."""
    out: list[Action] = []
    run: list[Order] = []
    for action in [*actions, None]:
        if isinstance(action, Order):
            run.append(action)
            continue
        in_role_order: list[Order] = sorted(run, key=lambda o: ROLES.index(o.role))
        out.extend(in_role_order)
        run = []
        if action is not None:
            out.append(action)
    return out


def compare(a: Debrief, b: Debrief) -> Comparison:
    """Two games of the same scenario side by side. Raises ValueError for games of
    different scenarios (their tracks do not mean the same month)."""
    if a.ruleset.scenario.id != b.ruleset.scenario.id:
        raise ValueError(f"the games are of different scenarios ({a.ruleset.scenario.id} "
                         f"and {b.ruleset.scenario.id}): compare games of one scenario")
    tracks = tuple(TrackDivergence(t.name, tuple(a.series(t.name)), tuple(b.series(t.name)))
                   for t in TRACKS if not t.counter)
    margins_ = tuple(TrackDivergence(r, tuple(a.margin_series(r)), tuple(b.margin_series(r)))
                     for r in ROLES)
    common: dict[str, Any] = dict(a=a, b=b, tracks=tracks, margins=margins_)
    if a.seed != b.seed or a.ruleset.digest != b.ruleset.digest:
        what = (f"the setup: the seeds differ ({a.seed} and {b.seed}), so the decks were "
                "shuffled and dealt differently" if a.seed != b.seed else
                "the setup: the decks differ (the games were played with edited decks)")
        return Comparison(identical=False, first_action=None, first_turn=1, reason=what,
                          a_action=None, b_action=None, orders=(), **common)
    xs, ys = _normalised(a.actions), _normalised(b.actions)
    index = next((i for i, (x, y) in enumerate(zip(xs, ys, strict=False)) if x != y), None)
    if index is None and len(xs) == len(ys):
        return Comparison(identical=True, first_action=None, first_turn=None,
                          reason="nowhere", a_action=None, b_action=None, orders=(),
                          **common)
    if index is None:
        index = min(len(xs), len(ys))
    # The state before the first difference is the same in both games.
    turn = a.states[index].turn if index < len(a.states) else b.states[index].turn
    month = a.ruleset.scenario.month_label(turn)
    xa = describe_action(a.ruleset, xs[index]) if index < len(xs) else None
    yb = describe_action(b.ruleset, ys[index]) if index < len(ys) else None
    orders: list[tuple[str, str | None, str | None]] = []
    rec_a = {o.role: o.title for t in a.turns if t.turn == turn for o in t.orders}
    rec_b = {o.role: o.title for t in b.turns if t.turn == turn for o in t.orders}
    for role in ROLES:
        if rec_a.get(role) != rec_b.get(role):
            orders.append((role, rec_a.get(role), rec_b.get(role)))
    if xa is None or yb is None:
        what = f"turn {turn} ({month}): {'A' if xa is None else 'B'} stops there"
    elif orders:
        what = f"turn {turn} ({month}): the orders differ"
    else:
        what = f"turn {turn} ({month})"
    return Comparison(identical=False, first_action=index, first_turn=turn, reason=what,
                      a_action=xa, b_action=yb, orders=tuple(orders), **common)
