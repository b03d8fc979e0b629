"""The words of rules edition 1, FROZEN.

An edition-1 log entry holds English text, and the text is part of every digest: these
sentences are what 0.1 wrote, letter for letter, and a save of 0.1 verifies only while
they stay so. Never change a word here (`tests/test_edition1_golden.py` replays 200
recorded games to their digests and fails on any change). Better words go to
`wargame.telling`, for edition 2 on; the labels below are copies, so that renaming a
track on screen does not rename it in an edition-1 log.

`words(s, kind, p)` is what the engine's `Scratch.note` calls for an
edition-1 game: from the entry's kind and data it gives the text, the redacted text
(or None) and the `data` pairs that 0.1 stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

_ROLE = {"lukashenko": "Lukashenko", "putin": "Putin", "opposition": "Opposition",
         "world": "World"}

# name: (label, unit, is a purse, top of the scale)
_TRACKS: dict[str, tuple[str, str, bool, int]] = {
    "stability": ("Stability", "", False, 10),
    "support": ("Support for the war", "%", False, 100),
    "economy": ("Economy", "", False, 10),
    "sovereignty": ("Sovereignty", "", False, 10),
    "regulars": ("Regular troops", "troops", False, 200000),
    "staff": ("Support staff and cadets", "troops", False, 100000),
    "reservists": ("Mobilised reservists", "troops", False, 200000),
    "readiness": ("Readiness", "", False, 10),
    "morale": ("Morale", "", False, 10),
    "troops_minsk": ("Troops in Minsk", "troops", False, 400000),
    "troops_border": ("Troops at the border", "troops", False, 400000),
    "troops_ukraine": ("Troops in Ukraine", "troops", False, 400000),
    "involvement": ("Involvement", "", False, 5),
    "leverage": ("Kremlin leverage", "", False, 10),
    "strain": ("Russian strain", "", False, 10),
    "network": ("Opposition network", "", False, 10),
    "defections": ("Defections", "", False, 10),
    "unrest": ("Unrest", "", False, 10),
    "volunteers": ("Volunteers in Ukraine", "people", False, 50000),
    "sanctions": ("Western sanctions", "", False, 10),
    "alert": ("Ukrainian alert", "", False, 10),
    "capital": ("Political capital", "", True, 20),
    "leverage_points": ("Leverage points", "", True, 20),
    "reach": ("Reach", "", True, 20),
}
_FLAGS: dict[str, str] = {
    "joint_group": "Joint regional group deployed",
    "annexation": "Four Ukrainian regions annexed by Russia",
    "pre_war": "'Pre-war situation' declared",
    "covert_mobilisation": "Covert mobilisation under way",
    "mobilisation_exposed": "Covert mobilisation exposed",
    "draft": "General draft announced",
    "travel_ban": "Soldiers banned from travelling abroad",
    "territorial_alert": "Territorial defence on combat alert",
    "loyal_units": "Loyal units held in Minsk",
    "garrison_thin": "Minsk garrison thin",
    "joint_command": "Joint military command",
    "union_attack": "Counter-offensive declared an attack on the union",
    "airfield_strikes": "Strikes launched from Belarusian airfields",
    "russian_forces": "Russian forces stationed for a new front",
    "security_guarantee": "Kremlin security guarantee",
    "border_fortified": "Ukraine has mined the border",
    "transitional_cabinet": "United Transitional Cabinet formed",
    "volunteer_network": "Volunteer network ready to rise",
    "regime_fallen": "The regime has fallen",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _format(name: str, value: int) -> str:
    _label, unit, purse, hi = _TRACKS[name]
    if unit == "%":
        return f"{value}%"
    if unit in ("troops", "people"):
        return f"{value:,}"
    if purse:
        return str(value)
    if hi == 10:
        return f"{value}/10"
    return str(value)


def change_text(change: Any) -> str:
    """'Unrest 2/10→4/10 (+2)', or 'Travel ban ✓' for a flag."""
    if change.name.startswith("flag:"):
        name = change.name[5:]
        label = _FLAGS.get(name, name)
        return f"{label} ✓" if change.after else f"{label} ✗"
    label, unit, _purse, _hi = _TRACKS[change.name]
    diff = change.after - change.before
    sign = "+" if diff > 0 else "−"
    amount = f"{abs(diff):,}" if unit in ("troops", "people") else str(abs(diff))
    percent = "%" if unit == "%" else ""
    return (f"{label} {_format(change.name, change.before)}→"
            f"{_format(change.name, change.after)} ({sign}{amount}{percent})")


def changes_text(changes: Sequence[Any]) -> str:
    return ", ".join(change_text(c) for c in changes)


def _month(scenario: Any, turn: int) -> str:
    index = scenario.start_month - 1 + turn - 1
    return f"{_MONTHS[index % 12]} {scenario.start_year + index // 12}"


def _signed(n: int) -> str:
    return f"+{n}" if n >= 0 else f"−{-n}"


Words = tuple[str, str | None, tuple[tuple[str, Any], ...]]


# -- the entries ------------------------------------------------------------------------

def _setup(s: Any, p: Mapping[str, Any]) -> Words:
    scenario = s.ruleset.scenario
    return (f"{scenario.title}: {p['turns']} turns from {_month(scenario, 1)}, "
            f"seed {p['seed']}", None, (("scenario", p["scenario"]), ("seed", p["seed"])))


def _phase(s: Any, p: Mapping[str, Any]) -> Words:
    return (f"— {_month(s.ruleset.scenario, s.turn)}: turn {s.turn} of {p['turns']} —",
            None, ())


def _event(s: Any, p: Mapping[str, Any]) -> Words:
    card = p["card"]
    if p.get("quiet"):
        return "A quiet month: no world event is left to draw.", None, ()
    title = s.ruleset.cards[card].title
    return (f"World event: {title}" + (" (chosen by the umpire)" if p.get("injected")
                                       else ""), None, ())


def _effect(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    card = p["card"]
    changes = p["changes"]
    if role == "world":
        return changes_text(changes), None, ()
    text = changes_text(changes) if changes else "no visible change"
    if p.get("demand"):
        text = f"{text}; a demand is now on the table"
    return f"{s.ruleset.cards[card].title}: {text}", None, ()


def _umpire(s: Any, p: Mapping[str, Any]) -> Words:
    card = p["card"]
    reason = f": {p['reason']}" if p["reason"] else ""
    what = p["kind"]
    if what == "note":
        return f"Umpire{reason or ': (no reason given)'}", None, ()
    if what == "roll":
        return (f"Umpire sets the next roll to {p['value']}{reason}", None,
                (("kind", "roll"), ("value", p["value"])))
    if what == "hold":
        return f"Umpire holds back this month's world event{reason}", None, (("kind", "hold"),)
    return (f"Umpire injects the event '{s.ruleset.cards[card].title}'{reason}", None,
            (("kind", "inject"),))


_FREE = {"pass": "passes", "comply": "complies with Moscow's demand",
         "stall": "stalls on Moscow's demand"}


def _reveal(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    card = p["card"]
    if card in _FREE:
        return f"{_ROLE[role]} {_FREE[card]}", None, ()
    c = s.ruleset.cards[card]
    option = c.option(p.get("option"))
    label = f"{c.title} ({option.label})" if option else c.title
    return (f"{_ROLE[role]} orders {label}", None,
            (("option", p["option"]),) if option else ())


def _pass(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    return f"{_ROLE[role]} passes and gathers strength", None, ()


def _fizzle(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    card = p["card"]
    label = _TRACKS[p["resource"]][0].lower()
    return (f"{s.ruleset.cards[card].title} fizzles: {_ROLE[role]} can no longer pay "
            f"{p['cost']} {label} (has {p['has']})", None, ())


def _income(s: Any, p: Mapping[str, Any]) -> Words:
    return "Income: " + changes_text(p["changes"]), None, ()


def _end(s: Any, p: Mapping[str, Any]) -> Words:
    m, winners, why = p["margins"], tuple(p["winners"]), p["reason"]
    table = ", ".join(f"{_ROLE[r]} {m[r]:+d}" for r in ("lukashenko", "putin", "opposition"))
    won = " and ".join(_ROLE[r] for r in winners) or "Nobody"
    reason = ("The regime has fallen" if why == "fallen"
              else f"After {s.turn} turns the game ends")
    return (f"{reason}. {won} {'wins' if len(winners) == 1 else 'win'} "
            f"(margins: {table})", None, (("winners", winners), ("reason", why)))


_ROLL_LABELS = {
    "preemptive_strike": lambda p: "Ukraine weighs a pre-emptive strike",
    "front_line": lambda p: f"{p['troops']:,} Belarusian troops in combat",
    "uprising": lambda p: "Crowds in the streets of a thinly guarded Minsk",
}


def _roll(s: Any, p: Mapping[str, Any]) -> Words:
    rule = p.get("rule")
    label = _ROLL_LABELS[rule](p) if rule else (p.get("label") or "Roll")
    by = " (set by the umpire)" if p.get("forced") else ""
    verdict = "success" if p["ok"] else "failure"
    return (f"{label}: rolled {p['rolled']}{by} against {p['chance']}% — {verdict}", None,
            ())


_WHY_SHUFFLED = {"start": "start of the game", "reuse": "discard pile reused"}


def _shuffle(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    name, why = _ROLE[role], _WHY_SHUFFLED[p["why"]]
    return (f"{name}'s deck shuffled ({why}): " + ", ".join(p["cards"]),
            f"{name}'s deck shuffled ({why}), {p['count']} cards", ())


def _draw(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    drawn, n = tuple(p["cards"]), p["count"]
    titles = ", ".join(s.ruleset.cards[c].title for c in drawn)
    return (f"{_ROLE[role]} draws {titles}",
            f"{_ROLE[role]} draws {n} card{'s' if n != 1 else ''}", (("cards", drawn),))


def _discard(s: Any, p: Mapping[str, Any]) -> Words:
    role = p["role"]
    card = p["card"]
    return (f"{_ROLE[role]} loses {s.ruleset.cards[card].title} from its hand (chosen at "
            "random)", None, ())


def _answer(s: Any, p: Mapping[str, Any]) -> Words:
    card = p["card"]
    if p.get("none"):
        return "There is no Kremlin demand to answer.", None, ()
    verb = "complies with" if p["answer"] == "comply" else "stalls on"
    return (f"Lukashenko {verb} the demand '{s.ruleset.cards[card].title}'", None,
            (("answer", p["answer"]),))


# -- the consequence rules --------------------------------------------------------------

def _draft_backlash(s: Any, p: Mapping[str, Any]) -> str:
    text = (f"{p['load']:,} troops called up or sent out against a public {p['opposed']}% "
            f"opposed to the war: unrest {_signed(p['unrest'])}, defections "
            f"{_signed(p['defections'])}")
    if p["damped"]:
        text += " (damped: civil society is crushed)"
    return text


def _thin_garrison(s: Any, p: Mapping[str, Any]) -> str:
    if p["thin"]:
        return (f"Only {p['strength']:,} troops left to guard Minsk: the garrison is thin, "
                "stability −1")
    return f"{p['strength']:,} troops guard Minsk again: the garrison is no longer thin"


def _escalation(s: Any, p: Mapping[str, Any]) -> str:
    return (f"Involvement at level {p['level']}: the West tightens sanctions "
            f"({_signed(p['sanctions'])}) and Ukraine's alert rises ({_signed(p['alert'])})")


def _preemptive_strike(s: Any, p: Mapping[str, Any]) -> str:
    if not p["struck"]:
        return f"Ukraine watches {p['border']:,} troops at the border but holds its fire"
    return (f"Ukraine strikes first at infrastructure behind the border: {p['lost']:,} "
            "troops lost, economy −1, stability −1, morale −1")


def _sanctions_drain(s: Any, p: Mapping[str, Any]) -> str:
    return f"Sanctions at {p['sanctions']}/10 drain the economy ({_signed(p['economy'])})"


def _weak_economy(s: Any, p: Mapping[str, Any]) -> str:
    return (f"A struggling economy ({p['economy']}/10) wears stability down "
            f"({_signed(p['stability'])})")


def _moscow_help(s: Any, p: Mapping[str, Any]) -> str:
    return (f"Moscow props Minsk up: stability {_signed(p['stability'])}, but the Kremlin's "
            f"leverage {_signed(p['leverage'])} and Russia's strain {_signed(p['strain'])}")


def _front_line(s: Any, p: Mapping[str, Any]) -> str:
    if p["held"]:
        return (f"Belarusian troops hold their sector: Russia's strain "
                f"{_signed(p['strain'])}, Kremlin leverage points "
                f"{_signed(p['leverage_points'])}")
    return (f"Green, low-morale troops falter: {p['lost']:,} lost, morale "
            f"{_signed(p['morale'])}, and the coffins coming home raise unrest "
            f"({_signed(p['unrest'])})")


def _open_demands(s: Any, p: Mapping[str, Any]) -> str:
    names = ", ".join(s.ruleset.cards[c].title for c in p["demands"])
    return (f"Moscow's unanswered demands ({names}) weigh on Minsk: stability "
            f"{_signed(p['stability'])}, Kremlin leverage points "
            f"{_signed(p['leverage_points'])}")


def _uprising(s: Any, p: Mapping[str, Any]) -> str:
    if p["fell"]:
        return "The uprising succeeds: with the army away, the regime falls"
    return (f"The protests are put down: unrest {_signed(p['unrest'])}, network "
            f"{_signed(p['network'])}")


def _collapse(s: Any, p: Mapping[str, Any]) -> str:
    return "Stability has run out: the regime collapses"


_CONSEQUENCES: dict[str, Callable[[Any, Mapping[str, Any]], str]] = {
    "draft_backlash": _draft_backlash, "thin_garrison": _thin_garrison,
    "escalation": _escalation, "preemptive_strike": _preemptive_strike,
    "sanctions_drain": _sanctions_drain, "weak_economy": _weak_economy,
    "moscow_help": _moscow_help, "front_line": _front_line,
    "open_demands": _open_demands, "uprising": _uprising, "collapse": _collapse,
}


def _consequence(s: Any, p: Mapping[str, Any]) -> Words:
    return _CONSEQUENCES[p["rule"]](s, p), None, ()


_WORDS: dict[str, Callable[[Any, Mapping[str, Any]], Words]] = {
    "setup": _setup, "phase": _phase, "event": _event, "effect": _effect,
    "umpire": _umpire, "reveal": _reveal, "pass": _pass, "fizzle": _fizzle,
    "income": _income, "end": _end, "roll": _roll, "shuffle": _shuffle, "draw": _draw,
    "discard": _discard, "answer": _answer, "consequence": _consequence,
}


def words(s: Any, kind: str, p: Mapping[str, Any]) -> Words:
    """(text, redacted text or None, data) of an edition-1 entry. `p` holds the entry's
    data and its `role`, `card`, `rule` and `changes`."""
    return _WORDS[kind](s, p)
