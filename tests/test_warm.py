"""A web process makes the front page once before it takes requests, and starts whatever that meets."""

import datetime as dt
import logging

import pytest
from django.db import DatabaseError

from timeline.query import beside, held
from timeline.reading import warm

from .factories import make_event

# The warm-up closes its connection, as a process that starts must before it serves: outside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_warm_up_reads_the_index_and_makes_the_front_page_for_no_one_and_the_newest_events(settings, monkeypatch):
    settings.ALLOWED_HOSTS = [".timeline.example"]  # the page names its own address: a host the settings allow
    monkeypatch.setattr(warm, "NEWEST_MADE", 2)
    events = [make_event(f"Talks, day {day}", dt.date(2024, 12, day), "08:00") for day in (1, 2, 3)]
    held.forget_index()
    made = []
    monkeypatch.setattr(warm, "timeline_view", lambda request, index: made.append((request.get_host(), index)))
    warm.warm_up()
    [(host, index)] = made
    assert host == "timeline.example"
    assert index is held.current_index() and len(index.ids) == 3
    assert sorted(index.shown) == [events[1].pk, events[2].pk]  # as the timeline lists them, for the first views


def test_the_warm_up_keeps_no_view(settings):
    make_event("Talks in Geneva", dt.date(2024, 12, 2), "08:00")
    warm.warm_up()
    views = beside.folder(held.current_epoch()) / "views"
    assert not views.exists() or not any(views.iterdir())


def test_a_warm_up_that_fails_is_logged_and_the_process_starts_all_the_same(monkeypatch, caplog):
    def unreachable(request, index):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(warm, "timeline_view", unreachable)
    with caplog.at_level(logging.ERROR, logger="timeline.reading.warm"):
        warm.warm_up()
    assert "warm-up: the front page could not be made" in caplog.text
    assert "connection refused" in caplog.text
