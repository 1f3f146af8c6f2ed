"""The full-text index of events' headlines and bodies, on SQLite and on PostgreSQL."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector

# The full-text index of headlines and bodies: an FTS5 table on SQLite (migration 0007); on PostgreSQL a GIN index
# over `search_vector()` in a configuration that folds accents and keeps words whole, as FTS5 does (migration 0008).
SEARCH_TABLE = "timeline_event_search"
SEARCH_CONFIG = "timeline_search"


def search_vector() -> SearchVector:
    """PostgreSQL's words of an event; the index holds this very expression, so a query must use it unchanged."""
    return SearchVector("headline", "body", config=SEARCH_CONFIG)


def prefix_query(terms: list[str]) -> SearchQuery:
    """Every term, as a word or the beginning of one, quoted so the reader's text is never query syntax.

    PostgreSQL's parser reads "Tu-160" as "tu" and "-160", so a number also matches with a minus before it.
    """

    def quoted(term: str) -> str:
        return "'{}':*".format(term.replace("\\", "\\\\").replace("'", "''"))

    each = [f"({quoted(term)} | {quoted('-' + term)})" if term[0].isdigit() else quoted(term) for term in terms]
    return SearchQuery(" & ".join(each), search_type="raw", config=SEARCH_CONFIG)


def text_index_query(terms: list[str]) -> tuple[str, list[str]]:
    """SQLite's full-text index asked for the ids of the events with every term, as a word or its beginning."""
    return f"SELECT rowid AS id FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH %s", [fts_match(terms)]


def fts_match(terms: list[str]) -> str:
    """An FTS5 query for every term, as a word or its beginning; each term quoted, so the reader's text is never
    query syntax."""
    return " ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
