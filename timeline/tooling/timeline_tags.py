"""The gazetteer's tags for the synthetic timeline, ranked as news names them and drawn with the same skew."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from timeline.models import Actor, Location, Theme

ZIPF_EXPONENT = 1.0

# The names news mentions most, most frequent first; the rest of the gazetteer follows as a long tail.
LEADING_ACTORS = [
    "Ukraine",
    "Russia",
    "Volodymyr Zelensky",
    "Vladimir Putin",
    "Armed Forces of Ukraine",
    "Russian Armed Forces",
    "Kremlin",
    "Donald Trump",
    "NATO",
    "United States",
    "European Union",
    "Dmitry Peskov",
    "Ukrainian Air Force",
    "Russian Ministry of Defence",
    "Sergei Lavrov",
    "Andrii Sybiha",
    "Oleksandr Syrskyi",
    "General Staff of the Armed Forces of Ukraine",
    "Mark Rutte",
    "Emmanuel Macron",
    "Keir Starmer",
    "Friedrich Merz",
    "Ursula von der Leyen",
    "Kaja Kallas",
    "Steve Witkoff",
    "Marco Rubio",
    "IAEA",
    "Andriy Yermak",
    "Germany",
    "United Kingdom",
    "France",
    "Poland",
    "China",
    "North Korea",
    "SBU",
    "Belarus",
]
LEADING_LOCATIONS = [
    "Ukraine",
    "Russia",
    "Kyiv",
    "Donetsk Oblast",
    "Kharkiv",
    "Zaporizhzhia Oblast",
    "Pokrovsk",
    "Kursk Oblast",
    "Odesa",
    "Kharkiv Oblast",
    "Crimea",
    "Moscow",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Zaporizhzhia",
    "Kostiantynivka",
    "Chasiv Yar",
    "Kupiansk",
    "Luhansk Oblast",
    "Black Sea",
    "Belgorod",
    "Zaporizhzhia Nuclear Power Plant",
    "Lviv",
    "Toretsk",
    "Huliaipole",
    "Sumy Oblast",
    "Dnipropetrovsk Oblast",
    "Brussels",
    "Washington",
]
LEADING_THEMES = ["strikes", "frontline", "diplomacy", "weapons", "energy", "humanitarian", "politics", "justice"]
# Where the long tail of places starts: the war's own countries before the rest of the world.
TAIL_COUNTRIES = {"Ukraine": 0, "Russia": 1}


@dataclass(frozen=True)
class Tag:
    id: int
    name: str


class SkewedPicker:
    """Draws tags by rank: the r-th is drawn in proportion to 1 / r**exponent, as names are in the news."""

    def __init__(self, ranked: Sequence[Tag], exponent: float = ZIPF_EXPONENT):
        self.tags = list(ranked)
        self.cumulative = list(accumulate(1 / rank**exponent for rank in range(1, len(self.tags) + 1)))

    def draw(self, rng: random.Random, count: int) -> list[Tag]:
        """`count` different tags (fewer if there are not as many), most likely the leading ones."""
        chosen: dict[int, Tag] = {}
        total = self.cumulative[-1] if self.cumulative else 0
        while len(chosen) < min(count, len(self.tags)):
            tag = self.tags[bisect(self.cumulative, rng.random() * total)]
            chosen.setdefault(tag.id, tag)
        return list(chosen.values())


@dataclass
class Gazetteer:
    actors: SkewedPicker
    locations: SkewedPicker
    themes: SkewedPicker
    theme_slugs: dict[int, str]

    @classmethod
    def from_database(cls, rng: random.Random) -> Gazetteer:
        """The reviewed entities ranked: the leading names in their order, then the others shuffled by `rng`."""
        actors = list(Actor.objects.filter(reviewed=True).order_by("name", "id").values_list("id", "name"))
        places = list(
            Location.objects.filter(reviewed=True).order_by("name", "id").values_list("id", "name", "country")
        )
        tiers = {pk: TAIL_COUNTRIES.get(country, len(TAIL_COUNTRIES)) for pk, _, country in places}
        themes = list(Theme.objects.order_by("slug", "id").values_list("id", "slug", "name"))
        names = {slug: name for _, slug, name in themes}
        leading_themes = [names[slug] for slug in LEADING_THEMES if slug in names]
        return cls(
            SkewedPicker(ranked_tags([Tag(pk, name) for pk, name in actors], LEADING_ACTORS, rng)),
            SkewedPicker(
                ranked_tags([Tag(pk, name) for pk, name, _ in places], LEADING_LOCATIONS, rng, lambda t: tiers[t.id])
            ),
            SkewedPicker(ranked_tags([Tag(pk, name) for pk, _, name in themes], leading_themes, rng)),
            {pk: slug for pk, slug, _ in themes},
        )


def ranked_tags(
    tags: list[Tag], leading: list[str], rng: random.Random, tier: Callable[[Tag], int] = lambda tag: 0
) -> list[Tag]:
    """The `leading` names first, in their order; then the rest shuffled, nearer tiers first."""
    by_name = {tag.name: tag for tag in tags}
    head = [by_name[name] for name in leading if name in by_name]
    leading_names = set(leading)
    rest = [tag for tag in tags if tag.name not in leading_names]
    rng.shuffle(rest)
    rest.sort(key=tier)
    return head + rest
