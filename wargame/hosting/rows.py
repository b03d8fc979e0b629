"""The rows other processes wrote into a hosted game's database, checked before they are
played: the database is a file like any other, which anyone who can write it may have
edited. Each check names the row and what is wrong (`wargame.checking`); a row that
fails is a HostedError, and the game cannot be played on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import saves
from ..checking import Strict
from ..engine import Action, action_from_data
from ..saves import Note
from ..untrusted import Untrusted, parse_json
from .database import (
    ACTION_LIMITS,
    MAX_ACTION_TEXT,
    PAUSE_LIMITS,
    SECTIONS_LIMITS,
    HostedError,
)

MAX_WRITER = 400
"""`host:pid:random` of the process that wrote a row."""


def _check(path: Path) -> Strict:
    return Strict(lambda where, problem: HostedError(path, f"{where} {problem}"),
                  "text in a hosted game may hold no control character")


def check_action_row(path: Path, where: str, text: Any, by: Any, reason: Any,
                     writer: Any) -> None:
    """The columns of an action row: text of bounded length, with no control character
    in the bot's reason."""
    c = _check(path)
    c.text(text, f"{where}'s action", MAX_ACTION_TEXT)
    c.text(by, f"{where}'s author", 40)
    if reason is not None:
        c.text(reason, f"{where}'s reason", saves.MAX_REASON)
    if writer is not None:
        c.text(writer, f"{where}'s writer", MAX_WRITER)


def action_of(path: Path, where: str, text: str) -> Action:
    """The action an action row holds (its text parsed within ACTION_LIMITS)."""
    try:
        return action_from_data(parse_json(text.encode("utf-8", "replace"), ACTION_LIMITS))
    except Untrusted as exc:
        raise HostedError(path, f"{where} is not an action: {exc}") from None
    except (ValueError, TypeError) as exc:
        raise HostedError(path, f"{where} is not an action: {exc}") from None


def notes_of(path: Path, rows: Iterable[tuple[Any, Any, Any]], actions: int) -> list[Note]:
    """The notes rows (turn, action, text), in the order of the game, checked as a
    save's notes are."""
    c = _check(path)
    notes = []
    for i, (turn, action, text) in enumerate(rows):
        where = f"note {i + 1}"
        note = Note(c.integer(turn, f"{where}'s turn", 1, 60),
                    c.integer(action, f"{where}'s action", 0, actions),
                    c.text(text, f"{where}'s text", saves.MAX_NOTE))
        if not note.text:
            c.fail(f"{where}'s text", "is empty")
        notes.append(note)
    return notes


def sections_of(path: Path, text: Any) -> dict[str, Any]:
    """The optional parts of the save as the database holds them, checked as a save's
    are (bounded, then each section by its own rules)."""
    try:
        if not isinstance(text, str):
            raise Untrusted("not text")
        loaded = parse_json(text.encode("utf-8", "replace"), SECTIONS_LIMITS)
        if not isinstance(loaded, dict) or len(loaded) > saves.MAX_SECTIONS:
            raise Untrusted(f"not a table of at most {saves.MAX_SECTIONS} sections")
        for name, value in loaded.items():
            saves.check_section(name, value)
    except (Untrusted, saves.SectionError) as exc:
        raise HostedError(path, f"its sections are unreadable: {exc}") from None
    return loaded


def pause_of(path: Path, text: Any) -> dict[str, Any] | None:
    """The facilitator's pause of a class's table as the database holds it (its
    "pause" meta row: {"turn": N, "reason": "..."}), checked; None when the row is
    absent (the table is not paused)."""
    if text is None:
        return None
    c = _check(path)
    try:
        if not isinstance(text, str):
            raise Untrusted("not text")
        loaded = parse_json(text.encode("utf-8", "replace"), PAUSE_LIMITS)
    except Untrusted as exc:
        raise HostedError(path, f"its pause is unreadable: {exc}") from None
    c.obj(loaded, "its pause", ("turn", "reason"))
    c.integer(loaded["turn"], "its pause's turn", 1, 60)
    c.text(loaded["reason"], "its pause's reason", saves.MAX_REASON)
    return {"turn": loaded["turn"], "reason": loaded["reason"]}
