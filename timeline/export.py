"""The events as data: one serializer for the export command and the JSON API (the export contract)."""

from __future__ import annotations

from django.db.models import QuerySet

from .ingest.dates import zone
from .models import Document, Event


def document_dict(document: Document) -> dict:
    return {
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "published_basis": document.published_basis,
        "date_hint": document.date_hint.isoformat() if document.date_hint else None,
        "timezone": document.timezone,
        "needs_review": document.needs_review,
    }


def event_dict(event: Event) -> dict:
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
        "actors": [a.name for a in event.actors.all()],
        "locations": [loc.name for loc in event.locations.all()],
        "themes": [t.slug for t in event.themes.all()],
    }


def reported_iso(event: Event) -> str | None:
    """An ISO datetime in the document's zone where a time is known, else an ISO date, else None."""
    if event.reported_at:
        return event.reported_at.astimezone(zone(event.document.timezone)).isoformat()
    return event.reported_on.isoformat() if event.reported_on else None


def export_payload(documents: QuerySet[Document], events: QuerySet[Event]) -> dict:
    events = events.select_related("document").prefetch_related("actors", "locations", "themes")
    return {
        "documents": [document_dict(d) for d in documents],
        "events": [event_dict(e) for e in events.order_by("document__source", "position")],
    }
