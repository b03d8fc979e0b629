"""The orders timer: a countdown a facilitator can pause, resume and extend, on a clock
the caller gives (tests move it on by hand)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class OrdersClock:
    """A countdown for the orders phase. `now` is a monotonic clock in seconds: the game
    uses `time.monotonic`, tests pass their own and move it on by hand."""

    def __init__(self, seconds: int, now: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.now = now
        self._deadline: float | None = None
        self._left_when_paused: float | None = None

    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def paused(self) -> bool:
        return self._left_when_paused is not None

    def start(self, seconds: int | None = None) -> None:
        self._left_when_paused = None
        self._deadline = self.now() + (self.seconds if seconds is None else seconds)

    def stop(self) -> None:
        self._deadline = None
        self._left_when_paused = None

    def pause(self) -> None:
        if self._deadline is not None and self._left_when_paused is None:
            self._left_when_paused = max(0.0, self._deadline - self.now())

    def resume(self) -> None:
        if self._left_when_paused is not None:
            self._deadline = self.now() + self._left_when_paused
            self._left_when_paused = None

    def extend(self, seconds: int) -> None:
        """More time: from now if the time was up, else added to what is left."""
        if self._deadline is None:
            self.start(seconds)
            return
        self.resume()
        self._deadline = max(self._deadline, self.now()) + seconds

    def remaining(self) -> int:
        """Whole seconds left (rounded up), 0 when the time is up."""
        if self._deadline is None:
            return 0
        left = self._left_when_paused if self._left_when_paused is not None \
            else self._deadline - self.now()
        return max(0, math.ceil(left))

    @property
    def expired(self) -> bool:
        return self.running and not self.paused and self.remaining() == 0

    def label(self) -> str:
        if not self.running:
            return ""
        left = self.remaining()
        return "time is up" if left == 0 else f"{left // 60}:{left % 60:02d}"


def duration_text(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min" + (f" {secs} s" if secs else "")
