"""Hostile files against the readers: how long a refusal takes and how much memory
reading takes. Figures on stdout, each against its target (issue 15); not a test (the
tests check behaviour: tests/test_hostile_input.py, tests/test_garbage.py).

    python benchmarks/hostile_input.py

Each case runs `wargame replay FILE --verify` in a fresh process and reports its wall
time, its exit status and its peak memory (the child's maximum resident set size).

- a crafted save of escaped quotes that never closes (40 KB, 80 KB, 1 MB): refused with
  exit 2 in under 2 s (the old pre-scan took time of the order of the square of the
  size: 5 s for 40 KB, 21 s for 80 KB);
- a 5 MB save of `[{},{},...]`: refused in under 200 MB (the old reader built the whole
  document first: 470 MB);
- a real game grown to 5 MB (every note a game may hold, long notes, a large section):
  read and verified, exit 0, in under 200 MB;
- 20 MB (the largest save read) of nested brackets: refused, exit 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20


def verify(path: Path) -> tuple[float, int, float, str]:
    """(seconds, exit status, peak MB, first line of output) of `wargame replay --verify`,
    the peak being that process's own maximum resident set size."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "wargame", "replay", str(path),
                             "--verify"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    message = (output.strip().splitlines() or [""])[0].replace(f"{path.parent}/", "")
    return seconds, proc.returncode, usage.ru_maxrss / 1024, message


def grown_game(folder: Path, size: int) -> Path:
    """A real game, played to its end by bots, grown to about `size` bytes with the
    longest notes a game may hold, every one it may hold, and a large section: a save
    as large as a game may make."""
    from wargame.decks import load_decks
    from wargame.engine import ROLES
    from wargame.saves import MAX_NOTE, MAX_NOTES, Note, Seat
    from wargame.session import Session

    ruleset = load_decks(ROOT / "decks").ruleset()
    session = Session.new(ruleset, 7, {r: Seat(r, "bot", "easy") for r in ROLES},
                          save_dir=folder)
    session.run()
    text = ("Why did the regime hold? Look at the garrison, the network, the demands. "
            * 40)[:MAX_NOTE]
    session.notes = [Note(1, 0, text)] * MAX_NOTES
    session.save()
    rows = max(0, (size - session.path.stat().st_size) // 100)
    session.sections["benchmark"] = {"version": 1, "rows": [
        {"turn": i % 12 + 1, "text": "a forecast the class wrote down, and why: " * 2}
        for i in range(rows)]}
    session.save()
    return session.path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WARGAME_SAVE_DIR"] = str(folder / "saves")
        cases: list[tuple[str, Path, str]] = []
        for size in (40_000, 80_000, 1_000_000):
            path = folder / f"quotes-{size}.json"
            path.write_bytes(b'"' + b'\\"' * (size // 2))
            cases.append((f"crafted save of escaped quotes, {size // 1000:,} KB", path,
                          "exit 2 in under 2 s"))
        deep = folder / "deep.json"
        deep.write_bytes(b"[" * (10 * MB) + b"]" * (10 * MB))
        cases.append(("20 MB of nested brackets", deep, "exit 2"))
        wide = folder / "wide.json"
        wide.write_text("[" + ",".join(["{}"] * (5 * MB // 3)) + "]")
        cases.append((f"[{{}},{{}},...], {wide.stat().st_size / MB:.1f} MB", wide,
                      "exit 2 in under 200 MB"))
        real = grown_game(folder / "saves", 5 * MB)
        cases.append((f"a real game grown to {real.stat().st_size / MB:.1f} MB", real,
                      "exit 0 in under 200 MB"))
        print(f"{'case':<44} {'time':>7} {'exit':>4} {'peak':>8}  target")
        for label, path, target in cases:
            seconds, code, peak, message = verify(path)
            print(f"{label:<44} {seconds:>6.2f}s {code:>4} {peak:>6.0f} MB  {target}")
            print(f"    {message[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
