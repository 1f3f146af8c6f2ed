"""The grammar of a stamp: the words a page puts before or above an entry to say when it was posted.

A stamp is made of parts in whatever order an outlet chooses: a clock (`14:05`, `14.05`, `1759`, `2.01am`,
`9:13 a.m.`, `noon`), zero to two zones (`GMT`, `GMT+1`, `(JST)`, `Greenwich Mean Time`, `Tokyo time`), a date
before or after the clock (`27 February 2022`, `Feb. 24`, `Friday, Feb 24`, `31.5.2014`, `2022-03-02`), labels
(`UPDATE:`, `Posted at`, `published at`), an author, and relative ages (`2h ago`) that never date anything alone.

    read_stamp(line) -> Reading | None

The line's start is cut into tokens (one pattern per kind, tried in order); rules then group the tokens into
moments (a label, a date, a clock and its zone; a second clock is a conversion, `9:42am EST, 5:42pm EAT`) and
stop at the first token that fits no rule. What follows the stamp is the entry's own text, unless it is an
author's name. Work is bounded by `MAX_STAMP` characters, so any line costs the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import zones
from .text import is_name
from .zones import ABBREVIATIONS

MAX_STAMP = 160  # no stamp is longer; the tokenizer never looks further into a line
MAX_LINE = 200  # a stamp standing alone, with its author, fits in this

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MERIDIEM = r"[aApP]\.?\s?[mM](?:\.(?![a-zA-Z]\.))?(?![a-zA-Z])"
_LETTER_END = r"(?![a-z])"
_ZONE_END = r"(?=[^A-Za-z]|$|[A-Z][a-z])"  # "EDTFirst published": a zone glued to the next word
_ABBREVIATION = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))

# Each kind of token, in the order they are tried at a position: the first that matches wins.
TOKENS = [
    ("space", r"\s+"),
    (
        "age",
        r"(?i:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mths?|months?"
        r"|y|yrs?|years?)\s+ago|(?:an?|one)\s+(?:second|minute|hour|day|week|month|year)\s+ago|just\s+now)"
        + _LETTER_END,
    ),
    ("iso", r"(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d])"),
    ("numeric", r"\d{1,2}(?P<nsep>[./-])\d{1,2}(?P=nsep)(?:\d{4}|\d{2})(?![\d])"),
    ("clock", rf"(?:[01]?\d|2[0-3])(?P<csep>[:.])[0-5]\d(?:(?P=csep)[0-5]\d)?(?:\s*:?\s*{_MERIDIEM})?(?![\d])"),
    ("clock", rf"(?:1[0-2]|0?[1-9])[:.]\d\s*{_MERIDIEM}"),  # a minute's digit lost: "5:1pm"
    ("clock", rf"(?:1[0-2]|0?[1-9])\s*{_MERIDIEM}"),  # "10am", "6 p.m."
    ("four", r"(?:19|20)\d\d(?=\d{1,2}(?:[:.][0-5]\d|\s+[A-Z]))"),  # glued to what follows: "20259:45", "202414 May"
    ("four", r"\d{4}(?![\d])"),  # a year, or a clock without its colon ("1759 GMT")
    ("daynum", r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"),
    ("clock", r"(?i:noon|midday|midnight)" + _LETTER_END),
    ("clock", r"[aApP]\.[mM]\."),  # a clock whose figures were lost in the scrape
    ("zone", r"(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?(?![\d])"),
    ("zone", rf"(?:{_ABBREVIATION}){_ZONE_END}"),
    (
        "zone",
        r"(?i:greenwich mean time|coordinated universal time|british summer time|uk time|british time"
        r"|(?:eastern|central|pacific|mountain)(?: (?:standard|daylight))?(?: time)?"
        r"|(?:central|eastern) european time|local time)" + _LETTER_END,
    ),
    ("zone", r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+time" + _LETTER_END),  # "Tokyo time", "Kyiv time"
    (
        "weekday",
        r"(?=[A-Z])(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
        r"|sat(?:urday)?|sun(?:day)?)\.?" + _LETTER_END,
    ),
    (
        "month",
        r"(?=[A-Z])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?" + _LETTER_END,
    ),
    (
        "relative",
        r"(?i:today|yesterday|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|earlier\s+today)" + _LETTER_END,
    ),
    (
        "label",
        r"(?i:last\s+updated|last\s+modified|first\s+published|originally\s+published|published|updated"
        r"|modified|edited|posted|filed|issued|update|key\s+(?:update|event|development)s?|breaking(?:\s+news)?"
        r"|pinned(?:\s+post)?|just\s+in|developing(?:\s+story)?)" + _LETTER_END,
    ),
    ("by", r"(?i:by)" + _LETTER_END),
    ("link", r"(?i:at|on|from)" + _LETTER_END),
    ("sep", r"[,|/·•:;–—()\[\]-]|\.(?=\s)"),
]
_TOKEN = re.compile("|".join(f"(?P<t{index}>{pattern})" for index, (_, pattern) in enumerate(TOKENS)))
_KINDS = {f"t{index}": kind for index, (kind, _) in enumerate(TOKENS)}

# What a label says of the time beside it: an entry posted (marks entries when it recurs), a page published, or
# an edit (never an entry of its own).
LABEL_KINDS = {
    "update": "entry",
    "key": "entry",
    "breaking": "entry",
    "pinned": "entry",
    "just": "entry",
    "developing": "entry",
    "posted": "publish",
    "published": "publish",
    "first": "publish",
    "originally": "publish",
    "filed": "publish",
    "issued": "publish",
    "updated": "edit",
    "last": "edit",
    "modified": "edit",
    "edited": "edit",
}
_DASHES = {"-", "–", "—", ":", "|"}
_JOINERS = {"(", ")", "[", "]", ",", "/", ".", ":"}  # what may stand between the parts of one moment
_AUTHOR_SEPARATORS = {",", "|", "·", "•", "by", "/"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Moment:
    """One time a stamp gives: its label's kind, its clock and zone, and its date's parts as written."""

    label: str | None = None  # "entry", "publish" or "edit"
    clock: dt.time | None = None
    clock_style: str | None = None  # "24h", "12h", "military" or "worn" (the figures were lost)
    zone: str | None = None  # as `zones.key` keeps it: "EDT", "Asia/Tokyo", "+02:00"
    weekday: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    numeric: tuple[int, int] | None = None  # "3/4/2024": which is the day the document decides
    figures: bool = False  # the date is written in figures ("2.6.2023", "2023-06-02"), not words
    relative: str | None = None  # "today", "yesterday": a day counted from an unknown one

    @property
    def has_date(self) -> bool:
        return self.month is not None or self.numeric is not None

    @property
    def has_clock(self) -> bool:
        return self.clock_style is not None

    def month_day(self, day_first: bool | None) -> tuple[int, int] | None:
        """(month, day), reading an all-figures date in the order the document uses; None for "3/4" when the
        document never tells which comes first."""
        if self.numeric:
            first, second = self.numeric
            if day_first is None and first != second and max(first, second) <= 12:
                return None
            month, day = (second, first) if day_first or first > 12 else (first, second)
            return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
        if self.month is not None and self.day is not None:
            return self.month, self.day
        return None

    def calendar_day(self, day_first: bool | None = None) -> dt.date | None:
        """The day it names when it names day, month and year; None for anything less."""
        parts = self.month_day(day_first)
        if parts is None or self.year is None:
            return None
        try:
            return dt.date(self.year, *parts)
        except ValueError:
            return None


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


def tokens(line: str) -> list[Token]:
    """The stamp-like tokens at the start of the line, up to the first that is none."""
    out, position, end = [], 0, min(len(line), MAX_STAMP)
    while position < end:
        match = _TOKEN.match(line, position, end)
        if not match or match.end() == position:
            break
        kind = _KINDS[match.lastgroup]
        if kind != "space":
            out.append(Token(kind, match[0], position, match.end()))
        position = match.end()
    return out


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
    moments, used = _Rules(found).moments()
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


class _Rules:
    """Groups tokens into moments, left to right; stops at the first token that fits none of the rules."""

    def __init__(self, found: list[Token]):
        self.found = found
        self.index = 0

    def moments(self) -> tuple[list[Moment], int]:
        """The moments read and how many tokens they used (separators between them included)."""
        moments: list[Moment] = []
        used = 0
        while self.index < len(self.found) and len(moments) < 3:
            start = self.index
            moment = self._moment()
            if moment is None:
                self.index = start
                break
            moments.append(moment)
            used = self.index
            self._skip_separators()
        return moments, used

    def _peek(self, offset: int = 0) -> Token | None:
        at = self.index + offset
        return self.found[at] if at < len(self.found) else None

    def _skip_separators(self) -> None:
        while (token := self._peek()) and token.kind in ("sep", "link") and token.text not in "()":
            self.index += 1

    def _moment(self) -> Moment | None:
        """The longest moment from here that has a clock or a date; its trailing separators are left unread."""
        moment, best, best_end = Moment(), None, self.index
        while (token := self._peek()) is not None:
            updated = getattr(self, f"_{token.kind}")(moment, token)
            if updated is None:
                break
            self.index += 1
            moment = updated
            if token.kind not in ("sep", "link") and (moment.has_clock or moment.has_date):
                best, best_end = moment, self.index
        self.index = best_end
        return best

    # One rule per kind of token: the moment with the token added, or None when the token ends the moment.

    def _sep(self, moment: Moment, token: Token) -> Moment | None:
        if token.text in _JOINERS:
            return moment
        return None if moment.has_clock or moment.has_date else moment  # a dash or bar ends a complete moment

    def _link(self, moment: Moment, token: Token) -> Moment | None:
        return moment

    def _by(self, moment: Moment, token: Token) -> Moment | None:
        return None  # an author follows

    def _age(self, moment: Moment, token: Token) -> Moment | None:
        return moment

    def _label(self, moment: Moment, token: Token) -> Moment | None:
        if moment.has_clock or moment.has_date or moment.label:
            return None  # a label after a time starts the next moment: "... 14.05 BST First published on ..."
        return replace(moment, label=LABEL_KINDS[token.text.split()[0].lower()])

    def _relative(self, moment: Moment, token: Token) -> Moment | None:
        if moment.relative or moment.has_date:
            return None
        return replace(moment, relative=" ".join(token.text.lower().split()))

    def _clock(self, moment: Moment, token: Token) -> Moment | None:
        if moment.has_clock:
            return None  # a second clock is a moment of its own: the same time in another zone
        clock, style = read_clock(token.text)
        if style is None or token.text.lower() in ("noon", "midday", "midnight") and not self._then_zone_or_sep():
            return None
        return replace(moment, clock=clock, clock_style=style)

    def _four(self, moment: Moment, token: Token) -> Moment | None:
        """Four figures: the year of a day and month read just before, else a clock ("1759 GMT", "1759 —")."""
        value = int(token.text)
        if moment.month is not None and moment.day is not None and moment.year is None and 1900 <= value <= 2099:
            return replace(moment, year=value)
        if moment.has_clock or value // 100 > 23 or value % 100 > 59:
            return None
        following = self._peek(1)
        if following is None or not (following.kind == "zone" or following.text in "-–—"):
            return None
        return replace(moment, clock=dt.time(value // 100, value % 100), clock_style="military")

    def _zone(self, moment: Moment, token: Token) -> Moment | None:
        name = zones.key(token.text)
        if moment.zone or not (moment.has_clock or moment.has_date) or not (name or token.text.lower() == "local time"):
            return None
        return replace(moment, zone=name)

    def _weekday(self, moment: Moment, token: Token) -> Moment | None:
        if moment.weekday is not None or moment.has_date or moment.has_clock:
            return None
        return replace(moment, weekday=_weekday(token.text))

    def _month(self, moment: Moment, token: Token) -> Moment | None:
        if moment.month is not None or moment.numeric or (moment.day is None and not self._then("daynum")):
            return None
        return replace(moment, month=_month(token.text))

    def _daynum(self, moment: Moment, token: Token) -> Moment | None:
        if moment.day is not None or moment.month is None and (moment.has_date or not self._then("month")):
            return None  # a day is only a day beside its month: "Feb 24", "24 Feb"
        return replace(moment, day=int(re.match(r"\d+", token.text)[0]))

    def _iso(self, moment: Moment, token: Token) -> Moment | None:
        return None if moment.has_date else _with_figures(moment, token)

    _numeric = _iso

    def _then(self, kind: str) -> bool:
        """Whether the next token past separators is of this kind."""
        at = self.index + 1
        while at < len(self.found) and self.found[at].kind in ("sep", "link"):
            at += 1
        return at < len(self.found) and self.found[at].kind == kind

    def _then_zone_or_sep(self) -> bool:
        following = self._peek(1)
        return following is None or following.kind in ("zone", "sep")


def read_clock(text: str) -> tuple[dt.time | None, str | None]:
    """A clock's time and style: "24h", "12h", "worn" (only "a.m." is left); (None, None) when no time of day."""
    lowered = text.lower()
    if lowered in ("noon", "midday"):
        return dt.time(12, 0), "12h"
    if lowered == "midnight":
        return dt.time(0, 0), "12h"
    match = re.fullmatch(r"(?:(\d{1,2})(?:[:.](\d{1,2})(?:[:.]\d{2})?)?)?\s*:?\s*(?:([ap])\.?\s?m\.?)?", lowered)
    if not match or not (match[1] or match[3]):
        return None, None
    if match[1] is None:
        return None, "worn"
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None, None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None, None
    return dt.time(hour, minute), "12h" if half else "24h"


def _weekday(text: str) -> int:
    key = text.lower()[:3]
    return [w[:3].lower() for w in WEEKDAYS].index(key)


def _month(text: str) -> int:
    key = text.lower()[:3]
    return [m[:3].lower() for m in MONTHS].index(key) + 1


def _with_figures(moment: Moment, token: Token) -> Moment:
    parts = [int(p) for p in re.split(r"[./-]", token.text)]
    if token.kind == "iso":
        return replace(moment, year=parts[0], month=parts[1], day=parts[2], figures=True)
    first, second, year = parts
    return replace(moment, numeric=(first, second), year=year + 2000 if year < 100 else year, figures=True)
