"""A saved or fetched web page in, events out: the text pipeline on the page's main text, with the page's own
structured data and metadata where they agree with what it shows.

    parse_page(html, url) -> ParsedDocument

The flow: read the page's structured data and metadata (`facts`) and its `<time datetime>` tags (`time_tags`) -> its
main text with every stamp kept (`visible`), its dates put in the words the text pipeline reads (`languages`) -> the
text pipeline -> each entry re-dated from structured data it agrees with, else from a time tag it agrees with, and
clocks without a day counted from a dated neighbour or the page's last modification (`dating`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import lxml.etree
import lxml.html

from ..dates import long_date
from ..files import UnreadableDocument
from ..model import ParsedDocument, ParsedEvent, Stamp
from ..pipeline import parse_document
from .dating import date_from_page, offset_name
from .facts import PageFacts, read_facts
from .languages import in_english_dates
from .time_tags import time_tags
from .visible import short_texts, visible_text

__all__ = ["looks_like_html", "parse_page"]

# What opens a web page, once comments and white space are passed: a doctype, or one of the tags a page starts with.
PAGE_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|script|link)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    return bool(PAGE_START.match(text[:4096])) and re.search(r"<(?:body|p|div)\b", text, re.I) is not None


def parse_page(page: str, url: str = "", max_entries: int | None = None) -> ParsedDocument:
    tree = _tree(page)
    facts = read_facts(tree, url)
    short = short_texts(tree)  # one pass, before the visible text's moves change the tree
    tags = time_tags(tree, short)
    text, written = in_english_dates(visible_text(tree, short), facts.language)
    if not text.strip():
        raise UnreadableDocument("the page has no readable text: it may need JavaScript to show its entries")
    document = parse_document(text, max_entries)
    document.title = facts.title or document.title
    document.outlet = facts.outlet or document.outlet
    document.url, document.language = facts.url, facts.language
    if document.layout == "liveblog":
        verdict = date_from_page(document.events, facts, tags, text)
        document.timezone, document.notes = verdict.zone, verdict.notes
        _dated_by_entries(document)
    else:
        if facts.kind == "article" and document.layout == "roundup":
            _as_one_article(document)
        _dated_as_article(document, facts)
    _quoting_the_page(document, written)
    return document


def _quoting_the_page(document: ParsedDocument, written: dict[str, str]) -> None:
    """Notes quote a date as the page wrote it, not as it was put for the text pipeline."""
    if not written:
        return

    def as_written(note: str) -> str:
        for english, original in written.items():
            note = note.replace(f"“{english}”", f"“{original}”")
        return note

    document.published_text = as_written(document.published_text)
    document.date_hint_text = as_written(document.date_hint_text)
    for event in document.events:
        if event.stamp:
            event.stamp = replace(event.stamp, how=as_written(event.stamp.how))


def _as_one_article(document: ParsedDocument) -> None:
    """A page that declares itself an article is one story: its subheadings do not make it a round-up of many."""
    sections = ["\n\n".join(part for part in (e.headline, e.body) if part) for e in document.events]
    first = document.events[0]
    document.events = [
        ParsedEvent(
            position=0, headline=document.title or first.headline, body="\n\n".join(sections), mention=first.mention
        )
    ]
    document.layout = "article"


def _tree(page: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(page)
    except (lxml.etree.ParserError, ValueError) as error:
        raise UnreadableDocument(f"not a readable web page ({error})") from None


SOURCE_NOTES = {
    "text": "",
    "structured": ", as the page's structured data dates it",
    "time_tag": ", as its time tag dates it",
}


def _dated_by_entries(document: ParsedDocument) -> None:
    """A live blog is of the day of its earliest dated entry."""
    dated = [e.stamp for e in document.events if e.stamp and e.stamp.day]
    if not dated:
        return
    earliest = min(dated, key=lambda s: (s.day, s.time or dt.time.min))
    document.published, document.published_basis = earliest.day, "timestamp"
    document.published_text = earliest.text + SOURCE_NOTES[earliest.source]
    document.date_hint, document.date_hint_text = None, ""


def _dated_as_article(document: ParsedDocument, facts: PageFacts) -> None:
    """An article's date from its structured data, unless its text states another day."""
    posted = facts.published
    if posted is None or (document.published and document.published != posted.date()):
        return
    written = f"the page's structured data, published {posted.isoformat()}"
    document.published, document.published_basis, document.published_text = posted.date(), "article_date", written
    document.date_hint, document.date_hint_text = None, ""
    if document.layout == "article" and document.events:
        zone_key = offset_name(posted.utcoffset()) if posted.tzinfo else None
        how = f"day and time from {written}"
        document.events[0].stamp = Stamp(
            long_date(posted.date()),
            time=posted.time().replace(second=0, microsecond=0),
            day=posted.date(),
            tz=zone_key,
            how=how,
            source="structured",
        )
