"""Dates in news text: day rollover between entries, phrases like "late on Monday", and their resolution.

Full dates are found with narrow patterns first and only then handed to dateparser, so its known false
hits on ordinary words ("may", "march", "sat", "now", "a second", "The Sun") never reach it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dateparser.date import DateDataParser

from .model import Mention, Stamp
from .stamp_tokens import WEEKDAYS
from .text import sentences
from .zones import zone

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_NUM = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_DATE = rf"(?:{_DAY_NUM}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY_NUM},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
ANY_DATE = re.compile(rf"\b{_FULL_DATE}")
# The only strings dateparser sees: it reads days into "now", "today" or "a second" otherwise.
FULL_DATE = re.compile(rf"(?:{_WEEKDAY},?\s+)?{_FULL_DATE}")

# Every day the timeline holds lies within these, whoever gives it: news before 1900 or after 2099 is a typo, and
# arithmetic on a day (a week's start, the month after, a zone's offset) stays inside Python's calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def day_problem(day: dt.date, *, reported: bool = False) -> str | None:
    """Why a day given for the timeline cannot be right; `reported` days cannot be later than tomorrow."""
    if not FIRST_DAY <= day <= LAST_DAY:
        return f"{day.isoformat()} is outside the years the timeline holds, {FIRST_DAY.year} to {LAST_DAY.year}."
    if reported and day > dt.date.today() + dt.timedelta(days=1):
        return f"{long_date(day)} has not come yet."
    return None


_PARSER = DateDataParser(languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})


@lru_cache(maxsize=8192)
def parse_day(text: str) -> dt.date | None:
    """A calendar day from a date string that names day, month and year; None for anything less."""
    if not FULL_DATE.fullmatch(text.strip()):
        return None
    try:
        data = _PARSER.get_date_data(text.replace(".", " "))
    except (ValueError, OverflowError):
        return None
    return data.date_obj.date() if data and data.date_obj else None


def latest_date_mentioned(text: str) -> tuple[dt.date | None, str]:
    """The latest full date the text names: a bound on an undated document's own date, for an editor."""
    named = dates_mentioned(text)
    if not named:
        return None, ""
    latest = max(named)
    return latest, named[latest]


def dates_mentioned(text: str) -> dict[dt.date, str]:
    """Every full date the text names, each with the first words that name it."""
    named: dict[dt.date, str] = {}
    for match in ANY_DATE.finditer(text):
        day = parse_day(match[0])
        if day and FIRST_DAY <= day <= LAST_DAY:
            named.setdefault(day, match[0])
    return named


# ---------------------------------------------------------------------------------------------------
# Day rollover


def newest_first(stamps: list[Stamp]) -> bool:
    """Whether a live blog runs newest entry first, judged by its dated entries, else by its clock times.

    Read in the wrong direction, every gap g between posts becomes a day less g, so the direction that
    implies the shorter time elapsed is right whenever posts come on average less than 12 hours apart.
    """
    days = [s.day for s in stamps if s.day]
    if len(set(days)) > 1:
        return days[0] > days[-1]
    times = [s.time for s in stamps if s.time]
    forward = sum(_minutes_from(a, b) for a, b in zip(times, times[1:], strict=False))
    backward = sum(_minutes_from(b, a) for a, b in zip(times, times[1:], strict=False))
    return backward <= forward


def _minutes_from(earlier: dt.time, later: dt.time) -> int:
    return (later.hour * 60 + later.minute - earlier.hour * 60 - earlier.minute) % (24 * 60)


def roll_days(stamps: list[Stamp], reverse: bool | None = None) -> list[Stamp]:
    """Gives every time-only stamp its day from its neighbours, a new day each time the clock runs backwards.

    `reverse` says the blog runs newest first; by default it is judged from the stamps. Returns the stamps
    in the same (document) order, each stamp's account of its dating extended. With no dated entry at all the
    days stay relative: `offset` counts days after the earliest entry.
    """
    order = list(range(len(stamps)))
    if reverse is None:
        reverse = newest_first(stamps)
    if reverse:
        order.reverse()
    neighbour, other = ("below", "above") if reverse else ("above", "below")
    chrono = [stamps[i] for i in order]
    out: list[Stamp] = list(chrono)
    dated = [k for k, s in enumerate(chrono) if s.day]
    if not dated:
        offset, previous, doubtful = 0, None, False
        for k, stamp in enumerate(chrono):
            rolled = bool(previous and stamp.time and stamp.time < previous)
            offset += rolled
            doubtful = doubtful or (rolled and _long_silence(previous, stamp.time))
            how = _and(stamp.how, f"the day after the entry {neighbour} it, past midnight") if rolled else stamp.how
            out[k] = replace(stamp, offset=offset, how=_doubted(how, doubtful), doubtful=doubtful)
            previous = stamp.time or previous
    else:
        first = dated[0]
        day, previous, doubtful = None, None, False
        for k in range(first, len(chrono)):
            stamp = chrono[k]
            if stamp.day:
                day, how, doubtful = stamp.day, stamp.how, False
            else:
                rolled = bool(previous and stamp.time and stamp.time < previous)
                day += dt.timedelta(days=rolled)
                doubtful = doubtful or (rolled and _long_silence(previous, stamp.time))
                carried = "the day after the entry {} it, past midnight" if rolled else "day from the entry {} it"
                how = _doubted(_and(stamp.how, carried.format(neighbour)), doubtful)
            out[k] = replace(stamp, day=day, how=how, doubtful=doubtful)
            previous = stamp.time or previous
        day, later, doubtful = chrono[first].day, chrono[first].time, False
        for k in range(first - 1, -1, -1):
            stamp = chrono[k]
            rolled = bool(later and stamp.time and stamp.time > later)
            day -= dt.timedelta(days=rolled)
            doubtful = doubtful or (rolled and _long_silence(stamp.time, later))
            carried = "the day before the entry {} it, past midnight" if rolled else "day from the entry {} it"
            how = _doubted(_and(stamp.how, carried.format(other)), doubtful)
            out[k] = replace(stamp, day=day, how=how, doubtful=doubtful)
            later = stamp.time or later
    result: list[Stamp] = [stamps[0]] * len(stamps)
    for k, index in enumerate(order):
        result[index] = out[k]
    return result


def _and(how: str, more: str) -> str:
    return f"{how}; {more}" if how else more


# A live blog is seldom silent this long: a turn of the clock implying more is as likely an entry out of order.
LONG_SILENCE = 12 * 60


def _long_silence(earlier: dt.time, later: dt.time) -> bool:
    """Whether reading `later` as the next day leaves more than half a day between two entries."""
    return _minutes_from(earlier, later) > LONG_SILENCE


def _doubted(how: str, doubtful: bool) -> str:
    return (
        _and(how, "a guess: the clock went back by less than half a day, which may be no midnight") if doubtful else how
    )


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# ---------------------------------------------------------------------------------------------------
# When the reported thing happened

_REL_WORDS = [
    (re.compile(r"\bthe day before yesterday\b", re.I), 2),
    (re.compile(r"\byesterday\b", re.I), 1),
    (re.compile(r"\blast night\b", re.I), 1),
    (re.compile(r"\b(?:earlier today|today|this (?:morning|afternoon|evening)|tonight|overnight)\b", re.I), 0),
]
_DAYS_AGO = re.compile(r"\b(two|three|four|five|six|2|3|4|5|6) days ago\b", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WEEKDAY_MENTION = re.compile(
    r"\b(?:(?:late|early)\s+(?:on\s+)?|on\s+|last\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
)
_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# AP style abbreviates: "Dec. 1", "Sept. 30". "May" and "March" stay whole words so the verbs never match.
_MONTH_WORDS = {
    **{name: n for n, name in enumerate(_FULL_MONTHS.split("|"), start=1)},
    **{
        abbr: n
        for abbr, n in [
            ("Jan.", 1),
            ("Feb.", 2),
            ("Aug.", 8),
            ("Sept.", 9),
            ("Sep.", 9),
            ("Oct.", 10),
            ("Nov.", 11),
            ("Dec.", 12),
        ]
    },
}
_MENTION_MONTH = "|".join(re.escape(m) for m in sorted(_MONTH_WORDS, key=len, reverse=True))
_EXPLICIT_MENTION = re.compile(
    rf"\b(?:on\s+)?(?:(?:{'|'.join(WEEKDAYS)}),?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MENTION_MONTH})|(?P<m2>{_MENTION_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"
    rf"(?:,?\s+(?P<y>\d{{4}}))?"
)
# A weekday after these words names a deadline or a span, not when something happened.
# "until 06:00 on Friday": a deadline, however precise, is not when something happened.
_NOT_WHEN = re.compile(
    r"\b(?:since|by|until|till|before|after|next|from|through|every|each|coming)"
    r"\s+(?:(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m\.?|noon|midday|midnight)\s+)?$",
    re.I,
)
_NAMED_DAY = re.compile(r"\b(?:Good|Black|Cyber|Super|Bloody|Ash|Easter|Holy|Maundy|Palm)\s+$")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|(?:is|are) (?:expected|set|due|scheduled|planning|going) to|plans? to|intends? to"
    r"|to be held|upcoming|next|scheduled|planned for|due (?:on|for)|takes place|(?:is|are) to|again on)\b",
    re.I,
)
_WOULD = re.compile(r"\bwould\b", re.I)
# ", published yesterday," describes a thing mentioned, not when the reported thing happened.
_APPOSITIVE = re.compile(r",\s*\w+ed\s+(?:on\s+)?$")


# A phrase that dates an entry comes early in it; no paragraph is read further than this for one.
MENTION_REACH = 2000


def find_mention(texts: list[str]) -> Mention | None:
    """The first phrase, in reading order, that says when the reported thing happened (past tense only)."""
    for text in texts:
        for sentence in sentences(text[:MENTION_REACH]):
            if not may_mention(sentence) or _FUTURE.search(sentence):
                continue
            # "said on Monday that talks would go ahead" places the saying; what follows "would" is yet to come.
            mention = _mention_in(_WOULD.split(sentence, maxsplit=1)[0])
            if mention:
                return mention
    return None


# Every phrase `_mention_in` finds holds one of these: a month (as written, capital first), or in any case a weekday,
# "yesterday", "today", "days ago" ("day"), "last night", "tonight", "overnight" ("night") or "this morning".
_MONTH_STARTS = tuple(sorted({month[:3] for month in _MONTH_WORDS}))
_RELATIVE_WORDS = ("day", "night", "this ")


def may_mention(sentence: str) -> bool:
    """Whether a sentence may say when: most hold none of the words every such phrase holds, and are then not
    searched by the seven patterns, each tried at every position."""
    folded = sentence.casefold()
    return any(word in folded for word in _RELATIVE_WORDS) or any(month in sentence for month in _MONTH_STARTS)


def _mention_in(sentence: str) -> Mention | None:
    found: list[tuple[int, Mention]] = []
    explicit_spans = []
    for match in _EXPLICIT_MENTION.finditer(sentence):
        explicit_spans.append(match.span())
        if _skipped(sentence, match):
            continue
        month = match["m1"] or match["m2"]
        day_num = int(match["d1"] or match["d2"])
        month_num = _MONTH_WORDS[month]
        if match["y"]:
            try:
                on = dt.date(int(match["y"]), month_num, day_num)
            except ValueError:
                continue
            found.append((match.start(), Mention(text=match[0], on=on)))
        elif 1 <= day_num <= 31:
            found.append((match.start(), Mention(text=match[0], month_day=(month_num, day_num))))
    for match in _WEEKDAY_MENTION.finditer(sentence):
        if any(a <= match.start("wd") < b for a, b in explicit_spans) or _skipped(sentence, match):
            continue
        if _NAMED_DAY.search(sentence[: match.start()]):
            continue
        found.append((match.start(), Mention(text=match[0], weekday=WEEKDAYS.index(match["wd"]))))
    for pattern, days in _REL_WORDS:
        for match in pattern.finditer(sentence):
            if not _skipped(sentence, match):
                found.append((match.start(), Mention(text=match[0], days_back=days)))
    for match in _DAYS_AGO.finditer(sentence):
        word = match[1].lower()
        found.append((match.start(), Mention(text=match[0], days_back=int(_NUMBERS.get(word, word)))))
    return min(found, key=lambda item: item[0])[1] if found else None


def _skipped(sentence: str, match: re.Match) -> bool:
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    if _NOT_WHEN.search(before):
        return True
    return bool(_APPOSITIVE.search(before) and after.lstrip().startswith(","))


# Background dates ("the invasion on 24 February 2022") are not when the reported thing happened.
EXPLICIT_WINDOW = dt.timedelta(days=14)


def occurred_from(mention: Mention | None, reported: dt.date) -> dt.date | None:
    """The day a mention points to, counted back from the reported day; None when it does not place the event."""
    if mention is None:
        return None
    if mention.days_back is not None:
        return reported - dt.timedelta(days=mention.days_back)
    if mention.weekday is not None:
        return reported - dt.timedelta(days=(reported.weekday() - mention.weekday) % 7)
    on = mention.on
    if on is None and mention.month_day:
        on = _month_day_before(reported, *mention.month_day)
    if on and dt.timedelta(0) <= reported - on <= EXPLICIT_WINDOW:
        return on
    return None


def _month_day_before(reported: dt.date, month: int, day: int) -> dt.date | None:
    for year in (reported.year, reported.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= reported:
            return candidate
    return None


# ---------------------------------------------------------------------------------------------------
# Resolution: the unresolved facts plus the document's date give an event its dates


@dataclass(frozen=True)
class Dating:
    reported_at: dt.datetime | None
    reported_on: dt.date | None
    precision: str
    reported_basis: str
    occurred_on: dt.date | None
    basis: str
    note: str
    doubtful: bool = False  # a day an editor should confirm


def resolve(when: dict, published: dt.date | None, tz_name: str, published_note: str = "") -> Dating:
    """An event's dates from its stamp and mention (as `ParsedEvent.when()` gives them) and its document's date."""
    stamp = when.get("stamp") or {}
    reported_at = None
    how = stamp.get("how") or "from the entry's stamp"
    day = dt.date.fromisoformat(stamp["day"]) if stamp.get("day") else None
    counted = day is None and stamp.get("offset") is not None
    if counted and published:
        day = published + dt.timedelta(days=stamp["offset"])
        how += f", so it is counted from the document's date ({published_note or 'given later'})"
    if day and stamp.get("time"):
        clock = dt.time.fromisoformat(stamp["time"])
        reported_at = dt.datetime.combine(day, clock, zone(stamp.get("tz") or tz_name))
        precision, reported_basis, note = "minute", "timestamp", f"{long_date(day)}, {clock:%H:%M}: {how}"
    elif day:
        precision, reported_basis, note = "day", "timestamp", f"{long_date(day)}: {how}"
    elif published and not counted:
        day, precision, reported_basis = published, "day", "article_date"
        note = f"{long_date(day)}: the document's date ({published_note or 'as stated'})"
    else:
        return Dating(
            None,
            None,
            "unknown",
            "none",
            None,
            "none",
            "the text states no date: waiting for an editor to date the document",
        )
    mention = _mention_from(when.get("mention"))
    occurred = occurred_from(mention, day)
    doubtful = bool(stamp.get("doubtful"))
    if occurred is None:
        return Dating(reported_at, day, precision, reported_basis, day, reported_basis, note, doubtful)
    note += f"; it happened on {long_date(occurred)}, by “{mention.text}”"
    return Dating(reported_at, day, precision, reported_basis, occurred, mention.basis, note, doubtful)


def _mention_from(data: dict | None) -> Mention | None:
    if not data:
        return None
    on = dt.date.fromisoformat(data["on"]) if data.get("on") else None
    month_day = tuple(data["month_day"]) if data.get("month_day") else None
    return Mention(
        text=data["text"], days_back=data.get("days_back"), weekday=data.get("weekday"), on=on, month_day=month_day
    )
