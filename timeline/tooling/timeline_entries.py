"""The entries of a planned synthetic document: tags drawn, text written, stamps and mentions, reposts."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate

from timeline.ingest.dates import long_date
from timeline.ingest.model import Mention, ParsedEvent, Stamp
from timeline.ingest.stamp_tokens import MONTHS, WEEKDAYS
from timeline.store.documents import text_hash
from timeline.tooling.corpus_vocabulary import REPORTERS
from timeline.tooling.timeline_plan import PlannedDocument
from timeline.tooling.timeline_tags import Gazetteer, Tag
from timeline.tooling.timeline_text import CLOSINGS, EntryText

MENTION_SHARE = 0.1  # of events: those whose text says when the thing happened ("late on Monday")
# How many tags an event gets, with weights: (1, 2, 3, 4) actors, (1, 2, 3) locations and themes.
ACTORS_PER_EVENT = (40, 32, 18, 10)
LOCATIONS_PER_EVENT = (55, 30, 15)
THEMES_PER_EVENT = (60, 30, 10)
WHOLE_STAMP = "day and time from the entry"
REPOST_PREFIXES = ["Recap: ", "Update: ", "Catch up: ", "Earlier: "]


@dataclass
class Entry:
    parsed: ParsedEvent
    actors: list[Tag]
    locations: list[Tag]
    themes: list[Tag]
    repeat_of: int | None = None


class Writer:
    """Writes the entries of planned documents: tags drawn from the gazetteer, text made from the tags' names."""

    def __init__(self, rng: random.Random, gazetteer: Gazetteer):
        self.rng = rng
        self.gazetteer = gazetteer
        self.text = EntryText(rng, gazetteer)
        self.hashes: set[str] = set()
        self.actor_counts = list(accumulate(ACTORS_PER_EVENT))
        self.location_counts = list(accumulate(LOCATIONS_PER_EVENT))
        self.theme_counts = list(accumulate(THEMES_PER_EVENT))

    def entries(self, plan: PlannedDocument) -> list[Entry]:
        """In reading order; written oldest first, so that a repost can copy the entry it repeats."""
        if plan.layout == "liveblog":
            stamps = self.live_blog_stamps(plan)
            days = [stamp.day for stamp in stamps]
        else:
            stamps, days = [None] * plan.size, [plan.day] * plan.size
        entries: dict[int, Entry] = {}
        for position in reversed(range(plan.size)):
            first = plan.repeats.get(position)
            if first is None:
                sentences = self.rng.randint(4, 8) if plan.layout == "article" else 0
                entries[position] = self.new_entry(position, days[position], stamps[position], sentences)
            else:
                entries[position] = self.repost(entries[first], position, stamps[position])
        return [entries[position] for position in range(plan.size)]

    def live_blog_stamps(self, plan: PlannedDocument) -> list[Stamp]:
        """Newest first. The latest day's entries show only the time and take the day from the entry below."""
        at = dt.datetime.combine(plan.day, dt.time(self.rng.randint(16, 23), self.rng.randint(0, 59)))
        authors = self.rng.sample(REPORTERS, self.rng.randint(1, 3))
        stamps = []
        for position in range(plan.size):
            author = authors[at.hour * len(authors) // 24]
            if at.date() == plan.day and position < plan.size - 1:
                text, how = f"{at:%H:%M} , {author}", "time from the entry, day from the entry below it"
            else:
                text = f"{WEEKDAYS[at.weekday()]} {long_date(at.date())} {at:%H:%M} , {author}"
                how = WHOLE_STAMP
            stamps.append(Stamp(text, time=at.time(), day=at.date(), how=how))
            # Quiet at night, busy by day.
            at -= dt.timedelta(minutes=self.rng.randint(40, 120) if at.hour < 6 else self.rng.randint(8, 45))
        return stamps

    def new_entry(self, position: int, day: dt.date, stamp: Stamp | None, extra_sentences: int) -> Entry:
        actors = self.gazetteer.actors.draw(self.rng, self.how_many(self.actor_counts))
        locations = self.gazetteer.locations.draw(self.rng, self.how_many(self.location_counts))
        themes = self.gazetteer.themes.draw(self.rng, self.how_many(self.theme_counts))
        mention = self.mention(day) if self.rng.random() < MENTION_SHARE else None
        headline = self.text.headline(actors, locations, themes)
        body = self.text.body(actors, locations, themes, mention, extra_sentences)
        while text_hash(headline, body) in self.hashes:
            body += " " + self.text.fill(self.rng.choice(CLOSINGS), actors, locations)
        self.hashes.add(text_hash(headline, body))
        return Entry(ParsedEvent(position, headline, body, stamp, mention), actors, locations, themes)

    def how_many(self, cumulative: list[int]) -> int:
        """1, 2, 3... drawn with the weights whose running totals are `cumulative`."""
        return bisect(cumulative, self.rng.random() * cumulative[-1]) + 1

    def repost(self, first: Entry, position: int, stamp: Stamp | None) -> Entry:
        """The same story posted again under a fresh label, so it keeps its body and tags but not its hash."""
        headline, body = self.rng.choice(REPOST_PREFIXES) + first.parsed.headline, first.parsed.body
        while text_hash(headline, body) in self.hashes:
            headline = self.rng.choice(REPOST_PREFIXES) + headline
        self.hashes.add(text_hash(headline, body))
        parsed = ParsedEvent(position, headline, body, stamp, first.parsed.mention, first.parsed.position)
        return Entry(parsed, first.actors, first.locations, first.themes, repeat_of=first.parsed.position)

    def mention(self, day: dt.date) -> Mention:
        """A phrase placing what happened on the reported day or a few days before, as the parser records it."""
        roll = self.rng.random()
        if roll < 0.35:
            back = day - dt.timedelta(days=self.rng.randint(1, 3))
            return Mention(
                f"{self.rng.choice(['on', 'late on', 'early on'])} {WEEKDAYS[back.weekday()]}", weekday=back.weekday()
            )
        if roll < 0.6:
            return Mention(self.rng.choice(["yesterday", "last night"]), days_back=1)
        if roll < 0.85:
            return Mention(self.rng.choice(["earlier today", "this morning", "overnight"]), days_back=0)
        back = day - dt.timedelta(days=self.rng.randint(1, 6))
        return Mention(f"on {back.day} {MONTHS[back.month - 1]}", month_day=(back.month, back.day))
