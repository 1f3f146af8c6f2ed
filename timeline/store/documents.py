"""The one place a parsed document is written: in one transaction, never over an editor's correction."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import connection, transaction

from timeline.ingest import ParsedDocument, ParsedEvent
from timeline.ingest.text import fold
from timeline.models import Document, Event, Revision, documents_repeating

from .tags import tag_events

PARSED_FIELDS = ["position", "headline", "body", "text_hash", "in_source", "parsed_when", "parsed_duplicate_of"]
EVENT_FIELDS = [*PARSED_FIELDS, *Event.DERIVED_FIELDS]


class NameTaken(Exception):
    """Another text, from elsewhere, already goes by this name: replacing it must be asked for."""

    def __init__(self, document: Document):
        super().__init__(f"another document is called {document.source}, from {document.origin}")
        self.document = document


@dataclass
class Stored:
    document: Document
    outcome: str  # "created", "updated" or "unchanged"
    events: int = 0
    kept_corrections: int = 0


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_hash(headline: str, body: str) -> str:
    """How a re-ingest finds an entry's row again."""
    return digest(headline + "\n" + body)


@transaction.atomic
def store_document(
    parsed: ParsedDocument,
    *,
    source: str,
    text: str,
    timezone: str | None = None,
    published: dt.date | None = None,
    origin: str = "",
    replace: bool = False,
    tag: bool = True,
    metadata: dict[str, str] | None = None,
) -> Stored:
    """Creates or refreshes the document named `source`; `published` is a date a person supplies, and `metadata`
    the title, outlet, address or language a person supplies: both are kept over later ingests, as an editor's are.

    A changed text from the same `origin` (a file's path) refreshes the document; one from elsewhere raises
    `NameTaken` unless `replace` says it is to take the document's place. `tag=False` leaves the events untagged, for
    measuring what tagging costs. `timezone`, for clocks given without one, is the caller's, else the one the page
    shows, else UTC.
    """
    timezone = timezone or parsed.timezone or "UTC"
    _wait_for_other_writers_of(source)
    # As an UPDATE would lock it: an editor's save of one of its events, which checks its key, is not held up.
    document = Document.objects.select_for_update(no_key=True).filter(source=source).first()
    content_hash = digest(text)
    if (
        document
        and document.content_hash == content_hash
        and document.timezone == timezone
        and (published is None or published == document.editor_published)
        and all(getattr(document, name) == value for name, value in (metadata or {}).items())
    ):
        return Stored(document, "unchanged", document.events.count())
    if document and document.origin and document.origin != origin and not replace:
        raise NameTaken(document)
    outcome = "updated" if document else "created"
    if document:
        document.events.lock()  # before `document.save()` bumps the revision: see `EventQuerySet.for_writing`
    before = _recorded(document) if document else None
    document = document or Document(source=source)
    document.origin = origin
    _fill_document(document, parsed, text, content_hash, timezone)
    if published:
        document.editor_published = published
    for name, value in (metadata or {}).items():
        setattr(document, name, value)
        document.edited_fields = sorted({*document.edited_fields, name})
    document.refresh_dates()
    # Its history records what an editor can see change; a new text that changes none of that (a live blog that
    # grew) is the events' news, not the document's.
    if before == _recorded(document):
        _save_without_history(document)
    else:
        document.save()
    events, created = _save_events(document, parsed.events, earlier=outcome == "updated")
    if tag:  # the document's save noted its events as changed, their tags with them
        tag_events(events, created=created, noted=True)
    return Stored(document, outcome, len(events), sum(1 for e in events if e.corrected))


@transaction.atomic
def date_document(document: Document, published: dt.date | None) -> list[tuple[Event, dt.date | None]]:
    """An editor's date for a document; re-dates every event no editor corrected. Returns (event, old date)."""
    document.events.lock()
    document.editor_published = published
    document.refresh_dates()
    document.save()
    events = list(document.events.all())
    before = [(event, event.occurred_on) for event in events]
    for event in events:
        event.refresh(document)
    Event.objects.bulk_update(events, Event.DERIVED_FIELDS)
    Revision.bump([document.pk])  # a bulk update sends no signal, and readers' counts must follow the new dates
    return [(event, old) for event, old in before if event.occurred_on != old]


def _wait_for_other_writers_of(source: str) -> None:
    """Until another transaction storing this source ends: a second ingest of a new document then finds it made
    instead of failing on its unique source. SQLite's IMMEDIATE transactions already make every writer wait."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [source])


def _save_without_history(document: Document) -> None:
    document.skip_history_when_saving = True  # simple_history's switch: its mere presence skips the record
    try:
        document.save()
    finally:
        del document.skip_history_when_saving


def _recorded(document: Document) -> dict:
    """The values the document's history keeps."""
    names = [f.attname for f in Document.history.model._meta.fields if f.attname in _DOCUMENT_FIELDS]
    return {name: getattr(document, name) for name in names}


_DOCUMENT_FIELDS = {f.attname for f in Document._meta.concrete_fields}


def _fill_document(document: Document, parsed: ParsedDocument, text: str, content_hash: str, timezone: str):
    read = {"title": parsed.title[:500], "outlet": parsed.outlet[:200], "url": parsed.url[:1000]}
    read["language"] = parsed.language[:35]
    for name, value in read.items():
        if name not in document.edited_fields:
            setattr(document, name, value)
    document.layout = parsed.layout
    document.text = text
    document.content_hash = content_hash
    document.timezone = timezone
    document.parsed_published = parsed.published
    document.parsed_published_basis = parsed.published_basis
    document.published_text = parsed.published_text[:300]
    document.date_hint = parsed.date_hint
    document.date_hint_text = parsed.date_hint_text[:300]


def _save_events(document: Document, parsed: list[ParsedEvent], earlier: bool) -> tuple[list[Event], set[int]]:
    """The document's events, saved, and the ids of those created just now; `earlier` when it had events before."""
    existing = list(document.events.all()) if earlier else []
    matched = _match(existing, parsed)
    events = [_with_parsed_fields(matched.get(item.position) or Event(document=document), item) for item in parsed]
    for event in events:
        event.refresh(document)
    # New rows go in whole; the repeat links, which need their targets' ids, follow in one narrow update.
    new, old = [e for e in events if e.pk is None], [e for e in events if e.pk is not None]
    Event.objects.bulk_create(new, batch_size=500)
    Event.objects.bulk_update(old, EVENT_FIELDS, batch_size=500)
    _link_repeats(events, parsed)
    _set_aside_gone(existing, {e.pk for e in events})
    return events, {e.pk for e in new}


def _link_repeats(events: list[Event], parsed: list[ParsedEvent]) -> None:
    """Points each repeat at its first posting, now that both have ids: one update for all the rows that get the
    same link, not one a row (a blog that re-posts one story a thousand times is a thousand rows, one update)."""
    by_position = {e.position: e for e in events}
    links: dict[tuple[int | None, int | None], list[int]] = defaultdict(list)
    for item, event in zip(parsed, events, strict=True):
        target = by_position[item.repeat_of].pk if item.repeat_of is not None else None
        if target is not None or event.parsed_duplicate_of_id is not None:
            event.parsed_duplicate_of_id = target
            event.duplicate_of_id = event.repeat_link()
            links[(target, event.duplicate_of_id)].append(event.pk)
    for (target, effective), ids in links.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            Event.objects.filter(pk__in=chunk).update(parsed_duplicate_of_id=target, duplicate_of_id=effective)


def _with_parsed_fields(event: Event, item: ParsedEvent) -> Event:
    event.position = item.position
    event.headline = item.headline[:500]
    event.body = item.body
    event.text_hash = text_hash(item.headline, item.body)
    event.in_source = True
    event.parsed_when = item.when()
    return event


def _set_aside_gone(existing: list[Event], kept: set[int]) -> None:
    """Entries gone from the source: deleted, unless an editor worked on them; those stay, flagged."""
    gone = [e for e in existing if e.pk not in kept]
    if not gone:
        return
    deleted = Event.objects.filter(pk__in=[e.pk for e in gone if not e.corrected])
    elsewhere = documents_repeating(deleted, outside=gone[0].document_id)
    if elsewhere:
        Revision.bump(elsewhere)  # their repeats of these show again, through an update that sends no signal
    deleted.delete()
    Event.objects.filter(pk__in=[e.pk for e in gone if e.corrected]).update(in_source=False, needs_review=True)


def _match(existing: list[Event], parsed: list[ParsedEvent]) -> dict[int, Event]:
    """Finds each new entry's earlier row: same text, else same headline, else same body (nearest position wins),
    else a text that differs only a little in both."""
    keys = [
        (lambda e: e.text_hash, lambda p: text_hash(p.headline, p.body)),
        (lambda e: fold(e.headline), lambda p: fold(p.headline)),
        (lambda e: fold(e.body) or None, lambda p: fold(p.body) or None),
    ]
    matched: dict[int, Event] = {}
    if not existing:
        return matched
    free = list(existing)
    for old_key, new_key in keys:
        index: dict[str, list[Event]] = defaultdict(list)
        for event in free:
            index[old_key(event)].append(event)
        for item in parsed:
            key = new_key(item)
            if item.position in matched or key is None or not index.get(key):
                continue
            candidates = index[key]
            best = min(candidates, key=lambda e: abs(e.position - item.position))
            candidates.remove(best)
            matched[item.position] = best
        taken = {id(e) for e in matched.values()}
        free = [e for e in free if id(e) not in taken]
    _match_edited(free, [p for p in parsed if p.position not in matched], matched)
    return matched


# Entries this alike, headline and body together, are one entry edited; checking more pairs than this is not worth
# the time a changed document can take (each pair costs a comparison of two texts).
EDITED_LIKENESS = 0.8
EDITED_PAIRS = 40_000


def _match_edited(free: list[Event], unmatched: list[ParsedEvent], matched: dict[int, Event]) -> None:
    """Pairs an earlier row with a new entry when their folded texts are close: a correction in the source that
    touched both the headline and the body. The closest pairs first."""
    if not free or not unmatched or len(free) * len(unmatched) > EDITED_PAIRS:
        return
    old = [(event, fold(f"{event.headline} {event.body}")) for event in free]
    pairs = []
    for item in unmatched:
        new = fold(f"{item.headline} {item.body}")
        for event, text in old:
            likeness = SequenceMatcher(None, text, new, autojunk=False)
            if likeness.real_quick_ratio() >= EDITED_LIKENESS and likeness.quick_ratio() >= EDITED_LIKENESS:
                ratio = likeness.ratio()
                if ratio >= EDITED_LIKENESS:
                    pairs.append((-ratio, abs(event.position - item.position), item.position, event))
    taken: set[int] = set()
    for _, _, position, event in sorted(pairs, key=lambda pair: pair[:3]):
        if position not in matched and event.pk not in taken:
            matched[position] = event
            taken.add(event.pk)
