"""An editor removes an entry that is no event; it leaves readers' pages, keeps its history and stays removed."""

from __future__ import annotations

import pytest
from django.contrib.admin import helpers

from timeline.models import Document, Event

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text, make_editor

pytestmark = pytest.mark.django_db

RESIGNS = "Minister resigns after procurement scandal"


@pytest.fixture
def editor(client):
    person = make_editor()
    client.force_login(person)
    return person


def run_action(client, action: str, events, url: str = "/admin/timeline/event/"):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [e.pk for e in events]}
    return client.post(url, data, follow=True)


def test_a_removed_entry_leaves_every_readers_page_and_its_history_names_the_editor(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(headline=RESIGNS)
    url = f"/admin/timeline/event/{event.pk}/change/"
    assert client.post(url, change_form_data(client, url, editor_removed=True)).status_code == 302
    client.logout()
    assert RESIGNS not in client.get("/").content.decode()
    assert client.get(f"/events/{event.pk}/").status_code == 404
    assert RESIGNS not in client.get("/export/events.csv").getvalue().decode()
    assert len(client.get("/api/events").json()["events"]) == Event.objects.visible().count() == 2
    latest = Event.history.filter(id=event.pk).latest("history_date")
    assert latest.editor_removed and latest.history_user == editor


def test_a_removed_entry_stays_removed_when_its_changed_document_comes_again():
    ingest_text(LIVE_BLOG)
    removed = Event.objects.get(headline=RESIGNS)
    removed.editor_removed = True
    removed.save()
    ingest_text(LIVE_BLOG + "A new entry at the bottom\n20:00 , Anna Bell\nSomething happened.\n")
    assert list(Event.objects.filter(headline=RESIGNS).values_list("pk", "editor_removed")) == [(removed.pk, True)]
    assert not Event.objects.visible().filter(headline=RESIGNS).exists()
    assert Event.objects.visible().filter(headline="A new entry at the bottom").exists()


def test_a_removed_entry_that_leaves_its_source_is_kept_with_its_history():
    ingest_text(LIVE_BLOG)
    removed = Event.objects.get(headline=RESIGNS)
    removed.editor_removed = True
    removed.save()
    cut = LIVE_BLOG.replace(f"{RESIGNS}\nMonday 2 December 2024 22:40 , Anna Bell\n", "")
    ingest_text(cut.replace("The defence minister resigned late on Monday, his office said.\n", ""))
    kept = Event.objects.get(pk=removed.pk)
    assert kept.editor_removed and not kept.in_source


def test_an_event_is_never_deleted_alone_but_goes_with_its_document(client, editor):
    ingest_text(LIVE_BLOG)
    event = Event.objects.first()
    assert client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert b"delete_selected" not in client.get("/admin/timeline/event/").content
    document = Document.objects.get()
    response = client.post(f"/admin/timeline/document/{document.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.exists() and not Event.objects.exists()


def test_removing_from_the_list_clears_the_review_queue_and_putting_back_undoes_it(client, editor):
    ingest_text(UNDATED_ROUNDUP)
    events = list(Event.objects.all())
    assert Event.objects.to_review().count() == len(events) == 2
    page = run_action(client, "remove_from_timeline", events).content.decode()
    assert "2 removed from the timeline" in page and "removed from the timeline</td>" in page
    assert not Event.objects.to_review().exists() and not Event.objects.visible().exists()
    run_action(client, "put_back_on_timeline", events)
    assert Event.objects.visible().count() == Event.objects.to_review().count() == 2
    history = Event.history.filter(id=events[0].pk).order_by("history_date")
    assert [h.editor_removed for h in history] == [False, True, False]
