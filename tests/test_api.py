"""The read-only JSON API: the page's filters, pages by cursor, validators that spare a second download, CORS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.http import http_date

from timeline.models import Event, Revision
from timeline.publishing import exports, formats

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    return [
        make_event(f"Strike {day}", dt.date(2024, 12, day), "10:00", themes=("strikes",) if day % 2 else ("energy",))
        for day in range(1, 8)
    ]


def test_it_pages_through_the_filtered_events_by_cursor(client, events, monkeypatch):
    monkeypatch.setattr(exports, "API_PAGE_SIZE", 2)
    url, seen = "/api/events?theme=strikes", []
    while url:
        page = client.get(url).json()
        assert len(page["events"]) <= 2
        seen += [event["headline"] for event in page["events"]]
        url = page["next"]
    assert seen == ["Strike 7", "Strike 5", "Strike 3", "Strike 1"]


def test_it_serializes_as_the_export_command_does(client):
    """The page's tags (read in one query) and the command's (read through the relations) give the same lists."""
    tagged = make_event(
        "Leaders meet in Kyiv",
        dt.date(2024, 12, 9),
        "10:00",
        actors=("Volodymyr Zelensky", "Emmanuel Macron", "NATO"),
        locations=("Kyiv", "Brussels"),
        themes=("weapons", "diplomacy"),
    )
    (served,) = client.get("/api/events").json()["events"]
    assert served == formats.event_dict(Event.objects.get(pk=tagged.pk))
    assert served["actors"] == ["Emmanuel Macron", "NATO", "Volodymyr Zelensky"]
    assert served["themes"] == ["diplomacy", "weapons"]


def test_an_unchanged_view_is_not_sent_again_and_a_change_is(client, events):
    response = client.get("/api/events")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/api/events", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/api/events", headers={"If-Modified-Since": modified}).status_code == 304
    Event.objects.filter(pk=events[0].pk).update(headline="Strike one, corrected")
    Revision.bump()
    again = client.get("/api/events", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_last_modified_is_when_the_data_last_changed(client, events):
    changed = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    Revision.objects.filter(pk=1).update(changed_at=changed)
    assert client.get("/api/events")["Last-Modified"] == http_date(changed.timestamp())


def test_any_site_may_read_it_but_not_write(client, events):
    response = client.get("/api/events", headers={"Origin": "https://news.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/events", headers={"Origin": "https://news.example"})
    assert preflight.status_code == 204
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert client.post("/api/events").status_code == 405


def test_a_bad_cursor_is_a_400_that_says_so(client, events):
    response = client.get("/api/events?cursor=nowhere")
    assert response.status_code == 400
    assert response.json() == {"errors": ["“nowhere” is not a place in the timeline."]}


def test_a_bad_query_is_refused_even_with_the_current_etag(client, events):
    etag = client.get("/api/events")["ETag"]
    assert client.get("/api/events?actor=x", headers={"If-None-Match": etag}).status_code == 400
