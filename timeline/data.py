"""The timeline as data for other programs: exports, the Atom feed, the JSON API and oEmbed.

Each reads the query string as the timeline page does (`reader_view`), so a filter means the same everywhere; a
value the page would ignore and name is refused here with a 400 that names it, since no reader sees a message.
"""

from __future__ import annotations

import io
from functools import wraps
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django import forms
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.views.decorators.http import condition

from .browse import page_of
from .counting import current_index
from .export import calendar, event_dict, page_payload, timelinejs, write_csv
from .filters import EventFilter, PageForm, reader_view
from .ingest.text import printable
from .models import Event, Revision
from .views import chips, embed_snippets, timeline_query

# Exports are files to take away, not pages: up to this many events in the timeline's order; the API pages on.
EXPORT_LIMIT = 10_000
API_PAGE_SIZE = 100
FEED_SIZE = 50


Reading = tuple[EventFilter, PageForm]


def read_events(reading: Reading, size: int) -> tuple[list[Event], str]:
    """Up to `size` of the filtered events from the query's cursor on, and the next page's cursor."""
    filters, paging = reading
    selection = filters.selection(current_index())
    events, following = page_of(selection, paging.start, size, paging.oldest_first)
    return events, str(following) if following else ""


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


def title_for(filters: EventFilter) -> str:
    """The view's title for other programs and sites (oEmbed, feeds, calendars): its filters by name, and a search
    only as such, since its words are whatever someone typed into an address."""
    labels = [chip.label for chip in chips(filters, filters.data)]
    if filters.values.get("q"):
        labels[0] = "a search"  # the search's chip comes first
    return f"Conflict timeline: {', '.join(labels)}" if labels else "Conflict timeline"


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


class TimelineFeed(Feed):
    """The newest events of a filtered view, for a feed reader to follow."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # `open_data` sets the revision's time: it covers an editor's change too, which no item's date shows.
        del response.headers["Last-Modified"]
        return response

    def get_object(self, request, reading: Reading):
        events, _ = read_events(reading, FEED_SIZE)
        return {"filters": reading[0], "events": events, "request": request}

    # Feeds are XML, which cannot carry control characters: an editor's paste could still hold one.
    def title(self, view):
        return printable(title_for(view["filters"]))

    def link(self, view):
        query = timeline_query(view["request"].GET)
        return view["request"].build_absolute_uri(reverse("index") + query)

    def subtitle(self, view):
        return "Events as they happened, newest first, dated no more precisely than their sources."

    def items(self, view):
        return view["events"]

    def item_title(self, event):
        return printable(f"{event.when.text}: {event.headline}")

    def item_description(self, event):
        return printable(format_html("<p>{}</p><p>{}</p>", event.when.text, event.body))

    def item_link(self, event):
        return reverse("event", args=[event.pk])

    def item_guid(self, event):
        return f"event-{event.pk}"

    def item_updateddate(self, event):
        """When the entry last changed here: its document's latest ingest, not the event's own date."""
        return event.document.updated_at

    def item_categories(self, event):
        return [printable(tag.label) for tag in event.tag_list]


event_feed = open_data(TimelineFeed())


class OEmbedForm(forms.Form):
    # Any address is checked against this site's own below, so a plain string: URLField refuses hosts without a dot.
    url = forms.CharField(max_length=2000)
    maxwidth = forms.IntegerField(required=False, min_value=1)
    maxheight = forms.IntegerField(required=False, min_value=1)
    format = forms.ChoiceField(choices=[("json", "json"), ("xml", "xml")], required=False)


EMBED_WIDTH, EMBED_HEIGHT = 700, 640


def oembed(request):
    """oEmbed for a timeline address: the widget for the same filters, so a pasted link becomes the timeline."""
    form = OEmbedForm(request.GET)
    if not form.is_valid():
        # Both of oEmbed's formats are offered, so its 501 (a format not offered) is never needed: all is a 400.
        return JsonResponse(
            {"errors": [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]}, status=400
        )
    target = urlsplit(form.cleaned_data["url"])
    ours = target.scheme in ("http", "https") and target.netloc == request.get_host()
    if not ours or target.path not in (reverse("index"), reverse("embed")):
        return JsonResponse({"errors": ["url: not a timeline on this site."]}, status=404)
    width = min(form.cleaned_data["maxwidth"] or EMBED_WIDTH, EMBED_WIDTH)
    height = min(form.cleaned_data["maxheight"] or EMBED_HEIGHT, EMBED_HEIGHT)
    query = QueryDict(target.query)
    filters, _ = reader_view(query)
    _, frame = embed_snippets(request, timeline_query(query), width=width, height=height)
    answer = {
        "version": "1.0",
        "type": "rich",
        "title": title_for(filters),
        "provider_name": "Conflict timeline",
        "provider_url": request.build_absolute_uri(reverse("index")),
        "html": frame,
        "width": width,
        "height": height,
    }
    response = as_xml(answer) if form.cleaned_data["format"] == "xml" else JsonResponse(answer)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def as_xml(answer: dict) -> HttpResponse:
    """oEmbed's XML form: one element for each field, inside <oembed>."""
    root = ElementTree.Element("oembed")
    for name, value in answer.items():
        ElementTree.SubElement(root, name).text = str(value)
    body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
