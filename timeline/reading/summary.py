"""What the reader's page shows beside its events: each facet's options with their counts, and the day strip.

The counts come from the in-memory index (`query.counting`); the database gives the options' names, in one query.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Case, CharField, F, Q, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.html import format_html_join

from timeline.ingest.dates import FIRST_DAY, LAST_DAY
from timeline.models import UNTITLED, Actor, Document, Location, Theme, shortened
from timeline.query.counting import Counts, Selection
from timeline.query.filters import EventFilter
from timeline.query.paging import union_all

# Options each facet lists before "show all": enough to be useful, few enough to keep the page light.
FACET_SIZE = 8


def summary(
    filters: EventFilter, selection: Selection, show_all: set[str], finds: dict[str, str]
) -> tuple[list[Facet], Strip]:
    """The facets and the day strip for these filters, counted over every match in the index; a facet with words
    to find lists only the options whose names hold them.

    Each facet counts over the events the other kinds' filters allow, so choosing an actor leaves the other
    actors' counts as they were.
    """
    counts = {"day": selection.per_day}
    for name in FACET_LABELS:
        counts[name] = selection.counts_for(name)
    return facets(filters, counts, show_all, finds, selection.index.names), day_strip(counts["day"])


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    more: int = 0  # options with events that the short list leaves out
    more_url: str = ""
    find: str = ""  # the words its options' names were narrowed to
    findable: bool = False  # whether it has options enough to need finding among

    @property
    def matches(self) -> int:
        """How many options with events the words found, chosen ones left out."""
        return sum(not option.selected for option in self.options) + self.more


FACET_LABELS = {"actor": "Who", "location": "Where", "theme": "What", "source": "Source"}
# Facets few enough to list whole need no box to find in.
FINDABLE = ("actor", "location", "source")


def facets(
    filters: EventFilter,
    counts: dict[str, Counts],
    show_all: set[str],
    finds: dict[str, str],
    names: dict[tuple[str, int], tuple[str, str]],
) -> list[Facet]:
    """Each kind's options with their counts: the chosen first, then the most frequent. Those not in `names` (kept
    with the index, which a rename replaces) are named in one query and added to it."""
    shown = {}
    for kind in counts.keys() & FACET_LABELS.keys():
        counted = counts[kind]
        chosen = {target.pk for target in filters.values.get(kind) or []}
        if finds.get(kind):
            counted = counted.only(found(kind, finds[kind]) | chosen)
        uncounted = sorted(chosen - counted.keys())
        limit = None if kind in show_all or kind == "theme" else max(FACET_SIZE, len(chosen))
        ranked = (counted.ranked(chosen, limit) + uncounted)[:limit]
        shown[kind] = (ranked, chosen, len(counted) + len(uncounted) - len(ranked))
    unnamed = {kind: [target for target in ids if (kind, target) not in names] for kind, (ids, *_) in shown.items()}
    names.update(_names(unnamed))
    return [
        Facet(
            kind,
            FACET_LABELS[kind],
            [
                Option(*names[kind, target], counts[kind][target], target in chosen)
                for target in ids
                if (kind, target) in names
            ],
            more,
            find=finds.get(kind, ""),
            findable=kind in FINDABLE and (more > 0 or bool(finds.get(kind))),
        )
        for kind in FACET_LABELS
        if kind in shown
        for ids, chosen, more in [shown[kind]]
    ]


def found(kind: str, words: str) -> set[int]:
    """The actors, places or sources whose name (or other spelling, or outlet) holds every word."""
    model = {"actor": Actor, "location": Location, "source": Document}[kind]
    fields = ["outlet", "title"] if kind == "source" else ["name", "spelled"]
    rows = model.objects.order_by()
    if kind != "source":
        rows = rows.annotate(spelled=Cast("aliases", TextField()))
    for word in words.split():
        rows = rows.filter(reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields)))
    return set(rows.values_list("id", flat=True))


def _names(ids: dict[str, list[int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(kind, id) to the option's value in the query string and its label."""
    models = {"actor": Actor, "location": Location, "theme": Theme, "source": Document}
    queries = []
    for kind, model in models.items():
        if not ids.get(kind):
            continue
        value = Cast("id", CharField()) if kind == "source" else F("slug")
        label = _document_label() if kind == "source" else F("name")
        queries.append(
            model.objects.filter(id__in=ids[kind])
            .order_by()
            .values(facet=Value(kind), target=F("id"), value=value, label=label)
        )
    if not queries:
        return {}
    return {
        (row["facet"], row["target"]): (row["value"], shortened(row["label"]) or UNTITLED) for row in union_all(queries)
    }


def _document_label():
    """`Document.label` in the database: "Outlet: title", or as much of it as is known."""
    return Case(
        When(~Q(outlet="") & ~Q(title=""), then=Concat("outlet", Value(": "), "title")),
        When(~Q(outlet=""), then=F("outlet")),
        default=F("title"),
        output_field=CharField(),
    )


STRIP_HEIGHT, BAR_WIDTH, BAR_GAP = 48, 8, 2


@dataclass
class Bar:
    start: dt.date
    end: dt.date
    count: int
    x: float = 0
    height: float = 0
    url: str = ""

    @property
    def y(self) -> float:
        return STRIP_HEIGHT - self.height

    @property
    def label(self) -> str:
        when = f"{self.start:%-d %b %Y}" if self.start == self.end else f"{self.start:%-d %b} – {self.end:%-d %b %Y}"
        return f"{when}: {self.count:,} event{'s' if self.count != 1 else ''}"


@dataclass
class Mark:
    """Where a month (or, on a strip of months, a year) begins along the strip."""

    left: float  # per cent of the strip's width
    label: str


@dataclass
class Strip:
    bars: list[Bar]
    unit: str  # "day", "week" or "month"
    total: int
    undated: int
    width: int = 0
    height: int = STRIP_HEIGHT
    bar_width: int = BAR_WIDTH
    marks: list[Mark] = field(default_factory=list)

    @property
    def svg_marks(self) -> str:
        """A line across the strip where each mark's period begins; the lines keep their width however the strip
        is stretched."""
        return format_html_join(
            "",
            '<line class="mark" x1="{}" x2="{}" y1="0" y2="{}" vector-effect="non-scaling-stroke"/>',
            ((x, x, self.height) for x in (mark.left * self.width / 100 - BAR_GAP / 2 for mark in self.marks)),
        )

    @property
    def svg_bars(self) -> str:
        """The bars as SVG links, built here rather than in a template loop: a two-year strip has a hundred.

        Each has a clear rectangle of the strip's full height in front, so a day with one event is easy to hit.
        """
        return format_html_join(
            "",
            '<a href="{}"><title>{}</title><rect class="hit" x="{}" y="0" width="{}" height="{}"/>'
            '<rect x="{}" y="{}" width="{}" height="{}"/></a>',
            (
                (bar.url, bar.label, bar.x, self.bar_width, self.height, bar.x, bar.y, self.bar_width, bar.height)
                for bar in self.bars
                if bar.count
            ),
        )

    @property
    def first(self) -> dt.date | None:
        return self.bars[0].start if self.bars else None

    @property
    def last(self) -> dt.date | None:
        return self.bars[-1].end if self.bars else None


# Spans up to this many days get a bar a day; up to MONTHS_AFTER a bar a week; beyond, a bar a month. At most
# about ninety bars, each a link: the strip stays a small part of the page, and a drag zooms in to days.
DAYS_UP_TO = 92
MONTHS_AFTER = 548


def day_strip(per_day: Counter) -> Strip:
    """Events per day (or week, or month, as the span needs) for the current filters, with the total count."""
    undated = per_day.get(None, 0)
    per_day = _within_bounds(per_day)
    total = undated + sum(per_day.values())
    if not per_day:
        return Strip([], "day", total, undated)
    first, last = min(per_day), max(per_day)
    span = (last - first).days
    unit = "day" if span <= DAYS_UP_TO else "week" if span <= MONTHS_AFTER else "month"
    bars = _buckets(first, last, unit)
    index = {bar.start: bar for bar in bars}
    for day, count in per_day.items():
        index[_bucket_start(day, unit)].count += count
    return _laid_out(Strip(bars, unit, total, undated))


def _within_bounds(per_day: Counter) -> Counter:
    """The dated counts, a day from before the forms bounded dates moved to the nearest day the strip can draw."""
    kept = Counter()
    for day, count in per_day.items():
        if day is not None:
            kept[min(max(day, FIRST_DAY), LAST_DAY)] += count
    return kept


def _bucket_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _buckets(first: dt.date, last: dt.date, unit: str) -> list[Bar]:
    bars = []
    start = _bucket_start(first, unit)
    while start <= last:
        if unit == "day":
            following = start + dt.timedelta(days=1)
        elif unit == "week":
            following = start + dt.timedelta(days=7)
        else:
            following = (start + dt.timedelta(days=32)).replace(day=1)
        bars.append(Bar(start, following - dt.timedelta(days=1), 0))
        start = following
    return bars


def _laid_out(strip: Strip) -> Strip:
    tallest = max(bar.count for bar in strip.bars) or 1
    for number, bar in enumerate(strip.bars):
        bar.x = number * (BAR_WIDTH + BAR_GAP)
        # A day with one event still shows: at least two units tall.
        bar.height = round(max(2, strip.height * bar.count / tallest), 1) if bar.count else 0
    strip.width = len(strip.bars) * (BAR_WIDTH + BAR_GAP)
    strip.marks = _marks(strip.bars, strip.unit)
    return strip


# At most this many marks under a strip: a phone's width holds them without crowding.
MOST_MARKS = 6


def _marks(bars: list[Bar], unit: str) -> list[Mark]:
    """Marks where a new month begins (a new year, on a strip of months), every second or third when there are
    many; a January, and the first mark, name their year."""
    period = (lambda bar: bar.start.year) if unit == "month" else (lambda bar: (bar.end.year, bar.end.month))
    starts = [number for number in range(1, len(bars)) if period(bars[number]) != period(bars[number - 1])]
    starts = starts[:: math.ceil(len(starts) / MOST_MARKS)] if starts else []
    marks = []
    for number in starts:
        day = bars[number].start if unit == "month" else bars[number].end.replace(day=1)
        label = f"{day:%Y}" if unit == "month" else f"{day:%b %Y}" if day.month == 1 or not marks else f"{day:%b}"
        marks.append(Mark(round(100 * number / len(bars), 2), label))
    return marks
