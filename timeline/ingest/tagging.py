"""Finding actors, locations and themes in an entry's text: one automaton over every alias.

Pure: the entities and rules come in as plain data, so the same code serves ingest, `retag` and tests.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

# Cyrillic letters that look Latin, as scrapers and copy-paste leave them inside Latin words ("Тu-160").
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсухіјѕ", "ABEKMHOPCTXaeopcyxijs")
# Single characters with ASCII stand-ins: replacing them one after another never makes another of them.
_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MIXED_WORD = re.compile(r"\b\w*[a-zA-Z]\w*")  # \b: each word tried once, so a run of figures costs its length
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Acronyms that are ordinary words in lower case ("US" and "us", "WHO" and "who") keep their case: they are
# folded to a form ("us_") that the lower-case word never takes.
CASED_ACRONYMS = frozenset(
    {
        "US",
        "WHO",
        "IT",
        "IS",
        "AS",
        "AT",
        "ON",
        "OR",
        "AN",
        "IN",
        "NO",
        "UP",
        "ME",
        "WE",
        "AM",
        "HE",
        "DO",
        "GO",
        "SO",
        "TO",
        "BE",
        "BY",
        "OF",
        "IF",
        "ALL",
    }
)
# Words of two or three capitals, for CASED_ACRONYMS to pick from. Opening on a capital, rather than on a word
# boundary, lets the scan jump from one capital to the next; the look-behind then makes it the word's first letter.
_SHORT_CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{1,2}\b")
# "Kyiv's", "forces'": kept as a mark, for metonymy. Opening on the apostrophe lets the scan jump from one to the next.
_POSSESSIVE = re.compile(r"'(?:(?<=\w')s\b|(?<=s')(?=\s|$))")
_NON_WORD = re.compile(r"[^\w]+")
# For ASCII text: apostrophes dropped, every other character that is not a word character made a space.
_ASCII_NON_WORD = str.maketrans({c: None if c == "'" else " " for c in map(chr, range(128)) if _NON_WORD.match(c)})
# Two spaces, not one, open the pattern: the scan then skips past the single spaces between words.
_SPACES = re.compile("  +")


def match_form(text: str) -> str:
    """The matching form: lookalike Cyrillic made Latin, accents gone, casefolded, possessives and
    punctuation dropped, hyphens as spaces, one space between words."""
    text = straighten_quotes(text)
    if not text.isascii() and _CYRILLIC.search(text):
        text = _MIXED_WORD.sub(lambda m: m[0].translate(_LOOKALIKES), text)
    text = _SHORT_CAPITALS.sub(_mark_acronym, text)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _POSSESSIVE.sub(" s_", text.casefold())
    words = ascii_words(text) if text.isascii() else unicode_words(text)
    return f" {words} "


def _mark_acronym(match: re.Match) -> str:
    return f"{match[0]}_" if match[0] in CASED_ACRONYMS else match[0]


def straighten_quotes(text: str) -> str:
    # One replace per character beats a translate, which looks every character of the text up in the table.
    for curly, straight in _QUOTES.items():
        text = text.replace(curly, straight)
    return text


def unicode_words(text: str) -> str:
    """The words, apostrophes dropped, one space between them and none around."""
    return _NON_WORD.sub(" ", text.replace("'", "")).strip()


def ascii_words(text: str) -> str:
    """`unicode_words` for ASCII text, several times faster: a translate, then only runs of spaces to collapse."""
    return _SPACES.sub(" ", text.translate(_ASCII_NON_WORD)).strip(" ")


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # "actor" or "location"
    aliases: tuple[str, ...] = ()
    after_full: tuple[str, ...] = ()  # short forms that count only once the entity was named in full
    country: str = ""  # the state a place lies in


class PhraseFinder:
    """Whole phrases and word beginnings in text in matching form, found in one pass of an Aho-Corasick automaton.

    At each place the longest whole phrase wins, else the longest beginning; the scan goes on past each match, so
    neighbours may share the space between them but never overlap.
    """

    def __init__(self, phrases: Iterable[str], beginnings: Iterable[str] = ()):
        self._automaton = ahocorasick.Automaton()
        # The spaces around a phrase and before a beginning keep matches to whole words. Each key carries how far
        # back from its last character its phrase starts.
        for phrase in phrases:
            self._automaton.add_word(f" {phrase} ", (phrase, False, len(phrase)))
        for beginning in beginnings:
            self._automaton.add_word(f" {beginning}", (beginning, True, len(beginning) - 1))
        self._automaton.make_automaton()

    def find(self, folded: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, phrase, whether it is a beginning) for each match in order; a beginning's match runs on
        to the end of its word."""
        if not len(self._automaton):
            return []
        candidates = []
        for last, (phrase, beginning, back) in self._automaton.iter(folded):
            end = folded.find(" ", last + 1) if beginning else last
            if end >= 0:  # a word that runs to the end of the text, with no space to close it, is no match
                # Sorted by place, then whole phrases before beginnings, then the longest (the last to end) first.
                candidates.append((last - back, beginning, -last, end, phrase))
        matches = []
        position = 0
        for start, beginning, _, end, phrase in sorted(candidates):
            if start >= position:
                matches.append((start, end, phrase, beginning))
                position = end
        return matches


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

    def _add(self, alias: str, entity: Entity, full: bool) -> None:
        key = match_form(alias).strip()
        if key:
            self.by_alias[key].append((entity, full))

    def _knows(self, name: str) -> bool:
        """Whether the name alone mentions a known entity."""
        return bool(self.find(name))

    def find(self, text: str, named_in_full: frozenset[tuple[str, str]] = frozenset()) -> list[Entity]:
        """Entities named in the text, in order of first mention, each once.

        A short form counts when its entity is in `named_in_full` (named in full elsewhere in the document).
        """
        return resolve_mentions(self.mentions(match_form(text)), named_in_full)

    def mentions(self, folded: str) -> list[tuple[Entity, bool]]:
        """(entity, named in full) for each alias in already folded text, places and actors told apart."""
        out = []
        previous_end, previous = -2, []
        for start, end, alias, _ in self.aliases.find(folded):
            candidates, kinds = self.by_alias[alias], self.kinds[alias]
            # A name that is only ever a place stays one unless it speaks: that common case skips the reading.
            if "location" in kinds and (len(kinds) > 1 or _word_after(folded, end) in GOVERNMENT_VERBS):
                readings = _readings(folded, start, end, kinds, candidates, previous_end, previous)
                candidates = [c for c in candidates if c[0].kind in readings]
            out += candidates
            previous_end, previous = end, candidates
        return out

    def named_in_full(self, text: str) -> frozenset[tuple[str, str]]:
        return frozenset((e.kind, e.name) for e, full in self.mentions(match_form(text)) if full)


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
    kinds: set[str],
    candidates: list[tuple[Entity, bool]],
    previous_end: int,
    previous: list[tuple[Entity, bool]],
) -> set[str]:
    """Whether a name that can be a place is read as one here, as an actor, or both; `previous` is what the mention
    before named, ending at `previous_end`.

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
    if between in _COORDINATION:  # "Latvia and Estonia", "Beijing and Moscow"
        joined = kinds & {e.kind for e, _ in previous}
        if joined:
            return joined
    return {"actor"}


_COORDINATION = {" and ", " or "}


def _in_the_place_before(previous: list[tuple[Entity, bool]], candidates: list[tuple[Entity, bool]]) -> bool:
    states = {e.name for e, _ in candidates if e.kind == "location"}
    return any(e.kind == "location" and e.country in states for e, _ in previous)


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
    return governing is not None and _previous_word(folded, at)[0] in governing


def _names_a_part(folded: str, end: int) -> bool:
    """Whether one of the few words after a possessive names a part of the place."""
    return any(w in PARTS or w in COMPASS or w in DIRECTIONS for w in folded[end : end + 60].split()[1:4])


# "Kyiv says", "Moscow's troops": a place named for the people who govern it acts, it is not where things happen.
GOVERNMENT_VERBS = {
    "s_",
    "said",
    "says",
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "claimed",
    "claims",
    "reported",
    "urged",
    "urges",
    "denied",
    "denies",
    "wants",
    "warned",
    "warns",
    "accused",
    "accuses",
    "insisted",
    "insists",
    "announced",
    "rejected",
    "rejects",
    "responded",
    "dismissed",
    "hopes",
}


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


LOCATIVE = {
    "in",
    "into",
    "from",
    "over",
    "across",
    "inside",
    "within",
    "near",
    "towards",
    "toward",
    "through",
    "throughout",
    "around",
    "outside",
    "capital",
}
# "eastern Ukraine", "the northern Kharkiv region"
DIRECTIONS = {
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "occupied",
}
# Going to a place: "a trip to Belarus", "troops deployed to Belarus"; "aid to Kyiv" goes to a government.
MOTION = {
    "visit",
    "visits",
    "trip",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "sent",
    "deployed",
    "deployment",
    "deported",
    "taken",
    "brought",
    "moved",
    "returned",
    "flew",
    "fled",
    "troops",
    "soldiers",
    "workers",
}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# Striking a place: "strikes on Kyiv", "drones at Kyiv"; "pressure on Moscow" and "aimed at Moscow" are on a
# government.
ATTACKS = {
    "attack",
    "attacks",
    "strike",
    "strikes",
    "raid",
    "raids",
    "assault",
    "bombardment",
    "shelling",
    "fire",
    "fired",
    "drones",
    "missiles",
    "rockets",
}
_GOVERNING = {"to": MOTION, "on": ATTACKS, "at": ATTACKS}
# Parts of a place, after "of" or a possessive: "the territory of", "Russia's south", "Ukraine's power grid".
PARTS = {
    "territory",
    "territories",
    "soil",
    "airspace",
    "border",
    "borders",
    "coast",
    "capital",
    "city",
    "cities",
    "towns",
    "villages",
    "region",
    "regions",
    "parts",
    "rest",
    "heart",
    "centre",
    "center",
    "outskirts",
    "suburbs",
    "far",
    "grid",
    "infrastructure",
    "ports",
}
_PLACING = LOCATIVE | DIRECTIONS | COMPASS  # "east London" as well as "eastern Ukraine"
# Background that reports of the war repeat ("since Russia's full-scale invasion of Ukraine"): the names inside it
# are not what the entry is about.
BACKGROUND = [
    f"{invader} {invasion}"
    for invader in ("Russia's", "Moscow's", "Russian", "its", "the")
    for invasion in ("invasion of Ukraine", "full-scale invasion of Ukraine", "2022 invasion of Ukraine")
] + [
    "Russia invaded Ukraine",
    "Russia launched its full-scale invasion",
    "Russia launched a full-scale invasion",
    "Ukraine invasion",  # "since the Ukraine invasion"
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
    "Moscow time",
    "Kyiv time",
]


@dataclass(frozen=True)
class ThemeRule:
    theme: str
    phrase: str  # a trailing "*" matches any ending: "sanction*"
    weight: int = 1


# A phrase in the headline says more about the entry than one in its body.
HEADLINE_WEIGHT = 3
MIN_SCORE = 3
MAX_THEMES = 3
# A second or third theme must score at least this share of the first.
RUNNER_UP_SHARE = 0.4


class ThemeScorer:
    """Weighted phrase rules, whole phrases and prefixes alike found in one pass."""

    def __init__(self, rules: Iterable[ThemeRule]):
        self.by_phrase: dict[tuple[str, bool], list[ThemeRule]] = defaultdict(list)
        for rule in rules:
            prefix = rule.phrase.endswith("*")
            key = match_form(rule.phrase.rstrip("*")).strip()
            if key:
                self.by_phrase[(key, prefix)].append(rule)
        whole = [k for k, prefix in self.by_phrase if not prefix]
        prefixes = [k for k, prefix in self.by_phrase if prefix]
        self.phrases = PhraseFinder(whole, prefixes)

    def scores(self, headline: str, body: str) -> dict[str, int]:
        """Each theme's weight of evidence; the arguments are in matching form (see `match_form`)."""
        totals: dict[str, int] = defaultdict(int)
        for folded, factor in ((headline, HEADLINE_WEIGHT), (body, 1)):
            seen: set[tuple[str, bool]] = set()
            for _, _, phrase, prefix in self.phrases.find(folded):
                key = (phrase, prefix)
                if key in seen:  # a phrase repeated in a long body is not more evidence each time
                    continue
                seen.add(key)
                for rule in self.by_phrase[key]:
                    totals[rule.theme] += rule.weight * factor
        return totals

    def themes(self, headline: str, body: str) -> list[str]:
        """One to three themes, strongest first; none when nothing in the text (in matching form) points to one."""
        ranked = sorted(self.scores(headline, body).items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < MIN_SCORE:
            return []
        top = ranked[0][1]
        return [theme for theme, score in ranked[:MAX_THEMES] if score >= max(MIN_SCORE, top * RUNNER_UP_SHARE)]


# Names the text marks clearly although the gazetteer lacks them: (pattern, entity kind, subkind).
# The possessive quantifiers (*+) are only for speed. Whatever follows a word in a branch can follow no shorter
# part of it, so a capitalised word that leads nowhere is given up at once rather than a letter at a time.
_WORD = r"[A-Z][^\W\d_]*+(?:['’-][^\W\d_]+)*+"
_NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
_TITLES = (
    r"President|Prime Minister|(?:Foreign|Defen[cs]e|Interior|Energy|Culture|Economy|Finance|Justice)\s+Minister"
    r"|[Mm]inister|[Ss]pokes(?:man|woman|person)|Governor|Mayor|General|Commander|Chancellor|Ambassador|Envoy"
    r"|Prosecutor|Speaker"
)
# Every branch opens on a capital, "minister", "spokes..." or "the": the look-ahead, there only for speed, turns
# other positions away before the branches are tried.
_DISCOVERY_START = "(?=[A-Zmst])"
DISCOVERY = re.compile(
    rf"{_DISCOVERY_START}\b(?:"
    rf"(?:{_TITLES})\s+(?P<person>{_WORD}(?: {_WORD}){{1,2}})"
    rf"|the (?:village|town|settlement)s? of (?P<village>{_NAME})"
    # A place inside a part of another: "in Erding in southern Germany", "near Avdiivka in Ukraine's east".
    rf"|(?:(?<=\bin )|(?<=\bnear ))(?P<city>{_NAME}),? in (?:the )?(?:{_WORD} )?(?:north|south|east|west|central)"
    rf"|(?P<region>{_WORD}) (?P<sub>Oblast|oblast|region|province|Krai|krai|district)\b"
    ")"
)
# How a discovered region's name ends: "Kursk oblast" is "Kursk Oblast", "Sumy province" is "Sumy region".
_REGION_WORDS = {"oblast": "Oblast", "district": "district"}
# Capitalised words that open a sentence or a phrase, or name a time, rather than name someone or somewhere.
_NOT_NAMES = {
    "The",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Each",
    "Every",
    "Another",
    "Southern",
    "Northern",
    "Eastern",
    "Western",
    "Central",
    "Border",
    "Frontline",
    "Occupied",
    *calendar.month_name[1:],  # English names: nothing here sets a locale
    *calendar.day_name,
}


def discover(
    text: str, matcher: EntityMatcher, rejected: frozenset[tuple[str, str]] = frozenset()
) -> list[tuple[str, str, str]]:
    """(kind, canonical name, subkind) for names the text marks as a person or place that nothing known matches."""
    found: dict[tuple[str, str], str] = {}
    for match in DISCOVERY.finditer(text):
        subkind = match.lastgroup if match.lastgroup != "sub" else "region"
        name = match[subkind].strip()
        kind = "actor" if subkind == "person" else "location"
        if name.split()[0] in _NOT_NAMES or matcher.knows(name):
            continue
        if subkind == "region":
            name = f"{name} {_REGION_WORDS.get(match['sub'].lower(), 'region')}"
        if (kind, match_form(name).strip()) in rejected or (kind, name) in found:
            continue
        found[(kind, name)] = subkind
    return [(kind, name, subkind) for (kind, name), subkind in found.items()]
