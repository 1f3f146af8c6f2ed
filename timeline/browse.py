"""What the reader's page shows for a set of filters: a page of events, the facets' counts, the day strip.

Each is one query, whatever the number of filters or events, so the page's cost does not grow with them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import CharField, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils.html import format_html_join

from .filters import FACET_SIZE, Cursor, EventFilter
from .models import Event, Revision

TAG_KINDS = (("actor", "actors"), ("location", "locations"), ("theme", "themes"))


# Summaries are keyed by the revision, so they never go stale; the time limit only frees memory.
SUMMARY_SECONDS = 600


def summary(filters: EventFilter, show_all: set[str]) -> tuple[list[Facet], Strip]:
    """The facets and the day strip for these filters: aggregates over every match, so kept until data changes."""
    key = f"summary:{Revision.current()}:{fingerprint(filters, show_all)}"
    found = cache.get(key)
    if found is None:
        found = (facets(filters, show_all), day_strip(filters.qs))
        cache.set(key, found, SUMMARY_SECONDS)
    return found


def fingerprint(filters: EventFilter, show_all: set[str]) -> str:
    parts = [f"all={sorted(show_all)}"]
    for name, value in sorted(filters.values.items()):
        if isinstance(value, (list, tuple)) or hasattr(value, "model"):
            value = sorted(str(target.pk) for target in value)
        parts.append(f"{name}={value}")
    return hashlib.sha256("&".join(parts).encode()).hexdigest()


def page_of(events, start: Cursor | None, size: int, oldest_first: bool) -> tuple[list[Event], Cursor | None]:
    """Up to `size` events from `start` on, dated ones in time order and then the undated; and the next cursor."""
    rows: list[Event] = []
    if start is None or not start.undated:
        dated = events.exclude(sort_key="").in_order(oldest_first)
        if start:
            dated = dated.after(start.key, start.id, oldest_first)
        rows = list(_for_display(dated)[: size + 1])
    if len(rows) <= size:
        undated = events.filter(sort_key="").order_by("id")
        if start and start.undated:
            undated = undated.filter(id__gt=start.id)
        rows += list(_for_display(undated)[: size + 1 - len(rows)])
    attach_tags(rows[:size])
    return rows[:size], Cursor.after(rows[size - 1]) if len(rows) > size else None


def _for_display(events):
    repeats = Event.objects.filter(duplicate_of=OuterRef("pk")).order_by().values("duplicate_of")
    return events.select_related("document").annotate(
        repeat_count=Subquery(repeats.annotate(n=Count("id")).values("n"))
    )


@dataclass
class Tag:
    kind: str
    value: str
    label: str
    url: str = ""


def attach_tags(events: list[Event]) -> None:
    """Each event's actors, locations and themes as `event.tags`, read in one query for the whole page."""
    ids = [event.pk for event in events]
    tags: dict[int, list[Tag]] = defaultdict(list)
    for row in _union(_tag_rows(kind, relation, ids) for kind, relation in TAG_KINDS):
        tags[row["event_pk"]].append(Tag(row["kind"], row["value"], row["label"]))
    order = {kind: number for number, (kind, _) in enumerate(TAG_KINDS)}
    for event in events:
        event.tag_list = sorted(tags[event.pk], key=lambda tag: (order[tag.kind], tag.label))


def _tag_rows(kind: str, relation: str, ids: list[int]):
    through = Event._meta.get_field(relation).remote_field.through
    target = "theme__slug" if kind == "theme" else f"{kind}_id"
    return (
        through.objects.filter(event_id__in=ids)
        .order_by()
        .values(
            event_pk=F("event_id"),
            kind=Value(kind),
            value=Cast(target, CharField()),
            label=F(f"{kind}__name"),
        )
    )


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


FACET_LABELS = {"actor": "Who", "location": "Where", "theme": "What", "source": "Source"}


def facets(filters: EventFilter, show_all: set[str] = frozenset()) -> list[Facet]:
    """For each kind, how many events each option gives with the other kinds' filters applied."""
    queries = [_facet_rows(kind, relation, filters.without(kind)) for kind, relation in TAG_KINDS]
    queries.append(_source_rows(filters.without("source")))
    counted: dict[str, list[Option]] = defaultdict(list)
    for row in _union(queries):
        counted[row["kind"]].append(Option(row["value"], row["label"], row["n"]))
    return [_facet(kind, counted[kind], filters, kind in show_all) for kind in FACET_LABELS]


def _facet(kind: str, options: list[Option], filters: EventFilter, show_all: bool) -> Facet:
    chosen = {_value(kind, target): target for target in filters.values.get(kind) or []}
    for option in options:
        option.selected = option.value in chosen
    missing = chosen.keys() - {option.value for option in options}
    options += [Option(value, _label(chosen[value]), 0, True) for value in missing]
    options.sort(key=lambda o: (not o.selected, -o.count, o.label))
    shown = options if show_all or kind == "theme" else options[: max(FACET_SIZE, len(chosen))]
    return Facet(kind, FACET_LABELS[kind], shown, len(options) - len(shown))


def _value(kind: str, target) -> str:
    return target.slug if kind == "theme" else str(target.pk)


def _label(target) -> str:
    return getattr(target, "name", None) or str(target)


def _facet_rows(kind: str, relation: str, events):
    through = Event._meta.get_field(relation).remote_field.through
    target = "theme__slug" if kind == "theme" else f"{kind}_id"
    return (
        through.objects.filter(event__in=events.order_by().values("id"))
        .order_by()
        .values(kind=Value(kind), value=Cast(target, CharField()), label=F(f"{kind}__name"))
        .annotate(n=Count("event_id"))
    )


def _source_rows(events):
    return (
        events.order_by()
        .values(kind=Value("source"), value=Cast("document_id", CharField()), label=F("document__title"))
        .annotate(n=Count("id"))
    )


def _union(querysets):
    first, *rest = list(querysets)
    return first.union(*rest, all=True) if rest else first


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
        return f"{when}: {self.count} event{'s' if self.count != 1 else ''}"


@dataclass
class Strip:
    bars: list[Bar]
    unit: str  # "day", "week" or "month"
    total: int
    undated: int
    width: int = 0
    height: int = STRIP_HEIGHT
    bar_width: int = BAR_WIDTH

    @property
    def svg_bars(self) -> str:
        """The bars as SVG links, built here rather than in a template loop: a two-year strip has a hundred."""
        return format_html_join(
            "",
            '<a href="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}"/></a>',
            ((bar.url, bar.label, bar.x, bar.y, self.bar_width, bar.height) for bar in self.bars if bar.count),
        )

    @property
    def first(self) -> dt.date | None:
        return self.bars[0].start if self.bars else None

    @property
    def last(self) -> dt.date | None:
        return self.bars[-1].end if self.bars else None


# Spans up to this many days get a bar a day; up to MONTHS_AFTER a bar a week; beyond, a bar a month.
DAYS_UP_TO = 92
MONTHS_AFTER = 3 * 365


def day_strip(events) -> Strip:
    """Events per day (or week, or month, as the span needs) for the current filters, with the total count."""
    per_day = dict(events.order_by().values_list("occurred_on").annotate(n=Count("id")))
    undated = per_day.pop(None, 0)
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
    return strip
