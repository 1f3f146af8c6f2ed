"""Matching folds every spelling a text uses into one entity; themes come from weighted phrases."""

from __future__ import annotations

import pytest

from timeline.ingest.tagging import Entity, EntityMatcher, ThemeRule, ThemeScorer, discover, match_form, trie_pattern

ZELENSKY = Entity("Volodymyr Zelensky", "actor", ("Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"))
KIM = Entity("Kim Jong Un", "actor", ("Kim Jong-un",), ("Kim",))
MATCHER = EntityMatcher(
    [
        ZELENSKY,
        KIM,
        Entity("Russia", "actor", ("Russian Federation",)),
        Entity("Russia", "location"),
        Entity("Ukraine", "actor"),
        Entity("Ukraine", "location"),
        Entity("Andriivka", "location"),
        Entity("Donetsk Oblast", "location", ("Donetsk region",)),
        Entity("Tu-160", "actor"),
        Entity("NATO", "actor", ("the alliance",)),
    ]
)


def names(text: str, named=frozenset()) -> list[str]:
    return [f"{e.kind}:{e.name}" for e in MATCHER.find(text, named)]


@pytest.mark.parametrize(
    "text",
    ["Zelensky said", "ZELENSKYY said", "Mr Zelenskiy’s office", "Zelenskyy's aide", "Volodymyr Zelenskyy spoke"],
)
def test_spelling_variants_case_and_possessives_fold_into_one_actor(text):
    assert names(text) == ["actor:Volodymyr Zelensky"]


def test_diacritics_fold():
    assert names("fighting near Andriïvka") == ["location:Andriivka"]


def test_hyphens_and_spaces_fold():
    assert names("Kim Jong-un arrived") == names("Kim Jong Un arrived") == ["actor:Kim Jong Un"]


def test_a_cyrillic_letter_inside_a_latin_word_is_read_as_latin():
    assert names("bombers such as the Тu-160") == ["actor:Tu-160"]


def test_curly_and_straight_quotes_fold():
    assert match_form("Ukraine’s") == match_form("Ukraine's") == " ukraine s_ "


def test_a_short_form_counts_only_once_the_full_name_has_appeared():
    assert names("Kim toured the factory") == []
    assert names("Kim toured the factory", MATCHER.named_in_full("Kim Jong Un arrived")) == ["actor:Kim Jong Un"]


def test_a_state_is_an_actor_when_it_acts_and_a_place_where_things_happen():
    assert names("Russia says it will respond") == ["actor:Russia"]
    assert names("drones were shot down over Russia") == ["location:Russia"]
    assert names("Ukraine said drones fell in Russia") == ["actor:Ukraine", "location:Russia"]


def test_the_longest_alias_wins_and_words_inside_words_do_not_match():
    assert names("fighting in the Donetsk region") == ["location:Donetsk Oblast"]
    assert names("the Ukrainianisation of schools") == []


def test_an_alias_phrase_with_an_article_matches():
    assert names("the alliance met in Brussels") == ["actor:NATO"]


def test_one_pattern_serves_every_alias():
    assert trie_pattern(["kim", "kim jong un", "kyiv"]) == r"k(?:im(?:\ jong\ un)?|yiv)"


SCORER = ThemeScorer(
    [
        ThemeRule("strikes", "missile strike", 3),
        ThemeRule("strikes", "drone*", 2),
        ThemeRule("energy", "power grid", 3),
        ThemeRule("energy", "blackout*", 2),
        ThemeRule("diplomacy", "talks", 2),
        ThemeRule("justice", "court", 2),
    ]
)


def themes(headline: str, body: str) -> list[str]:
    return SCORER.themes(match_form(headline), match_form(body))


def test_themes_rank_by_weight_with_the_headline_counting_more():
    assert themes("Drones hit the power grid", "A missile strike caused blackouts.") == ["energy", "strikes"]


def test_a_weak_hint_alone_gives_no_theme():
    assert themes("A day in Kyiv", "Residents spoke of a court case.") == []


def test_a_theme_far_behind_the_first_is_left_out():
    assert themes("Missile strike on power grid causes blackouts", "Talks were mentioned.") == ["energy", "strikes"]


def test_at_most_three_themes():
    text = "Missile strike, power grid blackouts, court ruling and talks"
    assert len(themes(text, text)) <= 3


def test_discovery_proposes_names_the_text_marks_clearly():
    text = (
        "Governor Oleg Kozhemyako said troops entered the village of Krynky and the Belgorod region, "
        "while President Volodymyr Zelensky spoke. The village of Andriivka was shelled."
    )
    assert discover(text, MATCHER) == [
        ("actor", "Oleg Kozhemyako", "person"),
        ("location", "Krynky", "village"),
        ("location", "Belgorod region", "region"),
    ]


def test_a_rejected_name_is_not_proposed_again():
    assert discover("the village of Krynky", MATCHER, frozenset({("location", "krynky")})) == []


def test_an_acronym_that_is_a_word_in_lower_case_matches_only_in_capitals():
    matcher = EntityMatcher([Entity("United States", "actor", ("US", "U.S."))])
    assert [e.name for e in matcher.find("The US said")] == ["United States"]
    assert [e.name for e in matcher.find("the U.S. said")] == ["United States"]
    assert matcher.find("He told us about it") == []


def test_a_capital_named_for_its_government_is_not_a_place():
    matcher = EntityMatcher([Entity("Kyiv", "location"), Entity("Moscow", "location")])
    assert matcher.find("Kyiv said it would respond and Moscow's troops advanced") == []
    assert [e.name for e in matcher.find("Sirens sounded in Kyiv")] == ["Kyiv"]
