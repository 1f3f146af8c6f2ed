"""Actors and locations named in an entry's text: one automaton over every alias, a place told from its government.

Pure: the entities come in as plain data, so the same code serves ingest, `retag` and tests.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .phrases import PhraseFinder, match_form
from .place_words import (
    ATTACKS,
    BORDER_SERVICES,
    BORDERS,
    COMPASS,
    DIRECTIONS,
    GOVERNMENT_VERBS,
    LOCATIVE,
    MOTION,
    PARTS,
    STATE_DEEDS,
)


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # "actor" or "location"
    aliases: tuple[str, ...] = ()
    after_full: tuple[str, ...] = ()  # short forms that count only once the entity was named in full
    country: str = ""  # the state a place lies in
    state: str = ""  # the state armed forces serve, which acts through them


class EntityMatcher:
    """Every alias of every entity in one automaton; a match maps back to its canonical entity."""

    def __init__(self, entities: Iterable[Entity]):
        self.by_alias: dict[str, list[tuple[Entity, bool]]] = defaultdict(list)
        for entity in entities:
            for alias in {entity.name, *entity.aliases}:
                self._add(alias, entity, full=True)
            for alias in entity.after_full:
                self._add(alias, entity, full=False)
        for phrase in (*BACKGROUND, *NAMED_AFTER_A_CAPITAL):  # matched to cover the names inside, mentioning nothing
            self.by_alias.setdefault(match_form(phrase).strip(), [])
        self.aliases = PhraseFinder(self.by_alias)
        self.kinds = {alias: {entity.kind for entity, _ in found} for alias, found in self.by_alias.items()}
        # Discovery asks about the same few names over and over.
        self.knows = functools.lru_cache(maxsize=4096)(self._knows)
        self.is_alias = functools.lru_cache(maxsize=4096)(self._is_alias)

    def _add(self, alias: str, entity: Entity, full: bool) -> None:
        key = match_form(alias).strip()
        if key:
            self.by_alias[key].append((entity, full))

    def _knows(self, name: str) -> bool:
        """Whether the name alone mentions a known entity."""
        return bool(self.find(name))

    def _is_alias(self, name: str) -> bool:
        """Whether the name is, whole, a spelling of a known entity."""
        return bool(self.by_alias.get(match_form(name).strip()))

    def find(self, text: str, named_in_full: frozenset[tuple[str, str]] = frozenset()) -> list[Entity]:
        """Entities named in the text, in order of first mention, each once.

        A short form counts when its entity is in `named_in_full` (named in full elsewhere in the document).
        """
        return resolve_mentions(self.mentions(match_form(text)), named_in_full)

    def mentions(self, folded: str) -> list[tuple[Entity, bool]]:
        """(entity, named in full) for each alias in already folded text, places and actors told apart."""
        out = []
        previous_end, previous = -2, []
        found = self.aliases.find(folded)
        for (start, end, alias, _), following in itertools.zip_longest(found, found[1:]):
            candidates, kinds = self.by_alias[alias], self.kinds[alias]
            # A name that is only ever a place stays one unless it speaks: that common case skips the reading.
            if "location" in kinds and (len(kinds) > 1 or _word_after(folded, end) in GOVERNMENT_VERBS):
                # "the Syldavia-Borduria border": where the next name runs on from this one, what follows both counts
                on_to = following[1] if following and following[0] == end + 1 else end
                readings = _readings(folded, start, end, on_to, kinds, candidates, previous_end, previous)
                candidates = [c for c in candidates if c[0].kind in readings]
            out += candidates
            previous_end, previous = end, candidates
        return out

    def named_in_full(self, text: str) -> frozenset[tuple[str, str]]:
        return frozenset((e.kind, e.name) for e, full in self.mentions(match_form(text)) if full)


_PEOPLES_GOVERNMENT = re.compile(r"([^\W\d_]+) (?:government|authorities|regime)")


def deeds_of_a_state(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Phrases that name a state by what it does ("Syldavian drones"), in its people's adjective as its own
    aliases give it ("Syldavian government")."""
    adjectives = {m[1] for alias in aliases if (m := _PEOPLES_GOVERNMENT.fullmatch(alias)) and m[1] != name}
    return tuple(f"{adjective} {deed}" for adjective in sorted(adjectives) for deed in sorted(STATE_DEEDS))


def resolve_mentions(mentions: list[tuple[Entity, bool]], named_in_full: frozenset[tuple[str, str]]) -> list[Entity]:
    found: dict[tuple[str, str], Entity] = {}
    for entity, full in mentions:
        key = (entity.kind, entity.name)
        if full or key in named_in_full:
            found.setdefault(key, entity)
    return list(found.values())


def _readings(
    folded: str,
    start: int,
    end: int,
    on_to: int,
    kinds: set[str],
    candidates: list[tuple[Entity, bool]],
    previous_end: int,
    previous: list[tuple[Entity, bool]],
) -> set[str]:
    """Whether a name that can be a place is read as one here, as an actor, or both; `previous` is what the mention
    before named, ending at `previous_end`; `on_to` is where the name ends with any name that runs on from it.

    A name that is only a place stays one unless it speaks ("the Kursk region said"); a state or a capital ("Russia",
    "Kyiv") is the place where the words around it say so, else the government that acts.
    """
    if _after_a_locative(folded, start):
        return {"location"}
    after = _word_after(folded, end)
    if after == "s_" and _names_a_part(folded, end):  # "Russia's south", "Ukraine's power grid": a part of it
        return kinds
    between = folded[previous_end:start]
    if between == " " and _in_the_place_before(previous, candidates):  # "Kharkiv, Ukraine, was shelled"
        return {"location"}
    if after in GOVERNMENT_VERBS:
        return {"actor"}
    if _before_a_border(folded, on_to):
        return {"location"}
    if between in _COORDINATION:  # "Latvia and Estonia", "Beijing and Moscow"
        joined = kinds & {e.kind for e, _ in previous}
        if joined:
            return joined
    return {"actor"}


_COORDINATION = {" and ", " or "}


def _in_the_place_before(previous: list[tuple[Entity, bool]], candidates: list[tuple[Entity, bool]]) -> bool:
    states = {e.name for e, _ in candidates if e.kind == "location"}
    return any(e.kind == "location" and e.country in states for e, _ in previous)


_GOVERNING = {"to": MOTION, "on": ATTACKS, "at": ATTACKS, "with": BORDERS, "between": BORDERS}
_PLACING = LOCATIVE | DIRECTIONS | COMPASS  # "east London" as well as "eastern Ukraine"


def _after_a_locative(folded: str, start: int) -> bool:
    """Whether the words before say where: "in Kyiv", "over the United Kingdom", "eastern Ukraine", "a trip to Belarus",
    "strikes on Kyiv", "the territory of Belarus"."""
    word, at = _previous_word(folded, start)
    if word == "the":
        word, at = _previous_word(folded, at)
    if word in _PLACING:
        return True
    if word == "of":
        part, at = _previous_word(folded, at)
        # "the east of Ukraine" is a part of it; "80 km east of Moscow" only measures from it.
        return part in PARTS or (part in COMPASS and _previous_word(folded, at)[0] == "the")
    governing = _GOVERNING.get(word)
    if governing is None:
        return False
    before, at = _previous_word(folded, at)
    return before in governing or (word == "to" and _a_visit_by_someone(folded, before, at))


def _a_visit_by_someone(folded: str, word: str, at: int) -> bool:
    """Whether the few words that end with `word` are "a visit by" someone: "a visit by the Syldavian president to
    Borduria" goes to the place."""
    for _ in range(6):
        if word == "by":
            return _previous_word(folded, at)[0] in MOTION
        word, at = _previous_word(folded, at)
    return False


def _before_a_border(folded: str, end: int) -> bool:
    """Whether the name stands on a border ("the Syldavia border"), not for the border guards who act for it."""
    following = folded[end : end + 40].split()[:2]
    return bool(following) and following[0] in BORDERS and not BORDER_SERVICES.intersection(following[1:])


def _names_a_part(folded: str, end: int) -> bool:
    """Whether one of the few words after a possessive names a part of the place."""
    return any(w in PARTS or w in COMPASS or w in DIRECTIONS for w in folded[end : end + 60].split()[1:4])


_NEXT_WORD = re.compile(r"\s*(\S*)")


def _word_after(folded: str, end: int) -> str:
    return _NEXT_WORD.match(folded, end)[1]


def _previous_word(folded: str, start: int) -> tuple[str, int]:
    """The word before `start`, and where it begins.

    Text in matching form has words and spaces only. Searching back from `start`, rather than splitting all that
    comes before it, keeps the cost of a match from growing with the length of the text.
    """
    end = start
    while end and folded[end - 1] == " ":
        end -= 1
    begin = folded.rfind(" ", 0, end) + 1
    return folded[begin:end], begin


# Background that reports of the war repeat, looking back on how it began ("since Russia's full-scale invasion of
# Ukraine", "when Russia invaded Ukraine"), or naming it ("the Ukraine war"): the names inside are not what the entry is
# about. A plain "Russia's invasion of Ukraine" is left to be read: in the weeks it was news, it was the news.
BACKGROUND = [
    f"{invader} {invasion}"
    for invader in ("Russia's", "Moscow's", "Russian", "its", "the")
    for invasion in ("full-scale invasion of Ukraine", "2022 invasion of Ukraine")
] + [
    "Russia invaded Ukraine",
    "Russia launched its full-scale invasion",
    "Russia launched a full-scale invasion",
    "Ukraine invasion",  # "since the Ukraine invasion"
    "Russia-Ukraine war",  # both halves: "the Russia-Ukraine war" names neither state acting
    "Russia-Ukraine conflict",
    "Ukraine war",
    "Ukraine conflict",
    "Ukraine crisis",
]
# Names of agreements and clocks that hold a capital's name but speak of neither the city nor its government.
NAMED_AFTER_A_CAPITAL = [
    "Minsk agreements",
    "Minsk agreement",
    "Minsk accords",
    "Minsk protocol",
    "Minsk II",
    "Budapest Memorandum",
    "Warsaw Pact",
    "Helsinki Final Act",
    "Rome Statute",
    "Geneva Conventions",
    "Geneva Convention",
    "Vienna Convention",
    "Paris Agreement",
    "Moscow time",
    "Kyiv time",
]
