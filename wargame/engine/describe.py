"""Plain words for engine values: changes, tracks, orders. Used by the log, the TUI and
the debrief alike."""

from __future__ import annotations

from .state import COMPLY, PASS, STALL, Change, Order, Ruleset
from .tracks import FLAG_BY_NAME, ROLE_NAMES, TRACK_BY_NAME


def change_text(change: Change) -> str:
    """'Unrest 2→4 (+2)', or 'Travel ban set' for a flag."""
    key = (change.name, change.before, change.after)
    text = _TEXTS.get(key)
    if text is None:
        text = _change_text(change)
        if len(_TEXTS) >= _TEXTS_MAX:  # the same few changes recur: keep a bounded memo
            _TEXTS.clear()
        _TEXTS[key] = text
    return text


_TEXTS: dict[tuple[str, int, int], str] = {}
_TEXTS_MAX = 4096


def _change_text(change: Change) -> str:
    if change.name.startswith("flag:"):
        name = change.name[5:]
        label = FLAG_BY_NAME[name].label if name in FLAG_BY_NAME else name
        return f"{label} ✓" if change.after else f"{label} ✗"
    t = TRACK_BY_NAME[change.name]
    diff = change.after - change.before
    sign = "+" if diff > 0 else "−"
    amount = f"{abs(diff):,}" if t.unit in ("troops", "people") else str(abs(diff))
    unit = "%" if t.unit == "%" else ""
    return f"{t.label} {t.format(change.before)}→{t.format(change.after)} ({sign}{amount}{unit})"


def order_text(ruleset: Ruleset, order: Order) -> str:
    if order.card == PASS:
        return f"{ROLE_NAMES[order.role]} passes"
    if order.card == COMPLY:
        return f"{ROLE_NAMES[order.role]} complies with Moscow's demand"
    if order.card == STALL:
        return f"{ROLE_NAMES[order.role]} stalls on Moscow's demand"
    card = ruleset.cards[order.card]
    opt = card.option(order.option)
    return f"{ROLE_NAMES[order.role]}: {card.title}" + (f" ({opt.label})" if opt else "")
