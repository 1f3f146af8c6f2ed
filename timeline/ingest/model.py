"""What the pipeline produces: plain data, no dates invented."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PRECISIONS = ("minute", "day", "week", "month", "year", "unknown")
BASES = ("timestamp", "article_date", "relative", "explicit", "editor", "none")


@dataclass(frozen=True)
class Mention:
    """A phrase in an entry that places what happened relative to when it was reported."""

    text: str
    days_back: int | None = None  # "yesterday" is 1
    weekday: int | None = None  # "on Monday" is 0: the latest Monday on or before the reported day
    on: dt.date | None = None  # "on 13 September 2023"
    month_day: tuple[int, int] | None = None  # "on 13 September": the year comes from the reported day

    @property
    def basis(self) -> str:
        return "explicit" if self.on or self.month_day else "relative"


@dataclass(frozen=True)
class Stamp:
    """When an entry says it was posted: a clock time, and its day where the text or its neighbours give it."""

    text: str
    time: dt.time | None = None
    day: dt.date | None = None  # absolute, from the text or rolled over from a neighbour that has one
    offset: int | None = None  # days after the top entry's, when the text states no entry's day
    month_day: tuple[int, int] | None = None  # the day and month a date header gives, when it gives no year
    tz: str | None = None
    how: str = ""  # how it was dated, for a reader: "time from the entry's stamp “14:05”; day from the entry below it"
    doubtful: bool = False  # its day rests on a turn of the clock that may not be midnight: an editor should look
    source: str = "text"  # what gave it: "text" (the visible stamp), "structured" (schema.org data), "time_tag"


@dataclass
class ParsedEvent:
    position: int
    headline: str
    body: str
    stamp: Stamp | None = None
    mention: Mention | None = None
    repeat_of: int | None = None  # position of the first posting of the same entry

    def when(self) -> dict:
        """The unresolved dating facts, JSON-ready, so a later document date can resolve them again."""
        return {
            "stamp": _jsonable(vars(self.stamp)) if self.stamp else None,
            "mention": _jsonable(vars(self.mention)) if self.mention else None,
        }


@dataclass
class ParsedDocument:
    title: str
    layout: str  # "liveblog", "roundup" or "article"
    events: list[ParsedEvent] = field(default_factory=list)
    outlet: str = ""
    published: dt.date | None = None
    published_basis: str = "none"
    published_text: str = ""
    date_hint: dt.date | None = None
    date_hint_text: str = ""
    # What a web page says of itself beyond its text.
    url: str = ""
    language: str = ""
    timezone: str | None = None  # the zone the page shows its clocks in, when it tells
    notes: list[str] = field(default_factory=list)  # why some of the page's own data was not trusted

    @property
    def needs_review(self) -> bool:
        return self.published is None


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value
