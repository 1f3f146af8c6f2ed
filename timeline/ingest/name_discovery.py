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
