"""Re-ingesting refreshes what the parser found and never what an editor corrected."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections, transaction

from timeline.models import Document, Event
from timeline.store.documents import date_document

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db


def correct_first_event(source: str = "doc.txt") -> Event:
    event = Event.objects.get(document__source=source, position=0)
    event.editor_reported_on = dt.date(2024, 12, 1)
    event.editor_reported_time = dt.time(8, 30)
    event.editor_occurred_on = dt.date(2024, 11, 30)
    event.refresh()
    event.save()
    return event


def test_it_keeps_editor_dates_on_reingest():
    ingest_text(LIVE_BLOG)
    corrected = correct_first_event()
    ingest_text(LIVE_BLOG + "\nA new entry at the bottom\n20:00 , Anna Bell\nSomething happened.\n")
    event = Event.objects.get(pk=corrected.pk)
    assert (event.reported_on, event.occurred_on, event.date_basis) == (
        dt.date(2024, 12, 1),
        dt.date(2024, 11, 30),
        "editor",
    )
    assert event.reported_at == dt.datetime(2024, 12, 1, 8, 30, tzinfo=dt.UTC)


def test_an_entry_corrected_in_both_headline_and_body_keeps_its_row_and_its_editors_date():
    ingest_text(LIVE_BLOG)
    corrected = correct_first_event()
    edited = LIVE_BLOG.replace("Allies agree new air defence package", "Allies agree a new air defence package")
    edited = edited.replace("on Tuesday, the Nato chief said.", "on Tuesday, Nato's secretary general said.")
    ingest_text(edited)
    event = Event.objects.get(pk=corrected.pk)
    assert (event.headline, event.in_source, event.date_basis) == (
        "Allies agree a new air defence package",
        True,
        "editor",
    )
    assert Event.objects.count() == 4 and not Event.objects.filter(in_source=False).exists()


def test_an_edited_version_updates_events_in_place_and_keeps_corrections():
    ingest_text(LIVE_BLOG)
    corrected = correct_first_event()
    minister = Event.objects.get(headline="Minister resigns after procurement scandal")
    edited = LIVE_BLOG.replace(
        "resigned late on Monday, his office said.", "resigned late on Monday after an audit, his office said."
    )
    edited = edited.replace(
        "Ukraine war live: allies meet in Brussels\n",
        "Ukraine war live: allies meet in Brussels\nKyiv reports calm night\n11:00 , Anna Bell\nIt was calm.\n",
    )
    edited += "Earliest entry\nMonday 2 December 2024 20:00 , Anna Bell\nThe blog opened.\n"
    stored = ingest_text(edited)
    assert stored.outcome == "updated"
    assert Event.objects.count() == 6
    updated = Event.objects.get(pk=minister.pk)
    assert "after an audit" in updated.body and updated.position == 3
    assert Event.objects.get(pk=corrected.pk).date_basis == "editor"
    assert Event.objects.get(pk=corrected.pk).position == 1
    assert stored.kept_corrections == 1


def test_it_keeps_an_editors_repeat_decision_on_reingest():
    ingest_text(LIVE_BLOG)
    repeat = Event.objects.get(position=1)
    assert repeat.duplicate_of == Event.objects.get(position=3)
    repeat.editor_repeat = False
    repeat.refresh()
    repeat.save()
    ingest_text(LIVE_BLOG + "\nExtra\n19:00 , Anna Bell\nMore.\n")
    assert Event.objects.get(pk=repeat.pk).duplicate_of is None


def test_an_entry_removed_from_the_source_is_kept_only_if_an_editor_worked_on_it():
    ingest_text(LIVE_BLOG)
    corrected = correct_first_event()
    without_first = LIVE_BLOG.split("Drones shot down over the north\n00:20", 1)[1]
    ingest_text("Ukraine war live\nDrones shot down over the north\n00:20" + without_first)
    kept = Event.objects.get(pk=corrected.pk)
    assert not kept.in_source and kept.needs_review
    assert Event.objects.filter(in_source=True).count() == 3


def test_an_undated_document_is_flagged_and_its_events_have_no_date():
    stored = ingest_text(UNDATED_ROUNDUP)
    assert stored.document.needs_review and stored.document.published is None
    for event in Event.objects.all():
        assert (event.reported_on, event.occurred_on, event.date_basis, event.needs_review) == (
            None,
            None,
            "none",
            True,
        )


def test_dating_an_undated_document_redates_its_events_relative_phrases_included():
    stored = ingest_text(UNDATED_ROUNDUP)
    changed = date_document(stored.document, dt.date(2023, 9, 16))
    assert len(changed) == 2
    village, summit = Event.objects.order_by("position")
    assert (village.reported_on, village.occurred_on) == (dt.date(2023, 9, 16), dt.date(2023, 9, 16))
    assert (summit.occurred_on, summit.date_basis) == (dt.date(2023, 9, 13), "relative")
    assert not village.needs_review and not stored.document.needs_review


def test_an_editors_document_date_survives_reingest_without_one():
    stored = ingest_text(UNDATED_ROUNDUP)
    date_document(stored.document, dt.date(2023, 9, 16))
    ingest_text(UNDATED_ROUNDUP + "\nOne more line of text at the end.\n")
    assert Event.objects.get(position=1).occurred_on == dt.date(2023, 9, 13)


def test_dating_a_document_leaves_an_editor_corrected_event_alone():
    stored = ingest_text(UNDATED_ROUNDUP)
    event = Event.objects.get(position=0)
    event.editor_reported_on = dt.date(2023, 9, 1)
    event.refresh()
    event.save()
    date_document(stored.document, dt.date(2023, 9, 16))
    assert Event.objects.get(position=0).reported_on == dt.date(2023, 9, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's IMMEDIATE transactions make writers wait")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_ingest_of_a_new_document_waits_for_the_first_instead_of_failing():
    outcomes = []

    def ingest_again():
        try:
            outcomes.append(ingest_text(LIVE_BLOG, source="blog.txt").outcome)
        except Exception as error:  # what the other ingest met is the finding
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    with transaction.atomic():
        assert ingest_text(LIVE_BLOG, source="blog.txt").outcome == "created"
        other = threading.Thread(target=ingest_again)
        other.start()
        wait_for_a_blocked_transaction()
    other.join(timeout=60)
    assert outcomes == ["unchanged"]
    assert Document.objects.filter(source="blog.txt").count() == 1


def wait_for_a_blocked_transaction(seconds: float = 30) -> None:
    """Until another connection waits for a lock this transaction holds."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the other ingest never waited")
