"""The words of the game: how a log entry, a change or an order reads in English.

From rules edition 2 on the engine's log is data (kinds, parameters, values before and
after); this module is the one place that turns it into sentences, for the TUI,
`wargame replay --text`, the debrief and the reports alike. Its words can be improved at
any time: digests cover the data, not the words. An edition-1 entry carries its own text,
frozen with the digests it is part of, and reads as that text.

    line(entry, ruleset)        # the sentence of one log entry
    change_text(change)         # 'Unrest 2/10→4/10 (+2)'
    order_title(cards, order)   # 'Stall on Moscow's demand', 'Covert mobilisation (...)'
    order_text(ruleset, order)  # 'Putin: Demand combat troops'
    result_text(role, grade)    # 'marginal loss'
    result_line(role, tracks, flags)  # 'marginal loss (−1): survived and stayed out
                                      #  of combat, but sovereignty fell to 2'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import evolve

from ..engine.rules import GRADES, grade, margins, war_aim
from ..engine.state import COMPLY, PASS, STALL, Change, LogEntry, Order, Ruleset
from ..engine.tracks import FLAG_BY_NAME, ROLE_NAMES, ROLES, TRACK_BY_NAME, TRACK_INDEX
from .plain import (
    ANSWER_WORDS,
    effect_words,
    expr_words,
    outcome_words,
    role_noun,
    served,
    trace_words,
    track_label,
    track_noun,
    value_now,
    why,
)

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
    return f"{track_label(name)} {t.format(before)}→{t.format(after)} ({sign}{amount}{unit})"


def changes_text(changes: Sequence[Any]) -> str:
    return ", ".join(change_text(c) for c in changes)


# -- orders ---------------------------------------------------------------------------

FREE_ORDER_TITLES: dict[str, str] = {
    PASS: "Pass and gather strength",
    COMPLY: f"{ANSWER_WORDS[COMPLY][0]} Moscow's demand",
    STALL: f"{ANSWER_WORDS[STALL][0]} Moscow's demand",
}
"""The free orders by name, as a hand, the board, the replay and the reports list them."""

FREE_ORDER_VERBS: dict[str, str] = {
    PASS: "passes",
    COMPLY: f"{ANSWER_WORDS[COMPLY][1]} Moscow's demand",
    STALL: f"{ANSWER_WORDS[STALL][1]} Moscow's demand",
}
"""The same orders in a sentence about the role who gave them ('Lukashenko passes')."""


def order_title(cards: Mapping[str, Any], order: Order) -> str:
    """What an order is called: 'Covert mobilisation (10,000 reservists)', or a free
    order's title ('Stall on Moscow's demand'). `cards` is the ruleset's cards by id."""
    if order.card in FREE_ORDER_TITLES:
        return FREE_ORDER_TITLES[order.card]
    card = cards.get(order.card)
    if card is None:
        return order.card
    option = card.option(order.option)
    return card.title + (f" ({option.label})" if option else "")


def order_text(ruleset: Ruleset, order: Order) -> str:
    """An order with the role that gave it: 'Putin: Demand combat troops'."""
    return f"{ROLE_NAMES[order.role]}: {order_title(ruleset.cards, order)}"


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else f"−{-n}"


def _title(ruleset: Ruleset, card_id: str) -> str:
    card = ruleset.cards.get(card_id)
    return card.title if card is not None else card_id


# -- results --------------------------------------------------------------------------

GRADE_WORDS: dict[str, str] = {
    "decisive_loss": "decisive loss",
    "marginal_loss": "marginal loss",
    "marginal_win": "marginal win",
    "decisive_win": "decisive win",
}
"""Each result level (`wargame.engine.rules.GRADES`) in words."""
assert tuple(GRADE_WORDS) == GRADES


def result_text(role: str, grade_or_margin: str | int) -> str:
    """A role's result level in words: 'decisive win', 'marginal loss'. Takes the level
    (one of GRADES) or the final margin it is graded from. The words are the same for
    every role; the role is checked, so a caller cannot pass something else by mistake."""
    if role not in ROLE_NAMES:
        raise KeyError(f"unknown role {role!r}")
    if isinstance(grade_or_margin, bool):
        raise KeyError(f"not a level nor a margin: {grade_or_margin!r}")
    if isinstance(grade_or_margin, str):
        return GRADE_WORDS[grade_or_margin]
    return GRADE_WORDS[grade(grade_or_margin)]


def _and(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _lukashenko_reading(at: Callable[[str], int], margin: int) -> str:
    # margin = min(stability − 3, sovereignty − 3, 3 − involvement)
    stability, sovereignty, involvement = (at("stability"), at("sovereignty"),
                                           at("involvement"))
    parts = (("stability", stability - 3), ("involvement", 3 - involvement),
              ("sovereignty", sovereignty - 3))
    good = {"stability": ("survived", f"survived with stability {stability}"),
            "involvement": ("stayed out of combat",
                            f"stayed out of combat (involvement {involvement})"),
            "sovereignty": ("kept its sovereignty", f"kept sovereignty at {sovereignty}")}
    bad = {"stability": f"stability fell to {stability}",
           "involvement": f"Belarus was drawn into the war (involvement {involvement})",
           "sovereignty": f"sovereignty fell to {sovereignty}"}
    held = [good[name][value == margin] for name, value in parts if value >= 0]
    short = [bad[name] for name, value in parts if value < 0]
    if stability < 3:
        held.insert(0, "survived")  # the regime stands, if shaken
    text = _and(held) if held else ""
    return f"{text}, but {_and(short)}" if short else text


def _putin_reading(at: Callable[[str], int], margin: int) -> str:
    # margin = min(max(involvement − 4, 1 − sovereignty), stability − 3)
    stability, sovereignty, involvement = (at("stability"), at("sovereignty"),
                                           at("involvement"))
    roads = []
    if involvement >= 4:
        roads.append(f"drew Belarus into the war (involvement {involvement})")
    elif involvement >= 3 and at("edition") >= 2:
        roads.append("kept Belarusian troops massed at the border (involvement 3)")
    if sovereignty <= 1:
        roads.append(f"absorbed Minsk (sovereignty {sovereignty})")
    standing = stability - 3
    if roads:
        if standing < 0:
            return f"{_and(roads)}, but the regime is tottering (stability {stability})"
        return _and(roads) + (f", with the regime standing (stability {stability})"
                              if standing == margin else ", with the regime standing")
    out = (f"Belarus is neither at war (involvement {involvement}) nor absorbed "
           f"(sovereignty {sovereignty})")
    if standing < 0:
        return f"{out}, and the regime is tottering (stability {stability})"
    return out


def _opposition_reading(at: Callable[[str], int], margin: int) -> str:
    # margin = defections + network − 12
    defections, network = at("defections"), at("network")
    total = defections + network
    sum_text = f"defections {defections} + network {network} = {total}"
    if total >= 12:
        return f"the regime stands, but hollowed out: {sum_text} (12 needed)"
    return f"the regime stands: {sum_text} of the 12 needed"


_READINGS: dict[str, Callable[[Callable[[str], int], int], str]] = {
    "lukashenko": _lukashenko_reading, "putin": _putin_reading,
    "opposition": _opposition_reading,
}

_PARTS_MARGIN: dict[str, Callable[[Callable[[str], int]], int]] = {
    "lukashenko": lambda at: min(at("stability") - 3, at("sovereignty") - 3,
                                 3 - at("involvement")),
    "putin": lambda at: min(max(int(war_aim(at("involvement"), set(), at("edition"))),
                                1 - at("sovereignty")), at("stability") - 3),
    "opposition": lambda at: at("defections") + at("network") - 12,
}
"""The margins the readings are written for (as `rules.margins` computes them): if the
rules ever compute a margin another way, the reading is left out rather than wrong."""


def result_reading(role: str, tracks: Sequence[int], flags: frozenset[str] | set[str],
                   edition: int = 1) -> str:
    """Why a role's result is what it is, from the parts of its margin: which held and
    which fell short ('survived and stayed out of combat, but sovereignty fell to 2'); ''
    when the parts do not explain the margin."""
    if "regime_fallen" in flags:
        return "the regime fell"
    margin = margins(tracks, flags, edition)[role]

    def at(name: str) -> int:
        if name == "edition":
            return edition
        if name.startswith("flag:"):
            return int(name[5:] in flags)
        return tracks[TRACK_INDEX[name]]

    if _PARTS_MARGIN[role](at) != margin:
        return ""
    return _READINGS[role](at, margin)


def result_line(role: str, tracks: Sequence[int], flags: frozenset[str] | set[str],
                edition: int = 1) -> str:
    """A role's result level, its margin and the reading: 'marginal loss (−1): survived
    and stayed out of combat, but sovereignty fell to 2'."""
    margin = margins(tracks, flags, edition)[role]
    reading = result_reading(role, tracks, flags, edition)
    head = f"{result_text(role, margin)} ({_signed(margin) if margin else '0'})"
    return f"{head}: {reading}" if reading else head


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
    items = effect_items(e, p)
    if e.role == "world" and "trace" not in p:
        return changes_text(e.changes) or f"{_title(rs, e.card)}: no visible change"
    text = "; ".join(items) if items else "no visible change"
    if p.get("demand"):
        text = f"{text}; a demand is now on the table"
    return f"{_title(rs, e.card)}: {text}"


def effect_items(e: LogEntry, p: Mapping[str, Any] | None = None) -> list[str]:
    """Every change a card's entry made, itemised, and every effect a condition or a roll
    kept from happening with the values that decided ('no effect: Kremlin leverage 9,
    needs 10 (Sovereignty −2 did not happen)'); the price paid first."""
    p = dict(e.data) if p is None else p
    trace = p.get("trace")
    if trace is None:
        return [changes_text(e.changes)] if e.changes else []
    traced: list[tuple[str, int, int]] = []
    _collect(trace, traced)
    extra = []
    for c in e.changes:
        key = (c.name, c.before, c.after)
        if key in traced:
            traced.remove(key)
        else:
            extra.append(c)
    items = []
    if extra:
        head = "paid " if p.get("paid") else ""
        items.append(head + changes_text(extra))
    return items + trace_words(trace, e.role, changes_text)


def _collect(trace: Sequence[Any], out: list[tuple[str, int, int]]) -> None:
    for item in trace:
        out.extend((c[0], c[1], c[2]) for c in item.get("changes", ()))
        for branch in ("then", "otherwise"):
            _collect(item.get(branch, ()), out)


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


def _reveal(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    name = ROLE_NAMES.get(e.role, e.role)
    if e.card in FREE_ORDER_VERBS:
        return f"{name} {FREE_ORDER_VERBS[e.card]}"
    card = rs.cards.get(e.card)
    option = card.option(p.get("option")) if card is not None else None
    title = _title(rs, e.card)
    return f"{name} orders " + (f"{title} ({option.label})" if option else title)


def _pass(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    return f"{ROLE_NAMES.get(e.role, e.role)} passes and gathers strength"


def _fizzle(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    label = track_noun(p["resource"])
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
    "uprising": lambda p: ("Crowds in the streets of a thinly guarded Minsk"
                           if "garrison" not in p else
                           f"Crowds in the streets, {p['garrison']:,} troops in Minsk"),
}


def roll_label(e: LogEntry) -> str:
    """What a roll decided, without its outcome ('Ukraine weighs a pre-emptive strike')."""
    if e.text:
        return e.text.split(": rolled")[0]
    p = dict(e.data)
    if e.rule in _ROLL_LABELS:
        return _ROLL_LABELS[e.rule](p)
    return p.get("label") or "Roll"


_RULE_VERDICTS: dict[str, tuple[str, str]] = {
    "preemptive_strike": ("Ukraine strikes", "Ukraine holds its fire"),
    "front_line": ("they hold their sector", "they falter"),
    "uprising": ("the uprising succeeds", "the uprising fails"),
}


def _roll(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    by = " (set by the umpire)" if p.get("forced") else ""
    ok = bool(p.get("ok"))
    if e.rule in _RULE_VERDICTS:
        verdict = _RULE_VERDICTS[e.rule][0 if ok else 1]
    elif e.rule:
        verdict = "success" if ok else "failure"
    else:  # a card's roll: its label says what success means, worded for who ordered it
        then, otherwise = _card_roll(rs, e.role, p.get("label", ""))
        verdict = outcome_words(e.role, ok, served(e.role, then, otherwise))
        whose = role_noun(e.role) if e.role else "the world"
        return (f"{roll_label(e)}? ({whose}'s roll): rolled {p['rolled']}{by} against "
                f"{p['chance']}% — {verdict}")
    return f"{roll_label(e)}: rolled {p['rolled']}{by} against {p['chance']}% — {verdict}"


def _card_roll(rs: Ruleset, role: str, label: str) -> tuple[list[Any], list[Any]]:
    """The branches of the card roll of `role` with this label (a roll's entry names no
    card; the labels are the deck's)."""
    from ..engine.effects import Roll

    for card in rs.cards.values():
        if card.role != role:
            continue
        effects = [*card.effects, *(e for o in card.options for e in o.effects)]
        for effect in (x for top in effects for x in top.walk()):
            if isinstance(effect, Roll) and effect.label == label:
                sketch = effect.sketch()
                return sketch["then"], sketch["otherwise"]
    return [], []


_WHY_SHUFFLED = {"start": "start of the game", "reuse": "discard pile reused"}


def _shuffle(e: LogEntry, p: Mapping[str, Any], rs: Ruleset) -> str:
    name, why = ROLE_NAMES.get(e.role, e.role), _WHY_SHUFFLED.get(p.get("why") or "", "")
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
    if p.get("forced"):
        return f"Moscow forces compliance with the demand '{_title(rs, e.card)}'"
    verb = ANSWER_WORDS[COMPLY if p.get("answer") == COMPLY else STALL][1]
    done = f": {changes_text(e.changes)}" if e.changes else ": no visible change"
    again = " (the demand goes back to the Kremlin's hand)" if p.get("again") else ""
    return f"Lukashenko {verb} the demand '{_title(rs, e.card)}'{done}{again}"


# -- the consequence rules -----------------------------------------------------------

def _draft_backlash(p: Mapping[str, Any], rs: Ruleset) -> str:
    text = (f"{p['load']:,} troops called up or sent out against a public {p['opposed']}% "
            f"opposed to the war: unrest {_signed(p['unrest'])}, defections "
            f"{_signed(p['defections'])}")
    if p.get("covert"):
        text += " (a covert call-up, counted at half)"
    return text + (" (damped: civil society is crushed)" if p.get("damped") else "")


def _ladder(p: Mapping[str, Any], rs: Ruleset) -> str:
    up = p["after"] > p["before"]
    where = (f"{p['ukraine']:,} Belarusian troops in Ukraine" if p["ukraine"] else
             f"{p['border']:,} troops at the border" if p["border"] else
             "the troops back home")
    return (f"With {where}, involvement {'rises' if up else 'comes down'} from "
            f"{p['before']} to {p['after']}")


def _thin_garrison(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["thin"]:
        return (f"Only {p['strength']:,} troops left to guard Minsk: the garrison is thin, "
                "stability −1")
    return f"{p['strength']:,} troops guard Minsk again: the garrison is no longer thin"


def _escalation(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p.get("airfields"):
        return (f"Strikes from Belarusian airfields keep Ukraine watching: alert "
                f"{_signed(p['alert'])}")
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
    if "unrest" in p:  # edition 2
        return (f"A ruined economy ({p['economy']}/10) sends people into the streets "
                f"(unrest {_signed(p['unrest'])})")
    return (f"A struggling economy ({p['economy']}/10) wears stability down "
            f"({_signed(p['stability'])})")


def _moscow_help(p: Mapping[str, Any], rs: Ruleset) -> str:
    return (f"Moscow props Minsk up: stability {_signed(p['stability'])}, but the Kremlin's "
            f"leverage {_signed(p['leverage'])} and Russia's strain {_signed(p['strain'])}")


def _front_line(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["held"]:
        return (f"Belarusian troops hold their sector: Russia's strain "
                f"{_signed(p['strain'])}, Kremlin credit "
                f"{_signed(p['leverage_points'])}")
    return (f"Green, low-morale troops falter: {p['lost']:,} lost, morale "
            f"{_signed(p['morale'])}, and the coffins coming home raise unrest "
            f"({_signed(p['unrest'])})")


def _open_demands(p: Mapping[str, Any], rs: Ruleset) -> str:
    names = ", ".join(_title(rs, c) for c in p["demands"])
    return (f"Moscow's unanswered demands ({names}) weigh on Minsk: stability "
            f"{_signed(p['stability'])}, Kremlin credit "
            f"{_signed(p['leverage_points'])}")


def _uprising(p: Mapping[str, Any], rs: Ruleset) -> str:
    if p["fell"] and "chance" in p:
        return (f"The uprising succeeds (a {p['chance']}% chance): the streets topple the "
                "regime")
    if p["fell"]:
        return "The uprising succeeds: with the army away, the regime falls"
    return (f"The protests are put down: unrest {_signed(p['unrest'])}, network "
            f"{_signed(p['network'])}")


def _collapse(p: Mapping[str, Any], rs: Ruleset) -> str:
    return "Stability has run out: the regime collapses"


CONSEQUENCES: dict[str, Callable[[Mapping[str, Any], Ruleset], str]] = {
    "draft_backlash": _draft_backlash, "thin_garrison": _thin_garrison, "ladder": _ladder,
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


__all__ = [
    "CONSEQUENCES",
    "FREE_ORDER_TITLES",
    "FREE_ORDER_VERBS",
    "GRADE_WORDS",
    "KINDS",
    "change_text",
    "changes_text",
    "effect_items",
    "effect_words",
    "expr_words",
    "line",
    "order_text",
    "order_title",
    "result_line",
    "result_reading",
    "result_text",
    "roll_label",
    "told",
    "track_label",
    "track_noun",
    "value_now",
    "why",
]
