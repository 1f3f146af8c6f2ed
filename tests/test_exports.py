"""Exports of a filtered view, read back by the parsers their users have: csv, icalendar, feedparser, TimelineJS's
documented fields. Each export holds exactly the events the same filters give on the page."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import tracemalloc

import feedparser
import icalendar
import pytest
from django.core.management import call_command

from timeline.models import Event, Theme
from timeline.publishing import exports, formats

from .factories import make_event

pytestmark = pytest.mark.django_db

# Every address that serves the timeline's events as data rather than as a page.
DATA_URLS = [
    "/export/events.json",
    "/export/events.csv",
    "/export/events.ics",
    "/export/timelinejs.json",
    "/feed/events.atom",
    "/api/events",
]


@pytest.fixture
def events():
    """A strike known to the minute, a strike known to the day, a diplomatic event, and an undated strike."""
    return {
        "timed": make_event("Missiles hit Kyiv", dt.date(2024, 12, 3), "09:15", themes=("strikes",), body="Overnight."),
        "day": make_event("Drone strike on depot", dt.date(2024, 12, 2), themes=("strikes",)),
        "talks": make_event("Talks in Geneva", dt.date(2024, 12, 1), "14:00", themes=("diplomacy",)),
        "undated": make_event("Strike on a bridge", None, themes=("strikes",)),
    }


STRIKES = "?theme=strikes"


def headlines_on_the_page(client, query: str) -> set[str]:
    """What the timeline page itself shows for the query: the reference every export is held to."""
    return set(map(html.unescape, re.findall(r"<h3>(.*?)</h3>", client.get("/" + query).content.decode())))


def test_the_timeline_page_narrows_to_the_strikes(client, events):
    strikes = {"Missiles hit Kyiv", "Drone strike on depot", "Strike on a bridge"}
    assert headlines_on_the_page(client, STRIKES) == strikes


def test_the_json_export_is_the_contract_for_the_filtered_events(client, events):
    response = client.get("/export/events.json" + STRIKES)
    payload = json.loads(response.getvalue())
    assert {event["headline"] for event in payload["events"]} == headlines_on_the_page(client, STRIKES)
    timed = next(event for event in payload["events"] if event["id"] == events["timed"].pk)
    # The same serializer as `manage.py export_events`: the two never disagree.
    assert timed == formats.event_dict(Event.objects.get(pk=events["timed"].pk))
    assert {document["source"] for document in payload["documents"]} == {event["source"] for event in payload["events"]}


def test_the_csv_export_reads_back_with_the_csv_module(client, events):
    response = client.get("/export/events.csv" + STRIKES)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert {row["headline"] for row in rows} == headlines_on_the_page(client, STRIKES)
    timed = next(row for row in rows if row["headline"] == "Missiles hit Kyiv")
    assert timed["when"] == "09:15 UTC"
    assert timed["reported_at"] == "2024-12-03T09:15:00+00:00"
    assert timed["themes"] == "strikes"
    assert timed["url"].endswith(f"/events/{events['timed'].pk}/")
    assert next(row for row in rows if row["headline"] == "Strike on a bridge")["when"] == "date unconfirmed"


def test_the_calendar_has_a_timed_event_an_all_day_event_and_no_undated_one(client, events):
    response = client.get("/export/events.ics" + STRIKES)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.getvalue())
    entries = {str(entry["summary"]): entry for entry in calendar.walk("VEVENT")}
    # The undated strike is left out: a calendar entry would claim a day; the diplomatic event is filtered out.
    assert set(entries) == {"Missiles hit Kyiv", "Drone strike on depot"}
    timed = entries["Missiles hit Kyiv"].decoded("dtstart")
    assert timed == dt.datetime(2024, 12, 3, 9, 15, tzinfo=dt.UTC)
    all_day = entries["Drone strike on depot"].decoded("dtstart")
    assert type(all_day) is dt.date and all_day == dt.date(2024, 12, 2)
    assert entries["Missiles hit Kyiv"]["uid"] != entries["Drone strike on depot"]["uid"]


def test_the_calendar_keeps_a_late_report_to_its_day(client):
    """A time stamped the day after the thing happened is the report's time: the event keeps just its day."""
    event = make_event("Overnight attack", dt.date(2024, 12, 3), "08:00")
    Event.objects.filter(pk=event.pk).update(occurred_on=dt.date(2024, 12, 2), sort_key="2024-12-02")
    calendar = icalendar.Calendar.from_ical(client.get("/export/events.ics").getvalue())
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == dt.date(2024, 12, 2)


def test_the_atom_feed_parses_and_follows_the_filter(client, events):
    response = client.get("/feed/events.atom" + STRIKES)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "What: Strikes · Conflict timeline"
    titles = [entry.title for entry in feed.entries]
    assert titles[:2] == ["09:15 UTC: Missiles hit Kyiv", "2 December 2024: Drone strike on depot"]
    assert {title.split(": ", 1)[1] for title in titles} == headlines_on_the_page(client, STRIKES)
    assert all(entry.link.startswith("http://testserver/events/") and entry.updated for entry in feed.entries)


def test_the_timelinejs_json_has_the_documented_fields_and_no_invented_precision(client, events):
    payload = json.loads(client.get("/export/timelinejs.json" + STRIKES).getvalue())
    assert payload["title"]["text"]["headline"] == "What: Strikes · Conflict timeline"
    slides = {slide["text"]["headline"]: slide for slide in payload["events"]}
    # A slide must have a start_date with a year, so the undated strike is left out.
    assert set(slides) == {"Missiles hit Kyiv", "Drone strike on depot"}
    for slide in payload["events"]:
        assert set(slide) <= {"start_date", "end_date", "text", "media", "group", "display_date", "unique_id"}
        assert isinstance(slide["start_date"]["year"], int)
        assert set(slide["text"]) <= {"headline", "text"}
    assert slides["Missiles hit Kyiv"]["start_date"] == {
        "year": 2024,
        "month": 12,
        "day": 3,
        "hour": 9,
        "minute": 15,
        "display_date": "3 December 2024, 09:15 UTC",  # a slide shows it alone: the time with its day
    }
    assert slides["Drone strike on depot"]["start_date"] == {
        "year": 2024,
        "month": 12,
        "day": 2,
        "display_date": "2 December 2024",
    }
    assert len({slide["unique_id"] for slide in payload["events"]}) == 2


def test_a_month_known_only_to_the_month_has_no_day_in_timelinejs_and_no_calendar_entry(client):
    event = make_event("Offensive begins", dt.date(2024, 11, 1))
    Event.objects.filter(pk=event.pk).update(date_precision="month")
    (slide,) = json.loads(client.get("/export/timelinejs.json").getvalue())["events"]
    assert slide["start_date"] == {"year": 2024, "month": 11, "display_date": "November 2024"}
    assert icalendar.Calendar.from_ical(client.get("/export/events.ics").getvalue()).walk("VEVENT") == []


@pytest.mark.parametrize(
    "url",
    DATA_URLS,
)
def test_a_nonsense_filter_is_refused_by_name_in_every_export(client, events, url):
    response = client.get(url + "?theme=no-such-theme&date_from=yesterday")
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert any("no-such-theme" in error and error.startswith("What:") for error in errors), errors
    assert any(error.startswith("From:") for error in errors), errors


def test_the_page_links_each_export_with_its_filters(client, events):
    strikes = Theme.objects.get(slug="strikes")
    page = client.get(f"/?theme={strikes.slug}&all=actor").content.decode()
    for url in ("/export/events.csv", "/export/events.json", "/export/events.ics", "/export/timelinejs.json"):
        assert f'href="{url}?theme=strikes"' in page
    feed = 'type="application/atom+xml" title="What: Strikes · Conflict timeline"'
    feed += ' href="/feed/events.atom?theme=strikes"'
    assert feed in page


@pytest.mark.parametrize(
    "url", ["/export/events.json", "/export/events.csv", "/export/events.ics", "/export/timelinejs.json"]
)
def test_an_export_is_written_as_it_is_read_in_memory_that_does_not_grow_with_its_size(client, monkeypatch, url):
    call_command("generate_timeline", "--events", "2000", "--documents", "20", stdout=io.StringIO())
    small, large = (largest_memory_while_sending(client, monkeypatch, url, limit) for limit in (600, 1800))
    assert large["bytes"] > 2.5 * small["bytes"]  # three times the events sent
    assert large["peak"] < 1.3 * small["peak"], (small, large)


def largest_memory_while_sending(client, monkeypatch, url: str, limit: int) -> dict:
    """The most memory Python held while the export of up to `limit` events was sent, each chunk dropped once sent
    as a server does; and the export's size."""
    monkeypatch.setattr(exports, "EXPORT_LIMIT", limit)
    assert client.get(url, {"date_to": "1900-01-01"}).status_code == 200  # reads the index before measuring
    tracemalloc.start()
    try:
        response = client.get(url)
        sent = sum(len(chunk) for chunk in response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {"peak": peak, "bytes": sent}
