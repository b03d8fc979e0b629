"""A card and its effects, from a deck file's table to engine values: every field
checked, every problem kept (`Checker`)."""

from __future__ import annotations

from typing import Any

from ..engine.effects import (
    Answer,
    Casualties,
    Demobilise,
    Discard,
    Draw,
    Effect,
    If,
    Mobilise,
    Move,
    Roll,
    SetFlag,
    TrackChange,
)
from ..engine.state import Card, Demand, Option
from ..engine.tracks import FLAG_BY_NAME, LOCATIONS, ROLES, TRACK_BY_NAME, TROOP_TRACKS, WORLD
from .checker import (
    FIRST_PARAGRAPH,
    ID_PATTERN,
    LAST_PARAGRAPH,
    MAX_NESTING,
    Checker,
    unknown,
)

CARD_FIELDS = ("id", "title", "role", "cost", "text", "source", "context", "question",
               "effects", "requires", "once", "option", "demand")
EFFECT_KINDS = ("track", "mobilise", "demobilise", "move", "casualties", "flag", "clear",
                "draw", "discard", "roll", "if", "answer")


def _effects(c: Checker, value: Any, fld: str, owner: str, depth: int = 0) -> tuple[Effect, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        c.fail(fld, f"must be a list of effects, not {c.kind(value)}")
        return ()
    if depth > MAX_NESTING:
        c.fail(fld, f"effects nested more than {MAX_NESTING} deep")
        return ()
    out = []
    for i, item in enumerate(value):
        effect = _effect(c, item, f"{fld}[{i}]", owner, depth)
        if effect is not None:
            out.append(effect)
    return tuple(out)


def _effect(c: Checker, e: Any, fld: str, owner: str, depth: int) -> Effect | None:
    if not isinstance(e, dict):
        c.fail(fld, f"an effect must be a table like {{ track = \"unrest\", add = 1 }}, "
               f"not {c.kind(e)}")
        return None
    kinds = [k for k in EFFECT_KINDS if k in e]
    if len(kinds) != 1:
        c.fail(fld, "an effect needs exactly one of: " + ", ".join(EFFECT_KINDS)
               + (f" (found {', '.join(kinds)})" if kinds else ""))
        return None
    kind = kinds[0]
    sub = f"{fld}.{kind}"
    if kind == "track":
        c.unknown_keys(e, ("track", "add", "set", "at_least", "at_most"), fld)
        name = e["track"]
        if not isinstance(name, str) or name not in TRACK_BY_NAME:
            c.fail(sub, unknown("track", name, TRACK_BY_NAME))
            return None
        if name in TROOP_TRACKS:
            c.fail(sub, f"troop numbers ({name}) change only through mobilise, demobilise, "
                   "move and casualties")
            return None
        modes = [m for m in ("add", "set", "at_least", "at_most") if m in e]
        if len(modes) != 1:
            c.fail(fld, "a track effect needs exactly one of add, set, at_least, at_most")
            return None
        return TrackChange(name, modes[0], c.amount(e[modes[0]], f"{fld}.{modes[0]}"))
    if kind in ("mobilise", "demobilise"):
        c.unknown_keys(e, (kind,), fld)
        cls = Mobilise if kind == "mobilise" else Demobilise
        return cls(c.troops(e[kind], sub))
    if kind == "move":
        c.unknown_keys(e, ("move", "from", "to"), fld)
        src, dst = e.get("from"), e.get("to")
        ok = True
        for key, place in (("from", src), ("to", dst)):
            if not isinstance(place, str) or place not in LOCATIONS:
                c.fail(f"{fld}.{key}", f"must be one of {', '.join(LOCATIONS)}, not {place!r}")
                ok = False
        if ok and src == dst:
            c.fail(fld, "troops must move from one place to another")
            ok = False
        amount = c.troops(e["move"], sub)
        return Move(amount, str(src), str(dst)) if ok else None
    if kind == "casualties":
        c.unknown_keys(e, ("casualties", "at"), fld)
        at = e.get("at", "ukraine")
        if not isinstance(at, str) or at not in LOCATIONS:
            c.fail(f"{fld}.at", f"must be one of {', '.join(LOCATIONS)}, not {at!r}")
            return None
        return Casualties(c.troops(e["casualties"], sub), at)
    if kind in ("flag", "clear"):
        c.unknown_keys(e, (kind,), fld)
        name = e[kind]
        if not isinstance(name, str) or name not in FLAG_BY_NAME:
            c.fail(sub, unknown("flag", name, FLAG_BY_NAME))
            return None
        if name == "garrison_thin":
            c.fail(sub, "garrison_thin is set only by the thin-garrison rule")
            return None
        return SetFlag(name, kind == "flag")
    if kind in ("draw", "discard"):
        c.unknown_keys(e, (kind, "role"), fld)
        count = c.integer(e[kind], sub, 1, 5)
        target = e.get("role", "self")
        if target not in (*ROLES, "self"):
            c.fail(f"{fld}.role", f"must be 'self' or one of {', '.join(ROLES)}, not {target!r}")
            return None
        if target == "self" and owner == WORLD:
            c.fail(f"{fld}.role", "a world event must name the role: lukashenko, putin or "
                   "opposition")
            return None
        return (Draw if kind == "draw" else Discard)(count, target)
    if kind == "roll":
        c.unknown_keys(e, ("roll", "then", "else", "label"), fld)
        chance = e["roll"]
        expr = c.amount(chance, sub)
        if isinstance(chance, int) and not isinstance(chance, bool) and not 0 <= chance <= 100:
            c.fail(sub, f"a chance is a percentage from 0 to 100, not {chance}")
        label = c.text_of(e, "label", f"{fld}.label", required=False, limit=120)
        then = _effects(c, e.get("then"), f"{fld}.then", owner, depth + 1)
        if "then" not in e:
            c.fail(f"{fld}.then", "a roll needs the effects of success in 'then'")
        return Roll(expr, then, _effects(c, e.get("else"), f"{fld}.else", owner, depth + 1),
                    label)
    if kind == "if":
        c.unknown_keys(e, ("if", "then", "else"), fld)
        cond = c.expr(e["if"], sub)
        if "then" not in e:
            c.fail(f"{fld}.then", "a condition needs its effects in 'then'")
        then = _effects(c, e.get("then"), f"{fld}.then", owner, depth + 1)
        otherwise = _effects(c, e.get("else"), f"{fld}.else", owner, depth + 1)
        return If(cond, then, otherwise) if cond else None
    # answer
    c.unknown_keys(e, ("answer", "which"), fld)
    which = e.get("which", "oldest")
    if which not in ("oldest", "newest"):
        c.fail(f"{fld}.which", f"must be 'oldest' or 'newest', not {str(which)[:40]!r}")
        return None
    if owner not in ("lukashenko", "putin"):
        c.fail(sub, "only Lukashenko's cards can answer a Kremlin demand (and Putin's "
               "can force compliance)")
        return None
    if owner == "putin" and e["answer"] != "comply":
        c.fail(sub, "a Kremlin card can only force compliance (answer = 'comply')")
        return None
    if e["answer"] not in ("comply", "stall"):
        c.fail(sub, f"must be 'comply' or 'stall', not {e['answer']!r}")
        return None
    return Answer(e["answer"], which)


def card_of(c: Checker, raw: Any, index: int, owner: str) -> Card | None:
    if not isinstance(raw, dict):
        c.card = ""
        c.fail(f"card[{index}]", "each [[card]] must be a table")
        return None
    cid = raw.get("id")
    c.card = cid if isinstance(cid, str) else f"#{index + 1}"
    before = len(c.problems)
    if not isinstance(cid, str) or not ID_PATTERN.match(cid):
        c.fail("id", "must be lower-case letters, digits and _ (starting with a letter, "
               "at most 60)")
    c.unknown_keys(raw, CARD_FIELDS, "")
    role = raw.get("role", owner)
    if role != owner:
        c.fail("role", f"is {role!r} but the card is in the {owner} deck")
    title = c.text_of(raw, "title", "title", limit=80)
    text = c.text_of(raw, "text", "text")
    context = c.text_of(raw, "context", "context", limit=300)
    question = c.text_of(raw, "question", "question", limit=300)
    cost = c.integer(raw.get("cost", 0), "cost", 0, 10)
    if owner == WORLD and cost:
        c.fail("cost", "world events cost nothing")
    source = raw.get("source")
    cites: list[int] = []
    if not isinstance(source, list) or not source:
        c.fail("source", "must list the article's paragraphs, e.g. source = [13]")
    else:
        for n in source:
            if isinstance(n, bool) or not isinstance(n, int):
                c.fail("source", f"paragraph numbers are whole numbers, not {c.kind(n)}")
            elif not FIRST_PARAGRAPH <= n <= LAST_PARAGRAPH:
                c.fail("source", f"¶{n} is outside the article (¶{FIRST_PARAGRAPH}-¶"
                       f"{LAST_PARAGRAPH})")
            else:
                cites.append(n)
    requires = None
    if "requires" in raw:
        requires = c.expr(raw["requires"], "requires")
        if owner == WORLD:
            c.fail("requires", "world events have no requirement; use an 'if' effect")
    once = raw.get("once", False)
    if not isinstance(once, bool):
        c.fail("once", "must be true or false")
    effects = _effects(c, raw.get("effects"), "effects", owner)
    if "effects" not in raw and "demand" not in raw:
        c.fail("effects", "is missing")
    options: list[Option] = []
    raw_options = raw.get("option", [])
    if not isinstance(raw_options, list):
        c.fail("option", "must be a list of [[card.option]] tables")
        raw_options = []
    if owner == WORLD and raw_options:
        c.fail("option", "world events have no options")
    seen: set[str] = set()
    for i, opt in enumerate(raw_options):
        fld = f"option[{i}]"
        if not isinstance(opt, dict):
            c.fail(fld, "must be a table")
            continue
        c.unknown_keys(opt, ("id", "label", "cost", "effects"), fld)
        oid = opt.get("id")
        if not isinstance(oid, str) or not ID_PATTERN.match(oid):
            c.fail(f"{fld}.id", "must be lower-case letters, digits and _")
            continue
        if oid in seen:
            c.fail(f"{fld}.id", f"option {oid!r} is listed twice")
        seen.add(oid)
        options.append(Option(oid, c.text_of(opt, "label", f"{fld}.label", limit=80),
                              c.integer(opt.get("cost", 0), f"{fld}.cost", 0, 10),
                              _effects(c, opt.get("effects"), f"{fld}.effects", owner)))
    if len(options) == 1:
        c.fail("option", "a card with options needs at least two")
    demand = None
    if "demand" in raw:
        d = raw["demand"]
        if owner != "putin":
            c.fail("demand", "only the Kremlin makes demands")
        elif not isinstance(d, dict):
            c.fail("demand", "must be a table with 'comply' and 'stall' effects")
        else:
            c.unknown_keys(d, ("comply", "stall", "insists"), "demand")
            for key in ("comply", "stall"):
                if key not in d:
                    c.fail(f"demand.{key}", "is missing")
            demand = Demand(_effects(c, d.get("comply"), "demand.comply", "lukashenko"),
                            _effects(c, d.get("stall"), "demand.stall", "lukashenko"),
                            c.flag(d.get("insists", False), "demand.insists"))
    if len(c.problems) > before:
        return None
    return Card(str(cid), title, owner, cost, text, tuple(cites), context, question, effects,
                requires, tuple(options), demand, once)
