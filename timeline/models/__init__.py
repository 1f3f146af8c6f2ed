"""Documents, the events found in them, and the actors, locations and themes they are tagged with: the ground
every other package stands on.

The parser's findings and an editor's corrections live in separate fields; the effective values that
pages filter on (`reported_on`, `occurred_on`, `duplicate_of`, ...) are derived from both by
`Document.refresh_dates()` and `Event.refresh()` (`dating.py`), so re-ingesting refreshes the parser's side and never
the editor's. Every change a reader could see grows the `Revision` (`revision.py`).
"""

from .dating import BASIS_FOR_READERS, When, timeline_key
from .documents import (
    BASIS_CHOICES,
    LAYOUT_CHOICES,
    PRECISION_CHOICES,
    UNTITLED,
    Document,
    EditedHistory,
    shortened,
    validate_reported_day,
)
from .events import REVIEW_REASONS, Event, EventQuerySet, ReviewItem
from .following import FollowedPage
from .jobs import IngestJob
from .revision import Change, Revision, documents_repeating
from .search import SEARCH_CONFIG, SEARCH_TABLE, fts_match, prefix_query, search_vector, text_index_query
from .tags import TAG_KINDS, Actor, Entity, Location, RejectedName, TagDecision, Theme, ThemeRule

__all__ = [
    "BASIS_CHOICES",
    "BASIS_FOR_READERS",
    "LAYOUT_CHOICES",
    "PRECISION_CHOICES",
    "REVIEW_REASONS",
    "SEARCH_CONFIG",
    "SEARCH_TABLE",
    "TAG_KINDS",
    "Actor",
    "Change",
    "Document",
    "EditedHistory",
    "Entity",
    "Event",
    "EventQuerySet",
    "FollowedPage",
    "IngestJob",
    "Location",
    "RejectedName",
    "Revision",
    "ReviewItem",
    "TagDecision",
    "Theme",
    "ThemeRule",
    "When",
    "documents_repeating",
    "fts_match",
    "prefix_query",
    "search_vector",
    "shortened",
    "UNTITLED",
    "text_index_query",
    "timeline_key",
    "validate_reported_day",
]
