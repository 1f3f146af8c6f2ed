"""What the reader's page shows for a set of filters: a page of events, the facets' counts, the day strip.

Each is one query, whatever the number of filters or events, so the page's cost does not grow with them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Aggregate, CharField, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.utils.html import format_html_join

from .filters import FACET_SIZE, Cursor, EventFilter
from .models import Actor, Document, Event, Location, Revision, Theme

TAG_RELATIONS = (("actor", "actors"), ("location", "locations"), ("theme", "themes"))


# Summaries are keyed by the revision, so they never go stale; the time limit only frees memory.
SUMMARY_SECONDS = 600


def summary(filters: EventFilter, show_all: set[str]) -> tuple[list[Facet], Strip]:
    """The facets and the day strip for these filters: aggregates over every match, so kept until data changes.

    Each facet's counts depend on the other kinds' filters only, so they are kept under those: choosing an actor
    reuses the actor counts of the view without it.
    """
    counts = cached_tallies(filters, TALLIES)
    return facets(filters, counts, show_all), day_strip(counts["day"])


def match_count(filters: EventFilter) -> int:
    """How many events the filters allow, from the day strip's tally the page caches too."""
    return sum(cached_tallies(filters, ("day",))["day"].values())


def cached_tallies(filters: EventFilter, names: tuple[str, ...]) -> dict[str, Counter]:
    revision = Revision.current()
    keys = {name: f"counts:{revision}:{name}:{fingerprint(filters, leave_out=name)}" for name in names}
    cached = cache.get_many(keys.values())
    counts = {name: cached[key] for name, key in keys.items() if key in cached}
    missing = [name for name in names if name not in counts]
    if missing:
        counts |= tally(filters, missing)
        cache.set_many({keys[name]: counts[name] for name in missing}, SUMMARY_SECONDS)
    return counts


def fingerprint(filters: EventFilter, leave_out: str = "") -> str:
    parts = []
    for name, value in sorted(filters.values.items()):
        if name == leave_out:
            continue
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


@dataclass(frozen=True)
class Tag:
    kind: str
    value: str
    label: str

    @property
    def url(self) -> str:
        """The view of every event with this tag."""
        return f"?{self.kind}={self.value}"


def attach_tags(events: list[Event]) -> None:
    """Each event's actors, locations and themes as `event.tags`, read in one query for the whole page."""
    ids = [event.pk for event in events]
    tags: dict[int, list[Tag]] = defaultdict(list)
    for row in _union(_tag_rows(kind, relation, ids) for kind, relation in TAG_RELATIONS):
        tags[row["event_pk"]].append(Tag(row["kind"], row["value"], row["label"]))
    order = {kind: number for number, (kind, _) in enumerate(TAG_RELATIONS)}
    for event in events:
        event.tag_list = sorted(tags[event.pk], key=lambda tag: (order[tag.kind], tag.label))


def _tag_rows(kind: str, relation: str, ids: list[int]):
    through = _links(relation)
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


# What one pass over the matching events counts: the day strip and each facet.
TALLIES = ("day", "actor", "location", "theme", "source")


def tally(filters: EventFilter, names: list[str]) -> dict[str, Counter]:
    """Counts for the named tallies in one query: a pass over each set of matching events they need.

    A facet counts over the events the other kinds' filters allow; when its own kind is not filtered that is
    the same set as the day strip's, so one pass serves them all.
    """
    leave_outs = {name: name if name in filters.values and filters.values[name] else "" for name in names}
    passes = sorted(set(leave_outs.values()))
    rows = _union([_pass_rows(filters.without(leave_out), leave_out) for leave_out in passes]).values_list(
        "leave_out", "day", "source", "actor", "location", "theme"
    )
    counted = {leave_out: [Counter() for _ in TALLIES] for leave_out in passes}
    for leave_out, day, source, *tag_ids in rows:
        days, actors, locations, themes, sources = counted[leave_out]
        days[day] += 1
        sources[source] += 1
        # The ids stay strings while counting, the hot loop; they become numbers once per option below.
        for tallied, ids in zip((actors, locations, themes), tag_ids, strict=True):
            if ids:
                tallied.update(ids.split(","))
    result = {}
    for name in names:
        found = counted[leave_outs[name]][TALLIES.index(name)]
        result[name] = found if name in ("day", "source") else Counter({int(k): n for k, n in found.items()})
    return result


class GroupConcat(Aggregate):
    """The ids of an event's tags as one comma-separated string, so a pass needs no join per kind."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s::text, ',')"
        )


def _pass_rows(events, leave_out: str):
    tag_ids = {}
    for kind, relation in TAG_RELATIONS:
        links = _links(relation).objects.filter(event_id=OuterRef("pk")).order_by().values("event_id")
        tag_ids[kind] = Subquery(links.annotate(ids=GroupConcat(f"{kind}_id")).values("ids"))
    return events.order_by().values(
        leave_out=Value(leave_out), day=F("occurred_on"), source=F("document_id"), **tag_ids
    )


def facets(filters: EventFilter, counts: dict[str, Counter], show_all: set[str]) -> list[Facet]:
    """Each kind's options with their counts: the chosen first, then the most frequent; named in one query."""
    shown = {}
    for kind in FACET_LABELS:
        chosen = {target.pk for target in filters.values.get(kind) or []}
        ranked = sorted(counts[kind], key=lambda target: (target not in chosen, -counts[kind][target], target))
        ranked += sorted(chosen - counts[kind].keys())
        limit = None if kind in show_all or kind == "theme" else max(FACET_SIZE, len(chosen))
        shown[kind] = (ranked[:limit], chosen, len(ranked) - len(ranked[:limit]))
    names = _names({kind: ids for kind, (ids, _, _) in shown.items()})
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
        )
        for kind, (ids, chosen, more) in shown.items()
    ]


def _names(ids: dict[str, list[int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(kind, id) to the option's value in the query string and its label."""
    models = {"actor": Actor, "location": Location, "theme": Theme, "source": Document}
    queries = []
    for kind, model in models.items():
        if not ids[kind]:
            continue
        value = F("slug") if kind == "theme" else Cast("id", CharField())
        label = F("title") if kind == "source" else F("name")
        queries.append(
            model.objects.filter(id__in=ids[kind])
            .order_by()
            .values(facet=Value(kind), target=F("id"), value=value, label=label)
        )
    if not queries:
        return {}
    return {(row["facet"], row["target"]): (row["value"], row["label"] or "untitled") for row in _union(queries)}


def _links(relation: str):
    """The table of an event's links to its actors, locations or themes."""
    return Event._meta.get_field(relation).remote_field.through


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
    per_day = dict(per_day)
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
