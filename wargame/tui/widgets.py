"""The board's widgets. Each renders values it is given (a View's tracks, a card, log
lines) and changes nothing: the screens feed them, the app changes the game."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.scalar import Unit
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wargame.charts import sparkline
from wargame.engine.rules import margins as compute_margins
from wargame.engine.state import (
    COMPLY,
    FREE_ORDERS,
    PASS,
    STALL,
    Card,
    LogEntry,
    OpenDemand,
    Ruleset,
)
from wargame.engine.tracks import (
    FLAGS,
    INVOLVEMENT_LADDER,
    RESOURCE_OF,
    ROLE_NAMES,
    ROLE_SYMBOLS,
    ROLES,
    TRACK_BY_NAME,
    TRACK_INDEX,
)

from ..telling import line
from . import words

CHANGE_STYLE = "bold $accent"
MUTED = "$text-muted"
HEADING = "bold $primary"


def _value(name: str, tracks: Sequence[int]) -> str:
    return TRACK_BY_NAME[name].format(tracks[TRACK_INDEX[name]])


def _row(label: str, value: str, mark: str, width: int, mark_width: int = 9,
         highlight: bool = False, value_width: int = 7) -> Content:
    """'Stability        6/10 ▲+1' fitted to `width` cells: the label (cut with … if it
    must be), at least one space, the value on the right, then the change."""
    value_width = max(len(value), value_width)
    label_width = max(4, width - value_width - mark_width)
    if len(label) > label_width - 1:
        label = label[: label_width - 2] + "…"
    style = "reverse" if highlight else ""
    shown = (f" {mark}" if mark else "").ljust(mark_width)[:mark_width]
    return Content.assemble(
        (label.ljust(label_width), style),
        (value.rjust(value_width), "bold " + style),
        (shown, CHANGE_STYLE if mark else ""),
    )


def _heading(text: str, width: int) -> Content:
    bar = "━" * max(0, width - len(text) - 1)
    return Content.assemble((text, HEADING), " ", (bar, MUTED))


class TracksPanel(Widget):
    """The tracks grouped by regime, army, Kremlin, opposition and world, with their real
    units and an arrow for what changed since the viewer's last order."""

    DEFAULT_CSS = "TracksPanel { height: auto; }"

    compact: reactive[bool] = reactive(False, layout=True)
    """Short labels and Kremlin/world side by side (for 24-line terminals)."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.tracks: tuple[int, ...] = ()
        self.flags: frozenset[str] = frozenset()
        self.changes: dict[str, int] = {}
        self.highlight: frozenset[str] = frozenset()

    def show(self, tracks: Sequence[int], flags: frozenset[str], changes: Mapping[str, int],
             highlight: frozenset[str] = frozenset()) -> None:
        self.tracks = tuple(tracks)
        self.flags = flags
        self.changes = dict(changes)
        self.highlight = highlight
        self.refresh(layout=True)

    def _line(self, name: str, width: int, short: bool) -> Content:
        label = words.SHORT_LABELS[name] if short else TRACK_BY_NAME[name].label
        tight = width < 34
        mark = words.change_mark(name, self.changes.get(name, 0), tight=tight)
        if width < 24:  # a half column: Kremlin | World side by side
            return _row(label, _value(name, self.tracks), mark, width, mark_width=4,
                        highlight=name in self.highlight, value_width=5)
        return _row(label, _value(name, self.tracks), mark, width,
                    mark_width=8 if tight else 10, highlight=name in self.highlight)

    def _deployment_line(self, width: int) -> Content:
        parts: list[Content | tuple[str, str] | str] = []
        for name, label in (("troops_minsk", "Minsk"), ("troops_border", "  Border"),
                            ("troops_ukraine", "  Ukraine")):
            value = self.tracks[TRACK_INDEX[name]]
            diff = self.changes.get(name, 0)
            style = "reverse" if name in self.highlight else ""
            parts += [(f"{label} ", "$primary"), (words.compact(value), "bold " + style)]
            if diff:
                parts.append((f"{words.arrow(diff)}{words.compact(abs(diff))}",
                              CHANGE_STYLE))
        return Content.assemble(*parts)

    def lines(self, width: int) -> list[Content]:
        if not self.tracks:
            return []
        short = self.compact or width < 40
        out: list[Content] = []

        def group(title: str, names: Sequence[str]) -> None:
            out.append(_heading(title, width))
            out.extend(self._line(n, width, short) for n in names)

        group(f"{ROLE_SYMBOLS['lukashenko']} Regime",
              ("stability", "support", "economy", "sovereignty"))
        group("◇ Army", ("regulars", "staff", "reservists", "readiness", "morale"))
        if self.compact:
            out.append(self._deployment_line(width))
        else:
            group("◇ Where the troops stand", ("troops_minsk", "troops_border",
                                               "troops_ukraine"))
        group(f"{ROLE_SYMBOLS['opposition']} Opposition",
              ("network", "defections", "unrest", "volunteers"))
        if self.compact:
            half = (width - 1) // 2
            left = [_heading(f"{ROLE_SYMBOLS['putin']} Kremlin", half),
                    self._line("leverage", half, True), self._line("strain", half, True)]
            right = [_heading(f"{ROLE_SYMBOLS['world']} World", width - half - 1),
                     self._line("sanctions", width - half - 1, True),
                     self._line("alert", width - half - 1, True)]
            out.extend(Content.assemble(a, " ", b) for a, b in zip(left, right, strict=True))
        else:
            group(f"{ROLE_SYMBOLS['putin']} Kremlin", ("leverage", "strain"))
            group(f"{ROLE_SYMBOLS['world']} World", ("sanctions", "alert"))
            out.append(_heading("◇ Each role's purse", width))
            for role in ROLES:
                name = RESOURCE_OF[role]
                label = f"{ROLE_SYMBOLS[role]} " + (words.SHORT_LABELS[name] if short
                                                    else TRACK_BY_NAME[name].label)
                mark = words.change_mark(name, self.changes.get(name, 0))
                out.append(_row(label, _value(name, self.tracks), mark, width,
                                mark_width=10, highlight=name in self.highlight))
        return out

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 40))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))


class Ladder(Widget):
    """The involvement ladder, 0 (springboard) to 5 (open war), with the rung the game
    stands on and the rungs that suit Lukashenko (◆) and Putin (■)."""

    DEFAULT_CSS = "Ladder { height: auto; }"

    level: reactive[int] = reactive(0)
    change: reactive[int] = reactive(0)

    def lines(self, width: int) -> list[Content]:
        out = [Content.styled("Involvement ladder", HEADING)]
        cite = width >= 44
        for rung in range(len(INVOLVEMENT_LADDER) - 1, -1, -1):
            title, source = INVOLVEMENT_LADDER[rung]
            here = rung == self.level
            suits = ROLE_SYMBOLS["lukashenko"] if rung <= 3 else ROLE_SYMBOLS["putin"]
            marker = "▶" if here else " "
            tail = f" {words.arrow(self.change)}◀ now" if here else ""
            right = f" {suits}" + (f" {source}" if cite else "")
            room = max(4, width - 3 - len(tail) - len(right))
            text = title if len(title) <= room else title[: room - 1] + "…"
            out.append(Content.assemble(
                (f"{marker}{rung} ", "bold" if here else MUTED),
                (text, "bold reverse" if here else ""),
                (tail, CHANGE_STYLE),
                " " * max(0, room - len(text)),
                (right, MUTED),
            ))
        out.append(Content.styled(f"{ROLE_SYMBOLS['lukashenko']} ≤3 suits Lukashenko · "
                                  f"{ROLE_SYMBOLS['putin']} ≥4 Putin", MUTED))
        return out

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 36))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(INVOLVEMENT_LADDER) + 2


def _bar(troops: int, per: int = 10_000, most: int = 8) -> str:
    if troops <= 0:
        return ""
    n = min(most, -(-troops // per))
    return "▮" * n + ("+" if troops > per * most else "")


def _fit(parts: Sequence[tuple[str, str]], width: int) -> Content:
    """Parts laid out in exactly `width` cells (padded, or cut at the end)."""
    content = Content.assemble(*parts)
    if content.cell_length > width:
        return content.truncate(width)
    return content.pad_right(width - content.cell_length)


class BelarusMap(Widget):
    """A small map of Belarus and its borders: the Minsk garrison, the troops massed at
    the Ukrainian border and those in Ukraine, with a bar of ▮ per 10,000."""

    DEFAULT_CSS = "BelarusMap { height: auto; }"

    WIDTH = 36

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.tracks: tuple[int, ...] = ()
        self.flags: frozenset[str] = frozenset()
        self.changes: dict[str, int] = {}

    def show(self, tracks: Sequence[int], flags: frozenset[str],
             changes: Mapping[str, int]) -> None:
        self.tracks, self.flags, self.changes = tuple(tracks), flags, dict(changes)
        self.refresh(layout=True)

    def _count(self, name: str) -> tuple[tuple[str, str], tuple[str, str]]:
        value = self.tracks[TRACK_INDEX[name]]
        diff = self.changes.get(name, 0)
        mark = ""
        if diff:
            mark = f" {words.arrow(diff)}{words.compact(abs(diff))}"
        return (f"{value:,}", "bold"), (mark, CHANGE_STYLE)

    def lines(self) -> list[Content]:
        if not self.tracks:
            return []
        t, flags = self.tracks, self.flags
        land, frontier = "$primary", "bold $warning"
        minsk, minsk_mark = self._count("troops_minsk")
        border, border_mark = self._count("troops_border")
        ukraine, ukraine_mark = self._count("troops_ukraine")
        russian = " · ".join(x for x, flag in (("RU strikes", "airfield_strikes"),
                                               ("RU forces", "russian_forces"))
                             if flag in flags)
        mined = "border_fortified" in flags
        edge = ("═╳" * 12)[:24] if mined else "═" * 24

        def row(left: str, parts: Sequence[tuple[str, str]], width: int,
                right: str) -> Content:
            return Content.assemble((left, land), _fit(parts, width), (right, land))

        lines = [
            Content.styled(" LITHUANIA   LATVIA       RUSSIA", MUTED),
            Content.styled("      ╭───────╮ ╭──────╮", land),
            Content.styled("  ╭───╯       ╰─╯      ╰───╮", land),
            row("  │", [(" ★ MINSK ", "bold"), minsk, minsk_mark], 24, "│"),
            row("P │", [("   ", ""), (_bar(t[TRACK_INDEX["troops_minsk"]]), "bold $primary"),
                        (" THIN!" if "garrison_thin" in flags else "", "bold $error")],
                24, "╰──╮"),
            row("L │", [(f" {russian}", "bold $secondary")], 27, "│"),
            row("  ╰─╮", [(" ▲ border ", "bold"), border, border_mark], 25, "│"),
            row("    │", [("   ", ""), (_bar(t[TRACK_INDEX["troops_border"]]),
                                       "bold $warning")], 24, "╭╯"),
            Content.assemble(("    ╰", land), (edge, frontier), ("╯", land)),
            _fit([("     UKRAINE ", "bold"), ("▶ ", "bold $error"), ukraine,
                  (" in combat" if t[TRACK_INDEX["troops_ukraine"]] else "", ""),
                  ukraine_mark], self.WIDTH),
            _fit([("     ", ""), (_bar(t[TRACK_INDEX["troops_ukraine"]]), "bold $error")],
                 self.WIDTH),
            Content.styled("▮ 10,000 troops" + ("  ╳ mined border" if mined else ""),
                           MUTED),
        ]
        return lines

    def render(self) -> Content:
        return Content("\n").join(self.lines())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines())

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.WIDTH


class Situation(Static):
    """What is in force: flags set and Kremlin demands on the table."""

    def show(self, flags: frozenset[str], demands: Sequence[OpenDemand],
             cards: Mapping[str, Card], month_of) -> None:
        parts: list[Content] = []
        for d in demands:
            parts.append(Content.assemble(("■ Demand: ", "bold $warning"),
                                          (cards[d.card].title, "bold"),
                                          (f" (since {month_of(d.turn)})", MUTED)))
        for flag in FLAGS:
            if flag.name in flags:
                parts.append(Content.assemble(("✓ ", "bold $success"), flag.label,
                                              (f" {flag.source}", MUTED)))
        if not parts:
            parts.append(Content.styled("Nothing special in force.", MUTED))
        self.update(Content("\n").join(parts))


def _wrap_title(title: str, room: int, indent: int) -> str:
    """A title in lines of `room` cells, the later ones indented, the last padded so that
    what follows it (the cost) lines up on the right."""
    lines = textwrap.wrap(title, room) or [""]
    lines[-1] = lines[-1].ljust(room)
    return ("\n" + " " * indent).join(lines)


class HandList(OptionList):
    """The viewer's hand and the free orders, numbered, each with its cost on the right;
    a card that cannot be ordered now is marked ✗ (its detail says why)."""

    # OptionList's own Enter, shown: with the hand focused it is the key that orders.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Order", id="hand-order",
                tooltip="Order the highlighted card (you confirm it next)"),
    ]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._args: tuple | None = None

    def show(self, cards: Sequence[Card], free: Sequence[str], resource: int, role: str,
             unplayable: Mapping[str, str]) -> None:
        self._args = (tuple(cards), tuple(free), resource, role, dict(unplayable))
        self._build()

    def hide(self) -> None:
        """No hand on screen (waiting, or a hand-off coming)."""
        self._args = None
        self.clear_options()

    def on_resize(self) -> None:
        if self._args is not None:
            self._build()

    def _build(self) -> None:
        assert self._args is not None
        # Lines as wide as the list, less the scrollbar's column when they will not all
        # fit (a demand's Comply and Stall): else every cost is pushed out of sight.
        full = self.content_region.width or 36
        options = self._hand_options(min(full, 56))
        rows = sum(len(str(o.prompt).split("\n")) for o in options)
        if rows > self._room():
            options = self._hand_options(min(full - self.styles.scrollbar_size_vertical, 56))
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if options:
            index = highlighted if highlighted is not None else 0
            self.highlighted = min(index, len(options) - 1)

    def _room(self) -> int:
        """How many lines the list shows without scrolling, at most."""
        limit = self.styles.max_height
        if limit is None or limit.unit != Unit.CELLS:
            return 10_000
        return int(limit.value) - self.styles.gutter.height

    def _hand_options(self, width: int) -> list[Option]:
        assert self._args is not None
        cards, free, _, role, unplayable = self._args
        options = []
        for i, card in enumerate(cards, 1):
            bad = card.id in unplayable
            extra = any(o.cost for o in card.options)
            cost = f"{card.cost}{'+' if extra else ''}"
            head = f"{i} {'✗ ' if bad else ''}"
            tail = f"{' ◈' if card.demand else ''} {cost}"
            room = max(8, width - len(head) - len(tail))
            title = _wrap_title(card.title, room, len(head))
            options.append(Option(Content.assemble(
                (head[:2], "bold"), (head[2:], "bold $error"),
                (title, MUTED if bad else ""),
                (" ◈" if card.demand else "", "$warning"),
                (f" {cost}", "bold")), id=card.id))
        for j, name in enumerate(free, len(cards) + 1):
            title = words.FREE_ORDER_TITLES[name]
            gain = f"+1 {words.resource_label(role, short=True)}" if name == PASS else "free"
            room = max(8, width - 2 - len(gain) - 1)
            options.append(Option(Content.assemble(
                (f"{j} ", "bold"), (_wrap_title(title, room, 2), "italic"),
                (f" {gain}", MUTED)), id=name))
        return options


def card_detail(card: Card, role: str, resource: int, reason: str | None,
                demand: Card | None = None, env: object = None) -> Content:
    """Everything a player needs to decide on a card: cost, text, what it does in plain
    words (with the chances and conditions as they stand now on `env`, the player's view),
    the ¶ it comes from, its context and its question."""
    res = words.resource_label(role)
    parts: list[Content] = [Content.styled(card.title, "bold $primary")]
    parts.append(Content.assemble((f"Cost: {words.cost_text(card, role)}", "bold"),
                                  (f"  (you have {resource})", MUTED)))
    if reason:
        parts.append(Content.styled(f"✗ Cannot be ordered now: {reason}", "bold $error"))
    elif card.requires is not None:
        parts.append(Content.styled(f"Only when {words.plain_expr(card.requires.text)}",
                                    MUTED))
    parts.append(Content(card.text))
    effects = words.card_effect_lines(card, env)
    if effects:
        parts.append(Content.styled("What it does", "bold underline"))
        parts.extend(Content(f" • {line}") for line in effects)
    for label, total, lines in words.option_lines(card, env):
        parts.append(Content.assemble(("Option: ", "bold"), (label, "bold $secondary"),
                                      (f" — {total} {res} in all", MUTED)))
        parts.extend(Content(f"   • {line}") for line in lines)
    answers = words.demand_lines(card, env)
    if answers is not None:
        parts.append(Content.styled("◈ A demand: it stays on the table until Lukashenko "
                                    "answers it; unanswered, it costs him stability.",
                                    "$warning"))
        parts.append(Content.styled("If he complies", "bold"))
        parts.extend(Content(f" • {line}") for line in answers[0])
        parts.append(Content.styled("If he stalls", "bold"))
        parts.extend(Content(f" • {line}") for line in answers[1])
    if card.once:
        parts.append(Content.styled("Once: removed from the game after it is played.", MUTED))
    parts.append(Content.assemble((card.cites, "bold $accent"),
                                  ("  Context: ", "bold"), (card.context, "")))
    parts.append(Content.assemble(("? ", "bold $accent"), (card.question, "italic")))
    return Content("\n").join(parts)


def order_summary(card: Card, role: str, resource: int, env: object = None) -> Content:
    """What ordering a card will cost and do, for the confirmation: no flavour text (the
    board shows it), only the price in all, the effects (with their chances now) and
    the ¶."""
    parts: list[Content] = [Content.assemble(
        ("Cost ", "bold"), (words.cost_text(card, role), "bold $accent"),
        (f"   you have {resource}", MUTED))]
    effects = words.card_effect_lines(card, env)
    if effects:
        parts.append(Content.styled("It will", "bold"))
        parts.extend(Content(f" • {line}") for line in effects)
    answers = words.demand_lines(card, env)
    if answers is not None:
        parts.append(Content.styled("◈ A demand: it stays on the table until Lukashenko "
                                    "answers it.", "$warning"))
        parts.append(Content.assemble(("If he complies: ", "bold"), "; ".join(answers[0])))
        parts.append(Content.assemble(("If he stalls: ", "bold"), "; ".join(answers[1])))
    if card.once:
        parts.append(Content.styled("Once: removed from the game after it is played.", MUTED))
    parts.append(Content.assemble((card.cites, "bold $accent"), ("  " + card.context, MUTED)))
    return Content("\n").join(parts)


def free_order_detail(name: str, role: str, resource: int, demand: Card | None,
                      env: object = None) -> Content:
    parts = [Content.styled(words.FREE_ORDER_TITLES[name], "bold $primary"),
             Content.assemble(("Cost: nothing", "bold"), (f"  (you have {resource} "
                                                           f"{words.resource_label(role)})",
                                                           MUTED))]
    parts.extend(Content(line) for line in words.free_order_lines(name, role, demand, env))
    if name in (COMPLY, STALL):
        parts.append(Content.styled("Answering a demand is Lukashenko's order for the "
                                    "month. ¶15-17", MUTED))
    return Content("\n").join(parts)


def log_line(entry: LogEntry, ruleset: Ruleset, width_hint: int = 0) -> Content:
    """One log line with its mark, its role's symbol and its ¶."""
    mark = words.KIND_MARKS.get(entry.kind, "·")
    text = line(entry, ruleset)
    if entry.kind == "phase":
        return Content.styled(text.strip("— ").strip(), HEADING)
    who = ROLE_SYMBOLS.get(entry.role, "") if entry.role and entry.role != "world" else ""
    style = {"reveal": "bold", "roll": "$secondary", "consequence": "",
             "fizzle": "$error", "end": "bold $success", "event": "bold"}.get(entry.kind, "")
    parts: list[Content | tuple[str, str] | str] = [(f"{mark} ", "bold $accent")]
    if who:
        parts.append((f"{who} ", "bold"))
    parts.append((text, style))
    cite = words.entry_citation(entry)
    if cite and entry.kind in ("consequence", "roll", "event", "reveal", "answer"):
        parts.append((f"  {cite}", MUTED))
    return Content.assemble(*parts)


class GameLog(Static):
    """The log of the game so far, as the viewer saw it, month by month."""

    def show(self, entries: Sequence[LogEntry], ruleset: Ruleset,
             viewer: str | None = None) -> None:
        shown = [e for e in entries if e.kind not in ("setup", "shuffle")
                 and not (e.kind == "draw" and (viewer is None or e.role != viewer))]
        if not shown:
            self.update(Content.styled("Nothing has happened yet.", MUTED))
            return
        self.update(Content("\n").join(log_line(e, ruleset) for e in shown))


class MarginsBar(Static):
    """Every role's victory margin: 0 or more means its condition holds now."""

    def show(self, tracks: Sequence[int], flags: frozenset[str], viewer: str | None,
             edition: int = 1) -> None:
        m = compute_margins(tracks, flags, edition)
        parts: list[Content | tuple[str, str] | str] = [("Margins ", "bold")]
        for role in ROLES:
            ok = m[role] >= 0
            name = ROLE_NAMES[role] if role != "opposition" else "Opposition"
            style = "bold $success" if ok else "$text"
            if role == viewer:
                style += " underline"
            parts.append((f" {ROLE_SYMBOLS[role]} {name} ", style))
            parts.append((f"{words.signed(m[role])}{' ✓' if ok else ''}", "bold " + style))
            parts.append(" ")
        parts.append((" ≥0 wins", MUTED))
        self.update(Content.assemble(*parts))


def hanging(prefix: Content | str, body: Content, width: int) -> list[Content]:
    """`prefix` then `body`, wrapped to `width` cells with every line after the first
    indented under the body's first letter (a bot's long reason reads as one block).
    Left whole, for the widget to wrap, while the width is not known yet."""
    first = prefix if isinstance(prefix, Content) else Content(prefix)
    indent = first.cell_length
    if width < indent + 12:
        return [Content.assemble(first, body)]
    pad = Content(" " * indent)
    return [Content.assemble(first if i == 0 else pad, part)
            for i, part in enumerate(body.wrap(width - indent))]


class TrackChart(Widget):
    """The tracks over the whole game: one sparkline per track (a column per month), with
    the first and last values and the net change in words."""

    DEFAULT_CSS = "TrackChart { height: auto; }"

    NAMES = ("stability", "support", "economy", "sovereignty", "readiness", "morale",
             "troops_minsk", "troops_border", "troops_ukraine", "involvement", "leverage",
             "strain", "network", "defections", "unrest", "sanctions", "alert")

    def __init__(self, history: Sequence[Sequence[int]], months: Sequence[str], **kw) -> None:
        super().__init__(**kw)
        self.history = [tuple(h) for h in history]
        self.months = list(months)

    def lines(self, width: int) -> list[Content]:
        if not self.history:
            return []
        label_w = 14
        values_w = 27  # '45,000→39,000 ▼−6,000'
        points = len(self.history)
        room = max(4, width - label_w - values_w - 1)
        repeat = max(1, min(6, room // points))
        spark_w = min(room, points * repeat)
        out = [Content.assemble(("".ljust(label_w), ""),
                                (f"{self.months[0]} → {self.months[-1]}, one column per "
                                 f"month" if repeat == 1 else
                                 f"{self.months[0]} → {self.months[-1]}", MUTED))]
        for name in self.NAMES:
            t = TRACK_BY_NAME[name]
            values = [h[TRACK_INDEX[name]] for h in self.history]
            hi = t.hi if t.hi <= 100 else max(max(values), 1)
            if points * repeat > spark_w:  # squeeze: keep the first, last and evenly spaced
                step = points / spark_w
                shown = [values[min(points - 1, int(i * step))]
                         for i in range(spark_w - 1)] + [values[-1]]
            else:
                shown = [v for v in values for _ in range(repeat)]
            diff = values[-1] - values[0]
            troops = t.unit in ("troops", "people")
            first = words.compact(values[0]) if troops else t.format(values[0])
            last = words.compact(values[-1]) if troops else t.format(values[-1])
            change = words.change_mark(name, diff, tight=True)
            out.append(Content.assemble(
                (words.SHORT_LABELS[name][:label_w - 1].ljust(label_w), ""),
                (sparkline(shown, t.lo, hi).ljust(spark_w), "$accent"),
                " ", (f"{first}→{last}", "bold"), (f" {change}" if change else "",
                                                   CHANGE_STYLE),
            ))
        return out

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 60))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))


__all__ = [
    "FREE_ORDERS",
    "BelarusMap",
    "GameLog",
    "HandList",
    "Ladder",
    "MarginsBar",
    "Situation",
    "TrackChart",
    "TracksPanel",
    "card_detail",
    "free_order_detail",
    "hanging",
    "log_line",
    "order_summary",
]
