"""A review as a document (Markdown, HTML) or JSON, and the sections the debrief takes
from it: "Decisions that mattered" for one game, "The decisions the class found
hardest" over several."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ..document import (
    Column,
    Document,
    Items,
    Paragraph,
    Section,
    Table,
    Text,
    html,
    inline,
    markdown,
    strong,
)
from ..engine import ROLE_NAMES, ROLES
from ..engine.rules import GRADES
from ..telling import GRADE_WORDS
from . import Review
from .analysis import BLUNDER, MISTAKE, Reviewed, in_words, interval, mattered, pct, points

LEVELS_BEST_FIRST = tuple(reversed(GRADES))


def render(rv: Review, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rv.to_data(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return markdown(document(rv))
    if fmt == "html":
        return html(document(rv))
    raise ValueError(f"unknown format {fmt!r} (use md, html or json)")


def render_many(reviews: Sequence[Review], fmt: str) -> str:
    if len(reviews) == 1:
        return render(reviews[0], fmt)
    if fmt == "json":
        data = {"reviews": [rv.to_data() for rv in reviews],
                "hardest": hardest_data(reviews)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    doc = Document("Game reviews", (method(reviews[0]),),
                   (hardest_section(reviews),
                    *(Section("", f"{rv.name}", document(rv).sections, level=2)
                      for rv in reviews)))
    return markdown(doc) if fmt == "md" else html(doc)


def method(rv: Review) -> Paragraph:
    """How the numbers were made, in one paragraph, with the widths of the intervals."""
    widths = sorted(e.win_interval[1] - e.win_interval[0]
                    for r in rv.reviews for e in r.estimates)
    median = widths[len(widths) // 2] if widths else 0.0
    widest = widths[-1] if widths else 0.0
    return Paragraph(inline(
        f"Every order of every role was weighed against every other order it could have "
        f"given: each was played on to the end of the game on the same {rv.budget} "
        "sampled futures (the hidden hands and decks drawn from what that role could see "
        "then, the same dice and the same later choices; the others play like the "
        "normal bot, the role reviewed too in that month, after it by a quicker "
        "version of its judgement). "
        "Each chance carries its 95% interval (median width "
        f"{points(median)} points, widest {points(widest)}); an order is called a "
        "mistake only when the best order beat it on the same futures by more than the "
        f"uncertainty (a mistake from {points(MISTAKE)} points, a blunder from "
        f"{points(BLUNDER)}). wargame {rv.version}, {rv.save.edition_name}."))


def mattered_items(rv: Review) -> tuple:
    """Per role, the decisions that mattered most, in words."""
    out = []
    for role in ROLES:
        top = mattered(rv.reviews, role)
        if top:
            for r in top:
                out.append(inline(strong(ROLE_NAMES[role]), ": ", in_words(r, rv.budget)))
        else:
            mine = [r for r in rv.reviews if r.decision.role == role]
            if mine:
                out.append(inline(strong(ROLE_NAMES[role]),
                                  f": no order of the {len(mine)} reviewed was clearly worse "
                                  "than the best on the table."))
    return tuple(out)


def mattered_section(rv: Review) -> Section:
    """'Decisions that mattered': for the debrief and the review itself."""
    return Section("decisions", "Decisions that mattered",
                   (method(rv), Items(mattered_items(rv), empty="(no order to review)")))


def _alternatives(r: Reviewed) -> Table:
    cols = (Column("Order"), Column("¶"), Column("Win (95%)", right=True),
            *(Column(GRADE_WORDS[g].capitalize(), right=True) for g in LEVELS_BEST_FIRST))
    rows = []
    for j, e in enumerate(r.estimates):
        mark = " ✓" if j == r.given else ""
        mark += " ★" if j == r.best else ""
        name: tuple[Text, ...] = inline(strong(e.title + mark) if j == r.given
                                        else Text(e.title + mark))
        rows.append((name, inline(e.cites),
                     inline(f"{pct(e.win)} ({interval(*e.win_interval)})"),
                     *(inline(pct(e.levels[GRADES.index(g)] / e.playouts))
                       for g in LEVELS_BEST_FIRST)))
    return Table(cols, tuple(rows))


def document(rv: Review) -> Document:
    sc = rv.save.ruleset.scenario
    sections = [mattered_section(rv)]
    by_turn: dict[int, list[Reviewed]] = {}
    for r in rv.reviews:
        by_turn.setdefault(r.decision.turn, []).append(r)
    for turn, rs in sorted(by_turn.items()):
        blocks: list = []
        for r in rs:
            gap = ("" if r.best == r.given else
                   f"; best on the table {pct(r.estimates[r.best].win)}, "
                   f"{points(r.gap)} points more (95%: {points(r.gap_lo)} to "
                   f"{points(r.gap_hi)})")
            blocks.append(Paragraph(inline(
                strong(f"{ROLE_NAMES[r.decision.role]}: {r.verdict}"),
                f" — ordered ‘{r.estimates[r.given].title}’, chance of winning "
                f"{pct(r.estimates[r.given].win)}{gap}.")))
            blocks.append(_alternatives(r))
        sections.append(Section(f"turn-{turn}", f"Turn {turn} ({sc.month_label(turn)})",
                                tuple(blocks)))
    title = f"Game review: {sc.title} ({rv.name})"
    lead = Paragraph(inline(f"Seed {rv.save.seed}, {len(rv.reviews)} orders reviewed, "
                            f"{rv.budget} sampled futures each. ✓ the order given, ★ the "
                            "best on these futures."))
    return Document(title, (lead,), tuple(sections))


# -- a class: the decisions the class found hardest ----------------------------------


def hardest_data(reviews: Sequence[Review], count: int = 5) -> list[dict]:
    """The (role, turn) decisions with the largest mean gap over the games, and how
    many games got them clearly wrong."""
    groups: dict[tuple[str, int], list[Reviewed]] = {}
    for rv in reviews:
        for r in rv.reviews:
            groups.setdefault((r.decision.role, r.decision.turn), []).append(r)
    rows = []
    for (role, turn), rs in groups.items():
        mean = sum(r.gap for r in rs) / len(rs)
        wrong = sum(1 for r in rs if r.verdict not in ("best", "as good"))
        best = Counter(r.estimates[r.best].title for r in rs).most_common(1)[0][0]
        given = Counter(r.estimates[r.given].title for r in rs).most_common(1)[0][0]
        rows.append({"role": role, "turn": turn, "month": rs[0].month, "games": len(rs),
                     "clearly_worse": wrong, "mean_gap": round(mean, 4),
                     "most_given": given, "most_often_best": best})
    rows.sort(key=lambda x: (-x["clearly_worse"], -x["mean_gap"], x["turn"],
                             ROLES.index(x["role"])))
    return rows[:count]


def hardest_section(reviews: Sequence[Review]) -> Section:
    items = tuple(inline(strong(f"{ROLE_NAMES[h['role']]}, {h['month']} (turn {h['turn']})"),
                         f": {h['clearly_worse']} of {h['games']} games gave a clearly "
                         f"worse order than the best (on average {points(h['mean_gap'])} "
                         f"points of winning chance lost); most often ordered "
                         f"‘{h['most_given']}’, most often best ‘{h['most_often_best']}’.")
                  for h in hardest_data(reviews))
    return Section("hardest", "The decisions the class found hardest",
                   (Items(items, empty="(no reviewed decision)"),))


__all__ = ["document", "hardest_data", "hardest_section", "mattered_section", "render",
           "render_many"]
