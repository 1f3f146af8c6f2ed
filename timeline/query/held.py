"""The index this process holds, brought up to date as the data changes.

An update reads only the documents changed since (see `counting.read_index`). A large index is updated beside the
requests, which keep the one in hand meanwhile, by one process at a time, which saves it (`saved_index`): the other
processes, and those that start after, map it instead of reading the changes again. A large PostgreSQL database's
searches are answered by a word file (`word_index`) that the same updates keep.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
import uuid
from dataclasses import replace

from django.db import connection

from timeline.models import Revision

from . import beside, saved_index, word_index
from .counting import Index, read_index, taken_over

_current: Index | None = None
_epoch: uuid.UUID | None = None  # the database's the index is
_refresh: threading.Thread | None = None


def current_index() -> Index:
    """This process's index, brought up to date when the data has changed since, but not more often than
    `TIMELINE_INDEX_MAX_AGE` seconds: while documents pour in, readers see them that much later.

    An index slow to read whole (a large database's) is brought up to date beside the requests, which meanwhile get
    the one in hand, and no sooner than ten times as long as the last update took, so the process spends at most a
    tenth of its time on it. A small one is brought up to date by the request that finds it out of date."""
    global _current, _epoch
    if _current is not None and time.monotonic() - _current.read_at < _current.rest:
        return _current  # not to be brought up to date yet: what changed need not even be asked
    revision, epoch = Revision.current_in_epoch()
    if epoch != _epoch:  # another database's (flushed, or made anew): nothing of it holds
        _current, _epoch = None, epoch
    if _current is None:
        _current = _first_index(revision, epoch)
        _give_back_memory()
        if _current.words_epoch:
            _read_beside(_current, revision, epoch)  # to bring the word file up to date
    elif _current.revision != revision and time.monotonic() - _current.read_at >= _current.rest:
        if _current.slow_to_read:
            _read_beside(_current, revision, epoch)
        else:
            _current = read_index(revision, since=_current)
    return _current


def current_epoch() -> uuid.UUID | None:
    """The epoch of the database the index in hand was read from (None before anything was stored)."""
    return _epoch


def _first_index(revision: int, epoch: uuid.UUID | None) -> Index:
    """The index saved by another process, brought up to date, else one read whole. Processes that start together
    take turns, so one reads it whole and the others map what it saved."""
    if epoch is None:
        return read_index(revision)
    with beside.turn(epoch):
        index = read_index(revision, since=saved_index.load(epoch, revision))
        saved_index.keep(index, epoch)
    return _to_hold(index, epoch)


def _taken_or_read(since: Index, revision: int, epoch: uuid.UUID | None) -> Index:
    """The index brought up to date: the one another process saved since, if any, while it rests (`Index.rest`);
    else read by this process, which saves it for the others. The processes take turns at reading, so that while
    documents pour in one of them reads what changed and the others map what it saved."""
    if epoch is None:
        return read_index(revision, since=since)
    index = _newest_saved(since, revision, epoch)
    if _resting(index, revision):
        return index
    with beside.turn(epoch):
        index = _newest_saved(index, revision, epoch)  # another process's turn may have just ended
        if _resting(index, revision):
            return index
        index = read_index(revision, since=index)
        saved_index.keep(index, epoch)
    return index


def _newest_saved(since: Index, revision: int, epoch: uuid.UUID) -> Index:
    """The newest index another process saved after this one, taking over what this one worked out; else this one."""
    newer = saved_index.load(epoch, revision, after=since.revision)
    return since if newer is None else taken_over(newer, since)


def _resting(index: Index, revision: int) -> bool:
    """Whether an index need not be read again yet: it is up to date, or was read too lately."""
    return index.revision >= revision or time.monotonic() - index.read_at < index.rest


def _to_hold(index: Index, epoch: uuid.UUID | None) -> Index:
    """The index as this process holds it once it takes the place of the one in hand: its searches answered where
    they may be, and what counting needs worked out, so the first views made from it need not."""
    return _answering_searches(index, epoch).ready_for_counting()


def _answering_searches(index: Index, epoch: uuid.UUID | None) -> Index:
    """The index with its searches answered by the word file, when it is a large PostgreSQL database's. An index that
    already is stays as it is, not copied while the requests work with it."""
    if index.words_epoch == epoch:
        return index
    if epoch is not None and index.slow_to_read and connection.vendor == "postgresql":
        return replace(index, words_epoch=epoch)
    return index


def _read_beside(since: Index, revision: int, epoch: uuid.UUID | None) -> None:
    """Brings the index up to date in a thread of its own, unless one is at it; the new one takes the place of the
    current one when done."""
    global _refresh
    if _refresh is not None and _refresh.is_alive():
        return

    handed = [since]  # taken by the thread, so that nothing here keeps the old index once it is replaced

    def read() -> None:
        global _current
        try:
            _current = _to_hold(_taken_or_read(handed.pop(), revision, epoch), epoch)
            _give_back_memory()
            if _current.words_epoch:
                word_index.follow(epoch, _current.revision)
        finally:
            connection.close()  # the thread's own

    _refresh = threading.Thread(target=read, name="timeline-index", daemon=True)
    _refresh.start()


# Memory is handed back after views at most this often: each time costs a few milliseconds.
GIVEN_BACK_EVERY = 1.0
_given_back_at = 0.0


def give_back_memory_now_and_then() -> None:
    """Hands back the memory freed since the last time, if a second has passed: a view made frees arrays the size of
    the index's columns, which the C library keeps. At a million events a process held 80 MB more after a hundred
    views than it used, 310 MB where 230 remained once handed back."""
    global _given_back_at
    now = time.monotonic()
    if now - _given_back_at >= GIVEN_BACK_EVERY:
        _given_back_at = now
        _give_back_memory()


def _give_back_memory() -> None:
    """Hands the memory the index freed back to the system. The C library keeps freed memory for later use, and an
    index's arrays, each below the size it maps apart, then stay in the process as a second index's worth (at a
    million events, about 440 MB held instead of 280)."""
    if _C_LIBRARY is not None:
        _C_LIBRARY.malloc_trim(0)


def _c_library():
    """glibc, whose `malloc_trim` gives freed memory back; None elsewhere."""
    try:
        library = ctypes.CDLL(ctypes.util.find_library("c"))
        return library if hasattr(library, "malloc_trim") else None
    except OSError:
        return None


_C_LIBRARY = _c_library()


def forget_index() -> None:
    """Forgets the index, and which database it was read from."""
    global _current, _epoch
    if _refresh is not None:
        _refresh.join()
    _current, _epoch = None, None
