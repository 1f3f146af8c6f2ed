"""The index this process holds, brought up to date as the data changes.

An update reads only the documents changed since (see `counting.read_index`). A large index is updated beside the
requests, which keep the one in hand meanwhile, and saved for the processes that start after (`saved_index`), which
map it instead of reading everything. A large PostgreSQL database's searches are answered by a word file
(`word_index`) that the same updates keep.
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
from .counting import Index, read_index

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
    return _answering_searches(index, epoch)


def _answering_searches(index: Index, epoch: uuid.UUID | None) -> Index:
    """The index with its searches answered by the word file, when it is a large PostgreSQL database's."""
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
            index = read_index(revision, since=handed.pop())
            saved_index.keep(index, epoch)
            _current = _answering_searches(index, epoch)
            _give_back_memory()
            if _current.words_epoch:
                word_index.follow(epoch, revision)
        finally:
            connection.close()  # the thread's own

    _refresh = threading.Thread(target=read, name="timeline-index", daemon=True)
    _refresh.start()


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
