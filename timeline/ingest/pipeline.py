"""A text's events: the pipeline every document goes through, a page's main text too.

    parse_document(text) -> ParsedDocument

The flow: normalise lines -> strip boilerplate -> read every line's stamp and let the document decide its layout
(which stamps mark entries, which date lines head them, which only date the page) -> cut the entries -> give
each its day as the text states it -> find when each reported thing happened -> link repeats. A document whose
text states no day for its entries gets none, and a suggestion with its reason for an editor.
"""

from __future__ import annotations

import datetime as dt
import re

from .boilerplate import find_outlet, strip_boilerplate
from .dates import find_mention, latest_date_mentioned
from .dating import PageDate, Suggestion, article_stamp, date_live_blog, date_page
from .files import UnreadableDocument
from .layout import read_layout
from .model import ParsedDocument, ParsedEvent, Stamp
from .repeats import link_repeats
from .segment import segment
from .text import normalise


def parse_document(text: str, max_entries: int | None = None) -> ParsedDocument:
    """The document's events, dated as far as the text states; more entries than `max_entries` are refused
    (`UnreadableDocument`) as soon as they are counted, before the work each entry costs."""
    _not_far_beyond(text, max_entries)
    lines = normalise(text)
    outlet = find_outlet(lines)
    lines = strip_boilerplate(lines)
    layout = read_layout(lines)
    _within(len(layout.markers), max_entries)
    segmented = segment(lines, layout)
    _within(len(segmented.entries), max_entries)
    document = ParsedDocument(title=segmented.title, layout=segmented.layout, outlet=outlet)
    page = date_page(layout)
    if segmented.layout == "liveblog":
        dated = date_live_blog(segmented.entries, layout)
        stamps = dated.stamps
        if dated.stated:
            days = [s.day for s in stamps if s.day]
            document.published, document.published_basis = min(days), "timestamp"
            document.published_text = dated.published_text
        suggestion = dated.suggestion or _page_suggestion(page)
    else:
        stamps: list[Stamp | None] = [None] * len(segmented.entries)
        if page:
            document.published, document.published_basis, document.published_text = page.day, "article_date", page.text
            if segmented.layout == "article" and stamps:
                stamps[0] = article_stamp(page)
        suggestion = None
    document.events = [
        ParsedEvent(
            position=position,
            headline=entry.headline,
            body="\n\n".join(entry.body),
            stamp=stamps[position],
            mention=find_mention([entry.headline, *_opening(entry.body)]),
        )
        for position, entry in enumerate(segmented.entries)
    ]
    link_repeats(document.events, _chronological(document.events))
    if document.published is None:
        if suggestion is None:
            day, written = latest_date_mentioned(text)
            suggestion = Suggestion(day, f"the latest date it mentions, “{written}”") if day else None
        if suggestion:
            document.date_hint, document.date_hint_text = suggestion.day, suggestion.reason
    return document


# A paragraph of prose has at least this many words; a list's heading ("In short:") or a caption's credit has fewer.
OPENING_WORDS = 5


def _opening(body: list[str]) -> list[str]:
    """The entry's first two paragraphs of prose, where a phrase saying when it happened would stand."""
    return [line for line in body if len(line.split()) >= OPENING_WORDS][:2]


# A line that opens with a clock ("09:01 , Jane Doe", "2.01am: headline", "14h05"): counted in one scan of the text.
CLOCK_LINE = re.compile(r"^[^\w\n]{0,3}\d{1,2}[:.h]\d{2}(?!\d)", re.MULTILINE)


def _not_far_beyond(text: str, max_entries: int | None) -> None:
    """Refuses at once a text with twice as many clock lines as a document may hold entries: a live blog has about
    one for each entry, and such a text would otherwise be refused only after the costliest steps."""
    if max_entries is None:
        return
    clocks = sum(1 for _ in CLOCK_LINE.finditer(text))
    if clocks > 2 * max_entries:
        raise UnreadableDocument(
            f"{clocks:,} lines open with a time: far more entries than a document may hold ({max_entries:,}); "
            "split it into parts"
        )


def _within(entries: int, max_entries: int | None) -> None:
    if max_entries is not None and entries > max_entries:
        raise UnreadableDocument(
            f"{entries:,} entries: more than a document may hold ({max_entries:,}); split it into parts"
        )


def _page_suggestion(page: PageDate | None) -> Suggestion | None:
    """An undated live blog's page date: a hint for the editor, since its entries may be days later."""
    if page is None:
        return None
    return Suggestion(page.day, f"the page's own date line, “{page.text}”; its entries may be later")


_COUNTED_FROM = dt.date(2000, 1, 1)  # any day: undated entries are ordered by their offsets from it


def _chronological(events: list[ParsedEvent]) -> list[int]:
    """Event indexes, earliest posting first: by stamp where stamps are dated, else in reading order."""

    def key(index: int):
        stamp = events[index].stamp
        if stamp is None or stamp.time is None or (stamp.day is None and stamp.offset is None):
            return (dt.date.min, dt.time.min, index)
        return (stamp.day or _COUNTED_FROM + dt.timedelta(days=stamp.offset), stamp.time, index)

    return sorted(range(len(events)), key=key)
