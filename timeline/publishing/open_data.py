"""What every open-data answer shares: the query read as the timeline page reads it, a 400 that names what is wrong,
validation by revision, and the view's title."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import condition

from timeline.models import Event, Revision
from timeline.query.counting import Selection
from timeline.query.filters import EventFilter, PageForm, reader_view
from timeline.query.held import current_index
from timeline.query.paging import page_of

Reading = tuple[EventFilter, PageForm]


def read_events(reading: Reading, size: int) -> tuple[list[Event], str]:
    """Up to `size` of the filtered events from the query's cursor on, and the next page's cursor."""
    paging = reading[1]
    events, following = page_of(_selection(reading), paging.start, size, paging.oldest_first)
    return events, str(following) if following else ""


def read_ids(reading: Reading, size: int) -> list[int]:
    """The ids of up to `size` of the filtered events from the query's cursor on, in the timeline's order."""
    paging, selection = reading[1], _selection(reading)
    return selection.index.page(selection.rows, paging.start, size, paging.oldest_first)


def _selection(reading: Reading) -> Selection:
    return reading[0].selection(current_index())


def revision_etag(request, *args, **kwargs) -> str:
    """Every change a reader could see bumps the revision, so with the address it names what is sent."""
    return f"r{Revision.latest()[0]}"


def revision_time(request, *args, **kwargs):
    return Revision.latest()[1]


def open_data(view):
    """GET and HEAD, readable by any site's scripts, validated by revision; a bad query is a 400 naming it.

    The view gets the query's reading (its filters and paging) after the request.
    """
    validated = condition(etag_func=revision_etag, last_modified_func=revision_time)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # The preflight a script's conditional GET (If-None-Match) needs.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            # Read before the validators: an unchanged revision must not answer 304 to a query that makes no sense.
            filters, paging = reading = reader_view(request.GET)
            mistakes = filters.mistakes + paging.mistakes
            if mistakes:
                response = JsonResponse({"errors": mistakes}, status=400)
            else:
                response = validated(request, reading, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response

    return wrapper


def event_url(request: HttpRequest):
    return lambda event: request.build_absolute_uri(reverse("event", args=[event.pk]))
