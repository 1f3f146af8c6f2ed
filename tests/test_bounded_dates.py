"""Every day the timeline holds lies between 1900 and 2099 and, if reported, not after tomorrow: a typo's far-future
date is refused where it enters, with a message, and one that got in before cannot take a page down."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.ingest import parse_document
from timeline.models import Event
from timeline.query.held import forget_index

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, ingest_text

pytestmark = pytest.mark.django_db


def test_a_far_future_day_already_stored_does_not_take_the_timeline_down(client):
    ingest_text(LIVE_BLOG)
    Event.objects.filter(position=0).update(occurred_on=dt.date(9999, 12, 31), sort_key="9999-12-31")
    Event.objects.filter(position=2).update(occurred_on=dt.date(1, 1, 1), sort_key="0001-01-01")
    forget_index()
    response = client.get("/")
    assert response.status_code == 200
    assert "Allies agree new air defence package" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"editor_reported_on": dt.date(9999, 12, 31), "editor_reported_time": dt.time(23, 0)},
            "outside the years the timeline holds",
        ),
        (
            {"editor_reported_on": dt.date(1, 1, 1), "editor_reported_time": dt.time(0, 30)},
            "outside the years the timeline holds",
        ),
        ({"editor_reported_on": dt.date(2204, 5, 1)}, "outside the years the timeline holds"),
        ({"editor_reported_on": dt.date.today() + dt.timedelta(days=30)}, "has not come yet"),
        ({"editor_occurred_on": dt.date(1812, 6, 24)}, "outside the years the timeline holds"),
    ],
)
def test_the_event_form_refuses_a_day_outside_the_timeline_with_a_message(editor_client, changes, message):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=1)
    url = f"/admin/timeline/event/{event.pk}/change/"
    zone = {"editor_timezone": "America/Los_Angeles"} if "editor_reported_time" in changes else {}
    response = editor_client.post(url, change_form_data(editor_client, url, **changes, **zone))
    assert response.status_code == 200
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.editor_reported_on is None and event.editor_occurred_on is None


def test_ingest_refuses_a_published_day_outside_the_timeline(tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")
    with pytest.raises(CommandError, match="outside the years the timeline holds"):
        call_command("ingest", str(path), "--published", "9999-12-05", stdout=StringIO(), stderr=StringIO())


def test_a_far_future_year_in_a_text_is_no_stated_date():
    document = parse_document("Kyiv news\nPublished December 5, 9999\nA thing happened, officials said.\n")
    assert document.published is None and document.date_hint is None


def test_a_filter_day_outside_the_timeline_is_named_and_ignored(client):
    ingest_text(LIVE_BLOG)
    response = client.get("/?date_to=9999-12-31")
    assert response.status_code == 200
    assert "outside the years the timeline holds" in response.content.decode()
