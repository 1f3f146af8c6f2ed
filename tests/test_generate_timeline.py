"""The synthetic timeline: the size asked for, the same for a seed, skewed like the news, rows like ingested ones."""

from __future__ import annotations

import copy
import statistics
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from timeline.models import Document, Event, Theme
from timeline.store.documents import text_hash

from .factories import LIVE_BLOG, ingest_text

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_timeline", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """Everything a run decides, without the ids the database hands out."""
    events = Event.objects.select_related("document", "duplicate_of").prefetch_related("actors", "locations", "themes")
    return [
        (
            event.document.source,
            event.document.title,
            event.position,
            event.headline,
            event.body,
            event.reported_at,
            event.occurred_on,
            event.date_precision,
            event.duplicate_of.position if event.duplicate_of else None,
            sorted(actor.name for actor in event.actors.all()),
            sorted(location.name for location in event.locations.all()),
            sorted(theme.slug for theme in event.themes.all()),
        )
        for event in events.order_by("document__source", "position")
    ]


def test_it_makes_the_number_of_events_asked_for():
    printed = generate("--events", "500")
    assert Event.objects.count() == 500
    assert "made 500 events" in printed and "took" in printed
    assert all(source.startswith("synthetic/") for source in Document.objects.values_list("source", flat=True))


def test_it_spreads_the_events_over_the_number_of_documents_asked_for():
    generate("--events", "500", "--documents", "7")
    assert Document.objects.count() == 7
    assert Event.objects.count() == 500


def test_the_same_seed_makes_the_same_timeline_and_another_seed_another():
    generate("--events", "300", "--seed", "4")
    first = snapshot()
    generate("--events", "300", "--seed", "4", "--clear")
    assert snapshot() == first
    generate("--events", "300", "--seed", "5", "--clear")
    assert snapshot() != first


def test_a_few_actors_and_places_dominate_and_a_long_tail_is_rare():
    generate("--events", "500")
    for relation, column in ((Event.actors, "actor_id"), (Event.locations, "location_id")):
        counts = sorted(Counter(relation.through.objects.values_list(column, flat=True)).values(), reverse=True)
        assert counts[0] >= 10 * statistics.median(counts), column


def test_events_carry_one_to_four_actors_and_one_to_three_places_and_themes():
    generate("--events", "500")
    for event in Event.objects.prefetch_related("actors", "locations", "themes"):
        assert 1 <= len(event.actors.all()) <= 4
        assert 1 <= len(event.locations.all()) <= 3
        assert 1 <= len(event.themes.all()) <= 3


def test_every_tag_is_named_in_the_text_so_a_search_finds_it():
    generate("--events", "300")
    for event in Event.objects.prefetch_related("actors", "locations"):
        text = event.headline + " " + event.body
        assert all(tag.name in text for tag in [*event.actors.all(), *event.locations.all()]), event.pk


def test_repeats_and_undated_events_come_in_realistic_shares():
    generate("--events", "500")
    repeats = Event.objects.filter(duplicate_of__isnull=False).select_related("duplicate_of")
    undated = Event.objects.filter(needs_review=True)
    assert 0.03 <= repeats.count() / 500 <= 0.05
    assert 0.005 <= undated.count() / 500 <= 0.03
    for repeat in repeats:
        first = repeat.duplicate_of
        assert first.document_id == repeat.document_id and first.reported_at < repeat.reported_at
    assert all(event.reported_on is None and event.document.needs_review for event in undated)


def test_most_events_are_timed_to_the_minute_some_to_the_day_and_a_few_happened_earlier():
    generate("--events", "500")
    precisions = Counter(Event.objects.values_list("date_precision", flat=True))
    assert precisions["minute"] > 0.6 * 500 and precisions["day"] > 0.05 * 500
    earlier = [e for e in Event.objects.exclude(occurred_on=None) if e.occurred_on < e.reported_on]
    assert 0.01 * 500 <= len(earlier) <= 0.2 * 500


def test_effective_fields_are_what_ingest_derives_from_the_parsed_facts():
    generate("--events", "300")
    hashes = set()
    for event in Event.objects.select_related("document"):
        derived = copy.copy(event)
        derived.refresh(event.document)
        assert [getattr(derived, f) for f in Event.DERIVED_FIELDS] == [getattr(event, f) for f in Event.DERIVED_FIELDS]
        assert event.text_hash == text_hash(event.headline, event.body)
        hashes.add(event.text_hash)
    assert len(hashes) == 300


def test_clear_removes_only_synthetic_documents():
    ingested = ingest_text(LIVE_BLOG, source="blog.txt").document
    generate("--events", "300")
    printed = generate("--events", "0", "--clear")
    assert list(Document.objects.all()) == [ingested]
    assert Event.objects.count() == ingested.events.count() > 0
    assert "removed" in printed and "300 events" in printed


def test_a_seed_already_in_the_database_needs_clear_but_another_seed_can_join_it():
    generate("--events", "200", "--seed", "1")
    with pytest.raises(CommandError, match="--clear"):
        generate("--events", "200", "--seed", "1")
    generate("--events", "200", "--seed", "2")
    assert Event.objects.count() == 400


def test_a_gazetteer_without_themes_is_named_instead_of_failing_midway():
    Theme.objects.all().delete()
    with pytest.raises(CommandError, match="no themes"):
        generate("--events", "100")
    assert not Document.objects.exists()


def test_the_timeline_page_counts_a_generated_timeline_at_once(client):
    assert "0 events" in client.get("/").content.decode()  # counts now cached for this revision
    generate("--events", "300")
    shown = Event.objects.visible().count()
    assert f"{shown} events" in client.get("/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE after a bulk load is PostgreSQL's step")
def test_postgresql_plans_with_statistics_of_the_generated_rows():
    generate("--events", "400")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Event._meta.db_table])
        assert cursor.fetchone()[0] == Event.objects.count()
