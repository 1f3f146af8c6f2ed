"""A page of the filtered events: which way it reads, from where, and its events with their tags, by day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.utils.html import format_html, format_html_join

from timeline.models import Event

from .counting import TAG_KINDS, link_table
from .cursor import Cursor, CursorField

if TYPE_CHECKING:
    from .counting import Selection

BATCH = 500  # events read at a time by an export


class PageForm(forms.Form):
    """How to read the filtered events: which way, and from where."""

    order = forms.ChoiceField(
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        required=False,
        error_messages={"invalid_choice": "“%(value)s” is not an order: use newest or oldest."},
    )
    cursor = CursorField(required=False, label="Continue from")
    # The view a reader had after loading more, kept in the address so Back and a reload show it all again.
    through = CursorField(required=False, label="Shown through")

    @property
    def oldest_first(self) -> bool:
        return self._cleaned("order") == "oldest"

    @property
    def mistakes(self) -> list[str]:
        return [error for errors in self.errors.values() for error in errors]

    @property
    def problems(self) -> list[str]:
        fallback = {
            "order": "Newest first is shown.",
            "cursor": "Reading from the start.",
            "through": "Showing the first page.",
        }
        return [f"{error} {fallback[name]}" for name, errors in self.errors.items() for error in errors]

    @property
    def start(self) -> Cursor | None:
        return self._cleaned("cursor")

    @property
    def shown_through(self) -> Cursor | None:
        return self._cleaned("through")

    def _cleaned(self, name: str):
        """A valid field's value, even when another field is not."""
        self.is_valid()
        return self.cleaned_data.get(name)


def page_of(selection: Selection, start: Cursor | None, size: int, oldest_first: bool):
    """Up to `size` events from `start` on, dated ones in time order and then the undated; and the next cursor."""
    return _page(*page_ids(selection, start, size, oldest_first))


def page_ids(selection: Selection, start: Cursor | None, size: int, oldest_first: bool) -> tuple[list[int], bool]:
    """The ids of up to `size` events from `start` on, and whether more follow."""
    ids = selection.index.page(selection.rows, start, size + 1, oldest_first)
    return ids[:size], len(ids) > size


def page_ids_through(
    selection: Selection, through: Cursor, size: int, oldest_first: bool, reach: int
) -> tuple[list[int], bool]:
    """The ids of the events from the first through `through`'s, when it is among the first `reach`; else of the
    first page of `size` (the event is gone, or filtered out). And whether more follow."""
    ids = selection.index.page(selection.rows, None, reach + 1, oldest_first)
    if through.id not in ids[:reach]:
        return page_ids(selection, None, size, oldest_first)
    end = ids.index(through.id) + 1
    return ids[:end], len(ids) > end


def _page(ids: list[int], more: bool):
    """The events of these ids, read whole, and the cursor after them when `more` follow."""
    events = events_of(ids)
    return events, Cursor.after(events[-1]) if more and events else None


def each_event(ids: list[int], batch: int = BATCH) -> Iterator[Event]:
    """The events of these ids in their order, with their tags, read a batch at a time: an export of any size holds
    one batch in memory, never all of it."""
    for first in range(0, len(ids), batch):
        yield from events_of(ids[first : first + batch])


def events_of(ids: list[int]) -> list[Event]:
    """The events of these ids in their order, with their tags and how often each was posted."""
    found = {event.pk: event for event in _for_display(Event.objects.filter(id__in=ids))}
    events = [found[pk] for pk in ids if pk in found]  # one deleted since the ids were read is passed over
    attach_tags(events)
    return events


def _for_display(events):
    repeats = Event.objects.filter(duplicate_of=OuterRef("pk")).order_by().values("duplicate_of")
    # A document's text, a whole web page perhaps, is never shown beside its events.
    return (
        events.select_related("document")
        .defer("document__text")
        .annotate(repeat_count=Subquery(repeats.annotate(n=Count("id")).values("n")))
    )


@dataclass(frozen=True)
class Tag:
    kind: str
    value: str
    label: str

    @property
    def url(self) -> str:
        """The view of every event with this tag."""
        return f"?{self.kind}={self.value}"


def tag_links(tags: list[Tag], base: str = "") -> str:
    """An event's tags as the list of links under it, each to the view of `base` with the tag chosen. Built here
    rather than in a template loop, which took a third of the time of a page of twenty events."""
    if not tags:
        return ""
    link = '<li><a class="tag {}" href="{}{}"><span class="visually-hidden">{}: </span>{}</a></li>'
    links = format_html_join("", link, ((tag.kind, base, tag.url, tag.kind, tag.label) for tag in tags))
    return format_html('<ul class="tags" aria-label="Tags">{}</ul>', links)


def attach_tags(events: list[Event]) -> None:
    """Each event's actors, locations and themes as `event.tags`, read in one query for the whole page."""
    ids = [event.pk for event in events]
    tags: dict[int, list[Tag]] = defaultdict(list)
    for row in union_all(_tag_rows(kind, relation, ids) for kind, relation in TAG_KINDS.items()):
        tags[row["event_pk"]].append(Tag(row["kind"], row["value"], row["label"]))
    order = {kind: number for number, kind in enumerate(TAG_KINDS)}
    for event in events:
        event.tag_list = sorted(tags[event.pk], key=lambda tag: (order[tag.kind], tag.label))


def _tag_rows(kind: str, relation: str, ids: list[int]):
    through = link_table(relation)
    return (
        through.objects.filter(event_id__in=ids)
        .order_by()
        .values(
            event_pk=F("event_id"),
            kind=Value(kind),
            value=F(f"{kind}__slug"),
            label=F(f"{kind}__name"),
        )
    )


def union_all(querysets):
    first, *rest = list(querysets)
    return first.union(*rest, all=True) if rest else first


@dataclass
class Day:
    date: dt.date | None
    events: list[Event]
    continued: bool = False  # the page before ended inside this day


def by_day(events: list[Event], continuing: Cursor | None = None) -> list[Day]:
    """Events grouped by the day they happened, the undated last."""
    days = [Day(date, list(group)) for date, group in groupby(events, key=lambda e: e.occurred_on)]
    if continuing and days and days[0].date == continuing.day:
        days[0].continued = True
    return days
