"""The after-action report of a game (Markdown, standalone HTML, JSON) and the summary
across several games of one scenario (a whole class's tables)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import epilogue
from .charts import Chart, Series, sparkline
from .debrief import Comparison, Debrief, TrackDivergence, to_data
from .document import (
    Column,
    Document,
    Figures,
    Item,
    Items,
    Paragraph,
    Review,
    Section,
    Table,
    Text,
    Timeline,
    Turn,
    em,
    html,
    inline,
    joined,
    markdown,
    strong,
)
from .engine.editions import edition_name
from .engine.rules import DECISIVE_LOSS, DECISIVE_WIN, GRADES, RULE_BY_NAME
from .engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, ROLE_TITLES, ROLES, TRACK_BY_NAME
from .telling import GRADE_WORDS

if TYPE_CHECKING:
    from .review import Review as GameReview

FORMATS = ("md", "html", "json")

AFTER_ACTION_QUESTIONS = (
    ("What was meant to happen?", "What did each role set out to do in the first turns, "
     "and what did it expect the others to do?"),
    ("What happened?", "Which orders, rolls and consequences decided the game? Use the "
     "timeline and the turning points."),
    ("Why did it happen?", "Which claims of the article (the ¶ cited by the consequences) "
     "explain the outcome? Where did chance matter more than choice?"),
    ("What do we learn?", "What would each role do differently, and what does this game "
     "suggest about Belarus being drawn into the war?"),
)

END_TEXT = {"fallen": "the regime fell", "time": "the last turn was played"}

LEVELS_BEST_FIRST: tuple[str, ...] = tuple(reversed(GRADES))
"""The result levels as a table shows them, beside the wins: decisive win first."""

MARGINAL_NOTE = ("A marginal result is a question for the debrief, not a verdict: what did "
                 "each role get, and at what price? (Did a regime that survived and stayed "
                 "out of combat, but gave up sovereignty, win?)")
"""Under the outcome, when a role's result is marginal."""

CHART_GROUPS: tuple[tuple[str, tuple[str, ...], int, int, str, int], ...] = (
    # title, tracks, lo, hi, unit, divisor
    ("Regime", ("stability", "economy", "sovereignty"), 0, 10, "", 1),
    ("Public support for sending troops", ("support",), 0, 100, "%", 1),
    ("Army", ("readiness", "morale"), 0, 10, "", 1),
    ("Where the troops stand (thousands)", ("troops_minsk", "troops_border",
                                            "troops_ukraine"), 0, 80, "k", 1000),
    ("Opposition", ("network", "defections", "unrest"), 0, 10, "", 1),
    ("Kremlin and world", ("leverage", "strain", "sanctions", "alert"), 0, 10, "", 1),
    ("Involvement ladder", ("involvement",), 0, 5, "", 1),
)


def charts(d: Debrief) -> list[Chart]:
    marks = tuple((turn, title) for turn, _, title in d.key_orders())
    out = []
    for title, names, lo, hi, unit, div in CHART_GROUPS:
        series = tuple(Series(TRACK_BY_NAME[n].label, tuple(v // div for v in d.series(n)))
                       for n in names)
        top = max([hi, *(max(s.values) for s in series)])
        out.append(Chart(title, series, lo, top, unit, marks))
    margin_series = tuple(Series(ROLE_NAMES[r], tuple(d.margin_series(r))) for r in ROLES)
    lo = min(-3, *(min(s.values) for s in margin_series))
    hi = max(3, *(max(s.values) for s in margin_series))
    out.append(Chart("Victory margins (0 or more: winning)", margin_series, lo, hi, "",
                     marks))
    return out


def _winners_text(d: Debrief) -> str:
    if not d.winners:
        return "Nobody won"
    names = " and ".join(ROLE_NAMES[r] for r in d.winners)
    return f"{names} {'wins' if len(d.winners) == 1 else 'win'}"


def _result(d: Debrief, role: str) -> str:
    """'marginal loss', or '—' while the game is not over."""
    level = d.final_grades().get(role)
    return GRADE_WORDS[level] if level else "—"


def _marginal(d: Debrief) -> bool:
    return any(level.startswith("marginal") for level in d.final_grades().values())


def _seat(d: Debrief, role: str) -> str:
    room = _classroom(d)
    team = room.team(role) if room is not None else 0
    return d.seats.get(role, "") + (f" (a team of {team})" if team else "")


def render(d: Debrief, fmt: str, review: GameReview | None = None) -> str:
    """The report of one game; with `review` (`wargame.review`), its "Decisions that
    mattered"."""
    if fmt == "json":
        data = to_data(d)
        data["epilogue"] = epilogue.to_data(d)
        if review is not None:
            data["review"] = review.to_data()
        data["after_action_questions"] = [q for q, _ in AFTER_ACTION_QUESTIONS]
        if _classroom(d) is not None:
            data["classroom"] = classroom_data(d)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return markdown(report(d, review))
    if fmt == "html":
        return html(report(d, review))
    raise ValueError(f"unknown format {fmt!r} (use md, html or json)")


def _ending(d: Debrief) -> str:
    """How far the game went, in one sentence."""
    n = len(d.turns)
    if d.end == "fallen" and d.turns:
        return f"The regime fell in turn {n} ({d.turns[-1].month})."
    if d.end == "time":
        return f"All {n} turns were played."
    return f"{n} turn{'s' if n != 1 else ''} played so far: the game is not over."


def report(d: Debrief, review: GameReview | None = None) -> Document:
    """The after-action report of one game, as a document for either format."""
    sc = d.ruleset.scenario
    title = f"After-action report: {sc.title}"
    lead = Paragraph(inline(f"Seed {d.seed}, {d.final.turns} turns from {sc.month_label(1)}, "
                            f"played under {edition_name(d.ruleset.edition)}. {_ending(d)}"))
    sections = [_setup(d), _outcome_section(d), _turning_points(d), *_decisions(review),
                _epilogue(d), _tracks(d),
                Section("timeline", "Timeline", (Timeline(_timeline(d)),)),
                Section("notes", "Teacher's notes", (Items(
                    tuple(inline(f"Turn {n.turn}: {n.text}") for n in d.notes),
                    empty="(none)"),))]
    forecasts = _forecasts(d)
    if forecasts is not None:
        sections.append(forecasts)
    sections += [
        Section("questions", "Discussion questions of the cards played", (Items(tuple(
            inline(strong(c.title), f" (turn {c.turn}, {ROLE_NAMES[c.role]}, {c.source}): "
                                    f"{c.question}") for c in d.cards_played), ordered=True),)),
        Section("review", "After-action review", (Review(AFTER_ACTION_QUESTIONS),)),
    ]
    return Document(title, (lead,), tuple(sections))


def _epilogue(d: Debrief) -> Section:
    """Article, game and history: each key outcome side by side, with its questions."""
    intro, _ = epilogue.load()
    blocks: list = [Paragraph(inline(intro))]
    for r in epilogue.readings(d):
        o = r.outcome
        article = inline(o.article)
        blocks.append(Section(f"history-{o.id}", o.title, (
            Table((Column(f"The article ({o.cites})"), Column("This game"),
                   Column("What happened")), ((article, inline(r.game), inline(o.history)),),
                  only="html", style="side-by-side"),
            Items((inline(strong("The article"), f" ({o.cites}): {o.article}"),
                   inline(strong("This game:"), f" {r.game}"),
                   inline(strong("What happened:"), f" {o.history}")), only="md"),
            Items(tuple(inline(em(f"{about}:"), f" {text}") for about, text in r.questions),
                  ordered=True)), level=3))
    return Section("article-game-history", "Article, game and history", tuple(blocks))


def _setup(d: Debrief) -> Section:
    room = _classroom(d)
    blocks: list = [
        Table((Column("Role"), Column("Played by")),
              tuple((inline(f"{ROLE_SYMBOLS[r]} {ROLE_TITLES[r]}"), inline(_seat(d, r) or "?"))
                    for r in ROLES)),
        Paragraph(inline(d.ruleset.scenario.description)),
    ]
    if room is not None:
        blocks.append(Paragraph(inline(f"Classroom: {room.settings.describe()}.")))
    return Section("setup", "Setup", tuple(blocks))


def _outcome_section(d: Debrief) -> Section:
    margins = d.final_margins()
    readings = d.final_readings()
    blocks: list = [
        Paragraph(inline(f"{_winners_text(d)}."), style="lead"),
        Table((Column("Role"), Column("Result"), Column("Final margin", right=True),
               Column("Won"), Column("Why", md=False)),
              tuple((inline(ROLE_NAMES[r]), inline(_result(d, r)), inline(f"{margins[r]:+d}"),
                     inline("yes" if r in d.winners else "no"), inline(readings.get(r, "")))
                    for r in ROLES)),
    ]
    if any(readings.values()):
        blocks.append(Items(tuple(
            inline(f"{ROLE_SYMBOLS[r]} ", strong(ROLE_NAMES[r]),
                   f", {_result(d, r)}: {readings[r]}.")
            for r in ROLES if readings[r]), only="md"))
    if _marginal(d):
        blocks.append(Paragraph(inline(MARGINAL_NOTE), style="aside"))
    return Section("outcome", "Outcome", tuple(blocks))


def _turning_points(d: Debrief) -> Section:
    return Section("turning-points", "Turning points", (Items(tuple(
        inline(strong(f"Turn {p.turn}", href=f"#turn-{p.turn}"), f" — {p.summary()}")
        for p in d.turning_points), empty="none"),))


def _tracks(d: Debrief) -> Section:
    rows = []
    for _, names, lo, hi, _, _ in CHART_GROUPS:
        for n in names:
            t = TRACK_BY_NAME[n]
            values = d.series(n)
            top = max(hi * (1000 if t.unit == "troops" else 1), *values)
            rows.append((inline(t.label), inline(f"{t.format(values[0])} → "
                                                 f"{t.format(values[-1])}"),
                         (Text(sparkline(values, lo, top), "code"),)))
    blocks: list = [
        Table((Column("Track"), Column("Start → end"), Column("Over time")), tuple(rows),
              only="md"),
        Paragraph(inline("Dashed vertical lines mark the key orders (troops moved, "
                         "involvement, sovereignty), with their turn above the chart; they "
                         "are listed under the charts."), only="html"),
        Figures(tuple(charts(d))),
    ]
    key = d.key_orders()
    if key:
        blocks.append(Paragraph(inline(strong("Key orders:"), " ", *joined(
            [inline(Text(f"turn {turn}", href=f"#turn-{turn}"),
                    f" {ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}: {title}")
             for turn, role, title in key]), "."), style="key-orders"))
    return Section("charts", "Tracks over the game", tuple(blocks))


def _timeline(d: Debrief) -> tuple[Turn, ...]:
    tp_turns = {p.turn for p in d.turning_points}
    notes = _notes_by_turn(d)
    out = []
    for t in d.turns:
        items: list[Item] = []
        if t.event:
            card = d.ruleset.cards[t.event]
            items.append(Item("event", "Event", inline(card.title, " ",
                                                       Text(f"({card.cites})", "src"))))
        for o in t.orders:
            reason = (Text(" — "), Text(o.reason, "reason")) if o.reason else ()
            items.append(Item("order", f"{ROLE_SYMBOLS[o.role]} {ROLE_NAMES[o.role]}",
                              inline(o.title + _order_note(d, t.turn, o), *reason),
                              md_label=ROLE_NAMES[o.role]))
        for e in t.entries:
            if e.kind == "roll":
                items.append(Item("roll", "Roll", inline(e.text)))
            elif e.kind == "consequence":
                items.append(Item("consequence", "Consequence", inline(
                    e.text, " ", Text(f"({_rule_name(e.rule)}, {e.source})", "cite"))))
            elif e.kind in ("fizzle", "answer", "effect"):
                # a card's every change, and what a condition or a roll kept from happening
                items.append(Item("note", "Note", inline(e.text)))
            elif e.kind == "umpire":
                items.append(Item("umpire", "⚑ Umpire", inline(e.text)))
        m = t.margins_after
        items.append(Item("margins", "Margins", inline(
            ", ".join(f"{ROLE_NAMES[r]} {m[r]:+d}" for r in ROLES))))
        items += [Item("teacher", "📝 Teacher's note", inline(note))
                  for note in notes.get(t.turn, ())]
        out.append(Turn(t.turn, t.month, t.turn in tp_turns, tuple(items)))
    return tuple(out)


def _notes_by_turn(d: Debrief) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for n in d.notes:
        out.setdefault(n.turn, []).append(n.text)
    return out


# -- across games -------------------------------------------------------------------------


def _rule_name(rule: str | None) -> str:
    """A consequence rule's name for people ("Moscow's help has a price"), not its id."""
    found = RULE_BY_NAME.get(rule or "")
    return found.title if found else (rule or "")


def _rule_title(rule: str) -> str:
    """A consequence rule's name and sources for people ("Uprising (¶23, ¶25, ¶28)")."""
    found = RULE_BY_NAME.get(rule)
    return f"{found.title} ({found.source})" if found else rule


def summarise(games: Sequence[Debrief]) -> dict:
    """How often each role won, and which cards and consequences decided the games."""
    wins = Counter(r for d in games for r in d.winners)
    ends = Counter(d.end for d in games)
    deciding_cards: Counter[str] = Counter()
    deciding_rules: Counter[str] = Counter()
    for d in games:
        for p in d.turning_points:
            for e in p.causes:
                if e.kind == "consequence":
                    deciding_rules[e.rule] += 1
                elif e.card in d.ruleset.cards:
                    deciding_cards[d.ruleset.cards[e.card].title] += 1
    levels = Counter((r, level) for d in games for r, level in d.final_grades().items())
    return {
        "games": len(games),
        "scenario": games[0].ruleset.scenario.title if games else "",
        "wins": {r: wins[r] for r in ROLES},
        "nobody_won": sum(1 for d in games if not d.winners),
        "grades": {r: {level: levels[r, level] for level in LEVELS_BEST_FIRST}
                   for r in ROLES},
        "unfinished": sum(1 for d in games if not d.final.over),
        "ends": dict(ends),
        "turns_mean": round(sum(len(d.turns) for d in games) / max(len(games), 1), 2),
        "deciding_cards": deciding_cards.most_common(10),
        "deciding_rules": deciding_rules.most_common(10),
        "games_detail": [{"seed": d.seed, "winners": list(d.winners), "end": d.end,
                          "turns": len(d.turns), "grades": d.final_grades() or None}
                         for d in games],
    }


def _levels_caption(s: dict) -> str:
    """What the result-level table counts."""
    done = s["games"] - s["unfinished"]
    text = (f"How each role's final margin was graded, over the {done} finished "
            f"game{'s' if done != 1 else ''}: a win is a margin of 0 or more, decisive from "
            f"+{DECISIVE_WIN}; a loss is decisive at −{-DECISIVE_LOSS} or below. A fallen "
            "regime is a decisive loss for Lukashenko and Putin, a decisive win for the "
            "opposition.")
    if s["unfinished"]:
        n = s["unfinished"]
        text += f" {n} unfinished game{'s are' if n != 1 else ' is'} not counted."
    return text


def _levels_text(game: dict) -> str:
    """'◆ marginal loss, ■ marginal win, ● decisive loss' (one game's row), or 'not over'."""
    levels = game.get("grades")
    if not levels:
        return "not over"
    return ", ".join(f"{ROLE_SYMBOLS[r]} {GRADE_WORDS[levels[r]]}" for r in ROLES)


def _decisions(review: GameReview | None) -> list[Section]:
    """'Decisions that mattered', when the game has been reviewed."""
    if review is None:
        return []
    from .review.render import mattered_section

    return [mattered_section(review)]


def render_many(games: Sequence[Debrief], fmt: str, names: Sequence[str] = (),
                reviews: Sequence[GameReview] = ()) -> str:
    """The class summary; with the games' `reviews`, the decisions the class found
    hardest."""
    s = summarise(games)
    names = list(names) or [f"game {i + 1}" for i in range(len(games))]
    if fmt == "json":
        if reviews:
            from .review.render import hardest_data

            s["hardest_decisions"] = hardest_data(reviews)
        return json.dumps(s, indent=2, ensure_ascii=False) + "\n"
    doc = class_summary(games, names, s)
    if reviews:
        from attrs import evolve

        from .review.render import hardest_section

        doc = evolve(doc, sections=(*doc.sections, hardest_section(reviews)))
    if fmt == "md":
        return markdown(doc)
    if fmt == "html":
        return html(doc)
    raise ValueError(f"unknown format {fmt!r} (use md, html or json)")


def class_summary(games: Sequence[Debrief], names: Sequence[str], s: dict) -> Document:
    """The class summary of several games, as a document for either format."""
    n = max(s["games"], 1)
    won = [(ROLE_NAMES[r], s["wins"][r]) for r in ROLES] + [("nobody", s["nobody_won"])]
    wins = Table((Column("Role"), Column("Wins", right=True), Column("Share", right=True)),
                 tuple((inline(who), inline(str(k)), inline(f"{100 * k / n:.0f}%"))
                       for who, k in won))
    chart = Chart("Wins per role, game after game", tuple(
        Series(ROLE_NAMES[r], tuple(
            sum(1 for g in s["games_detail"][:i] if r in g["winners"])
            for i in range(len(games) + 1))) for r in ROLES), 0, max(len(games), 1),
        x_label="games played")
    levels = Table((Column("Role"), *(Column(GRADE_WORDS[g], right=True)
                                      for g in LEVELS_BEST_FIRST)),
                   tuple((inline(ROLE_NAMES[r]), *(inline(str(s["grades"][r][g]))
                                                   for g in LEVELS_BEST_FIRST))
                         for r in ROLES))
    played = Table((Column("Game"), Column("Seed", right=True), Column("Turns", right=True),
                    Column("Ended"), Column("Winners"), Column("Results")), tuple(
        (inline(name), inline(str(g["seed"])), inline(str(g["turns"])),
         inline(END_TEXT.get(g["end"], g["end"] or "")),
         inline(", ".join(ROLE_NAMES[r] for r in g["winners"]) or "nobody"),
         inline(_levels_text(g)))
        for name, g in zip(names, s["games_detail"], strict=True)))
    cards = Items(tuple(inline(f"{title}: {count}") for title, count in s["deciding_cards"]),
                  empty="none")
    rules = Items(tuple(inline(f"{_rule_title(rule)}: {count}")
                        for rule, count in s["deciding_rules"]), empty="none")
    title = f"Class summary: {s['scenario']}"
    return Document(title, (Paragraph(inline(f"{s['games']} games.")),), (
        Section("", "Who won", (wins, Figures((chart,)))),
        Section("", "Result levels", (Paragraph(inline(_levels_caption(s))), levels)),
        Section("", "Games", (played,)),
        Section("", "What decided the games", (
            Section("", "Cards behind turning points", (cards,), level=3),
            Section("", "Consequences behind turning points", (rules,), level=3))),
    ))


# -- two games side by side ----------------------------------------------------------


def short_value(track: str, value: int) -> str:
    """A value in a few characters for a column per turn: 45k, 9%, 6."""
    unit = TRACK_BY_NAME[track].unit
    if unit in ("troops", "people") and abs(value) >= 1000:
        return f"{value / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    return f"{value}{'%' if unit == '%' else ''}"


def gap_text(track: str | None, diff: int | None) -> str:
    """A difference in a few characters: +2, −5k, · for none, — where a game had ended
    (`track` None: a margin)."""
    if diff is None:
        return "—"
    if diff == 0:
        return "·"
    text = short_value(track, abs(diff)) if track else str(abs(diff))
    return ("+" if diff > 0 else "−") + text


def _outcome(d: Debrief) -> str:
    if not d.final.over:
        return f"in progress (turn {d.final.turn} of {d.final.turns})"
    return f"{_winners_text(d)} ({END_TEXT.get(d.end, d.end)}, turn {len(d.turns)})"


def comparison_data(c: Comparison, names: Sequence[str] = ("A", "B")) -> dict:
    """The comparison as plain data (`wargame compare --format json`)."""

    def series(t: TrackDivergence) -> dict:
        return {"a": list(t.a), "b": list(t.b), "first_turn": t.first_turn,
                "widest": t.widest}

    return {
        "scenario": c.a.ruleset.scenario.id,
        "games": [{"name": name, "seed": d.seed, "winners": list(d.winners), "end": d.end,
                   "turns_played": len(d.turns), "seats": dict(d.seats)}
                  for name, d in zip(names, (c.a, c.b), strict=True)],
        "identical": c.identical,
        "first_difference": None if c.identical else {
            "turn": c.first_turn, "action": c.first_action, "what": c.reason,
            "a": c.a_action, "b": c.b_action,
            "orders": [{"role": r, "a": x, "b": y} for r, x, y in c.orders]},
        "months": list(c.months),
        "tracks": {t.track: series(t) for t in c.tracks},
        "margins": {t.track: series(t) for t in c.margins},
    }


def render_comparison(c: Comparison, fmt: str = "md", names: Sequence[str] = ("A", "B")) -> str:
    """Two games of one scenario side by side: where they first differ, then every
    track that diverged, turn by turn (Markdown), or the same as JSON."""
    if fmt == "json":
        return json.dumps(comparison_data(c, names), indent=2, ensure_ascii=False) + "\n"
    if fmt != "md":
        raise ValueError(f"unknown format {fmt!r} (use md or json)")
    a_name, b_name = names
    sc = c.a.ruleset.scenario
    lines = [f"# Two games compared: {sc.title}", "",
             f"- **A**: {a_name}: seed {c.a.seed}; {_outcome(c.a)}",
             f"- **B**: {b_name}: seed {c.b.seed}; {_outcome(c.b)}", "",
             f"**{c.summary()}**", ""]
    if c.identical:
        return "\n".join(lines)
    if c.orders:
        for role, x, y in c.orders:
            lines.append(f"- {ROLE_SYMBOLS[role]} {ROLE_NAMES[role]}: A *{x or '(no order)'}*"
                         f", B *{y or '(no order)'}*")
    elif c.a_action or c.b_action:
        lines.append(f"- A: {c.a_action or '(the game had ended)'}")
        lines.append(f"- B: {c.b_action or '(the game had ended)'}")
    lines.append("")
    months = c.months
    heads = ["start", *(m[:3] for m in months[1:])]

    def table(label_of, rows: Sequence[TrackDivergence], track_units: bool) -> list[str]:
        out = []
        for t in rows:
            unit = t.track if track_units else None
            if t.first_turn is None:
                out += [f"- {label_of(t.track)}: the same while both games went on.", ""]
                continue
            out += [f"### {label_of(t.track)}", "",
                    f"First differs at the end of {months[t.first_turn]}; widest gap "
                    f"(B − A) {gap_text(unit, t.widest)}.", "",
                    "| | " + " | ".join(heads) + " |",
                    "| --- |" + " ---: |" * len(heads)]
            for name, values in (("A", t.a), ("B", t.b)):
                cells = [short_value(unit, v) if unit else gap_text(None, v).replace("·", "0")
                         for v in values]
                cells += ["—"] * (len(heads) - len(cells))
                out.append(f"| {name} | " + " | ".join(cells) + " |")
            out.append("| B − A | " + " | ".join(gap_text(unit, t.difference(i))
                                                  for i in range(len(heads))) + " |")
            out.append("")
        return out

    diverged = c.diverged()
    lines += ["## How the tracks diverged", "",
              "| track | first differs | widest gap (B − A) | A at the end | B at the end |",
              "| --- | --- | ---: | ---: | ---: |"]
    for t in diverged:
        tr = TRACK_BY_NAME[t.track]
        assert t.first_turn is not None  # diverged
        lines.append(f"| {tr.label} | {months[t.first_turn]} | {gap_text(t.track, t.widest)} | "
                     f"{tr.format(t.a[-1])} | {tr.format(t.b[-1])} |")
    if not diverged:
        lines.append("| (none: the games differ only in what is not on the board) | | | | |")
    lines += ["", "## Victory margins, turn by turn", ""]
    lines += table(lambda r: f"{ROLE_SYMBOLS[r]} {ROLE_NAMES[r]}", c.margins, False)
    lines += ["## The tracks that diverged, turn by turn", ""]
    lines += table(lambda n: TRACK_BY_NAME[n].label, diverged, True)
    return "\n".join(lines).rstrip() + "\n"


# -- the classroom: team votes and forecasts -----------------------------------------


_ROOM: list = [None, None]
"""The last debrief's sections and their Classroom (a report reads them many times)."""


def _classroom(d: Debrief):
    """The classroom parts of the game (`wargame.classroom.Classroom`), or None."""
    from .classroom import Classroom

    if _ROOM[0] is d.sections:
        return _ROOM[1]
    room = Classroom.of(d.sections)
    _ROOM[:] = [d.sections, room]
    return room


def _order_note(d: Debrief, turn: int, order) -> str:
    """What goes beside an order: the team's vote, and who gave it if the umpire did."""
    room = _classroom(d)
    vote = room.vote_of(turn, order.role) if room is not None else None
    parts = [vote.text()] if vote is not None and vote.card == order.order.card else []
    if order.by == "umpire":
        parts.append("given by the umpire")
    return f" ({'; '.join(parts)})" if parts else ""


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def classroom_data(d: Debrief) -> dict:
    """The classroom parts as plain data: the settings, the votes, the outcomes with what
    happened, every forecast and each role's Brier score."""
    from .classroom import judgement, scores, settle_all

    room = _classroom(d)
    assert room is not None
    settled = settle_all(room.settings.outcomes, d)
    return {
        "settings": room.settings.to_data(),
        "votes": [v.to_data() for v in room.votes],
        "outcomes": [{**o.to_data(), "happened": settled[o.id]}
                     for o in room.settings.outcomes],
        "forecasts": [f.to_data() for f in room.forecasts],
        "scores": [{"role": s.role, "brier": None if s.brier is None else round(s.brier, 4),
                    "settled": s.settled, "open": s.open,
                    "judgement": None if s.brier is None else judgement(s.brier)}
                   for s in scores(room, d)],
    }


def _forecast_table(d: Debrief, room) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of every forecast: one row per role and outcome, a column a turn."""
    turns = sorted({f.turn for f in room.forecasts})
    rows = []
    for outcome in room.settings.outcomes:
        for role in ROLES:
            mine = {f.turn: f.p for f in room.forecasts
                    if f.role == role and f.outcome == outcome.id}
            if mine:
                rows.append([outcome.text, ROLE_NAMES[role],
                             *(f"{mine[t]}%" if t in mine else "" for t in turns)])
    return ["outcome", "role", *(f"turn {t}" for t in turns)], rows


def _forecasts(d: Debrief) -> Section | None:
    """The classroom's forecasts: the outcomes, each role's Brier score, every forecast."""
    from .classroom import BRIER_EXPLAINED, judgement, scores, settle_all

    room = _classroom(d)
    if room is None or not room.settings.outcomes:
        return None
    settled = settle_all(room.settings.outcomes, d)
    said = {True: "it happened", False: "it did not happen", None: "not decided yet"}
    rows = []
    for s in scores(room, d):
        score = "—" if s.brier is None else f"{s.brier:.3f}"
        words = "no outcome decided yet" if s.brier is None else judgement(s.brier)
        mean = "—" if s.mean_forecast is None else f"{s.mean_forecast:.0f}%"
        rows.append(tuple(inline(x) for x in (ROLE_NAMES[s.role], str(s.settled), score, words,
                                              mean, _percent(s.happened))))
    header, every = _forecast_table(d, room)
    blocks: list = [
        Paragraph(inline("Before each resolution the players said how likely they thought "
                         "these outcomes were:")),
        Items(tuple(inline(f"{o.text}: ", strong(said[settled[o.id]]))
                    for o in room.settings.outcomes)),
        Table((Column("Role"), Column("Forecasts scored", right=True),
               Column("Brier score", right=True, md_title="Brier score"), Column("In words"),
               Column("Mean forecast", right=True), Column("Happened", right=True)),
              tuple(rows) + (() if room.forecasts else
                             ((inline("(nobody forecast)"), *((),) * 5),))),
        Paragraph(inline(BRIER_EXPLAINED), style="aside"),
    ]
    if every:
        blocks.append(Table(tuple(Column(h, right=i >= 2) for i, h in enumerate(header)),
                            tuple(tuple(inline(c) for c in row) for row in every)))
    return Section("forecasts", "Forecasts", tuple(blocks))
