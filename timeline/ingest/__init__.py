"""Text in, events out: pure functions, no Django, no database.

    parse_document(text) -> ParsedDocument

The flow: normalise lines -> read the article's own date -> strip boilerplate -> segment by layout ->
give live-blog entries their days -> find when each reported thing happened -> link repeats.
"""

from __future__ import annotations

import datetime as dt

from .boilerplate import find_outlet, strip_boilerplate
from .dates import find_mention, latest_date_mentioned, read_article_date, read_stamp, roll_days
from .model import ParsedDocument, ParsedEvent, Stamp
from .repeats import link_repeats
from .segment import Segmented, segment
from .text import normalise

__all__ = ["ParsedDocument", "ParsedEvent", "parse_document"]

# Article date lines sit in a page's header; further down a date line is part of the news.
HEADER_LINES = 25


def parse_document(text: str) -> ParsedDocument:
    lines = normalise(text)
    outlet = find_outlet(lines)
    lines, dated = _take_article_dates(lines)
    segmented = segment(strip_boilerplate(lines), year=dated[1].year if dated else None)
    if segmented.page_stamp and not dated:
        dated = (_page_stamp_label(segmented), segmented.page_stamp.day, segmented.page_stamp.text)
    stamps = _dated_stamps(segmented, dated)
    events = [
        ParsedEvent(
            position=position,
            headline=entry.headline,
            body="\n\n".join(entry.body),
            stamp=stamps[position],
            mention=find_mention([entry.headline, *entry.body[:2]]),
        )
        for position, entry in enumerate(segmented.entries)
    ]
    link_repeats(events, _chronological(events))
    document = ParsedDocument(title=segmented.title, layout=segmented.layout, events=events, outlet=outlet)
    _date_document(document, dated, stamps)
    if document.published is None:
        document.date_hint, document.date_hint_text = latest_date_mentioned(text)
    return document


def _page_stamp_label(segmented: Segmented) -> str:
    """A blog's bare header date is when it was last updated if it is no earlier than its newest entry's time."""
    stamps = [e.stamp for e in segmented.entries if e.stamp and e.stamp.time]
    if not stamps:
        return "published"
    newest = max(roll_days(stamps), key=lambda s: (s.offset or 0, s.time))
    return "updated" if segmented.page_stamp.time >= newest.time else "published"


def _take_article_dates(lines: list[str]) -> tuple[list[str], tuple[str, dt.date, str] | None]:
    """Removes the header's "Published ..." lines, keeping what is glued after them; returns the first date."""
    kept, found = [], None
    for index, line in enumerate(lines):
        article_date = None if index >= HEADER_LINES or read_stamp(line) else read_article_date(line)
        if article_date is None:
            kept.append(line)
            continue
        label, day, rest = article_date
        if found is None or (found[0] == "updated" and label == "published"):
            found = (label, day, line)
        if rest:
            kept.append(rest)
    return kept, found


def _dated_stamps(segmented: Segmented, dated: tuple[str, dt.date, str] | None) -> list[Stamp | None]:
    stamps = [entry.stamp for entry in segmented.entries]
    if segmented.layout != "liveblog":
        return stamps
    rolled = roll_days(stamps)
    if any(s.day for s in rolled) or not dated:
        return rolled
    # No entry names its day, but the page does: "published" is the earliest entry's day, "updated" the latest's.
    label, day, _ = dated
    offsets = [s.offset for s in rolled]
    base = day - dt.timedelta(days=(min(offsets) if label == "published" else max(offsets)))
    how = f"day from the page's {label} date"
    return [Stamp(s.text, s.time, base + dt.timedelta(days=s.offset), None, s.tz, f"{how}, {s.how}") for s in rolled]


def _chronological(events: list[ParsedEvent]) -> list[int]:
    """Event indexes, earliest posting first: by stamp where stamps are dated, else in reading order."""

    def key(index: int):
        stamp = events[index].stamp
        if stamp is None or stamp.time is None or (stamp.day is None and stamp.offset is None):
            return (0, dt.date.min, dt.time.min, index)
        day = stamp.day or dt.date.min + dt.timedelta(days=stamp.offset)
        return (0, day, stamp.time, index)

    return sorted(range(len(events)), key=key)


def _date_document(
    document: ParsedDocument, dated: tuple[str, dt.date, str] | None, stamps: list[Stamp | None]
) -> None:
    days = [s.day for s in stamps if s and s.day]
    if dated and dated[0] == "published":
        document.published, document.published_basis, document.published_text = dated[1], "article_date", dated[2]
    elif days:
        earliest = min(days)
        document.published, document.published_basis = earliest, "timestamp"
        document.published_text = next(s.text for s in stamps if s and s.day == earliest)
    elif dated:
        document.published, document.published_basis, document.published_text = dated[1], "article_date", dated[2]
