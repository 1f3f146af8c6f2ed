"""Filter addresses a person can read and type (`?actor=vladimir-putin&location=kyiv`), kept working when an
entity is merged and when an old address names it by id."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.models import Actor, Location
from timeline.models.slugs import slug_for, unique_slugs
from timeline.store.tags import merge, tag_events

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, kind, slug",
    [
        ("Vladimir Putin", "actor", "vladimir-putin"),
        ("Kyiv", "location", "kyiv"),
        ("Aleksandar Vučić", "actor", "aleksandar-vučić"),
        ("Київ", "location", "київ"),
        ("St. Petersburg", "location", "st-petersburg"),
        ("1420", "location", "location-1420"),  # never all digits: a number in an address is an old id
        ("!!!", "actor", "actor"),
    ],
)
def test_a_name_reads_as_a_slug(name, kind, slug):
    assert slug_for(name, kind) == slug


def test_names_that_read_alike_are_numbered_and_taken_slugs_avoided():
    taken = {"kyiv"}
    assert unique_slugs(["Kyiv ", "St. Petersburg", "St Petersburg"], "location", taken) == {
        "Kyiv ": "kyiv-2",
        "St. Petersburg": "st-petersburg",
        "St Petersburg": "st-petersburg-2",
    }
    assert {"kyiv", "kyiv-2", "st-petersburg", "st-petersburg-2"} <= taken


def test_the_gazetteer_gives_every_entity_a_slug_and_no_two_alike():
    for model in (Actor, Location):
        slugs = list(model.objects.values_list("slug", flat=True))
        assert slugs and "" not in slugs
        assert len(slugs) == len(set(slugs))
        assert not any(slug.isdigit() for slug in slugs)


def test_a_name_found_in_a_text_gets_a_slug_unlike_any_other():
    Actor.objects.create(name="O. Dovzhenko", slug="olena-dovzhenko", kind="person")
    event = make_event("Convoy leaves", dt.date(2024, 12, 2), "09:00", body="Governor Olena Dovzhenko said so.")
    tag_events([event])
    found = Actor.objects.get(name="Olena Dovzhenko")
    assert (found.slug, found.reviewed) == ("olena-dovzhenko-2", False)
    assert list(event.actors.all()) == [found]


@pytest.fixture
def strike():
    return make_event(
        "Drone strike on a depot", dt.date(2024, 12, 2), "09:00", actors=("Oleksandr Syrskyi",), locations=("Kharkiv",)
    )


def test_the_timeline_links_its_tags_and_takes_its_filters_by_slug(client, strike):
    page = client.get("/").content.decode()
    assert 'href="?actor=oleksandr-syrskyi"' in page
    assert 'name="location" value="kharkiv"' in page
    filtered = client.get("/", {"actor": "oleksandr-syrskyi", "location": "kharkiv"}).content.decode()
    assert "Drone strike on a depot" in filtered
    assert "Who: Oleksandr Syrskyi" in filtered and "Where: Kharkiv" in filtered


@pytest.mark.parametrize("path", ["/", "/embed/", "/api/events", "/export/events.csv", "/feed/events.atom"])
def test_an_address_with_ids_leads_for_good_to_the_same_view_by_slug(client, strike, path):
    actor, place = strike.actors.get(), strike.locations.get()
    response = client.get(path, {"actor": str(actor.pk), "location": [str(place.pk), "odesa"], "theme": "strikes"})
    assert response.status_code == 301
    assert response["Location"] == f"{path}?actor=oleksandr-syrskyi&location=kharkiv&location=odesa&theme=strikes"


def test_an_id_that_names_nothing_is_reported_not_redirected(client, strike):
    response = client.get("/", {"actor": "999999"})
    assert response.status_code == 200
    assert "There is no actor with the name “999999”." in response.content.decode()


def test_a_merged_names_address_still_shows_its_events_under_the_name_kept(client, strike):
    kept = Actor.objects.create(name="Oleksandr Syrsky", kind="person")
    merge(strike.actors.get(), kept)
    kept.refresh_from_db()
    assert kept.former_slugs == ["oleksandr-syrskyi"]
    page = client.get("/", {"actor": "oleksandr-syrskyi"}).content.decode()
    assert "Drone strike on a depot" in page and "Who: Oleksandr Syrsky" in page
    assert 'role="alert"' not in page
    # The chip that clears it names the entity as it is now called.
    assert re.search(r'href="\?" aria-label="Remove the filter Who: Oleksandr Syrsky"', page)


def test_oembed_of_an_old_address_embeds_the_view_by_slug(client, strike):
    actor = strike.actors.get()
    answer = client.get("/oembed", {"url": f"http://testserver/?actor={actor.pk}"}).json()
    assert answer["title"] == "Who: Oleksandr Syrskyi · Conflict timeline"
    assert 'src="http://testserver/embed/?actor=oleksandr-syrskyi"' in answer["html"]
