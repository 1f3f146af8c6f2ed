"""Pages for readers: the filtered timeline and each event on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.gzip import gzip_page

from .browse import Facet, Strip, attach_tags, page_of, summary
from .counting import current_index
from .filters import Cursor, EventFilter, reader_view
from .models import Event

PAGE_SIZE = 20
# The widget's first view: enough to be useful in an article, few enough to stay a light page.
EMBED_SIZE = 20


def index(request):
    """The events for the filters in the query string; for htmx, just the part that changes."""
    filters, paging = reader_view(request.GET)
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
    view_query = timeline_query(request.GET)
    embed_script, embed_frame = embed_snippets(request, view_query)
    context |= {
        "filters": filters,
        "facets": with_more_links(facets, request.GET),
        "strip": with_bar_links(strip, request.GET),
        "chips": chips(filters, request.GET),
        "problems": filters.problems + paging.problems,
        "show_all": sorted(show_all),
        "view_query": view_query,
        "embed_script": embed_script,
        "embed_frame": embed_frame,
    }
    template = "timeline/index.html#timeline" if request.htmx and not request.htmx.history_restore_request else None
    response = render(request, template or "timeline/index.html", context)
    response["Vary"] = "HX-Request"
    return response


class EmbedForm(forms.Form):
    scheme = forms.ChoiceField(choices=[("light", "light"), ("dark", "dark")], required=False)


@gzip_page
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request):
    """The timeline for other sites' pages: the same filters, the first events, links out to the full timeline.

    The only page other sites may frame; it holds no form and nothing of the reader's, so framing risks nothing.
    """
    filters, paging = reader_view(request.GET)
    look = EmbedForm(request.GET)
    selection = filters.selection(current_index())
    events, following = page_of(selection, paging.start, EMBED_SIZE, paging.oldest_first)
    context = {
        "days": by_day(events),
        "total": selection.count,
        "chips": chips(filters, request.GET),
        "problems": filters.problems + paging.problems,
        "dark": look.is_valid() and look.cleaned_data["scheme"] == "dark",
        "timeline_url": reverse("index") + timeline_query(request.GET),
        "more": following is not None,
    }
    return render(request, "timeline/embed.html", context)


def event(request, pk: int):
    """One event whole: its text, where it stands in its document, how it was dated, and its repeats."""
    shown = Event.objects.filter(editor_removed=False)
    event = get_object_or_404(shown.select_related("document", "duplicate_of"), pk=pk)
    context = {
        "event": event,
        "repeats": event.repeats.filter(editor_removed=False).order_by("position"),
        "entries": event.document.events.filter(in_source=True).count(),
    }
    if request.htmx:  # opened inside the timeline, beneath the tags the list already shows
        return render(request, "timeline/event.html#detail", context)
    attach_tags([event])
    return render(request, "timeline/event.html", context)


def favicon(request):
    """Pages that name no icon (the admin's) make browsers ask for this address. Not a permanent redirect: the
    icon's address changes with its content in production."""
    return redirect(static("favicon.svg"))


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


def timeline_query(query: QueryDict) -> str:
    """The view's filters and order as a query string ("" for the whole timeline), without paging or layout."""
    query = query.copy()
    for name in ("cursor", "all", "scheme"):
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else ""


def embed_snippets(request: HttpRequest, query: str, width: int | str = "100%", height: int = 640) -> tuple[str, str]:
    """The lines a publisher pastes for this view: the script that sizes the widget to its events, and a plain
    iframe for pages that allow no script."""
    src = request.build_absolute_uri(reverse("embed") + query)
    # The file's own name, not the hashed one production's `static()` gives: a pasted line must outlive a deploy.
    script = request.build_absolute_uri(f"{settings.STATIC_URL}js/embed.js")
    title = "Conflict timeline"
    return (
        format_html(
            '<a class="conflict-timeline" href="{}">{}</a><script async src="{}"></script>', src, title, script
        ),
        format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy"></iframe>', src, title, width, height
        ),
    )
