"""The JSON API's pages of events, and the exports: the filtered events as JSON, CSV, iCalendar and TimelineJS,
written as they are read."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

from timeline.models import Document, Event
from timeline.query.links import title_for
from timeline.query.paging import each_event

from .formats import calendar, contract, csv_rows, event_dict, in_chunks, timelinejs
from .open_data import Reading, event_url, open_data, read_events, read_ids

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
    ids, sources = in_contract_order(read_ids(reading, EXPORT_LIMIT))
    documents = Document.objects.filter(pk__in=sources).defer("text").order_by("source")
    return written(contract(documents.iterator(), each_event(ids)), "application/json")


@open_data
def export_csv(request, reading: Reading):
    events = each_event(read_ids(reading, EXPORT_LIMIT))
    rows = csv_rows(events, event_url(request))
    return attachment(written(rows, "text/csv; charset=utf-8"), "conflict-timeline.csv")


@open_data
def export_ics(request, reading: Reading):
    events = each_event(read_ids(reading, EXPORT_LIMIT))
    lines = calendar(events, title_for(reading[0]), event_url(request))
    return attachment(written(lines, "text/calendar; charset=utf-8"), "conflict-timeline.ics")


@open_data
def export_timelinejs(request, reading: Reading):
    events = each_event(read_ids(reading, EXPORT_LIMIT))
    return written(timelinejs(events, title_for(reading[0]), event_url(request)), "application/json")


def written(pieces: Iterable[str], content_type: str) -> StreamingHttpResponse:
    """An export sent as it is written, so that its size never sits in the worker's memory."""
    return StreamingHttpResponse(in_chunks(pieces), content_type=content_type)


def in_contract_order(ids: list[int]) -> tuple[list[int], set[int]]:
    """The ids in the export command's order (by source, then position in it), and their documents' ids."""
    events = Event.objects.filter(pk__in=ids).order_by("document__source", "position")
    rows = list(events.values_list("pk", "document_id"))
    return [pk for pk, _ in rows], {document for _, document in rows}
