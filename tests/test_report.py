"""The debrief analysis and the after-action report, on games played by the engine."""

from __future__ import annotations

import json
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wargame.debrief import analyse
from wargame.engine import ROLES, digest, run
from wargame.engine.rng import derive_stream
from wargame.report import charts, render, render_many
from wargame.saves import Note


def chooser(role, seed):
    rng = derive_stream(seed, f"test:{role}")
    return lambda v: (lambda opts: opts[rng.below(len(opts))])(v.legal_orders())


@pytest.fixture(scope="module")
def games(ruleset):
    out = []
    for seed in (21, 22, 23, 24):
        record = []
        final = run(ruleset, seed, {r: chooser(r, seed) for r in ROLES}, record=record)
        reasons = [f"because {i}" for i in range(len(record))]
        d = analyse(ruleset, seed, record, reasons=reasons,
                    notes=[Note(2, 9, "Ask: why comply now?")],
                    seats={r: "bot (easy)" for r in ROLES})
        out.append((d, final))
    return out


def test_the_debrief_matches_the_engine_turn_by_turn(games):
    for d, final in games:
        assert digest(d.final) == digest(final)
        assert [t.turn for t in d.turns] == list(range(1, len(d.turns) + 1))
        assert d.turns[-1].digest == digest(final)
        for t in d.turns:
            start = d.states[t.first_action]
            assert start.turn == t.turn and start.phase == "event"
            assert t.tracks_after == d.states[t.last_action].tracks
            assert len(t.orders) == 3 or t is d.turns[-1]


def test_turning_points_are_the_largest_swings(games):
    for d, _ in games:
        for p in d.turning_points:
            largest = max(abs(t.swing(p.role)) for t in d.turns)
            ranked = sorted((abs(t.swing(p.role)) for t in d.turns), reverse=True)
            assert abs(p.swing) in ranked[:2] and abs(p.swing) <= largest
            assert p.summary().startswith(("Lukashenko", "Putin", "Opposition"))


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_report_contains_every_turn_and_every_card_played(games, fmt):
    d, _ = games[0]
    text = render(d, fmt)
    if fmt == "html":
        text = unescape(text)
    for t in d.turns:
        assert t.month in text
    for c in d.cards_played:
        assert c.title in text
        assert c.question in text
    assert "Ask: why comply now?" in text
    for question in ("What was meant to happen?", "What happened?", "Why did it happen?",
                     "What do we learn?"):
        assert question in text


def test_the_html_report_stands_alone_with_its_charts(games):
    d, _ = games[1]
    html = render(d, "html")

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.svgs = 0
            self.external = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "svg":
                self.svgs += 1
            for key in ("src", "href"):
                if attrs.get(key, "#").split(":")[0] in ("http", "https"):
                    self.external.append(attrs[key])

    checker = Checker()
    checker.feed(html)
    assert checker.svgs == len(charts(d)) == 8
    assert checker.external == []


def test_the_json_report_is_the_same_content_as_data(games):
    d, _ = games[2]
    data = json.loads(render(d, "json"))
    assert len(data["turns"]) == len(d.turns)
    assert data["outcome"]["winners"] == list(d.winners)
    played = [(c["turn"], c["card"]) for c in data["cards_played"]]
    assert played == [(c.turn, c.card) for c in d.cards_played]
    assert data["turns"][0]["orders"][0]["reason"].startswith("because")


def test_a_class_summary_counts_wins(games):
    debriefs = [d for d, _ in games]
    data = json.loads(render_many(debriefs, "json"))
    assert data["games"] == 4
    for role in ROLES:
        assert data["wins"][role] == sum(role in d.winners for d in debriefs)
    html = render_many(debriefs, "html")
    assert "<svg" in html and "Who won" in html


def test_umpire_actions_show_in_the_report_as_such(ruleset):
    from wargame.engine import Umpire, apply, new_game

    state = new_game(ruleset, 31)
    actions = [Umpire("inject", "to discuss sanctions", card=state.pile("world").deck[2])]
    state = apply(state, actions[0])
    players = {r: chooser(r, 31) for r in ROLES}
    final = run(ruleset, 31, players, record=actions, state=state)
    d = analyse(ruleset, 31, actions)
    assert digest(d.final) == digest(final)
    md, html = render(d, "md"), render(d, "html")
    assert "⚑ **Umpire injects the event" in md and "to discuss sanctions" in md
    assert 'class="umpire"' in html
    assert json.loads(render(d, "json"))["turns"][0]["umpire"][0].startswith("Umpire injects")


def test_key_orders_are_tagged_by_turn_in_the_charts_and_named_under_them(games):
    """Written inside a chart, the orders' names ran into each other and into the legend:
    a chart tags each dashed line with its turn, the report names the orders once."""
    import re

    d = next(d for d, _ in games if d.key_orders())
    html = render(d, "html")
    key = d.key_orders()
    turns = sorted({turn for turn, _, _ in key})
    first = html[html.index("<svg"):html.index("</svg>")]
    tags = re.findall(r">T(\d+)</text>", first)
    assert [int(t) for t in tags] == turns  # one tag per turn with key orders, in order
    for turn, _, title in key:
        assert f"Turn {turn}: " in unescape(first)  # the tooltip names them
        assert title not in re.sub(r"<title>.*?</title>", "", unescape(first))
    listed = unescape(html[html.index('class="key-orders"'):])
    listed = listed[:listed.index("</p>")]
    for turn, _, title in key:
        assert f"turn {turn}</a>" in listed and title in listed


def test_the_class_summary_counts_wins_game_after_game_and_names_the_rules(games):
    import re

    from wargame.engine.rules import RULE_BY_NAME
    from wargame.report import summarise

    debriefs = [d for d, _ in games]
    html = render_many(debriefs, "html")
    chart = html[html.index("<svg"):html.index("</svg>")]
    assert ">games played</text>" in chart and ">turn</text>" not in chart
    assert re.findall(r'text-anchor="middle">(\d+)</text>', chart) == [
        str(i) for i in range(len(debriefs) + 1)]  # after 0, 1, ... N games
    md = render_many(debriefs, "md")
    deciding = summarise(debriefs)["deciding_rules"]
    assert deciding  # these random games have consequences behind their turning points
    for rule, count in deciding:
        named = RULE_BY_NAME[rule]
        assert f"- {named.title} ({named.source}): {count}" in md
        assert f"- {rule}:" not in md
    # The same in each game's timeline: the rule by its name, never its id.
    for d in debriefs:
        fired = {e.rule for t in d.turns for e in t.consequences}
        for fmt in ("md", "html"):
            text = unescape(render(d, fmt))
            for rule in fired:
                assert f"({RULE_BY_NAME[rule].title}, " in text
                assert f"({rule}, " not in text


def test_a_world_event_behind_a_turning_point_is_named():
    """An event's effects are logged under the line that names it; a turning point's cause
    must still say which event it was."""
    from pathlib import Path

    from wargame.debrief import of_save
    from wargame.saves import read

    d = of_save(read(Path(__file__).resolve().parent.parent / "saves" / "twelve-months.json"))
    world = [(p, e) for p in d.turning_points for e in p.causes
             if e.kind == "effect" and e.role == "world"]
    assert world
    for p, e in world:
        title = d.ruleset.cards[e.card].title
        assert e.text.startswith(f"{title}: ")
        assert f"{title} ({e.source}): " in p.summary()


def test_the_report_says_how_far_the_game_went():
    from pathlib import Path

    from wargame.debrief import analyse, of_save
    from wargame.saves import read

    saves = Path(__file__).resolve().parent.parent / "saves"
    assert "All 12 turns were played." in render(of_save(read(saves / "twelve-months.json")),
                                                  "md")
    fell = of_save(read(saves / "regime-falls.json"))
    assert f"The regime fell in turn {len(fell.turns)} ({fell.turns[-1].month})." in \
        render(fell, "html")
    half = analyse(fell.ruleset, fell.seed, fell.actions[:20], fell.final.turns)
    assert f"{len(half.turns)} turns played so far: the game is not over." in \
        render(half, "md")


@pytest.mark.parametrize("name", ["edition2-uprising.json", "regime-falls.json"])
def test_a_fallen_regime_is_credited_to_the_rule_that_toppled_it(name):
    """The fall decides every margin: each role's turning point in that month names the
    rule that fired (the uprising, the collapse) first, not whatever came earlier in the
    log (a world event, the thin garrison, a strike) that moved a point of stability."""
    from pathlib import Path

    from wargame.debrief import of_save
    from wargame.saves import read

    d = of_save(read(Path(__file__).resolve().parent.parent / "saves" / name))
    fall = d.turns[-1]
    (toppled,) = [e for e in fall.entries if e.kind == "consequence" and any(
        c.name == "flag:regime_fallen" and c.after for c in e.changes)]
    points = [p for p in d.turning_points if p.turn == fall.turn]
    assert {p.role for p in points} == set(ROLES)
    for p in points:
        assert p.causes[0] is toppled or p.causes[0] == toppled, p.summary()
        assert p.summary().split(": ", 1)[1].startswith(toppled.text), p.summary()
    for fmt in ("md", "html"):
        text = unescape(render(d, fmt))
        for role in ("Lukashenko", "Putin"):
            assert f"{role}'s margin fell by" in text
            line = next(x for x in text.splitlines() if f"{role}'s margin fell by" in x
                        and fall.month in x)
            assert toppled.text in line


def test_one_sparkline_for_the_reports_and_the_terminal():
    """Two sparklines once rounded differently: 7 of 0-10 was ▆ in the report and ▅ on
    the end screen."""
    import wargame
    from wargame.charts import SPARKS, sparkline
    from wargame.tui import widgets
    from wargame.tui.screens import end

    assert sparkline([7], 0, 10) == "▅"
    assert sparkline([0, 10], 0, 10) == "▁█"
    assert sparkline([5, 5], 5, 5) == "▁▁"
    assert widgets.sparkline is sparkline and end.sparkline is sparkline
    package = Path(wargame.__file__).parent
    copies = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
              if SPARKS in p.read_text(encoding="utf-8")]
    assert copies == ["charts.py"]


def test_an_order_has_one_name_on_the_board_in_the_replay_and_in_the_report(ruleset):
    """The free orders were worded three ways ('Stall on the demand' in the report, 'Stall
    on Moscow's demand' on the board): telling names them for every screen."""
    from wargame.debrief import analyse
    from wargame.engine import Order
    from wargame.telling import order_title
    from wargame.tui import words

    for card in ("pass", "comply", "stall"):
        order = Order("lukashenko", card)
        assert words.order_title(ruleset.cards, order) == order_title(ruleset.cards, order)
    record = []
    run(ruleset, 21, {r: chooser(r, 21) for r in ROLES}, record=record)
    d = analyse(ruleset, 21, record)
    for t in d.turns:
        for o in t.orders:
            assert o.title == words.order_title(ruleset.cards, o.order)


def test_every_string_of_the_html_report_is_text_not_markup(ruleset):
    """The HTML goes through autoescaped templates: a note, a seat or a reason that looks
    like markup stays text, wherever it shows."""
    record = []
    run(ruleset, 22, {r: chooser(r, 22) for r in ROLES}, record=record)
    evil = '<script>alert("x")</script> & <b>'
    d = analyse(ruleset, 22, record, reasons=[evil] * len(record),
                notes=[Note(1, 3, evil)], seats={r: evil for r in ROLES})
    page = render(d, "html")
    assert "<script>" not in page and "<b>&" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert evil in render(d, "md")
