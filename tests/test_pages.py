"""The reader's page lists events by day, undated ones apart, repeats hidden."""

from __future__ import annotations

import pytest

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db


def test_the_timeline_lists_events_by_day_and_hides_repeats(client):
    ingest_text(LIVE_BLOG, source="blog.txt")
    ingest_text(UNDATED_ROUNDUP, source="undated.txt")
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Drones shot down over the north") == 1
    assert '<time datetime="2024-12-03">' in page
    assert "Date unconfirmed" in page
    assert page.index("Tuesday 3 December 2024") < page.index("Monday 2 December 2024") < page.index("Date unconfirmed")


def test_events_filter_by_the_day_they_happened():
    import datetime as dt

    from timeline.models import Event

    ingest_text(LIVE_BLOG, source="blog.txt")
    on_monday = Event.objects.visible().between(dt.date(2024, 12, 2), dt.date(2024, 12, 2))
    assert sorted(e.headline for e in on_monday) == [
        "Drones shot down over the north",
        "Minister resigns after procurement scandal",
    ]
    assert Event.objects.visible().between(dt.date(2024, 12, 3), None).count() == 1
