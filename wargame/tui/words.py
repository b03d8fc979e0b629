"""Plain words and numbers for the screens: what a card costs and does, what changed since
the last order, what a log line is. Pure Python (no Textual), so it is tested directly and
the screens stay thin."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from wargame import telling
from wargame.engine.effects import Effect
from wargame.engine.rules import RULES_2 as RULES
from wargame.engine.rules import victory_text as rules_victory_text
from wargame.engine.state import ASKS_AGAIN, COMPLY, PASS, Card, LogEntry, Order
from wargame.engine.tracks import (
    FLAG_BY_NAME,
    INVOLVEMENT_LADDER,
    RESOURCE_OF,
    ROLE_NAMES,
    ROLE_SYMBOLS,
    TRACK_BY_NAME,
)
from wargame.engine.view import View

SHORT_LABELS: dict[str, str] = {
    "stability": "Stability",
    "support": "War support",
    "economy": "Economy",
    "sovereignty": "Sovereignty",
    "regulars": "Regulars",
    "staff": "Staff, cadets",
    "reservists": "Reservists",
    "readiness": "Readiness",
    "morale": "Morale",
    "troops_minsk": "In Minsk",
    "troops_border": "At the border",
    "troops_ukraine": "In Ukraine",
    "involvement": "Involvement",
    "leverage": "Leverage",
    "strain": "Strain",
    "network": "Network",
    "defections": "Defections",
    "unrest": "Unrest",
    "volunteers": "Volunteers",
    "sanctions": "Sanctions",
    "alert": "Alert",
    "capital": "Capital",
    "leverage_points": "Credit",
    "reach": "Reach",
}
"""Labels that fit a narrow column; the full labels are in `tracks.TRACKS`."""

TRACK_MEANING: dict[str, str] = {
    "stability": "How firmly the regime holds; at 0 it collapses.",
    "support": "Belarusians who back sending troops (9% in a 2022 poll).",
    "economy": "Already struggling; sanctions drain it, and a weak one drains stability.",
    "sovereignty": "What Minsk has not yet given up to Moscow.",
    "regulars": "Professional soldiers of the Belarusian army.",
    "staff": "Support staff and cadets, who do not fight.",
    "reservists": "Men called up by mobilisation; they gather in Minsk.",
    "readiness": "How ready the army is for war; green troops achieve little.",
    "morale": "Low morale makes troops at the front falter.",
    "troops_minsk": "The garrison that guards the regime at home.",
    "troops_border": "Massed at the Ukrainian border: a threat, and a target.",
    "troops_ukraine": "In combat: what Putin wants, what the public fears.",
    "involvement": "The ladder from springboard (0) to open war (5).",
    "leverage": "How much Minsk owes Moscow since 2020.",
    "strain": "Russia's own war weariness and shortage of troops.",
    "network": "The opposition's people inside Belarus; crushed since 2020.",
    "defections": "Officials and officers who change sides.",
    "unrest": "Anger in the streets; with defections and a thin garrison, an uprising.",
    "volunteers": "Belarusians fighting for Ukraine.",
    "sanctions": "Western sanctions; from 6 they drain the economy.",
    "alert": "Ukraine's guard on its northern border; from 7 it may strike first.",
    "capital": "Lukashenko's political capital: pays for his cards.",
    "leverage_points": "Kremlin credit, Putin's purse: pays for his cards.",
    "reach": "The opposition's reach: pays for its cards.",
}

FREE_ORDER_TITLES = telling.FREE_ORDER_TITLES

KIND_MARKS: dict[str, str] = {
    "phase": "━",
    "event": "○",
    "reveal": "▶",
    "effect": "•",
    "roll": "↯",
    "consequence": "¶",
    "answer": "↩",
    "fizzle": "✗",
    "pass": "…",
    "income": "+",
    "draw": "▭",
    "discard": "▭",
    "end": "★",
    "setup": "·",
    "shuffle": "·",
    "umpire": "⚑",
}
"""A mark per kind of log line, so that the log reads without colour."""

RULE_TITLES = {r.name: r.title for r in RULES}

MINUS = "−"


def group_thousands(value: int) -> str:
    return f"{value:,}"


def signed(diff: int, unit: str = "") -> str:
    """'+1', '−4,000', '+4%': a change, always with its sign (colour is never the only
    signal)."""
    if diff == 0:
        return "0"
    sign = "+" if diff > 0 else MINUS
    amount = abs(diff)
    shown = f"{amount:,}" if unit in ("troops", "people") else str(amount)
    return f"{sign}{shown}{'%' if unit == '%' else ''}"


def compact(value: int) -> str:
    """4,000 -> '4k', 45,000 -> '45k', 1,500 -> '1.5k': for tight columns."""
    if abs(value) < 1000:
        return str(value)
    if value % 1000 == 0 or abs(value) >= 10_000:
        return f"{value // 1000 if value > 0 else -(-value // 1000)}k"
    return f"{value / 1000:.1f}k"


def arrow(diff: int) -> str:
    return "▲" if diff > 0 else "▼" if diff < 0 else ""


def change_mark(name: str, diff: int, tight: bool = False) -> str:
    """'▲+1' or '▼−4,000' (or '▼−4k' when tight); '' for no change."""
    if not diff:
        return ""
    unit = TRACK_BY_NAME[name].unit
    if tight and unit in ("troops", "people"):
        return f"{arrow(diff)}{'+' if diff > 0 else MINUS}{compact(abs(diff))}"
    return f"{arrow(diff)}{signed(diff, unit)}"


def role_label(role: str) -> str:
    """'◆ Lukashenko': roles always carry a symbol and a name."""
    return f"{ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}"


def resource_label(role: str, short: bool = False) -> str:
    """'political capital', 'Kremlin credit', 'reach' (or 'capital', 'credit' when short):
    telling's words, so that Putin's purse is never confused with Kremlin leverage."""
    name = RESOURCE_OF[role]
    return SHORT_LABELS[name].lower() if short else telling.track_noun(name)


def rung_label(level: int) -> str:
    level = max(0, min(level, len(INVOLVEMENT_LADDER) - 1))
    return INVOLVEMENT_LADDER[level][0]


def flag_label(name: str) -> str:
    return FLAG_BY_NAME[name].label if name in FLAG_BY_NAME else name.replace("_", " ")


# -- changes ---------------------------------------------------------------------------


def net_changes(entries: Iterable[LogEntry]) -> dict[str, int]:
    """Track name -> net change over these log lines (flags left out)."""
    net: dict[str, int] = {}
    for entry in entries:
        for change in entry.changes:
            if change.name.startswith("flag:"):
                continue
            net[change.name] = net.get(change.name, 0) + change.after - change.before
    return {name: diff for name, diff in net.items() if diff}


def since_last_orders(log: Sequence[LogEntry], turn: int) -> list[LogEntry]:
    """The log lines since the previous orders phase: last month's resolution,
    consequences and upkeep, and this month's event. What 'changed last turn' means on the
    board."""
    out: list[LogEntry] = []
    for entry in log:
        if (entry.turn == turn - 1 and entry.phase in ("resolution", "consequences",
                                                         "upkeep")) or (
                entry.turn == turn and entry.phase == "event"):
            out.append(entry)
    return out


# -- cards -----------------------------------------------------------------------------


def order_cost(card: Card, option_id: str | None = None) -> int:
    option = card.option(option_id)
    return card.cost + (option.cost if option else 0)


def plain_expr(text: str) -> str:
    """A deck's condition in words, from its expression tree (telling's one renderer):
    'reservists >= 5000 and not travel_ban' -> 'mobilised reservists are at least 5,000
    and soldiers may travel abroad'."""
    return telling.expr_words(text)


def effect_text(effect: Effect, env: object = None) -> str:
    """What one effect does, in plain words (conditions and chances included, with the
    value they stand at now on `env`, a view of the game in play)."""
    return telling.effect_words(effect.sketch(), env)


def card_effect_lines(card: Card, env: object = None) -> list[str]:
    """What a card does, in plain words: one line per effect."""
    return [effect_text(effect, env) for effect in card.effects]


def option_lines(card: Card, env: object = None) -> list[tuple[str, int, list[str]]]:
    """(label, total cost, effects) for each option a card asks for."""
    return [(opt.label, card.cost + opt.cost, [effect_text(e, env) for e in opt.effects])
            for opt in card.options]


def cost_text(card: Card, role: str) -> str:
    """What ordering a card costs in all: '2 political capital', or with options '2–3
    Kremlin credit in all, by option' (never 'the option's cost' beside a part)."""
    if role not in RESOURCE_OF:  # a world event costs nobody anything
        return str(card.cost)
    res = resource_label(role)
    totals = sorted({card.cost + o.cost for o in card.options})
    if not totals:
        return f"{card.cost} {res}"
    if len(totals) == 1:
        return f"{totals[0]} {res} in all"
    return f"{totals[0]}–{totals[-1]} {res} in all, by option"


def demand_lines(card: Card, env: object = None) -> tuple[list[str], list[str]] | None:
    """(what complying does, what stalling does) for a Kremlin demand."""
    if card.demand is None:
        return None
    stall = [effect_text(e, env) for e in card.demand.stall]
    ruleset = getattr(env, "ruleset", None)  # edition 1 ignores `insists`
    if card.demand.insists and (ruleset is None or ruleset.edition >= 2):
        stall.append(f"{ASKS_AGAIN} (the card goes back to the Kremlin's hand)")
    return ([effect_text(e, env) for e in card.demand.comply], stall)




def free_order_lines(order_card: str, role: str, demand: Card | None,
                     env: object = None) -> list[str]:
    """What a free order does."""
    if order_card == PASS:
        return [f"Play no card: gain 1 {resource_label(role)}."]
    if demand is None:
        return ["There is no Kremlin demand to answer."]
    answer = demand_lines(demand, env)
    assert answer is not None
    verb = telling.ANSWER_WORDS[order_card][0]
    effects = answer[0] if order_card == COMPLY else answer[1]
    return [f"{verb} the oldest open demand, '{demand.title}': every one of these "
            "happens:", *effects]


def unplayable_reason(card: Card, role: str, resource: int, env: object) -> str | None:
    """Why a card in the hand cannot be ordered now, or None when it can."""
    cheapest = card.cost + min((o.cost for o in card.options), default=0)
    if cheapest > resource:
        return f"costs {cheapest} {resource_label(role)}, you have {resource}"
    if card.requires is not None and not card.requires.evaluate(env):
        return (f"only when {plain_expr(card.requires.text)} (now: "
                f"{telling.why(card.requires.text, card.requires.inputs(env), False)})")
    return None


def refused_order(view: View, order: Order, message: str) -> str:
    """Why the rules refused `order`, in plain words. The engine's message names a card's
    condition in the decks' grammar ("'Seek Moscow's help' can only be played when
    demands > 0"); the player reads it as the board does, from telling's renderer, with
    the values now. A refusal that is not about the card (the phase, an order already
    given) keeps the engine's words."""
    card = view.ruleset.cards.get(order.card)
    if card is None:
        return message
    reason = unplayable_reason(card, order.role, view.track(RESOURCE_OF[order.role]), view)
    return f"'{card.title}' cannot be ordered now: {reason}" if reason else message


def order_title(ruleset_cards: Mapping[str, Card], order: Order) -> str:
    """'Covert mobilisation (10,000 reservists)' or a free order's title (the words are
    telling's, as in the replay and the reports)."""
    return telling.order_title(ruleset_cards, order)


# -- the log ---------------------------------------------------------------------------


def entry_citation(entry: LogEntry) -> str:
    """'Backlash against mobilisation, ¶5, ¶21-23' for a consequence; the card's ¶ for a
    card; '' when the line has none."""
    title = RULE_TITLES.get(entry.rule, "")
    if title and entry.source:
        return f"{title}, {entry.source}"
    return entry.source or title


SHORT_VICTORY = {
    "lukashenko": "stability ≥3, sovereignty ≥3, involvement ≤3 at the end",
    "putin": "involvement ≥4 or sovereignty ≤1, with the regime standing",
    "opposition": "the regime falls, or defections + network ≥12 at the end",
}
"""`rules.VICTORY_TEXT` in fewer words, for one line of an 80-column screen."""
SHORT_VICTORY_2 = {**SHORT_VICTORY,
                   "putin": "involvement ≥3 or sovereignty ≤1, with the regime standing"}


def victory_text(role: str, short: bool = False, edition: int = 1) -> str:
    if short:
        return (SHORT_VICTORY_2 if edition >= 2 else SHORT_VICTORY)[role]
    return rules_victory_text(role, edition)


def margin_text(margin: int) -> str:
    """'+2 winning' / '−3 losing': the number and a word."""
    return f"{signed(margin)} {'winning' if margin >= 0 else 'short'}"
