"""When each entry was posted, as far as the text states it, and the document's own date.

    date_live_blog(entries, layout) -> Dated
    date_page(layout) -> PageDate | None

A live-blog entry's day comes from its own stamp, else from the date header above it, else from a page line
that gives its very time, else from its dated neighbours across midnight. A year the text does not give is
borrowed only from a full date the document states close by. When no day is stated anywhere, days are counted
from the top entry's, for an editor to give, and the editor is offered a suggestion with its reason (a weekday
that fits one year, a page updated soon after its newest entry). Nothing here invents a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .dates import long_date, newest_first, roll_days
from .layout import Layout
from .model import Stamp
from .segment import Entry
from .stamp_moments import Moment
from .stamp_reader import Reading
from .stamp_tokens import WEEKDAYS
from .zones import zone as tzinfo_for

# A year is borrowed from a stated date only this close to it.
YEAR_WINDOW = dt.timedelta(days=62)
# A page updated this soon after its newest entry was updated for that entry: the entry is of the update's day.
UPDATE_REACH = dt.timedelta(hours=2)
# Where no year is known, days are counted in a leap year, so that 29 February exists.
COUNTING_YEAR = 2024


@dataclass(frozen=True)
class Suggestion:
    """A date the text points to without stating it, offered to an editor with its reason."""

    day: dt.date
    reason: str


@dataclass
class Dated:
    stamps: list[Stamp | None]
    stated: bool  # some entry's day is stated by the text
    published_text: str = ""  # what stated the earliest entry's day
    suggestion: Suggestion | None = None


@dataclass(frozen=True)
class PageDate:
    """The date a page states for itself: "Published September 5, 2023", "Updated: 2:04pm, 17 Aug, 2022"."""

    day: dt.date
    moment: Moment
    text: str


@dataclass
class _Known:
    """What the text says of one entry's day: a calendar day, or only a month and day, and what said it."""

    day: dt.date | None = None
    month_day: tuple[int, int] | None = None
    weekday: int | None = None
    source: str = ""  # the stamp, header or page line that gives it, as written
    how: str = ""


def date_page(layout: Layout) -> PageDate | None:
    """The page's own date: published before unlabelled before updated, the first of each kind."""
    candidates = []
    for index in layout.page_dates:
        reading = layout.readings[index]
        for moment in reading.moments:
            day = full_day(moment, layout)
            if day:
                rank = {"publish": 0, None: 1, "entry": 1, "edit": 2}[moment.label]
                candidates.append((rank, index, PageDate(day, moment, reading.text)))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def full_day(moment: Moment, layout: Layout) -> dt.date | None:
    """The calendar day a moment states, if it states day, month and year; figures read as the document reads them."""
    return moment.calendar_day(layout.day_first)


def article_stamp(page: PageDate) -> Stamp | None:
    """A single article's time, when its date line gives one."""
    if page.moment.clock is None:
        return None
    how = f"day and time from the page's date line “{page.text}”"
    return Stamp(page.text, time=page.moment.clock, day=page.day, tz=page.moment.zone, how=how)


def date_live_blog(entries: list[Entry], layout: Layout) -> Dated:
    if not entries or any(entry.marker is None for entry in entries):
        return Dated([None] * len(entries), False)  # none, or a live page whose posts lost their stamps
    readings = [layout.readings[e.marker] for e in entries]
    known = [_known(entry, reading, layout) for entry, reading in zip(entries, readings, strict=True)]
    zone_keys = [_zone(reading, entry, layout) for entry, reading in zip(entries, readings, strict=True)]
    _past_midnight_under_headers(known, readings, [layout.header_above(e.marker) for e in entries])
    _borrow_years(known, layout)
    if not any(k.day for k in known):
        _anchor_on_page_line(known, readings, layout)
    stamps = [
        Stamp(r.text, time=r.main.clock, day=k.day, tz=zone_key, how=_with_zone_note(k.how, r, e, layout))
        for e, r, k, zone_key in zip(entries, readings, known, zone_keys, strict=True)
    ]
    if any(k.day for k in known):
        rolled = roll_days(stamps)
        earliest = min(range(len(rolled)), key=lambda i: (rolled[i].day, i))
        source = next((k.source for k in known if k.day == rolled[earliest].day and k.source), "")
        return Dated(rolled, True, source or next(k.source for k in known if k.source))
    undated = _undated(stamps, known)
    undated.suggestion = undated.suggestion or _update_suggestion(undated.stamps, readings, zone_keys, layout)
    return undated


def _known(entry: Entry, reading: Reading, layout: Layout) -> _Known:
    main = reading.main
    time = f"time from the entry's stamp “{reading.text}”" if main.clock else f"the entry's stamp “{reading.text}”"
    day = full_day(main, layout)
    if day:
        return _Known(day=day, source=reading.text, how=f"day and time from the entry's stamp “{reading.text}”")
    if main.month_day(layout.day_first):
        how = f"day and time from the entry's stamp “{reading.text}”, which gives no year"
        return _Known(month_day=main.month_day(layout.day_first), weekday=main.weekday, source=reading.text, how=how)
    header = layout.header_above(entry.marker)
    if header:
        head = header[1].main
        how = f"{time}; day from the date header “{header[1].text}” above it"
        day = full_day(head, layout)
        if day:
            return _Known(day=day, source=header[1].text, how=how)
        return _Known(month_day=head.month_day(layout.day_first), weekday=head.weekday, source=header[1].text, how=how)
    return _Known(how=time)


def _past_midnight_under_headers(known: list[_Known], readings: list[Reading], headers: list) -> None:
    """Entries under one date header that run on past midnight are of the next day: the clock jumps back by more
    than half a day between two entries in the order they were posted ("23:55", then "00:20"). A smaller jump back
    is an entry out of order, a pinned one, and keeps the header's day."""
    groups: dict[int, list[int]] = {}
    for k, header in enumerate(headers):
        if header is not None and known[k].day and readings[k].main.clock and not readings[k].main.has_date:
            groups.setdefault(header[0], []).append(k)
    for members in groups.values():
        stamps = [Stamp(readings[k].text, readings[k].main.clock) for k in members]
        posted = members[::-1] if newest_first(stamps) else members
        days_on = 0
        for earlier, later in zip(posted, posted[1:], strict=False):
            days_on += _minutes(readings[earlier].main.clock) - _minutes(readings[later].main.clock) > 12 * 60
            if days_on:
                known[later].day += dt.timedelta(days=days_on)
                known[later].how += f", {days_on} day(s) on, past midnight"


def _minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def _stated_days(layout: Layout) -> list[tuple[dt.date, str]]:
    return [
        (day, reading.text)
        for reading in layout.readings.values()
        for moment in reading.moments
        if (day := full_day(moment, layout))
    ]


def _borrow_years(known: list[_Known], layout: Layout) -> None:
    """A month and day take the year of a full date the document states, when that puts them close to it."""
    stated = _stated_days(layout)
    for k in known:
        if k.day or not k.month_day or not stated:
            continue
        options = [
            (abs(candidate - day), candidate, text)
            for day, text in stated
            for year in (day.year - 1, day.year, day.year + 1)
            if (candidate := _safe_date(year, *k.month_day))
        ]
        distance, candidate, text = min(options, key=lambda o: o[0])
        if distance <= YEAR_WINDOW:
            k.day, k.how = candidate, f"{k.how.removesuffix(', which gives no year')}, and the year from “{text}”"


def _anchor_on_page_line(known: list[_Known], readings: list[Reading], layout: Layout) -> None:
    """A page line with a full date states one entry's day when it gives that very entry's time: "Tue 3 Dec 2024
    14.05 GMT" over a "14.05 GMT" entry is that entry's stamp, repeated as the page's."""
    for page, moment, day in _dated_page_moments(layout):
        same = [k for k, r in enumerate(readings) if r.main.clock == moment.clock and _same_zone(r.main, moment)]
        if len(same) == 1:
            k = known[same[0]]
            k.day, k.source = day, page.text
            k.how = f"{k.how}; day from the page's line “{page.text}”, which gives this entry's time"
            return


def _dated_page_moments(layout: Layout):
    """(page line, moment, day) for each page line's moment that gives a full date and a time."""
    for index in layout.page_dates:
        page = layout.readings[index]
        for moment in page.moments:
            day = full_day(moment, layout)
            if day and moment.clock is not None:
                yield page, moment, day


def _update_suggestion(
    stamps: list[Stamp], readings: list[Reading], zone_keys: list[str | None], layout: Layout
) -> Suggestion | None:
    """A page updated soon after its newest entry suggests that entry's day, and so the top entry's; the update
    may have come days later, so it is not a stated date."""
    newest = _newest(readings)
    if newest is None:
        return None
    for page, moment, day in _dated_page_moments(layout):
        if moment.label not in (None, "edit"):
            continue
        posted = _posted_before(day, moment, readings[newest].main.clock, zone_keys[newest])
        if posted:
            minutes = round(posted[1] / dt.timedelta(minutes=1))
            top = posted[0] - dt.timedelta(days=stamps[newest].offset or 0)
            reason = (
                f"the page was updated “{page.text}”, {minutes} minutes after its newest entry "
                f"(“{readings[newest].text}”), which was then posted on {long_date(posted[0])}"
            )
            return Suggestion(top, reason)
    return None


def _newest(readings: list[Reading]) -> int | None:
    """The newest entry: the top one in a blog that runs newest first, else the last."""
    timed = [k for k, r in enumerate(readings) if r.main.clock]
    if not timed:
        return None
    stamps = [Stamp(readings[k].text, readings[k].main.clock) for k in timed]
    return timed[0] if newest_first(stamps) else timed[-1]


def _posted_before(
    day: dt.date, update: Moment, clock: dt.time, zone_key: str | None
) -> tuple[dt.date, dt.timedelta] | None:
    """The day an entry at `clock` was posted if the page's update (`day` at `update`'s time) came at most
    `UPDATE_REACH` after it; its clock read in its zone, or in the update's when either names none."""
    update_zone = tzinfo_for(update.zone) if update.zone and zone_key else dt.UTC
    entry_zone = tzinfo_for(zone_key) if update.zone and zone_key else dt.UTC
    updated = dt.datetime.combine(day, update.clock, update_zone)
    for candidate in (day, day - dt.timedelta(days=1)):
        gap = updated - dt.datetime.combine(candidate, clock, entry_zone)
        if dt.timedelta(0) <= gap <= UPDATE_REACH:
            return candidate, gap
    return None


def _same_zone(a: Moment, b: Moment) -> bool:
    if not a.zone or not b.zone:
        return True
    probe = dt.datetime(2024, 1, 15, 12)
    return tzinfo_for(a.zone).utcoffset(probe) == tzinfo_for(b.zone).utcoffset(probe)


def _zone(reading: Reading, entry: Entry, layout: Layout) -> str | None:
    """The zone of the entry's clock: its own, its date header's, or the one the document gives its clocks."""
    if reading.main.zone:
        return reading.main.zone
    header = layout.header_above(entry.marker)
    if header and header[1].main.zone:
        return header[1].main.zone
    return layout.zone.key if layout.zone else None


def _with_zone_note(how: str, reading: Reading, entry: Entry, layout: Layout) -> str:
    if reading.main.zone or reading.main.clock is None:
        return how
    header = layout.header_above(entry.marker)
    if header and header[1].main.zone:
        return f"{how}; zone {header[1].main.zone} from the date header"
    return f"{how}; zone {layout.zone.key} from {layout.zone.source}" if layout.zone else how


def _undated(stamps: list[Stamp], known: list[_Known]) -> Dated:
    """No day stated: each entry's day is counted from the top entry's, and an editor is offered a suggestion."""
    year = _fitting_year(known) or COUNTING_YEAR
    counted = [
        replace(s, day=_safe_date(year, *k.month_day)) if k.month_day else s for s, k in zip(stamps, known, strict=True)
    ]
    _settle_years(counted)
    rolled = roll_days(counted)
    if any(s.day for s in rolled):
        top = rolled[0].day
        rolled = [replace(s, day=None, offset=(s.day - top).days) for s in rolled]
    else:
        top_offset = rolled[0].offset or 0
        rolled = [replace(s, offset=(s.offset or 0) - top_offset) for s in rolled]
    rolled = [
        replace(s, month_day=k.month_day, how=f"{s.how}; the {'year' if k.month_day else 'day'} is not stated")
        for s, k in zip(rolled, known, strict=True)
    ]
    return Dated(rolled, False, "", _weekday_suggestion(known, year, rolled))


def _settle_years(stamps: list[Stamp]) -> None:
    """Month-and-day dates in one counting year, each moved a year where that keeps it beside the one before."""
    previous = None
    for k, stamp in enumerate(stamps):
        if stamp.day is None:
            continue
        if previous is not None:
            options = [_safe_date(previous.year + d, stamp.day.month, stamp.day.day) for d in (-1, 0, 1)]
            stamps[k] = replace(stamp, day=min((o for o in options if o), key=lambda o: abs(o - previous)))
        previous = stamps[k].day


def _fitting_year(known: list[_Known]) -> int | None:
    """The latest year, not after this one, in which every weekday the text pairs with a date falls right."""
    pairs = [(k.month_day, k.weekday) for k in known if k.month_day and k.weekday is not None]
    if not pairs:
        return None
    for year in range(dt.date.today().year, 1969, -1):
        if all((d := _safe_date(year, *md)) and d.weekday() == wd for md, wd in pairs):
            return year
    return None


def _weekday_suggestion(known: list[_Known], year: int, stamps: list[Stamp]) -> Suggestion | None:
    with_weekday = next((k for k in known if k.month_day and k.weekday is not None), None)
    if with_weekday is None or year == COUNTING_YEAR and _fitting_year(known) is None:
        return None
    day = _safe_date(year, *with_weekday.month_day)
    first = known.index(with_weekday)
    top = day - dt.timedelta(days=stamps[first].offset or 0)
    reason = (
        f"“{with_weekday.source}” gives no year; {day.day} {day:%B} fell on a "
        f"{WEEKDAYS[day.weekday()]} in {year}, the latest such year"
    )
    return Suggestion(top, reason)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
