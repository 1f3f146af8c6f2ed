"""The events as data: one serializer for the export command, the exports and the JSON API (the export contract),
and the formats other tools read: CSV, iCalendar, TimelineJS."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html

from timeline.ingest.dates import long_date
from timeline.ingest.zones import zone
from timeline.models import Document, Event
from timeline.query.paging import BATCH

CHUNK = 64 * 1024  # characters sent at a time


def document_dict(document: Document) -> dict:
    return {
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "published_basis": document.published_basis,
        "date_hint": document.date_hint.isoformat() if document.date_hint else None,
        "date_hint_reason": document.date_hint_text,
        "timezone": document.timezone,
        "needs_review": document.needs_review,
    }


def event_dict(event: Event) -> dict:
    actors, locations, themes = contract_tags(event)
    return {
        "id": event.pk,
        "source": event.document.source,
        "position": event.position,
        "headline": event.headline,
        "body": event.body,
        "reported_at": reported_iso(event),
        "occurred_on": event.occurred_on.isoformat() if event.occurred_on else None,
        "date_precision": event.date_precision,
        "date_basis": event.date_basis,
        "needs_review": event.needs_review,
        "duplicate_of": event.duplicate_of_id,
        "actors": actors,
        "locations": locations,
        "themes": themes,
    }


def contract_tags(event: Event) -> tuple[list[str], list[str], list[str]]:
    """Actor and location names and theme slugs, each in name order: from the tags a page of the timeline attached
    (`browse.attach_tags`, one query for the page), else from the event's relations (prefetched by the caller)."""
    if hasattr(event, "tag_list"):
        named = {kind: [tag for tag in event.tag_list if tag.kind == kind] for kind in ("actor", "location", "theme")}
        return (
            [tag.label for tag in named["actor"]],
            [tag.label for tag in named["location"]],
            [tag.value for tag in named["theme"]],
        )
    # Sorted here, not by the database, whose collation may differ from the page's Python sort.
    return (
        sorted(actor.name for actor in event.actors.all()),
        sorted(location.name for location in event.locations.all()),
        [theme.slug for theme in sorted(event.themes.all(), key=lambda theme: theme.name)],
    )


def contract(documents: Iterable[Document], events: Iterable[Event]) -> Iterator[str]:
    """The export contract, written as it is read: the documents, then their events."""
    return json_object({"documents": map(document_dict, documents), "events": map(event_dict, events)})


def reported_iso(event: Event) -> str | None:
    """An ISO datetime in the document's zone where a time is known, else an ISO date, else None."""
    if event.reported_at:
        return event.reported_at.astimezone(zone(event.document.timezone)).isoformat()
    return event.reported_on.isoformat() if event.reported_on else None


def every_event_in_contract_order() -> Iterator[Event]:
    """Every event, by source and position, its document and tags read with each batch."""
    events = Event.objects.select_related("document").defer("document__text")
    ordered = events.prefetch_related("actors", "locations", "themes").order_by("document__source", "position")
    return ordered.iterator(chunk_size=BATCH)


def json_object(members: dict[str, object]) -> Iterator[str]:
    """A JSON object written a piece at a time: a member that is an iterator becomes an array written item by item,
    so the object's size never sits in memory."""
    yield "{"
    for number, (name, value) in enumerate(members.items()):
        yield ("," if number else "") + json.dumps(name) + ":"
        if isinstance(value, Iterator):
            yield "["
            for position, item in enumerate(value):
                yield ("," if position else "") + json.dumps(item, ensure_ascii=False)
            yield "]"
        else:
            yield json.dumps(value, ensure_ascii=False)
    yield "}"


def in_chunks(pieces: Iterable[str], size: int = CHUNK) -> Iterator[bytes]:
    """Text pieces joined into UTF-8 chunks of about `size` characters: a few writes to the socket for a large
    export, not one for each line."""
    buffered: list[str] = []
    length = 0
    for piece in pieces:
        buffered.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffered).encode()
            buffered, length = [], 0
    if buffered:
        yield "".join(buffered).encode()


CSV_COLUMNS = (
    "id",
    "when",
    "occurred_on",
    "reported_at",
    "date_precision",
    "date_basis",
    "headline",
    "body",
    "source",
    "actors",
    "locations",
    "themes",
    "url",
)


class _Lines:
    """A file for `csv.writer` whose write hands the line back, so rows are yielded as they are written."""

    def write(self, line: str) -> str:
        return line


def csv_rows(events: Iterable[Event], url_of: Callable[[Event], str]) -> Iterator[str]:
    """One row an event, the export contract's fields plus the date as the page words it and the event's page."""
    writer = csv.DictWriter(_Lines(), fieldnames=CSV_COLUMNS, extrasaction="ignore")
    yield writer.writeheader()
    for event in events:
        row = event_dict(event) | {"when": event.when.text, "url": url_of(event)}
        for name in ("actors", "locations", "themes"):
            row[name] = "; ".join(row[name])
        yield writer.writerow(row)


def calendar(events: Iterable[Event], name: str, url_of: Callable[[Event], str]) -> Iterator[str]:
    """An iCalendar file, a VEVENT at a time: a timed one for an event known to the minute, an all-day one for a day.

    Events known only to the month or year, and undated ones, are left out: a calendar entry would claim a day.
    """
    head = icalendar.Calendar()
    head.add("prodid", f"-//{settings.TIMELINE_TITLE}//EN")
    head.add("version", "2.0")
    head.add("x-wr-calname", name)
    end = "END:VCALENDAR\r\n"
    yield head.to_ical().decode().removesuffix(end)
    stamp = timezone.now()
    for event in events:
        moment = event.moment
        if moment is None or moment[1] not in ("minute", "day"):
            continue
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@conflict-timeline")
        entry.add("dtstamp", stamp)
        # A date gives an all-day VEVENT; a time with no end is an instant (RFC 5545, 3.6.1).
        entry.add("dtstart", moment[0].astimezone(dt.UTC) if moment[1] == "minute" else moment[0])
        entry.add("summary", event.headline)
        entry.add("description", f"{event.when.text}. {event.body}".strip())
        entry.add("url", url_of(event))
        tags = [tag.label for tag in getattr(event, "tag_list", [])]
        if tags:
            entry.add("categories", tags)
        yield entry.to_ical().decode()
    yield end


def timelinejs(events: Iterable[Event], title: str, url_of: Callable[[Event], str]) -> Iterator[str]:
    """TimelineJS's JSON, a slide an event, its start_date holding only the parts of the date that are known.

    TimelineJS has no time zones, so a time is given as the source's local time, and `display_date` names it.
    Undated events are left out: a slide must have a year.
    """
    slides = (slide(event, url_of) for event in events if event.moment is not None)
    return json_object(
        {"title": {"text": {"headline": title, "text": "Events from the conflict timeline"}}, "events": slides}
    )


def slide(event: Event, url_of: Callable[[Event], str]) -> dict:
    when, precision = event.moment
    parts = ("year", "month", "day", "hour", "minute")
    known = {"year": 1, "month": 2, "day": 3, "minute": 5}[precision]
    start = {part: getattr(when, part) for part in parts[:known]}
    # A slide shows its display date alone: a time needs its day beside it.
    shown = event.when.text
    start["display_date"] = f"{long_date(when.date())}, {shown}" if precision == "minute" else shown
    return {
        "start_date": start,
        "text": {
            "headline": event.headline,
            "text": format_html('{} <a href="{}">More</a>', event.body, url_of(event)),
        },
        "group": event.document.label,
        "unique_id": f"event-{event.pk}",
    }
