"""Benchmarks of the engine, the bots and the simulator. One command, figures on stdout;
not run as tests (speed and memory are measured here, never asserted in the suite).

    python benchmarks/run.py               # speed, memory, hard-bot budget, --jobs 2
    python benchmarks/run.py --strength    # also hard against normal, >= 200 games a role
    python benchmarks/run.py --strength-only --strength-roles opposition \
        --strength-games 600                # only one role's hard bot, over more games
    python benchmarks/run.py --strength-only --strength-playouts 256
                                            # the hard bot at 256 playouts against 160
    python benchmarks/run.py --quick       # smaller runs, for a first look
    python benchmarks/run.py --targets     # only issue 16's speed targets (a few minutes)

Targets (issue 4): 500 full 12-turn games a second per core with easy bots; memory that
does not grow with the number of games (100,000 games under 200 MB); the hard bot at most
half a second per decision at its default budget; and, in every role, a hard bot against
normal opponents winning clearly more often than a normal bot in its place.

Issue 16 point 4 (printed last, each with its figure, PASS or FAIL and the figure before
the speed work): easy bots >= 1,500 games per CPU second, normal bots >= 500, hard-bot
playouts >= 2,000 per CPU second, a review of a 12-turn game at the default budget in at
most 60 s on one core and 35 s with --jobs 2; edition 2, with edition 1 beside it. The
bots' games are whole games played quiet (no log: as the hard bot's and the review's
playouts play them), with the simulator's figure (logged, tallied) beside them. Per
CPU second of this process, so that other work on the shared machine does not count;
run it pinned to one core (`taskset -c 0 python benchmarks/run.py --targets`) and read
the load average printed at the start.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.bots import make_bot  # noqa: E402
from wargame.bots.hard import DEFAULT_PLAYOUTS  # noqa: E402
from wargame.decks import load_decks  # noqa: E402
from wargame.engine import ROLES, apply, new_game, view  # noqa: E402
from wargame.engine.headless import advance  # noqa: E402
from wargame.simulate import parse_bots, simulate  # noqa: E402

MEMORY_SCRIPT = """
import json, resource, sys, time
from wargame.decks import load_decks
from wargame.simulate import parse_bots, simulate
games = int(sys.argv[1])
ruleset = load_decks().ruleset()
start = time.perf_counter()
result = simulate(ruleset, games, 2024, parse_bots("easy"), jobs=1)
print(json.dumps({"games": games, "seconds": time.perf_counter() - start,
                  "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "turns_mean": result.tally.turns_mean}))
"""


def line(label: str, value: str) -> None:
    print(f"  {label:<46} {value}", flush=True)


def heading(text: str) -> None:
    print(f"\n{text}", flush=True)


BEFORE = {
    # Measured at 38ade02 (0.2.0 with the first round of issue 16's speed work, before
    # quiet games and the second round) on this machine, pinned to one core with
    # `taskset -c 0`, the old and the new code alternated three times (medians; the
    # machine otherwise idle): (figure, edition) -> value. There were no quiet games
    # then: "easy" and "normal" are whole games through `play_out`, logged, without the
    # tally. Edition 1 and the reviews: the first round's figures (load average 4-7).
    ("easy", 2): 651.0, ("easy", 1): 482.0, ("easy-sim", 2): 565.0,
    ("normal", 2): 101.0, ("normal", 1): 90.0, ("normal-sim", 2): 98.0,
    ("playouts", 2): 501.0, ("playouts", 1): 479.0,
    ("review1", 2): 21.8, ("review2", 2): 23.5,
}
TARGETS = {"easy": 1500.0, "normal": 500.0, "playouts": 2000.0, "review1": 60.0,
           "review2": 35.0}
"""Issue 16 point 4: at least this many a CPU second; the reviews at most this many s."""


def bots_speed(ruleset, games: int, bots: str, edition: int | None = None) -> float:
    """Games a CPU second of `bots` in one process (one core), edition 2 unless given."""
    heading(f"{bots.capitalize()} bots, one process ({games:,} games, edition "
            f"{edition or ruleset.edition})")
    line("through the simulator", "(the log of every game, and the tally)")
    start_cpu = time.process_time()
    result = simulate(ruleset, games, 1, parse_bots(bots), jobs=1, edition=edition)
    cpu = time.process_time() - start_cpu
    line("games per CPU second", f"{games / cpu:,.0f}  (mean length "
         f"{result.tally.turns_mean:.2f} turns; wall clock {games / result.seconds:,.0f})")
    return games / cpu


def quiet_speed(ruleset, games: int, bots: str, edition: int | None = None) -> float:
    """Whole games a CPU second of `bots` in one process, played as the hard bot's and the
    review's playouts play them: quiet games (`new_game(..., quiet=True)`: the same
    tracks, cards, dice and winners, no log), without the simulator's tally."""
    from wargame.simulate import game_seed, make_player, play_out

    edition = edition or ruleset.edition
    start_cpu = time.process_time()
    turns = 0
    for index in range(games):
        seed = game_seed(1, index)
        players = {r: make_player(bots, r, seed) for r in ROLES}
        state = play_out(new_game(ruleset, seed, edition=edition, quiet=True), players)
        turns += state.turn
    cpu = time.process_time() - start_cpu
    line(f"quiet games per CPU second ({games:,})", f"{games / cpu:,.0f}  (mean length "
         f"{turns / games:.2f} turns; as playouts play them: no log, no tally)")
    return games / cpu


def easy_speed(ruleset, games: int) -> float:
    heading(f"Easy bots, one process ({games:,} games; per core = per CPU second of "
            "this process, which other work on the machine does not inflate)")
    start_cpu = time.process_time()
    result = simulate(ruleset, games, 1, parse_bots("easy"), jobs=1)
    cpu = time.process_time() - start_cpu
    seconds = result.seconds
    turns = result.tally.turns_total
    per_game = result.tally.turns_mean
    line("games per second (wall clock)", f"{games / seconds:,.0f}  "
         f"(mean length {per_game:.2f} turns)")
    line("games per CPU second", f"{games / cpu:,.0f}")
    line("turns per CPU second", f"{turns / cpu:,.0f}")
    full = turns / cpu / ruleset.scenario.turns
    line(f"as full {ruleset.scenario.turns}-turn games per CPU second", f"{full:,.0f}  "
         f"(turns per CPU second / {ruleset.scenario.turns})")
    return games / seconds


def memory(games: int, speed: float, budget: float) -> None:
    estimate = games / speed
    runs = [games]
    note = ""
    if estimate > budget:
        big = max(1000, int(speed * budget) // 1000 * 1000)
        runs = [big // 10, big]
        note = (f"(100,000 games would take about {estimate / 60:.0f} min here; measured "
                f"{big // 10:,} and {big:,} and extrapolated)")
    else:
        runs = [games // 10, games]
    heading(f"Memory of one simulating process, easy bots {note}".rstrip())
    seen = []
    for n in runs:
        out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(n)], cwd=ROOT,
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        data = json.loads(out.stdout)
        mib = data["max_rss_kib"] / 1024
        seen.append((n, mib))
        line(f"peak RSS after {n:,} games", f"{mib:,.1f} MiB  ({data['seconds']:.0f} s)")
    (n1, m1), (n2, m2) = seen
    growth = (m2 - m1) / (n2 - n1) * 1000 if n2 > n1 else 0.0
    line("growth per 1,000 more games", f"{growth:+.3f} MiB")
    if n2 < games:
        line(f"extrapolated to {games:,} games", f"{m2 + growth * (games - n2) / 1000:,.1f} MiB")


def hard_budget(ruleset, decisions: int, edition: int | None = None) -> float:
    """Seconds a hard-bot decision takes at its default budget; returns playouts a CPU
    second."""
    heading(f"Hard bot at its default budget ({DEFAULT_PLAYOUTS} playouts a decision, "
            f"edition {edition or ruleset.edition})")
    states = []
    seed = 0
    while len(states) < decisions:
        seed += 1
        players = {r: make_bot("normal", r, seed) for r in ROLES}
        state = new_game(ruleset, seed, edition=edition)
        while len(states) < decisions:
            state = advance(state)
            if state.over:
                break
            if state.turn in (1, 4, 8, 11):
                states.append((state, ROLES[len(states) % 3]))
            for role in ROLES:
                state = apply(state, players[role].choose(view(state, role)).order)
    times, cpu = [], []
    for state, role in states:
        bot = make_bot("hard", role, 7)
        start, start_cpu = time.perf_counter(), time.process_time()
        bot.choose(view(state, role))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    times.sort()
    cpu.sort()
    mean = sum(times) / len(times)
    line(f"seconds per decision ({len(times)} decisions): mean", f"{mean:.3f}  "
         f"(CPU {sum(cpu) / len(cpu):.3f})")
    line("seconds per decision: median / slowest", f"{times[len(times) // 2]:.3f} / "
         f"{times[-1]:.3f}  (CPU {cpu[len(cpu) // 2]:.3f} / {cpu[-1]:.3f})")
    line("playouts per second", f"{DEFAULT_PLAYOUTS / mean:,.0f}  (per CPU second "
         f"{DEFAULT_PLAYOUTS * len(cpu) / sum(cpu):,.0f})")
    return DEFAULT_PLAYOUTS * len(cpu) / sum(cpu)


def jobs_speedup(ruleset, games: int) -> None:
    heading(f"--jobs 2 against --jobs 1 ({games:,} games, easy bots; {os.cpu_count()} "
            "cores, shared with whatever else runs)")
    one = simulate(ruleset, games, 3, parse_bots("easy"), jobs=1)
    two = simulate(ruleset, games, 3, parse_bots("easy"), jobs=2)
    same = {k: v for k, v in one.to_data().items() if k not in ("jobs", "seconds",
                                                                  "games_per_second")} == \
        {k: v for k, v in two.to_data().items() if k not in ("jobs", "seconds",
                                                               "games_per_second")}
    line("--jobs 1", f"{one.seconds:.2f} s")
    line("--jobs 2", f"{two.seconds:.2f} s  (load average now "
         f"{os.getloadavg()[0]:.1f}: a speed-up needs a second core free)")
    line("speed-up", f"{one.seconds / two.seconds:.2f}x  (same results: {same})")


def strength(ruleset, games: int, jobs: int, seed: int = 11,
             roles: tuple[str, ...] = ROLES, playouts: int | None = None) -> None:
    """Hard against normal, paired: game i is dealt the same (`game_seed(seed, i)`) with
    the normal bot in the seat and with the hard one, so the difference is measured game
    by game (a paired interval, and McNemar's z over the games only one of them won).
    With `playouts`: the hard bot at that many playouts a decision against itself at its
    default, the same way (issue 16: a hard bot at the same time budget, now faster)."""
    from wargame.review.analysis import paired

    if playouts is None:
        heading(f"Hard against normal: each role, {games} games dealt alike for both "
                f"(seed {seed}), the other two roles normal (--jobs {jobs})")
        names = ("normal", "hard")
        base = simulate(ruleset, games, seed, parse_bots("normal"), jobs=jobs)
    else:
        heading(f"The hard bot at {playouts} playouts a decision against itself at "
                f"{DEFAULT_PLAYOUTS}: each role, {games} games dealt alike (seed {seed}), "
                f"the other two roles normal (--jobs {jobs})")
        names = (f"hard {DEFAULT_PLAYOUTS}", f"hard {playouts}")
    for role in roles:
        hard = simulate(ruleset, games, seed, parse_bots(f"normal,{role}=hard"), jobs=jobs,
                        bot_options=None if playouts is None else {"playouts": playouts})
        if playouts is not None:
            base = simulate(ruleset, games, seed, parse_bots(f"normal,{role}=hard"),
                            jobs=jobs)
        for name, run in zip(names, (base, hard), strict=True):
            lo, hi = run.tally.interval(role)
            line(f"{role}: {name} wins", f"{run.tally.win_rate(role):6.1%}  "
                 f"(95% {lo:.1%} – {hi:.1%}; {run.seconds / 60:.1f} min)")
        h, n = hard.tally.win_bits[role], base.tally.win_bits[role]
        only_hard, only_base = (h & ~n).bit_count(), (n & ~h).bit_count()
        d, lo, hi = paired([h >> i & 1 for i in range(games)],
                           [n >> i & 1 for i in range(games)])
        z = (only_hard - only_base) / math.sqrt(only_hard + only_base) \
            if only_hard + only_base else 0.0
        line(f"{role}: difference, paired", f"{100 * d:+.1f} points (95% {100 * lo:+.1f} "
             f"to {100 * hi:+.1f}; won by {names[1]} only {only_hard}, {names[0]} only "
             f"{only_base}: z = {z:.1f})")


def _all_cores() -> None:
    """In the child of --jobs 2: every core, even when this benchmark is pinned to one."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


def review_speed(ruleset, budget: int) -> dict[int, float]:
    """Issue 16's target: a review of a 12-turn game at the default budget in at most
    60 s on one core and 35 s with --jobs 2 (a whole process each, as a teacher runs it).
    Before: the review's first version (the normal bot with its look-ahead for the role
    reviewed in every month) took 60.6 s with --jobs 2 on this machine."""
    import tempfile

    from wargame.simulate import save_game

    heading(f"Review of a 12-turn game (normal bots, seed 5), budget {budget}")
    seconds_of: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        _, path = save_game(ruleset, 5, parse_bots("normal"), Path(folder), "review")
        for jobs, target in ((1, 60.0), (2, 35.0)):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "wargame", "review", str(path),
                                  "--budget", str(budget), "--jobs", str(jobs), "--no-cache",
                                  "--format", "json"], capture_output=True, check=True,
                                 cwd=ROOT, preexec_fn=_all_cores if jobs > 1 else None)
            seconds = time.perf_counter() - started
            seconds_of[jobs] = seconds
            data = json.loads(out.stdout)
            widths = sorted(a["win"]["hi"] - a["win"]["lo"] for o in data["orders"]
                            for a in o["alternatives"])
            mark = "met" if seconds <= target else "NOT met"
            line(f"--jobs {jobs} ({len(data['orders'])} orders)",
                 f"{seconds:5.1f} s  (target ≤ {target:.0f} s: {mark}; median 95% "
                 f"interval {100 * widths[len(widths) // 2]:.0f} points)")
    return seconds_of


def targets_table(figures: dict[tuple[str, int], float]) -> None:
    """Issue 16 point 4: each target, the figure, PASS or FAIL and the figure before."""
    heading("Issue 16 targets (edition 2; edition 1 beside it; per CPU second of one "
            "process, the reviews in wall-clock seconds)")
    names = {"easy": "easy bots, games per CPU second",
             "easy-sim": "  the same, simulated (log and tally; no target)",
             "normal": "normal bots, games per CPU second",
             "normal-sim": "  the same, simulated (log and tally; no target)",
             "playouts": "hard-bot playouts per CPU second",
             "review1": "review, 12 turns, default budget, --jobs 1 (s)",
             "review2": "review, 12 turns, default budget, --jobs 2 (s)"}
    print(f"  {'target':<50} {'figure':>8} {'verdict':>7} {'before':>8} "
          f"{'ed. 1':>7} {'ed. 1 before':>12}")
    for key, label in names.items():
        goal = TARGETS.get(key)
        review = key.startswith("review")
        sign = "≤" if review else "≥"
        now = figures.get((key, 2))
        if now is None:
            continue
        verdict = "–" if goal is None else "PASS" if (
            now <= goal if review else now >= goal) else "FAIL"
        one = figures.get((key, 1))
        fmt = (lambda x: f"{x:,.1f}") if review else (lambda x: f"{x:,.0f}")
        before = BEFORE.get((key, 2))
        before_one = BEFORE.get((key, 1))
        label += f" {sign} {goal:,.0f}" if goal is not None else ""
        print(f"  {label:<50} {fmt(now):>8} "
              f"{verdict:>7} {fmt(before) if before else '–':>8} "
              f"{fmt(one) if one is not None else '–':>7} "
              f"{fmt(before_one) if before_one else '–':>12}", flush=True)
    print("  hard bot at the same time budget stronger against normal: not measurably "
          "(256 playouts, today's time, against 160: +1.3 points, 95% -2.3 to +4.9, over "
          "600 paired games; --strength-only --strength-playouts 256; docs/design.md, "
          "Speed)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strength", action="store_true",
                        help="also measure hard against normal (slow: tens of minutes)")
    parser.add_argument("--strength-only", action="store_true",
                        help="only hard against normal (no speed or memory figures)")
    parser.add_argument("--strength-games", type=int, default=200)
    parser.add_argument("--strength-seed", type=int, default=11)
    parser.add_argument("--strength-roles", default=",".join(ROLES),
                        help="roles whose hard bot --strength measures (default: all)")
    parser.add_argument("--strength-playouts", type=int, default=None,
                        help="with --strength(-only): the hard bot at this many playouts "
                        "against itself at its default, instead of against normal")
    parser.add_argument("--jobs", type=int, default=2, help="jobs for --strength")
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    parser.add_argument("--targets", action="store_true",
                        help="only issue 16's speed targets (edition 2 and 1)")
    parser.add_argument("--memory-budget", type=float, default=150.0,
                        help="seconds the 100,000-game memory run may take before it is "
                        "measured smaller and extrapolated (default 150)")
    args = parser.parse_args()
    ruleset = load_decks().ruleset()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores (load average {load} "
          f"at the start); decks {ruleset.digest[:12]}, scenario {ruleset.scenario.id}")
    if args.strength_only:
        strength(ruleset, args.strength_games, args.jobs, args.strength_seed,
                 tuple(args.strength_roles.split(",")), args.strength_playouts)
        return 0
    quick = args.quick
    figures: dict[tuple[str, int], float] = {}
    if not args.targets:
        speed = easy_speed(ruleset, 1000 if quick else 5000)
        memory(100_000, speed, 20.0 if quick else args.memory_budget)
    for edition in (2, 1):
        figures["easy-sim", edition] = bots_speed(ruleset, 1000 if quick else 4000,
                                                  "easy", edition)
        figures["easy", edition] = quiet_speed(ruleset, 1000 if quick else 4000, "easy",
                                               edition)
        figures["normal-sim", edition] = bots_speed(ruleset, 100 if quick else 400,
                                                    "normal", edition)
        figures["normal", edition] = quiet_speed(ruleset, 100 if quick else 400, "normal",
                                                 edition)
        figures["playouts", edition] = hard_budget(ruleset, 3 if quick else 12, edition)
    if not args.targets:
        jobs_speedup(ruleset, 1000 if quick else 6000)
    from wargame.review import DEFAULT_BUDGET

    seconds = review_speed(ruleset, 8 if quick else DEFAULT_BUDGET)
    if not quick:
        figures["review1", 2], figures["review2", 2] = seconds[1], seconds[2]
    targets_table(figures)
    if args.strength:
        strength(ruleset, args.strength_games, args.jobs, args.strength_seed,
                 tuple(args.strength_roles.split(",")), args.strength_playouts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
