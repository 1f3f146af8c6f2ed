"""The ingest corpus's words drawn at random, and the sentences, headlines and page furniture made of them."""

from __future__ import annotations

import datetime as dt
import random
from difflib import SequenceMatcher

from timeline.ingest.stamp_tokens import MONTHS, WEEKDAYS
from timeline.tooling.corpus_vocabulary import (
    ACCUSATIONS,
    AGENCIES,
    ASKS,
    BODIES,
    CAPITALS,
    CITIES,
    CLAIMS,
    FAILURES,
    FRONT,
    OFFICIALS,
    PEOPLE,
    PROPOSALS,
    QUOTES,
    REGIONS,
    RELATED,
    SUBJECT_BODIES,
    TARGETS,
    TOPICS,
    VILLAGES,
    VOWS,
    WEAPONS,
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncap(text: str) -> str:
    return text[:1].lower() + text[1:]


class SentenceWriter:
    """Words drawn with the page's random generator, and the body text made of them: sentences and paragraphs."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def n(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def some_day(self) -> dt.date:
        return dt.date(2022, 3, 1) + dt.timedelta(days=self.n(0, 1200))

    # -- words ----------------------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        return self.pick(PEOPLE)

    def speaker(self) -> str:
        return self.person()[0] if self.rng.random() < 0.6 else self.pick(BODIES)

    def place(self) -> str:
        return self.pick([*CITIES, *REGIONS, *FRONT])

    def when(self, day: dt.date) -> str:
        """A phrase placing what happened relative to `day`, the day it is reported; sometimes none."""
        back = day - dt.timedelta(days=self.n(0, 3))
        weekday = WEEKDAYS[back.weekday()]
        return self.pick(
            [
                f"on {weekday}",
                f"on {weekday}",
                f"late on {weekday}",
                f"early on {weekday}",
                f"on {weekday} night",
                "yesterday",
                "last night",
                "earlier today",
                "this morning",
                "overnight",
                "two days ago",
                f"on {back.day} {MONTHS[back.month - 1]}",
                f"on {MONTHS[back.month - 1]} {back.day}",
                "",
                "",
            ]
        )

    def clause(self) -> str:
        """Something that happened, as reported speech."""
        short = self.person()[1]
        return self.pick(
            [
                f"Russian forces had launched {self.n(12, 190)} drones and {self.n(2, 40)} missiles at {self.place()}",
                f"Ukrainian troops had repelled {self.n(3, 60)} assaults near {self.pick(FRONT)}",
                f"the strike had damaged {self.pick(TARGETS)} in {self.pick(CITIES)}",
                f"{short} had discussed {self.pick(TOPICS)} with officials in {self.pick(CAPITALS)}",
                f"Moscow had no intention of halting its offensive in {self.pick(REGIONS)}",
                f"{self.n(40, 900)} civilians had been evacuated from villages around {self.pick(FRONT)}",
                f"Russian units had advanced up to {self.n(2, 9)} kilometres west of {self.pick(VILLAGES)}",
                f"a new aid package worth ${self.n(100, 990)}m had been approved for Kyiv",
                f"power had been restored to {self.n(20, 95)},000 homes in {self.pick(CITIES)}",
            ]
        )

    def sentence(self, day: dt.date) -> str:
        when = self.when(day)
        full, short = self.person()
        kind = self.n(0, 11)
        if kind <= 1:
            return f"{_cap(self.speaker())} said {when + ' ' if when else ''}that {self.clause()}."
        if kind == 2 and when:
            return f"{_cap(when)}, {self.clause()}, {self.speaker()} said."
        if kind == 3:
            return f"“{self.pick(QUOTES)},” {short} told reporters in {self.pick(CAPITALS)}."
        if kind == 4:
            capital, weekday = self.pick(CAPITALS), self.pick(WEEKDAYS)
            return f"{full} will travel to {capital} on {weekday} for talks on {self.pick(TOPICS)}."
        if kind == 5:
            return self.pick(
                [
                    "Russia launched its full-scale invasion of Ukraine on 24 February 2022.",
                    f"{self.pick(FRONT)} has been under near-constant bombardment since the spring.",
                    "The claims could not be independently verified.",
                    f"Moscow claims to have annexed {self.pick(REGIONS)}, a claim Kyiv and its allies reject.",
                    f"{short} did not respond to a request for comment.",
                ]
            )
        if kind == 6:
            weapon, target, place = self.pick(WEAPONS), self.pick(TARGETS), self.pick(CITIES)
            when = f" {when}" if when else ""
            return (
                f"At least {self.n(1, 14)} people were killed and {self.n(2, 60)} wounded when a Russian {weapon} "
                f"hit {target} in {place}{when}, the regional governor said."
            )
        if kind == 7:
            return (
                f"Ukraine's air force said {when + ' ' if when else ''}that it had shot down {self.n(20, 80)} of "
                f"{self.n(81, 160)} drones launched overnight, while others were lost to electronic jamming."
            )
        if kind == 8:
            return f"{_cap(self.speaker())} has warned that {_uncap(self.pick(CLAIMS))}, and {self.clause()}."
        if kind == 9:
            return (
                f"Speaking in {self.pick(CAPITALS)} {when or 'after the meeting'}, {short} said talks on "
                f"{self.pick(TOPICS)} had been {self.pick(['constructive', 'difficult', 'frank', 'long'])}."
            )
        return f"{_cap(self.clause())}{' ' + when if when else ''}, according to {self.speaker()}."

    def paragraph(self, day: dt.date) -> str:
        return " ".join(self.sentence(day) for _ in range(self.n(1, 4)))


class NewsWriter(SentenceWriter):
    """Writes one page's headlines, each unlike the page's earlier ones, and what pages put around entries:
    captions, related links, donation asks. A live blog leaves its entries' times in `posted`."""

    def __init__(self, rng: random.Random):
        super().__init__(rng)
        self.headlines: list[tuple[str, set[str]]] = []
        self.posted: list[dt.datetime] = []

    def headline(self, media: bool = False) -> str:
        """One unlike the page's earlier headlines: two stories under near-identical headlines are rare in print."""
        for _ in range(40):
            candidate = self.media_headline() if media else self.news_headline()
            key = candidate.lower()
            words = set(key.split())
            # The parser's own test for a re-headlined repeat, a little stricter: shared words, then likeness.
            if not any(
                len(words & old_words) * 2 >= min(len(words), len(old_words))
                and SequenceMatcher(None, key, old, autojunk=False).ratio() >= 0.7
                for old, old_words in self.headlines
            ):
                break
        self.headlines.append((key, words))
        return candidate

    def subject(self) -> str:
        return self.pick([*(short for _, short in PEOPLE), *SUBJECT_BODIES])

    def news_headline(self) -> str:
        subject, other, city, front = self.subject(), self.subject(), self.pick(CITIES), self.pick(FRONT)
        core = self.pick(
            [
                f"{subject} {self.pick(['urges', 'calls on', 'presses'])} {self.pick(ASKS)}",
                f"Russian {self.pick(WEAPONS)} attack on {city} kills {self.n(2, 15)}",
                f"{subject} says {self.pick(CLAIMS)}",
                f"Russia claims capture of {self.pick(VILLAGES)} near {front}",
                f"Ukraine downs {self.n(20, 90)} drones as {city} comes under {self.pick(WEAPONS)} fire",
                f"{subject} meets {other} in {self.pick(CAPITALS)} for talks on {self.pick(TOPICS)}",
                f"{subject} warns of new offensive in {self.pick(REGIONS)}",
                f"Blackouts in {city} after strike on {self.pick(TARGETS)}",
                f"{self.pick(CAPITALS)} pledges ${self.n(100, 900)}m in aid as {subject} visits",
                f"Explained: Why is {front} so important to {self.pick(['Moscow', 'Kyiv'])}?",
                f"Evacuations ordered around {front} as Russian troops close in",
                f"{subject} accuses {other} of {self.pick(ACCUSATIONS)}",
                f"{subject} rejects {self.pick(PROPOSALS)}",
                f"{subject} vows to {self.pick(VOWS)}",
                f"Drone debris sparks fire at {self.pick(TARGETS)[2:]} in {city}",
                f"{subject} sacks {self.pick(OFFICIALS)} after {self.pick(FAILURES)}",
                f"Train services halted in {self.pick(REGIONS)} after {self.pick(WEAPONS)} strike",
                f"{subject} and {other} agree on {self.pick(TOPICS)} after talks in {self.pick(CAPITALS)}",
            ]
        )
        tail = self.pick(
            [
                "",
                "",
                "",
                ", officials say",
                " – report",
                f" as fighting rages near {self.pick(FRONT)}",
                " as sirens sound",
            ]
        )
        return core + ("" if core.endswith("?") else tail)

    def media_headline(self) -> str:
        scene = self.pick(
            [
                f"aftermath of {self.pick(WEAPONS)} strike on {self.pick(CITIES)}",
                f"{self.subject()} arrives in {self.pick(CAPITALS)}",
                f"{self.subject()} speaks after talks on {self.pick(TOPICS)}",
                f"residents of {self.pick(CITIES)} shelter in metro stations",
                f"Ukrainian artillery crews near {self.pick(FRONT)}",
            ]
        )
        return f"{self.pick(['Watch', 'Pictured', 'Video'])}: {_cap(scene)}"

    def credited_caption(self) -> str:
        scene = f"Rescuers work at the site of a {self.pick(WEAPONS)} strike in {self.pick(CITIES)}"
        return self.pick([f"{scene} | Photo: {self.pick(AGENCIES)}", f"{scene} Copyright {self.pick(AGENCIES)}"])

    def links(self) -> list[str]:
        return [self.pick(RELATED), *(self.headline() for _ in range(self.n(3, 6)))]

    def donation_ask(self) -> list[str]:
        if self.rng.random() < 0.5:
            return [
                "Your support helps us to tell the story",
                "Our correspondents report from the front lines and from the capitals where the war is argued "
                "over, and they stay long after the cameras leave.",
                "Reporting like this costs money, and we keep it free for everyone to read.",
                "Your support makes all the difference.",
            ]
        return [
            "Before you go",
            "Independent reporting on the war depends on readers who can afford to chip in.",
            "Support us today.",
        ]
