"""Reads saved web pages as ingest would and prints, page by page, what was found and how each entry was dated."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.ingest import ParsedDocument, parse_page
from timeline.ingest.files import UnreadableDocument, read_document

SOURCES = {"structured": "structured data", "time_tag": "time tag", "text": "visible stamp"}


class Command(BaseCommand):
    help = "Parse saved web pages (no database) and show each one's metadata, entries and where their dates came from."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="pages, or folders of .html files")
        parser.add_argument("--entries", action="store_true", help="list every entry with its date and its source")

    def handle(self, *args, **options):
        pages = [p for path in options["paths"] for p in _pages(path)]
        if not pages:
            raise CommandError("no .html files found")
        totals: Counter[str] = Counter()
        for path in pages:
            started = time.perf_counter()
            try:
                text = read_document(path, max_bytes=settings.TIMELINE_MAX_DOCUMENT_BYTES)
                document = parse_page(text, max_entries=settings.TIMELINE_MAX_DOCUMENT_ENTRIES)
            except UnreadableDocument as error:
                self.stdout.write(f"{path.name}: cannot be read: {error}")
                totals["unreadable"] += 1
                continue
            seconds = time.perf_counter() - started
            counts = _dated_by(document)
            totals.update(counts)
            self.stdout.write(_summary(path, document, counts, seconds))
            if options["entries"]:
                for event in document.events:
                    self.stdout.write(f"    {_entry_line(event)}")
        self.stdout.write(
            f"{len(pages)} pages: " + ", ".join(f"{count} entries {how}" for how, count in sorted(totals.items()))
        )


def _pages(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.htm*") if p.is_file())
    if not path.is_file():
        raise CommandError(f"{path}: no such file or folder")
    return [path]


def _dated_by(document: ParsedDocument) -> Counter[str]:
    counts: Counter[str] = Counter()
    for event in document.events:
        stamp = event.stamp
        if stamp is None or (stamp.day is None and stamp.time is None):
            counts["by the page's date" if document.published else "undated"] += 1
        else:
            counts[f"by {SOURCES[stamp.source]}" + ("" if stamp.day else ", no day")] += 1
    return counts


def _summary(path: Path, document: ParsedDocument, counts: Counter[str], seconds: float) -> str:
    dated = ", ".join(f"{n} {how}" for how, n in sorted(counts.items()))
    published = f"{document.published} ({document.published_basis})" if document.published else "NO DATE"
    lines = [
        f"{path.name}: {document.layout}, {len(document.events)} entries ({dated}), {seconds:.2f} s",
        f"    outlet {document.outlet!r}, language {document.language or '?'}, clocks in {document.timezone or '?'}",
        f"    title {document.title[:90]!r}",
        f"    address {document.url or '?'}",
        f"    published {published}",
    ]
    lines += [f"    note: {note}" for note in document.notes]
    return "\n".join(lines)


def _entry_line(event) -> str:
    stamp = event.stamp
    if stamp is None:
        return f"{'-':<27} {'':<16} {event.headline[:70]}"
    when = f"{stamp.day or '????-??-??'} {stamp.time.strftime('%H:%M') if stamp.time else '--:--'} {stamp.tz or ''}"
    return f"{when:<27} {SOURCES[stamp.source]:<16} {event.headline[:70]}"
