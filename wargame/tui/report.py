"""The after-action report of a session, written next to its save: the debrief and the
report formats come from `wargame.debrief` and `wargame.report`; this only chooses where
the files go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wargame.debrief import Debrief, analyse
from wargame.files import write_atomic
from wargame.report import render
from wargame.saves import default_save_dir

if TYPE_CHECKING:
    from wargame.session import Session


def debrief_of(session: Session) -> Debrief:
    """The debrief of a session as this screen may tell it: while the game is played
    here, without the other roles' sealed orders and bots' reasons (`record_seen`)."""
    record = session.record_seen()
    return analyse(session.ruleset, session.seed, [r.action for r in record], session.turns,
                   reasons=[r.reason for r in record], by=[r.by for r in record],
                   seats={role: seat.label for role, seat in session.seats.items()},
                   notes=session.notes, sections=session.sections)


def report_folder(session: Session, save_dir: Path | None) -> Path:
    if session.path is not None:
        return session.path.parent
    if save_dir is not None:
        return save_dir
    return default_save_dir()


def export_report(session: Session, save_dir: Path | None = None) -> list[Path]:
    """Write `<save>-report.md` and `<save>-report.html`; returns their paths. Each file
    is written by `wargame.files.write_atomic`, so a failed export leaves nothing half
    written."""
    debrief = debrief_of(session)
    folder = report_folder(session, save_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = session.path.stem if session.path is not None else f"seed{session.seed}"
    out = []
    for fmt in ("md", "html"):
        target = folder / f"{stem}-report.{fmt}"
        write_atomic(target, render(debrief, fmt).encode("utf-8"))
        out.append(target)
    return out
