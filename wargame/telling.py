"""The words of the game: how a log entry, a change or an order reads in English.

From rules edition 2 on the engine's log is data (kinds, parameters, values before and
after); this module is the one place that turns it into sentences, for the TUI,
`wargame replay --text`, the debrief and the reports alike. Its words can be improved at
any time: digests cover the data, not the words. An edition-1 entry carries its own text,
frozen with the digests it is part of, and reads as that text.

    line(entry, ruleset)        # the sentence of one log entry
    change_text(change)         # 'Unrest 2/10→4/10 (+2)'
    order_text(ruleset, order)  # 'Putin: Demand combat troops'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import evolve

from .engine.state import COMPLY, PASS, STALL, Change, LogEntry, Order, Ruleset
from .engine.tracks import FLAG_BY_NAME, ROLE_NAMES, ROLES, TRACK_BY_NAME

# -- values ---------------------------------------------------------------------------


def change_text(change: Change | Sequence[Any]) -> str:
    """'Unrest 2/10→4/10 (+2)', or 'Travel ban ✓' for a flag."""
    name, before, after = (change.name, change.before, change.after) if isinstance(
        change, Change) else change
    key = (name, before, after)
    text = _TEXTS.get(key)
    if text is None:
        text = _change_text(name, before, after)
        if len(_TEXTS) >= _TEXTS_MAX:  # the same few changes recur: keep a bounded memo
            _TEXTS.clear()
        _TEXTS[key] = text
    return text


_TEXTS: dict[tuple[str, int, int], str] = {}
_TEXTS_MAX = 4096


def _change_text(name: str, before: int, after: int) -> str:
    if name.startswith("flag:"):
        flag = name[5:]
        label = FLAG_BY_NAME[flag].label if flag in FLAG_BY_NAME else flag
        return f"{label} ✓" if after else f"{label} ✗"
    t = TRACK_BY_NAME[name]
    diff = after - before
    sign = "+" if diff > 0 else "−"
    amount = f"{abs(diff):,}" if t.unit in ("troops", "people") else str(abs(diff))
    unit = "%" if t.unit == "%" else ""
    return f"{t.label} {t.format(before)}→{t.format(after)} ({sign}{amount}{unit})"


def changes_text(changes: Sequence[Any]) -> str:
    return ", ".join(change_text(c) for c in changes)


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


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else f"−{-n}"


def _title(ruleset: Ruleset, card_id: str) -> str:
    card = ruleset.cards.get(card_id)
    return card.title if card is not None else card_id


# -- log entries ---------------------------------------------------------------------

Say = Callable[[LogEntry, Mapping[str, Any], Ruleset], str]


def _setup(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    scenario = rs.scenario
    return (f"{scenario.title}: {p['turns']} turns from {scenario.month_label(1)}, "
            f"seed {p['seed']}, rules edition {p.get('edition', rs.edition)}")


def _phase(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    return f"— {rs.scenario.month_label(e.turn)}: turn {e.turn} of {p['turns']} —"


def _event(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    if p.get("quiet"):
        return "A quiet month: no world event is left to draw."
    return f"World event: {_title(rs, e.card)}" + (
        " (chosen by the umpire)" if p.get("injected") else "")


def _effect(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    if e.role == "world":
        return changes_text(e.changes) or f"{_title(rs, e.card)}: no visible change"
    text = changes_text(e.changes) if e.changes else "no visible change"
    if p.get("demand"):
        text = f"{text}; a demand is now on the table"
    return f"{_title(rs, e.card)}: {text}"


def _umpire(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    reason = f": {p['reason']}" if p.get("reason") else ""
    what = p.get("kind")
    if what == "roll":
        return f"Umpire sets the next roll to {p['value']}{reason}"
    if what == "hold":
        return f"Umpire holds back this month's world event{reason}"
    if what == "inject":
        return f"Umpire injects the event '{_title(rs, e.card)}'{reason}"
    return f"Umpire{reason or ': (no reason given)'}"


_FREE = {PASS: "passes", COMPLY: "complies with Moscow's demand",
         STALL: "stalls on Moscow's demand"}


def _reveal(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    name = ROLE_NAMES.get(e.role, e.role)
    if e.card in _FREE:
        return f"{name} {_FREE[e.card]}"
    card = rs.cards.get(e.card)
    option = card.option(p.get("option")) if card is not None else None
    title = _title(rs, e.card)
    return f"{name} orders " + (f"{title} ({option.label})" if option else title)


def _pass(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    return f"{ROLE_NAMES.get(e.role, e.role)} passes and gathers strength"


def _fizzle(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    label = TRACK_BY_NAME[p["resource"]].label.lower()
    return (f"{_title(rs, e.card)} fizzles: {ROLE_NAMES.get(e.role, e.role)} can no "
            f"longer pay {p['cost']} {label} (has {p['has']})")


def _income(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    return "Income: " + (changes_text(e.changes) or "nothing")


def _end(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    m, winners = p.get("margins", {}), tuple(p.get("winners", ()))
    table = ", ".join(f"{ROLE_NAMES[r]} {m[r]:+d}" for r in ROLES if r in m)
    won = " and ".join(ROLE_NAMES[r] for r in winners) or "Nobody"
    reason = ("The regime has fallen" if p.get("reason") == "fallen"
              else f"After {e.turn} turns the game ends")
    return f"{reason}. {won} {'wins' if len(winners) == 1 else 'win'} (margins: {table})"


_ROLL_LABELS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "preemptive_strike": lambda p: "Ukraine weighs a pre-emptive strike",
    "front_line": lambda p: f"{p.get('troops', 0):,} Belarusian troops in combat",
    "uprising": lambda p: "Crowds in the streets of a thinly guarded Minsk",
}


def roll_label(e: LogEntry) -> str:
    """What a roll decided, without its outcome ('Ukraine weighs a pre-emptive strike')."""
    if e.text:
        return e.text.split(": rolled")[0]
    p = dict(e.data)
    if e.rule in _ROLL_LABELS:
        return _ROLL_LABELS[e.rule](p)
    return p.get("label") or "Roll"


def _roll(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    by = " (set by the umpire)" if p.get("forced") else ""
    verdict = "success" if p.get("ok") else "failure"
    return f"{roll_label(e)}: rolled {p['rolled']}{by} against {p['chance']}% — {verdict}"


_WHY_SHUFFLED = {"start": "start of the game", "reuse": "discard pile reused"}


def _shuffle(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    name, why = ROLE_NAMES.get(e.role, e.role), _WHY_SHUFFLED.get(p.get("why"), "")
    if "cards" in p:
        return f"{name}'s deck shuffled ({why}): " + ", ".join(p["cards"])
    return f"{name}'s deck shuffled ({why}), {p['count']} cards"


def _draw(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    name = ROLE_NAMES.get(e.role, e.role)
    if "cards" in p:
        return f"{name} draws " + ", ".join(_title(rs, c) for c in p["cards"])
    n = p["count"]
    return f"{name} draws {n} card{'s' if n != 1 else ''}"


def _discard(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    return (f"{ROLE_NAMES.get(e.role, e.role)} loses {_title(rs, e.card)} from its hand "
            "(chosen at random)")


def _answer(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    if p.get("none"):
        return "There is no Kremlin demand to answer."
    verb = "complies with" if p.get("answer") == COMPLY else "stalls on"
    return f"Lukashenko {verb} the demand '{_title(rs, e.card)}'"


# -- the consequence rules -----------------------------------------------------------

def _draft_backlash(p: Mapping[str, Any], rs: Ruleset) -> str:
    text = (f"{p['load']:,} troops called up or sent out against a public {p['opposed']}% "
            f"opposed to the war: unrest {_signed(p['unrest'])}, defections "
            f"{_signed(p['defections'])}")
    return text + (" (damped: civil society is crushed)" if p.get("damped") else "")


def _thin_garrison(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["thin"]:
        return (f"Only {p['strength']:,} troops left to guard Minsk: the garrison is thin, "
                "stability −1")
    return f"{p['strength']:,} troops guard Minsk again: the garrison is no longer thin"


def _escalation(p: Mapping[str, Any], rs: Ruleset) -> str:
    return (f"Involvement at level {p['level']}: the West tightens sanctions "
            f"({_signed(p['sanctions'])}) and Ukraine's alert rises ({_signed(p['alert'])})")


def _preemptive_strike(p: Mapping[str, Any], rs: Ruleset) -> str:
    if not p["struck"]:
        return f"Ukraine watches {p['border']:,} troops at the border but holds its fire"
    return (f"Ukraine strikes first at infrastructure behind the border: {p['lost']:,} "
            "troops lost, economy −1, stability −1, morale −1")


def _sanctions_drain(p: Mapping[str, Any], rs: Ruleset) -> str:
    return f"Sanctions at {p['sanctions']}/10 drain the economy ({_signed(p['economy'])})"


def _weak_economy(p: Mapping[str, Any], rs: Ruleset) -> str:
    return (f"A struggling economy ({p['economy']}/10) wears stability down "
            f"({_signed(p['stability'])})")


def _moscow_help(p: Mapping[str, Any], rs: Ruleset) -> str:
    return (f"Moscow props Minsk up: stability {_signed(p['stability'])}, but the Kremlin's "
            f"leverage {_signed(p['leverage'])} and Russia's strain {_signed(p['strain'])}")


def _front_line(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["held"]:
        return (f"Belarusian troops hold their sector: Russia's strain "
                f"{_signed(p['strain'])}, Kremlin leverage points "
                f"{_signed(p['leverage_points'])}")
    return (f"Green, low-morale troops falter: {p['lost']:,} lost, morale "
            f"{_signed(p['morale'])}, and the coffins coming home raise unrest "
            f"({_signed(p['unrest'])})")


def _open_demands(p: Mapping[str, Any], rs: Ruleset) -> str:
    names = ", ".join(_title(rs, c) for c in p["demands"])
    return (f"Moscow's unanswered demands ({names}) weigh on Minsk: stability "
            f"{_signed(p['stability'])}, Kremlin leverage points "
            f"{_signed(p['leverage_points'])}")


def _uprising(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["fell"]:
        return "The uprising succeeds: with the army away, the regime falls"
    return (f"The protests are put down: unrest {_signed(p['unrest'])}, network "
            f"{_signed(p['network'])}")


def _collapse(p: Mapping[str, Any], rs: Ruleset) -> str:
    return "Stability has run out: the regime collapses"


CONSEQUENCES: dict[str, Callable[[Mapping[str, Any], Ruleset], str]] = {
    "draft_backlash": _draft_backlash, "thin_garrison": _thin_garrison,
    "escalation": _escalation, "preemptive_strike": _preemptive_strike,
    "sanctions_drain": _sanctions_drain, "weak_economy": _weak_economy,
    "moscow_help": _moscow_help, "front_line": _front_line,
    "open_demands": _open_demands, "uprising": _uprising, "collapse": _collapse,
}


def _consequence(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    say = CONSEQUENCES.get(e.rule)
    return say(p, rs) if say is not None else changes_text(e.changes)


KINDS: dict[str, Say] = {
    "setup": _setup, "phase": _phase, "event": _event, "effect": _effect,
    "umpire": _umpire, "reveal": _reveal, "pass": _pass, "fizzle": _fizzle,
    "income": _income, "end": _end, "roll": _roll, "shuffle": _shuffle, "draw": _draw,
    "discard": _discard, "answer": _answer, "consequence": _consequence,
}
"""Every kind of log entry the engine writes, and how it reads."""


def told(entry: LogEntry, ruleset: Ruleset) -> LogEntry:
    """The entry with its sentence in `text`, for a reader of words (a report, a
    retelling): an edition-1 entry as it is, a later one with `line` filled in. Only for
    showing: the engine's log keeps data."""
    if entry.text:
        return entry
    return evolve(entry, text=line(entry, ruleset))


def line(entry: LogEntry, ruleset: Ruleset) -> str:
    """The sentence of one log entry (as the viewer it was redacted for sees it)."""
    if entry.text:
        return entry.text
    say = KINDS.get(entry.kind)
    if say is None:
        return entry.kind
    return say(entry, dict(entry.data), ruleset)


__all__ = ["CONSEQUENCES", "KINDS", "change_text", "changes_text", "line", "order_text",
           "roll_label", "told"]
