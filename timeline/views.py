"""Pages for readers."""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import render

from .models import Event

PAGE_SIZE = 200


def index(request):
    """The events by day, newest first; undated documents' events in a group of their own."""
    events = list(Event.objects.visible().select_related("document").newest_first()[:PAGE_SIZE])
    days = [(day, list(group)) for day, group in groupby(events, key=lambda e: e.occurred_on)]
    return render(request, "timeline/index.html", {"days": days, "total": Event.objects.visible().count()})
