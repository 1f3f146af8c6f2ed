"""The JSON API's pages of events, and the exports: the filtered events as JSON, CSV, iCalendar and TimelineJS."""

from __future__ import annotations

import io

from django.http import HttpResponse, JsonResponse

from timeline.query.links import title_for

from .formats import calendar, event_dict, page_payload, timelinejs, write_csv
from .open_data import Reading, event_url, open_data, read_events

# Exports are files to take away, not pages: up to this many events in the timeline's order; the API pages on.
EXPORT_LIMIT = 10_000
API_PAGE_SIZE = 100


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@open_data
def api_events(request, reading: Reading):
    """A page of events in the export contract's shape, and the address of the next page."""
    events, following = read_events(reading, API_PAGE_SIZE)
    next_url = None
    if following:
        query = request.GET.copy()
        query["cursor"] = following
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    events = [event_dict(event) for event in events]
    return JsonResponse({"events": events, "next": next_url}, json_dumps_params={"ensure_ascii": False})


@open_data
def export_json(request, reading: Reading):
    """The filtered view in the export contract: its events and the documents they come from."""
    events, _ = read_events(reading, EXPORT_LIMIT)
    return JsonResponse(page_payload(events), json_dumps_params={"ensure_ascii": False})


@open_data
def export_csv(request, reading: Reading):
    events, _ = read_events(reading, EXPORT_LIMIT)
    out = io.StringIO()
    write_csv(events, out, event_url(request))
    return attachment(HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8"), "conflict-timeline.csv")


@open_data
def export_ics(request, reading: Reading):
    events, _ = read_events(reading, EXPORT_LIMIT)
    body = calendar(events, title_for(reading[0]), event_url(request))
    return attachment(HttpResponse(body, content_type="text/calendar; charset=utf-8"), "conflict-timeline.ics")


@open_data
def export_timelinejs(request, reading: Reading):
    events, _ = read_events(reading, EXPORT_LIMIT)
    payload = timelinejs(events, title_for(reading[0]), event_url(request))
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
