"""Names the text marks clearly as a person or a place although the gazetteer lacks them, for an editor."""

from __future__ import annotations

import calendar
import re

from .entities import EntityMatcher
from .phrases import match_form

# Names the text marks clearly although the gazetteer lacks them: (pattern, entity kind, subkind).
# The possessive quantifiers (*+) are only for speed. Whatever follows a word in a branch can follow no shorter
# part of it, so a capitalised word that leads nowhere is given up at once rather than a letter at a time.
_WORD = r"[A-Z][^\W\d_]*+(?:['’-][^\W\d_]+)*+"
_NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
# The small words inside many names: "Omar al Nadir", "Anna von der Berg".
_PARTICLE = r"(?:al|el|bin|ibn|de|da|di|du|van|von|der|den|le|la)[ -]"
_PERSON = rf"{_WORD}(?: [A-Z]\.)?(?: (?:{_PARTICLE}){{0,2}}{_WORD}){{1,2}}"
_TITLES = (
    r"President|Vice President|Prime Minister|(?:Foreign|Defen[cs]e|Interior|Energy|Culture|Economy|Finance|Justice)"
    r"\s+Minister|[Mm]inister|[Ss]pokes(?:man|woman|person)|Governor|Gov\.|Mayor|General|Gen\.|Commander|Chancellor"
    r"|Ambassador|[Ee]nvoy|Prosecutor|Speaker|Senator|Sen\.|Rep\.|[Ss]ecretary(?:[- ]General)?"
    r"|[Cc]hief(?: [Ee]xecutive)?|CEO|[Aa]dvis[eo]r|[Aa]ide|Deputy|Director|Admiral|Colonel|Judge|Pope"
)
# What the words after a name and a comma call that person: "Ann Bee, an adviser to the prime minister".
_ROLES = (
    r"adviser|advisor|aide|member|spokes(?:man|woman|person)|official|minister|secretary|chief|head|leader"
    r"|commander|director|envoy|ambassador|negotiator|analyst|professor|expert|researcher|lawmaker|senator"
    r"|general|president|founder|governor|mayor|chairman|chairwoman|deputy|prosecutor"
)
# The last word of an institution's name: "World Heritage Committee", "National Security Council".
_BODIES = (
    r"Council|Committee|Ministry|Agency|Commission|Institute|Foundation|Coalition|Lab|Laboratory|Embassy|Party"
    r"|Organi[sz]ation|Office"
)

# Every branch opens on a capital, a lower-case title ("minister", "secretary", "chief", "adviser", "aide",
# "envoy"), "said" or "the": the look-ahead, there only for speed, turns other positions away before the branches
# are tried.
_DISCOVERY_START = "(?=[A-Zacemst])"
DISCOVERY = re.compile(
    rf"{_DISCOVERY_START}\b(?:"
    rf"(?:{_TITLES})(?:\s+(?:{_TITLES}))*\s+(?P<person>{_PERSON})"
    # Two words or more before it: "the Defence Ministry" alone does not say whose.
    rf"|(?P<organization>{_WORD}(?: {_WORD}){{1,3}} (?:{_BODIES}))\b"
    rf"|the (?:village|town|settlement)s? of (?P<village>{_NAME})"
    # A place inside a part of another: "in Erding in southern Germany", "near Avdiivka in Ukraine's east".
    rf"|(?:(?<=\bin )|(?<=\bnear ))(?P<city>{_NAME}),? in (?:the )?(?:{_WORD} )?(?:north|south|east|west|central)"
    rf"|(?P<region>{_WORD}) (?P<sub>Oblast|oblast|region|province|Krai|krai|district)\b"
    # Where planes land and waters that ships and missiles cross: "Ben Gurion airport", "the Yellow Sea".
    rf"|(?P<site>{_WORD}(?: {_WORD}){{0,2}}) (?P<facility>[Aa]irport|[Aa]ir [Bb]ase|[Aa]irbase|[Nn]aval [Bb]ase)\b"
    rf"|(?P<water>{_WORD}(?: {_WORD})? (?:Sea|Ocean|Gulf|Strait)|(?:Sea|Gulf|Strait|Bay) of {_WORD})\b"
    # A person who speaks or is given a role after a comma, in one branch so a capitalised run is read once for
    # both; after institutions and places, so "the X Y Council said" and "X Oblast, its governor said" are those.
    rf"|(?P<apposed>{_PERSON})(?:, (?:an?|the|who is an?) (?:[\w’'-]+ ){{0,4}}?(?:{_ROLES})\b| said\b)"
    rf"|said (?:(?:{_TITLES})\s+)*(?P<speaker>{_PERSON})\b"
    ")"
)
# The group a match ends in when its name has a second part ("Kursk" "oblast", "Ben Gurion" "airport").
_GROUPS_OF_PARTS = {"sub": "region", "facility": "site"}
# The subkind each way of marking a name gives: every way of marking a person is one subkind.
_SUBKINDS = {"apposed": "person", "speaker": "person", "water": "region"}
# Words that make a capitalised run a title, an institution or a place rather than a person's name.
_NOT_IN_PERSONS = {
    "President",
    "Minister",
    "Secretary",
    "General",
    "Governor",
    "Ministry",
    "Office",
    "House",
    "Council",
    "Party",
    "Government",
    "Forces",
    "Army",
    "Agency",
    "Department",
    "Committee",
    "Service",
    "Police",
    "News",
    "Press",
    "Union",
    "Company",
    "Group",
    "Command",
    "Staff",
    "Guard",
    "Court",
    "Republic",
    "State",
    "States",
    "City",
    "Street",
    "Square",
    "Airport",
    "Coalition",
    "Campaign",
    "Movement",
    "Institute",
    "Foundation",
    "Organisation",
    "Organization",
    "Association",
    "Alliance",
    "Network",
    "Centre",
    "Center",
    "Bureau",
    "Authority",
    "Commission",
    "Embassy",
    "Brigade",
    "Battalion",
    "Regiment",
    "Division",
    "Corps",
    "Fleet",
    "Navy",
    "Times",
    "Post",
    "Journal",
    "North",
    "South",
    "East",
    "West",
    "Oblast",
    "Krai",
    "Region",
    "Province",
    "District",
    "County",
    "Island",
    "Islands",
    "Sea",
    "River",
    "Bay",
    "Valley",
    "International",
    "Watch",
    "Cross",
    "Crescent",
    "Rights",
    "Nations",
    "Bank",
    "Fund",
    "Forum",
    "Herald",
    "Daily",
    "Tribune",
    "Telegraph",
    "Independent",
    "Media",
    "Television",
    "Radio",
    "Monitor",
    "Observatory",
    "University",
    "College",
    "School",
    "Club",
    "Airlines",
}
# Forms of address before a name, left out of it: "Dame Ann Bee" is Ann Bee.
_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Dame", "Sir", "Lord", "Lady"}
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
        group = _GROUPS_OF_PARTS.get(match.lastgroup, match.lastgroup)
        subkind = _SUBKINDS.get(group, group)
        name = _trimmed(match[group].strip(), subkind)
        # A title marks a person, and a last word an institution, surely enough that a place opening the name
        # ("Jordan Bee", "Kharkiv Regional Council") does not hide them; a name that only speaks is less sure.
        if not _plausible(name, subkind) or _known(name, matcher, place_may_open=group in ("person", "organization")):
            continue
        kind = "actor" if subkind in ("person", "organization") else "location"
        if group == "region":
            name = f"{name} {_REGION_WORDS.get(match['sub'].lower(), 'region')}"
        elif group == "site":
            name = f"{name} {match['facility'].title()}"
        if (kind, match_form(name).strip()) in rejected or (kind, name) in found:
            continue
        found[(kind, name)] = subkind
    return [(kind, name, subkind) for (kind, name), subkind in found.items()]


def _trimmed(name: str, subkind: str) -> str:
    """The name without the words a sentence puts around it: a day or month after it ("Ann Bee Wednesday"), and
    before it a word that opened the sentence ("The", "On Monday"), a form of address ("Dame") or, for a person,
    whose they are ("Syldavia's Ann Bee"); an institution's owner is often part of its name."""
    words = name.split(" ")
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    while words and (
        words[0] in _NOT_NAMES
        or words[0] in _HONORIFICS
        or (subkind in ("person", "site") and words[0].endswith(("'s", "’s")))
    ):
        words.pop(0)
    return " ".join(words)


def _plausible(name: str, subkind: str) -> bool:
    words = name.split()
    if subkind == "person":
        # A first name and a surname at least (one word, or an initial last, is a name cut short), and no word
        # that makes it an institution or a place.
        return len(words) >= 2 and len(words[-1].rstrip(".")) > 1 and not set(words) & _NOT_IN_PERSONS
    if subkind == "organization":
        return len(words) >= 3
    return bool(words)


def _known(name: str, matcher: EntityMatcher, place_may_open: bool) -> bool:
    """Whether the gazetteer has the name. With `place_may_open`, a known place opening it is not enough: the rest
    of the name, or the whole of it, must be known."""
    if not matcher.knows(name):
        return False
    if not place_may_open or " " not in name:
        return True
    first, rest = name.split(" ", 1)
    return matcher.is_alias(name) or matcher.knows(rest) or not matcher.knows(first)
