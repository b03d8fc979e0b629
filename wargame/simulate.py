"""Many games between bots, without a screen: is the game fair, which cards win?

    tally = simulate(ruleset, games=1000, seed=7, bots={"lukashenko": "normal", ...})
    tally.to_data()        # the JSON object `wargame simulate --json` prints

Game i always plays with the seed `game_seed(seed, i)`, and its bots draw from streams
derived from that seed, so game i is the same whichever process plays it. Games are
played in blocks; each block is counted into a `Tally` of integers, and blocks are added
up in order. Adding integers does not depend on who added them or when, so the result is
the same for any number of jobs. A tally keeps counts, never states: a simulation of
100,000 games needs no more memory than one of ten.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from attrs import define, field

from .bots import LEVELS, Bot, make_bot
from .dilemma import KEYS as DILEMMA_KEYS
from .dilemma import compliance_rate, dilemma_data, dilemma_of
from .engine import (
    COMPLY,
    OVER,
    PASS,
    ROLES,
    STALL,
    GameState,
    Ruleset,
    apply,
    new_game,
    view,
)
from .engine.editions import edition as known_edition
from .engine.headless import advance
from .engine.rng import MASK64, derive_stream
from .engine.state import ASKS_AGAIN
from .stats import wilson

SHORT_GAME = 4
"""A game that ends before this turn counts as short (the regime fell almost at once)."""
FREE_ORDERS = (PASS, COMPLY, STALL)


def game_seed(seed: int, index: int) -> int:
    """The seed of game `index` (from 0) of a simulation started with `seed`."""
    rng = derive_stream(seed, f"simulate:game:{index}")
    return ((rng.next_u32() << 32) | rng.next_u32()) & MASK64


def parse_bots(text: str) -> dict[str, str]:
    """'normal' (every role), or 'lukashenko=hard,putin=normal,opposition=easy', or a
    level for every role with exceptions: 'normal,putin=hard'. Raises ValueError."""
    levels: dict[str, str] = {}
    default: str | None = None
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        role, eq, level = part.partition("=")
        if not eq:
            role, level = "", role
        role, level = role.strip().lower(), level.strip().lower()
        if level not in LEVELS:
            raise ValueError(f"unknown bot level {level!r}: use one of {', '.join(LEVELS)}")
        if not role:
            if default is not None:
                raise ValueError("give one level for every role, then role=level "
                                 "exceptions")
            default = level
        elif role not in ROLES:
            raise ValueError(f"unknown role {role!r}: the roles are {', '.join(ROLES)}")
        elif role in levels:
            raise ValueError(f"{role} is given two levels")
        else:
            levels[role] = level
    missing = [r for r in ROLES if r not in levels]
    if missing and default is None:
        raise ValueError(f"no bot level for {', '.join(missing)} (give one level for "
                         "every role, or role=level for each)")
    return {r: levels.get(r, default or "") for r in ROLES}


# -- one game ------------------------------------------------------------------------


@define
class GameResult:
    """What a simulation keeps of one game (never its states)."""

    index: int
    seed: int
    winners: tuple[str, ...]
    end: str
    turn: int
    """The turn the game ended in."""
    plays: tuple[tuple[str, str], ...]
    """(role, card) for every order given, in the order revealed; free orders as
    'pass', 'comply', 'stall'."""
    rules: tuple[str, ...]
    """The consequence rules that fired, one entry per firing."""
    fizzles: tuple[str, ...]
    dilemma: dict[str, int] = field(factory=dict)
    """The game's figures of the article's dilemma (`dilemma.dilemma_of`)."""
    extra: dict[str, int] = field(factory=dict)
    """Counts for the balance benchmark: the opening hands, the words of card text each
    role read, and what measuring bots counted (see `GameWatch` and `play_block`)."""


def result_of(index: int, seed: int, state: GameState,
              extra: Mapping[str, int] | None = None) -> GameResult:
    """What a tally needs of a finished game, read from its final state's log."""
    plays: list[tuple[str, str]] = []
    rules: list[str] = []
    fizzles: list[str] = []
    for entry in state.log:
        kind = entry.kind
        if kind == "reveal":
            plays.append((entry.role, entry.card))
        elif kind == "consequence":
            rules.append(entry.rule)
        elif kind == "fizzle":
            fizzles.append(entry.card)
    return GameResult(index, seed, tuple(state.winners), state.end, state.turn,
                      tuple(plays), tuple(rules), tuple(fizzles), dilemma_of(state),
                      dict(extra or {}))


def player_names() -> tuple[str, ...]:
    """Every name a seat may be given: the bot levels, then the scripted strategies and
    measuring bots of `bots/scripted.py` (from Python only; the CLI takes levels)."""
    from .bots.scripted import STRATEGIES

    return (*LEVELS, *STRATEGIES)


def make_player(name: str, role: str, seed: int,
                bot_options: Mapping[str, Any] | None = None) -> Bot:
    """A bot level or a scripted strategy for `role` in the game of `seed`."""
    if name in LEVELS:
        return make_bot(name, role, seed, **_options(name, bot_options))
    from .bots.scripted import make_scripted

    return make_scripted(name, role, seed)


def check_edition(edition: int | None) -> None:
    """Raise ValueError for an edition this engine cannot play."""
    if edition is None:
        return
    if isinstance(edition, bool) or not isinstance(edition, int) or edition < 1:
        raise ValueError("the edition must be a whole number from 1")
    known_edition(edition)


def edition_played(ruleset: Ruleset, edition: int | None = None) -> int:
    """The rules edition games of `ruleset` are played under (`edition` when given)."""
    return edition if edition is not None else getattr(ruleset, "edition", 1)


def start_game(ruleset: Ruleset, seed: int, turns: int | None = None,
               edition: int | None = None) -> GameState:
    """`new_game`, under rules `edition` when one is given."""
    return new_game(ruleset, seed, turns, edition=edition)


def play_game(ruleset: Ruleset, seed: int, bots: Mapping[str, str],
              turns: int | None = None, bot_options: Mapping[str, Any] | None = None,
              edition: int | None = None) -> GameState:
    """One whole game between bots (levels or scripted strategies), to its end."""
    players = {r: make_player(bots[r], r, seed, bot_options) for r in ROLES}
    return play_out(start_game(ruleset, seed, turns, edition), players)


def play_out(state: GameState, players: Mapping[str, Bot],
             watch: Callable[[GameState], None] | None = None) -> GameState:
    """Play a game on to its end. Each role's order comes from `players[role]`, in the
    order of ROLES; a player that `sees_orders` (the `oracle`) chooses after the others
    and is first told their sealed orders. `watch(state)` sees every orders phase and the
    end."""
    seers = [r for r in ROLES if getattr(players[r], "sees_orders", False)]
    while True:
        state = advance(state)
        if watch is not None:
            watch(state)
        if state.phase == OVER:
            return state
        for i, role in enumerate(ROLES):
            if state.orders[i] is None and role not in seers:
                state = apply(state, players[role].choose(view(state, role)).order)
        for role in seers:
            player: Any = players[role]
            player.others = {r: o for r, o in zip(ROLES, state.orders, strict=True)
                             if o is not None and r != role}
            state = apply(state, player.choose(view(state, role)).order)


def save_game(ruleset: Ruleset, seed: int, bots: Mapping[str, str], folder: Path,
              stem: str, turns: int | None = None,
              bot_options: Mapping[str, Any] | None = None, edition: int | None = None,
              watch: GameWatch | None = None) -> tuple[GameState, Path]:
    """One whole game between bots, played through a `Session` so that every bot's
    reason is recorded, and saved as `folder/stem.json` (never over an existing file)."""
    from . import saves
    from .session import Seat, Session

    seats = {r: Seat(r, "bot", bots[r]) for r in ROLES}
    check_edition(edition)
    session = Session.new(ruleset, seed, seats, turns=turns, autosave=False, edition=edition)
    players = {r: make_bot(bots[r], r, seed, **_options(bots[r], bot_options))
               for r in ROLES}
    if watch is not None:
        watch.start(session.state)
    while True:
        session.advance()
        if watch is not None:
            watch(session.state)
        if session.over:
            break
        for role in ROLES:
            if session.state.orders[ROLES.index(role)] is None:
                decision = players[role].choose(session.view(role))
                session.apply(decision.order, decision.reason)
    path = saves.reserve_path(folder, stem)
    return session.state, session.save(path)


def _options(level: str, bot_options: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(bot_options or {}) if level == "hard" else {}


# -- what each role reads, and was dealt ---------------------------------------------


def card_words(card: Any, edition: int = 1) -> int:
    """The words of a card's text a team reads: its title, what its effects do (as
    `Effect.describe` words them, options and a demand's answers included, and from
    edition 2 what refusing a demand that insists brings), its context and its
    discussion question."""
    parts = [card.title, *(e.describe() for e in card.effects)]
    for option in card.options:
        parts.append(option.label)
        parts.extend(e.describe() for e in option.effects)
    if card.demand is not None:
        parts.extend(e.describe() for e in (*card.demand.comply, *card.demand.stall))
        if card.demand.insists and edition >= 2:
            parts.append(ASKS_AGAIN)
    parts += [card.context, card.question]
    return sum(len(p.split()) for p in parts)


_words_cache: dict[str, dict[str, int]] = {}


def words_of(ruleset: Ruleset) -> dict[str, int]:
    """`card_words` of every card of the ruleset."""
    found = _words_cache.get(ruleset.digest) if ruleset.digest else None
    if found is None:
        found = {card_id: card_words(card, ruleset.edition)
                 for card_id, card in ruleset.cards.items()}
        if ruleset.digest:
            _words_cache[ruleset.digest] = found
    return found


class GameWatch:
    """Counts, over one game, what the balance benchmark needs besides the log: each
    role's opening hand (`open:<role>:<card>`, and `open:<role>:<card>+<card>` for every
    pair, each with a `:won` twin when the role won), and the words of new card text each
    role read (`words:<role>`): every card the first time it is in the role's hand, is
    revealed as an order, or comes up as a world event."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.words = words_of(ruleset)
        self.seen: dict[str, set[str]] = {r: set() for r in ROLES}
        """Cards each role has held."""
        self.public: set[str] = set()
        """Cards every role has seen: revealed as orders or come up as world events."""
        self.opening: dict[str, tuple[str, ...]] = {}
        self.cursor = 0

    def start(self, state: GameState) -> None:
        self.opening = {r: state.hand(r) for r in ROLES}

    def __call__(self, state: GameState) -> None:
        cards = self.ruleset.cards
        log = state.log
        public = self.public
        for entry in log[self.cursor:]:
            if entry.kind in ("reveal", "event") and entry.card in cards:
                public.add(entry.card)
        self.cursor = len(log)
        for role in ROLES:
            self.seen[role].update(state.hand(role))

    @property
    def read(self) -> dict[str, int]:
        """Words of card text each role has read so far (each card counted once)."""
        words = self.words
        return {role: sum(words.get(card, 0) for card in self.seen[role] | self.public)
                for role in ROLES}

    def counts(self, winners: tuple[str, ...]) -> dict[str, int]:
        out: dict[str, int] = {f"words:{r}": n for r, n in self.read.items()}
        for role, hand in self.opening.items():
            won = role in winners
            cards = sorted(set(hand))
            keys = [*cards, *(f"{a}+{b}" for i, a in enumerate(cards) for b in cards[i + 1:])]
            for key in keys:
                out[f"open:{role}:{key}"] = 1
                if won:
                    out[f"open:{role}:{key}:won"] = 1
        return out


# -- counting ------------------------------------------------------------------------


@define
class CardCount:
    played: int = 0
    """Times it was ordered."""
    games: int = 0
    """Games in which it was ordered at least once."""
    wins: int = 0
    """Of those games, how many its player won."""
    fizzled: int = 0


def _bump(counter: dict[str, int], key: str, n: int = 1) -> None:
    counter[key] = counter.get(key, 0) + n


@define
class Tally:
    """Integer counts over many games; `add` one game, `merge` another tally."""

    games: int = 0
    wins: dict[str, int] = field(factory=lambda: dict.fromkeys(ROLES, 0))
    nobody_won: int = 0
    ends: dict[str, int] = field(factory=dict)
    outcomes: dict[str, int] = field(factory=dict)
    """'<end>: <winners>' -> games, e.g. 'time: lukashenko+putin', 'fallen: opposition'."""
    turns_total: int = 0
    lengths: dict[int, int] = field(factory=dict)
    """Turn the game ended in -> games."""
    short_games: int = 0
    cards: dict[str, CardCount] = field(factory=dict)
    free_orders: dict[str, dict[str, int]] = field(
        factory=lambda: {r: dict.fromkeys(FREE_ORDERS, 0) for r in ROLES})
    rules: dict[str, int] = field(factory=dict)
    dilemma: dict[str, int] = field(factory=lambda: dict.fromkeys(DILEMMA_KEYS, 0))
    """The figures of the article's dilemma (`dilemma.KEYS`), summed over games."""
    extra: dict[str, int] = field(factory=dict)
    """The benchmark's counts (`GameResult.extra`), summed over games."""
    win_bits: dict[str, int] = field(factory=lambda: dict.fromkeys(ROLES, 0))
    """For each role, bit i is set when it won game i: so two runs on the same seeds
    can be compared game by game (a paired comparison). An OR of bits, like a sum,
    does not depend on how the games were split."""

    def add(self, result: GameResult) -> None:
        self.games += 1
        for role in result.winners:
            self.wins[role] += 1
            self.win_bits[role] |= 1 << result.index
        for key, n in result.dilemma.items():
            _bump(self.dilemma, key, n)
        for key, n in result.extra.items():
            _bump(self.extra, key, n)
        if not result.winners:
            self.nobody_won += 1
        _bump(self.ends, result.end)
        _bump(self.outcomes, f"{result.end}: {'+'.join(result.winners) or 'nobody'}")
        self.turns_total += result.turn
        self.lengths[result.turn] = self.lengths.get(result.turn, 0) + 1
        if result.turn < SHORT_GAME:
            self.short_games += 1
        seen: set[str] = set()
        for role, card in result.plays:
            if card in FREE_ORDERS:
                self.free_orders[role][card] += 1
                continue
            count = self.cards.setdefault(card, CardCount())
            count.played += 1
            if card not in seen:
                seen.add(card)
                count.games += 1
                count.wins += role in result.winners
        for card in result.fizzles:
            self.cards.setdefault(card, CardCount()).fizzled += 1
        for rule in result.rules:
            _bump(self.rules, rule)

    def merge(self, other: Tally) -> None:
        self.games += other.games
        for role in ROLES:
            self.wins[role] += other.wins[role]
            for kind in FREE_ORDERS:
                self.free_orders[role][kind] += other.free_orders[role][kind]
        self.nobody_won += other.nobody_won
        for mine, theirs in ((self.ends, other.ends), (self.outcomes, other.outcomes),
                             (self.rules, other.rules), (self.dilemma, other.dilemma),
                             (self.extra, other.extra)):
            for key, n in theirs.items():
                _bump(mine, key, n)
        for role in ROLES:
            self.win_bits[role] |= other.win_bits[role]
        self.turns_total += other.turns_total
        for turn, n in other.lengths.items():
            self.lengths[turn] = self.lengths.get(turn, 0) + n
        self.short_games += other.short_games
        for card, c in other.cards.items():
            mine = self.cards.setdefault(card, CardCount())
            mine.played += c.played
            mine.games += c.games
            mine.wins += c.wins
            mine.fizzled += c.fizzled

    # Reading ----------------------------------------------------------------------

    def win_rate(self, role: str) -> float:
        return self.wins[role] / self.games if self.games else 0.0

    def interval(self, role: str) -> tuple[float, float]:
        """95% Wilson score interval of the role's win rate."""
        return wilson(self.wins[role], self.games)

    @property
    def turns_mean(self) -> float:
        return self.turns_total / self.games if self.games else 0.0

    def to_data(self, ruleset: Ruleset | None = None) -> dict[str, Any]:
        """Plain data for JSON: counts, and rates rounded to 4 places."""
        games = self.games
        cards: dict[str, Any] = {}
        for card_id in _card_order(self, ruleset):
            c = self.cards.get(card_id, CardCount())
            entry: dict[str, Any] = {}
            if ruleset is not None and card_id in ruleset.cards:
                entry["role"] = ruleset.cards[card_id].role
                entry["title"] = ruleset.cards[card_id].title
            entry.update(played=c.played, games=c.games, wins=c.wins,
                         win_rate=_rate(c.wins, c.games), fizzled=c.fizzled,
                         played_per_game=_rate(c.played, games))
            cards[card_id] = entry
        return {
            "games": games,
            "wins": dict(self.wins),
            "win_rates": {r: _rate(self.wins[r], games) for r in ROLES},
            "win_rate_95": {r: [round(x, 4) for x in self.interval(r)] for r in ROLES},
            "nobody_won": self.nobody_won,
            "ends": dict(sorted(self.ends.items())),
            "outcomes": dict(sorted(self.outcomes.items(), key=lambda kv: (-kv[1], kv[0]))),
            "turns_mean": round(self.turns_mean, 4),
            "lengths": {str(t): n for t, n in sorted(self.lengths.items())},
            "short_games": self.short_games,
            "cards": cards,
            "free_orders": {r: dict(v) for r, v in self.free_orders.items()},
            "consequences": dict(sorted(self.rules.items())),
            "dilemma": dilemma_data(self.dilemma, games),
            "compliance_rate": compliance_rate(self.dilemma),
        }


def _card_order(tally: Tally, ruleset: Ruleset | None) -> list[str]:
    if ruleset is None:
        return sorted(tally.cards)
    ordered = [c for r in ROLES for c in ruleset.decks.get(r, ())]
    return ordered + sorted(c for c in tally.cards if c not in set(ordered))


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0




# -- many games ----------------------------------------------------------------------


@define(frozen=True)
class Plan:
    """Everything a worker needs to play its blocks (plain data, so it can travel to
    another process)."""

    ruleset_data: Any
    ruleset_digest: str
    seed: int
    bots: dict[str, str]
    turns: int | None
    bot_options: dict[str, Any]
    save_dir: str | None
    edition: int | None = None


_worker: dict[str, Any] = {}


def _start_worker(plan: Plan) -> None:
    from .decks import ruleset_from_data

    ruleset = ruleset_from_data(plan.ruleset_data, "the simulated decks")
    if ruleset.digest != plan.ruleset_digest:
        raise RuntimeError("a worker rebuilt different decks")
    _worker["ruleset"] = ruleset
    _worker["plan"] = plan


def _play_block(block: tuple[int, int]) -> Tally:
    return play_block(_worker["ruleset"], _worker["plan"], *block)


def _play_planned(work: tuple[Plan, int, int]) -> Tally:
    """A block on a Dask worker: the plan travels with it, and the worker rebuilds the
    decks once (kept for the next block of the same decks)."""
    plan = work[0]
    if _worker.get("plan") != plan:
        _start_worker(plan)
    return play_block(_worker["ruleset"], plan, work[1], work[2])


def play_block(ruleset: Ruleset, plan: Plan, start: int, stop: int) -> Tally:
    """Games start..stop-1 of the simulation, counted."""
    tally = Tally()
    for index in range(start, stop):
        seed = game_seed(plan.seed, index)
        watch = GameWatch(ruleset)
        players: dict[str, Bot] = {}
        if plan.save_dir is not None:
            state, _ = save_game(ruleset, seed, plan.bots, Path(plan.save_dir),
                                 f"game-{index + 1:06d}-seed{seed}", plan.turns,
                                 plan.bot_options, plan.edition, watch)
        else:
            players = {r: make_player(plan.bots[r], r, seed, plan.bot_options)
                       for r in ROLES}
            state = start_game(ruleset, seed, plan.turns, plan.edition)
            watch.start(state)
            state = play_out(state, players, watch)
        extra = watch.counts(state.winners)
        for role, player in players.items():
            for key, n in getattr(player, "counts", {}).items():
                extra[f"{plan.bots[role]}:{role}:{key}"] = n
        tally.add(result_of(index, seed, state, extra))
    return tally


def blocks(games: int, jobs: int, largest: int = 250) -> list[tuple[int, int]]:
    """Split games into blocks: small enough to keep every job busy and the progress bar
    moving, large enough to keep the traffic between processes low."""
    size = max(1, min(largest, games // max(1, jobs * 16)))
    return [(i, min(games, i + size)) for i in range(0, games, size)]


@define
class Simulation:
    """The outcome of `simulate`: the tally, and how it was run."""

    tally: Tally
    games: int
    seed: int
    bots: dict[str, str]
    turns: int
    scenario: str
    jobs: int
    seconds: float
    edition: int = 1
    """The rules edition the games were played under."""

    def to_data(self, ruleset: Ruleset | None = None) -> dict[str, Any]:
        data = self.tally.to_data(ruleset)
        head = {"games": data.pop("games"), "seed": self.seed, "bots": dict(self.bots),
                "scenario": self.scenario, "turns": self.turns}
        head["edition"] = self.edition
        tail = {"jobs": self.jobs, "seconds": round(self.seconds, 3),
                "games_per_second": round(self.games / self.seconds, 1)
                if self.seconds > 0 else None}
        return {**head, **data, **tail}


def simulate(ruleset: Ruleset, games: int, seed: int, bots: Mapping[str, str],
             turns: int | None = None, jobs: int = 1, save_dir: str | os.PathLike[str]
             | None = None, bot_options: Mapping[str, Any] | None = None,
             progress: Callable[[int], None] | None = None,
             edition: int | None = None, scheduler: str | None = None) -> Simulation:
    """Play `games` games between bots and count them. `bots` gives each role a bot level
    or a scripted strategy (`player_names()`); `edition` picks the rules edition (when the
    engine has editions). `progress(n)` is called with the number of games just finished.
    `scheduler`: play the games on that Dask distributed cluster instead. The result
    does not depend on `jobs`, nor on the cluster."""
    if games < 0:
        raise ValueError("the number of games cannot be negative")
    if not 0 <= seed < 2**64:
        raise ValueError("the seed must be an integer from 0 to 2**64 - 1")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    bots = {r: bots[r] for r in ROLES}
    names = player_names()
    for level in bots.values():
        if level not in names:
            raise ValueError(f"unknown bot level {level!r}")
        if save_dir is not None and level not in LEVELS:
            raise ValueError(f"a game with the scripted strategy {level!r} cannot be "
                             "saved (a save records bot levels)")
    check_edition(edition)
    plan = Plan(ruleset.data, ruleset.digest, seed, bots, turns, dict(bot_options or {}),
                str(save_dir) if save_dir is not None else None, edition)
    if save_dir is not None:
        Path(save_dir).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tally = Tally()
    # A hard bot takes seconds a game: blocks of one or two keep the progress bar alive.
    work = blocks(games, jobs, 2 if "hard" in bots.values() else 250)
    jobs = min(jobs, len(work)) or 1
    for part in _run(ruleset, plan, work, jobs, scheduler):
        tally.merge(part)
        if progress is not None:
            progress(part.games)
    seconds = time.perf_counter() - started
    return Simulation(tally, games, seed, bots, turns or ruleset.scenario.turns,
                      ruleset.scenario.id, jobs, seconds, edition_played(ruleset, edition))


def _run(ruleset: Ruleset, plan: Plan, work: list[tuple[int, int]],
         jobs: int, scheduler: str | None = None) -> Iterator[Tally]:
    if scheduler:
        if ruleset.data is None:
            raise ValueError("these decks cannot be sent to a cluster (no deck data)")
        from .cluster import run_map

        yield from run_map(_play_planned, [(plan, a, b) for a, b in work],
                           scheduler=scheduler)
        return
    if jobs == 1:
        for start, stop in work:
            yield play_block(ruleset, plan, start, stop)
        return
    if ruleset.data is None:
        raise ValueError("these decks cannot be sent to other processes (no deck data); "
                         "use one job")
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Workers rebuild the decks from plain data, so the same code runs whether they are
    # forked (Linux, fast to start) or spawned (elsewhere). The caller must not run
    # threads of its own while this forks: the CLI's progress bar refreshes by hand.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(plan,)) as pool:
        yield from pool.map(_play_block, work)


__all__ = [
    "GameResult",
    "GameWatch",
    "Plan",
    "Simulation",
    "Tally",
    "card_words",
    "check_edition",
    "edition_played",
    "game_seed",
    "make_player",
    "parse_bots",
    "play_block",
    "play_game",
    "play_out",
    "player_names",
    "result_of",
    "save_game",
    "simulate",
    "start_game",
    "wilson",
    "words_of",
]
