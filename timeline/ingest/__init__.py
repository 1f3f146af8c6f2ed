"""Text or a web page in, events out: pure functions, no Django, no database.

parse_any(text, url) -> ParsedDocument      a web page through `web`, anything else through `pipeline`
"""

from __future__ import annotations

from .model import ParsedDocument, ParsedEvent
from .pipeline import parse_document
from .web import looks_like_html, parse_page

__all__ = ["ParsedDocument", "ParsedEvent", "parse_any", "parse_document", "parse_page"]


def parse_any(text: str, max_entries: int | None = None, url: str = "") -> ParsedDocument:
    """A document's events, read as a web page when it is one and as plain text otherwise."""
    if looks_like_html(text):
        return parse_page(text, url, max_entries)
    return parse_document(text, max_entries)
