"""A synthetic timeline written straight into the database, for load tests and benchmarks of the pages.

The rows look like ingested ones: each event carries the dating facts a parser would have found and its
effective dates are resolved from them the way ingest resolves them, and it is tagged with the real
gazetteer's entities in the skewed proportions of real news. Every document's source starts with
`SOURCE_PREFIX`, so the synthetic rows can be removed without touching anything ingested.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from timeline.ingest.stamp_tokens import MONTHS
from timeline.models import Actor, Document, Event, Location, Revision, Theme
from timeline.store.documents import digest, text_hash
from timeline.tooling.timeline_entries import WHOLE_STAMP, Entry, Writer
from timeline.tooling.timeline_plan import PlannedDocument, mark_repeats, mark_undated, plan_documents
from timeline.tooling.timeline_tags import Gazetteer

SOURCE_PREFIX = "synthetic/"
LAYOUT_LABELS = {"liveblog": "live blog", "roundup": "round-up", "article": "article"}
# (outlet, the zone its live blogs' times are in)
OUTLETS = [
    ("Synthetic Courier", "UTC"),
    ("Synthetic Wire", "UTC"),
    ("Synthetic Ledger", "UTC"),
    ("Synthetic Kyiv Bulletin", "Europe/Kyiv"),
    ("The Synthetic Observer", "Europe/London"),
]


@dataclass
class Made:
    documents: Counter = field(default_factory=Counter)  # by layout
    events: int = 0
    repeats: int = 0
    undated: int = 0
    earlier: int = 0  # events that happened before the day they were reported
    links: Counter = field(default_factory=Counter)  # tag links, by kind
    first_day: dt.date | None = None
    last_day: dt.date | None = None


def missing_from_gazetteer() -> list[str]:
    """What an event needs and the gazetteer lacks: its reviewed actors, locations or themes."""
    kinds = {
        "actors": Actor.objects.filter(reviewed=True),
        "locations": Location.objects.filter(reviewed=True),
        "themes": Theme.objects.all(),
    }
    return [kind for kind, rows in kinds.items() if not rows.exists()]


def synthetic_documents(seed: int | None = None) -> QuerySet[Document]:
    """The documents this module made: those of one seed, or of any."""
    prefix = SOURCE_PREFIX if seed is None else f"{SOURCE_PREFIX}{seed}/"
    return Document.objects.filter(source__startswith=prefix)


def refresh_planner_statistics() -> None:
    """On PostgreSQL, ANALYZE the tables a run filled, as its manual advises after a bulk load: until autovacuum
    gets to them, the planner would plan the timeline's queries for the tables as they were before."""
    if connection.vendor != "postgresql":
        return
    through = [relation.through for relation in (Event.actors, Event.locations, Event.themes)]
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Document, Event, *through))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def generate_timeline(events: int, seed: int = 0, documents: int | None = None) -> Made:
    """Writes `events` synthetic events (over `documents` documents, or as many as their layouts need).

    Call it inside a transaction: the rows go in by the thousand, and alone each batch would be committed.
    """
    rng = random.Random(seed)
    gazetteer = Gazetteer.from_database(rng)
    plans = plan_documents(rng, events, documents) if events else []
    mark_undated(rng, plans, events)
    mark_repeats(rng, plans, events)
    writer = Writer(rng, gazetteer)
    made = Made()
    written = [(plan, writer.entries(plan)) for plan in plans]
    docs = [build_document(plan, entries, seed) for plan, entries in written]
    Document.objects.bulk_create(docs, batch_size=500)
    rows: list[tuple[Event, Entry]] = []
    for document, (_, entries) in zip(docs, written, strict=True):
        rows += [(build_event(document, entry), entry) for entry in entries]
    Event.objects.bulk_create([event for event, entry in rows if entry.repeat_of is None], batch_size=1000)
    link_reposts(rows)
    Event.objects.bulk_create([event for event, entry in rows if entry.repeat_of is not None], batch_size=1000)
    made.links = insert_tag_links(rows)
    Revision.bump()
    made.documents = Counter(document.layout for document in docs)
    made.events = len(rows)
    made.repeats = sum(1 for event, _ in rows if event.duplicate_of_id)
    made.undated = sum(1 for event, _ in rows if event.needs_review)
    made.earlier = sum(1 for event, _ in rows if event.occurred_on and event.occurred_on < event.reported_on)
    dated = [event.occurred_on for event, _ in rows if event.occurred_on]
    made.first_day, made.last_day = (min(dated), max(dated)) if dated else (None, None)
    return made


def build_document(plan: PlannedDocument, entries: list[Entry], seed: int) -> Document:
    outlet, timezone = OUTLETS[plan.index % len(OUTLETS)]
    label = LAYOUT_LABELS[plan.layout]
    title = f"Synthetic {label} {seed}/{plan.index:06d}: {entries[0].parsed.headline}"
    published, basis, published_text = None, "none", ""
    if plan.layout == "liveblog":
        # As the parser reads a live blog: its date is that of the first entry stamped with a whole date.
        stamp = next(entry.parsed.stamp for entry in entries if entry.parsed.stamp.how == WHOLE_STAMP)
        published, basis, published_text = stamp.day, "timestamp", stamp.text
    elif plan.dated:
        published, basis = plan.day, "article_date"
        published_text = f"Published {MONTHS[plan.day.month - 1]} {plan.day.day}, {plan.day.year}"
    lines = [title, *([published_text] if published_text and plan.layout != "liveblog" else [])]
    for entry in entries:
        stamp_line = [entry.parsed.stamp.text] if entry.parsed.stamp else []
        lines += [entry.parsed.headline, *stamp_line, entry.parsed.body]
    text = "\n".join(lines) + "\n"
    document = Document(
        source=f"{SOURCE_PREFIX}{seed}/{plan.index:06d}_{plan.layout}.txt",
        title=title[:500],
        outlet=outlet,
        layout=plan.layout,
        text=text,
        content_hash=digest(text),
        timezone=timezone if plan.layout == "liveblog" else "UTC",
        parsed_published=published,
        parsed_published_basis=basis,
        published_text=published_text[:300],
    )
    document.refresh_dates()
    return document


def build_event(document: Document, entry: Entry) -> Event:
    parsed = entry.parsed
    event = Event(
        document=document,
        position=parsed.position,
        headline=parsed.headline,
        body=parsed.body,
        text_hash=text_hash(parsed.headline, parsed.body),
        parsed_when=parsed.when(),
    )
    event.refresh(document)
    return event


def link_reposts(rows: list[tuple[Event, Entry]]) -> None:
    """Points each repost at its first posting, which must be saved already, and re-derives its effective link."""
    by_position = {(event.document_id, event.position): event for event, _ in rows}
    for event, entry in rows:
        if entry.repeat_of is not None:
            event.parsed_duplicate_of = by_position[(event.document_id, entry.repeat_of)]
            event.refresh(event.document)


def insert_tag_links(rows: list[tuple[Event, Entry]]) -> Counter:
    """The through rows of the three tag relations; returns how many of each kind.

    Plain two-column inserts: a model instance per link would cost more than the events themselves.
    """
    links: Counter = Counter()
    with connection.cursor() as cursor:
        for kind, relation in (("actor", Event.actors), ("location", Event.locations), ("theme", Event.themes)):
            table = connection.ops.quote_name(relation.through._meta.db_table)
            pairs = [(event.pk, tag.id) for event, entry in rows for tag in getattr(entry, f"{kind}s")]
            cursor.executemany(f"INSERT INTO {table} (event_id, {kind}_id) VALUES (%s, %s)", pairs)
            links[kind] = len(pairs)
    return links
