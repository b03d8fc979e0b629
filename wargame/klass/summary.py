"""The class summary of every table (`wargame class summary`): what `wargame debrief`
writes for several saves, from each table's save, plus the class's own sections (where
each table stands, the facilitator's actions at each).

It can be written during play: a table still in play counts up to its last finished
month (its sealed orders of the month under way are never shown)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs

from ..debrief import Debrief, analyse
from ..document import Column, Items, Paragraph, Section, Table, html, inline, markdown
from ..engine import ROLE_NAMES, UMPIRE, Umpire
from ..hosting import default_games_dir
from ..report import class_summary, summarise
from ..saves import SaveError, read, replay, sections_before
from .manifest import Klass

FORMATS = ("md", "html", "json")


@attrs.frozen
class TableGame:
    """A table's game as the summary counts it."""

    number: int
    game: str
    save: Path
    debrief: Debrief
    over: bool
    months: int
    """The months played to their end."""
    umpire: tuple[str, ...]
    """The facilitator's actions at this table, in words, in order."""


def table_game(number: int, game: str, path: Path) -> TableGame:
    """A table's save, verified, cut after its last finished month. Raises SaveError."""
    save = read(path)
    final, _checkpoints = replay(save)
    over = final.over
    cut = len(save.record) if over else save.checkpoints[-1].after
    record = save.record[:cut]
    months = len(save.checkpoints) - 1
    seats = {role: seat.label for role, seat in save.seats.items()}
    sections = save.sections if over else sections_before(save.sections, months + 1)
    debrief = analyse(save.ruleset, save.seed, [r.action for r in record], turns=save.turns,
                      reasons=[r.reason for r in record],
                      by=[seats.get(r.by, r.by) for r in record], seats=seats,
                      notes=[n for n in save.notes if n.action_index <= cut],
                      sections=sections)
    umpire = []
    for r in record:
        if isinstance(r.action, Umpire):
            what = r.action.kind + (f" {r.action.card}" if r.action.card else "") + \
                (f" {r.action.value}" if r.action.value is not None else "")
            umpire.append(f"{what}: {r.action.reason}")
        elif r.by == UMPIRE:
            umpire.append(f"order for {ROLE_NAMES.get(r.action.actor, r.action.actor)}: "
                          f"{r.reason or ''}".rstrip(": "))
    return TableGame(number, game, path, debrief, over, months, tuple(umpire))


def table_games(klass: Klass, games_dir: str | os.PathLike[str] | None = None
                ) -> list[TableGame]:
    folder = Path(games_dir) if games_dir is not None else (
        klass.games or default_games_dir())
    out = []
    for table in klass.tables:
        path = folder / f"{table.game}.json"
        try:
            out.append(table_game(table.number, table.game, path))
        except SaveError as exc:
            raise SaveError(exc.path, f"table {table.number}: {exc.problem}") from None
    return out


def render(klass: Klass, games: list[TableGame], fmt: str) -> str:
    """The class summary as Markdown, standalone HTML or JSON."""
    debriefs = [g.debrief for g in games]
    s = summarise(debriefs)
    if fmt == "json":
        data: dict[str, Any] = {
            "class": klass.name, "scenario_id": klass.scenario, **s,
            "finished": sum(1 for g in games if g.over),
            "tables": [{"table": g.number, "game": g.game, "save": str(g.save),
                        "over": g.over, "months": g.months, "seed": g.debrief.seed,
                        "winners": list(g.debrief.winners) if g.over else [],
                        "umpire": list(g.umpire)} for g in games]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    names = [f"table {g.number} ({g.game})" for g in games]
    doc = class_summary(debriefs, names, s)
    finished = sum(1 for g in games if g.over)
    lead = (f"Class {klass.name}: {len(games)} tables, {finished} finished"
            + ("" if finished == len(games) else
               "; the others count up to their last finished month") + ".")
    tables = Table((Column("Table"), Column("Months", right=True), Column("State"),
                    Column("Facilitator's actions")), tuple(
        (inline(names[i]), inline(str(g.months)),
         inline("over" if g.over else "in play"),
         inline("; ".join(g.umpire) or "none"))
        for i, g in enumerate(games)))
    facilitator = Section("", "The facilitator at each table", (
        Paragraph(inline("Every umpire's action with its reason, as each table's log and "
                         "save hold it (⚑ in each table's own report).")), tables))
    questions = Items(tuple(inline(f"{c.title} ({c.source}): {c.question}")
                            for c in _questions(debriefs)), empty="none yet")
    discuss = Section("", "Questions of the cards played across the class", (questions,))
    doc = attrs.evolve(doc, title=f"Class summary: {klass.name}",
                       lead=(Paragraph(inline(lead)), *doc.lead),
                       sections=(*doc.sections, facilitator, discuss))
    return markdown(doc) if fmt == "md" else html(doc)


def _questions(debriefs: list[Debrief]) -> list[Any]:
    """Each card played somewhere in the class, once, in the order first played."""
    seen: dict[str, Any] = {}
    for d in debriefs:
        for play in d.cards_played:
            seen.setdefault(play.card, play)
    return list(seen.values())


__all__ = ["FORMATS", "TableGame", "render", "table_game", "table_games"]
