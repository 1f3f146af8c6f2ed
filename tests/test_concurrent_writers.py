"""Writers at the same moment on PostgreSQL, where they truly run side by side: an editor's save and an ingest of
the same live blog both land, whole, and neither meets a deadlock; two ingest workers take different documents.
(SQLite's IMMEDIATE transactions queue every writer behind the one before.)"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections, transaction
from django.db.models.signals import pre_save
from django.test import Client

from timeline.models import Event, IngestJob
from timeline.store.jobs import claim_next

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, ingest_text

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's IMMEDIATE transactions make writers wait"),
    # Serialized rollback, as the browser tests have: the flush after it then leaves the tables as the next expects.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST_BODY = "Allies agreed a new air defence package on Tuesday, the Nato chief said."
EDITED_BODY = "Allies agreed a new air defence package on Tuesday, the Nato chief told reporters."
NEW_ENTRY = "\nTalks continue in the evening\n23:10 , Anna Bell\nThe talks went on late into the evening.\n"


class Paused:
    """Holds one thread's save of one event until released, as a slow request would be held mid-save."""

    def __init__(self, event_pk: int):
        self.event_pk = event_pk
        self.reached, self.release = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self, sender, instance, **kwargs):
        if instance.pk == self.event_pk and threading.current_thread() is self.thread:
            self.reached.set()
            self.release.wait(30)


def in_thread(work, outcomes: list) -> threading.Thread:
    def run():
        try:
            outcomes.append(work())
        except Exception as error:  # what the writer met is the finding
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def until_blocked_or_done(thread: threading.Thread, seconds: float = 30) -> None:
    """Until the thread waits for a lock another transaction holds, or has finished without waiting."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and thread.is_alive():
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


def test_an_editors_save_and_an_ingest_of_the_same_live_blog_both_land_whole():
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    editor = Client()
    editor.force_login(User.objects.create_superuser("editor", password="a-long-editor-password"))
    url = f"/admin/timeline/event/{event.pk}/change/"
    corrected = dt.date(2024, 11, 20)
    form = change_form_data(editor, url, editor_reported_on=corrected, _save="Save")

    paused = Paused(event.pk)
    pre_save.connect(paused, sender=Event)
    saves, ingests = [], []
    try:
        paused.thread = in_thread(lambda: editor.post(url, form).status_code, saves)
        paused.thread.start()
        assert paused.reached.wait(30), "the editor's save never began"
        # Meanwhile the blog grows and its first entry is reworded.
        ingest = in_thread(lambda: ingest_text(LIVE_BLOG.replace(FIRST_BODY, EDITED_BODY) + NEW_ENTRY).outcome, ingests)
        ingest.start()
        until_blocked_or_done(ingest)
        paused.release.set()
        paused.thread.join(60)
        ingest.join(60)
    finally:
        pre_save.disconnect(paused, sender=Event)

    assert saves == [302] and ingests == ["updated"]
    event.refresh_from_db()
    assert (event.editor_reported_on, event.reported_on) == (corrected, corrected)  # the editor's date stands
    assert event.body == EDITED_BODY  # and so does the ingest's new wording of the entry
    assert Event.objects.filter(headline="Talks continue in the evening").exists()


def test_two_workers_claiming_at_once_take_different_documents_without_waiting():
    first, second = IngestJob.objects.create(text=LIVE_BLOG), IngestJob.objects.create(text=LIVE_BLOG)
    claims = []
    with transaction.atomic():
        IngestJob.objects.select_for_update().get(pk=first.pk)  # a worker in the middle of claiming the oldest
        other = in_thread(lambda: claim_next().pk, claims)
        other.start()
        other.join(30)
        assert claims == [second.pk]  # taken while the first was held, not after
