"""The timeline as an Atom feed of the newest events for any filters."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from timeline.ingest.text import printable
from timeline.query.links import timeline_query, title_for

from .open_data import Reading, open_data, read_events

FEED_SIZE = 50


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
