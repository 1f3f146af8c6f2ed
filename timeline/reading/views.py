"""Pages for readers: the filtered timeline and each event on its own."""

from __future__ import annotations

import time

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from timeline.ingest.text import printable
from timeline.models import Event
from timeline.query.counting import Index
from timeline.query.cursor import Cursor
from timeline.query.filters import reader_view
from timeline.query.held import current_index, give_back_memory_now_and_then
from timeline.query.links import chips, embed_snippets, link, timeline_query, title_for
from timeline.query.mapping import place_map
from timeline.query.paging import attach_tags, by_day, page_ids, page_ids_through, tag_links

from .kept_views import keep_view, kept_view
from .shown import shown_events
from .summary import FINDABLE, Facet, Strip, facets, summary

PAGE_SIZE = 20
# The most events one page shows when a reader comes back to a view they had loaded more of.
MOST_SHOWN = 400
# The most of what is typed into a facet's box that is looked for: a name, not a paragraph.
FIND_LENGTH = 100


def index(request):
    """The events for the filters in the query string; for htmx, just the part that changes. Kept for the readers
    who ask for the same while the index is in hand (`kept_views`): the time spent making a view that was not is
    what updating the index costs the readers, which lengthens its rest (`Index.rest`)."""
    held = current_index()
    response = kept_view(request, held)
    if response is None:
        started = time.monotonic()
        response = timeline_view(request, held)
        if keep_view(request, held, response):
            held.views_made.add(time.monotonic() - started)
        give_back_memory_now_and_then()
    return response


def timeline_view(request, held: Index):
    """The view for this request made from this index, never a kept one."""
    filters, paging = reader_view(request.GET)
    selection = filters.selection(held)
    through = paging.shown_through if paging.start is None else None
    if through:
        ids, more = page_ids_through(selection, through, PAGE_SIZE, paging.oldest_first, reach=MOST_SHOWN)
    else:
        ids, more = page_ids(selection, paging.start, PAGE_SIZE, paging.oldest_first)
    events = shown_events(held, ids)
    following = Cursor.after(events[-1]) if more and events else None
    appended = request.htmx and paging.start
    context = {
        # Only events appended below the day's heading may leave it out; a page of its own names its first day.
        "days": by_day(events, continuing=paging.start if appended else None),
        "more_url": link(request.GET, cursor=str(following)) if following else "",
        "oldest_first": paging.oldest_first,
    }
    if appended:
        response = render(request, "reading/index.html#more", context)
        if events:  # Back, or a reload, shows all the reader has loaded: the address says through which event
            response["HX-Replace-Url"] = link(request.GET, cursor=None, through=str(Cursor.after(events[-1])))
        return response
    show_all = set(request.GET.getlist("all"))
    facets, strip = summary(filters, selection, show_all, finds_in(request.GET))
    view_query = timeline_query(request.GET)
    embed_script, embed_frame = embed_snippets(request, view_query)
    context |= {
        "filters": filters,
        "facets": with_more_links(facets, request.GET),
        "strip": with_bar_links(strip, request.GET),
        "place_map": place_map(selection, request.GET, filters.values.get("location") or []),
        "chips": chips(filters, request.GET),
        "problems": filters.problems + paging.problems,
        "show_all": sorted(show_all),
        "view_query": view_query,
        "embed_script": embed_script,
        "embed_frame": embed_frame,
        "share_title": title_for(filters),
    }
    template = "reading/index.html#timeline" if request.htmx and not request.htmx.history_restore_request else None
    response = render(request, template or "reading/index.html", context)
    response["Vary"] = "HX-Request"
    return response


def event(request, pk: int):
    """One event whole: its text, where it stands in its document, how it was dated, and its repeats."""
    shown = Event.objects.filter(editor_removed=False)
    event = get_object_or_404(
        shown.select_related("document", "duplicate_of").defer("document__text", "duplicate_of__body"), pk=pk
    )
    context = {
        "event": event,
        "repeats": event.repeats.filter(editor_removed=False).order_by("position"),
        "entries": event.document.events.filter(in_source=True).count(),
    }
    if request.htmx:  # opened inside the timeline, beneath the tags the list already shows
        return render(request, "reading/event.html#detail", context)
    attach_tags([event])
    context["tag_links"] = tag_links(event.tag_list, base=reverse("index"))
    return render(request, "reading/event.html", context)


def facet(request, kind: str):
    """One facet's options for the words typed in its box, with the view's other filters: what the box swaps in."""
    if kind not in FINDABLE:
        raise Http404(f"No facet “{kind}” to find in.")
    filters, _ = reader_view(request.GET)
    selection = filters.selection(current_index())
    counts = {kind: selection.counts_for(kind)}
    [found] = with_more_links(
        facets(filters, counts, set(request.GET.getlist("all")), finds_in(request.GET), selection.index.names),
        request.GET,
    )
    return render(request, "reading/index.html#options", {"facet": found})


def finds_in(query: QueryDict) -> dict[str, str]:
    """The words typed into each facet's box (`find_actor=put`), as printable text of a sensible length."""
    return {kind: printable(query.get(f"find_{kind}", ""))[:FIND_LENGTH].strip() for kind in FINDABLE}


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
