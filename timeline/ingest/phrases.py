"""Phrases in text: the matching form every spelling folds into, and the automaton that finds phrases in it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
# Initials with full stops, spaced or not ("U.S.", "U.N.", "A. A."): the same acronym as without them.
_DOTTED_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\. ?){1,2}[A-Z]\.(?!\w)")
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
    """The matching form: lookalike Cyrillic made Latin, initials without full stops, accents gone, casefolded,
    possessives and punctuation dropped, hyphens as spaces, one space between words."""
    text = straighten_quotes(text)
    if not text.isascii() and _CYRILLIC.search(text):
        text = _MIXED_WORD.sub(lambda m: m[0].translate(_LOOKALIKES), text)
    if "." in text:
        text = _DOTTED_INITIALS.sub(_without_stops, text)
    text = _SHORT_CAPITALS.sub(_mark_acronym, text)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _POSSESSIVE.sub(" s_", text.casefold())
    words = ascii_words(text) if text.isascii() else unicode_words(text)
    return f" {words} "


def _without_stops(match: re.Match) -> str:
    return match[0].replace(".", "").replace(" ", "")


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
