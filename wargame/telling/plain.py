"""Conditions, chances, amounts and effects in plain words: the one renderer.

A deck writes its conditions in the expression language (`wargame.engine.expr`); a player
never reads that grammar. Everything here reads the expression's parse tree
(`expr.tree`) and says it in words, with the value it stands at now when a board is given
(`env`), and, for a log entry, the values it read at the time (a trace's `inputs`). The
card detail, the order summary, the log, `wargame replay --text` and the debrief all use
it, through `wargame.telling` and `wargame.tui.words`.

    expr_words('leverage >= 10')                  # 'Kremlin leverage is at least 10'
    effect_words(effect.sketch(), env)            # 'If Kremlin leverage is at least 7
                                                  #  (now 9: yes): sovereignty −1'
    trace_words(trace, role)                      # ['Kremlin leverage 5/10→6/10 (+1)',
                                                  #  'no effect: Kremlin leverage 6,
                                                  #  needs 10 (sovereignty −2 did not
                                                  #  happen)']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..engine.expr import tree, value_of
from ..engine.tracks import FLAG_BY_NAME, ROLE_NAMES, TRACK_BY_NAME

MINUS = "−"

ANSWER_WORDS: dict[str, tuple[str, str]] = {
    "comply": ("Comply with", "complies with"),
    "stall": ("Stall on", "stalls on"),
}
"""The one wording of answering a Kremlin demand: the free order ('Stall on Moscow's
demand'), a card that answers one ('Stall on Moscow's oldest demand'), and the log
('Lukashenko stalls on the demand ...')."""

# -- the one vocabulary -------------------------------------------------------------------

TRACK_WORDS: dict[str, str] = {}
"""Names that differ from the engine's labels, if a screen ever needs one (none now). The
vocabulary (docs/design.md, "One vocabulary"): Putin's purse is 'Kremlin credit' (the
engine's label since issue 14; it was 'Leverage points', which read as the 'Kremlin
leverage' track over Minsk); edition 1's frozen words keep their own copy of the old."""

_PROPER = ("Kremlin", "Russian", "Ukrainian", "Western", "Minsk", "Moscow")


def track_label(name: str) -> str:
    """'Kremlin leverage', 'Kremlin credit', 'Troops at the border'."""
    if name in TRACK_WORDS:
        return TRACK_WORDS[name]
    t = TRACK_BY_NAME.get(name)
    return t.label if t is not None else name.replace("_", " ")


def track_noun(name: str) -> str:
    """A track's name inside a sentence: 'troops at the border', 'Kremlin leverage'."""
    label = track_label(name)
    return label if label.split(" ")[0] in _PROPER else label[:1].lower() + label[1:]


FLAG_STATES: dict[str, tuple[str, str]] = {
    "covert_mobilisation": ("a covert mobilisation is under way",
                            "no covert mobilisation is under way"),
    "mobilisation_exposed": ("the covert mobilisation has been exposed",
                             "the covert mobilisation is not yet exposed"),
    "garrison_thin": ("the Minsk garrison is thin", "the Minsk garrison is not thin"),
    "union_attack": ("the counter-offensive has been declared an attack on the union",
                     "no attack on the union has been declared"),
    "transitional_cabinet": ("the United Transitional Cabinet is formed",
                             "no United Transitional Cabinet is formed"),
    "joint_command": ("a joint military command exists", "there is no joint command"),
    "annexation": ("Russia has annexed four Ukrainian regions",
                   "no Ukrainian regions have been annexed"),
    "travel_ban": ("soldiers are banned from travelling abroad",
                   "soldiers may travel abroad"),
}
"""A flag as a statement, and its negation; other flags read as their label."""


def flag_state(name: str, on: bool = True) -> str:
    if name in FLAG_STATES:
        return FLAG_STATES[name][0 if on else 1]
    flag = FLAG_BY_NAME.get(name)
    label = flag.label if flag is not None else name.replace("_", " ")
    label = label if label.split(" ")[0] in _PROPER else label[:1].lower() + label[1:]
    return label if on else f"not so: {label}"


_SPECIAL_WORDS = {"turn": "the turn", "turns_left": "the turns left",
                  "demands": "open Kremlin demands",
                  "garrison": "the Minsk garrison"}


def name_words(kind: str, name: str) -> str:
    if kind == "track":
        return track_noun(name)
    if kind == "special":
        return _SPECIAL_WORDS[name]
    return flag_state(name)


def number(n: int, troops: bool = False) -> str:
    return f"{n:,}" if abs(n) >= 1000 or troops else str(n)


def signed(n: int, unit: str = "") -> str:
    shown = f"{abs(n):,}" if unit in ("troops", "people") else str(abs(n))
    return ("+" if n >= 0 else MINUS) + shown + ("%" if unit == "%" else "")


# -- expressions --------------------------------------------------------------------------

_COMPARE = {">=": "is at least", "<=": "is at most", ">": "is above", "<": "is below",
            "==": "is", "!=": "is not"}
_NEGATE = {">=": "<", "<": ">=", "<=": ">", ">": "<=", "==": "!=", "!=": "=="}
_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_PARTS = {2: "half", 3: "a third", 4: "a quarter", 10: "a tenth"}


def _is_flag(node: tuple) -> bool:
    return node[0] == "flag"


def _troopish(node: tuple) -> bool:
    return (node[0] == "track" and TRACK_BY_NAME[node[1]].unit in ("troops", "people")) or (
        node[0] == "special" and node[1] == "garrison")


def _words(node: tuple, parent: int = 0) -> str:
    op = node[0]
    if op == "num":
        return number(node[1])
    if op in ("track", "special"):
        return name_words(op, node[1])
    if op == "flag":
        return flag_state(node[1])
    if op == "not":
        inner = node[1]
        if inner[0] == "flag":
            return flag_state(inner[1], False)
        if inner[0] in _NEGATE:
            return _words((_NEGATE[inner[0]], inner[1], inner[2]), parent)
        return f"not ({_words(inner)})"
    if op == "neg":
        return MINUS + _words(node[1], _PRECEDENCE["neg"])
    if op in ("min", "max"):
        a, b = node[1], node[2]
        if a[0] == "num" and b[0] != "num":
            a, b = b, a
        if b[0] == "num":
            bound = "at most" if op == "min" else "at least"
            text = f"{_words(a)}, {bound} {number(b[1], _troopish(a))}"
        else:
            text = f"the {'smaller' if op == 'min' else 'larger'} of {_words(a)} and {_words(b)}"
        return f"({text})" if parent else text
    if op in _COMPARE:
        return _comparison(node)
    if op in ("and", "or"):
        mine = _PRECEDENCE[op]
        text = f"{_words(node[1], mine)} {op} {_words(node[2], mine)}"
        if op == "or" and parent == _PRECEDENCE["and"]:
            return f"either {text}"
        return text
    mine = _PRECEDENCE[op]
    a, b = node[1], node[2]
    if op == "*" and (_is_flag(a) or _is_flag(b)):
        value, flag = (b, a) if _is_flag(a) else (a, b)
        text = f"{_words(value, mine)} if {flag_state(flag[1])}"
        return f"({text})" if parent else text
    if op == "/" and b[0] == "num" and b[1] in _PARTS:
        text = f"{_PARTS[b[1]]} of {_words(a, mine)}"
        return f"({text})" if parent > mine else text
    sign = {"+": "+", "-": MINUS, "*": "×", "/": "÷"}[op]
    right = _words(b, mine + (1 if op in "-/" else 0))
    text = f"{_words(a, mine)} {sign} {right}"
    return f"({text})" if parent > mine else text


def _comparison(node: tuple) -> str:
    op, a, b = node
    if b[0] == "num":
        n = b[1]
        if a == ("special", "demands"):
            if (op, n) in ((">", 0), (">=", 1)):
                return "a Kremlin demand is open"
            if (op, n) in (("==", 0), ("<", 1)):
                return "no Kremlin demand is open"
        if op == "==" and n == 0 and _troopish(a):
            return f"no {_words(a)}"
        return f"{_words(a, 4)} {_verb(op, a)} {number(n, _troopish(a))}"
    return f"{_words(a, 4)} {_verb(op, a)} {_words(b, 4)}"


def _verb(op: str, node: tuple) -> str:
    """'is at least', or 'are at least' for troops and for a sum."""
    verb = _COMPARE[op]
    plural = node[0] in "+-" or (node[0] == "track" and node[1].startswith(
        ("troops", "reservists", "volunteers", "regulars")))
    return verb.replace("is", "are", 1) if plural else verb


def expr_words(text: str | int) -> str:
    """An expression in plain words: 'min(35, 10 * (unrest + defections) - 110)' ->
    '10 × (unrest + defections) − 110, at most 35'."""
    if isinstance(text, int):
        return number(text)
    return _words(tree(text))


def _evaluate(node: tuple, at: Callable[[str], int]) -> int:
    """The expression's value, from the values its names read (as the engine computes it)."""
    op = node[0]
    if op == "num":
        return node[1]
    if op in ("track", "flag", "special"):
        return int(at(node[1]))
    if op == "not":
        return 0 if _evaluate(node[1], at) else 1
    if op == "neg":
        return -_evaluate(node[1], at)
    x, y = _evaluate(node[1], at), _evaluate(node[2], at)
    if op == "/":
        return x // y if y else 0
    return int(_ARITHMETIC[op](x, y))


_ARITHMETIC: dict[str, Callable[[int, int], int | bool]] = {
    "or": lambda x, y: bool(x or y), "and": lambda x, y: bool(x and y),
    "==": lambda x, y: x == y, "!=": lambda x, y: x != y, "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y, ">": lambda x, y: x > y, ">=": lambda x, y: x >= y,
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "min": min, "max": max,
}


def value_now(text: str | int, env: Any) -> int:
    """What an expression stands at on a board (a view, a state)."""
    if isinstance(text, int):
        return text
    return _evaluate(tree(text), lambda name: value_of(name, env))


_NEEDS = {">=": "{}", ">": "more than {}", "<=": "{} or less", "<": "under {}",
          "==": "exactly {}", "!=": "anything but {}"}


_HELD = {">=": "at least {}", ">": "above {}", "<=": "at most {}", "<": "under {}",
         "==": "{}", "!=": "not {}"}


def _reading(node: tuple, at: Callable[[str], int]) -> str:
    """'Kremlin leverage 9' or 'mobilised reservists + troops in Ukraine 4,000'."""
    return f"{_words(node, 4)} {number(_evaluate(node, at), _troopish(node))}"


def why(text: str, inputs: Mapping[str, int], holds: bool) -> str:
    """The values that decided a condition: 'Kremlin leverage 9, needs 10' when it failed,
    'Kremlin leverage 9 (needs 7)' when it held."""
    node = tree(text)

    def at(name: str) -> int:
        return int(inputs.get(name, 0))

    return _why(node, at, holds)


def _why(node: tuple, at: Callable[[str], int], holds: bool) -> str:
    op = node[0]
    if op in ("and", "or") and (op == "and") != holds:
        # the parts that decided: the failing ones of an 'and', the holding ones of an 'or'
        parts = [p for p in (node[1], node[2]) if bool(_evaluate(p, at)) == holds]
        return "; ".join(_why(p, at, holds) for p in parts)
    if op in _COMPARE and node[2][0] == "num":
        need = _NEEDS[op].format(number(node[2][1], _troopish(node[1])))
        reading = _reading(node[1], at)
        if node[1] == ("special", "demands"):
            reading = f"{number(_evaluate(node[1], at))} open Kremlin demands"
        if not holds:
            return f"{reading}, needs {need}"
        held = _HELD[op].format(number(node[2][1], _troopish(node[1])))
        return reading if op == "==" else f"{reading}, {held}"
    if op == "flag":
        return flag_state(node[1], holds)
    if op == "not" and node[1][0] == "flag":
        return flag_state(node[1][1], not holds)
    if op in ("and", "or"):
        return "; ".join(_why(p, at, holds) for p in (node[1], node[2]))
    names = sorted(_names(node))
    values = _values({n: at(n) for n in names})
    return f"{'' if holds else 'needs '}{_words(node)} ({values})"


def _names(node: tuple) -> set[str]:
    if node[0] in ("track", "flag", "special"):
        return {node[1]}
    out: set[str] = set()
    for child in node[1:]:
        if isinstance(child, tuple):
            out |= _names(child)
    return out


# -- effects ------------------------------------------------------------------------------

_PLACE = {"minsk": "Minsk", "border": "the border", "ukraine": "Ukraine"}


def _now(amount: Any, env: Any) -> str:
    if env is None or isinstance(amount, int):
        return ""
    return f" (now {number(value_now(amount, env))})"


def _troops(amount: Any, env: Any, noun: str = "") -> str:
    """An amount of troops: '10,000', 'up to 8,000', 'all troops in Ukraine (now 0)', or
    an expression in words; followed by `noun` ('troops') where it needs one."""
    after = f" {noun}" if noun else ""
    if isinstance(amount, int):
        return f"{amount:,}{after}"
    node = tree(amount)
    if node[0] == "track":
        return f"all {track_noun(node[1])}" + _now(amount, env)
    if node[0] == "min" and ("num" in (node[1][0], node[2][0])):
        bound = node[1] if node[1][0] == "num" else node[2]
        return f"up to {bound[1]:,}{after}" + _now(amount, env)
    return f"({_words(node)}){after}" + _now(amount, env)


def effect_words(sketch: Mapping[str, Any], env: Any = None) -> str:
    """What one effect does, from its data (`Effect.sketch()`, or an item of a trace):
    conditions and chances in words, with the value they stand at now on `env`."""
    do = sketch["do"]
    say = _EFFECTS.get(do)
    return say(sketch, env) if say is not None else do


def _track(p: Mapping[str, Any], env: Any) -> str:
    name, amount = p["track"], p["amount"]
    t = TRACK_BY_NAME[name]
    label = track_label(name)
    if p["mode"] == "add" and isinstance(amount, int):
        return f"{label} {signed(amount, t.unit)}"
    shown = (number(amount, t.unit in ("troops", "people")) if isinstance(amount, int)
             else expr_words(amount) + _now(amount, env))
    word = {"add": "changed by", "set": "set to", "at_least": "raised to at least",
            "at_most": "lowered to at most"}[p["mode"]]
    return f"{label} {word} {shown}"


def _branch(effects: Sequence[Mapping[str, Any]], env: Any) -> str:
    return "; ".join(effect_words(e, env) for e in effects) or "nothing"


def _if(p: Mapping[str, Any], env: Any) -> str:
    cond = p["when"]
    now = ""
    if env is not None:
        holds = bool(value_now(cond, env))
        now = f" (now {'yes' if holds else 'no'}: {why(cond, _inputs(cond, env), holds)})"
    text = f"If {expr_words(cond)}{now}: {_branch(p['then'], env)}"
    if p.get("otherwise"):
        text += f" — otherwise: {_branch(p['otherwise'], env)}"
    return text


def _inputs(text: str, env: Any) -> dict[str, int]:
    return {name: value_of(name, env) for name in _names(tree(text))}


def _roll(p: Mapping[str, Any], env: Any) -> str:
    chance = p["chance"]
    if isinstance(chance, int):
        head = f"{chance}% chance"
    else:
        head = f"A chance (out of 100) of {expr_words(chance)}"
        if env is not None:
            head += f" (chance now: {max(0, min(100, value_now(chance, env)))}%)"
    what = (f" that {p['label']}" if isinstance(chance, int) else f", that {p['label']}") \
        if p.get("label") else ""
    text = f"{head}{what}: {_branch(p['then'], env)}"
    if p.get("otherwise"):
        text += f" — otherwise: {_branch(p['otherwise'], env)}"
    return text


def _whose(target: str) -> str:
    return "" if target == "self" else f"{ROLE_NAMES.get(target, target)} "


_EFFECTS: dict[str, Callable[[Mapping[str, Any], Any], str]] = {
    "track": _track,
    "mobilise": lambda p, env: f"Mobilise {_troops(p['amount'], env)} reservists (they "
                               "gather in Minsk)",
    "demobilise": lambda p, env: f"Send {_troops(p['amount'], env)} reservists home from "
                                 "Minsk",
    "move": lambda p, env: (f"Move {_troops(p['amount'], env, 'troops')} from "
                            f"{_PLACE[p['from']]} to {_PLACE[p['to']]}"),
    "casualties": lambda p, env: f"Lose {_troops(p['amount'], env)} troops in "
                                 f"{_PLACE[p['at']]}",
    "flag": lambda p, env: (_flag_label(p["flag"]) if p.get("on", True)
                            else f"No longer: {_flag_label(p['flag']).lower()}"),
    "draw": lambda p, env: _cards("Draw", "draws", p),
    "discard": lambda p, env: _cards("Discard", "discards", p) + " at random",
    "answer": lambda p, env: (f"{ANSWER_WORDS[p['mode']][0]} Moscow's "
                              f"{p.get('which', 'oldest')} demand, as the free order "
                              f"'{ANSWER_WORDS[p['mode']][0]} Moscow's demand' does"),
    "if": _if,
    "roll": _roll,
}


def _cards(verb: str, verbs: str, p: Mapping[str, Any]) -> str:
    n, target = p["count"], p.get("target", "self")
    cards = f"{n} card{'s' if n != 1 else ''}"
    return f"{verb} {cards}" if target == "self" else f"{_whose(target)}{verbs} {cards}"


def _flag_label(name: str) -> str:
    flag = FLAG_BY_NAME.get(name)
    return flag.label if flag is not None else name.replace("_", " ")


# -- what a step did and kept from happening (a log entry's trace) ------------------------

PREFERS: dict[str, dict[str, int]] = {
    "lukashenko": {"stability": 1, "sovereignty": 1, "involvement": -1, "economy": 1,
                   "capital": 1, "leverage": -1, "unrest": -1, "defections": -1,
                   "network": -1, "sanctions": -1},
    "putin": {"involvement": 1, "sovereignty": -1, "leverage": 1, "leverage_points": 1,
              "strain": -1, "stability": 1, "support": 1, "readiness": 1, "morale": 1},
    "opposition": {"defections": 1, "network": 1, "reach": 1, "unrest": 1, "stability": -1,
                   "support": -1, "volunteers": 1, "sanctions": 1},
}
"""Which way each role would like a track to move, for wording a roll from the side of
the role who ordered it (the victory margins, and the resources and pressures that lead
there)."""


def _score(role: str, effects: Sequence[Mapping[str, Any]]) -> int:
    prefers = PREFERS.get(role, {})
    total = 0
    for e in effects:
        if e.get("do") == "track" and e.get("mode") == "add":
            amount = e.get("value", e.get("amount"))
            if isinstance(amount, int):
                total += prefers.get(e["track"], 0) * (1 if amount > 0 else -1 if amount else 0)
        total += _score(role, e.get("then", ())) if e.get("do") == "if" else 0
    return total


def served(role: str, then: Sequence[Mapping[str, Any]],
           otherwise: Sequence[Mapping[str, Any]]) -> int:
    """+1 when a roll's success is what `role` hoped for, −1 when it hoped for failure,
    0 when its effects do not say."""
    diff = _score(role, then) - _score(role, otherwise)
    return (diff > 0) - (diff < 0)


def role_noun(role: str) -> str:
    """'Putin', 'Lukashenko', 'the opposition', 'the world': a role inside a sentence."""
    return ROLE_NAMES[role] if role in ("putin", "lukashenko") else (
        f"the {ROLE_NAMES.get(role, role).lower()}")


def outcome_words(role: str, ok: bool, hoped: int) -> str:
    """'yes, as the opposition hoped' / 'no: good news for Putin, who ordered it'."""
    said = "yes" if ok else "no"
    if not hoped or role not in ROLE_NAMES:
        return said
    good = (hoped > 0) == ok
    who = role_noun(role)
    return f"{said}: {'good' if good else 'bad'} news for {who}, who ordered it"


def _applied(item: Mapping[str, Any], changed: Callable[[Sequence[Any]], str]) -> list[str]:
    if item.get("changes"):
        return [changed(item["changes"])]
    if item.get("do") == "track":
        value = item.get("value", item.get("amount"))
        why_not = {"set": f"already {value}", "at_least": f"already at least {value}",
                   "at_most": f"already at most {value}"}.get(item.get("mode", ""),
                                                               "the track is at its limit")
        return [f"{effect_words(item)}: no change ({why_not})"]
    if item.get("do") in ("mobilise", "demobilise", "move", "casualties"):
        return [f"{effect_words(item)}: no change (no troops to spare)"]
    return [effect_words(item)] if item.get("do") not in ("draw", "discard") else []


def trace_words(trace: Sequence[Mapping[str, Any]], role: str,
                changed: Callable[[Sequence[Any]], str]) -> list[str]:
    """Every change a card made and every effect a condition or a roll kept from
    happening, with the values that decided: ['Kremlin leverage 5/10→6/10 (+1)', 'no
    effect: Kremlin leverage 6, needs 10 (sovereignty −2 did not happen)']. `changed`
    words a list of changes."""
    out: list[str] = []
    for item in trace:
        do = item.get("do")
        if do == "if":
            holds = bool(item.get("holds"))
            taken = item["then"] if holds else item.get("otherwise", [])
            kept = item.get("otherwise", []) if holds else item["then"]
            reason = why(item["when"], item.get("inputs", {}), holds)
            if not holds:
                out.append(f"no effect: {reason}" + _kept(kept))
            out.extend(trace_words(taken, role, changed))
            if holds and kept:
                out.append(f"{_branch_short(kept)} did not happen: {reason}")
        elif do == "roll":
            ok = bool(item.get("ok"))
            taken = item["then"] if ok else item.get("otherwise", [])
            kept = item.get("otherwise", []) if ok else item["then"]
            chance = item.get("chance", 0)
            basis = ("" if isinstance(chance, int) else
                     f" ({expr_words(chance)}: {_values(item.get('inputs', {}))})")
            label = item.get("label") or "the roll"
            hoped = served(role, item["then"], item.get("otherwise", []))
            out.append(f"{label}? {item.get('value')}% chance{basis}, rolled "
                       f"{item.get('rolled')}: {outcome_words(role, ok, hoped)}"
                       + _kept(kept))
            out.extend(trace_words(taken, role, changed))
        else:
            out.extend(_applied(item, changed))
    return out


def _values(inputs: Mapping[str, int]) -> str:
    return ", ".join(f"{_name(n)} {number(v)}" for n, v in inputs.items())


def _name(name: str) -> str:
    if name in TRACK_BY_NAME:
        return track_noun(name)
    return _SPECIAL_WORDS.get(name) or flag_state(name)


def _branch_short(effects: Sequence[Mapping[str, Any]]) -> str:
    return ", ".join(effect_words(e) for e in effects)


def _kept(effects: Sequence[Mapping[str, Any]]) -> str:
    return f" ({_branch_short(effects)} did not happen)" if effects else ""


__all__ = ["ANSWER_WORDS", "FLAG_STATES", "PREFERS", "TRACK_WORDS", "effect_words", "expr_words",
           "flag_state", "outcome_words", "role_noun", "served", "trace_words", "track_label",
           "track_noun", "value_now", "why"]
