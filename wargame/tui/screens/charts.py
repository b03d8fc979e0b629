"""Every track over the whole game, drawn in the terminal (textual-plotext), one group of
tracks at a time, with the turns of the key orders (troops moved, involvement,
sovereignty) marked by vertical lines. The groups and their scales are the report's
(`wargame.report.charts`), so the terminal and the HTML report draw the same charts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wargame.charts import Chart, Series
from wargame.engine.tracks import ROLE_SYMBOLS, TRACK_BY_NAME
from wargame.report import charts

from . import BaseScreen

if TYPE_CHECKING:
    from wargame.debrief import Debrief

CSS_FILE = Path(__file__).resolve().parent.parent / "replay.tcss"

MARKERS = ("●", "■", "▲", "◆", "○", "□")
"""One glyph per line, so that colour is never the only way to tell them apart."""
COLORS = ("cyan", "red", "green", "magenta", "yellow", "blue")
MARK_COLOR = "gray"

MORE_GROUPS: tuple[tuple[str, tuple[str, ...], int, int, str, int], ...] = (
    # The tracks the report's charts leave out, so that every track has a chart here
    # (title, tracks, lo, hi, unit, divisor, as in `report.CHART_GROUPS`).
    ("Army strength (thousands)", ("regulars", "staff", "reservists"), 0, 60, "k", 1000),
    ("Volunteers fighting for Ukraine", ("volunteers",), 0, 5000, "", 1),
    ("Each role's purse", ("capital", "leverage_points", "reach"), 0, 10, "", 1),
)


def all_charts(d: Debrief) -> list[Chart]:
    """The report's charts, then the rest of the tracks, each with the key orders."""
    out = charts(d)
    marks = tuple((turn, title) for turn, _, title in d.key_orders())
    for title, names, lo, hi, unit, div in MORE_GROUPS:
        series = tuple(Series(TRACK_BY_NAME[n].label, tuple(v // div for v in d.series(n)))
                       for n in names)
        top = max([hi, *(max(s.values) for s in series)])
        out.insert(len(out) - 1, Chart(title, series, lo, top, unit, marks))
    return out


def short_month(month: str) -> str:
    return month[:3]


def y_ticks(lo: int, hi: int) -> list[int]:
    """Whole-number ticks, at most about six of them."""
    span = max(hi - lo, 1)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if span / s <= 6)
    first = lo - lo % step if lo % step else lo
    return [v for v in range(first, hi + 1, step) if v >= lo]


def draw(plot, chart: Chart, labels: Sequence[str], width: int,
         starts: Sequence[int] = ()) -> None:
    """Draw `chart` on a textual-plotext `Plot` (cleared first). `labels[i]` names the
    point i ("start", then each month); they are thinned out when they would not fit.
    `starts[k]`: the first point of series k that is drawn (0 when not given)."""
    plt = plot
    plt.clear_data()
    plt.clear_figure()
    n = max((len(s.values) for s in chart.series), default=1)
    xs = list(range(n))
    for k, s in enumerate(chart.series):
        first = starts[k] if k < len(starts) else 0
        plt.plot(xs[first: len(s.values)], list(s.values[first:]),
                 marker=MARKERS[k % len(MARKERS)], color=COLORS[k % len(COLORS)])
    for turn in sorted({x for x, _ in chart.marks}):
        plt.vline(turn, MARK_COLOR)
    if chart.lo < 0 < chart.hi:
        plt.hline(0, MARK_COLOR)
    plt.ylim(chart.lo, chart.hi)
    ticks = y_ticks(chart.lo, chart.hi)
    plt.yticks(ticks, [f"{v:,}{chart.unit}" for v in ticks])
    room = max(1, (width - 8) // max(n, 1))
    every = next(k for k in range(1, n + 1) if room * k >= 4)
    shown = [i for i in xs if i % every == 0]
    names = [labels[i] if i < len(labels) else str(i) for i in shown]
    if names and len(names[0]) >= room * every:
        names[0] = ""  # "start" does not fit before the first month's label
    plt.xticks(shown, names)
    plt.xlim(0, max(n - 1, 1))
    plt.title(chart.title)


def legend(chart: Chart, key_orders: Sequence[tuple[int, str, str]], unit_of=None,
           current: int | None = None) -> Content:
    """The lines (glyph, name, first→last) and the key orders with their turns."""
    parts: list[Content] = []
    items = []
    for k, s in enumerate(chart.series):
        first, last = (s.values[0], s.values[-1]) if s.values else (0, 0)
        items.append(Content.assemble((f"{MARKERS[k % len(MARKERS)]} ", "bold"),
                                      (s.label, "bold"),
                                      (f" {first:,}{chart.unit}→{last:,}{chart.unit}",
                                       "$text-muted")))
    parts.append(Content("   ").join(items))
    if key_orders:
        marks = "; ".join(f"T{turn} {ROLE_SYMBOLS.get(role, '')} {title}"
                          for turn, role, title in key_orders)
        parts.append(Content.assemble(("│ key orders: ", "bold $accent"), marks))
    else:
        parts.append(Content.styled("No key orders: nobody moved troops, the ladder or "
                                    "sovereignty.", "$text-muted"))
    if current is not None:
        parts.append(Content.styled(f"The replay is at turn {current}. Each point is the end "
                                    "of a month (0: the start).", "$text-muted"))
    return Content("\n").join(parts)


class ChartsScreen(BaseScreen):
    CSS_PATH = CSS_FILE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "group(-1)", "Previous", priority=True, id="charts-prev",
                tooltip="The previous group of tracks"),
        Binding("right", "group(1)", "Next chart", priority=True, id="charts-next",
                tooltip="The next group of tracks (↑↓ in the list too)"),
        Binding("escape,c", "back", "Back", id="charts-back", tooltip="Back to the replay"),
    ]

    def __init__(self, debrief: Debrief, turn: int | None = None, group: int = 0) -> None:
        super().__init__()
        self.debrief = debrief
        self.turn = turn
        self.charts: list[Chart] = all_charts(debrief)
        self.group = max(0, min(group, len(self.charts) - 1))
        d = debrief
        self.labels = ["start", *(short_month(t.month) for t in d.turns)]

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Static(id="charts-status")
        with Horizontal(id="charts-body"):
            yield OptionList(*[Option(c.title, id=str(i)) for i, c in enumerate(self.charts)],
                             id="chart-groups", classes="panel")
            with Vertical(id="chart-side", classes="panel"):
                yield PlotextPlot(id="chart-plot")
                yield Static(id="chart-legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        groups = self.query_one("#chart-groups", OptionList)
        groups.border_title = "Tracks"
        groups.highlighted = self.group
        groups.focus()
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    @property
    def chart(self) -> Chart:
        return self.charts[self.group]

    def _draw(self) -> None:
        from textual_plotext import PlotextPlot

        plot = self.query_one("#chart-plot", PlotextPlot)
        width = plot.size.width or 60
        draw(plot.plt, self.chart, self.labels, width)
        plot.refresh()
        key = self.debrief.key_orders()
        self.query_one("#chart-legend", Static).update(legend(self.chart, key,
                                                              current=self.turn))
        side = self.query_one("#chart-side")
        side.border_title = self.chart.title
        sc = self.debrief.ruleset.scenario
        self.query_one("#charts-status", Static).update(Content.assemble(
            (" Charts ", "bold reverse"), " ", (sc.title, "bold"),
            f" · {len(self.debrief.turns)} turns · chart {self.group + 1} of "
            f"{len(self.charts)}  ", ("│ marks the turn of a key order", "$text-muted")))

    @on(OptionList.OptionHighlighted, "#chart-groups")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.group:
            self.group = event.option_index
            self._draw()

    def action_group(self, step: int) -> None:
        self.group = (self.group + step) % len(self.charts)
        self.query_one("#chart-groups", OptionList).highlighted = self.group
        self._draw()

    def action_back(self) -> None:
        self.dismiss()
