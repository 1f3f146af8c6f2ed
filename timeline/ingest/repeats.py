"""Entries a live blog posted more than once: the same text again, or the same story re-headlined."""

from __future__ import annotations

import re
from collections import defaultdict
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
# Below this many words a headline is a recurring label ("Summary", "Morning briefing"): its body decides.
SPECIFIC_WORDS = 6
# How many earlier stories a reworded repeat is looked for among: a live blog re-posts within hours.
REWORDING_REACH = 500


def link_repeats(events: list[ParsedEvent], chronological: list[int]) -> None:
    """Points each repeat at the first posting of its story (`repeat_of`), taking events in `chronological` order.

    The same headline is found however far back it was posted; a reworded one among the last `REWORDING_REACH`
    stories, so that a document of thousands of entries costs thousands of comparisons per entry, not millions.
    """
    seen: list[tuple[ParsedEvent, str, str, frozenset[str]]] = []
    by_headline: dict[tuple[str, str], list[tuple[ParsedEvent, str, str, frozenset[str]]]] = defaultdict(list)
    for index in chronological:
        event = events[index]
        kind, headline = _kind_and_headline(event.headline)
        names = _names_and_numbers(event.headline)
        candidates = by_headline.get((kind, headline), []) + seen[-REWORDING_REACH:]
        for first, first_kind, first_headline, first_names in candidates:
            if kind != first_kind:
                continue
            if headline == first_headline and len(headline.split()) < SPECIFIC_WORDS:
                same = not event.body or not first.body or fold(event.body) == fold(first.body)
            else:
                same = _same_story(headline, names, first_headline, first_names)
            if same:
                event.repeat_of = first.position
                break
        else:
            story = (event, kind, headline, names)
            seen.append(story)
            by_headline[(kind, headline)].append(story)


def _kind_and_headline(headline: str) -> tuple[str, str]:
    media = MEDIA_LABEL.match(headline)
    kind = media[1].lower() if media else "story"
    return kind, fold(STORY_LABEL.sub("", headline))


def _names_and_numbers(headline: str) -> frozenset[str]:
    """The places, people and figures a headline names: "Sumy" and "3" tell another story than "Kherson" and "7"."""
    words = re.findall(r"[\w’']+", STORY_LABEL.sub("", MEDIA_LABEL.sub("", headline)))
    return frozenset(fold(w) for w in words[1:] if w[0].isupper() or w[0].isdigit())


def _same_story(headline: str, names: frozenset[str], first_headline: str, first_names: frozenset[str]) -> bool:
    """The same headline again, or a rewording that names nothing the other contradicts."""
    if headline == first_headline:
        return True
    if (
        not (names <= first_names or first_names <= names)
        or not headline
        or not first_headline
        or not _share_words(headline, first_headline)
    ):
        return False
    return SequenceMatcher(None, headline, first_headline, autojunk=False).ratio() >= HEADLINE_LIKENESS


def _share_words(a: str, b: str) -> bool:
    """A cheap first test before the costly ratio: at least half the words in common."""
    words_a, words_b = set(a.split()), set(b.split())
    return len(words_a & words_b) * 2 >= min(len(words_a), len(words_b))
