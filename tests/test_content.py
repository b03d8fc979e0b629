"""The game's content: the shipped decks argue from the article without copying it.

- every card cites paragraphs inside the article (¶1-¶29), read straight from the TOML;
- no title, text, context or question repeats a run of the article's words;
- every lever listed in GAME.md is a card, with enough cards per role and world events;
- the scenarios start from the article's facts, in the article's units.

The simulation checks (every rule fires, every card is played) are in
tests/test_content_sim.py.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from article import find_article, missing_message

from wargame.decks import load_decks
from wargame.engine import new_game
from wargame.engine.tracks import FLAG_BY_NAME, TRACK_BY_NAME

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"
ARTICLE = find_article()
"""The article, beside the checkout or at $WARGAME_ARTICLE (tests/article.py); None when
it is missing, and then the tests that read it fail."""
OWNERS = ("lukashenko", "putin", "opposition", "world")
TEXT_FIELDS = ("title", "text", "context", "question")
MIN_CARDS = {"lukashenko": 14, "putin": 14, "opposition": 14, "world": 18}

COPIED_RUN = 6
"""This many consecutive words shared with one sentence of the article count as copying
(stricter than 'a whole sentence': a paraphrase keeps at most a short phrase)."""


def raw_cards(owner: str) -> list[dict]:
    with open(DECKS / f"{owner}.toml", "rb") as f:
        return tomllib.load(f)["card"]


ALL_RAW = [(owner, card) for owner in OWNERS for card in raw_cards(owner)]
IDS = [card["id"] for _, card in ALL_RAW]


# -- citations ------------------------------------------------------------------------


@pytest.mark.parametrize("owner,card", ALL_RAW, ids=IDS)
def test_every_citation_is_inside_the_article(owner, card):
    source = card["source"]
    assert isinstance(source, list) and source, f"{card['id']} cites nothing"
    for n in source:
        assert isinstance(n, int) and not isinstance(n, bool)
        assert 1 <= n <= 29, f"{owner}.toml card {card['id']} cites ¶{n}, outside ¶1-¶29"


def test_a_citation_outside_the_article_is_refused(tmp_path):
    import shutil

    from wargame.decks import DeckError

    target = tmp_path / "decks"
    shutil.copytree(DECKS, target)
    path = target / "world.toml"
    text = path.read_text()
    path.write_text(text.replace("source = [7]", "source = [30]", 1))
    with pytest.raises(DeckError, match="¶30 is outside the article"):
        load_decks(target)


# -- originality ------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words, with curly quotes and punctuation normalised away."""
    text = text.lower().translate(str.maketrans("’‘“”–—", "''\"\"--"))
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def article_sentences(text: str) -> list[list[str]]:
    sentences = []
    for line in text.splitlines():
        m = re.match(r"¶(\d+)\s+(.*)", line)
        if m and 1 <= int(m.group(1)) <= 29:
            for sentence in re.split(r"(?<=[.!?])\s+", m.group(2)):
                if words(sentence):
                    sentences.append(words(sentence))
    return sentences


def shared_runs(text: str, sentences: list[list[str]], run: int = COPIED_RUN) -> list[str]:
    """Every run of `run` consecutive words of `text` that also occurs in one sentence."""
    grams = {tuple(s[i:i + run]) for s in sentences for i in range(len(s) - run + 1)}
    w = words(text)
    return [" ".join(w[i:i + run]) for i in range(len(w) - run + 1)
            if tuple(w[i:i + run]) in grams]


@pytest.fixture(scope="module")
def sentences():
    if ARTICLE is None:
        pytest.fail(missing_message(), pytrace=False)
    found = article_sentences(ARTICLE.read_text(encoding="utf-8"))
    assert len(found) > 50, "the article was not parsed into sentences"
    return found


def test_the_copy_check_catches_a_copied_sentence(sentences):
    copied = "Belarusian soldiers have been reportedly banned from travelling abroad."
    assert shared_runs(copied, sentences)
    lightly_edited = "As we know, belarusian soldiers have been reportedly BANNED from travel."
    assert shared_runs(lightly_edited, sentences)
    assert not shared_runs("Servicemen are barred from travelling abroad.", sentences)


@pytest.mark.parametrize("owner,card", ALL_RAW, ids=IDS)
def test_no_card_repeats_the_article(owner, card, sentences):
    for name in TEXT_FIELDS:
        copied = shared_runs(card[name], sentences)
        assert not copied, (f"{owner}.toml card {card['id']} field {name!r} repeats the "
                            f"article's words: {copied[0]!r}; say it in the game's own words")


def test_scenario_texts_do_not_repeat_the_article(sentences):
    for path in sorted((DECKS / "scenarios").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for name in ("title", "description"):
            assert not shared_runs(data[name], sentences), (path.name, name)


def test_readme_example_does_not_repeat_the_article(sentences):
    readme = (DECKS / "README.md").read_text(encoding="utf-8")
    assert not shared_runs(readme, sentences)


# -- what every card carries for the classroom --------------------------------------------


@pytest.mark.parametrize("owner,card", ALL_RAW, ids=IDS)
def test_every_card_teaches(owner, card):
    assert "\n" not in card["context"].strip(), "context is one line"
    assert len(card["context"]) <= 160, "context is one short line"
    assert card["question"].strip().endswith("?")
    assert len(words(card["question"])) >= 6, "a real discussion question"
    sentences_in_text = [s for s in re.split(r"(?<=[.!?])\s+", card["text"].strip()) if s]
    assert 1 <= len(sentences_in_text) <= 2, "the text is a sentence or two"


def test_card_count_per_role(deckset):
    for owner, least in MIN_CARDS.items():
        assert len(deckset.decks[owner]) >= least, owner


def test_titles_are_distinct(deckset):
    titles = [card.title for card in deckset.cards.values()]
    assert len(titles) == len(set(titles))


# -- every lever of GAME.md is a card ----------------------------------------------------------

LEVERS: dict[str, tuple[tuple[str, tuple[int, ...], str], ...]] = {
    # role: (GAME.md's lever, its paragraphs, the card that plays it)
    "lukashenko": (
        ("announce the joint regional group", (4, 9), "joint_group_footing"),
        ("state media warns of a Ukrainian threat", (4, 5), "threat_broadcasts"),
        ("rapid deployment", (10,), "rapid_deployment"),
        ("covert mobilisation disguised as readiness checks", (13,), "covert_mobilisation"),
        ("travel ban for soldiers", (13,), "travel_ban"),
        ("partial mobilisation of reservists", (11,), "partial_mobilisation"),
        ("territorial defence on combat alert", (11,), "territorial_alert"),
        ("general draft", (22, 23), "general_draft"),
        ("mass troops at the border", (23,), "mass_at_border"),
        ("send troops into Ukraine", (1, 27), "send_troops"),
        ("logistics, medical care and airfields for Russia", (3,), "logistics_for_russia"),
        ("ship tanks and ammunition", (3,), "ship_tanks"),
        ("keep loyal units in Minsk", (23,), "loyal_units"),
        ("stall on Moscow's demands, refuse a joint command", (16, 17),
         "refuse_joint_command"),
        ("ask Moscow for money and security help", (28,), "ask_moscow"),
        ("repression", (21,), "repression"),
        ("sign more integration papers", (16,), "sign_integration"),
    ),
    "putin": (
        ("remind Minsk who saved it in 2020", (14, 15), "remember_2020"),
        ("counter-offensive an attack on the union state", (7, 8), "attack_on_the_union"),
        ("press for a joint military command", (17,), "joint_command"),
        ("launch strikes from Belarusian airfields", (2, 3), "airfield_strikes"),
        ("demand combat troops", (14,), "demand_combat"),
        ("station Russian forces for a new front", (19,), "new_front"),
        ("economic lifeline", (28,), "economic_lifeline"),
        ("integration roadmap", (16,), "integration_roadmap"),
        ("security guarantee for the regime", (15,), "security_guarantee"),
        ("weigh the risk and hold back", (6, 29), "hold_back"),
    ),
    "opposition": (
        ("build the United Transitional Cabinet", (25,), "transitional_cabinet"),
        ("recruit defectors from the security services", (25,), "recruit_defectors"),
        ("volunteer network for an uprising", (25,), "volunteer_network"),
        ("volunteers fighting for Ukraine", (26,), "volunteers_for_ukraine"),
        ("less peaceful resistance", (24,), "less_peaceful"),
        ("lobby the West for sanctions", (27,), "lobby_the_west"),
        ("campaign against the draft using the polls", (22,), "anti_draft_campaign"),
        ("court defections in the elite", (27,), "court_the_elite"),
        ("call the uprising", (25, 28), "call_the_uprising"),
        ("media from exile", (21,), "media_from_exile"),
    ),
    "world": (
        ("Ukrainian counter-offensive in Kherson and Donbas", (7,), "counter_offensive"),
        ("Ukraine mines the border and blows the bridges", (19,), "border_mined"),
        ("Ukraine warns of a pre-emptive strike", (20,), "strike_warning"),
        ("a new sanctions package", (27,), "sanctions_package"),
        ("a poll finds 9% back sending troops", (22,), "the_poll"),
        ("Russia short of trained troops", (19,), "russia_short_of_troops"),
        ("media expose the covert mobilisation", (13,), "mobilisation_exposed"),
        ("territorial defence exercises", (11,), "td_exercises"),
        ("economic squeeze", (27,), "economic_squeeze"),
        ("unrest spreads in Russia", (28,), "russian_unrest"),
    ),
}
LEVER_ROWS = [(role, *row) for role, rows in LEVERS.items() for row in rows]


@pytest.mark.parametrize("role,lever,paragraphs,card_id", LEVER_ROWS,
                         ids=[row[3] for row in LEVER_ROWS])
def test_every_lever_of_the_article_is_a_card(deckset, role, lever, paragraphs, card_id):
    assert card_id in deckset.decks[role], f"no card for the lever {lever!r}"
    card = deckset.cards[card_id]
    assert set(card.source) & set(paragraphs), (
        f"{card_id} plays {lever!r} (¶{paragraphs}) but cites ¶{card.source}")


def test_every_demand_lever_is_a_kremlin_demand(deckset):
    for card_id in ("joint_command", "demand_troops", "demand_combat", "integration_roadmap"):
        assert deckset.cards[card_id].demand is not None, card_id


# -- the scenarios start from the article's facts -------------------------------------------


@pytest.mark.parametrize("scenario_id", ["october-2022", "classroom"])
def test_the_scenario_starts_from_the_articles_facts(deckset, scenario_id):
    state = new_game(deckset.ruleset(scenario_id), 1)
    assert state.track("regulars") + state.track("staff") == 65_000  # ¶12
    assert state.track("staff") == 20_000  # ¶12: support staff and cadets
    assert state.track("support") == 9  # ¶22
    assert state.track("volunteers") == 1_500  # ¶26
    assert state.track("involvement") == 2  # ¶4, ¶9: the joint group of 10 October
    assert {"joint_group", "annexation"} <= state.flags  # ¶4; ¶7: four regions annexed
    assert state.month == "October 2022"


def test_the_board_shows_the_facts_in_the_articles_units(deckset):
    state = new_game(deckset.ruleset(), 1)
    shown = {name: TRACK_BY_NAME[name].format(state.track(name))
             for name in ("regulars", "staff", "support", "volunteers")}
    assert shown == {"regulars": "45,000", "staff": "20,000", "support": "9%",
                     "volunteers": "1,500"}
    assert FLAG_BY_NAME["annexation"].source == "¶7"
    assert "10 October" in deckset.scenarios["october-2022"].description


def test_the_classroom_scenario_fits_a_lesson(deckset):
    lesson = deckset.scenarios["classroom"]
    assert lesson.turns == 6
    assert "45" in lesson.description


def test_the_four_annexed_regions_are_in_play(deckset):
    from wargame.engine.effects import If

    union = deckset.cards["attack_on_the_union"]
    assert union.requires is not None and union.requires.text == "annexation"
    assert "four" in union.text.lower()
    offensive = deckset.cards["counter_offensive"]
    conditions = [e.condition.text for e in offensive.effects if isinstance(e, If)]
    assert "union_attack" in conditions, "the counter-offensive reads the union claim"


def test_each_side_can_push_towards_the_war_and_away(deckset):
    """The tension of GAME.md: Minsk can climb the ladder and step back down; Moscow can
    press or hold back."""
    from wargame.engine.effects import If, TrackChange

    def ladder(card_id):
        found = set()
        for top in deckset.cards[card_id].effects:
            for e in top.walk():
                if isinstance(e, TrackChange) and e.track == "involvement":
                    found.add(e.mode)
        return found

    assert "at_least" in ladder("mass_at_border") and "at_least" in ladder("send_troops")
    assert "at_most" in ladder("pull_back")
    assert any(isinstance(e, If) for e in deckset.cards["pull_back"].effects)
    assert deckset.cards["hold_back"].cost == 0


def test_the_readme_example_is_the_real_card():
    """decks/README.md walks a teacher through one card 'exactly as it is' in the deck."""
    readme = (DECKS / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(\[\[card\]\]\n.*?)```", readme, re.S)
    assert blocks, "the README shows no worked example card"
    assert blocks[0] in (DECKS / "lukashenko.toml").read_text(encoding="utf-8")


def test_the_readme_names_every_effect_and_the_commands():
    from wargame.decks import EFFECT_KINDS

    readme = (DECKS / "README.md").read_text(encoding="utf-8")
    for kind in EFFECT_KINDS:
        assert f"{{ {kind} = " in readme, f"the README never shows the {kind!r} effect"
    for command in ("wargame decks check", "wargame play --decks",
                    "wargame simulate --decks"):
        assert command in readme


# -- where the article is found (tests/article.py) ------------------------------------------

def test_the_article_is_found_beside_the_checkout_or_where_the_setting_says(tmp_path):
    shared = tmp_path / "team" / "shared"
    shared.mkdir(parents=True)
    (shared / "article.md").write_text("¶1 text\n", encoding="utf-8")
    checkout = tmp_path / "team" / "main"
    checkout.mkdir()
    assert find_article(checkout, env={}) == shared / "article.md"
    assert find_article(checkout / "deeper", env={}) == shared / "article.md"
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("¶1 text\n", encoding="utf-8")
    assert find_article(checkout, env={"WARGAME_ARTICLE": str(elsewhere)}) == elsewhere
    # A setting that is wrong is not quietly replaced by the copy beside the checkout.
    assert find_article(checkout, env={"WARGAME_ARTICLE": str(tmp_path / "no.md")}) is None


def test_a_clone_finds_the_article_of_the_repository_it_was_cloned_from(tmp_path):
    import subprocess

    clone = tmp_path / "check"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(clone)],
                   check=True, capture_output=True, timeout=300)
    assert find_article(clone, env={}) == find_article(ROOT, env={})


def test_a_missing_article_says_where_it_looked_and_how_to_set_it(tmp_path):
    message = missing_message(tmp_path / "main", env={})
    assert str(tmp_path / "shared" / "article.md") in message
    assert "WARGAME_ARTICLE" in message
