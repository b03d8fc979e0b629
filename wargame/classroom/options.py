"""The classroom's command-line options in words a teacher types: an outcome to
forecast (`regime_falls by 6`), the orders timer (`3m`, `1m30s`), a team (`putin=5`).
Each raises ValueError with a message for the player."""

from __future__ import annotations

import re

from attrs import evolve

from ..engine.errors import ExpressionError
from ..engine.expr import parse as parse_expr
from ..engine.tracks import ROLES
from .clock import duration_text
from .outcomes import PRESET_BY_ID, PRESETS, Outcome
from .section import MAX_TEAM, MAX_TIMER, MIN_TIMER

_BY = re.compile(r"^(.*?)\s+by\s+(?:turn\s+)?(\d{1,2})$", re.IGNORECASE)


def outcome_from_spec(spec: str, turns: int | None = None) -> Outcome:
    """An outcome from the command line: a preset's id (`regime_falls`), or a condition
    (`involvement >= 4`), either followed by `by N` (by the end of turn N). Raises
    ValueError with a message for the player."""
    text = " ".join(spec.split())
    by: int | None = None
    m = _BY.match(text)
    if m:
        text, by = m.group(1), int(m.group(2))
        if not 1 <= by <= (turns or 60):
            raise ValueError(f"'by {by}': the turn must be from 1 to {turns or 60}")
    preset = PRESET_BY_ID.get(text.lower())
    if preset is not None:
        if by is None:
            return preset
        if preset.winner is not None:
            raise ValueError(f"'{preset.id}' is decided at the end of the game, not by a turn")
        return evolve(preset, id=f"{preset.id}_by_{by}", text=f"{preset.text} by turn {by}",
                      by=by)
    try:
        parse_expr(text)
    except ExpressionError as exc:
        names = ", ".join(o.id for o in PRESETS)
        raise ValueError(f"{spec!r} is neither an outcome ({names}) nor a condition: "
                         f"{exc}") from None
    ident = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "outcome"
    if not ident[0].isalpha():
        ident = "c_" + ident
    if by is not None:
        ident += f"_by_{by}"
    words = f"{text} by turn {by}" if by is not None else f"{text} before the game ends"
    return Outcome(ident[:40], words, text, by)


_DURATION = re.compile(r"^(?:(\d+)m)?(?:(\d+)s)?$")


def parse_duration(text: str) -> int:
    """Seconds in "3m", "90s", "1m30s", "2:30" or "3" (minutes); "0" or "off" is no
    timer. Raises ValueError with a message for the player."""
    t = text.strip().lower().replace(" ", "")
    if t in ("", "0", "off", "none"):
        return 0
    seconds: int | None = None
    if t.isdigit():
        seconds = int(t) * 60
    elif re.fullmatch(r"\d+:\d\d", t):
        minutes, secs = t.split(":")
        seconds = int(minutes) * 60 + int(secs)
    else:
        m = _DURATION.match(t)
        if m and (m.group(1) or m.group(2)):
            seconds = int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if seconds is None:
        raise ValueError(f"{text!r} is not a time: write 3m, 90s, 1m30s or 2:30")
    if not MIN_TIMER <= seconds <= MAX_TIMER:
        raise ValueError(f"the orders timer is from {MIN_TIMER} seconds to "
                         f"{MAX_TIMER // 60} minutes, not {duration_text(seconds)}")
    return seconds


def parse_team(spec: str) -> tuple[str, int]:
    """'putin=5' -> ('putin', 5). Raises ValueError with a message for the player."""
    role, _, size = spec.partition("=")
    role = role.strip().lower()
    if role not in ROLES:
        raise ValueError(f"--team {spec!r}: the role is one of {', '.join(ROLES)}")
    try:
        members = int(size)
    except ValueError:
        raise ValueError(f"--team {spec!r}: write ROLE=N, for example putin=5") from None
    if not 2 <= members <= MAX_TEAM:
        raise ValueError(f"--team {spec!r}: a team has 2 to {MAX_TEAM} members")
    return role, members
