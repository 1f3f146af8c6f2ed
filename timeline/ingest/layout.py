"""The document decides its own layout: which stamps mark its entries, which date lines head them, which lines
only date the page, where headlines stand, which zone its bare clocks are in, and how its figures read.

    read_layout(lines) -> Layout

Every line's start is read by the stamp grammar. The stamp shape that recurs (where the stamp stands, its clock's
style, its label) marks the entries; a lone stamp of another shape, or one that says it was "updated", dates the
page or an edit, never an entry. A date alone on its line heads the time-only entries below it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import zones
from .stamps import Moment, Reading, read_stamp, tokens
from .text import looks_like_headline

# A page's own date lines stand in its header; further down a date line is part of the news.
HEADER_LINES = 25
_ALL_TIMES = re.compile(
    r"\b(?:all\s+)?times\s+(?:(?:are|stated\s+are|shown\s+are|listed\s+are|given\s+are|shown|are\s+in)\s+)?"
    r"(?:in\s+)?(?P<zone>[A-Z][\w+:−-]*(?:\s+[A-Za-z][\w+:−-]*){0,2})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ZoneNote:
    """The zone a document's bare clocks are in, and the words that say so."""

    key: str
    source: str


@dataclass
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

    def skipped(self) -> set[int]:
        """Stamp lines that carry no text of an entry: headers, page dates, edit notes, stray stamps."""
        return {i for i, r in self.readings.items() if i not in self.markers and r.alone}

    def header_above(self, index: int) -> tuple[int, Reading] | None:
        above = [i for i in self.headers if i < index]
        return (max(above), self.headers[max(above)]) if above else None


def read_layout(lines: list[str]) -> Layout:
    readings = {i: reading for i, line in enumerate(lines) if (reading := read_stamp(line))}
    layout = Layout(readings=readings)
    layout.markers = _entry_markers(readings)
    layout.headers = _date_headers(readings, layout.markers)
    header_ends = layout.markers[0] if layout.markers else HEADER_LINES
    layout.page_dates = [
        i
        for i, r in sorted(readings.items())
        if i < header_ends and i not in layout.headers and any(m.has_date for m in r.moments)
    ]
    layout.headlines_above = _headlines_above(lines, layout)
    layout.day_first = _day_first([m for r in readings.values() for m in r.moments])
    layout.zone = _zone_note(lines, layout)
    return layout


def is_age_line(line: str) -> bool:
    """A relative age alone ("2h ago"), which dates nothing: the crawl's time is unknown."""
    found = tokens(line)
    return bool(found) and found[-1].end >= len(line.strip()) and all(t.kind in ("age", "sep") for t in found)


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
    """The stamps of every shape that recurs at least twice, not counting weak ones, in document order."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, reading in readings.items():
        if reading.main.has_clock and not any(m.label == "edit" for m in reading.moments):
            groups[_family(reading)].append(index)
    markers = sorted(
        index
        for members in groups.values()
        if sum(1 for i in members if not _weak(readings[i])) >= 2
        for index in members
    )
    dated = [i for i in markers if readings[i].main.has_date]
    if len(markers) >= 3 and dated == markers[:1]:
        markers = markers[1:]  # one dated stamp heading time-only entries is the page's date line
    return markers


def _date_headers(readings: dict[int, Reading], markers: list[int]) -> dict[int, Reading]:
    """Unlabelled date lines with entries below them: each heads its entries until the next one."""
    if not markers:
        return {}
    return {
        index: reading
        for index, reading in readings.items()
        if reading.is_date_line and not reading.main.label and index < markers[-1]
    }


def _headlines_above(lines: list[str], layout: Layout) -> bool:
    """Whether a stamp standing alone has its headline on the line above it, rather than below.

    Each stamp votes by the headline-like line beside it; the first stamp's line above may be the end of the
    page's preamble, so it counts half.
    """
    alone = [i for i in layout.markers if layout.readings[i].alone]
    taken = set(layout.readings)
    above = below = 0.0
    for k, index in enumerate(alone):
        if index - 1 >= 0 and index - 1 not in taken and looks_like_headline(lines[index - 1]):
            above += 0.5 if k == 0 else 1
        if index + 1 < len(lines) and index + 1 not in taken and looks_like_headline(lines[index + 1]):
            below += 1
    return above > below


# ---------------------------------------------------------------------------------------------------
# How the document's figures and bare clocks read


def _day_first(moments: list[Moment]) -> bool | None:
    """Day before month in all-figures dates, if any date's figures say so; None when none can tell."""
    pairs = [m.numeric for m in moments if m.numeric]
    if any(first > 12 for first, _ in pairs):
        return True
    if any(second > 12 for _, second in pairs):
        return False
    return None


def _zone_note(lines: list[str], layout: Layout) -> ZoneNote | None:
    """The zone of clocks that name none: a note ("All times EDT."), else the zone most entry stamps carry,
    else one a page date gives."""
    for line in lines:
        for match in _ALL_TIMES.finditer(line):
            words = match["zone"].rstrip(".:;,").split()
            for size in range(len(words), 0, -1):
                key = zones.key(" ".join(words[:size]).rstrip(".:;,"))
                if key:
                    return ZoneNote(key, f"“{match[0].strip().rstrip('.:;,')}”")
    carried = Counter(m.zone for i in layout.markers for m in layout.readings[i].moments[:1] if m.zone)
    if carried:
        key, _ = carried.most_common(1)[0]
        return ZoneNote(key, "the other entries' stamps")
    for index in sorted(layout.readings):
        if index in layout.markers:
            continue
        for moment in layout.readings[index].moments:
            if moment.zone and moment.has_clock:
                return ZoneNote(moment.zone, f"“{layout.readings[index].text}”")
    return None
