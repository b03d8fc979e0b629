"""Charts of a game's tracks as standalone SVG (for the HTML report) and as Unicode
sparklines (for Markdown and the terminal). The geometry is computed here (`layout`), the
SVG is written by an autoescaped template (templates/chart.svg.j2, which the report's
`document.environment` loads); lines differ by dash pattern and marker as well as colour,
so colour is never the only signal. Imports nothing of the game."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")
SPARKS = "▁▂▃▄▅▆▇█"


@frozen
class Series:
    label: str
    values: tuple[int, ...]


@frozen
class Chart:
    title: str
    series: tuple[Series, ...]
    lo: int
    hi: int
    unit: str = ""
    marks: tuple[tuple[int, str], ...] = ()
    """(x, label): vertical markers for key orders."""
    x_label: str = "turn"
    """What the points are: point i is after i turns (or i games)."""


@frozen
class Marker:
    kind: str
    """'circle', 'square', 'triangle' or 'diamond'."""
    x: str
    y: str
    color: str

    @property
    def points(self) -> str:
        """The polygon of a triangle or a diamond."""
        x, y = float(self.x), float(self.y)
        if self.kind == "triangle":
            return f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}"
        return f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x - 4:.1f},{y:.1f}"

    @property
    def corner(self) -> tuple[str, str]:
        """The top left corner of a square."""
        return f"{float(self.x) - 3:.1f}", f"{float(self.y) - 3:.1f}"


@frozen
class Line:
    """One series drawn: its polyline, markers and legend entry."""

    label: str
    color: str
    dash: str
    points: str
    markers: tuple[Marker, ...]
    legend_x: int
    legend_y: int
    legend_marker: Marker


@frozen
class Layout:
    """Where everything of one chart goes, in the SVG's units: the numbers of the
    picture, computed here; the markup is the template's (templates/chart.svg.j2)."""

    chart: Chart
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    y_ticks: tuple[tuple[str, str], ...]
    """(y, label) of each grid line."""
    x_ticks: tuple[tuple[str, int], ...]
    """(x, the turn or game) of each label under the plot."""
    marks: tuple[tuple[str, str, str], ...]
    """(x, tooltip, tag) of each key order's dashed line."""
    lines: tuple[Line, ...]


def layout(chart: Chart, width: int = 540, height: int = 220) -> Layout:
    """The geometry of one line chart."""
    left, right, top, bottom = 48, 175, 28, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max((len(s.values) for s in chart.series), default=1)
    span = max(chart.hi - chart.lo, 1)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: int) -> float:
        return top + plot_h * (1 - (v - chart.lo) / span)

    y_ticks = []
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9)
                if span / s <= 6)
    v = chart.lo - chart.lo % step if chart.lo % step else chart.lo
    while v <= chart.hi:
        if v >= chart.lo:
            y_ticks.append((f"{py(v):.1f}", f"{v:,}{chart.unit}"))
        v += step
    gap = plot_w / (n - 1) if n > 1 else plot_w
    every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 10**9) if gap * k >= 18)
    x_ticks = tuple((f"{px(i):.1f}", i) for i in range(0, n, every))
    # A key order: a dashed line and its turn above the plot ("T6"); the orders' names
    # are in a tooltip and under the charts (written inside, they ran into each other
    # and into the legend).
    by_turn: dict[int, list[str]] = {}
    for x, label in chart.marks:
        by_turn.setdefault(x, []).append(label)
    marks = tuple((f"{px(x):.1f}", f"Turn {x}: " + "; ".join(labels), f"T{x}")
                  for x, labels in sorted(by_turn.items()))
    lines = []
    for k, s in enumerate(chart.series):
        color, dash, mark = PALETTE[k % 6], DASHES[k % 6], MARKERS[k % 6]
        lx, ly = left + plot_w + 12, top + 12 + 16 * k
        lines.append(Line(
            s.label, color, dash,
            " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(s.values)),
            tuple(Marker(mark, f"{px(i):.1f}", f"{py(v):.1f}", color)
                  for i, v in enumerate(s.values)),
            lx, ly, Marker(mark, f"{lx + 11:.1f}", f"{ly - 4:.1f}", color)))
    return Layout(chart, width, height, left, top, plot_w, plot_h, tuple(y_ticks), x_ticks,
                  marks, tuple(lines))


def sparkline(values: Sequence[int], lo: int, hi: int) -> str:
    """One block per value: ▁ at `lo`, █ at `hi`, seven equal steps between, rounded down
    (7 of 0-10 is ▅). The one sparkline of the game: the reports and the terminal's
    charts must draw a value alike."""
    if hi <= lo:
        return SPARKS[0] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(top, (v - lo) * top // (hi - lo)))] for v in values)
