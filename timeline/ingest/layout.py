"""The document decides its own layout: which stamps mark its entries, which date lines head them, which lines
only date the page, where headlines stand, which zone its bare clocks are in, and how its figures read.

    read_layout(lines) -> Layout

Every line's start is read by the stamp grammar. The stamp shape that recurs (where the stamp stands, its clock's
style, its label) marks the entries; a lone stamp of another shape, or one that says it was "updated", dates the
page or an edit, never an entry. A date alone on its line heads the time-only entries below it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from . import zones
from .stamp_moments import Moment
from .stamp_reader import Reading, read_age, read_stamp
from .text import is_byline, looks_like_headline

# A page's own date lines stand in its header; further down a date line is part of the news.
HEADER_LINES = 25


@dataclass(frozen=True)
class ZoneNote:
    """The zone a document's bare clocks are in, and the words that say so."""

    key: str
    source: str


@dataclass(frozen=True)
class Layout:
    readings: dict[int, Reading] = field(default_factory=dict)  # every line that opens with a stamp
    markers: list[int] = field(default_factory=list)  # the lines whose stamps start entries
    headers: dict[int, Reading] = field(default_factory=dict)  # date lines over the entries of that day
    page_dates: list[int] = field(default_factory=list)  # lines that date the page: "Published ...", "Updated ..."
    headlines_above: bool = False  # a headline stands on the line above its stamp
    zone: ZoneNote | None = None
    day_first: bool | None = None  # how "3/4/2024" reads, from the document's own figures

    @property
    def is_live_blog(self) -> bool:
        return len(self.markers) >= 2

    @cached_property
    def marker_lines(self) -> frozenset[int]:
        return frozenset(self.markers)

    @cached_property
    def header_lines(self) -> list[int]:
        return sorted(self.headers)

    def header_above(self, index: int) -> tuple[int, Reading] | None:
        at = bisect_left(self.header_lines, index)
        return (self.header_lines[at - 1], self.headers[self.header_lines[at - 1]]) if at else None


def read_layout(lines: list[str]) -> Layout:
    readings = {i: reading for i, line in enumerate(lines) if (reading := _read_line(line))}
    markers = _entry_markers(readings)
    headers = _date_headers(readings, markers)
    header_ends = markers[0] if markers else HEADER_LINES
    page_dates = [
        i
        for i, r in sorted(readings.items())
        if i < header_ends and i not in headers and any(m.has_date for m in r.moments)
    ]
    return Layout(
        readings=readings,
        markers=markers,
        headers=headers,
        page_dates=page_dates,
        headlines_above=_headlines_above(lines, readings, markers),
        zone=_zone_note(lines, readings, markers, headers),
        day_first=_day_first(readings),
    )


def _read_line(line: str) -> Reading | None:
    """A stamp or an age the line opens with, or a dated stamp standing alone in one of its parts: "TOI News Desk /
    Updated: Mar 12, 2024, 19:02 IST", as bylines run the page's date on after the names."""
    reading = read_stamp(line) or read_age(line)
    if reading or len(line) > BYLINE_LINE:
        return reading
    for part in _BYLINE_PARTS.split(line)[1:]:
        reading = read_stamp(part)
        if reading and reading.alone and reading.main.has_date:
            return reading
    return None


BYLINE_LINE = 200
_BYLINE_PARTS = re.compile(r"\s+[/|·•]\s+")


# ---------------------------------------------------------------------------------------------------
# Which stamps mark entries


def _family(reading: Reading) -> tuple:
    style = reading.main.clock_style
    return (reading.alone, "12h" if style == "worn" else style, reading.main.label)


def _weak(reading: Reading) -> bool:
    """A stamp that could be something else, counted only beside stronger stamps of its shape."""
    main = reading.main
    return main.clock_style == "worn" or (main.clock_style == "military" and not main.zone)


def _entry_markers(readings: dict[int, Reading]) -> list[int]:
    """The stamps of every shape that recurs, with at least one that cannot be anything else, in document order;
    where no clock recurs, relative ages ("12m ago") that recur mark the entries, undated."""
    clocks: dict[tuple, list[int]] = defaultdict(list)
    ages: list[int] = []
    for index, reading in readings.items():
        if any(m.label == "edit" for m in reading.moments):
            continue  # an edit's time, or the page's last update: never an entry of its own
        if reading.main.has_clock:
            clocks[_family(reading)].append(index)
        elif reading.aged and reading.alone and not reading.main.has_date:
            ages.append(index)
    markers = sorted(
        index
        for members in clocks.values()
        if len(members) >= 2 and any(not _weak(readings[i]) for i in members)
        for index in members
    )
    if not markers and len(ages) >= 2:
        return sorted(ages)
    return _without_page_stamp(_one_stamp_per_time(markers, readings), readings)


def _one_stamp_per_time(markers: list[int], readings: dict[int, Reading]) -> list[int]:
    """Two stamps on consecutive lines giving the same time are one stamp, written twice (for screen readers and
    for the eye): the first, usually the fuller, stands for both."""
    return [
        index
        for index in markers
        if not (index - 1 in readings and readings[index - 1].main.clock == readings[index].main.clock)
    ]


def _without_page_stamp(markers: list[int], readings: dict[int, Reading]) -> list[int]:
    """The first stamp is the page's own date line when it alone differs from the entries' stamps in giving a
    date, writing it another way, or naming no author ("Friday 13 June 2025 00:34 BST" over "Jane Doe13 June 2025
    00:34" entries; "June 01, 2023 09:00 GMT" over "00:40 2.6.2023")."""
    if len(markers) < 3:
        return markers

    def signature(index: int) -> tuple[str, bool]:
        main = readings[index].main
        written = ("figures" if main.figures else "words") if main.has_date else ""
        return written, bool(readings[index].author)

    first = signature(markers[0])
    dated = readings[markers[0]].main.has_date  # a page's line gives its date; an entry may give less than others
    return markers[1:] if dated and all(signature(i) != first for i in markers[1:]) else markers


def _date_headers(readings: dict[int, Reading], markers: list[int]) -> dict[int, Reading]:
    """Unlabelled date lines with entries below them: each heads its entries until the next one. A date after the
    page's last update, or after today, is the day the page was read (a site's masthead), not its entries'."""
    if not markers:
        return {}
    updated = _updated_days(readings)
    latest = min([max(updated), dt.date.today()] if updated else [dt.date.today()]) + dt.timedelta(days=1)
    return {
        index: reading
        for index, reading in readings.items()
        if reading.is_date_line
        and not reading.main.label
        and index < markers[-1]
        and (reading.main.calendar_day() or dt.date.min) <= latest
    }


def _updated_days(readings: dict[int, Reading]) -> list[dt.date]:
    """The days the page says it was last updated: no entry is later."""
    return [day for r in readings.values() for m in r.moments if m.label == "edit" and (day := m.calendar_day())]


def _headlines_above(lines: list[str], readings: dict[int, Reading], markers: list[int]) -> bool:
    """Whether a stamp standing alone has its headline on the line above it, rather than below.

    Each stamp votes by the headline-like line beside it; the first stamp's line above may be the end of the
    page's preamble, so it counts half. Headlines above must stand over at least half the stamps: a few headline-like
    lines above stamps whose entries open with prose are the ends of the entries before (a related story's title,
    a credit), and taking them for headlines would cut every entry a line too early.
    """
    alone = [i for i in markers if readings[i].alone]
    above = below = 0.0
    for k, index in enumerate(alone):
        before, after = _text_line(lines, readings, index, -1), _text_line(lines, readings, index, 1)
        if before is not None and looks_like_headline(lines[before]):
            above += 0.5 if k == 0 else 1
        if after is not None and looks_like_headline(lines[after]):
            below += 1
    # The first stamp's line alone may be the preamble's: it settles nothing.
    return above > below and above >= max(1, len(alone) / 2)


def _text_line(lines: list[str], readings: dict[int, Reading], index: int, step: int) -> int | None:
    """The nearest line above (step -1) or below (step 1) that is neither a stamp nor a reporter's name."""
    at = index + step
    while 0 <= at < len(lines) and (at in readings or is_byline(lines[at])):
        at += step
    return at if 0 <= at < len(lines) else None


# ---------------------------------------------------------------------------------------------------
# How the document's figures and bare clocks read


def _day_first(readings: dict[int, Reading]) -> bool | None:
    """Whether all-figure dates put the day first: as any date's figures say (a part over 12), else as reading them
    so keeps the document's dates closest together, else month first if its stamps keep a US clock; None when
    nothing tells."""
    moments = [m for _, r in sorted(readings.items()) for m in r.moments if m.has_date]
    pairs = [m.numeric for m in moments if m.numeric]
    if any(first > 12 for first, _ in pairs):
        return True
    if any(second > 12 for _, second in pairs):
        return False
    if all(first == second for first, second in pairs):
        return None
    day_first, month_first = _spread(moments, True), _spread(moments, False)
    if day_first * 2 < month_first:
        return True
    if month_first * 2 < day_first:
        return False
    if any(m.zone in zones.US_ZONES for m in moments if m.numeric):
        return False
    return None


def _spread(moments: list[Moment], day_first: bool) -> int:
    """Days between each date and the next, in document order, with all-figure dates read one way."""
    days = [day for m in moments if (day := m.calendar_day(day_first))]
    return sum(abs((b - a).days) for a, b in zip(days, days[1:], strict=False))


# A note on the page's clocks: "All times EDT.", "Time stamps reflect local time in Prague (CEST)", "(all times local)",
# "Times are in GMT"; not any sentence with "times" in it.
_TIME_NOTE = re.compile(
    r"\b(?:all\s+times|times\s+(?:are|shown|stated|given|listed|in)|time\s*stamps?|timestamps)\b", re.IGNORECASE
)
NOTE_REACH = 12  # the zone a note names comes within this many words
_LOCAL = re.compile(r"\blocal\b", re.IGNORECASE)
# A dateline: "LIMA, Peru (AP) — ...", "KYIV — ...".
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:,\s*[A-Z][\w.' -]{1,30}?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]"
)
_WORD = re.compile(r"[\w+:−-]+")


def _zone_note(
    lines: list[str], readings: dict[int, Reading], markers: list[int], headers: dict[int, Reading]
) -> ZoneNote | None:
    """The zone of clocks that name none: a note on the page's times, else the zone most entry stamps carry,
    else one a date header or page date gives."""
    note = _stated_zone(lines)
    if note:
        return note
    carried = Counter(readings[i].main.zone for i in markers if readings[i].main.zone)
    if carried:
        return ZoneNote(carried.most_common(1)[0][0], "the other entries' stamps")
    entries = set(markers)
    for index, reading in sorted(readings.items()):
        for moment in reading.moments:
            if index not in entries and moment.zone and (moment.has_clock or index in headers):
                return ZoneNote(moment.zone, f"“{reading.text}”")
    return None


def _stated_zone(lines: list[str]) -> ZoneNote | None:
    """A zone a note on the page's times names: a city's (which follows summer time) before an abbreviation;
    "local" times are the dateline's city's."""
    datelines = [match["city"] for line in lines[: HEADER_LINES * 2] if (match := _DATELINE.match(line))]
    for line in lines:
        if len(line) > 300 or not (found := _TIME_NOTE.search(line)):
            continue
        words = [word.rstrip(":") for word in _WORD.findall(line[found.end() :])][:NOTE_REACH]
        windows = [" ".join(words[i : i + size]) for size in (3, 2, 1) for i in range(len(words) - size + 1)]
        cities = [zone for w in windows if w[:1].isupper() and (zone := zones.city_zone(w))]
        named = [key for w in windows if (key := zones.key(w))]
        source = f"“{line.strip()[:120]}”"
        if cities or named:
            return ZoneNote((cities or named)[0], source)
        if _LOCAL.search(line) and datelines and (city := zones.city_zone(datelines[0])):
            return ZoneNote(city, f"{source} and the dateline {datelines[0]}")
    return None
