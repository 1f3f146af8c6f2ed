"""Page furniture never becomes an event or event text."""

from __future__ import annotations

import pytest

from timeline.ingest import parse_document
from timeline.ingest.boilerplate import find_outlet, strip_boilerplate

NEWS = "Ukrainian forces repelled an assault near the village overnight, the general staff said."


@pytest.mark.parametrize(
    "furniture",
    [
        "Share this articleComments",
        "Copy/paste the article video embed link below:Copy to clipboardCopied",
        "By Euronews with AP",
        "Sean Gallup/Getty Images",
        "A destroyed bridge near the front line. Photograph: Anatolii Stepanov/AFP",
        "A view of the city | Image: AP",
        "Subscribe to Independent Premium to bookmark this article",
        "Join our commenting forum",
        "nm/rt (AFP, Reuters, AP)",
        "(dpa, Reuters)",
        "Advertisement",
        "Published on Updated",
        "EMEA Tribune is not involved in this news article, it is taken from our partners.",
        "Sign up for our free morning newsletter",
        "Breaking",
        "Pinned post",
        "Author: Olena Mukha",
        "Tags: SBU, drones, Bryansk",
        "Reporting by Anna Petrenko in Kyiv; Editing by John Smith",
        "4 min read",
        "Follow the agency's coverage of the war at https://example.com/hub/war",
        "___",
        "Kovalenko reported from Kyiv. Associated Press writer Ivan Petrov contributed.",
    ],
)
def test_it_drops_furniture_lines(furniture):
    assert strip_boilerplate([NEWS, furniture, NEWS]) == [NEWS, NEWS]


def test_it_cuts_a_donation_ask_glued_to_the_next_sentence():
    lines = [
        "Your support helps us to tell the story",
        "Independent journalism costs money, and we rely on readers.",
        "Your donation keeps our reporters on the ground.",
        "Your support makes all the difference." + NEWS,
    ]
    assert strip_boilerplate(lines) == [NEWS]


def test_it_drops_a_related_link_list_at_the_end():
    lines = [NEWS, "You might also like", "Kyiv hit by drones overnight", "Talks stall in Geneva"]
    assert strip_boilerplate(lines) == [NEWS]


def test_a_related_list_ends_where_a_headline_over_a_paragraph_starts_a_section():
    lines = [NEWS, "Related", "Kyiv hit by drones overnight", "Talks stall in Geneva", NEWS]
    assert strip_boilerplate(lines) == [NEWS, "Talks stall in Geneva", NEWS]


def test_a_related_list_ends_at_the_headline_over_an_entrys_stamp():
    lines = [NEWS, "Related", "Kyiv hit by drones overnight", "Port reopens after storm", "21:44 , Jo Bloggs", NEWS]
    assert strip_boilerplate(lines) == [NEWS, "Port reopens after storm", "21:44 , Jo Bloggs", NEWS]


@pytest.mark.parametrize(
    "headline", ["Junta expels foreign reporters", "Rescuers find the missing climbing team", "Embassy cuts its staff"]
)
def test_a_headline_ending_like_a_newsrooms_credit_is_kept(headline):
    assert strip_boilerplate([NEWS, headline, NEWS]) == [NEWS, headline, NEWS]


@pytest.mark.parametrize("credit", ["By Coastal Herald Staff", "The Valley Times news desk", "Harbour Post reporters"])
def test_a_newsrooms_credit_is_dropped(credit):
    assert strip_boilerplate([NEWS, credit, NEWS]) == [NEWS, NEWS]


def test_it_drops_a_caption_scraped_alone_and_again_with_its_credit():
    caption = "In this photo released by the regional government, the leader tours a factory"
    lines = [caption, caption + " Copyright Regional government via AP", NEWS]
    assert strip_boilerplate(lines) == [NEWS]


def test_a_separator_line_is_not_glued_to_the_paragraph_above():
    from timeline.ingest.text import normalise

    assert normalise(f"{NEWS}\n___\nMore news.") == [NEWS, "___", "More news."]


def test_a_menu_with_initials_in_it_is_still_a_menu():
    menu = ["World", "U.S.", "Politics", "Sports", "Business"]
    assert strip_boilerplate([*menu, NEWS]) == [NEWS]


def test_a_read_next_list_goes_with_its_section_names_and_dates():
    teasers = ["Read Next", "World", "Zelensky says talks need a Nato invitation first", "December 3, 2024"]
    teasers += ["Europe", "Russia and Belarus to sign security pact, says Lukashenko", "December 3, 2024"]
    assert strip_boilerplate([NEWS, *teasers]) == [NEWS]


def test_it_drops_navigation_menus():
    lines = ["SEARCH", "Quick links:", "World News", "Sports News", "Elections", NEWS]
    assert strip_boilerplate(lines) == [NEWS]


def test_it_keeps_media_posts_that_look_like_captions():
    lines = ["Photos: Blackout in Kyiv as Russian strikes leave people without power", NEWS]
    assert strip_boilerplate(lines) == lines


def test_it_finds_the_outlet_in_a_byline():
    assert find_outlet(["Title here", "By Euronews with AP"]) == "Euronews"
    assert find_outlet(["By Jane Smith"]) == ""


def test_furniture_never_becomes_an_event():
    text = "\n".join(
        [
            "Kyiv round-up: drones, talks and a verdict",
            "Published 4 March 2024",
            "Drones hit energy sites in the west",
            NEWS,
            "Share this articleComments",
            "Court jails saboteur for 12 years",
            "A court in Lviv jailed a man for 12 years for sabotage on Monday. Prosecutors welcomed it.",
            "You might also like",
            "Other story one about something",
            "Other story two about something else",
        ]
    )
    headlines = [e.headline for e in parse_document(text).events]
    assert headlines == ["Drones hit energy sites in the west", "Court jails saboteur for 12 years"]


GATED_EXAMPLES = [
    "PREMIUM SUBSCRIPTION required to read on",
    "Bookmark your favourite article for later",
    "Our site is not responsible for the content of external websites.",
    "All Rights Reserved.",
    "Staff writers Ana Ruiz and Tom Ward contributed.",
    "Tom Ward reported from Odesa",
    "Sign up to our NEWSLETTER today",
    "Check your inbox for the link. Read our privacy policy.",
    "Copyright 2024 The Daily Example",
    "© Example Agency",
    "The ministry said the copyright office was closed.",
    "She said she had signed up for the newsletter, the court heard.",
    "Rescuers search the rubble of a school. Jane Doe / Reuters",
    "Troops on parade (AP Photo by Tom Ward)",
    "Smoke over the port | Photo credit: Tom Ward",
    "Firefighters at the scene. Photograph: Ana Ruiz",
    "A convoy near the border [File: Ana Ruiz/AFP]",
    "Troops on parade (AP Photo/Tom Ward, File)",
    "The damaged bridge, in an image released via Reuters",
    "Crowds gathered on Sunday.Credit...Jane Doe for the paper",
    "A strike on the depot (Example Town Council/Telegram)",
    "Ships leave the harbour (Example News: Jane Doe)",
]


def test_a_gated_pattern_finds_what_its_pattern_finds_and_its_words_are_in_every_match():
    """The words let a pattern be skipped only where it cannot match: each match holds one of them."""
    from timeline.ingest.boilerplate import COPYRIGHT, CREDIT_AT_END, FURNITURE_ANYWHERE, SIGN_UP
    from timeline.tooling.ingest_corpus import synthetic_corpus

    lines = GATED_EXAMPLES + [line for _, text in synthetic_corpus(200_000, seed=5) for line in text.splitlines()]
    lines += [line.upper() for line in GATED_EXAMPLES]
    matched = 0
    for gated in (FURNITURE_ANYWHERE, SIGN_UP, COPYRIGHT, CREDIT_AT_END):
        for line in lines:
            found = gated.pattern.search(line)
            assert bool(gated.search(line)) == bool(found), line
            if found:
                matched += 1
                assert any(word in found.group(0).casefold() for word in gated.words), (found.group(0), gated.words)
    assert matched >= 2 * len(GATED_EXAMPLES)
