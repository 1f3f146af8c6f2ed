"""Finding an option in a long facet: the box under Who, Where and Source narrows its list on the server, with the
view's other filters, for htmx as the reader types and for a plain form without JavaScript."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.models import Actor
from timeline.reading.summary import FACET_SIZE

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)
PEOPLE = [f"Person Number{n:02d}" for n in range(FACET_SIZE + 4)]


@pytest.fixture
def crowd():
    """More people than the Who list shows, each in one strike, and two diplomats."""
    for number, person in enumerate(PEOPLE):
        make_event(f"Strike {number}", DAY, f"09:{number:02d}", actors=(person,), themes=("strikes",))
    make_event("Talks in Geneva", DAY, "10:00", actors=("Marta Kos", "Kaja Kallas"), themes=("diplomacy",))
    make_event("Talks in Vienna", DAY, "11:00", actors=("Kaja Kallas",), themes=("diplomacy",))


def options(page: str, facet: str) -> list[tuple[str, str]]:
    """The (name, count) of each option the facet lists."""
    found = re.search(rf'<div class="options" id="options-{facet}">(.*?)</div>', page, re.S)
    part = found[1] if found else page
    return re.findall(r'<span class="name">([^<]+)</span> <span class="n">(\d+)</span>', part)


def test_a_long_facet_offers_a_box_and_a_short_one_does_not(client, crowd):
    page = client.get("/").content.decode()
    assert 'id="find-actor" name="find_actor"' in page
    assert '<label class="visually-hidden" for="find-actor">Find in Who</label>' in page
    assert 'id="find-theme"' not in page
    assert 'id="find-actor"' not in client.get("/", {"theme": "diplomacy"}).content.decode()


def test_the_box_lists_the_names_holding_every_word_with_counts_under_the_other_filters(client, crowd):
    answer = client.get("/facets/actor/", {"find_actor": "kal", "theme": "diplomacy"}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert options(answer.content.decode(), "actor") == [("Kaja Kallas", "2")]
    assert "1 match for “kal”" in answer.content.decode()
    both = client.get("/facets/actor/", {"find_actor": "kal kaj"}).content.decode()
    assert options(both, "actor") == [("Kaja Kallas", "2")]
    many = client.get("/facets/actor/", {"find_actor": "number1"}).content.decode()
    assert [name for name, _ in options(many, "actor")] == ["Person Number10", "Person Number11"]


def test_other_spellings_are_found_too(client, crowd):
    Actor.objects.filter(name="Kaja Kallas").update(aliases=["Kaia Kallas"])
    page = client.get("/facets/actor/", {"find_actor": "kaia"}).content.decode()
    assert options(page, "actor") == [("Kaja Kallas", "2")]


def test_a_chosen_name_stays_listed_whatever_is_typed(client, crowd):
    chosen = Actor.objects.get(name="Marta Kos").slug
    page = client.get("/facets/actor/", {"find_actor": "number03", "actor": chosen}).content.decode()
    assert [name for name, _ in options(page, "actor")] == ["Marta Kos", "Person Number03"]
    assert re.search(rf'value="{chosen}" checked', page)


def test_nothing_found_says_so(client, crowd):
    page = client.get("/facets/location/", {"find_location": "atlantis"}).content.decode()
    assert options(page, "location") == []
    assert "No match for “atlantis” with these filters" in page


def test_without_javascript_the_form_narrows_the_facet_on_the_whole_page(client, crowd):
    page = client.get("/", {"find_actor": "number0"}).content.decode()
    assert [name for name, _ in options(page, "actor")] == [p for p in PEOPLE if "Number0" in p][:FACET_SIZE]
    assert 'value="number0"' in page
    # Typing in a box narrows a list; it is not a filter of the events, nor part of what an embed shows.
    assert f'aria-live="polite">{len(PEOPLE) + 2} events</p>' in page
    assert "find_actor" not in re.search(r'<textarea id="embed-frame"[^>]*>(.*?)</textarea>', page, re.S)[1]


@pytest.mark.parametrize("query", [{"find_actor": "\x00" * 5000}, {"find_source": "%"}, {"find_actor": "' OR 1=1"}])
def test_what_is_typed_never_breaks_the_list(client, crowd, query):
    kind = next(iter(query)).removeprefix("find_")
    assert client.get(f"/facets/{kind}/", query).status_code == 200


def test_a_facet_that_has_no_box_is_not_found(client, crowd):
    assert client.get("/facets/theme/", {"find_theme": "x"}).status_code == 404
    assert client.get("/facets/nonsense/").status_code == 404
