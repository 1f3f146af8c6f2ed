"""The events of the reader's pages, each made once for every page it is on and made anew once what it shows
changed (`reading/shown.py`)."""

import datetime as dt

import pytest

from timeline.models import Actor, Event, Revision
from timeline.query.held import current_index
from timeline.reading import shown

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)


@pytest.fixture(autouse=True)
def views_made_for_each_request(settings):
    settings.TIMELINE_KEEP_VIEWS = False


def test_an_event_on_two_pages_is_read_once_and_made_anew_when_its_document_changes(client):
    event = make_event("Talks in Geneva", DAY, "08:00", actors=("Anna Envoy",))
    client.get("/")
    Event.objects.filter(pk=event.pk).update(headline="Talks in Vienna")  # unseen by the index: no revision grew
    assert b"<h3>Talks in Geneva</h3>" in client.get("/", {"actor": "anna-envoy"}).content  # as kept
    Revision.bump([event.document_id])
    assert b"<h3>Talks in Vienna</h3>" in client.get("/", {"actor": "anna-envoy"}).content


def test_an_event_kept_is_read_again_for_the_page_once_posted_again_elsewhere(client):
    original = make_event("Strike on Kyiv", DAY, "09:00")
    assert b"posted 2 times" not in client.get("/").content
    repeat = make_event("Strike on Kyiv, again", DAY, "09:05")
    Event.objects.filter(pk=repeat.pk).update(duplicate_of=original)  # as ingest links a repeat, in its document
    Revision.bump([repeat.document_id])
    assert b"posted 2 times" in client.get("/").content


def test_every_event_kept_is_made_anew_once_a_name_changes(client):
    make_event("Talks in Geneva", DAY, "08:00", actors=("Anna Envoy",))
    assert b"actor: </span>Anna Envoy<" in client.get("/").content  # the event's tag
    Actor.objects.filter(name="Anna Envoy").update(name="Anna Envoyova")
    Revision.bump(documents=())  # as saving a renamed actor does
    assert b"actor: </span>Anna Envoyova<" in client.get("/").content


def test_no_more_events_are_kept_than_may_be(client, monkeypatch):
    monkeypatch.setattr(shown, "MOST_KEPT", 2)
    for hour in range(3):
        make_event(f"Report {hour}", DAY, f"0{hour}:00")
    assert client.get("/").content.count(b"<h3>Report") == 3
    assert len(current_index().shown) == 2
