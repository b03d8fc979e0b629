"""The debrief's "Article, game and history": for each key outcome of a game, what the
article argued (¶), what happened in this game and what happened after the article, with
questions for the class; its words are data (wargame/epilogue.toml), paraphrased from the
article and true to the facts of the design brief."""

from __future__ import annotations

import json
import re
import string
from html import unescape
from pathlib import Path

import pytest
from article import find_article, missing_message
from test_content import article_sentences, shared_runs

from wargame import epilogue
from wargame.debrief import of_save
from wargame.report import render
from wargame.saves import read

SAVES = Path(__file__).resolve().parent.parent / "saves"
TITLES = ("Belarusian troops in the war", "Troops massed at the border",
          "The regime in Minsk", "Sovereignty and absorption", "Western sanctions",
          "The uprising")


@pytest.fixture(scope="module")
def uprising():
    return of_save(read(SAVES / "edition2-uprising.json"))


@pytest.fixture(scope="module")
def into_the_war():
    return of_save(read(SAVES / "edition2-into-the-war.json"))


def every_text() -> list[tuple[str, str]]:
    intro, outcomes = epilogue.load()
    out = [("intro", intro)]
    for o in outcomes:
        out += [(f"{o.id}.{name}", getattr(o, name))
                for name in ("title", "article", "history", "claim", "missing")]
        out += [(f"{o.id}.game.{c}", t) for c, t in o.game.items()]
        out += [(f"{o.id}.choice.{c}", t) for c, t in o.choice.items()]
    return out


def test_the_section_names_each_outcome_the_article_the_game_and_history(uprising):
    md = render(uprising, "md")
    section = md.split("## Article, game and history")[1].split("\n## ")[0]
    for title in TITLES:
        assert f"### {title}" in section
    assert section.count("**The article** (¶") == 6
    assert section.count("**This game:**") == 6 and section.count("**What happened:**") == 6
    assert section.count("*Your choices:*") == 6 and section.count("*Left out:*") == 6
    # this game: the uprising toppled the regime, which never happened
    assert "The regime fell in June 2023. The uprising succeeds" in section
    assert "The streets rose in June 2023 with a 50% chance of success" in section
    assert "Belarus sent no combat troops into Ukraine" in section
    html = unescape(render(uprising, "html"))
    part = html.split('<h2 id="article-game-history">')[1].split("<h2 ")[0]
    for title in TITLES:
        assert f">{title}</h3>" in part
    assert part.count("<th>This game</th>") == 6 and part.count("<th>What happened</th>") == 6
    assert "The regime fell in June 2023. The uprising succeeds" in part
    assert part.count("<ol>") == 6


def test_the_game_column_follows_the_game(uprising, into_the_war):
    cases = {r.outcome.id: r.case for r in epilogue.readings(uprising)}
    assert cases == {"war": "no", "massed": "yes", "regime": "fell",
                     "sovereignty": "lost", "sanctions": "up", "uprising": "won"}
    war = {r.outcome.id: r for r in epilogue.readings(into_the_war)}
    assert war["war"].case == "yes" and war["regime"].case == "survived"
    assert "Belarus went to war: involvement reached 5 (open war)" in war["war"].game
    assert war["uprising"].case == "failed" and "18%" in war["uprising"].game
    assert "The streets rose twice and were put down" in war["uprising"].game
    data = json.loads(render(into_the_war, "json"))["epilogue"]
    assert [x["title"] for x in data] == list(TITLES)
    assert data[0]["case"] == "yes" and len(data[0]["questions"]) == 3


def test_every_save_reads_in_every_format_and_an_unfinished_game_too(uprising):
    from wargame.debrief import analyse

    for path in sorted(SAVES.glob("*.json")):
        readings = epilogue.readings(of_save(read(path)))
        assert [r.outcome.title for r in readings] == list(TITLES)
    half = analyse(uprising.ruleset, uprising.seed, uprising.actions[:30],
                   uprising.final.turns)
    regime = next(r for r in epilogue.readings(half) if r.outcome.id == "regime")
    assert regime.case == "standing" and "not over" in regime.game


def test_every_line_names_only_facts_the_game_has():
    known = set(epilogue.FACTS)
    for where, text in every_text():
        names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
        assert names <= known, (where, names - known)
    _, outcomes = epilogue.load()
    for o in outcomes:
        assert set(o.game) == set(epilogue.CASE_NAMES[o.id]) == set(o.choice)
        assert re.fullmatch(r"¶\d+(-\d+)?(, ¶\d+(-\d+)?)*", o.cites), o.cites


def test_the_article_is_paraphrased_and_cited_within_it():
    article = find_article()
    if article is None:
        pytest.fail(missing_message(), pytrace=False)
    sentences = article_sentences(article.read_text(encoding="utf-8"))
    for where, text in every_text():
        copied = shared_runs(text, sentences)
        assert not copied, f"{where} repeats the article's words: {copied[0]!r}"
        for n in re.findall(r"¶(\d+)", text):
            assert 1 <= int(n) <= 29, (where, n)


def test_what_happened_is_the_design_briefs_facts():
    """Every number and date in a history line is in GAME.md's account of what happened
    after the article (beside the article, in the team's shared folder)."""
    article = find_article()
    if article is None:
        pytest.fail(missing_message(), pytrace=False)
    brief = (article.parent / "GAME.md").read_text(encoding="utf-8")
    facts = brief.split("What actually happened after the article")[1]
    facts = " ".join(facts.split())
    _, outcomes = epilogue.load()
    for o in outcomes:
        for number in re.findall(r"\d[\d,.]*\d%?|\d%?", o.history):
            assert number.rstrip(".,") in facts, (o.id, number)
        for month in re.findall(r"\d+ (?:January|February|March|June|July|October|"
                                r"December) \d{4}", o.history):
            assert month in facts, (o.id, month)
