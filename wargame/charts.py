"""Charts of a game's tracks as standalone SVG (for the HTML report) and as Unicode
sparklines (for Markdown and the terminal). No dependencies; lines differ by dash pattern
and marker as well as colour, so colour is never the only signal."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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


def _marker(kind: str, x: float, y: float, color: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>'
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{color}"/>'
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} '
                f'{x + 4:.1f},{y + 3:.1f}" fill="{color}"/>')
    return (f'<polygon points="{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} '
            f'{x - 4:.1f},{y:.1f}" fill="{color}"/>')


def svg(chart: Chart, width: int = 540, height: int = 220) -> str:
    """One line chart as an inline <svg> element."""
    left, right, top, bottom = 48, 175, 28, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max((len(s.values) for s in chart.series), default=1)
    span = max(chart.hi - chart.lo, 1)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: int) -> float:
        return top + plot_h * (1 - (v - chart.lo) / span)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(chart.title)}" '
           'font-family="sans-serif" font-size="11">',
           f'<title>{escape(chart.title)}</title>',
           f'<text x="{left}" y="16" font-size="13" font-weight="bold">'
           f'{escape(chart.title)}</text>',
           f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
           'stroke="#999"/>']
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9)
                if span / s <= 6)
    v = chart.lo - chart.lo % step if chart.lo % step else chart.lo
    while v <= chart.hi:
        if v >= chart.lo:
            y = py(v)
            out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                       'stroke="#ddd"/>')
            out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">'
                       f'{v:,}{chart.unit}</text>')
        v += step
    gap = plot_w / (n - 1) if n > 1 else plot_w
    every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 10**9) if gap * k >= 18)
    for i in range(0, n, every):
        out.append(f'<text x="{px(i):.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                   f'{i}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle" '
               f'fill="#555">{escape(chart.x_label)}</text>')
    # A key order: a dashed line and its turn above the plot ("T6"); the orders' names
    # are in a tooltip and under the charts (written inside, they ran into each other
    # and into the legend).
    by_turn: dict[int, list[str]] = {}
    for x, label in chart.marks:
        by_turn.setdefault(x, []).append(label)
    for x, labels in sorted(by_turn.items()):
        X = px(x)
        tip = escape(f"Turn {x}: " + "; ".join(labels))
        out.append(f'<g><title>{tip}</title>'
                   f'<line x1="{X:.1f}" x2="{X:.1f}" y1="{top}" y2="{top + plot_h}" '
                   'stroke="#888" stroke-dasharray="3 3"/>'
                   f'<text x="{X:.1f}" y="{top - 3}" text-anchor="middle" fill="#555" '
                   f'font-size="9">T{x}</text></g>')
    for k, s in enumerate(chart.series):
        color, dash, mark = PALETTE[k % 6], DASHES[k % 6], MARKERS[k % 6]
        points = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(s.values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" '
                   f'stroke-width="2"{dash_attr}/>')
        out.extend(_marker(mark, px(i), py(v), color) for i, v in enumerate(s.values))
        ly = top + 12 + 16 * k
        lx = left + plot_w + 12
        out.append(f'<line x1="{lx}" x2="{lx + 22}" y1="{ly - 4}" y2="{ly - 4}" '
                   f'stroke="{color}" stroke-width="2"{dash_attr}/>')
        out.append(_marker(mark, lx + 11, ly - 4, color))
        out.append(f'<text x="{lx + 28}" y="{ly}">{escape(s.label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def sparkline(values: Sequence[int], lo: int, hi: int) -> str:
    """One block per value: ▁ at `lo`, █ at `hi`, seven equal steps between, rounded down
    (7 of 0-10 is ▅). The one sparkline of the game: the reports and the terminal's
    charts must draw a value alike."""
    if hi <= lo:
        return SPARKS[0] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(top, (v - lo) * top // (hi - lo)))] for v in values)
