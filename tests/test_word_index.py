"""The word file that answers a large PostgreSQL database's searches: it finds what the database finds, and follows
the database's changes by writing again only the documents changed."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection

from timeline.models import Actor, Event, Revision
from timeline.query import beside, counting, held, word_index

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)
EPOCH = uuid.UUID(int=7)


def database_finds(words: str) -> set[int]:
    return set(Event.objects.search(words).values_list("id", flat=True))


def file_finds(words: str) -> set[int] | None:
    found = word_index.searched(EPOCH, Revision.current(), words)
    return None if found is None else {int(event) for event in found.split(",") if event}


@pytest.fixture
def stories():
    make_event("Drones shot down over Kyiv", DAY, "08:00", body="Air defence downed 20 drones, officials said.")
    make_event("Tu-160 bombers take off", DAY, "09:00", body="Strategic bombers left Engels, monitors said.")
    make_event("Zelenskyy meets envoys in Kyïv", DAY, "10:00", body="Talks on air defence went on.")
    make_event("Ceasefire holds", DAY, "11:00", body="No shelling was reported overnight.")


def test_it_finds_what_the_database_finds_words_beginnings_accents_and_numbers(stories):
    word_index.follow(EPOCH, Revision.current())
    for words in ["drone", "kyiv", "KYÏV", "160", "tu", "air defence", "bomb engels", "said", "shelling nothing", "x"]:
        assert file_finds(words) == database_finds(words), words
    assert file_finds("air defence") == database_finds("air defence") != set()


def test_it_follows_the_changes_writing_again_only_the_documents_changed(stories, monkeypatch):
    word_index.follow(EPOCH, Revision.current())

    def built_whole(*args):
        raise AssertionError("built whole")

    monkeypatch.setattr(word_index, "_build", built_whole)
    new = make_event("Port of Odesa reopens", DAY, "12:00", body="Grain ships sailed.")
    assert file_finds("odesa") is None  # behind the database: the database answers
    word_index.follow(EPOCH, Revision.current())
    assert file_finds("odesa") == {new.pk}
    new.headline = "Port of Izmail reopens"
    new.save()
    word_index.follow(EPOCH, Revision.current())
    assert file_finds("odesa") == set() and file_finds("izmail") == {new.pk}
    new.document.delete()
    word_index.follow(EPOCH, Revision.current())
    assert file_finds("izmail") == set()
    assert file_finds("drones") == database_finds("drones")


def test_a_change_to_tags_alone_leaves_it_as_it_is_and_one_that_may_touch_any_text_builds_it_anew(stories, settings):
    word_index.follow(EPOCH, Revision.current())
    (first,) = (settings.TIMELINE_INDEX_DIR / str(EPOCH)).glob("words-*.sqlite3")
    Actor.objects.create(name="Anna Envoy").delete()  # its links may have been on any event, but no text changed
    word_index.follow(EPOCH, Revision.current())
    assert list((settings.TIMELINE_INDEX_DIR / str(EPOCH)).glob("words-*.sqlite3")) == [first]
    assert file_finds("drone") == database_finds("drone")  # caught up
    Revision.bump()  # as a restore does: anything may have changed
    word_index.follow(EPOCH, Revision.current())
    (second,) = (settings.TIMELINE_INDEX_DIR / str(EPOCH)).glob("words-*.sqlite3")
    assert second != first
    assert file_finds("drone") == database_finds("drone")


def test_a_process_that_finds_another_at_the_file_leaves_it_be(stories):
    with beside.turn(EPOCH, "words"):
        word_index.follow(EPOCH, Revision.current())
    assert file_finds("drone") is None  # not built: the other process is at it
    word_index.follow(EPOCH, Revision.current())
    assert file_finds("drone") == database_finds("drone")


def test_with_no_file_or_a_damaged_one_the_database_answers_and_the_file_is_built_anew(stories, settings):
    assert file_finds("drone") is None
    word_index.follow(EPOCH, Revision.current())
    (path,) = (settings.TIMELINE_INDEX_DIR / str(EPOCH)).glob("words-*.sqlite3")
    path.write_bytes(b"not a database")
    assert file_finds("drone") is None
    make_event("Depot burns", DAY, "13:00")
    word_index.follow(EPOCH, Revision.current())
    assert file_finds("drone") == database_finds("drone")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's own index is FTS5 already")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the thread reads what the test committed
def test_a_large_postgresql_index_has_its_searches_answered_by_the_word_file(stories, settings, monkeypatch):
    settings.TIMELINE_INDEX_INLINE_SECONDS = 0  # as a large database's
    held.current_index()
    held._refresh.join()  # the word file built beside the requests
    expected = database_finds("air defence")

    def asked_the_database(words):
        raise AssertionError("the database was asked")

    monkeypatch.setattr(counting, "_search_ids", asked_the_database)
    index = held.current_index()
    assert index.words_epoch == Revision.current_in_epoch()[1]
    assert set(index.ids[index.searched("air defence")].tolist()) == expected


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the threads read what the test committed
def test_processes_that_find_no_file_take_turns_so_that_one_builds_it(stories, monkeypatch):
    builds = []
    build = word_index._build

    def counted(*args):
        builds.append(args)
        build(*args)

    monkeypatch.setattr(word_index, "_build", counted)

    def follow() -> None:
        try:
            word_index.follow(EPOCH, Revision.current())
        finally:
            connection.close()

    followers = [threading.Thread(target=follow) for _ in range(3)]
    for follower in followers:
        follower.start()
    for follower in followers:
        follower.join()
    assert len(builds) == 1
    assert file_finds("drone") == database_finds("drone")


def test_a_beginning_is_spelled_out_as_the_words_it_begins_and_finds_what_the_database_finds(stories):
    """ "dron" begins "drone" and "drones"; a beginning of more words than are spelled out is left to FTS5."""
    make_event("Drone strikes on the port", DAY, "12:00", body="A dronework shop was hit.")
    word_index.follow(EPOCH, Revision.current())
    with word_index._connected(word_index._newest(EPOCH), 1, "ro") as words_file:
        assert word_index._words_beginning(words_file, "dron") == ["drone", "drones", "dronework"]
        assert word_index._words_beginning(words_file, "tu-160") is None  # two words to the tokenizer
        assert word_index._match(words_file, ["Dron", "KYÏV"]) == '("drone" OR "drones" OR "dronework") AND "KYÏV"*'
    for words in ["dron", "drones", "DRONE strikes", "dronez", "d", "s"]:
        assert file_finds(words) == database_finds(words), words
