"""The after-action report of a game (Markdown, standalone HTML, JSON) and the summary
across several games of one scenario (a whole class's tables)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from html import escape

from .charts import Chart, Series, sparkline, svg
from .debrief import Comparison, Debrief, TrackDivergence, to_data
from .engine.editions import edition_name
from .engine.rules import DECISIVE_LOSS, DECISIVE_WIN, GRADES, RULE_BY_NAME
from .engine.tracks import ROLE_NAMES, ROLE_SYMBOLS, ROLE_TITLES, ROLES, TRACK_BY_NAME
from .telling import GRADE_WORDS

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


def render(d: Debrief, fmt: str) -> str:
    if fmt == "json":
        data = to_data(d)
        data["after_action_questions"] = [q for q, _ in AFTER_ACTION_QUESTIONS]
        if _classroom(d) is not None:
            data["classroom"] = classroom_data(d)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _markdown(d)
    if fmt == "html":
        return _html(d)
    raise ValueError(f"unknown format {fmt!r} (use md, html or json)")


# -- Markdown ------------------------------------------------------------------------------


def _ending(d: Debrief) -> str:
    """How far the game went, in one sentence."""
    n = len(d.turns)
    if d.end == "fallen" and d.turns:
        return f"The regime fell in turn {n} ({d.turns[-1].month})."
    if d.end == "time":
        return f"All {n} turns were played."
    return f"{n} turn{'s' if n != 1 else ''} played so far: the game is not over."


def _markdown(d: Debrief) -> str:
    sc = d.ruleset.scenario
    margins = d.final_margins()
    lines = [f"# After-action report: {sc.title}", "",
             f"Seed {d.seed}, {d.final.turns} turns from {sc.month_label(1)}, played under "
             f"{edition_name(d.ruleset.edition)}. {_ending(d)}",
             "",
             "## Setup", "", "| role | played by |", "| --- | --- |"]
    lines += [f"| {ROLE_SYMBOLS[r]} {ROLE_TITLES[r]} | {_seat(d, r) or '?'} |" for r in ROLES]
    if _classroom(d) is not None:
        lines += ["", f"Classroom: {_classroom(d).settings.describe()}."]
    lines += ["", "## Outcome", "", f"**{_winners_text(d)}.**", "",
              "| role | result | final margin | won |", "| --- | --- | ---: | --- |"]
    lines += [f"| {ROLE_NAMES[r]} | {_result(d, r)} | {margins[r]:+d} | "
              f"{'yes' if r in d.winners else 'no'} |" for r in ROLES]
    readings = d.final_readings()
    if any(readings.values()):
        lines.append("")
        lines += [f"- {ROLE_SYMBOLS[r]} **{ROLE_NAMES[r]}**, {_result(d, r)}: {readings[r]}."
                  for r in ROLES if readings[r]]
    if _marginal(d):
        lines += ["", f"*{MARGINAL_NOTE}*"]
    lines += ["", "## Turning points", ""]
    lines += [f"- **Turn {p.turn}** — {p.summary()}" for p in d.turning_points] or ["- none"]
    lines += ["", "## Tracks over the game", "", "| track | start → end | over time |",
              "| --- | --- | --- |"]
    for _, names, lo, hi, _, _ in CHART_GROUPS:
        for n in names:
            t = TRACK_BY_NAME[n]
            values = d.series(n)
            top = max(hi * (1000 if t.unit == "troops" else 1), *values)
            lines.append(f"| {t.label} | {t.format(values[0])} → {t.format(values[-1])} | "
                         f"`{sparkline(values, lo, top)}` |")
    key = d.key_orders()
    if key:
        lines += ["", "Key orders: " + "; ".join(
            f"turn {turn} {ROLE_NAMES[role]}: {title}" for turn, role, title in key) + "."]
    lines += ["", "## Timeline", ""]
    notes_by_turn = _notes_by_turn(d)
    for t in d.turns:
        lines += [f"### Turn {t.turn}: {t.month}", ""]
        if t.event:
            card = d.ruleset.cards[t.event]
            lines.append(f"- **Event:** {card.title} ({card.cites})")
        for o in t.orders:
            reason = f" — *{o.reason}*" if o.reason else ""
            lines.append(f"- **{ROLE_NAMES[o.role]}:** {o.title}{_order_note(d, t.turn, o)}"
                         f"{reason}")
        for e in t.entries:
            if e.kind == "roll":
                lines.append(f"- 🎲 {e.text}")
            elif e.kind == "consequence":
                lines.append(f"- ⇒ {e.text} *({_rule_name(e.rule)}, {e.source})*")
            elif e.kind in ("fizzle", "answer"):
                lines.append(f"- {e.text}")
            elif e.kind == "umpire":
                lines.append(f"- ⚑ **{e.text}**")
        m = t.margins_after
        lines.append("- Margins: " + ", ".join(f"{ROLE_NAMES[r]} {m[r]:+d}" for r in ROLES))
        for note in notes_by_turn.get(t.turn, ()):
            lines.append(f"- 📝 **Teacher's note:** {note}")
        lines.append("")
    lines += ["## Teacher's notes", ""]
    lines += [f"- Turn {n.turn}: {n.text}" for n in d.notes] or ["- (none)"]
    lines += _forecasts_md(d)
    lines += ["", "## Discussion questions of the cards played", ""]
    for c in d.cards_played:
        lines.append(f"- Turn {c.turn}, {ROLE_NAMES[c.role]}, *{c.title}* ({c.source}): "
                     f"{c.question}")
    lines += ["", "## After-action review", ""]
    for q, hint in AFTER_ACTION_QUESTIONS:
        lines += [f"### {q}", "", f"*{hint}*", "", "> ", ""]
    return "\n".join(lines).rstrip() + "\n"


def _notes_by_turn(d: Debrief) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for n in d.notes:
        out.setdefault(n.turn, []).append(n.text)
    return out


# -- HTML ------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em}
th{background:#f3f3f3;text-align:left}.won{font-weight:bold}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:1em}
.turn{border-left:4px solid #bbb;padding:.2em 1em;margin:1em 0}
.turn h3{margin:.2em 0}.tp{border-left-color:#d62728}
.kind{display:inline-block;min-width:7.5em;font-weight:bold;color:#555}
.reason{color:#555;font-style:italic}.src{color:#777;font-size:.9em}
.note{background:#fff8dc;border:1px solid #e6d690;padding:.3em .6em;margin:.3em 0}
.umpire{background:#eef4ff;border-left:3px solid #1f77b4;padding-left:.3em}
.answer{border:1px dashed #aaa;min-height:4em;margin:.3em 0 1em;padding:.3em}
@media print{.charts{grid-template-columns:1fr}}
"""


def _html(d: Debrief) -> str:
    sc = d.ruleset.scenario
    margins = d.final_margins()
    tp_turns = {p.turn for p in d.turning_points}
    h = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
         f'<title>After-action report: {escape(sc.title)}</title>',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f'<style>{CSS}</style></head><body>',
         f'<h1>After-action report: {escape(sc.title)}</h1>',
         f'<p>Seed {d.seed}, {d.final.turns} turns from {escape(sc.month_label(1))}, '
         f'played under {escape(edition_name(d.ruleset.edition))}. '
         f'{escape(_ending(d))}</p>',
         '<h2 id="setup">Setup</h2><table><tr><th>Role</th><th>Played by</th></tr>']
    for r in ROLES:
        h.append(f'<tr><td>{ROLE_SYMBOLS[r]} {escape(ROLE_TITLES[r])}</td>'
                 f'<td>{escape(_seat(d, r) or "?")}</td></tr>')
    h.append(f'</table><p>{escape(sc.description)}</p>')
    if _classroom(d) is not None:
        h.append(f'<p>Classroom: {escape(_classroom(d).settings.describe())}.</p>')
    h.append(f'<h2 id="outcome">Outcome</h2><p class="won">{escape(_winners_text(d))}.</p>'
             '<table><tr><th>Role</th><th>Result</th><th>Final margin</th><th>Won</th>'
             '<th>Why</th></tr>')
    readings = d.final_readings()
    for r in ROLES:
        h.append(f'<tr><td>{escape(ROLE_NAMES[r])}</td><td>{escape(_result(d, r))}</td>'
                 f'<td>{margins[r]:+d}</td><td>{"yes" if r in d.winners else "no"}</td>'
                 f'<td>{escape(readings.get(r, ""))}</td></tr>')
    h.append('</table>')
    if _marginal(d):
        h.append(f'<p class="reason">{escape(MARGINAL_NOTE)}</p>')
    h.append('<h2 id="turning-points">Turning points</h2><ul>')
    for p in d.turning_points:
        h.append(f'<li><a href="#turn-{p.turn}">Turn {p.turn}</a>: {escape(p.summary())}</li>')
    if not d.turning_points:
        h.append('<li>none</li>')
    h.append('</ul><h2 id="charts">Tracks over the game</h2>'
             '<p>Dashed vertical lines mark the key orders (troops moved, involvement, '
             'sovereignty), with their turn above the chart; they are listed under the '
             'charts.</p><div class="charts">')
    h.extend(f'<figure>{svg(c)}</figure>' for c in charts(d))
    h.append('</div>')
    key = d.key_orders()
    if key:
        h.append('<p class="key-orders"><strong>The dashed lines:</strong> '
                 + "; ".join(f'<a href="#turn-{turn}">T{turn}</a> {ROLE_SYMBOLS[role]} '
                             f'{escape(title)}' for turn, role, title in key) + '.</p>')
    h.append('<h2 id="timeline">Timeline</h2>')
    notes = _notes_by_turn(d)
    for t in d.turns:
        cls = "turn tp" if t.turn in tp_turns else "turn"
        h.append(f'<section class="{cls}" id="turn-{t.turn}"><h3>Turn {t.turn}: '
                 f'{escape(t.month)}{" — turning point" if t.turn in tp_turns else ""}</h3>')
        if t.event:
            card = d.ruleset.cards[t.event]
            h.append(f'<div><span class="kind">Event</span>{escape(card.title)} '
                     f'<span class="src">{escape(card.cites)}</span></div>')
        for o in t.orders:
            reason = f' <span class="reason">— {escape(o.reason)}</span>' if o.reason else ""
            h.append(f'<div><span class="kind">{ROLE_SYMBOLS[o.role]} '
                     f'{escape(ROLE_NAMES[o.role])}</span>{escape(o.title)}'
                     f'{escape(_order_note(d, t.turn, o))}{reason}</div>')
        for e in t.entries:
            if e.kind == "roll":
                h.append(f'<div><span class="kind">Roll</span>{escape(e.text)}</div>')
            elif e.kind == "consequence":
                h.append(f'<div><span class="kind">Consequence</span>{escape(e.text)} '
                         f'<span class="src">({escape(_rule_name(e.rule))}, {escape(e.source)})'
                         '</span></div>')
            elif e.kind in ("fizzle", "answer"):
                h.append(f'<div><span class="kind">Note</span>{escape(e.text)}</div>')
            elif e.kind == "umpire":
                h.append(f'<div class="umpire"><span class="kind">⚑ Umpire</span>'
                         f'{escape(e.text)}</div>')
        m = t.margins_after
        h.append('<div><span class="kind">Margins</span>' + ", ".join(
            f"{escape(ROLE_NAMES[r])} {m[r]:+d}" for r in ROLES) + '</div>')
        for note in notes.get(t.turn, ()):
            h.append(f'<div class="note">📝 Teacher\'s note: {escape(note)}</div>')
        h.append('</section>')
    h.append('<h2 id="notes">Teacher\'s notes</h2><ul>')
    h.extend(f'<li>Turn {n.turn}: {escape(n.text)}</li>' for n in d.notes)
    if not d.notes:
        h.append('<li>(none)</li>')
    h.append('</ul>')
    h.extend(_forecasts_html(d))
    h.append('<h2 id="questions">Discussion questions of the cards played</h2><ol>')
    for c in d.cards_played:
        h.append(f'<li><b>{escape(c.title)}</b> (turn {c.turn}, {escape(ROLE_NAMES[c.role])}, '
                 f'{escape(c.source)}): {escape(c.question)}</li>')
    h.append('</ol><h2 id="review">After-action review</h2>')
    for q, hint in AFTER_ACTION_QUESTIONS:
        h.append(f'<h3>{escape(q)}</h3><p class="reason">{escape(hint)}</p>'
                 '<div class="answer"></div>')
    h.append('</body></html>')
    return "\n".join(h) + "\n"


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


def render_many(games: Sequence[Debrief], fmt: str, names: Sequence[str] = ()) -> str:
    s = summarise(games)
    names = list(names) or [f"game {i + 1}" for i in range(len(games))]
    if fmt == "json":
        return json.dumps(s, indent=2, ensure_ascii=False) + "\n"
    n = max(s["games"], 1)
    if fmt == "md":
        lines = [f"# Class summary: {s['scenario']}", "", f"{s['games']} games.", "",
                 "| role | wins | share |", "| --- | ---: | ---: |"]
        lines += [f"| {ROLE_NAMES[r]} | {s['wins'][r]} | {100 * s['wins'][r] / n:.0f}% |"
                  for r in ROLES]
        lines += [f"| nobody | {s['nobody_won']} | {100 * s['nobody_won'] / n:.0f}% |", "",
                  "## Result levels", "", _levels_caption(s), "",
                  "| role | " + " | ".join(GRADE_WORDS[g] for g in LEVELS_BEST_FIRST) + " |",
                  "| --- |" + " ---: |" * len(LEVELS_BEST_FIRST)]
        lines += [f"| {ROLE_NAMES[r]} | " + " | ".join(
            str(s["grades"][r][g]) for g in LEVELS_BEST_FIRST) + " |" for r in ROLES]
        lines += ["", "## Games", "", "| game | seed | turns | ended | winners | results |",
                  "| --- | ---: | ---: | --- | --- | --- |"]
        for name, g in zip(names, s["games_detail"], strict=True):
            won = ", ".join(ROLE_NAMES[r] for r in g["winners"]) or "nobody"
            lines.append(f"| {name} | {g['seed']} | {g['turns']} | "
                         f"{END_TEXT.get(g['end'], g['end'])} | {won} | {_levels_text(g)} |")
        lines += ["", "## What decided the games", "", "Cards behind turning points:", ""]
        lines += [f"- {title}: {count}" for title, count in s["deciding_cards"]] or ["- none"]
        lines += ["", "Consequences behind turning points:", ""]
        lines += [f"- {_rule_title(rule)}: {count}"
                  for rule, count in s["deciding_rules"]] or ["- none"]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        rows = "".join(f"<tr><td>{escape(ROLE_NAMES[r])}</td><td>{s['wins'][r]}</td>"
                       f"<td>{100 * s['wins'][r] / n:.0f}%</td></tr>" for r in ROLES)
        rows += (f"<tr><td>nobody</td><td>{s['nobody_won']}</td>"
                 f"<td>{100 * s['nobody_won'] / n:.0f}%</td></tr>")
        chart = Chart("Wins per role, game after game", tuple(
            Series(ROLE_NAMES[r], tuple(
                sum(1 for g in s["games_detail"][:i] if r in g["winners"])
                for i in range(len(games) + 1))) for r in ROLES), 0, max(len(games), 1),
            x_label="games played")
        games_rows = "".join(
            f"<tr><td>{escape(name)}</td><td>{g['seed']}</td><td>{g['turns']}</td>"
            f"<td>{escape(END_TEXT.get(g['end'], g['end']))}</td><td>"
            f"{escape(', '.join(ROLE_NAMES[r] for r in g['winners']) or 'nobody')}</td>"
            f"<td>{escape(_levels_text(g))}</td></tr>"
            for name, g in zip(names, s["games_detail"], strict=True))
        level_rows = "".join(
            f"<tr><td>{escape(ROLE_NAMES[r])}</td>"
            + "".join(f"<td>{s['grades'][r][g]}</td>" for g in LEVELS_BEST_FIRST) + "</tr>"
            for r in ROLES)
        level_head = "".join(f"<th>{escape(GRADE_WORDS[g])}</th>" for g in LEVELS_BEST_FIRST)
        cards = "".join(f"<li>{escape(t)}: {c}</li>" for t, c in s["deciding_cards"]) or \
            "<li>none</li>"
        rules = "".join(f"<li>{escape(_rule_title(t))}: {c}</li>"
                        for t, c in s["deciding_rules"]) or \
            "<li>none</li>"
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Class '
                f'summary: {escape(s["scenario"])}</title><style>{CSS}</style></head><body>'
                f'<h1>Class summary: {escape(s["scenario"])}</h1><p>{s["games"]} games.</p>'
                f'<h2>Who won</h2><table><tr><th>Role</th><th>Wins</th><th>Share</th></tr>'
                f'{rows}</table><figure>{svg(chart)}</figure><h2>Result levels</h2>'
                f'<p>{escape(_levels_caption(s))}</p><table><tr><th>Role</th>{level_head}'
                f'</tr>{level_rows}</table><h2>Games</h2><table><tr>'
                f'<th>Game</th><th>Seed</th><th>Turns</th><th>Ended</th><th>Winners</th>'
                f'<th>Results</th></tr>{games_rows}</table><h2>What decided the games</h2>'
                f'<h3>Cards behind turning points</h3><ul>{cards}</ul>'
                f'<h3>Consequences behind turning points</h3><ul>{rules}</ul></body></html>\n')
    raise ValueError(f"unknown format {fmt!r} (use md, html or json)")


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


def _forecasts_md(d: Debrief) -> list[str]:
    from .classroom import BRIER_EXPLAINED, judgement, scores, settle_all

    room = _classroom(d)
    if room is None or not room.settings.outcomes:
        return []
    settled = settle_all(room.settings.outcomes, d)
    said = {True: "it happened", False: "it did not happen", None: "not decided yet"}
    lines = ["", "## Forecasts", "", "Before each resolution the players said how likely "
             "they thought these outcomes were:", ""]
    lines += [f"- {o.text}: **{said[settled[o.id]]}**" for o in room.settings.outcomes]
    lines += ["", "| role | forecasts scored | Brier score | in words | mean forecast | "
              "happened |", "| --- | ---: | ---: | --- | ---: | ---: |"]
    for s in scores(room, d):
        score = "—" if s.brier is None else f"{s.brier:.3f}"
        words = "no outcome decided yet" if s.brier is None else judgement(s.brier)
        lines.append(f"| {ROLE_NAMES[s.role]} | {s.settled} | {score} | {words} | "
                     f"{'—' if s.mean_forecast is None else f'{s.mean_forecast:.0f}%'} | "
                     f"{_percent(s.happened)} |")
    if not room.forecasts:
        lines.append("| (nobody forecast) | | | | | |")
    lines += ["", f"*{BRIER_EXPLAINED}*"]
    header, rows = _forecast_table(d, room)
    if rows:
        lines += ["", "| " + " | ".join(header) + " |",
                  "| --- | --- |" + " ---: |" * (len(header) - 2)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _forecasts_html(d: Debrief) -> list[str]:
    from .classroom import BRIER_EXPLAINED, judgement, scores, settle_all

    room = _classroom(d)
    if room is None or not room.settings.outcomes:
        return []
    settled = settle_all(room.settings.outcomes, d)
    said = {True: "it happened", False: "it did not happen", None: "not decided yet"}
    h = ['<h2 id="forecasts">Forecasts</h2><p>Before each resolution the players said how '
         'likely they thought these outcomes were:</p><ul>']
    h += [f'<li>{escape(o.text)}: <b>{said[settled[o.id]]}</b></li>'
          for o in room.settings.outcomes]
    h.append('</ul><table><tr><th>Role</th><th>Forecasts scored</th><th>Brier score</th>'
             '<th>In words</th><th>Mean forecast</th><th>Happened</th></tr>')
    for s in scores(room, d):
        score = "—" if s.brier is None else f"{s.brier:.3f}"
        words = "no outcome decided yet" if s.brier is None else judgement(s.brier)
        mean = "—" if s.mean_forecast is None else f"{s.mean_forecast:.0f}%"
        h.append(f'<tr><td>{escape(ROLE_NAMES[s.role])}</td><td>{s.settled}</td>'
                 f'<td>{score}</td><td>{escape(words)}</td><td>{mean}</td>'
                 f'<td>{_percent(s.happened)}</td></tr>')
    h.append(f'</table><p class="reason">{escape(BRIER_EXPLAINED)}</p>')
    header, rows = _forecast_table(d, room)
    if rows:
        h.append('<table><tr>' + "".join(f'<th>{escape(c)}</th>' for c in header) + '</tr>')
        h.extend('<tr>' + "".join(f'<td>{escape(c)}</td>' for c in row) + '</tr>'
                 for row in rows)
        h.append('</table>')
    return h
