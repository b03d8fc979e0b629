"""The timeline of a whole game: one segment per turn, labelled with its month and marked
with the turning points (⚑) and the teacher's notes (✎), and a bar that fills up to the
moment the replay shows. Clicking it moves the replay there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

MUTED = "$text-muted"
TURNING_POINT = "⚑"
NOTE = "✎"


def segments(turns: int, width: int) -> list[tuple[int, int]]:
    """(start, width) of each turn's segment in `width` cells: as even as it can be,
    the first segments a cell wider when the width does not divide."""
    if turns <= 0:
        return []
    base, extra = divmod(max(width, turns), turns)
    out, x = [], 0
    for i in range(turns):
        w = base + (1 if i < extra else 0)
        out.append((x, w))
        x += w
    return out


def label_options(month: str, turn: int, marks: str) -> list[str]:
    """A turn's label from the longest to the shortest: "December 2022 ⚑", "Dec 22 ⚑",
    "Dec⚑", "3⚑", "⚑", "3"."""
    words = month.split()
    short = f"{month[:3]} {words[-1][-2:]}" if len(words) > 1 else month[:3]
    return [f"{month} {marks}".strip(), f"{short} {marks}".strip(), f"{month[:3]}{marks}",
            f"{turn}{marks}", marks, str(turn)]


def labels_for(months: Sequence[str], marks: Mapping[int, str],
               widths: Sequence[int]) -> list[str]:
    """One label per turn, all in the same form (the longest form in which every label
    fits its segment with a space to spare), so the timeline reads evenly."""
    options = [label_options(m, i + 1, marks.get(i + 1, "")) for i, m in enumerate(months)]
    for form in range(6):
        if all(len(o[form]) <= w - 1 for o, w in zip(options, widths, strict=True)):
            return [o[form] for o in options]
    # Too narrow for even a mark with a space: the marks alone, where there are some.
    return [o[4] if len(o[4]) <= w else "" for o, w in zip(options, widths, strict=True)]


class Timeline(Widget):
    """The whole game at a glance. `show` gives it the turns and the moment shown."""

    DEFAULT_CSS = """
    Timeline { height: 2; background: $panel; }
    Timeline.-one-line { height: 1; }
    """

    position: reactive[int] = reactive(0)
    """The index of the moment shown."""

    class Jump(Message):
        """The player clicked the timeline: show moment `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.months: list[str] = []
        self.spans: list[tuple[int, int]] = []
        """(first moment, number of moments) of each turn."""
        self.marks: dict[int, str] = {}

    def show(self, months: Sequence[str], spans: Sequence[tuple[int, int]],
             marks: Mapping[int, str], position: int) -> None:
        """`months[i]` and `spans[i]` belong to turn i + 1; `marks[turn]` is a few
        glyphs (⚑ ✎) for that turn."""
        self.months = list(months)
        self.spans = list(spans)
        self.marks = dict(marks)
        self.position = position
        self.refresh()

    @property
    def current_turn(self) -> int:
        for i, (first, count) in enumerate(self.spans):
            if first <= self.position < first + count:
                return i + 1
        return len(self.spans)

    def _cell(self, index: int, start: int, width: int, first: int, count: int) -> int:
        return start + min(width - 1, (index - first) * width // max(count, 1))

    def lines(self, width: int) -> list[Content]:
        if not self.spans:
            return [Content.styled("Nothing to replay yet.", MUTED)]
        current = self.current_turn
        labels: list[Content] = []
        bar: list[Content] = []
        cells = segments(len(self.spans), width)
        texts = labels_for(self.months, self.marks, [w for _, w in cells])
        for i, (start, w) in enumerate(cells):
            turn = i + 1
            marks = self.marks.get(turn, "")
            text = texts[i].ljust(w)[:w]
            style = "bold reverse" if turn == current else ("bold" if marks else MUTED)
            labels.append(Content.styled(text, style))
            first, count = self.spans[i]
            cells = []
            here = self._cell(self.position, start, w, first, count) - start \
                if turn == current else -1
            for k in range(w):
                if turn < current or (turn == current and k < here):
                    cells.append(("━", "$accent"))
                elif k == here:
                    cells.append(("●", "bold $accent"))
                else:
                    cells.append(("╶" if k == 0 else "─", MUTED))
            bar.append(Content.assemble(*cells))
        if self.has_class("-one-line"):
            return [Content.assemble(*labels)]
        return [Content.assemble(*labels), Content.assemble(*bar)]

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 80))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 if self.has_class("-one-line") else 2

    def moment_at(self, x: int) -> int | None:
        """The moment under column `x` (the turn's first moment under its label)."""
        width = self.size.width or 80
        for i, (start, w) in enumerate(segments(len(self.spans), width)):
            if start <= x < start + w:
                first, count = self.spans[i]
                return first + min(count - 1, (x - start) * count // max(w, 1))
        return None

    def on_click(self, event: events.Click) -> None:
        index = self.moment_at(event.x)
        if index is not None:
            self.post_message(self.Jump(index))


__all__ = ["NOTE", "TURNING_POINT", "Timeline", "label_options", "labels_for", "segments"]
