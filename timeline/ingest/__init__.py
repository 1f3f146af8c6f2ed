"""Text or a web page in, events out: pure functions, no Django, no database.

parse_any(text, url) -> ParsedDocument      a web page through `web`, anything else through `pipeline`
read_and_parse(path) -> (text, parsed)      a file's, as a process that parses ahead of storing runs it (`ahead`)
"""

from __future__ import annotations

from pathlib import Path

from .files import read_document
from .model import ParsedDocument, ParsedEvent
from .pipeline import parse_document
from .web import looks_like_html, parse_page

__all__ = ["ParsedDocument", "ParsedEvent", "parse_any", "parse_document", "parse_page", "read_and_parse"]


def parse_any(text: str, max_entries: int | None = None, url: str = "") -> ParsedDocument:
    """A document's events, read as a web page when it is one and as plain text otherwise."""
    if looks_like_html(text):
        return parse_page(text, url, max_entries)
    return parse_document(text, max_entries)


def read_and_parse(
    source: Path | str, *, max_bytes: int, encoding: str = "utf-8", max_entries: int | None = None, url: str = ""
) -> tuple[str, ParsedDocument]:
    """A file's text (or, given a `str`, the text itself) and its events."""
    text = read_document(source, max_bytes=max_bytes, encoding=encoding) if isinstance(source, Path) else source
    return text, parse_any(text, max_entries, url)
