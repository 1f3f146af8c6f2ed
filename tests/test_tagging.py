"""Matching folds every spelling a text uses into one entity; themes come from weighted phrases."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.ingest.entities import Entity, EntityMatcher, _previous_word, _word_after, deeds_of_a_state
from timeline.ingest.name_discovery import _DISCOVERY_START, DISCOVERY, discover
from timeline.ingest.phrases import (
    _COMBINING,
    _CYRILLIC,
    _LOOKALIKES,
    _MIXED_WORD,
    _QUOTES,
    _SHORT_CAPITALS,
    CASED_ACRONYMS,
    PhraseFinder,
    ascii_words,
    match_form,
    straighten_quotes,
    unicode_words,
)
from timeline.ingest.theme_vectors import ThemeVectors, _model, embed, theme_text
from timeline.ingest.themes import ThemeRule, ThemeScorer, with_nearest

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


def test_initials_with_full_stops_are_the_acronym():
    assert match_form("the U.N. nuclear watchdog") == match_form("the UN nuclear watchdog")
    assert match_form("U.S.-led talks") == match_form("US-led talks") != match_form("us led talks")
    assert match_form("Lloyd J. Austin") == " lloyd j austin "
    assert match_form("Karim A. A. Khan") == match_form("Karim A.A. Khan")


def test_diacritics_fold():
    assert names("fighting near Andriïvka") == ["location:Andriivka"]


def test_hyphens_and_spaces_fold():
    assert names("Kim Jong-un arrived") == names("Kim Jong Un arrived") == ["actor:Kim Jong Un"]


def test_a_cyrillic_letter_inside_a_latin_word_is_read_as_latin():
    assert names("bombers such as the Тu-160") == ["actor:Tu-160"]


def test_curly_and_straight_quotes_fold():
    assert match_form("Ukraine’s") == match_form("Ukraine's") == " ukraine s_ "


def test_every_curly_quote_and_dash_is_straightened():
    assert straighten_quotes("‘Kyiv’ʼs `war`, “talks” – now — here\u00a0") == "'Kyiv''s 'war', \"talks\" - now - here "


# The matching form spelled out one plain step at a time: the fast one must never differ from it.
_ACRONYMS = r"\b(US|WHO|IT|IS|AS|AT|ON|OR|AN|IN|NO|UP|ME|WE|AM|HE|DO|GO|SO|TO|BE|BY|OF|IF|ALL)\b"


def plain_match_form(text: str) -> str:
    text = text.translate(str.maketrans(_QUOTES))
    if _CYRILLIC.search(text):
        text = _MIXED_WORD.sub(lambda m: m[0].translate(_LOOKALIKES), text)
    text = re.sub(r"(?<![\w.])((?:[A-Z]\. ?){1,2}[A-Z]\.)(?!\w)", lambda m: re.sub(r"[. ]", "", m[1]), text)
    text = re.sub(_ACRONYMS, r"\1_", text)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = text.casefold()
    text = re.sub(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", " s_", text)
    text = re.sub(r"[^\w]+", " ", text.replace("'", ""))
    return f" {text.strip()} "


# Acronyms and near misses, apostrophes and quotes, dashes, accents, Cyrillic lookalikes and odd spaces, mixed.
_PIECES = ["US", "WHO", "ALL", "IS", "USA", "UK", "us", "s", "'s", "s'", "'", "’", "ʼ", "`", "“", "”", "–", "—", "-"]
_PIECES += ["U.S.", "U.N.", "A.", "S.", "W.H.O.", "A. A."]
_PIECES += [" ", "  ", "\n", "\t", "\u00a0", ".", ",", "_", "1", "é", "ï", "\u0301", "Т", "е", "ﬁ", "ß", "İ"]
_TRICKY = st.lists(
    st.sampled_from(_PIECES) | st.text(alphabet=st.characters(max_codepoint=0x4FF), max_size=6), max_size=30
).map("".join)


@given(_TRICKY)
def test_the_matching_form_is_the_plain_one(text):
    assert match_form(text) == plain_match_form(text)


@given(st.text(st.sampled_from("aZ9_' -.\t\n\x1c") | st.characters(max_codepoint=127)))
def test_words_of_ascii_text_are_the_same_by_the_fast_path(text):
    assert ascii_words(text) == unicode_words(text)


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


def test_the_longest_phrase_at_each_place_wins_and_neighbours_share_a_space():
    finder = PhraseFinder(["kim", "kim jong un", "kyiv", "drone strike"], ["drone"])
    assert finder.find(" kim jong un kyiv drones kim ") == [
        (1, 12, "kim jong un", False),
        (13, 17, "kyiv", False),
        (18, 24, "drone", True),
        (25, 28, "kim", False),
    ]
    assert finder.find(" drone strike ") == [(1, 13, "drone strike", False)]
    assert finder.find(" drone strikes ") == [(1, 6, "drone", True)]


def regex_find(phrases: list[str], beginnings: list[str], folded: str) -> list[tuple[int, int, str, bool]]:
    """What the finder must find, as one regex: alternatives longest first, so the longest one that fits wins."""
    parts = [f"(?P<whole>{alternatives(phrases)})(?= )"] if phrases else []
    parts += [rf"(?P<beginning>{alternatives(beginnings)})\w*(?= )"] if beginnings else []
    if not parts:
        return []
    pattern = re.compile(r"(?<= )(?:" + "|".join(parts) + ")")
    return [(m.start(), m.end(), m[m.lastgroup], m.lastgroup == "beginning") for m in pattern.finditer(folded)]


def alternatives(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


_WORDS = st.sampled_from(["a", "ab", "abc", "b", "ba", "c"])
_PHRASES = st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), max_size=6)


@given(_PHRASES, _PHRASES, st.lists(_WORDS | st.just(" "), max_size=25).map(" ".join), st.booleans())
def test_the_finder_finds_what_a_regex_of_the_phrases_finds(phrases, beginnings, text, closed):
    folded = f" {text} " if closed else f" {text}"
    assert PhraseFinder(phrases, beginnings).find(folded) == regex_find(phrases, beginnings, folded)


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
        "while President Volodymyr Zelensky spoke. The village of Andriivka was shelled. "
        "Drones hit a depot in Grelby in northern Ruritania and near Ostrov, in Borduria's east. "
        "In March in southern Syldavia, drones hit the Vask district of the Klow region."
    )
    assert discover(text, MATCHER) == [
        ("actor", "Oleg Kozhemyako", "person"),
        ("location", "Krynky", "village"),
        ("location", "Belgorod region", "region"),
        ("location", "Grelby", "city"),
        ("location", "Ostrov", "city"),
        ("location", "Vask district", "region"),
        ("location", "Klow region", "region"),
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Defence Secretary Ann Bee met her counterparts.", "Ann Bee"),
        ("White House press secretary Cy Dee also raised the question.", "Cy Dee"),
        ("Gov. Ed Eff said in a statement.", "Ed Eff"),
        ("The company's CEO Gee Aitch said the deal was over.", "Gee Aitch"),
        ("Deputy Prime Minister Ida Jay visited the plant.", "Ida Jay"),
        ("Ian Kay, an adviser to the prime minister, said on Friday.", "Ian Kay"),
        ('"We are ready," said Lou al Emm, a senior member of the bureau.', "Lou al Emm"),
        ("Nan Oh said the talks would resume.", "Nan Oh"),
        ("The talks will resume, said Pia Que.", "Pia Que"),
        ("President Ann Bee Wednesday signed the law.", "Ann Bee"),
        ("Dame Ann Bee said she would stand down.", "Ann Bee"),
        ("Foreign Minister Russia Katz said the vote was close.", "Russia Katz"),  # a first name that is a place
        ('"We will talk," said President Ann Bee.', "Ann Bee"),
        ('"We will talk," said Foreign Minister Ann Bee.', "Ann Bee"),
        ("On Monday Ann Bee said the talks had failed.", "Ann Bee"),
        ("Ruritania's Nan Oh said the talks had failed.", "Nan Oh"),
    ],
)
def test_discovery_finds_a_person_where_the_words_around_mark_one(text, person):
    assert discover(text, MATCHER) == [("actor", person, "person")]


@pytest.mark.parametrize(
    "text",
    [
        "The Syldavia Press Bureau said it would appeal.",  # an institution, not a person
        "A North Ruritanian said nothing.",  # a people
        "Defence Secretary Ann B",  # a name cut short
        "President Volodymyr Zelensky said the front held.",  # known
        "Volodymyr Zelensky said the front held.",  # known, speaking
        "Russia Ann Bee said nothing.",  # a known place opens a name that only speaks
        "Russian Federation said nothing.",  # a known place
        "Klow Oblast, the region's governor said.",  # a place
        "Human Rights Watch said it had found graves.",
        "Amnesty International said the strike was unlawful.",
        "Red Cross said its staff were safe.",
    ],
)
def test_discovery_proposes_no_person_where_the_words_do_not_make_one(text):
    assert [found for found in discover(text, MATCHER) if found[2] == "person"] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Ruritanian Security Council met on Monday.", [("actor", "Ruritanian Security Council", "organization")]),
        (
            "It was listed by the Grand Fenwick Heritage Committee.",
            [("actor", "Grand Fenwick Heritage Committee", "organization")],
        ),
        ("The Defence Ministry said nothing.", []),  # whose, it does not say
        (
            "The Ruritanian Security Council said it would meet.",
            [("actor", "Ruritanian Security Council", "organization")],
        ),
        ("Ukraine Relief Coalition", [("actor", "Ukraine Relief Coalition", "organization")]),
        (
            "a success, by the Grand Fenwick Health Organization.",
            [("actor", "Grand Fenwick Health Organization", "organization")],
        ),
        ("The Strelsau Press Office confirms it.", [("actor", "Strelsau Press Office", "organization")]),
    ],
)
def test_discovery_finds_an_institution_by_the_word_its_name_ends_in(text, found):
    assert discover(text, MATCHER) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He landed at Strelsau’s Vask Tor airport.", [("location", "Vask Tor Airport", "site")]),
        ("Jets left Grelby Air Base at dawn.", [("location", "Grelby Air Base", "site")]),
        ("Missiles fell into the Amber Sea.", [("location", "Amber Sea", "region")]),
        ("A tanker crossed the Strait of Vask.", [("location", "Strait of Vask", "region")]),
        ("A tanker crossed the strait at night.", []),
    ],
)
def test_discovery_finds_airports_bases_and_waters_by_the_words_they_end_in(text, found):
    assert discover(text, MATCHER) == found


# The discovery pattern without what is there only for speed: the look-ahead and the possessive quantifiers.
UNHURRIED_DISCOVERY = re.compile(DISCOVERY.pattern.removeprefix(_DISCOVERY_START).replace("*+", "*"))
_MARKED = ["President", "Prime Minister", "Foreign  Minister", "minister", "spokesman", "General", "Envoy"]
_MARKED += ["the village of", "the towns of", "Oblast", "oblast", "region", "province", "Krai", "district"]
_MARKED += ["in ", "near ", " in northern", " in the south", "Ann's ", " airport", " Air Base", " Sea", "Gulf of "]
_MARKED += ["said ", " said", ", an ", ", the ", "adviser", "secretary", "Gov.", "CEO", "Deputy ", "al ", "von ", " A."]
_MARKED += ["Ann", "Bee", "Yu-Vee", "O'Neil", "Kyiv’s", "Élan", "the", "of", "a", "3", " ", " ", "-", "'", ",", "\n"]


def discovered_spans(pattern: re.Pattern, text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


def test_what_is_there_for_speed_turns_no_discovery_away():
    text = (
        "President Ann Bee, Prime Minister Cy Dee, Foreign Minister Ed Eff, minister Gee Aitch and Defense  Minister "
        "Ian Jay met spokesman Kay Ell, spokeswoman Em En, General Oh Pea and Envoy Que Arr in the town of Es Tee "
        "and the settlements of Yu-Vee near Kursk Oblast, Kherson oblast, Sumy region, Lviv province and Perm krai."
    )
    spans = discovered_spans(DISCOVERY, text)
    assert spans == discovered_spans(UNHURRIED_DISCOVERY, text) and len(spans) == 16


@given(st.lists(st.sampled_from(_MARKED), max_size=40).map("".join))
def test_discovery_finds_what_the_unhurried_pattern_finds(text):
    assert discovered_spans(DISCOVERY, text) == discovered_spans(UNHURRIED_DISCOVERY, text)


def test_a_rejected_name_is_not_proposed_again():
    assert discover("the village of Krynky", MATCHER, frozenset({("location", "krynky")})) == []


def test_an_acronym_that_is_a_word_in_lower_case_matches_only_in_capitals():
    matcher = EntityMatcher([Entity("United States", "actor", ("US", "U.S."))])
    assert [e.name for e in matcher.find("The US said")] == ["United States"]
    assert [e.name for e in matcher.find("the U.S. said")] == ["United States"]
    assert matcher.find("He told us about it") == []


@given(st.lists(_WORDS | st.just(""), max_size=12).map(" ".join), st.data())
def test_the_words_either_side_of_a_place_are_the_split_texts_nearest(text, data):
    at = data.draw(st.integers(0, len(text)))
    word, begin = _previous_word(text, at)
    assert word == ["", *text[:at].split()][-1] and text.startswith(word, begin)
    assert _word_after(text, at) == [*text[at:].split(), ""][0]


def test_the_scan_for_acronyms_sees_every_cased_one():
    assert all(_SHORT_CAPITALS.fullmatch(acronym) for acronym in CASED_ACRONYMS)


def test_a_capital_named_for_its_government_is_not_a_place():
    matcher = EntityMatcher([Entity("Kyiv", "location"), Entity("Moscow", "location")])
    assert matcher.find("Kyiv said it would respond and Moscow's troops advanced") == []
    assert [e.name for e in matcher.find("Sirens sounded in Kyiv")] == ["Kyiv"]


STATES = EntityMatcher(
    [
        Entity("Ruritania", "actor", ("Strelsau",)),
        Entity("Ruritania", "location"),
        Entity("Strelsau", "location", country="Ruritania"),
        Entity("Zenda", "location", country="Ruritania"),
        Entity("Borduria", "actor", ("Szohod",)),
        Entity("Borduria", "location"),
        Entity("Szohod", "location", country="Borduria"),
        Entity("Syldavia", "actor"),
        Entity("Syldavia", "location"),
        Entity("Klow region", "location"),
    ]
)


def case(text: str, *expected: str, rule: str):
    return pytest.param(text, list(expected), id=rule)


READINGS = [
    case("Strelsau signed a pact with Szohod", "actor:Ruritania", "actor:Borduria", rule="a capital acts as its state"),
    case("more aid for Strelsau", "actor:Ruritania", rule="aid for a capital goes to its state"),
    case("the talks were held in Strelsau", "location:Strelsau", rule="in a capital is the place"),
    case("a drone attack on Szohod", "location:Szohod", rule="an attack on a capital strikes the place"),
    case("drones fired at Szohod", "location:Szohod", rule="drones at a capital strike the place"),
    case("sanctions aimed at Szohod", "actor:Borduria", rule="sanctions at a capital aim at its state"),
    case("a warehouse in east Strelsau", "location:Strelsau", rule="a compass point before a capital"),
    case("a three-day visit to Borduria", "location:Borduria", rule="a visit to a state"),
    case("troops sent to Borduria", "location:Borduria", rule="troops sent to a state"),
    case("advised against travelling to Borduria", "location:Borduria", rule="travelling to a state"),
    case("jets arriving to Syldavia", "location:Syldavia", rule="arriving to a state"),
    case("a visit by the Syldavian prime minister to Strelsau", "location:Strelsau", rule="a visit by someone to"),
    case("a call by the Syldavian prime minister to Strelsau", "actor:Ruritania", rule="a call by someone to"),
    case("weapons to Strelsau", "actor:Ruritania", rule="weapons to a capital go to its state"),
    case("refugees in the Syldavia of today", "location:Syldavia", rule="an article after the locative"),
    case("fighting in eastern Syldavia", "location:Syldavia", rule="a direction before a state"),
    case("shelling across the southwestern Klow region", "location:Klow region", rule="a direction before a region"),
    case("the territory of Ruritania", "location:Ruritania", rule="the territory of a state"),
    case("Zenda, the capital of Borduria", "location:Zenda", "location:Borduria", rule="the capital of a state"),
    case("the north of Syldavia", "location:Syldavia", rule="the north of a state"),
    case("Syldavia's power grid was hit", "actor:Syldavia", "location:Syldavia", rule="a state's grid"),
    case("troops moved into Syldavia's east", "location:Syldavia", rule="a locative beats the possessive"),
    case("a factory 900 km east of Strelsau", "actor:Ruritania", rule="a distance from a capital"),
    case("Syldavia's foreign minister said", "actor:Syldavia", rule="a state's minister"),
    case("Strelsau says it will respond", "actor:Ruritania", rule="a capital that speaks"),
    case("in Syldavia's far north", "location:Syldavia", rule="a far part of a state"),
    case("fires in Ruritania and Syldavia", "location:Ruritania", "location:Syldavia", rule="places joined by and"),
    case("Strelsau and Szohod have denied it", "actor:Ruritania", "actor:Borduria", rule="actors joined by and"),
    case("depots in Zenda and Syldavia", "location:Zenda", "location:Syldavia", rule="a town and a state"),
    case(
        "a school in Zenda, Ruritania, was shelled", "location:Zenda", "location:Ruritania", rule="a town's own state"
    ),
    case("a school in Zenda. Borduria launched drones", "location:Zenda", "actor:Borduria", rule="another state"),
    case("officials in the Klow region said", "location:Klow region", rule="a region that speaks"),
    case("talks at the Syldavia-Borduria border", "location:Syldavia", "location:Borduria", rule="a pair's border"),
    case("a crossing on the Syldavia border", "location:Syldavia", rule="a state's border"),
    case("fighting near its border with Borduria", "location:Borduria", rule="a border with a state"),
    case(
        "the frontier between Syldavia and Ruritania",
        "location:Syldavia",
        "location:Ruritania",
        rule="a frontier between states",
    ),
    case("Syldavia border guards said", "actor:Syldavia", rule="a state's border guards act"),
    case("Syldavia will patrol the border", "actor:Syldavia", rule="a state that speaks of a border"),
]


@pytest.mark.parametrize("text, expected", READINGS)
def test_a_name_that_can_be_a_place_is_read_by_the_words_around_it(text, expected):
    assert [f"{e.kind}:{e.name}" for e in STATES.find(text)] == expected


def test_a_state_acts_in_what_its_peoples_adjective_names_it_doing():
    aliases = ("Syldavian government", "Klow")
    syldavia = Entity("Syldavia", "actor", (*aliases, *deeds_of_a_state("Syldavia", aliases)))
    matcher = EntityMatcher([syldavia])
    assert matcher.find("Syldavian drones hit a depot overnight") == [syldavia]
    assert matcher.find("in the Syldavian-occupied south") == [syldavia]
    assert matcher.find("Syldavian artists toured the region") == []


def test_the_background_of_the_war_names_no_actor():
    matcher = EntityMatcher([Entity("Russia", "actor"), Entity("Ukraine", "actor"), Entity("Ukraine", "location")])
    assert matcher.find("since Russia's full-scale invasion of Ukraine, the plant has doubled output") == []
    assert matcher.find("when Russia invaded Ukraine the firm left") == []
    assert matcher.find("our coverage of the Ukraine war resumes tomorrow") == []
    assert matcher.find("talks on the Russia-Ukraine war resumed") == []
    assert [e.name for e in matcher.find("as Russia's invasion of Ukraine looms")] == ["Russia", "Ukraine"]
    assert matcher.find("campaigns have grown since the Ukraine invasion") == []
    assert [e.kind for e in matcher.find("Russia says the war in Ukraine goes on")] == ["actor", "location"]


def test_a_title_names_its_organisation_always_and_its_holder_once_named_in_full():
    matcher = EntityMatcher(
        [
            Entity("Grand League", "actor", ("League chief",)),
            Entity("Ola Nordmann", "actor", ("Nordmann",), ("League chief",)),
        ]
    )
    named = matcher.named_in_full("Ola Nordmann took office")
    assert [e.name for e in matcher.find("The League chief spoke")] == ["Grand League"]
    assert [e.name for e in matcher.find("The League chief spoke", named)] == ["Grand League", "Ola Nordmann"]


def test_an_agreement_named_after_a_capital_is_neither_the_city_nor_its_government():
    matcher = EntityMatcher([Entity("Belarus", "actor", ("Minsk",)), Entity("Minsk", "location")])
    assert matcher.find("envoys revived the Minsk agreements") == []
    assert [e.kind for e in matcher.find("envoys met in Minsk")] == ["location"]
    italy = EntityMatcher([Entity("Italy", "actor", ("Rome",)), Entity("Rome", "location")])
    assert italy.find("war crimes in violation of the Rome Statute") == []


THEMES = {
    "energy": theme_text("Energy", "Power plants, blackouts and the electricity grid.", ["power grid", "blackout*"]),
    "diplomacy": theme_text("Diplomacy", "Talks, summits and negotiations between states.", ["peace talks"]),
    "justice": theme_text("Justice", "Courts, trials, arrests and war crimes.", ["tribunal", "verdict"]),
}


def test_an_entry_gets_the_theme_it_means_without_any_of_its_phrases():
    nearest = ThemeVectors(THEMES).nearest(
        [
            "The lights went out across the city after the substation was hit.",
            "The two leaders met in Geneva to discuss ending the war.",
            "A judge sentenced the former commander to twelve years in prison.",
        ]
    )
    assert nearest == ["energy", "diplomacy", "justice"]


def test_an_editors_phrases_steer_which_theme_an_entry_reads_like():
    entries = ["The orchestra played its last concert before the theatre closed.", "Football fans filled the stadium."]
    culture = theme_text("Culture", "Life", [])
    plain = ThemeVectors({"culture": culture, "energy": THEMES["energy"], "diplomacy": THEMES["diplomacy"]})
    assert "culture" not in plain.nearest(entries)
    culture = theme_text("Culture", "Life", ["orchestra", "concert", "theatre", "football", "stadium"])
    steered = ThemeVectors({"culture": culture, "energy": THEMES["energy"], "diplomacy": THEMES["diplomacy"]})
    assert steered.nearest(entries) == ["culture", "culture"]


def test_examples_of_the_news_a_theme_covers_steer_which_theme_an_entry_reads_like():
    entries = ["The orchestra played its last concert before the theatre closed.", "Football fans filled the stadium."]
    themes = {
        "culture": theme_text("Culture", "Life", []),
        "energy": THEMES["energy"],
        "diplomacy": THEMES["diplomacy"],
    }
    assert "culture" not in ThemeVectors(themes).nearest(entries)
    examples = {"culture": ["A symphony orchestra cancels its concert season", "Fans filled the stadium for the match"]}
    assert ThemeVectors(themes, examples).nearest(entries) == ["culture", "culture"]


def test_no_themes_gives_no_nearest_one():
    assert ThemeVectors({}).nearest(["Anything at all."]) == [None]


def test_texts_become_unit_vectors_and_an_empty_one_stays_zero():
    vectors = embed(["Drones struck the port.", "", "   "])
    assert abs(float(np.linalg.norm(vectors[0])) - 1) < 1e-5
    assert not vectors[1:].any()


def test_reading_word_by_word_gives_the_models_own_vector():
    text = "Talks on a ceasefire resumed in Istanbul on Tuesday, officials said."
    assert float(embed([text])[0] @ _model().embed([text], norm=True)[0]) > 0.9999


@pytest.mark.parametrize(
    ("found", "nearest", "themes"),
    [
        ([], "energy", ["energy"]),
        (["strikes"], "energy", ["strikes", "energy"]),
        (["energy"], "energy", ["energy"]),
        (["a", "b", "c"], "energy", ["a", "b", "c"]),
        (["strikes"], None, ["strikes"]),
    ],
)
def test_the_nearest_theme_joins_the_rules_within_three(found, nearest, themes):
    assert with_nearest(found, nearest) == themes
