"""Entries a live blog posted more than once: the same text again, or the same story re-headlined."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .model import ParsedEvent
from .text import fold

# Labels that mark a post as media about a story rather than the story: such a post repeats only its kind.
MEDIA_LABEL = re.compile(
    r"^(watch|video|pictured|photos?|in pictures|listen|audio|explained|analysis|opinion|map)\s*:", re.IGNORECASE
)
# Labels that re-post the same story in text.
STORY_LABEL = re.compile(
    r"^(full report|read more|read in full|in full|update[d]?|latest|breaking|recap|more)\s*:\s*", re.IGNORECASE
)
HEADLINE_LIKENESS = 0.8


def link_repeats(events: list[ParsedEvent], chronological: list[int]) -> None:
    """Points each repeat at the first posting of its story (`repeat_of`), taking events in `chronological` order."""
    seen: list[tuple[ParsedEvent, str, str, str]] = []
    for index in chronological:
        event = events[index]
        kind, headline = _kind_and_headline(event.headline)
        body = fold(event.body)
        for first, first_kind, first_headline, first_body in seen:
            if kind == first_kind and _same_story(headline, body, first_headline, first_body):
                event.repeat_of = first.position
                break
        else:
            seen.append((event, kind, headline, body))


def _kind_and_headline(headline: str) -> tuple[str, str]:
    media = MEDIA_LABEL.match(headline)
    kind = media[1].lower() if media else "story"
    return kind, fold(STORY_LABEL.sub("", headline))


def _same_story(headline: str, body: str, other_headline: str, other_body: str) -> bool:
    if headline == other_headline and body == other_body:
        return True
    if not headline or not other_headline or not _share_words(headline, other_headline):
        return False
    return SequenceMatcher(None, headline, other_headline, autojunk=False).ratio() >= HEADLINE_LIKENESS


def _share_words(a: str, b: str) -> bool:
    """A cheap first test before the costly ratio: at least half the words in common."""
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) * 2 >= min(len(words_a), len(words_b))
