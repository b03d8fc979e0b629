"""Two games of one scenario side by side (a game and its branch, two classes' games):
where they first differ, then each track of both games over time, with the difference
turn by turn. The comparison itself is `wargame.debrief.compare`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.charts import Chart, Series
from wargame.debrief import compare
from wargame.engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, TRACK_BY_NAME
from wargame.report import gap_text, short_value
from wargame.saves import SaveError, default_save_dir, read, save_files
from wargame.untrusted import printable

from ..messages import SavesFound
from . import BaseModal, BaseScreen
from .charts import draw, short_month

if TYPE_CHECKING:
    from wargame.debrief import Comparison, Debrief, TrackDivergence
    from wargame.session import Session

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"


def outcome(d: Debrief) -> str:
    if not d.final.over:
        return f"in progress: turn {d.final.turn} of {d.final.turns}"
    if not d.winners:
        won = "nobody won"
    else:
        won = " and ".join(f"{ROLE_SYMBOLS[r]} {ROLE_NAMES[r]}" for r in d.winners) + " won"
    if d.end == "fallen":
        return f"{won}: the regime fell in turn {len(d.turns)}"
    return f"{won} after {len(d.turns)} turns"


def track_chart(c: Comparison, item: TrackDivergence, margin: bool) -> Chart:
    """One track (or margin) of both games as a chart, the first difference marked. The
    scale is zoomed on the values (within the track's bounds), so that a gap of one point
    shows."""
    if margin:
        title, div, unit = f"{ROLE_SYMBOLS[item.track]} {ROLE_NAMES[item.track]}'s margin", 1, ""
        bottom, top = -99, 99
    else:
        tr = TRACK_BY_NAME[item.track]
        troops = tr.unit in ("troops", "people")
        title, div, unit = tr.label + (" (thousands)" if troops else ""), \
            1000 if troops else 1, "k" if troops else "%" if tr.unit == "%" else ""
        bottom, top = tr.lo // div, tr.hi // div
    a = tuple(v // div for v in item.a)
    b = tuple(v // div for v in item.b)
    lo, hi = min(*a, *b), max(*a, *b)
    pad = max(1, (hi - lo) // 5)
    lo, hi = max(bottom, lo - pad), min(top, hi + pad)
    if hi - lo < 4:
        hi = min(top, lo + 4)
        lo = max(bottom, hi - 4)
    first = item.first_turn
    marks = ((first, "first difference"),) if first is not None else ()
    return Chart(title, (Series("A", a), Series("B", b)), lo, hi, unit, marks)


def b_starts_at(item: TrackDivergence) -> int:
    """B is drawn from the point before the first difference (it is A's line until
    then): the branch leaves the line where the games part."""
    first = item.first_turn if item.first_turn is not None else item.common
    return max(0, first - 1)


class CompareScreen(BaseScreen):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,x", "back", "Back", id="compare-back", tooltip="Back to the replay"),
    ]

    def __init__(self, a: Debrief, b: Debrief, names: tuple[str, str]) -> None:
        super().__init__()
        self.comparison = compare(a, b)
        self.names = names
        c = self.comparison
        # Margins first, then the tracks that diverged (largest gap first), then the rest.
        diverged = sorted(c.diverged(), key=lambda t: (t.first_turn, -abs(t.widest)))
        same = [t for t in c.tracks if not t.differs]
        self.items: list[tuple[TrackDivergence, bool]] = (
            [(m, True) for m in c.margins] + [(t, False) for t in diverged]
            + [(t, False) for t in same])
        self.selected = 0

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Static(id="compare-status")
        yield Static(id="compare-head")
        with Horizontal(id="compare-body"):
            yield OptionList(*[Option(self._item_label(t, m), id=str(i))
                               for i, (t, m) in enumerate(self.items)],
                             id="compare-tracks", classes="panel")
            with Vertical(id="compare-side", classes="panel"):
                yield PlotextPlot(id="compare-plot")
                yield Static(id="compare-table")
        yield Footer(compact=True)

    def _item_label(self, t: TrackDivergence, margin: bool) -> Content:
        name = (f"{ROLE_SYMBOLS[t.track]} {ROLE_NAMES[t.track]} margin" if margin
                else TRACK_BY_NAME[t.track].label)
        if not t.differs:
            return Content.assemble(("= ", "$text-muted"), (name, "$text-muted"))
        return Content.assemble(("≠ ", "bold $warning"), (name, "bold"),
                                (f" {gap_text(None if margin else t.track, t.widest)}",
                                 "$accent"))

    def on_mount(self) -> None:
        c = self.comparison
        a_name, b_name = self.names
        self.query_one("#compare-status", Static).update(Content.assemble(
            (" Compare ", "bold reverse"), " ", ("A ", "bold $accent"), a_name,
            ("  B ", "bold $accent"), b_name))
        head = [Content.assemble(("A: ", "bold"), outcome(c.a), ("   B: ", "bold"),
                                 outcome(c.b)),
                Content.styled(c.summary(), "bold $warning")]
        for role, x, y in c.orders:
            head.append(Content.assemble(
                (f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}: ", "bold"), ("A ", "bold $accent"),
                x or "(no order)", ("  B ", "bold $accent"), y or "(no order)"))
        if not c.orders and not c.identical and (c.a_action or c.b_action):
            head.append(Content.assemble(("A ", "bold $accent"), c.a_action or "(ended)",
                                         ("  B ", "bold $accent"), c.b_action or "(ended)"))
        self.query_one("#compare-head", Static).update(Content("\n").join(head))
        tracks = self.query_one("#compare-tracks", OptionList)
        tracks.border_title = f"{len(c.diverged())} tracks diverged"
        tracks.highlighted = self._first_interesting()
        tracks.focus()
        self.call_after_refresh(self._draw)

    def _first_interesting(self) -> int:
        """The first item that differs (a margin, else a track), or the first."""
        return next((i for i, (t, _) in enumerate(self.items) if t.differs), 0)

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        from textual_plotext import PlotextPlot

        c = self.comparison
        item, margin = self.items[self.selected]
        chart = track_chart(c, item, margin)
        plot = self.query_one("#compare-plot", PlotextPlot)
        width = plot.size.width or 60
        labels = ["start", *(short_month(m) for m in c.months[1:])]
        draw(plot.plt, chart, labels, width, starts=(0, b_starts_at(item)))
        plot.refresh()
        self.query_one("#compare-side").border_title = (
            f"{chart.title}: ● A, ■ B where it differs, │ first difference" if item.differs
            else f"{chart.title}: the same while both games went on")
        self.query_one("#compare-table", Static).update(self._table(item, margin, width))

    def _table(self, item: TrackDivergence, margin: bool, width: int) -> Content:
        """A, B and B − A per turn, as many turns as fit (from just before the first
        difference when they do not all fit)."""
        months = ["start", *(short_month(m) for m in self.comparison.months[1:])]
        n = len(months)

        def cell(values, i) -> str:
            if i >= len(values):
                return "—"
            v = values[i]
            return gap_text(None, v).replace("·", "0") if margin else short_value(
                item.track, v)

        rows = {"": months, "A": [cell(item.a, i) for i in range(n)],
                "B": [cell(item.b, i) for i in range(n)],
                "B−A": [gap_text(None if margin else item.track, item.difference(i))
                        for i in range(n)]}
        col = max(len(x) for r in rows.values() for x in r) + 1
        fit = max(1, (width - 5) // col)
        start = 0
        if fit < n:
            first = item.first_turn or 0
            start = max(0, min(n - fit, first - 1))
        out = []
        for label, cells in rows.items():
            text = "".join(x.rjust(col) for x in cells[start:start + fit])
            style = "bold" if label == "B−A" else "$text-muted" if not label else ""
            out.append(Content.assemble((label.ljust(4), "bold"), (text, style)))
        return Content("\n").join(out)

    @on(OptionList.OptionHighlighted, "#compare-tracks")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.selected:
            self.selected = event.option_index
            self._draw()

    def action_back(self) -> None:
        self.dismiss()


class ComparePicker(BaseModal["Path | None"]):
    """The saves to compare a game with: its parent first, then its branches, then the
    other games of the same scenario in its folder and the save folder."""

    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="compare-picker-back"),
    ]

    def __init__(self, session: Session, folders: list[Path], save_dir: Path | None) -> None:
        super().__init__()
        self.session = session
        self.folders = folders
        self.save_dir = save_dir
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Content.styled("Compare this game with…", "bold $accent"),
                         classes="dialog-title")
            yield Static("Looking for games of the same scenario…", id="compare-folder",
                         classes="dialog-text")
            yield OptionList(id="compare-saves")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Compare (Enter)", variant="primary", id="open")
                yield Button("Back (Esc)", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#compare-saves", OptionList).focus()
        self._scan()

    @work(thread=True, exclusive=True, group="compare-picker")
    def _scan(self) -> None:
        me = self.session
        folders = [*self.folders, self.save_dir or default_save_dir()]
        seen: set[Path] = set()
        rows: list[tuple[int, Path, Content]] = []
        for folder in folders:
            for path in save_files(folder)[:100]:
                key = path.resolve()
                if key in seen or (me.path is not None and key == me.path.resolve()):
                    continue
                seen.add(key)
                try:
                    save = read(path)
                except SaveError:
                    continue
                if save.ruleset.scenario.id != me.ruleset.scenario.id:
                    continue
                stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
                if me.parent is not None and save.game_id == me.parent.game:
                    rank, why = 0, f"★ this game branched from it at turn {me.parent.turn}"
                elif save.parent is not None and save.parent.game == me.game_id:
                    rank, why = 1, f"⑂ a branch of this game from turn {save.parent.turn}"
                else:
                    rank, why = 2, f"seed {save.seed}"
                won = ", ".join(save.final.winners) or "nobody"
                where = (f"over ({won} won)" if save.final.phase == "over"
                         else f"turn {save.final.turn} of {save.turns}")
                rows.append((rank, path, Content.assemble(
                    (printable(path.name), "bold"), "\n  ",
                    (why, "bold $accent" if rank < 2 else ""),
                    (f" · {where} · {stamp}", "$text-muted"))))
        rows.sort(key=lambda r: (r[0], str(r[1])))
        self.post_message(SavesFound([(p, c) for _, p, c in rows]))

    @on(SavesFound)
    def _show(self, message: SavesFound) -> None:
        message.stop()
        rows = message.rows
        self.paths = [p for p, _ in rows]
        saves = self.query_one("#compare-saves", OptionList)
        saves.clear_options()
        saves.add_options([Option(c, id=str(i)) for i, (_, c) in enumerate(rows)])
        scenario = self.session.ruleset.scenario.title
        self.query_one("#compare-folder", Static).update(Content(
            f"Games of {scenario}:" if rows else
            f"No other game of {scenario} here: branch this one (w) to make one, or give "
            "a second save on the command line: wargame compare A B."))
        if rows:
            saves.highlighted = 0

    @on(OptionList.OptionSelected, "#compare-saves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[event.option_index])

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        index = self.query_one("#compare-saves", OptionList).highlighted
        if index is None or not self.paths:
            self.notify("There is no save to compare with.", severity="warning")
            return
        self.dismiss(self.paths[index])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
