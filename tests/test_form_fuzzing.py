"""The admin's forms take any values an editor or a script can send: a save whose dates are inside the timeline, or
the form again with its errors named; never a server error, never a half-written row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest.dates import FIRST_DAY, LAST_DAY
from timeline.models import Document, Event, IngestJob
from timeline.store.jobs import work

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, ingest_text, make_editor

pytestmark = pytest.mark.django_db
FORMS = settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

edge_values = st.sampled_from(
    ["", " ", "2024-02-30", "2024-13-01", "9999-12-31", "0001-01-01", "1899-12-31", "2100-01-01", "31/12/2024",
     "12/31/2024", "24:00", "23:59:60", "25:61", "-1", "1e9", "Europe/Nowhere", "+99:00", "UTC", "Asia/Tokyo",
     "America/Los_Angeles", "minute", "day", "year", "unknown", "true", "false", "\x00", "<script>", "ÿ" * 300]
)  # fmt: skip
any_value = st.one_of(
    edge_values,
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)).map(str),
    st.times().map(lambda t: t.isoformat()),
)
EVENT_FIELDS = [
    "editor_reported_on",
    "editor_reported_time",
    "editor_timezone",
    "editor_precision",
    "editor_occurred_on",
    "editor_repeat",
    "editor_removed",
]


@pytest.fixture
def editor(client) -> Client:
    client.raise_request_exception = False
    client.force_login(make_editor())
    ingest_text(LIVE_BLOG)
    return client


def inside_the_timeline(*days: dt.date | None) -> bool:
    return all(day is None or FIRST_DAY <= day <= LAST_DAY for day in days)


def test_any_values_in_an_events_date_fields_are_saved_within_bounds_or_refused_by_name(editor):
    event = Event.objects.get(position=0)
    url = f"/admin/timeline/event/{event.pk}/change/"
    outcomes = set()

    @FORMS
    @given(st.fixed_dictionaries({}, optional={name: any_value for name in EVENT_FIELDS}))
    def check(values):
        before = Event.objects.get(pk=event.pk)
        response = editor.post(url, {**change_form_data(editor, url), **values})
        assert response.status_code in (200, 302), response.status_code
        outcomes.add(response.status_code)
        after = Event.objects.get(pk=event.pk)
        if response.status_code == 200:
            assert response.context["adminform"].form.errors, "a refused form names what is wrong"
            assert (after.reported_on, after.occurred_on, after.editor_reported_on) == (
                before.reported_on,
                before.occurred_on,
                before.editor_reported_on,
            )
        assert inside_the_timeline(after.reported_on, after.occurred_on, after.editor_reported_on)
        assert after.editor_reported_on is None or after.editor_reported_on <= dt.date.today() + dt.timedelta(days=1)

    check()
    assert outcomes == {200, 302}, "some values are saved and some are refused"


def test_any_values_in_a_documents_date_are_saved_within_bounds_or_refused_by_name(editor):
    document = Document.objects.get()
    url = f"/admin/timeline/document/{document.pk}/change/"

    @settings(FORMS, max_examples=50)
    @given(any_value)
    def check(value):
        response = editor.post(url, {**change_form_data(editor, url), "editor_published": value})
        assert response.status_code in (200, 302), response.status_code
        after = Document.objects.get(pk=document.pk)
        assert inside_the_timeline(after.editor_published, after.published)
        if response.status_code == 200:
            assert response.context["adminform"].form.errors

    check()


def test_any_values_in_the_add_document_form_queue_the_text_or_refuse_it_writing_nothing(editor):
    outcomes = set()

    @settings(FORMS, max_examples=50)
    @given(
        text=st.one_of(st.text(max_size=300), st.sampled_from([LIVE_BLOG, "", "\x00", "a\x00b"])),
        name=st.one_of(st.text(max_size=40), st.just("")),
        published=st.one_of(st.just(""), any_value),
        timezone=st.one_of(st.sampled_from(["UTC", "Europe/Kyiv"]), any_value),
        encoding=st.one_of(st.sampled_from(["utf-8", "cp1252", "utf-16"]), st.text(max_size=10)),
        replace=st.booleans(),
    )
    def check(text, name, published, timezone, encoding, replace):
        documents = Document.objects.count()
        data = {"text": text, "name": name, "published": published, "timezone": timezone, "encoding": encoding}
        response = editor.post("/admin/timeline/document/add/", {**data, **({"replace": "on"} if replace else {})})
        assert response.status_code in (200, 302), response.status_code
        outcomes.add(response.status_code)
        if response.status_code == 200:
            assert response.context["form"].errors
            assert Document.objects.count() == documents
        else:  # queued: the worker ingests it or says why not, and its page answers either way
            work(once=True)
            job = IngestJob.objects.latest("pk")
            assert job.state in ("done", "failed") and job.message
            assert (job.state == "done") == (job.document_id is not None)
            assert editor.get(response["Location"]).status_code in (200, 302)
        for stored in Document.objects.all():
            assert inside_the_timeline(stored.published, stored.editor_published)

    check()
    assert outcomes == {200, 302}, "some values ingest and some are refused"
