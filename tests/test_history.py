"""Every editor's change is recorded with who, when, before and after; the admin shows it and reverts it."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from timeline.models import Document, Event, Location

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_editor()
    client.force_login(user)
    return user


def change(client, obj, **changes):
    url = f"/admin/timeline/{obj._meta.model_name}/{obj.pk}/change/"
    response = client.post(url, change_form_data(client, url, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_an_editors_change_is_recorded_with_who_when_before_and_after(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    found_basis = event.date_basis
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    before, after = event.history.order_by("history_date")
    assert (before.history_user, before.history_change_reason) == (None, "as ingested")
    assert after.history_user == editor and after.history_date is not None
    delta = {c.field: (c.old, c.new) for c in after.diff_against(before).changes}
    assert delta["editor_reported_on"] == (None, dt.date(2024, 12, 1))
    assert delta["date_basis"] == (found_basis, "editor")


def test_the_history_page_shows_each_change_and_who_made_it(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    page = client.get(f"/admin/timeline/event/{event.pk}/history/").content.decode()
    assert editor.username in page
    changes = " ".join(page.split("Reported on:", 1)[1].split("</li>", 1)[0].split())
    assert changes == "</strong> —&nbsp;&rarr;&nbsp;&nbsp;2024-12-01"
    assert "as ingested" in page and "the ingest" in page
    assert f"/admin/timeline/event/{event.pk}/history/{event.history.earliest().history_id}/" in page


def test_a_tag_change_is_recorded_once_with_the_tags_before_and_after(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    kyiv = Location.objects.get(name="Kyiv")
    change(client, event, locations=[*event.locations.all(), kyiv])
    records = list(event.history.order_by("history_date"))
    assert [r.history_user for r in records] == [None, editor, editor]  # the save, then the save with its tags
    delta = {c.field: c for c in records[-1].diff_against(records[0]).changes}
    added = {row["location"] for row in delta["locations"].new} - {row["location"] for row in delta["locations"].old}
    assert added == {kyiv.pk}


def test_reverting_brings_back_the_earlier_date(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    change(client, event, editor_reported_on=dt.date(2024, 11, 20))
    earlier = event.history.get(editor_reported_on=dt.date(2024, 12, 1))
    url = f"/admin/timeline/event/{event.pk}/history/{earlier.history_id}/"
    page = client.get(url)
    assert "Revert" in page.content.decode()
    response = client.post(url, change_form_data(client, url))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.editor_reported_on, event.reported_on, event.date_basis) == (
        dt.date(2024, 12, 1),
        dt.date(2024, 12, 1),
        "editor",
    )
    assert event.history.latest().history_user == editor


def revert_table(page: str) -> list[tuple[str, str, str]]:
    """The rows of a version page's table of what reverting changes: field, now, after."""
    section = page.split('class="revert-changes"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', section)
    return [tuple(html.unescape(cell) for cell in row) for row in rows]


def test_a_versions_page_says_what_reverting_would_change_in_words(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    kyiv = Location.objects.get(name="Kyiv")
    before = [location.name for location in event.locations.all() if location != kyiv]
    change(client, event, editor_reported_on=dt.date(2024, 12, 1), editor_precision="day")
    change(client, event, editor_reported_on=dt.date(2024, 11, 20), locations=[*event.locations.all(), kyiv])
    earlier = event.history.filter(editor_reported_on=dt.date(2024, 12, 1)).earliest("history_date")
    page = client.get(f"/admin/timeline/event/{event.pk}/history/{earlier.history_id}/").content.decode()
    assert "What reverting changes" in page
    rows = {label: (now, after) for label, now, after in revert_table(page)}
    assert rows["Reported on"] == ("2024-11-20", "2024-12-01")
    names = sorted([*before, "Kyiv"], key=str.casefold)
    assert rows["Locations"] == (", ".join(names), ", ".join(sorted(before, key=str.casefold)) or "—")
    assert "Precision" not in rows  # the same in both


def test_a_versions_page_compares_with_the_row_as_saved_even_after_an_ingest_changed_it(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    latest = event.history.latest()
    page = client.get(f"/admin/timeline/event/{event.pk}/history/{latest.history_id}/").content.decode()
    assert revert_table(page) == [] and "reverting to it changes nothing" in page
    Event.objects.filter(pk=event.pk).update(editor_reported_on=dt.date(2024, 12, 2))  # no history record
    page = client.get(f"/admin/timeline/event/{event.pk}/history/{latest.history_id}/").content.decode()
    assert revert_table(page) == [("Reported on", "2024-12-02", "2024-12-01")]


def test_a_documents_version_page_names_the_date_it_brings_back(client, editor):
    document = ingest_text(UNDATED_ROUNDUP).document
    change(client, document, editor_published=dt.date(2023, 9, 16))
    first = document.history.earliest("history_date")
    page = client.get(f"/admin/timeline/document/{document.pk}/history/{first.history_id}/").content.decode()
    assert [row[1:] for row in revert_table(page)] == [("2023-09-16", "—")]


def test_a_deleted_names_version_page_shows_it_with_nothing_saved_now(client, editor):
    from timeline.models import Actor

    actor = Actor.objects.create(name="Ann Bee", kind="person", aliases=["A. Bee"])
    version = actor.history.latest()
    pk = actor.pk
    actor.delete()  # as merging it into another does
    page = client.get(f"/admin/timeline/actor/{pk}/history/{version.history_id}/")
    assert page.status_code == 200
    assert ("Name", "—", "Ann Bee") in revert_table(page.content.decode())


def test_a_revert_sent_back_with_errors_shows_the_errors_not_the_comparison(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    url = f"/admin/timeline/event/{event.pk}/history/{event.history.latest().history_id}/"
    page = client.post(url, change_form_data(client, url, editor_reported_on="03/04/2024"))
    assert page.status_code == 200 and "YYYY-MM-DD" in page.content.decode()
    assert 'class="revert-changes"' not in page.content.decode()


def test_reverting_brings_back_the_tags_the_version_had(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    kyiv = Location.objects.get(name="Kyiv")
    before = set(event.locations.all())
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    change(client, event, locations=[*before, kyiv])
    earlier = event.history.filter(history_user=editor).earliest("history_date")
    url = f"/admin/timeline/event/{event.pk}/history/{earlier.history_id}/"
    response = client.post(url, change_form_data(client, url))
    assert response.status_code == 302
    assert set(event.locations.all()) == before
    assert not event.tag_decisions.filter(kind="location", target_id=kyiv.pk).exists()  # a retag keeps it off


def test_reverting_to_the_ingested_state_gives_back_the_machines_date_and_keeps_the_text(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    found = (event.reported_at, event.date_basis)
    change(client, event, editor_reported_on=dt.date(2024, 12, 1))
    ingest_text(LIVE_BLOG.replace("the Nato chief said.", "the Nato chief said in Brussels."))
    ingested = event.history.get(history_change_reason="as ingested")
    url = f"/admin/timeline/event/{event.pk}/history/{ingested.history_id}/"
    client.post(url, change_form_data(client, url))
    event.refresh_from_db()
    assert (event.reported_at, event.date_basis, event.editor_reported_on) == (*found, None)
    assert "in Brussels" in event.body


def test_reverting_a_documents_date_redates_its_events(client, editor):
    stored = ingest_text(UNDATED_ROUNDUP)
    document = stored.document
    change(client, document, editor_published=dt.date(2023, 9, 16))
    change(client, document, editor_published=dt.date(2023, 9, 23))
    assert Event.objects.get(position=1).occurred_on == dt.date(2023, 9, 20)
    first = document.history.get(editor_published=dt.date(2023, 9, 16))
    url = f"/admin/timeline/document/{document.pk}/history/{first.history_id}/"
    assert client.post(url, change_form_data(client, url)).status_code == 302
    assert Document.objects.get().published == dt.date(2023, 9, 16)
    assert Event.objects.get(position=1).occurred_on == dt.date(2023, 9, 13)
    page = client.get(f"/admin/timeline/document/{document.pk}/history/").content.decode()
    assert "2023-09-23" in page and editor.username in page


@pytest.mark.parametrize("entries", [3, 30])
def test_deleting_a_document_deletes_its_events_in_the_same_few_queries_however_many(entries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    blog = "Live\n" + "".join(
        f"Entry {n}\nMonday 2 December 2024 10:{n:02d} , Anna Bell\nText {n}.\n" for n in range(entries)
    )
    document = ingest_text(blog).document
    assert Event.objects.count() == entries
    with CaptureQueriesContext(connection) as queries:
        document.delete()
    assert not Event.objects.exists()
    # One a related table, none an event; and the look for repeats in other documents, which show again.
    assert len(queries) <= 16, [q["sql"] for q in queries]
