"""Reading a stamp off the start of a line: the stamp, what follows it, and whether it is a stamp at all.

    read_stamp(line) -> Reading | None

The tokens (`stamp_tokens`) are grouped into moments (`stamp_moments`); what follows the stamp is the entry's own
text, unless it is an author's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .stamp_moments import Moment, MomentRules
from .stamp_tokens import LABEL_KINDS, MONTHS, WEEKDAYS, Token, tokens
from .text import is_name

MAX_LINE = 200  # a stamp standing alone, with its author, fits in this
_DASHES = {"-", "–", "—", ":", "|"}
_AUTHOR_SEPARATORS = {",", "|", "·", "•", "by", "/"}


@dataclass(frozen=True)
class Reading:
    """A stamp read off the start of a line, and what follows it."""

    text: str  # the stamp as written
    moments: tuple[Moment, ...]
    rest: str = ""  # the entry's own text on the same line ("2.01am: headline")
    author: str = ""
    aged: bool = False  # it carried a relative age ("2h ago")
    separated: bool = False  # a colon, dash or bar stood between the stamp and the rest

    @property
    def main(self) -> Moment:
        return self.moments[0]

    @property
    def alone(self) -> bool:
        return not self.rest

    @property
    def is_date_line(self) -> bool:
        """A date and nothing else: a header over the entries of that day, or a page's date."""
        return self.alone and all(not m.has_clock for m in self.moments) and self.main.has_date


@lru_cache(maxsize=16384)
def read_stamp(line: str) -> Reading | None:
    """The stamp a line opens with, if it has one, and what follows it; or a stamp after its author's name, as
    pages glue them ("Jane Doe13 June 2025 00:34")."""
    line = line.strip()
    return _read(line) or _read_after_author(line)


AGE_LINE = 40  # "Updated 22 minutes ago" and the like: a line any longer is no age alone
_AGO = re.compile(r"\bago\b|\bjust now\b", re.IGNORECASE)


def read_age(line: str) -> Reading | None:
    """A relative age alone, perhaps labelled ("3h ago", "Updated 22m ago"): it marks an entry or a page's update
    but dates nothing, since the moment it counts from is unknown."""
    line = line.strip()
    if len(line) > AGE_LINE or not _AGO.search(line):
        return None
    found = tokens(line)
    if not found or found[-1].end < len(line) or not any(t.kind == "age" for t in found):
        return None
    if not all(t.kind in ("age", "label", "sep") for t in found):
        return None
    labels = [t for t in found if t.kind == "label"]
    label = LABEL_KINDS[labels[0].text.split()[0].lower()] if labels else None
    return Reading(text=line, moments=(Moment(label=label),), aged=True)


# The first word of any token that can open a stamp (a figure, a weekday or month by its first three letters, a
# label, a relative day, an age's article, a clock's word): most lines of prose are turned away on it alone.
_OPENING_WORDS = frozenset(
    [w[:3].lower() for w in (*WEEKDAYS, *MONTHS)]
    + [
        "today",
        "yesterday",
        "tonight",
        "this",
        "last",
        "earlier",
        "first",
        "originally",
        "published",
        "updated",
        "modified",
        "edited",
        "posted",
        "filed",
        "issued",
        "update",
        "key",
        "breaking",
        "pinned",
        "just",
        "developing",
        "noon",
        "midday",
        "midnight",
        "a",
        "an",
        "one",
    ]
)
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _may_open(line: str) -> bool:
    if line[:1].isdigit() or line[:2].lower() in ("a.", "p."):
        return True
    word = _FIRST_WORD.match(line)
    return word is not None and (word[0].lower() in _OPENING_WORDS or word[0][:3].lower() in _OPENING_WORDS)


_OPENERS = {"age", "iso", "numeric", "clock", "four", "daynum", "zone", "weekday", "month", "relative", "label"}
_TAIL = {"sep", "link", "label", "age", "relative"}  # what may trail a stamp without dating it: "Updated 2h ago"


def _read(line: str) -> Reading | None:
    if not _may_open(line):
        return None
    found = tokens(line)
    if not found or found[0].kind not in _OPENERS:
        return None
    moments, used = MomentRules(found).moments()
    if not moments:
        return None
    tail = found[used:]
    if tail and tail[-1].end == len(line) and all(t.kind in _TAIL for t in tail) and any(t.kind == "age" for t in tail):
        used = len(found)  # a relative age after the stamp ("Updated 2 hours ago") belongs to it and dates nothing
    stamp_end = found[used - 1].end
    if used < len(found) and found[used].text in ")]":
        stamp_end = found[used].end
    rest_start, separators = _rest_start(found, used, stamp_end)
    rest = line[rest_start:].strip()
    author = ""
    if rest and (separators & _AUTHOR_SEPARATORS or len(rest.split()) >= 2) and is_name(rest):
        author, rest = rest, ""  # "09:01 , Jane Doe", "21:32 Jane Doe": a name alone after the stamp
    reading = Reading(
        text=line[:stamp_end].strip(),
        moments=tuple(moments),
        rest=rest,
        author=author,
        aged=any(t.kind == "age" for t in found[:used]),
        separated=bool(separators & _DASHES),
    )
    return reading if _acceptable(reading, line) else None


def _rest_start(found: list[Token], used: int, stamp_end: int) -> tuple[int, set[str]]:
    """Where the entry's own text starts (after the separators and connectors that follow the stamp), and those
    separators."""
    position, separators = stamp_end, set()
    for token in found[used:]:
        if token.kind not in ("sep", "by", "link") or token.text in "([":
            break
        if token.start >= stamp_end:
            position = token.end
            separators.add(token.text.lower())
    return position, separators


_DIGIT = re.compile(r"\d")
AUTHORED_LINE = 100  # a name and a stamp standing alone fit in this
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*?(?=\d)|[A-Z][\w'’.-]*|(?:by|By)\b")


def _read_after_author(line: str) -> Reading | None:
    """A stamp standing alone after a name ("By Jane Doe, 13 June 2025 00:34", "Jane Doe13 June 2025 00:34")."""
    if len(line) > AUTHORED_LINE or not _DIGIT.search(line):
        return None
    position = 0
    while position < min(len(line), 60):
        word = _NAME_WORD.match(line, position)
        if word is None or word.end() == position:
            return None
        position = word.end()
        name = line[:position].removeprefix("By ").removeprefix("by ").strip(" ,|·•")
        after = line[position:].lstrip(" ,|·•")
        if name and (after[:1].isdigit() or after[:3] in _WEEKDAY_STARTS):
            reading = _read(after)
            if reading and reading.alone and is_name(name):
                return replace(reading, author=name)
        while position < len(line) and line[position] == " ":
            position += 1
    return None


_WEEKDAY_STARTS = {w[:3] for w in WEEKDAYS}


def _acceptable(reading: Reading, line: str) -> bool:
    main = reading.main
    if reading.alone:
        return len(line) <= MAX_LINE
    if main.label and main.year is not None and not main.has_clock:
        return True  # a page's date line with the page's text glued after it: "Published May 5, 2023What..."
    # Text follows on the same line: only a stamp that cannot be prose, before text that starts a sentence.
    starts_sentence = reading.rest[:1].isupper() or reading.rest[:1] in "'‘\"“«"
    if main.clock_style in (None, "worn") or not starts_sentence:
        return False
    if main.clock_style == "military":
        return bool(main.zone) or reading.separated
    distinct = reading.separated or main.zone or main.has_date or main.clock_style == "12h"
    return bool(distinct) and len(reading.text) <= 80
