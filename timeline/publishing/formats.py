"""The events as data: one serializer for the export command, the exports and the JSON API (the export contract),
and the formats other tools read: CSV, iCalendar, TimelineJS."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import format_html

from timeline.ingest.dates import long_date
from timeline.ingest.zones import zone
from timeline.models import Document, Event


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


def page_payload(events: list[Event]) -> dict:
    """The contract for a page of the timeline (documents joined, tags attached): its events and their documents,
    in the command's order."""
    events = sorted(events, key=lambda event: (event.document.source, event.position))
    documents = {event.document.source: event.document for event in events}
    return {
        "documents": [document_dict(documents[source]) for source in sorted(documents)],
        "events": [event_dict(event) for event in events],
    }


def reported_iso(event: Event) -> str | None:
    """An ISO datetime in the document's zone where a time is known, else an ISO date, else None."""
    if event.reported_at:
        return event.reported_at.astimezone(zone(event.document.timezone)).isoformat()
    return event.reported_on.isoformat() if event.reported_on else None


def export_payload(documents: QuerySet[Document], events: QuerySet[Event]) -> dict:
    events = events.select_related("document").defer("document__text").prefetch_related("actors", "locations", "themes")
    return {
        "documents": [document_dict(d) for d in documents],
        "events": [event_dict(e) for e in events.order_by("document__source", "position")],
    }


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


def write_csv(events: list[Event], out, url_of: Callable[[Event], str]) -> None:
    """One row an event, the export contract's fields plus the date as the page words it and the event's page."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for event in events:
        row = event_dict(event) | {"when": event.when.text, "url": url_of(event)}
        for name in ("actors", "locations", "themes"):
            row[name] = "; ".join(row[name])
        writer.writerow(row)


def calendar(events: list[Event], name: str, url_of: Callable[[Event], str]) -> bytes:
    """An iCalendar file: a timed VEVENT for an event known to the minute, an all-day one for a day.

    Events known only to the month or year, and undated ones, are left out: a calendar entry would claim a day.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.TIMELINE_TITLE}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
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
        cal.add_component(entry)
    return cal.to_ical()


def timelinejs(events: list[Event], title: str, url_of: Callable[[Event], str]) -> dict:
    """TimelineJS's JSON: a slide an event, its start_date holding only the parts of the date that are known.

    TimelineJS has no time zones, so a time is given as the source's local time, and `display_date` names it.
    Undated events are left out: a slide must have a year.
    """
    slides = []
    for event in events:
        moment = event.moment
        if moment is None:
            continue
        when, precision = moment
        parts = ("year", "month", "day", "hour", "minute")
        known = {"year": 1, "month": 2, "day": 3, "minute": 5}[precision]
        start = {part: getattr(when, part) for part in parts[:known]}
        # A slide shows its display date alone: a time needs its day beside it.
        shown = event.when.text
        start["display_date"] = f"{long_date(when.date())}, {shown}" if precision == "minute" else shown
        slides.append(
            {
                "start_date": start,
                "text": {
                    "headline": event.headline,
                    "text": format_html('{} <a href="{}">More</a>', event.body, url_of(event)),
                },
                "group": event.document.label,
                "unique_id": f"event-{event.pk}",
            }
        )
    return {"title": {"text": {"headline": title, "text": "Events from the conflict timeline"}}, "events": slides}
