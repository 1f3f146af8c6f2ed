"""The counts beside the reader's filters and the day strip, from arrays of the visible events held in memory.

Counting in SQL costs some ten microseconds for each matching event, so the counts beside a frequent actor took a
quarter of a second to gather; from these arrays they take milliseconds, whatever the filters. When the data
changes, the rows of the documents changed are read again and merged in (`read_index`); `held` keeps each process's.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.db import connection

from timeline.models import Change, Event, text_index_query

from . import beside, shared_searches, word_index

if TYPE_CHECKING:
    from timeline.models.revision import Changes

    from .cursor import Cursor


TAG_KINDS = {"actor": "actors", "location": "locations", "theme": "themes"}
# Rows and label numbers, which count the events and their tags, are kept in half the memory of an id.
POSITION = np.int32
KEY_WIDTH = Event._meta.get_field("sort_key").max_length
# Counts of events: flags are added up in half the time into 32 bits as into 64.
COUNT = np.int32
# Beyond this many changed documents, reading everything again costs little more than reading theirs.
MERGED_AT_MOST = 500
READS_APART = 10  # an index is read again no sooner than this many times as long as bringing it up to date cost
# However much bringing an index up to date costs, readers see new documents within this many seconds.
REST_AT_MOST = 30
# The matches of recent searches each process keeps, carried through its updates: the words of a busy news day, or
# at a million events four words in half the events and many rarer ones. Kept through updates, 16 MB held each of
# four workers at 290-300 MB under fifty readers; 8 MB at 200-240 MB, answering as many. Each is kept in the smaller
# of two forms (`_kept_form`): at a million events a common word's matches take 120 KB, so 8 MB hold sixty.
SEARCHES_KEPT_BYTES = 8 * 2**20
# A search carried over from the index merged from is looked for among at most this many fresh events; past them it
# is searched anew, which costs about as much.
FRESH_SEARCHED_AT_MOST = 5000


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

    @classmethod
    def empty(cls, dtype) -> Labels:
        return cls(np.zeros(0, dtype=dtype), np.zeros(0, dtype=POSITION))

    def extended(self, column: np.ndarray) -> tuple[Labels, np.ndarray]:
        """These labels with the column's new ids among theirs, and the column's numbers: the ids stay ascending, so
        the numbers the rows had are renumbered."""
        new = Labels.of_ids(column) if column.dtype.kind == "i" else Labels.of(column)
        if not len(self.ids):
            return Labels(new.ids, self.numbers), new.numbers
        if np.isin(new.ids, self.ids, assume_unique=True).all():  # as most often: none new, nothing renumbered
            return self, np.searchsorted(self.ids, new.ids).astype(POSITION)[new.numbers]
        ids = np.union1d(self.ids, new.ids)  # NaT, the undated's day, once, at the end
        renumbered = np.searchsorted(ids, self.ids).astype(POSITION)
        return Labels(ids, renumbered[self.numbers]), np.searchsorted(ids, new.ids).astype(POSITION)[new.numbers]

    def rows_with(self, ids: Iterable[int]) -> np.ndarray:
        wanted = np.isin(self.ids, list(ids))  # one flag for each distinct id, looked up by every row
        return np.take(wanted, self.numbers)

    def count(self, rows: np.ndarray) -> Counts:
        """How many of the chosen rows carry each id: a few chosen rows by their own numbers (`FEW_CHOSEN`)."""
        if self._runs is not None and not _few(rows):
            starts, numbers = self._runs
            per_run = np.add.reduceat(rows, starts, dtype=COUNT)
            counts = np.bincount(numbers, weights=per_run, minlength=len(self.ids)).astype(np.int64)
        else:  # the chosen rows' places first: looking up by them takes a third of the time a mask over all does
            counts = np.bincount(self.numbers[np.flatnonzero(rows)], minlength=len(self.ids))
        return Counts(self.ids, counts)

    @cached_property
    def _runs(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Where each stretch of rows with the same id begins, and its number, when the rows come in few stretches,
        as a document's events do: a count then adds up stretches, not rows (2 ms instead of 5 at a million)."""
        if not len(self.numbers):
            return None
        starts = np.concatenate([[0], np.flatnonzero(self.numbers[1:] != self.numbers[:-1]) + 1])
        return (starts, self.numbers[starts]) if len(starts) * 8 <= len(self.numbers) else None


@dataclass(frozen=True)
class Links:
    """One kind's tag links, grouped by tag: the rows of each tag's events, ascending, one tag after the other. A
    tag's events are then one slice, and the chosen events of every tag are counted in one pass, a few
    milliseconds at a million events where looking up each link's tag took four times as long."""

    tags: np.ndarray  # the ids of the tags linked, ascending
    bounds: np.ndarray  # where each tag's rows begin in `rows`, and at the end where the last one's end
    rows: np.ndarray  # int32
    splits: dict[int, Dense] = field(default_factory=dict, compare=False, repr=False)  # by the index's size
    by_event: dict[int, ByEvent] = field(default_factory=dict, compare=False, repr=False)  # the same

    @classmethod
    def empty(cls) -> Links:
        return cls(np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64), np.zeros(0, dtype=POSITION))

    def rows_of(self, targets: Iterable[int]) -> np.ndarray:
        """The rows of the events linked to any of these tags (an event linked to two, twice)."""
        numbers = np.flatnonzero(np.isin(self.tags, list(targets)))
        return np.concatenate([self.rows[self.bounds[n] : self.bounds[n + 1]] for n in numbers] or [self.rows[:0]])

    def count(self, chosen: np.ndarray) -> Counts:
        """How many of the chosen rows' events each tag is linked to: tags linked to many events by their bits
        (`Dense`), at a million events a tenth of the time their rows take, the others by their rows."""
        if not len(self.rows):
            return Counts(self.tags, np.zeros(0, dtype=np.int64))
        split = self._split(len(chosen))
        if len(split.sparse_rows) and _few(chosen):
            return Counts(self.tags, self.events_of(len(chosen)).count(chosen, len(self.tags)))
        counts = np.zeros(len(self.tags), dtype=np.int64)
        if len(split.sparse_rows):
            counts[split.sparse] = np.add.reduceat(np.take(chosen, split.sparse_rows), split.sparse_starts, dtype=COUNT)
        if len(split.dense):
            counts[split.dense] = np.bitwise_count(split.bits & _bits_of(chosen)).sum(axis=1)
        return Counts(self.tags, counts)

    def _split(self, size: int) -> Dense:
        """The tags split for counting in an index of `size` events, once."""
        if size not in self.splits:
            self.splits[size] = Dense.of(self, size)
        return self.splits[size]

    def events_of(self, size: int) -> ByEvent:
        """The links event by event, in an index of `size` events, once."""
        if size not in self.by_event:
            self.by_event[size] = ByEvent.of(self, size)
        return self.by_event[size]

    def ready(self, size: int) -> None:
        """Works out once what counting in an index of `size` events needs, before a request does."""
        if len(self.rows) and len(self._split(size).sparse_rows):
            self.events_of(size)

    def merged(self, moved: np.ndarray, ids: np.ndarray, fresh: tuple[np.ndarray, np.ndarray]) -> Links:
        """The links of the kept rows, at their new ones (`moved`: each old row's, -1 when gone), with the fresh
        links (event ids, tag ids) of the events among `ids`. The kept links stay grouped, as the rows keep their
        order, and each fresh one is let in among its tag's where its row goes."""
        moved_rows = np.take(moved, self.rows)
        kept = moved_rows >= 0
        kept_rows = moved_rows[kept]
        event_ids, tag_ids = fresh
        fresh_rows, visible = locate(ids, event_ids)
        fresh_tags = Labels.of_ids(tag_ids[visible])
        tags = np.union1d(self.tags, fresh_tags.ids)
        counts = np.zeros(len(tags), dtype=np.int64)
        if len(self.rows):
            counts[np.searchsorted(tags, self.tags)] = np.add.reduceat(kept, self.bounds[:-1], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)])  # of each tag's kept rows
        fresh_numbers = np.searchsorted(tags, fresh_tags.ids)[fresh_tags.numbers]
        numbers, rows = _grouped(fresh_numbers, fresh_rows[visible], len(ids))
        places = np.zeros(len(rows), dtype=np.int64)
        if len(kept_rows):
            for number in np.unique(numbers):
                among = slice(*np.searchsorted(numbers, [number, number + 1]))
                tag_rows = kept_rows[starts[number] : starts[number + 1]]
                places[among] = starts[number] + np.searchsorted(tag_rows, rows[among])
        counts += np.bincount(numbers, minlength=len(tags))
        linked = counts > 0  # a tag whose every link went with its events is left out
        bounds = np.concatenate([[0], np.cumsum(counts[linked])])
        all_rows = np.insert(kept_rows, places, rows) if len(kept_rows) else rows
        return Links(tags[linked], bounds, all_rows.astype(POSITION))


# A selection of at most one event in this many is counted by its events' own links (`ByEvent`): past it, looking
# at every link of the kind costs less.
FEW_CHOSEN = 10


def _few(chosen: np.ndarray) -> bool:
    """Whether at most one row in `FEW_CHOSEN` is chosen."""
    return np.count_nonzero(chosen) * FEW_CHOSEN <= len(chosen)


@dataclass(frozen=True)
class ByEvent:
    """One kind's links event by event: where each row's begin, and their tags' places among the kind's, one row's
    after the other's. A few chosen events are counted by their own links: at a million events, a thousand of them
    in 0.2 ms and fifty thousand in 3, where every link of actors or places takes 4 to 5."""

    starts: np.ndarray  # where each row's links begin, and at the end where the last one's end
    numbers: np.ndarray  # the smallest integers that hold the kind's tags' places

    @classmethod
    def of(cls, links: Links, size: int) -> ByEvent:
        order = np.argsort(links.rows, kind="stable")
        places = np.arange(len(links.tags), dtype=np.min_scalar_type(max(len(links.tags) - 1, 0)))
        numbers = np.repeat(places, np.diff(links.bounds))[order]
        starts = np.zeros(size + 1, dtype=np.int64 if len(links.rows) > 2**31 - 1 else POSITION)
        np.cumsum(np.bincount(links.rows, minlength=size), out=starts[1:])
        return cls(starts, numbers)

    def count(self, chosen: np.ndarray, tags: int) -> np.ndarray:
        """How many of the chosen rows' events each of the `tags` is linked to."""
        rows = np.flatnonzero(chosen)
        begins = self.starts[rows].astype(np.int64)
        lengths = self.starts[rows + 1] - begins
        ends = np.cumsum(lengths)
        links = np.repeat(begins - (ends - lengths), lengths) + np.arange(int(ends[-1]) if len(ends) else 0)
        return np.bincount(self.numbers[links], minlength=tags)


@dataclass(frozen=True)
class Dense:
    """One kind's links split for counting: the tags linked to at least one event in 32 as one bit for each event,
    which take no more room than their rows, when such tags hold most of the kind's links (every theme does); the
    others by their rows. Where most links are other tags' (actors', places'), their rows would be copied out for a
    millisecond at a million events, at 9 MB a process: the kind is counted by its rows alone."""

    dense: np.ndarray  # the dense tags' places among the kind's tags
    bits: np.ndarray  # for each, one bit for each event (`_bits_of`)
    sparse: np.ndarray  # the other tags' places
    sparse_rows: np.ndarray  # their rows, one tag's after the other's
    sparse_starts: np.ndarray  # where each one's begin

    @classmethod
    def of(cls, links: Links, size: int) -> Dense:
        sizes = np.diff(links.bounds)
        is_dense = sizes * 32 >= size
        if sizes[is_dense].sum() * 4 < len(links.rows) * 3:
            everything = np.arange(len(links.tags))
            return cls(everything[:0], np.zeros((0, 1), np.uint64), everything, links.rows, links.bounds[:-1])
        dense, sparse = np.flatnonzero(is_dense), np.flatnonzero(~is_dense)
        bits = np.stack([_bits_of(_mask_of(links.rows[links.bounds[n] : links.bounds[n + 1]], size)) for n in dense])
        sparse_starts = np.concatenate([[0], np.cumsum(sizes[sparse])[:-1]]).astype(np.int64)
        return cls(dense, bits, sparse, links.rows[np.repeat(~is_dense, sizes)], sparse_starts)


def _mask_of(rows: np.ndarray, size: int) -> np.ndarray:
    """One flag for each of `size` rows: whether it is among these."""
    mask = np.zeros(size, dtype=bool)
    mask[rows] = True
    return mask


def _bits_of(chosen: np.ndarray) -> np.ndarray:
    """A mask as one bit for each row, in words of 64 bits, the last one padded."""
    packed = np.packbits(chosen)
    words = np.zeros(-(-len(packed) // 8) * 8, dtype=np.uint8)
    words[: len(packed)] = packed
    return words.view(np.uint64)


def _kept_form(rows: np.ndarray, size: int) -> np.ndarray:
    """A search's rows (of an index of `size` events) as a process keeps them: as they are while they are fewer than
    one in 32 events, else as one bit for each event (`np.packbits`), which takes less room: a word in a third of a
    million events then takes 120 KB instead of 1.3 MB."""
    return rows if rows.nbytes <= size // 8 else np.packbits(_mask_of(rows, size))


def _rows_kept(kept: np.ndarray, size: int) -> np.ndarray:
    """The rows of a search kept in either form (`_kept_form`)."""
    if kept.dtype == np.uint8:
        return np.flatnonzero(np.unpackbits(kept, count=size)).astype(POSITION)
    return kept


def _chosen(kept: np.ndarray, size: int) -> np.ndarray:
    """One flag for each event: whether a search kept in either form (`_kept_form`) found it."""
    if kept.dtype == np.uint8:
        return np.unpackbits(kept, count=size).view(bool)
    return _mask_of(kept, size)


def _carried(
    searches: dict[str, np.ndarray], size: int, new_size: int, moved: Callable[[np.ndarray], np.ndarray]
) -> dict[str, np.ndarray]:
    """Each search's matches in an index of `size` events, at their rows in one of `new_size` (`moved`: the new rows
    of old ones, those gone left out), kept in the same form (`_kept_form`)."""
    return {
        words: _kept_form(moved(_rows_kept(kept, size)), new_size)
        for words, kept in list(searches.items())  # a copy: the requests keep searches meanwhile
    }


def _still_there(rows: np.ndarray) -> np.ndarray:
    """The rows an update moved that are still there (-1: gone)."""
    return rows[rows >= 0]


def _first_allowed(order: np.ndarray, allowed: np.ndarray, size: int) -> np.ndarray:
    """The first `size` rows of this order that are allowed. They are looked for a stretch at a time, each four times
    the last: most views fill a page within the first few thousand rows, and need not look at a million."""
    found, begin, stretch = [], 0, 4096
    while begin < len(order) and sum(map(len, found)) < size:
        rows = order[begin : begin + stretch]
        found.append(rows[np.take(allowed, rows)])
        begin, stretch = begin + stretch, stretch * 4
    return np.concatenate([order[:0], *found])[:size]


def _grouped(numbers: np.ndarray, rows: np.ndarray, row_count: int) -> tuple[np.ndarray, np.ndarray]:
    """The (tag number, row) pairs sorted by number, then row: each pair as one number that sorts as the pair does,
    which sorts six times as fast as sorting by two keys."""
    width = row_count + 1
    return np.divmod(np.sort(numbers.astype(np.int64) * width + rows), width)


class Counts(Mapping):
    """How many events each id (a tag's, a source's) has, those with any, as two arrays: a facet of fifty thousand
    sources ranks its first few without an object made for each (3 ms of every view at a million events)."""

    def __init__(self, ids: np.ndarray, counts: np.ndarray):
        found = np.flatnonzero(counts)
        self.ids, self.counts = ids[found], counts[found]

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids.tolist())

    def __getitem__(self, key) -> int:
        """An id's count; 0 for one without events, as a `Counter` says."""
        place = self._place(key)
        return 0 if place is None else int(self.counts[place])

    def __contains__(self, key) -> bool:
        return self._place(key) is not None

    def _place(self, key) -> int | None:
        place = int(np.searchsorted(self.ids, key))
        return place if place < len(self.ids) and self.ids[place] == key else None

    def items(self) -> list[tuple]:
        return list(zip(self.ids.tolist(), self.counts.tolist(), strict=True))

    def only(self, ids: Iterable[int]) -> Counts:
        """The counts of these ids alone."""
        kept = np.isin(self.ids, list(ids))
        return Counts(self.ids[kept], self.counts[kept])

    def ranked(self, chosen: Collection[int], limit: int | None) -> list[int]:
        """The chosen ids first, then the others, each by most events and then by id; `limit` of them at most."""
        first = sorted((target for target in chosen if target in self), key=lambda target: (-self[target], target))
        return (first + [target for target in self._most(limit) if target not in chosen])[:limit]

    def _most(self, limit: int | None) -> list[int]:
        """The ids with the most events, then the lowest, `limit` of them and those tied with the last, at least:
        picked out before sorting, not sorted all."""
        ids, counts = self.ids, self.counts
        if limit is not None and limit < len(ids):
            least = np.partition(counts, len(counts) - limit)[len(counts) - limit]  # the limit-th most
            ids, counts = ids[counts >= least], counts[counts >= least]
        return ids[np.lexsort((ids, -counts))].tolist()


@dataclass
class Spent:
    """Seconds spent on something, added up."""

    seconds: float = 0.0

    def add(self, seconds: float) -> None:
        self.seconds += seconds


@dataclass(frozen=True)
class Index:
    revision: int
    ids: np.ndarray  # the visible events' ids, ascending
    keys: np.ndarray  # each one's place in the timeline's order (`Event.sort_key`, as bytes; empty when undated)
    newest: np.ndarray  # the rows in reading order, newest first, the undated last
    oldest: np.ndarray  # the same, oldest first
    days: Labels  # the day each happened (NaT when undated)
    sources: Labels  # its document
    links: dict[str, Links]  # for each kind of tag
    read_at: float  # when it was brought up to date, by the monotonic clock
    read_seconds: float  # how long that took
    whole_read_seconds: float  # how long reading it whole took, the last time it was
    searches: dict[str, np.ndarray] = field(default_factory=dict)  # what each recent search found (`_kept_form`)
    # The searches of the index this one was merged from, at their rows here, found again only among `fresh` when
    # asked: while documents pour in, a common word is not searched again through a million events each time.
    carried: dict[str, np.ndarray] = field(default_factory=dict)
    fresh: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # the merged events' ids
    unfiltered: dict[str, Mapping] = field(default_factory=dict)  # counts over every event, once asked for
    names: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)  # facet options', once read
    # Events as the reader's pages show them, once made (`reading.shown`), by id; each has its `document_id`.
    shown: dict[int, Any] = field(default_factory=dict)
    views_made: Spent = field(default_factory=Spent)  # by this process, from this index
    words_epoch: uuid.UUID | None = None  # the database whose word file answers its searches (`word_index`), if any

    @classmethod
    def empty(cls) -> Index:
        nothing, no_ids = np.zeros(0, dtype=POSITION), Labels.empty(np.int64)
        no_links = {kind: Links.empty() for kind in TAG_KINDS}
        keys = np.zeros(0, dtype=f"S{KEY_WIDTH}")
        no_days = Labels.empty("datetime64[D]")
        return cls(0, no_ids.ids, keys, nothing, nothing, no_days, no_ids, no_links, 0.0, 0.0, 0.0)

    def merged(self, fresh: Columns, documents: set[int]) -> Index:
        """This index with the rows of these documents' events, and of the fresh events, in the fresh ones' place.
        The rows stay in id order, and the kept ones keep their order among themselves, so the reading orders and
        the links are carried over, not sorted again."""
        kept = ~(self.sources.rows_with(documents) | self.rows_of(fresh.ids))
        kept_ids = self.ids[kept]
        fresh_at = np.searchsorted(kept_ids, fresh.ids)
        ids = np.insert(kept_ids, fresh_at, fresh.ids)
        fresh_rows = fresh_at + np.arange(len(fresh_at))
        is_fresh = np.zeros(len(ids), dtype=bool)
        is_fresh[fresh_rows] = True
        kept_rows = np.flatnonzero(~is_fresh)
        moved = np.full(len(self.ids), -1, dtype=POSITION)  # each old row's new one; -1: gone
        moved[kept] = kept_rows
        keys = np.empty(len(ids), dtype=self.keys.dtype)
        keys[kept_rows] = self.keys[kept]
        keys[fresh_rows] = fresh.keys
        oldest, newest = self._orders_with(moved, keys, fresh_rows)
        days = _in_place_of(self.days, kept, fresh.days, kept_rows, fresh_rows)
        sources = _in_place_of(self.sources, kept, fresh.documents, kept_rows, fresh_rows)
        links = {kind: self.links[kind].merged(moved, ids, fresh.links[kind]) for kind in TAG_KINDS}
        return Index(
            self.revision,
            ids,
            keys,
            newest,
            oldest,
            days,
            sources,
            links,
            0.0,
            0.0,
            self.whole_read_seconds,
            carried=_carried(self.searches, len(self.ids), len(ids), lambda rows: _still_there(np.take(moved, rows))),
            fresh=fresh.ids if self.searches else fresh.ids[:0],
        )

    def _orders_with(self, moved: np.ndarray, keys: np.ndarray, fresh_rows: np.ndarray) -> tuple[np.ndarray, ...]:
        """The reading orders, oldest first and newest first, with the fresh rows let in where their keys go."""
        kept_order = _still_there(moved[self.oldest])
        kept_keys = keys[kept_order]
        dated_count = int(np.count_nonzero(kept_keys))
        dated, undated = kept_order[:dated_count], kept_order[dated_count:]
        fresh_keys = keys[fresh_rows]
        fresh_undated = fresh_rows[fresh_keys == b""]
        fresh_dated = fresh_rows[fresh_keys != b""]
        fresh_dated = fresh_dated[np.lexsort((fresh_dated, keys[fresh_dated]))]
        places = _places_among(kept_keys[:dated_count], dated, keys[fresh_dated], fresh_dated)
        dated = np.insert(dated, places, fresh_dated)
        undated = np.insert(undated, np.searchsorted(undated, fresh_undated), fresh_undated)
        oldest = np.concatenate([dated, undated]).astype(POSITION)
        return oldest, np.concatenate([dated[::-1], undated]).astype(POSITION)

    def ready_for_counting(self) -> Index:
        """This index, with what counting needs worked out (`Links.ready`): for a large one, by the thread that
        reads it rather than by the first views made from it."""
        for links in self.links.values():
            links.ready(len(self.ids))
        return self

    @property
    def slow_to_read(self) -> bool:
        """Whether it is brought up to date beside the requests, rather than by the one that finds it out of date:
        when reading it whole, as some changes need, takes long."""
        return self.whole_read_seconds >= settings.TIMELINE_INDEX_INLINE_SECONDS

    @property
    def rest(self) -> float:
        """Seconds before it may be read again. One slow to read rests ten times as long as bringing it up to date
        cost this process: reading it, and making anew the views readers then asked for, which they wait on as
        much. Readers under load then see new documents later (half a minute at most), and wait on updates a
        tenth of the time."""
        if self.slow_to_read:
            cost = self.read_seconds + self.views_made.seconds
            return max(settings.TIMELINE_INDEX_MAX_AGE, min(READS_APART * cost, REST_AT_MOST))
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
        return self.links[kind].tags

    def tagged_with(self, kind: str, targets: Iterable[int]) -> np.ndarray:
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[self.links[kind].rows_of(targets)] = True
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
        """The rows of the events a text search finds; a common word is searched once, then only among the events
        each update brings (`carried`)."""
        kept = self.searches.get(words)  # one look: another thread may clear them meanwhile
        if kept is None:
            kept = _kept_form(self._found_again(words), len(self.ids))
            self._keep(words, kept)
        return _chosen(kept, len(self.ids))

    def _keep(self, words: str, found: np.ndarray) -> None:
        """Keeps a search's matches, letting go of the searches kept longest while all would take more than the
        budget: first those carried over and not asked for since, then the others."""
        total = found.nbytes + sum(rows.nbytes for rows in [*self.searches.values(), *self.carried.values()])
        for kept in (self.carried, self.searches):
            for oldest in list(kept):
                if total <= SEARCHES_KEPT_BYTES:
                    break
                rows = kept.pop(oldest, None)
                total -= 0 if rows is None else rows.nbytes
        self.searches[words] = found

    def _found_again(self, words: str) -> np.ndarray:
        """The rows of the events a search finds: those the index merged from found, where it did, with the fresh
        events' matches among them; else searched anew."""
        carried = self.carried.pop(words, None)
        if carried is None or len(self.fresh) > FRESH_SEARCHED_AT_MOST:
            return np.flatnonzero(self.rows_of(self._found(words))).astype(POSITION)
        carried = _rows_kept(carried, len(self.ids))
        fresh = np.flatnonzero(self.rows_of(_search_ids(words, among=self.fresh)))
        return np.insert(carried, np.searchsorted(carried, fresh), fresh).astype(POSITION)  # both ascending

    def _found(self, words: str) -> np.ndarray:
        """The ids of the events a search finds: as another process holding the same index found them, else from the
        word file, once it has caught up, else the database."""
        shared = self.searches_shared_in
        found = shared_searches.found(shared, words)
        if found is None:
            in_file = word_index.searched(self.words_epoch, self.revision, words) if self.words_epoch else None
            found = _search_ids(words) if in_file is None else _numbers(in_file)
            shared_searches.keep(shared, words, found)
        return found

    def forget_searches(self) -> None:
        """Lets go of every search's matches, those shared with other processes too: the next is searched anew."""
        self.searches.clear()
        self.carried.clear()
        if self.searches_shared_in is not None:
            shutil.rmtree(self.searches_shared_in, ignore_errors=True)

    @property
    def searches_shared_in(self) -> Path | None:
        """Where the processes holding this index, as saved, share their searches: a large PostgreSQL database's."""
        return beside.saved(self.words_epoch, self.revision) / "searches" if self.words_epoch else None

    def rows_of(self, event_ids: np.ndarray) -> np.ndarray:
        """The rows of these events; ids of events not in the index (repeats, say) are passed over."""
        chosen = np.zeros(len(self.ids), dtype=bool)
        if self._row_of_id is None:
            rows, found = locate(self.ids, event_ids)
            chosen[rows[found]] = True
        else:
            rows = _looked_up(self._row_of_id, event_ids)
            chosen[rows[rows >= 0]] = True
        return chosen

    @cached_property
    def _row_of_id(self) -> np.ndarray | None:
        """Kept for the searches, whose hundreds of thousands of ids would each be searched for."""
        return row_table(self.ids)

    def page(self, allowed: np.ndarray, start: Cursor | None, size: int, oldest_first: bool) -> list[int]:
        """The ids of up to `size` allowed events in reading order, from just after `start`."""
        order = self.oldest if oldest_first else self.newest
        if start is not None:
            order = order[self._place_after(start, order, oldest_first) :]
        return self.ids[_first_allowed(order, allowed, size)].tolist()

    def _place_after(self, start: Cursor, order: np.ndarray, oldest_first: bool) -> int:
        """Where in the reading order the events after a cursor's begin: found by halving, as every row up to there
        comes at or before the cursor (the dated in time order, then the undated by id) and none after does."""
        key, ids, keys = start.key.encode(), self.ids, self.keys
        if start.undated:

            def at_or_before(row: int) -> bool:
                return keys[row] != b"" or ids[row] <= start.id
        elif oldest_first:

            def at_or_before(row: int) -> bool:
                return keys[row] != b"" and (keys[row], ids[row]) <= (key, start.id)
        else:

            def at_or_before(row: int) -> bool:
                return keys[row] != b"" and (keys[row], ids[row]) >= (key, start.id)

        low, high = 0, len(order)
        while low < high:
            middle = (low + high) // 2
            if at_or_before(order[middle]):
                low = middle + 1
            else:
                high = middle
        return low

    def counts(self, name: str, chosen: np.ndarray | None) -> Mapping:
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
        return Counter(dict(self.days.count(chosen).items()))

    def per_tag(self, kind: str, chosen: np.ndarray) -> Counts:
        return self.links[kind].count(chosen)

    def per_source(self, chosen: np.ndarray) -> Counts:
        return self.sources.count(chosen)


@dataclass
class Selection:
    """The rows of the index some filters allow, and each filter's own rows, for the facets' counts."""

    index: Index
    masks: dict[str, np.ndarray]  # a filter's name (the dates as one): the rows it allows
    counted: dict[str, Counts] = field(default_factory=dict)  # each facet's counts, once asked for

    @cached_property
    def rows(self) -> np.ndarray:
        return self.index.allowed_by(self.masks.values())

    def without(self, name: str) -> np.ndarray:
        """The rows the other filters allow: what an option of this kind is counted against."""
        if name not in self.masks:
            return self.rows
        return self.index.allowed_by(mask for other, mask in self.masks.items() if other != name)

    def counts_for(self, name: str) -> Counts:
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


def read_index(revision: int, since: Index | None = None) -> Index:
    """The index as of `revision`. From the one `since`, when there is one, only the documents changed after it are
    read again, their rows taking the place of those it had; else every visible event and tag link is read."""
    started = time.monotonic()
    changes = Change.since(since.revision, revision) if since is not None else None
    if changes is None or len(changes.documents) > MERGED_AT_MOST:
        index = Index.empty().merged(Columns.read(None), set())
        took = time.monotonic() - started
        return replace(index, revision=revision, read_at=started + took, read_seconds=took, whole_read_seconds=took)
    # Only names or titles changed: the same rows, searches and counts, in a new index (made below) so that what was
    # drawn from the old one by identity (the map's places) is drawn again, and the options' names read again.
    documents = changes.documents
    index = since.merged(Columns.read(documents), documents) if documents else since
    took = time.monotonic() - started
    return replace(
        index,
        revision=revision,
        read_at=started + took,
        read_seconds=took,
        names=_names_still_right(since.names, changes),
        shown=_shown_still_right(since.shown, changes),
        views_made=Spent(),
    )


def taken_over(newer: Index, since: Index) -> Index:
    """An index another process brought up to date and saved (`newer`), in place of this process's older one: what
    the older one worked out is carried over as an update carries it (`read_index`), the rows by their events' ids.
    Nothing is carried when what changed between them is not known."""
    changes = Change.since(since.revision, newer.revision)
    if changes is None:
        return newer
    carried = (
        _carried(since.searches, len(since.ids), len(newer.ids), _moves(since, newer, changes.documents))
        if since.searches
        else {}
    )
    fresh = newer.ids[newer.sources.rows_with(changes.documents)] if carried else newer.ids[:0]
    return replace(
        newer,
        carried=carried,
        fresh=fresh,
        names=_names_still_right(since.names, changes),
        shown=_shown_still_right(since.shown, changes),
    )


def _moves(since: Index, newer: Index, changed: set[int]) -> Callable[[np.ndarray], np.ndarray]:
    """Where rows of the older index stand in the newer one, those of the changed documents left out: every row is
    placed once, not once for each search carried (at a million events, a table of a million ids built for each)."""
    at, found = locate(newer.ids, since.ids)
    new_rows = np.where(found & ~since.sources.rows_with(changed), at, -1).astype(POSITION)
    return lambda rows: _still_there(np.take(new_rows, rows))


def _names_still_right(
    names: dict[tuple[str, int], tuple[str, str]], changes: Changes
) -> dict[tuple[str, int], tuple[str, str]]:
    """The facet options' names an update leaves right: the tags' unless one was renamed, and the sources' but the
    changed documents' (whose titles may have changed)."""
    if changes.renamed or not changes.documents:
        return {}
    return {
        (kind, target): name
        for (kind, target), name in list(names.items())  # a copy: the requests add names meanwhile
        if kind != "source" or target not in changes.documents
    }


def _shown_still_right(shown: dict[int, Any], changes: Changes) -> dict[int, Any]:
    """The events as shown that an update leaves right: those of the documents it did not change, unless a name
    changed, which any of them may show."""
    if changes.renamed:
        return {}
    return {pk: event for pk, event in list(shown.items()) if event.document_id not in changes.documents}


@dataclass(frozen=True)
class Columns:
    """Visible events and their tag links as the database holds them, the events in id order."""

    ids: np.ndarray
    documents: np.ndarray
    keys: np.ndarray  # `Event.sort_key`, as bytes; empty when undated
    links: dict[str, tuple[np.ndarray, np.ndarray]]  # for each kind of tag: the event id of each link, its tag id

    @property
    def days(self) -> np.ndarray:
        """The day each event happened, which begins its sort key (NaT when undated)."""
        return self.keys.astype("U10").astype("datetime64[D]")

    @classmethod
    def read(cls, documents: set[int] | None) -> Columns:
        """Every visible event, or only these documents', with the links. Each column is read as one text the
        database joins and numpy splits: a million events cost no million Python objects.

        All the events come off the `visible_by_time` index alone, which holds all that is read of them."""
        events = Event.objects.visible().order_by()
        if documents is not None:
            events = events.filter(document_id__in=sorted(documents))
        found_ids, found_documents, padded_keys = _joined_columns(
            events.values_list("id", "document_id", "sort_key"),
            _joined("id"),
            _joined("document_id"),
            _joined(_padded("sort_key", KEY_WIDTH), ""),
        )
        unsorted_ids = _numbers(found_ids)
        by_id = np.argsort(unsorted_ids)
        # Padded with spaces, which no key holds, to a fixed width that numpy reads in one go; a NUL ends a key there.
        keys = np.frombuffer(padded_keys.encode().replace(b" ", b"\0"), dtype=f"S{KEY_WIDTH}")
        links = {}
        for kind, relation in TAG_KINDS.items():
            table = link_table(relation).objects.order_by()
            if documents is not None:
                table = table.filter(event__document_id__in=sorted(documents))
            joined = _joined_columns(
                table.values_list("event_id", f"{kind}_id"), _joined("event_id"), _joined(f"{kind}_id")
            )
            links[kind] = (_numbers(joined[0]), _numbers(joined[1]))
        return cls(unsorted_ids[by_id], _numbers(found_documents)[by_id], keys[by_id], links)


def _in_place_of(
    labels: Labels, kept: np.ndarray, column: np.ndarray, kept_rows: np.ndarray, fresh_rows: np.ndarray
) -> Labels:
    """The labels of the rows kept, at their new places, and a fresh column's at theirs."""
    extended, fresh_numbers = Labels(labels.ids, labels.numbers[kept]).extended(column)
    numbers = np.empty(len(kept_rows) + len(fresh_rows), dtype=POSITION)
    numbers[kept_rows] = extended.numbers
    numbers[fresh_rows] = fresh_numbers
    return Labels(extended.ids, numbers)


def _places_among(sorted_keys: np.ndarray, sorted_rows: np.ndarray, keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Where each (key, row) goes among pairs sorted by key, then row."""
    places = np.searchsorted(sorted_keys, keys, "left")
    ends = np.searchsorted(sorted_keys, keys, "right")
    for tied in np.flatnonzero(ends > places):  # a key some rows share already: the row decides
        places[tied] += np.searchsorted(sorted_rows[places[tied] : ends[tied]], rows[tied])
    return places


def link_table(relation: str):
    """The table of an event's links to its actors, locations or themes ("actors", "locations", "themes")."""
    return Event._meta.get_field(relation).remote_field.through


def locate(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each wanted id stands in the ascending ids, and whether it is there at all."""
    table = row_table(ids) if len(wanted) > len(ids) // 8 else None  # many: a table costs less than a search each
    if table is not None:
        rows = _looked_up(table, wanted)
        return np.maximum(rows, 0), rows >= 0
    rows = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
    found = ids[rows] == wanted if len(ids) else np.zeros(len(wanted), dtype=bool)
    return rows, found


def _looked_up(table: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Each wanted id's row in a table of rows by id (`row_table`); -1 where it has none."""
    rows = np.full(len(wanted), -1, dtype=POSITION)
    inside = (wanted >= 0) & (wanted < len(table))
    rows[inside] = table[wanted[inside]]
    return rows


def row_table(ids: np.ndarray) -> np.ndarray | None:
    """Each id's row among the ascending ids (-1: none), in a table as long as the largest id; None when the ids
    are too sparse for one."""
    largest = int(ids[-1]) if len(ids) else 0
    if largest > 4 * len(ids) + 1_000_000:
        return None
    table = np.full(largest + 1, -1, dtype=POSITION)
    table[ids] = np.arange(len(ids), dtype=POSITION)
    return table


def search_plan(words: str) -> str:
    """How the database answers a text search: PostgreSQL's plan with its timings, SQLite's plan."""
    sql, params = _search_query(words)
    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    return "\n".join(" ".join(str(column) for column in row) for row in _raw(explain + sql, params))


def _search_ids(words: str, among: np.ndarray | None = None) -> np.ndarray:
    """The ids of the events a search finds, or of those `among` these ids. These are asked for as the range of
    ids they span, which both databases' text indexes narrow to (SQLite's FTS5 looks a list of ids up one match at
    a time): the fresh events of a document ingested are the newest, a few ids apart."""
    sql, params = _search_query(words)
    sql = f"SELECT {_joined('id')} FROM ({sql}) AS found"
    if among is not None:
        if not len(among):
            return among
        sql, params = f"{sql} WHERE id BETWEEN %s AND %s", [*params, int(among.min()), int(among.max())]
    (found,) = _raw(sql, params)[0]
    ids = _numbers(found or "")
    return ids if among is None else ids[np.isin(ids, among)]


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
