"""The screens' plain words: signs and arrows on every change (colour is never the only
signal), what changed since the last order, conditions in words, card costs."""

from __future__ import annotations

from wargame.engine import Order, advance, new_game, view
from wargame.engine.state import Change, LogEntry
from wargame.tui import words


def test_every_change_carries_a_sign_and_an_arrow():
    assert words.signed(3) == "+3"
    assert words.signed(-4000, "troops") == "−4,000"
    assert words.signed(4, "%") == "+4%"
    assert words.signed(0) == "0"
    assert words.change_mark("unrest", 2) == "▲+2"
    assert words.change_mark("reservists", -4000) == "▼−4,000"
    assert words.change_mark("reservists", 4000, tight=True) == "▲+4k"
    assert words.change_mark("unrest", 0) == ""


def test_compact_numbers_for_tight_columns():
    assert [words.compact(n) for n in (0, 999, 1500, 4000, 45_000, 12_345)] == [
        "0", "999", "1.5k", "4k", "45k", "12k"]


def test_what_changed_since_the_last_order_spans_resolution_to_the_next_event():
    log = [
        LogEntry(1, "event", "effect", "", changes=(Change("unrest", 1, 2),)),
        LogEntry(1, "resolution", "effect", "", changes=(Change("unrest", 2, 4),
                                                         Change("flag:draft", 0, 1))),
        LogEntry(1, "consequences", "consequence", "", changes=(Change("stability", 6, 5),)),
        LogEntry(1, "upkeep", "income", "", changes=(Change("reach", 2, 3),)),
        LogEntry(2, "event", "effect", "", changes=(Change("unrest", 4, 3),)),
    ]
    window = words.since_last_orders(log, 2)
    assert window == log[1:]
    assert words.net_changes(window) == {"unrest": 1, "stability": -1, "reach": 1}
    # In the first month, only the event has happened.
    assert words.net_changes(words.since_last_orders(log, 1)) == {"unrest": 1}


def test_conditions_read_as_words():
    text = words.plain_expr("reservists >= 5000 and not travel_ban")
    assert text == "mobilised reservists are at least 5,000 and soldiers may travel abroad"
    assert words.plain_expr("involvement <= 3") == "involvement is at most 3"


def test_every_card_is_described_in_plain_words(ruleset):
    for card in ruleset.cards.values():
        lines = words.card_effect_lines(card)
        assert all(line and ">=" not in line and "<=" not in line for line in lines), card.id
        for label, cost, effects in words.option_lines(card):
            assert label and cost >= card.cost and effects
        answers = words.demand_lines(card)
        assert (answers is None) == (card.demand is None)


def test_unplayable_cards_say_why(ruleset):
    seen_unplayable = 0
    for seed in range(20):
        for role in ("lukashenko", "putin", "opposition"):
            v = view(advance(new_game(ruleset, seed)), role)
            assert v.phase == "orders"
            legal = {o.card for o in v.legal_orders()}
            resource = v.track(words.RESOURCE_OF[role])
            for card_id in v.hand:
                reason = words.unplayable_reason(ruleset.card(card_id), role, resource, v)
                assert (reason is None) == (card_id in legal), (seed, card_id)
                seen_unplayable += reason is not None
    assert seen_unplayable  # the check above was not vacuous
    assert words.order_title(ruleset.cards, Order("lukashenko", "stall")) == \
        "Stall on Moscow's demand"


def test_a_long_line_hangs_under_its_first_letter():
    from textual.content import Content

    from wargame.tui.widgets import hanging

    reason = Content("played Rapid deployment drill: over 45 playouts from sampled hands "
                     "and dice, 4 months ahead")
    lines = hanging("     ↳ ", reason, 40)
    assert len(lines) > 1 and all(line.cell_length <= 40 for line in lines)
    assert lines[0].plain.startswith("     ↳ played")
    assert all(line.plain.startswith(" " * 7) and line.plain[7] != " " for line in lines[1:])
    assert " ".join(" ".join(x.plain for x in lines).split()) == \
        "↳ " + " ".join(reason.plain.split())
    # Before the layout knows the width: one line, for the widget to wrap.
    assert [x.plain for x in hanging("  ", reason, 0)] == ["  " + reason.plain]
