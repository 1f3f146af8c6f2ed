"""A synthetic event's headline and body, written from templates with the names of its tags."""

from __future__ import annotations

import random

from timeline.ingest.model import Mention
from timeline.tooling.timeline_tags import Gazetteer, Tag

# {a} and {b} are actors, {l} a location, {n} a count, {k} a small count.
HEADLINES = {
    "strikes": [
        "{a} says {n} drones shot down over {l}",
        "Missile strike on {l} kills {k}, {a} says",
        "Overnight drone attack on {l}",
        "Air raid alert in {l} as {a} reports ballistic missiles",
        "{a} blames {b} for strike on {l}",
    ],
    "frontline": [
        "Heavy fighting near {l}, {a} says",
        "{a} says troops gained ground near {l}",
        "Ground assault on {l} repelled, says {a}",
        "{a} and {b} trade claims over battle for {l}",
    ],
    "diplomacy": [
        "{a} and {b} hold talks in {l}",
        "{a} says ceasefire talks made progress",
        "{a} calls for peace deal after meeting in {l}",
        "{a} rejects peace formula put forward by {b}",
    ],
    "weapons": [
        "{a} pledges new arms deliveries",
        "{a} to send {n},000 artillery shells",
        "{a} signs arms deal with {b}",
        "Defence industry in {l} to double output, {a} says",
    ],
    "energy": [
        "Blackouts in {l} after strike on energy infrastructure",
        "{a} says energy grid damaged in {l}",
        "Emergency shutdowns across {l}, {a} says",
    ],
    "humanitarian": [
        "Civilians evacuated from {l}",
        "Death toll in {l} rises to {k}, {a} says",
        "Humanitarian aid reaches {l}, says {a}",
        "{a} and {b} agree exchange of prisoners",
    ],
    "politics": [
        "{a} announces government reshuffle",
        "{a} extends martial law",
        "Official in {l} resigns over corruption scandal",
        "{a} appoints new commander",
    ],
    "justice": [
        "{a} opens criminal case over attack on {l}",
        "Court in {l} convicts {k} in absentia",
        "{a} issues arrest warrant for {b} official",
    ],
    "manpower": [
        "{a} launches new conscription drive",
        "{a} says deserters will face trial",
        "Draft evasion on the rise in {l}, {a} says",
    ],
    "hybrid": [
        "{a} blames {b} for cyberattack",
        "GPS jamming disrupts flights near {l}",
        "{a} warns of disinformation campaign",
        "Sabotage plot uncovered in {l}, {a} says",
    ],
}
SENTENCES = {
    "strikes": [
        "Air defence units shot down {n} attack drones over {l} overnight, {a} said.",
        "A ballistic missile strike hit {l}, killing {k} people and wounding {n}, according to {a}.",
        "Air raid sirens sounded across {l} for {k} hours as cruise missiles flew overhead.",
        "{a} said the drone attack on {l} had damaged {k} buildings.",
    ],
    "frontline": [
        "{a} said troops had repelled {n} assaults near {l} amid heavy fighting.",
        "The front line near {l} was holding despite heavy fighting, {a} said.",
        "{a} reported that its forces had gained ground near {l}.",
    ],
    "diplomacy": [
        "{a} held talks in {l} on a possible ceasefire.",
        "{a} said any peace deal would need firm security guarantees.",
        "Mediators met in {l} to discuss a peace agreement, {a} said.",
    ],
    "weapons": [
        "{a} announced new arms deliveries, including {n},000 artillery shells.",
        "The defence industry in {l} will double its output of artillery shells, {a} said.",
        "{a} confirmed that the first arms shipment had reached {l}.",
    ],
    "energy": [
        "Emergency shutdowns hit {l} after a strike on energy infrastructure, {a} said.",
        "About {n},000 homes in {l} were left without power after blackouts.",
        "{a} said repairs to the energy grid in {l} would take {k} days.",
    ],
    "humanitarian": [
        "Civilians were evacuated from {l} as shelling intensified, {a} said.",
        "The death toll in {l} rose to {k}, {a} said.",
        "A humanitarian aid convoy of {k} lorries reached {l}.",
    ],
    "politics": [
        "{a} announced a reshuffle of senior officials.",
        "Lawmakers in {l} voted to extend martial law, {a} said.",
        "{a} said the official had resigned over a corruption scandal.",
    ],
    "justice": [
        "Prosecutors opened a criminal investigation into the attack on {l}, {a} said.",
        "A court in {l} convicted {k} people in absentia.",
        "{a} said {k} suspects had been charged with treason.",
    ],
    "manpower": [
        "{a} said the conscription drive would call up {n},000 men.",
        "Officials in {l} reported a rise in draft evasion.",
        "{a} said deserters who return to their units would not be prosecuted.",
    ],
    "hybrid": [
        "{a} said a cyberattack had disrupted public services in {l}.",
        "GPS jamming near {l} disrupted {k} flights, {a} said.",
        "Investigators in {l} uncovered an espionage and sabotage plot, {a} said.",
    ],
}
# For a theme an editor added, which the templates above do not know.
OTHER_THEME_HEADLINE = "{a} speaks on {t} in {l}"
OTHER_THEME_SENTENCE = "{a} spoke about {t} during a visit to {l}."
REMARKS = [
    "{a} condemned the attack.",
    "{a} called for restraint.",
    "{a} did not immediately comment.",
    "{a} said more details would follow.",
    "{a} welcomed the decision.",
    "{a} said the situation was being closely watched.",
]
ALSO_IN = [
    "Explosions were also reported in {l}.",
    "Officials in {l} reported similar damage.",
    "Residents of {l} were told to stay in shelters.",
    "Similar reports came from {l}.",
]
CLOSINGS = [
    "The claims could not be independently verified.",
    "Officials gave no further details.",
    "The report could not be confirmed.",
]


class EntryText:
    """Fills the templates with an event's tags, its theme leading, and random counts."""

    def __init__(self, rng: random.Random, gazetteer: Gazetteer):
        self.rng = rng
        self.gazetteer = gazetteer

    def headline(self, actors: list[Tag], locations: list[Tag], themes: list[Tag]) -> str:
        slug = self.gazetteer.theme_slugs[themes[0].id]
        templates = HEADLINES.get(slug, [OTHER_THEME_HEADLINE])
        if len(actors) < 2:
            templates = [t for t in templates if "{b}" not in t] or [OTHER_THEME_HEADLINE]
        return self.fill(self.rng.choice(templates), actors, locations, themes[0])

    def body(
        self, actors: list[Tag], locations: list[Tag], themes: list[Tag], mention: Mention | None, extra: int
    ) -> str:
        """A sentence per theme, then one for each actor and place not named yet, so a search finds every tag."""
        sentences = []
        for turn, theme in enumerate([*themes, *(self.rng.choice(themes) for _ in range(extra))]):
            template = self.rng.choice(SENTENCES.get(self.gazetteer.theme_slugs[theme.id], [OTHER_THEME_SENTENCE]))
            turned_actors, turned_places = _turned(actors, turn), _turned(locations, turn)
            sentence = self.fill(template, turned_actors, turned_places, theme)
            if turn == 0 and mention:
                sentence = f"{_cap(mention.text)}, {sentence if template.startswith('{') else _uncap(sentence)}"
            sentences.append(sentence)
        named = " ".join(sentences)
        sentences += [self.fill(self.rng.choice(REMARKS), [a], locations) for a in actors if a.name not in named]
        sentences += [self.fill(self.rng.choice(ALSO_IN), actors, [p]) for p in locations if p.name not in named]
        if self.rng.random() < 0.3:
            sentences.append(self.rng.choice(CLOSINGS))
        return " ".join(sentences)

    def fill(self, template: str, actors: list[Tag], locations: list[Tag], theme: Tag | None = None) -> str:
        return template.format(
            a=actors[0].name,
            b=actors[1].name if len(actors) > 1 else actors[0].name,
            l=locations[0].name,
            t=theme.name.lower() if theme else "",
            n=self.rng.randint(2, 300),
            k=self.rng.randint(1, 30),
        )


def _turned(tags: list[Tag], turn: int) -> list[Tag]:
    """The tags starting from the `turn`-th, so each sentence leads with another name."""
    start = turn % len(tags)
    return tags[start:] + tags[:start]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncap(text: str) -> str:
    """Lower-cases an opening word, but not an acronym ("GPS")."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
