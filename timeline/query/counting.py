"""The counts beside the reader's filters and the day strip, from arrays of the visible events held in memory.

Counting in SQL costs some ten microseconds for each matching event, so the counts beside a frequent actor took a
quarter of a second to gather; from these arrays they take milliseconds, whatever the filters. Each process reads
the arrays again when the data has changed, at most every `TIMELINE_INDEX_MAX_AGE` seconds while documents pour in;
a large database's beside the requests, which keep the arrays in hand meanwhile.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import connection

from timeline.models import Event, Revision, text_index_query

if TYPE_CHECKING:
    from .cursor import Cursor


TAG_KINDS = {"actor": "actors", "location": "locations", "theme": "themes"}
# Rows and label numbers, which count the events and their tags, are kept in half the memory of an id.
POSITION = np.int32
READS_APART = 10  # an index is read again no sooner than this many times as long as reading it took
# Searches whose matches each process keeps, until the data changes: enough for the words of a busy news day.
SEARCHES_KEPT = 256


@dataclass(frozen=True)
class Labels:
    """One column of small numbers standing for ids, and the ids they stand for: numbers count fast."""

    ids: np.ndarray  # each distinct id, ascending
    numbers: np.ndarray  # for each row, where its id stands in `ids` (int32)

    @classmethod
    def of(cls, column: np.ndarray) -> Labels:
        ids, numbers = np.unique(column, return_inverse=True)
        return cls(ids, numbers.astype(POSITION))

    @classmethod
    def of_ids(cls, column: np.ndarray) -> Labels:
        """The same for database ids, which are positive and seldom far above their count: looked up in a table as
        long as the largest, not sorted (millions of tag links in a tenth of the time)."""
        if not len(column) or column.max() > 4 * len(column) + 1_000_000:
            return cls.of(column)
        present = np.bincount(column) > 0
        ids = np.flatnonzero(present)
        number_of = np.zeros(len(present), dtype=POSITION)
        number_of[ids] = np.arange(len(ids))
        return cls(ids, number_of[column])

    def rows_with(self, ids: Iterable[int]) -> np.ndarray:
        wanted = np.isin(self.ids, list(ids))  # one flag for each distinct id, looked up by every row
        return wanted[self.numbers]

    def count(self, rows: np.ndarray) -> Counter:
        """How many of the chosen rows carry each id."""
        counts = np.bincount(self.numbers[rows], minlength=len(self.ids))
        found = np.flatnonzero(counts)
        return Counter(dict(zip(self.ids[found].tolist(), counts[found].tolist(), strict=True)))


@dataclass(frozen=True)
class Index:
    revision: int
    ids: np.ndarray  # the visible events' ids, ascending
    keys: np.ndarray  # each one's place in the timeline's order (`Event.sort_key`, as bytes; empty when undated)
    newest: np.ndarray  # the rows in reading order, newest first, the undated last
    oldest: np.ndarray  # the same, oldest first
    days: Labels  # the day each happened (NaT when undated)
    sources: Labels  # its document
    links: dict[str, tuple[np.ndarray, Labels]]  # for each kind of tag: the event of each link (its row), its tag
    read_at: float  # when, by the monotonic clock
    read_seconds: float  # how long reading it took
    searches: dict[str, np.ndarray] = field(default_factory=dict)  # the rows each recent search found
    unfiltered: dict[str, Counter] = field(default_factory=dict)  # counts over every event, once asked for

    @property
    def slow_to_read(self) -> bool:
        """Whether it is read again beside the requests, rather than by the one that finds it out of date."""
        return self.read_seconds >= settings.TIMELINE_INDEX_INLINE_SECONDS

    @property
    def rest(self) -> float:
        """Seconds before it may be read again: one slow to read, so long that reading takes a tenth of the time."""
        if self.slow_to_read:
            return max(settings.TIMELINE_INDEX_MAX_AGE, READS_APART * self.read_seconds)
        return settings.TIMELINE_INDEX_MAX_AGE

    @property
    def everything(self) -> np.ndarray:
        return np.ones(len(self.ids), dtype=bool)

    def allowed_by(self, masks: Iterable[np.ndarray]) -> np.ndarray:
        """The rows every mask allows."""
        allowed = self.everything
        for mask in masks:
            allowed &= mask
        return allowed

    def tags_of(self, kind: str) -> np.ndarray:
        """Every actor, place or theme ("actor", "location", "theme") some visible event is tagged with."""
        return self.links[kind][1].ids

    def tagged_with(self, kind: str, targets: Iterable[int]) -> np.ndarray:
        rows, tags = self.links[kind]
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[rows[tags.rows_with(targets)]] = True
        return chosen

    def from_sources(self, documents: Iterable[int]) -> np.ndarray:
        return self.sources.rows_with(documents)

    def between(self, start: dt.date | None, end: dt.date | None) -> np.ndarray:
        """Like `EventQuerySet.between`; an undated event is in no range (a comparison with NaT is false)."""
        days = self.days.ids
        in_range = ~np.isnat(days)
        if start:
            in_range &= days >= np.datetime64(start, "D")
        if end:
            in_range &= days <= np.datetime64(end, "D")
        return in_range[self.days.numbers]

    def searched(self, words: str) -> np.ndarray:
        """The rows of the events a text search finds; a common word is searched once for each revision."""
        if words not in self.searches:
            if len(self.searches) >= SEARCHES_KEPT:
                self.searches.clear()
            self.searches[words] = self.rows_of(_search_ids(words))
        return self.searches[words]

    def rows_of(self, event_ids: np.ndarray) -> np.ndarray:
        """The rows of these events; ids of events not in the index (repeats, say) are passed over."""
        rows, found = locate(self.ids, event_ids)
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[rows[found]] = True
        return chosen

    def page(self, allowed: np.ndarray, start: Cursor | None, size: int, oldest_first: bool) -> list[int]:
        """The ids of up to `size` allowed events in reading order, from just after `start`."""
        if start is not None:
            allowed = allowed & self.after(start, oldest_first)
        order = self.oldest if oldest_first else self.newest
        return self.ids[order[allowed[order]][:size]].tolist()

    def after(self, start: Cursor, oldest_first: bool) -> np.ndarray:
        """The rows that come after a cursor's event in reading order: later dated ones, then the undated."""
        undated = self.keys == b""
        if start.undated:
            return undated & (self.ids > start.id)
        key = start.key.encode()
        if oldest_first:
            later = (self.keys > key) | ((self.keys == key) & (self.ids > start.id))
        else:
            later = (self.keys < key) | ((self.keys == key) & (self.ids < start.id))
        return (later & ~undated) | undated

    def counts(self, name: str, chosen: np.ndarray | None) -> Counter:
        """The chosen rows' events per day ("day"), per source ("source") or per tag of a kind; with none chosen,
        every event's, counted once for all the requests this index serves (the front page's and most facets')."""
        if chosen is None:
            if name not in self.unfiltered:
                self.unfiltered[name] = self.counts(name, self.everything)
            return self.unfiltered[name]
        if name == "day":
            return self.per_day(chosen)
        return self.per_source(chosen) if name == "source" else self.per_tag(name, chosen)

    def per_day(self, chosen: np.ndarray) -> Counter:
        """Chosen events per day (as dates), the undated under None."""
        return self.days.count(chosen)

    def per_tag(self, kind: str, chosen: np.ndarray) -> Counter:
        rows, tags = self.links[kind]
        return tags.count(chosen[rows])

    def per_source(self, chosen: np.ndarray) -> Counter:
        return self.sources.count(chosen)


@dataclass
class Selection:
    """The rows of the index some filters allow, and each filter's own rows, for the facets' counts."""

    index: Index
    masks: dict[str, np.ndarray]  # a filter's name (the dates as one): the rows it allows
    counted: dict[str, Counter] = field(default_factory=dict)  # each facet's counts, once asked for

    @cached_property
    def rows(self) -> np.ndarray:
        return self.index.allowed_by(self.masks.values())

    def without(self, name: str) -> np.ndarray:
        """The rows the other filters allow: what an option of this kind is counted against."""
        if name not in self.masks:
            return self.rows
        return self.index.allowed_by(mask for other, mask in self.masks.items() if other != name)

    def counts_for(self, name: str) -> Counter:
        """How many events each option of one facet ("actor", "source"…) would show with the other kinds' filters as
        they are; counted once, for the facets and the map alike."""
        if name not in self.counted:
            others_filter = any(other != name for other in self.masks)
            self.counted[name] = self.index.counts(name, self.without(name) if others_filter else None)
        return self.counted[name]

    @property
    def per_day(self) -> Counter:
        """The events these filters allow, per day (as dates), the undated under None."""
        return self.index.counts("day", self.rows if self.masks else None)

    @property
    def count(self) -> int:
        return int(self.rows.sum())


_current: Index | None = None
_refresh: threading.Thread | None = None


def current_index() -> Index:
    """This process's index, read again when the data has changed since, but not more often than
    `TIMELINE_INDEX_MAX_AGE` seconds: while documents pour in, readers see them that much later.

    An index slow to read (a large database's) is read again beside the requests, which meanwhile get the one in
    hand, and no sooner than ten times as long as it took, so the process spends at most a tenth of its time on it.
    A small one is read by the request that finds it out of date."""
    global _current
    revision = Revision.current()
    if _current is None:
        _current = read_index(revision)
    elif _current.revision != revision and time.monotonic() - _current.read_at >= _current.rest:
        if _current.slow_to_read:
            _read_beside(revision)
        else:
            _current = read_index(revision)
    return _current


def _read_beside(revision: int) -> None:
    """Reads the index in a thread of its own, unless one is at it; it takes the place of the current one when
    done."""
    global _refresh
    if _refresh is not None and _refresh.is_alive():
        return

    def read() -> None:
        global _current
        try:
            _current = read_index(revision)
        finally:
            connection.close()  # the thread's own

    _refresh = threading.Thread(target=read, name="timeline-index", daemon=True)
    _refresh.start()


def forget_index() -> None:
    global _current
    if _refresh is not None:
        _refresh.join()
    _current = None


def read_index(revision: int) -> Index:
    """Every visible event and tag link, each column read as one text the database joins and numpy splits: a
    million events cost no million Python objects.

    The events come off the `visible_by_time` index alone, which holds all that is read of them; the day an event
    happened begins its sort key."""
    started = time.monotonic()
    width = Event._meta.get_field("sort_key").max_length
    events = Event.objects.visible().order_by().values_list("id", "document_id", "sort_key")
    found_ids, documents, padded_keys = _joined_columns(
        events, _joined("id"), _joined("document_id"), _joined(_padded("sort_key", width), "")
    )
    unsorted_ids = _numbers(found_ids)
    by_id = np.argsort(unsorted_ids)
    ids = unsorted_ids[by_id]
    sources = Labels.of_ids(_numbers(documents)[by_id])
    # Padded with spaces, which no key holds, to a fixed width that numpy reads in one go; a NUL ends a key there.
    keys = np.frombuffer(padded_keys.encode().replace(b" ", b"\0"), dtype=f"S{width}")[by_id]
    days = Labels.of(keys.astype("U10").astype("datetime64[D]"))  # an undated event's empty key is NaT
    dated, undated = np.flatnonzero(keys != b""), np.flatnonzero(keys == b"")
    oldest_dated = dated[np.lexsort((ids[dated], keys[dated]))]
    newest = np.concatenate([oldest_dated[::-1], undated]).astype(POSITION)
    oldest = np.concatenate([oldest_dated, undated]).astype(POSITION)
    by_kind = {}
    for kind, relation in TAG_KINDS.items():
        links = link_table(relation).objects.order_by()
        joined = _joined_columns(
            links.values_list("event_id", f"{kind}_id"), _joined("event_id"), _joined(f"{kind}_id")
        )
        events_linked, tags = (_numbers(column) for column in joined)
        rows, visible = locate(ids, events_linked)
        by_kind[kind] = (rows[visible].astype(POSITION), Labels.of_ids(tags[visible]))
    read_at = time.monotonic()
    return Index(revision, ids, keys, newest, oldest, days, sources, by_kind, read_at, read_at - started)


def link_table(relation: str):
    """The table of an event's links to its actors, locations or themes ("actors", "locations", "themes")."""
    return Event._meta.get_field(relation).remote_field.through


def locate(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each wanted id stands in the ascending ids, and whether it is there at all."""
    rows = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
    found = ids[rows] == wanted if len(ids) else np.zeros(len(wanted), dtype=bool)
    return rows, found


def search_plan(words: str) -> str:
    """How the database answers a text search: PostgreSQL's plan with its timings, SQLite's plan."""
    sql, params = _search_query(words)
    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    return "\n".join(" ".join(str(column) for column in row) for row in _raw(explain + sql, params))


def _search_ids(words: str) -> np.ndarray:
    sql, params = _search_query(words)
    (found,) = _raw(f"SELECT {_joined('id')} FROM ({sql}) AS found", params)[0]
    return _numbers(found or "")


def _search_query(words: str) -> tuple[str, list]:
    """The query for the ids a text search finds. On SQLite straight from the text index: looking each match up in
    the events table, as `Event.objects.search` must to filter it, took four times as long for a common word."""
    if connection.vendor == "sqlite":
        return text_index_query(words.split())
    return Event.objects.search(words).order_by().values_list("id").query.sql_with_params()


def _joined_columns(queryset, *columns: str) -> list[str]:
    """Columns of a query's rows (SQL over its column names), each joined into one text ("" when there are none)."""
    sql, params = queryset.query.sql_with_params()
    return [value or "" for value in _raw(f"SELECT {', '.join(columns)} FROM ({sql}) AS found", params)[0]]


def _joined(column: str, separator: str = ",") -> str:
    if connection.vendor == "postgresql":
        return f"string_agg(({column})::text, '{separator}')"
    return f"group_concat({column}, '{separator}')"


def _padded(column: str, width: int) -> str:
    """A text column padded with spaces to a fixed width."""
    if connection.vendor == "postgresql":
        return f"rpad({column}, {width})"
    return f"substr({column} || '{' ' * width}', 1, {width})"


def _numbers(joined: str) -> np.ndarray:
    """The integers of a text the database joined with commas."""
    return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)


def _raw(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
