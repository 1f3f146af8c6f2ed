"""The words of a stamp: the tokenizer that cuts a line's start into clocks, zones, dates, labels and ages.

A stamp is made of parts in whatever order an outlet chooses: a clock (`14:05`, `14.05`, `1759`, `2.01am`,
`9:13 a.m.`, `noon`), zero to two zones (`GMT`, `GMT+1`, `(JST)`, `Greenwich Mean Time`, `Tokyo time`), a date
before or after the clock (`27 February 2022`, `Feb. 24`, `Friday, Feb 24`, `31.5.2014`, `2022-03-02`), labels
(`UPDATE:`, `Posted at`, `published at`), an author, and relative ages (`2h ago`) that never date anything alone.

The line's start is cut into tokens, one pattern per kind, tried in order. Work is bounded by `MAX_STAMP`
characters, so any line costs the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .zones import ABBREVIATIONS

MAX_STAMP = 160  # no stamp is longer; the tokenizer never looks further into a line

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
# The word for "o'clock" some languages print after a 24-hour clock: "12.31 Uhr", "1400 hrs".
_OCLOCK = r"(?:\s*(?:Uhr|hrs)(?![A-Za-z]))?"
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
    (
        "clock",
        rf"(?:[01]?\d|2[0-3])(?P<csep>[:.])[0-5]\d(?:(?P=csep)[0-5]\d)?(?:\s*:?\s*{_MERIDIEM}|{_OCLOCK})(?![\d])",
    ),
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


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


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
