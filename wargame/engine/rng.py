"""PCG32 (XSH RR, 64-bit state), after M. E. O'Neill, "PCG: A Family of Simple Fast
Space-Efficient Statistically Good Algorithms for Random Number Generation" (2014).

The game's only source of chance. Its whole state is two integers that live inside the
game state, so a saved game resumes with exactly the same dice. Nothing here touches the
`random` module, `hash()` or the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MASK64 = (1 << 64) - 1
MULTIPLIER = 6364136223846793005
DEFAULT_STREAM = 54


class Pcg32:
    """A mutable PCG32 generator. Game code copies it out of the state, uses it for one
    step, and stores `(state, inc)` back."""

    __slots__ = ("inc", "state")

    def __init__(self, state: int, inc: int) -> None:
        self.state = state & MASK64
        self.inc = (inc | 1) & MASK64

    @classmethod
    def seeded(cls, seed: int, stream: int = DEFAULT_STREAM) -> Pcg32:
        """Seed as the reference `pcg32_srandom_r(seed, stream)` does: step from 0, add
        the seed, step again (the two outputs are not used)."""
        inc = (((stream & MASK64) << 1) | 1) & MASK64
        state = ((inc + (seed & MASK64)) * MULTIPLIER + inc) & MASK64
        rng = cls.__new__(cls)
        rng.state, rng.inc = state, inc
        return rng

    def snapshot(self) -> tuple[int, int]:
        return (self.state, self.inc)

    def next_u32(self) -> int:
        old = self.state
        self.state = (old * MULTIPLIER + self.inc) & MASK64
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((-rot) & 31))) & 0xFFFFFFFF

    def below(self, bound: int) -> int:
        """A uniform integer in [0, bound), without modulo bias (reference boundedrand)."""
        if bound <= 0:
            raise ValueError("bound must be positive")
        threshold = (0x100000000 - bound) % bound
        inc = self.inc
        while True:  # next_u32, inline (the engine's hottest loop)
            old = self.state
            self.state = (old * MULTIPLIER + inc) & MASK64
            xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
            rot = old >> 59
            r = ((xorshifted >> rot) | (xorshifted << ((-rot) & 31))) & 0xFFFFFFFF
            if r >= threshold:
                return r % bound

    def d100(self) -> int:
        """A percentile roll, 1-100."""
        return self.below(100) + 1

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """Fisher-Yates shuffle of a copy."""
        out = list(items)
        state, inc = self.state, self.inc
        for i in range(len(out) - 1, 0, -1):
            bound = i + 1  # j = self.below(bound), inline: a game starts with ~100 of them
            threshold = (0x100000000 - bound) % bound
            while True:
                old = state
                state = (old * MULTIPLIER + inc) & MASK64
                xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
                rot = old >> 59
                r = ((xorshifted >> rot) | (xorshifted << ((-rot) & 31))) & 0xFFFFFFFF
                if r >= threshold:
                    break
            j = r % bound
            out[i], out[j] = out[j], out[i]
        self.state = state
        return out


def derive_stream(seed: int, label: str) -> Pcg32:
    """An independent generator for a named purpose (a bot's thinking, say), derived from
    the game's seed without consuming the game's own stream. The label is folded with a
    fixed FNV-1a, never `hash()`, so it is the same in every process."""
    h = _FOLDED.get(label)
    if h is None:
        h = 0xCBF29CE484222325
        for byte in label.encode("utf-8"):
            h = ((h ^ byte) * 0x100000001B3) & MASK64
        if len(_FOLDED) >= 4096:  # a bounded memo: bots ask for the same labels often
            _FOLDED.clear()
        _FOLDED[label] = h
    return Pcg32.seeded(seed ^ h, h >> 1)


_FOLDED: dict[str, int] = {}
