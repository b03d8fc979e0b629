"""The balance benchmark: does the game play the article's question? (issues 12 and 13)

    python benchmarks/balance.py                          # october-2022, full counts
    python benchmarks/balance.py --scenario classroom
    python benchmarks/balance.py --quick                  # a rough answer in under a minute
    python benchmarks/balance.py --games 20000 --jobs 2 --edition 2 --json

Prints every figure of the edition-2 targets with its value, its target and PASS or FAIL
(a figure without a target in this scenario says "info"). Not a test: it measures, it
never fails a build. Everything is played with `wargame.simulate` (the results do not
depend on --jobs), every comparison on the same game seeds:

- normal bots in every seat (--games, default 10,000 for october-2022 and 5,000 for
  classroom): win rates, how games end, the dilemma's figures (`wargame/dilemma.py`),
  the swing between opening deals and the words of new card text read per turn;
- one seat at a time replaced by a scripted strategy (`wargame/bots/scripted.py`: always
  pass, random, cheapest card, and for the regime always comply and always stall), the
  others normal, on the first --scripted-games seeds (default 2,000): the normal bot must
  beat each by the target's margin;
- the `purse` instrument in every seat on those seeds: the normal bot's own games, in
  which it also asks, from turn 3, what it would have ordered with an unlimited purse;
- the `oracle` in one seat at a time on those seeds: the normal bot that forecasts with
  the others' actual orders of the month, against the normal bot in the same games
  (a paired 95% interval of the difference in win rate).

"Balance benchmark" and "Measuring the dilemma" in docs/design.md define every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import define

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.decks import load_decks  # noqa: E402
from wargame.engine import ROLE_NAMES, ROLES  # noqa: E402
from wargame.simulate import Simulation, Tally, check_edition, simulate  # noqa: E402

FULL_GAMES = {"october-2022": 10_000, "classroom": 5_000}
FULL_GAMES_OTHER = 10_000
FULL_SCRIPTED = 2_000
QUICK_GAMES = 1_000
QUICK_SCRIPTED = 200
SCRIPTED = ("pass", "random", "cheapest")
ANSWERS = ("comply", "stall")
Z95 = 1.959964
MIN_DEAL_SHARE = 0.02
"""An opening deal held in fewer than this share of games is too rare to rate."""


@define
class Figure:
    """One line of the table."""

    group: str
    label: str
    shown: str
    target: str
    ok: bool | None
    """True (PASS), False (FAIL), None (no target in this scenario: info)."""
    value: float | None = None
    detail: dict[str, Any] | None = None

    @property
    def verdict(self) -> str:
        return "info" if self.ok is None else "PASS" if self.ok else "FAIL"

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"group": self.group, "figure": self.label,
                                "value": self.value, "shown": self.shown,
                                "target": self.target, "verdict": self.verdict}
        if self.detail:
            data["detail"] = self.detail
        return data


# -- reading tallies -----------------------------------------------------------------


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def points(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:+.1f} pts"


def share(n: int, d: int) -> float | None:
    return n / d if d else None


def bits_wins(tally: Tally, role: str, games: int) -> int:
    """How many of the first `games` games `role` won."""
    return (tally.win_bits[role] & ((1 << games) - 1)).bit_count()


def paired(a: Tally, b: Tally, role: str, games: int) -> dict[str, float]:
    """The difference in `role`'s win rate, a minus b, over the first `games` games
    played on the same seeds, with its paired 95% interval."""
    mask = (1 << games) - 1
    wa, wb = a.win_bits[role] & mask, b.win_bits[role] & mask
    only_a, only_b = (wa & ~wb).bit_count(), (wb & ~wa).bit_count()
    diff = (only_a - only_b) / games
    var = ((only_a + only_b) / games - diff * diff) * games / max(1, games - 1)
    half = Z95 * math.sqrt(max(var, 0.0) / games)
    return {"diff": diff, "lo": diff - half, "hi": diff + half, "only_a": only_a,
            "only_b": only_b, "games": games}


def within(x: float | None, lo: float | None = None, hi: float | None = None,
           below: float | None = None) -> bool:
    if x is None:
        return False
    if lo is not None and x < lo - 1e-12:
        return False
    if hi is not None and x > hi + 1e-12:
        return False
    return not (below is not None and x >= below)


def deal_swing(tally: Tally, ruleset: Any, role: str) -> dict[str, Any]:
    """The swing in `role`'s win rate between opening deals. The role's two key cards are
    the two of its deck whose presence in the opening hand goes with the largest rise in
    its win rate (in these games); an opening deal is which of the two the opening hand
    holds (both, the first only, the second only, neither). The swing is the best deal's
    win rate minus the worst's, over deals held in at least 2% of games."""
    games, wins = tally.games, tally.wins[role]
    x = tally.extra
    lifts: list[tuple[float, str]] = []
    for card in ruleset.decks.get(role, ()):
        n, w = x.get(f"open:{role}:{card}", 0), x.get(f"open:{role}:{card}:won", 0)
        if 0 < n < games:
            lifts.append((w / n - (wins - w) / (games - n), card))
    if len(lifts) < 2:
        return {"swing": None}
    lifts.sort(key=lambda t: (-t[0], t[1]))
    c1, c2 = sorted((lifts[0][1], lifts[1][1]))
    n1, w1 = x.get(f"open:{role}:{c1}", 0), x.get(f"open:{role}:{c1}:won", 0)
    n2, w2 = x.get(f"open:{role}:{c2}", 0), x.get(f"open:{role}:{c2}:won", 0)
    nb, wb = x.get(f"open:{role}:{c1}+{c2}", 0), x.get(f"open:{role}:{c1}+{c2}:won", 0)
    deals = {
        "both": (nb, wb),
        "first only": (n1 - nb, w1 - wb),
        "second only": (n2 - nb, w2 - wb),
        "neither": (games - n1 - n2 + nb, wins - w1 - w2 + wb),
    }
    rates = {k: w / n for k, (n, w) in deals.items() if n >= MIN_DEAL_SHARE * games}
    swing = max(rates.values()) - min(rates.values()) if len(rates) >= 2 else None
    titles = [ruleset.cards[c].title for c in (c1, c2)]
    return {"swing": swing, "cards": titles,
            "deals": {k: {"games": n, "win_rate": round(w / n, 4) if n else None}
                      for k, (n, w) in deals.items()}}


# -- the run ---------------------------------------------------------------------------


@define
class Runs:
    normal: Simulation
    scripted: dict[tuple[str, str], Simulation]
    purse: Simulation
    oracle: dict[str, Simulation]
    scripted_games: int
    seconds: float


def play(ruleset: Any, args: argparse.Namespace, games: int, scripted_games: int,
         say: Callable[[str], None]) -> Runs:
    started = time.perf_counter()
    normal = dict.fromkeys(ROLES, "normal")

    def run(label: str, n: int, bots: dict[str, str]) -> Simulation:
        t = time.perf_counter()
        sim = simulate(ruleset, n, args.seed, bots, jobs=args.jobs, edition=args.edition)
        say(f"  {label}: {n:,} games in {time.perf_counter() - t:.1f} s")
        return sim

    say(f"Balance benchmark, {ruleset.scenario.id}, seed {args.seed}, {args.jobs} jobs")
    base = run("normal bots", games, normal)
    scripted: dict[tuple[str, str], Simulation] = {}
    for role in ROLES:
        for name in SCRIPTED + (ANSWERS if role == "lukashenko" else ()):
            scripted[role, name] = run(f"{ROLE_NAMES[role]} {name}", scripted_games,
                                       normal | {role: name})
    purse = run("unlimited purse (normal games)", scripted_games,
                dict.fromkeys(ROLES, "purse"))
    oracle = {role: run(f"{ROLE_NAMES[role]} oracle", scripted_games,
                        normal | {role: "oracle"}) for role in ROLES}
    return Runs(base, scripted, purse, oracle, scripted_games,
                time.perf_counter() - started)


def figures(runs: Runs, ruleset: Any, scenario: str) -> list[Figure]:
    """Every figure, judged by the targets of `scenario` (classroom has its own)."""
    classroom = scenario == "classroom"
    main = not classroom
    t = runs.normal.tally
    d = t.dilemma
    g = t.games
    out: list[Figure] = []

    def add(group: str, label: str, value: float | None, shown: str, target: str,
            ok: bool | None, judged: bool = True, detail: dict[str, Any] | None = None
            ) -> None:
        out.append(Figure(group, label, shown, target if judged else "–",
                          ok if judged else None, value, detail))

    # Who wins
    for role in ROLES:
        r = share(t.wins[role], g)
        add("wins", f"{ROLE_NAMES[role]} wins", r, pct(r), "25–50%", within(r, .25, .50))
    r = share(t.nobody_won, g)
    add("wins", "nobody wins", r, pct(r), "≤ 15%", within(r, hi=.15), main)
    r = share(d["ends_before_turn_4"], g)
    add("wins", "games ending before turn 4", r, pct(r), "< 10%", within(r, below=.10), main)

    # The dilemma
    r = share(d["entered_war"], g)
    add("war", "entered_war (≥ 5,000 troops in Ukraine)", r, pct(r),
        "15–40%" if classroom else "10–25%",
        within(r, .15, .40) if classroom else within(r, .10, .25))
    r = share(d["entries_late"], d["entered_war"])
    add("war", "entries_late (of entries)", r, pct(r) + f" of {d['entered_war']:,}",
        "< 40%", within(r, below=.40), main)
    r = share(d["massed_at_border"], g)
    add("war", "massed_at_border (≥ 10,000)", r, pct(r), "≥ 20%", within(r, lo=.20), main)
    r = share(d["regime_fell"], g)
    add("fall", "regime_fell", r, pct(r), "15–40%" if classroom else "10–25%",
        within(r, .15, .40) if classroom else within(r, .10, .25))
    r = share(d["fell_by_uprising"], d["regime_fell"])
    add("fall", "fell_by_uprising (of falls)", r, pct(r) + f" of {d['regime_fell']:,}",
        "≥ 50%", within(r, lo=.50), main,
        {"by_call": d["fell_by_call"], "by_collapse": d["fell_by_collapse"]})
    r = share(d["uprising_calls_full_garrison_won"], d["uprising_calls_full_garrison"])
    add("fall", "calls with the whole garrison that succeed", r,
        pct(r) + f" of {d['uprising_calls_full_garrison']:,}", "< 5%",
        within(r, below=.05), main)
    r = share(d["uprising_calls_late"], d["uprising_calls"])
    add("fall", "calls in the last two turns (of calls)", r,
        pct(r) + f" of {d['uprising_calls']:,}", "< 40%", within(r, below=.40), main)
    r = share(d["absorbed"], g)
    add("putin", "absorbed (sovereignty ≤ 1, regime standing)", r, pct(r), "15–40%",
        within(r, .15, .40), classroom)
    putin = d["putin_military_wins"] + d["putin_absorption_wins"]
    for key, road in (("putin_military_wins", "military"),
                      ("putin_absorption_wins", "absorption")):
        r = share(d[key], putin)
        add("putin", f"Putin's wins by {road}", r, pct(r) + f" of {putin:,}", "≥ 20%",
            within(r, lo=.20), main)
    for rung, n in enumerate(d_rungs(d)):
        r = share(n, g)
        add("ladder", f"involvement rung {rung} reached", r, pct(r), "≥ 1%",
            within(r, lo=.01), main)
    r = share(d["ladder_down"], g)
    add("ladder", "involvement came down at some point", r, pct(r), "≥ 2%",
        within(r, lo=.02), main)

    # Decisions matter
    n = runs.scripted_games
    for role in ROLES:
        normal_rate = bits_wins(t, role, n) / n
        for name in SCRIPTED + (ANSWERS if role == "lukashenko" else ()):
            other = runs.scripted[role, name].tally
            p = paired(t, other, role, n)
            margin = .20 if name in SCRIPTED else .05
            add("decisions", f"{ROLE_NAMES[role]}: normal − {name}", p["diff"],
                f"{points(p['diff'])} ({pct(normal_rate)} vs "
                f"{pct(other.wins[role] / n)})", f"≥ +{round(100 * margin)} pts",
                within(p["diff"], lo=margin), main,
                {k: round(v, 4) if isinstance(v, float) else v for k, v in p.items()})
    rate = share(d["complies"], d["answers"])
    add("decisions", "compliance_rate (normal regime)", rate,
        f"{rate:.3f} ({d['complies']:,} of {d['answers']:,})" if rate is not None else "–",
        "0.15–0.50", within(rate, .15, .50), main)

    # Money matters
    purse = runs.purse.tally
    same = all(purse.win_bits[r] == t.win_bits[r] & ((1 << n) - 1) for r in ROLES)
    for role in ROLES:
        dec = purse.extra.get(f"purse:{role}:decisions", 0)
        diff = purse.extra.get(f"purse:{role}:different", 0)
        r = share(diff, dec)
        add("money", f"{ROLE_NAMES[role]}: would choose otherwise with unlimited purse", r,
            pct(r) + f" of {dec:,}", "≥ 25%", within(r, lo=.25), main,
            {"same_games_as_normal": same})

    # Sealed orders matter
    gains = {}
    for role in ROLES:
        p = paired(runs.oracle[role].tally, t, role, n)
        gains[role] = p
        add("sealed", f"{ROLE_NAMES[role]}: oracle − normal", p["diff"],
            f"{points(p['diff'])} (95% {100 * p['lo']:+.1f} to {100 * p['hi']:+.1f})",
            "(≥ +5 pts, CI > 0)", None, main,
            {k: round(v, 4) if isinstance(v, float) else v for k, v in p.items()})
    good = [r for r, p in gains.items() if p["diff"] >= .05 and p["lo"] > 0]
    add("sealed", "roles the oracle helps by ≥ 5 pts, interval > 0", len(good),
        f"{len(good)} ({', '.join(ROLE_NAMES[r] for r in good) or 'none'})", "≥ 2 roles",
        len(good) >= 2, main)

    # The classroom: opening deals and reading
    for role in ROLES:
        s = deal_swing(t, ruleset, role)
        cards = " + ".join(s.get("cards", [])) or "–"
        s["note"] = f"{ROLE_NAMES[role]}: {cards}"
        add("classroom", f"{ROLE_NAMES[role]}: opening-deal swing", s["swing"],
            f"{100 * s['swing']:.1f} pts" if s["swing"] is not None else "–",
            "≤ 20 pts", within(s["swing"], hi=.20), classroom, s)
    for role in ROLES:
        words = t.extra.get(f"words:{role}", 0)
        r = words / t.turns_total if t.turns_total else None
        add("classroom", f"{ROLE_NAMES[role]}: words of new card text a turn", r,
            f"{r:.0f}" if r is not None else "–", "≤ 150", within(r, hi=150), classroom)
    return out


def d_rungs(d: dict[str, int]) -> list[int]:
    return [d.get(f"rung_{r}", 0) for r in range(6)]


def print_table(figs: list[Figure]) -> None:
    width = max(len(f.label) for f in figs)
    shown = max(len(f.shown) for f in figs)
    target = max(len(f.target) for f in figs)
    group = ""
    print(f"{'figure':<{width}}  {'value':<{shown}}  {'target':<{target}}  verdict")
    for f in figs:
        if f.group != group:
            group = f.group
            print(f"-- {group}")
        print(f"{f.label:<{width}}  {f.shown:<{shown}}  {f.target:<{target}}  {f.verdict}")
    judged = [f for f in figs if f.ok is not None]
    passed = sum(1 for f in judged if f.ok)
    print(f"{passed} of {len(judged)} targets PASS")
    notes = [f.detail["note"] for f in figs if f.detail and "note" in f.detail]
    if notes:
        print("The opening deals are set by each role's two key cards: " + "; ".join(notes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default="october-2022", metavar="ID")
    parser.add_argument("--games", type=int, default=None, metavar="N",
                        help="normal-bot games (default: 10,000; classroom 5,000; "
                        f"--quick {QUICK_GAMES:,})")
    parser.add_argument("--scripted-games", type=int, default=None, metavar="M",
                        help="games per scripted strategy, purse and oracle run "
                        f"(default {FULL_SCRIPTED:,}; --quick {QUICK_SCRIPTED})")
    parser.add_argument("--quick", action="store_true",
                        help="small counts: a rough answer in under a minute")
    parser.add_argument("--jobs", type=int, default=2, metavar="J")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument("--edition", type=int, default=None, metavar="N",
                        help="rules edition (default: the engine's newest)")
    parser.add_argument("--decks", default=None, metavar="DIR")
    parser.add_argument("--json", action="store_true",
                        help="one JSON object on stdout instead of the table")
    args = parser.parse_args(argv)
    try:
        check_edition(args.edition)
    except ValueError as exc:
        parser.error(f"--edition: {exc}")
    ruleset = load_decks(args.decks).ruleset(args.scenario)
    games = args.games or (QUICK_GAMES if args.quick else
                           FULL_GAMES.get(args.scenario, FULL_GAMES_OTHER))
    scripted = args.scripted_games or (QUICK_SCRIPTED if args.quick else FULL_SCRIPTED)
    scripted = min(scripted, games)
    say: Callable[[str], None] = (lambda s: print(s, file=sys.stderr, flush=True)) \
        if args.json else (lambda s: print(s, flush=True))
    runs = play(ruleset, args, games, scripted, say)
    figs = figures(runs, ruleset, ruleset.scenario.id)
    counts = (f"{games:,} normal-bot games; {scripted:,} games for each scripted "
              f"strategy, the purse run and each oracle run, on the first {scripted:,} "
              "of the same seeds" + (" (--quick: rough figures)" if args.quick else ""))
    edition = runs.normal.edition
    if args.json:
        data = {"scenario": ruleset.scenario.id, "edition": edition,
                "seed": args.seed, "games": games, "scripted_games": scripted,
                "quick": args.quick, "seconds": round(runs.seconds, 1),
                "figures": [f.to_data() for f in figs],
                "normal": {k: v for k, v in runs.normal.to_data(ruleset).items()
                           if k != "cards"}}
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print()
    print(f"{ruleset.scenario.id}, rules edition {edition}, seed {args.seed}: {counts}; "
          f"{runs.seconds:.0f} s on {args.jobs} jobs")
    print()
    print_table(figs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
