"""The events of the reader's pages, each made once for every page it is on.

At a million events, reading a page's twenty events and their tags from the database, and making their list items,
took a quarter of a view's time; and most pages show events other pages show too. The index in hand keeps each event
as made (`Index.shown`), and an update keeps those of the documents it left alone. How often an event was posted is
asked for every page, in one small query: a repeat's change is noted under its own document, not under the event it
repeats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from timeline.models import Event
from timeline.query.counting import Index
from timeline.query.paging import events_of, tag_links

# Events kept made, each about 1.5 KB: the events of a hundred pages.
MOST_KEPT = 2000


@dataclass(frozen=True, slots=True)
class Shown:
    """An event as the timeline lists it."""

    pk: int
    document_id: int
    occurred_on: dt.date | None  # the day it is listed under
    sort_key: str  # where it stands, for the cursor after it
    repeat_count: int
    html: SafeString  # its list item


def shown_events(index: Index, ids: list[int]) -> list[Shown]:
    """The events of these ids in their order, as the timeline lists them: made now unless the index keeps them,
    posted as often as they are now. An event deleted since the ids were read is passed over."""
    kept = index.shown
    repeats = _repeat_counts(ids)
    found = {pk: shown for pk in ids if (shown := kept.get(pk)) and shown.repeat_count == repeats.get(pk, 0)}
    if missing := [pk for pk in ids if pk not in found]:
        for event in events_of(missing):
            found[event.pk] = _kept(kept, _made(event))
    return [found[pk] for pk in ids if pk in found]


def _repeat_counts(ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    repeats = Event.objects.filter(duplicate_of__in=ids).order_by().values_list("duplicate_of")
    return dict(repeats.annotate(n=Count("id")))


def _made(event: Event) -> Shown:
    event.tag_links = tag_links(event.tag_list)
    html = render_to_string("reading/index.html#event", {"event": event})
    return Shown(event.pk, event.document_id, event.occurred_on, event.sort_key, event.repeat_count or 0, html)


def _kept(kept: dict[int, Shown], shown: Shown) -> Shown:
    """Keeps an event made, letting go of the one kept longest once there are as many as may be."""
    if len(kept) >= MOST_KEPT:
        kept.pop(next(iter(kept), None), None)
    kept[shown.pk] = shown
    return shown
