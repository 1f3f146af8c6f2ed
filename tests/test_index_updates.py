"""The counts' index is brought up to date by reading again only what changed, and ends as reading it whole would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import random
import shutil
import threading
import uuid
from collections.abc import Callable

import numpy as np
import pytest
from django.core.management import call_command

from timeline.models import Actor, Change, Document, Event, Revision, Theme
from timeline.query import beside, counting, held, saved_index
from timeline.store.documents import date_document

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text, make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)


def link_tags(links: counting.Links) -> np.ndarray:
    """Each link's tag, as its place among the tags."""
    return np.repeat(np.arange(len(links.tags)), np.diff(links.bounds))


def contents(index: counting.Index) -> dict:
    """What an index says, whatever the numbering of its labels."""
    return {
        "ids": index.ids.tolist(),
        "keys": index.keys.tolist(),
        "oldest": index.ids[index.oldest].tolist(),
        "newest": index.ids[index.newest].tolist(),
        "days": index.days.ids[index.days.numbers].astype(str).tolist(),
        "sources": index.sources.ids[index.sources.numbers].tolist(),
        # In their order, which is the tags' and then the events' whatever was merged: not sorted here.
        **{
            kind: list(zip(links.tags[link_tags(links)].tolist(), index.ids[links.rows].tolist(), strict=True))
            for kind, links in index.links.items()
        },
    }


@pytest.fixture
def reads(monkeypatch) -> list:
    """The documents each read of the database asked for (None: all of them)."""
    asked = []
    read = counting.Columns.read.__func__

    def recorded(cls, documents):
        asked.append(None if documents is None else set(documents))
        return read(cls, documents)

    monkeypatch.setattr(counting.Columns, "read", classmethod(recorded))
    return asked


def updated(index: counting.Index) -> counting.Index:
    """The index brought up to date, checked against one read whole."""
    revision = Revision.current()
    merged = counting.read_index(revision, since=index)
    assert contents(merged) == contents(counting.read_index(revision))
    return merged


def test_each_kind_of_change_is_read_alone_and_ends_as_reading_everything_would(reads):
    blog = ingest_text(LIVE_BLOG, source="blog.txt").document
    roundup = ingest_text(UNDATED_ROUNDUP, source="roundup.txt", published=dt.date(2024, 6, 1)).document
    lone = make_event("Talks open", DAY, "08:00", actors=("Anna Envoy",), themes=("diplomacy",))
    index = counting.read_index(Revision.current())
    assert len(index.ids) == Event.objects.visible().count() > 5

    def check(change, documents) -> None:
        """`documents`: those the update is to read, or how to find them once changed."""
        nonlocal index
        reads.clear()
        change()
        index = updated(index)
        # What the update read; the second read is the whole one it is checked against.
        assert reads[0] == (documents() if callable(documents) else documents)

    # A new document; a live blog that grew and lost an entry; a document an editor dated.
    newest_document = lambda: {Document.objects.latest("pk").pk}  # noqa: E731
    check(lambda: make_event("Depot burns", DAY, "23:59", themes=("strikes",)), newest_document)
    grown = LIVE_BLOG.replace("Drones shot down over the north\n00:20", "Ceasefire talks resume\n00:20")
    check(lambda: ingest_text(grown + "Ports reopen\n07:00 , Anna Bell\nShips sailed.\n", source="blog.txt"), {blog.pk})
    check(lambda: date_document(roundup, dt.date(2024, 6, 3)), {roundup.pk})

    # An editor's corrections to one event: its day, taking it off the timeline, its tags.
    event = Event.objects.visible().filter(document=blog).first()

    def redate():
        event.editor_occurred_on = dt.date(2023, 1, 1)
        event.refresh()
        event.save()

    def remove():
        event.editor_removed = True
        event.save()

    check(redate, {blog.pk})
    check(lambda: event.actors.add(Actor.objects.get(name="Anna Envoy")), {blog.pk})
    check(remove, {blog.pk})
    check(lambda: Theme.objects.get(slug="diplomacy").events.add(*Event.objects.filter(document=blog)), {blog.pk})

    # A name that changes links nothing; one deleted may touch any document, so all is read again.
    def rename():
        Actor.objects.filter(name="Anna Envoy").update(name="Anna Envoya")
        Actor.objects.get(name="Anna Envoya").save()

    reads.clear()
    rename()
    index = updated(index)
    assert reads == [None]  # only the whole read it is checked against
    check(lambda: Actor.objects.get(name="Anna Envoya").delete(), None)
    check(lambda: lone.document.delete(), {lone.document_id})


def test_a_repeat_in_another_document_shows_again_when_what_it_repeats_is_deleted(reads):
    first = make_event("Bridge struck", DAY, "08:00")
    repeat = make_event("Bridge struck again", DAY, "09:00")
    repeat.mark_repeat_of(first)
    repeat.save()
    index = counting.read_index(Revision.current())
    assert repeat.pk not in index.ids
    first.document.delete()
    reads.clear()
    index = updated(index)
    assert reads[0] == {first.document_id, repeat.document_id}
    assert repeat.pk in index.ids


def test_an_index_too_far_behind_the_changes_kept_is_read_whole(reads):
    make_event("Talks open", DAY, "08:00")
    index = counting.read_index(Revision.current())
    make_event("Talks close", DAY, "18:00")
    Change.objects.all().delete()  # as if more changes came than are kept
    reads.clear()
    updated(index)
    assert reads[0] is None


def test_a_timeline_merged_document_by_document_in_any_order_matches_reading_it_whole(reads):
    """Many days, undated events, keys that documents share, tags: each row is let in where reading whole puts it."""
    call_command("generate_timeline", "--events", "400", stdout=io.StringIO())
    for number in range(6):  # events known only by their day share a key, across documents
        make_event(f"Shelling reported {number}", DAY, actors=("Anna Envoy",))
        make_event(f"Shelling denied {number}", DAY, document=Event.objects.latest("pk").document)
    documents = list(Document.objects.values_list("pk", flat=True))
    random.Random(7).shuffle(documents)  # so that a document's events come before and after those read already
    index = counting.Index.empty()
    for start in range(0, len(documents), 3):
        chosen = set(documents[start : start + 3])
        index = index.merged(counting.Columns.read(chosen), chosen)
    assert contents(index) == contents(counting.read_index(Revision.current()))


@pytest.fixture
def slow(settings):
    """Every index counts as slow to read whole, as a large database's: saved for the processes that start after."""
    settings.TIMELINE_INDEX_INLINE_SECONDS = 0
    return settings.TIMELINE_INDEX_DIR


def test_a_process_that_starts_maps_the_index_another_saved_and_reads_only_what_changed_since(reads, slow):
    make_event("Talks open", DAY, "08:00", actors=("Anna Envoy",))
    first = held.current_index()  # read whole, and saved
    assert reads == [None]
    assert len(list(slow.glob("*/r*"))) == 1
    later = make_event("Talks close", DAY, "18:00", themes=("diplomacy",))
    held.forget_index()  # as a process that starts
    reads.clear()
    started = held.current_index()
    assert reads == [{later.document_id}]
    assert not isinstance(first.keys, np.memmap)
    assert isinstance(started.days.ids, np.memmap)  # a label no new event changed: the saved file's own pages
    assert contents(started) == contents(counting.read_index(Revision.current()))


def test_a_saved_index_is_an_other_databases_once_the_epoch_changed(reads, slow):
    make_event("Talks open", DAY, "08:00")
    held.current_index()
    held.forget_index()
    Revision.objects.update(epoch=uuid.uuid4())  # a database flushed, or made anew, that reached the same number
    reads.clear()
    held.current_index()
    assert reads == [None]


@pytest.mark.parametrize("damage", [b"not an array", b""])  # scribbled over; cut short by a machine that stopped
def test_a_saved_index_half_written_or_damaged_is_passed_over_and_removed(reads, slow, damage):
    make_event("Talks open", DAY, "08:00")
    index = held.current_index()
    (saved,) = slow.glob("*/r*")
    (saved / "keys.npy").write_bytes(damage)
    shutil.copytree(saved, saved.parent / ".writing-x")  # another process's, not yet whole
    held.forget_index()
    reads.clear()
    assert contents(held.current_index()) == contents(index)
    assert reads == [None]
    assert len(np.load(saved / "keys.npy")) == 1  # saved anew, not read again by every process that starts


def test_an_index_is_saved_at_each_update_and_the_older_ones_removed(slow):
    make_event("Talks open", DAY, "08:00")
    index = held.current_index()
    epoch = Revision.current_in_epoch()[1]
    (saved,) = slow.glob("*/r*")
    os.utime(saved, (0, 0))
    saved_index.keep(index, epoch)
    assert beside.age(saved) > 1e6  # one as new is saved: not written again
    saved_index.keep(dataclasses.replace(index, revision=index.revision + 1), epoch)
    assert [path.name for path in slow.glob("*/r*")] == [f"r{index.revision + 1}"]


@pytest.fixture
def another_process(slow) -> Callable[[], counting.Index]:
    """Brings the index up to date as another process would, and saves it."""

    def update() -> counting.Index:
        index = counting.read_index(Revision.current(), since=counting.read_index(Revision.current() - 1))
        saved_index.keep(index, Revision.current_in_epoch()[1])
        return index

    return update


def test_a_process_behind_takes_over_the_index_another_saved_and_its_own_searches(
    reads, another_process, settings, monkeypatch
):
    settings.TIMELINE_INDEX_MAX_AGE = 60  # the saved index rests a minute
    kept = make_event("Convoy reaches the port", DAY, "08:00")
    gone = make_event("Convoy turned back", DAY, "09:00")
    mine = held.current_index()
    assert mine.searched("convoy").sum() == 2
    gone.document.delete()
    another_process()
    fresh = make_event("Second convoy leaves", DAY, "11:00")
    saved = another_process()
    make_event("Talks open", DAY, "12:00")  # not yet in the saved index, which rests meanwhile
    reads.clear()
    taken = held._taken_or_read(mine, Revision.current(), Revision.current_in_epoch()[1])
    assert reads == []  # nothing read again: the saved index is mapped
    assert taken.revision == saved.revision < Revision.current()
    assert isinstance(taken.keys, np.memmap)
    assert contents(taken) == contents(saved)
    monkeypatch.setattr(counting.Index, "_found", lambda self, words: pytest.fail(f"{words!r} searched in everything"))
    assert taken.ids[taken.searched("convoy")].tolist() == [kept.pk, fresh.pk]


def test_a_process_behind_reads_the_changes_itself_once_the_saved_index_has_rested(reads, another_process, slow):
    make_event("Talks open", DAY, "08:00")
    mine = held.current_index()
    make_event("Talks close", DAY, "18:00")
    another_process()
    (saved,) = slow.glob("*/r*")
    os.utime(saved, (0, 0))  # saved long ago
    later = make_event("Talks resume", DAY, "20:00")
    reads.clear()
    index = held._taken_or_read(mine, Revision.current(), Revision.current_in_epoch()[1])
    assert reads == [{later.document_id}]  # from the saved index on, read by this process
    assert contents(index) == contents(counting.read_index(Revision.current()))
    assert [path.name for path in slow.glob("*/r*")] == [f"r{Revision.current()}"]  # and saved for the others


def test_a_folder_the_process_may_not_write_leaves_each_process_its_own_index(reads, slow, settings, tmp_path):
    settings.TIMELINE_INDEX_DIR = tmp_path / "a file, not a folder"
    settings.TIMELINE_INDEX_DIR.write_text("")
    make_event("Talks open", DAY, "08:00")
    assert len(held.current_index().ids) == 1
    assert reads == [None]


def test_processes_that_start_together_take_turns_at_the_saved_index(slow):
    epoch = uuid.uuid4()
    entered = threading.Event()

    def second() -> None:
        with beside.turn(epoch):
            entered.set()

    with beside.turn(epoch):
        waiting = threading.Thread(target=second)
        waiting.start()
        assert not entered.wait(0.3)  # held out while the first process has its turn
    waiting.join()
    assert entered.is_set()


def events_in_memory(count: int) -> counting.Index:
    """An index of this many events, the first ids, made without the database."""
    ids = np.arange(1, count + 1, dtype=np.int64)
    keys = np.array([b"2024-12-02"] * count, dtype=f"S{counting.KEY_WIDTH}")
    nothing = np.zeros(0, dtype=np.int64)
    links = dict.fromkeys(counting.TAG_KINDS, (nothing, nothing))
    return counting.Index.empty().merged(counting.Columns(ids, ids.copy(), keys, links), set())  # a document each


@pytest.fixture
def matches(monkeypatch) -> dict[str, np.ndarray]:
    """The rows each word is found in, instead of searching the database."""
    found = {}
    monkeypatch.setattr(counting.Index, "_found_again", lambda self, words: found[words])
    return found


def test_a_process_keeps_recent_searches_matches_within_a_budget_of_bytes_the_oldest_let_go(monkeypatch, matches):
    index = events_in_memory(320)
    for number, words in enumerate(["bridge", "convoy", "struck"]):
        matches[words] = np.arange(number, number + 4, dtype=counting.POSITION)
    assert index.ids[index.searched("bridge")].tolist() == [1, 2, 3, 4]
    monkeypatch.setattr(counting, "SEARCHES_KEPT_BYTES", 2 * 4 * 4)  # room for two of these searches, no third
    index.searched("convoy")
    assert set(index.searches) == {"bridge", "convoy"}
    assert index.ids[index.searched("struck")].tolist() == [3, 4, 5, 6]
    assert list(index.searches) == ["convoy", "struck"]  # the one kept longest let go


def test_a_search_is_kept_as_rows_while_rare_and_as_a_bit_for_each_event_once_common(matches):
    index = events_in_memory(320)
    matches["rare"] = np.arange(0, 320, 32, dtype=counting.POSITION)  # 10 rows: 40 bytes, as few as bits take
    matches["common"] = np.arange(0, 320, 2, dtype=counting.POSITION)  # 160 rows: 640 bytes, or 40 as bits
    for words, rows in matches.items():
        assert np.flatnonzero(index.searched(words)).tolist() == rows.tolist()
    assert index.searches["rare"].dtype == counting.POSITION
    assert index.searches["common"].nbytes == 320 // 8
    nothing = index.ids[:0]
    gone = counting.Columns(nothing, nothing, index.keys[:0], dict.fromkeys(counting.TAG_KINDS, (nothing, nothing)))
    merged = index.merged(gone, {1})  # the first event's document deleted: every other row moves up one
    carried = {words: counting._rows_kept(kept, 319).tolist() for words, kept in merged.carried.items()}
    assert carried == {words: (rows[1:] - 1).tolist() for words, rows in matches.items()}
    assert merged.carried["common"].nbytes == 40  # carried as compactly as kept


def test_a_saved_index_in_another_format_is_read_whole_again(reads, slow):
    make_event("Talks open", DAY, "08:00")
    held.current_index()
    (saved,) = slow.glob("*/r*")
    (saved / "index.json").write_text(json.dumps({"format": saved_index.FORMAT + 1, "whole_read_seconds": 1}))
    held.forget_index()
    reads.clear()
    held.current_index()
    assert reads == [None]


def test_saving_removes_what_is_long_unused_other_databases_and_half_written_folders(slow):
    stale, recent = slow / str(uuid.uuid4()), slow / str(uuid.uuid4())
    for folder in (stale, recent):
        (folder / "r5").mkdir(parents=True)
    os.utime(stale, (0, 0))
    make_event("Talks open", DAY, "08:00")
    epoch = Revision.current_in_epoch()[1]
    left_writing = slow / str(epoch) / ".writing-x"
    left_writing.mkdir(parents=True)
    os.utime(left_writing, (0, 0))
    held.current_index()
    assert sorted(path.name for path in slow.iterdir()) == sorted([str(epoch), recent.name])
    assert not left_writing.exists()


@pytest.mark.parametrize("largest", [12, 50_000_000])  # looked up in a table; too sparse for one
def test_the_rows_of_a_searchs_ids_are_found_whatever_the_spread_of_the_ids(largest):
    ids = np.array([3, 7, largest], dtype=np.int64)
    nothing = np.zeros(0, dtype=np.int64)
    keys = np.array([b"2024-12-02", b"", b"2024-12-03"], dtype=f"S{counting.KEY_WIDTH}")
    fresh = counting.Columns(ids, np.array([1, 1, 2]), keys, {kind: (nothing, nothing) for kind in counting.TAG_KINDS})
    index = counting.Index.empty().merged(fresh, set())
    wanted = np.array([7, largest, 4, largest + 1, -1], dtype=np.int64)  # two in the index, three not
    assert index.rows_of(wanted).tolist() == [False, True, True]
    assert (index._row_of_id is None) == (largest > 1_000_000)


def test_an_update_looks_for_a_recent_search_only_among_the_fresh_events(monkeypatch):
    kept = make_event("Convoy reaches the port", DAY, "08:00")
    gone = make_event("Convoy turned back", DAY, "09:00")
    make_event("Talks open", DAY, "10:00")
    index = counting.read_index(Revision.current())
    assert index.searched("convoy").sum() == 2
    gone.document.delete()
    fresh = make_event("Second convoy leaves", DAY, "11:00")
    make_event("Talks close", DAY, "12:00")
    merged = counting.read_index(Revision.current(), since=index)
    monkeypatch.setattr(counting.Index, "_found", lambda self, words: pytest.fail(f"{words!r} searched in everything"))
    assert merged.ids[merged.searched("convoy")].tolist() == [kept.pk, fresh.pk]
    monkeypatch.undo()
    assert merged.ids[merged.searched("talks")].tolist() == sorted(
        Event.objects.search("talks").values_list("pk", flat=True)
    )


def test_an_update_keeps_the_options_names_but_the_changed_sources_and_none_after_a_rename():
    named = make_event("Talks open", DAY, "08:00", actors=("Anna Envoy",))
    retitled = make_event("Talks close", DAY, "09:00")
    envoy = Actor.objects.get(name="Anna Envoy")
    index = counting.read_index(Revision.current())
    index.names.update(
        {
            ("actor", envoy.pk): ("anna-envoy", "Anna Envoy"),
            ("source", named.document_id): (str(named.document_id), "About Talks open"),
            ("source", retitled.document_id): (str(retitled.document_id), "About Talks close"),
        }
    )
    retitled.document.title = "Talks closed for the week"
    retitled.document.save()
    merged = counting.read_index(Revision.current(), since=index)
    assert set(merged.names) == {("actor", envoy.pk), ("source", named.document_id)}
    envoy.name = "Anna Envoya"
    envoy.save()
    make_event("Talks resume", DAY, "10:00")
    assert counting.read_index(Revision.current(), since=merged).names == {}


def test_processes_holding_the_same_saved_index_search_a_word_once_between_them(slow, monkeypatch):
    kept = make_event("Convoy reaches the port", DAY, "08:00")
    make_event("Talks open", DAY, "09:00")
    epoch = Revision.current_in_epoch()[1]
    saved_index.keep(counting.read_index(Revision.current()), epoch)
    searched = []
    search = counting._search_ids
    monkeypatch.setattr(counting, "_search_ids", lambda words, among=None: searched.append(words) or search(words))
    first, second = (  # two processes, each with the index it mapped, searching through the database
        dataclasses.replace(saved_index.load(epoch, Revision.current()), words_epoch=epoch) for _ in range(2)
    )
    assert first.ids[first.searched("convoy")].tolist() == [kept.pk]
    assert second.ids[second.searched("convoy")].tolist() == [kept.pk]
    assert searched == ["convoy"]
    later = make_event("Second convoy leaves", DAY, "10:00")
    saved_index.keep(counting.read_index(Revision.current()), epoch)  # a newer index: its own searches
    newer = dataclasses.replace(saved_index.load(epoch, Revision.current()), words_epoch=epoch)
    assert newer.ids[newer.searched("convoy")].tolist() == [kept.pk, later.pk]
    assert searched == ["convoy", "convoy"]


def test_a_slow_index_rests_ten_times_what_bringing_it_up_to_date_cost_the_readers_half_a_minute_at_most(client, slow):
    """Its reading, and the views made anew from it, which readers wait on as much; a view kept costs nothing."""
    make_event("Talks open", DAY, "08:00")
    index = held.current_index()
    assert index.rest == pytest.approx(counting.READS_APART * index.read_seconds)
    client.get("/")
    made = index.views_made.seconds
    assert made > 0
    assert index.rest == pytest.approx(counting.READS_APART * (index.read_seconds + made))
    client.get("/")  # the view kept
    assert held.current_index() is index and index.views_made.seconds == made
    index.views_made.add(3600)
    assert index.rest == counting.REST_AT_MOST


def test_a_view_made_hands_the_memory_it_freed_back_at_most_once_a_second(client, monkeypatch):
    """A view's arrays, freed, stay with the C library unless handed back; handing back costs milliseconds."""
    handed = []
    monkeypatch.setattr(held, "_give_back_memory", lambda: handed.append("back"))
    monkeypatch.setattr(held, "_given_back_at", -1e9)
    make_event("Talks open", DAY, "08:00")
    held.current_index()  # read, which hands memory back of its own
    handed.clear()
    client.get("/")
    client.get("/?q=talks")  # another view made within the second
    assert handed == ["back"]
    monkeypatch.setattr(held, "_given_back_at", -1e9)  # a second later
    client.get("/?q=open")
    assert handed == ["back", "back"]
