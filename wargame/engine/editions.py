"""Editions of the rules: which rules a game is played under.

A save promises to replay in every later version of the game, so the rules that a
released version plays by never change: they are an *edition*, frozen when a version that
makes it the default is released. Until then the newest edition is a *draft*: it may still
change, and its saves say which draft revision they were played under, so that a save of
an older draft is refused plainly ("played under draft 1 of rules edition 2; this game
has draft 2") instead of diverging for no visible reason.

- Edition 1: the rules of wargame 0.1. Its log is English text, and that text is part of
  every digest, so its words are frozen with it (`edition1.py` keeps them).
- Edition 2: the log is data (kinds, parameters, values before and after, the inputs of
  every condition and roll); the words come from `wargame.telling`, outside the engine,
  and digests cover the data only. Released (frozen) with 0.2.0, as its draft 6.

See "Editions" in docs/design.md for the policy.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Edition:
    number: int
    draft: int | None
    """The draft revision, bumped whenever the draft's rules change; None once frozen."""
    released: str | None
    """The version of the game that made it the default (and so froze it)."""
    summary: str
    last_draft: int | None = None
    """For a released edition that had drafts: the draft revision it was released as
    (saves of that draft replay under the released edition)."""

    @property
    def frozen(self) -> bool:
        return self.draft is None

    @property
    def name(self) -> str:
        """'rules edition 1', 'rules edition 2 (draft 1)'."""
        return label(self.number, self.draft)

    @property
    def data_log(self) -> bool:
        """Whether its log holds data (edition 2 on) rather than English text."""
        return self.number >= 2


def label(number: int, draft: int | None = None) -> str:
    """'rules edition 1', 'rules edition 2 (draft 1)'."""
    return f"rules edition {number}" + ("" if draft is None else f" (draft {draft})")


EDITIONS: dict[int, Edition] = {
    1: Edition(1, None, "0.1.0", "the rules of wargame 0.1, with an English log"),
    2: Edition(2, None, "0.2.0", "the article's dilemma decides the game; a log made of "
                  "data", last_draft=6),
}
LATEST = max(EDITIONS)
"""New games are played under the newest edition unless told otherwise."""


def edition_name(number: int) -> str:
    """'rules edition 1', 'rules edition 2 (draft 1)' (as this version of the game has it)."""
    found = EDITIONS.get(number)
    return found.name if found is not None else f"rules edition {number}"


def edition(number: int) -> Edition:
    """The edition `number`; ValueError naming the known ones when there is none."""
    found = EDITIONS.get(number) if isinstance(number, int) else None
    if found is None or isinstance(number, bool):
        known = ", ".join(str(n) for n in EDITIONS)
        raise ValueError(f"there is no rules edition {number!r} (this game knows {known})")
    return found
