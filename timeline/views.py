"""Pages for readers: the filtered timeline and each event on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render

from .browse import Facet, Strip, page_of, summary
from .counting import current_index
from .filters import Cursor, EventFilter, PageForm
from .models import Event

PAGE_SIZE = 20


def index(request):
    """The events for the filters in the query string; for htmx, just the part that changes."""
    filters = EventFilter(request.GET, queryset=Event.objects.visible())
    paging = PageForm(request.GET)
    selection = filters.selection(current_index())
    events, following = page_of(selection, paging.start, PAGE_SIZE, paging.oldest_first)
    context = {
        "days": by_day(events, continuing=paging.start),
        "more_url": link(request.GET, cursor=str(following)) if following else "",
        "oldest_first": paging.oldest_first,
    }
    if request.htmx and paging.start:
        return render(request, "timeline/index.html#more", context)
    show_all = set(request.GET.getlist("all"))
    facets, strip = summary(filters, selection, show_all=show_all)
    context |= {
        "filters": filters,
        "facets": with_more_links(facets, request.GET),
        "strip": with_bar_links(strip, request.GET),
        "chips": chips(filters, request.GET),
        "problems": filters.problems + paging.problems,
        "show_all": sorted(show_all),
    }
    template = "timeline/index.html#timeline" if request.htmx and not request.htmx.history_restore_request else None
    response = render(request, template or "timeline/index.html", context)
    response["Vary"] = "HX-Request"
    return response


def event(request, pk: int):
    """One event whole: its text, where it stands in its document, how it was dated, and its repeats."""
    event = get_object_or_404(Event.objects.select_related("document", "duplicate_of"), pk=pk)
    context = {
        "event": event,
        "repeats": event.repeats.order_by("position"),
        "entries": event.document.events.filter(in_source=True).count(),
    }
    template = "timeline/event.html#detail" if request.htmx else "timeline/event.html"
    return render(request, template, context)


def with_more_links(facets: list[Facet], query: QueryDict) -> list[Facet]:
    """Each "show all" link adds its facet to those already shown whole."""
    for facet in facets:
        wider = query.copy()
        wider.appendlist("all", facet.name)
        facet.more_url = link(wider)
    return facets


def with_bar_links(strip: Strip, query: QueryDict) -> Strip:
    """Each bar links to its own dates; the rest of the query is the same for all, so it is encoded once."""
    rest = link(query, date_from=None, date_to=None).lstrip("?")
    rest = f"&{rest}" if rest else ""
    for bar in strip.bars:
        bar.url = f"?date_from={bar.start.isoformat()}&date_to={bar.end.isoformat()}{rest}"
    return strip


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


def link(query: QueryDict, remove: tuple[str, str] | None = None, **changes: str | None) -> str:
    """The query string of the current view with one value taken out or some set; always from the first page."""
    query = query.copy()
    query.pop("cursor", None)
    if remove:
        name, value = remove
        query.setlist(name, [v for v in query.getlist(name) if v != value])
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return f"?{query.urlencode()}" if query else "?"


@dataclass
class Chip:
    label: str
    url: str


def chips(filters: EventFilter, query: QueryDict) -> list[Chip]:
    """The filters in force, each with the link that clears it."""
    data = filters.values
    found = []
    if data.get("q"):
        found.append(Chip(f"“{data['q']}”", link(query, q=None)))
    for name in ("actor", "location", "theme", "source"):
        for target in data.get(name) or []:
            value = target.slug if name == "theme" else str(target.pk)
            found.append(Chip(str(target), link(query, remove=(name, value))))
    if data.get("date_from"):
        found.append(Chip(f"from {data['date_from']:%-d %b %Y}", link(query, date_from=None)))
    if data.get("date_to"):
        found.append(Chip(f"to {data['date_to']:%-d %b %Y}", link(query, date_to=None)))
    return found
