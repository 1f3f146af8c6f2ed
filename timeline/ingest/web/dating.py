"""Which date each entry of a page takes, and why: the page's structured data where it agrees with what the page
shows, else a `<time datetime>` tag that agrees with it, else the visible stamp as the text pipeline read it.

    date_from_page(events, facts, time_tags) -> Verdict

Structured data is trusted update by update, and only when it agrees with the page: updates that all share one time
(a page that stamps every update with its own time), updates that match no entry on the page (an old or partial
list) and updates whose time disagrees with the entry's visible stamp are left out, and the verdict says so. A
visible clock with no day takes its day from a matched neighbour, else from the page's last modification.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from ..dates import dates_mentioned
from ..model import ParsedEvent, Stamp
from ..text import fold
from ..zones import zone
from .facts import PageFacts, Update

# Enough of an entry's folded text to tell it from the others, and little enough to survive small edits.
MATCH_CHARS = 80
# A page modified this long after a clock is still of the clock's day or the next.
DAY = dt.timedelta(days=1)
# A page's stated modification may precede the newest entry's clock by this much (clocks on one site disagree).
CLOCK_SLACK = dt.timedelta(minutes=15)


@dataclass
class Verdict:
    """What the page's structured data was worth, for the person reading an evaluation or a review."""

    matched: int = 0
    used: int = 0
    notes: list[str] = field(default_factory=list)
    zone: str | None = None  # the offset the page shows its clocks in, as "+01:00", when the page tells it


def date_from_page(events: list[ParsedEvent], facts: PageFacts, time_tags: list[dt.datetime], text: str) -> Verdict:
    """Re-dates `events` in place from the page's structured data, its time tags and its modification time; `text`
    is the page's main text, where the day of the event it reports may show."""
    verdict = Verdict()
    updates = _trusted(facts.updates, verdict)
    pairs = _pairs(events, updates)
    verdict.matched = len(pairs)
    if updates and not pairs:
        verdict.notes.append(f"none of the {len(updates)} structured updates is an entry shown on the page: unused")
    verdict.zone = _shown_zone(pairs, [_zone_of(tag) for tag in time_tags]) or _zone_of_page_dates(facts)
    for event, update in pairs:
        if _agrees(event.stamp, update.posted, verdict.zone):
            event.stamp = _structured_stamp(event.stamp, update, verdict.zone)
            verdict.used += 1
    if verdict.matched > verdict.used:
        verdict.notes.append(
            f"{verdict.matched - verdict.used} structured updates disagree with the entry's visible stamp: unused"
        )
    _date_by_time_tags(events, time_tags, verdict.zone)
    _days_for_clocks(events, facts, verdict.zone, text)
    return verdict


def _trusted(updates: list[Update], verdict: Verdict) -> list[Update]:
    dated = [u for u in updates if u.posted is not None]
    if len(dated) >= 3 and len({u.posted for u in dated}) == 1:
        verdict.notes.append(f"all {len(dated)} structured updates carry one time, the page's own: unused")
        return []
    return dated


def _pairs(events: list[ParsedEvent], updates: list[Update]) -> list[tuple[ParsedEvent, Update]]:
    """Each entry with the update that is the same entry, by a headline or opening words no other update shares."""
    by_key: dict[str, list[Update]] = {}
    for update in updates:
        for key in {_key(update.headline), _key(update.body)} - {""}:
            by_key.setdefault(key, []).append(update)
    pairs, taken = [], set()
    for event in events:
        for key in (_key(event.headline), _key(event.body), _key(f"{event.headline} {event.body}")):
            found = by_key.get(key, [])
            if len(found) == 1 and id(found[0]) not in taken:
                pairs.append((event, found[0]))
                taken.add(id(found[0]))
                break
    return pairs


def _key(text: str) -> str:
    return fold(text)[:MATCH_CHARS]


def _shown_zone(pairs: list[tuple[ParsedEvent, Update]], shown_zones: list[str]) -> str | None:
    """The offset the page prints its clocks in: the one most matched entries' clocks differ from their structured
    UTC times by, else the one the page's own `<time datetime>` tags give beside the clock they show."""
    offsets = Counter(
        _offset_between(event.stamp.time, update.posted)
        for event, update in pairs
        if event.stamp and event.stamp.time and not event.stamp.tz
    )
    offsets.pop(None, None)
    if offsets:
        return offsets.most_common(1)[0][0]
    return Counter(shown_zones).most_common(1)[0][0] if shown_zones else None


def _zone_of_page_dates(facts: PageFacts) -> str | None:
    """The offset the page's own modification or publication time is written in, unless UTC: a site's system
    writes its local time with its offset, and a UTC time says nothing of where its readers are."""
    for moment in (facts.modified, facts.published):
        if moment is not None and moment.tzinfo is not None and moment.utcoffset():
            return _zone_of(moment)
    return None


def _offset_between(clock: dt.time, posted: dt.datetime) -> str | None:
    if posted.tzinfo is None:
        return None
    utc = posted.astimezone(dt.UTC)
    minutes = (clock.hour * 60 + clock.minute - utc.hour * 60 - utc.minute) % (24 * 60)
    if minutes > 14 * 60:
        minutes -= 24 * 60
    if minutes % 15:
        return None
    return offset_name(dt.timedelta(minutes=minutes))


def offset_name(delta: dt.timedelta) -> str:
    """An offset as the zone table keeps it: "UTC", "+05:30", "-04:00"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _agrees(stamp: Stamp | None, posted: dt.datetime, zone_name: str | None) -> bool:
    """Whether the visible stamp shows the structured time: the same minute in the stamp's zone or the page's, and
    the same day where the stamp states one."""
    if stamp is None or stamp.time is None:
        return True
    local = _local(posted, stamp.tz or zone_name)
    if (local.hour, local.minute) != (stamp.time.hour, stamp.time.minute):
        return False
    return stamp.day is None or stamp.day == local.date()


def _local(moment: dt.datetime, zone_name: str | None) -> dt.datetime:
    if moment.tzinfo is None or zone_name is None:
        return moment
    return moment.astimezone(zone(zone_name))


def _structured_stamp(stamp: Stamp | None, update: Update, zone_name: str | None) -> Stamp:
    zone_key = (stamp.tz if stamp and stamp.tz else None) or zone_name or _zone_of(update.posted)
    local = _local(update.posted, zone_key)
    how = f"day and time from the page's structured data ({update.posted.isoformat()})"
    if stamp and stamp.time:
        how += f", as the entry's stamp “{stamp.text}” shows"
    return Stamp(
        stamp.text if stamp else update.posted.isoformat(),
        time=local.time().replace(second=0, microsecond=0),
        day=local.date(),
        tz=zone_key,
        offset=stamp.offset if stamp else None,
        how=how,
        source="structured",
    )


def _zone_of(moment: dt.datetime) -> str | None:
    return offset_name(moment.utcoffset()) if moment.tzinfo else None


def _date_by_time_tags(events: list[ParsedEvent], tags: list[dt.datetime], zone_name: str | None) -> None:
    """Dates each entry still dated by its visible clock alone from the next time tag, in the page's order, that
    shows the same clock, when the tag's zone is the one the page prints clocks in (a site that marks its local
    times as UTC would put them hours off) and its day is not another than the entry states."""
    start = 0
    for event in events:
        stamp = event.stamp
        if stamp is None or stamp.source != "text" or stamp.time is None:
            continue
        clock = (stamp.time.hour, stamp.time.minute)
        found = next((i for i in range(start, len(tags)) if (tags[i].hour, tags[i].minute) == clock), None)
        if found is None:
            continue
        start, tag = found + 1, tags[found]
        zone_key = _zone_of(tag)
        if (zone_name and zone_key != zone_name) or (stamp.day and stamp.day != tag.date()):
            continue
        how = f"day and time from the entry's time tag ({tag.isoformat()}), as its stamp “{stamp.text}” shows"
        event.stamp = replace(stamp, day=tag.date(), tz=stamp.tz or zone_key, how=how, source="time_tag")


def _days_for_clocks(events: list[ParsedEvent], facts: PageFacts, zone_name: str | None, text: str) -> None:
    """Days for clocks the text left without one: a date header's day and month take the year of the page's last
    modification; the rest are counted from the nearest thing that fixes one of them."""
    if facts.modified is not None:
        _years_for_headers(events, facts.modified, zone_name)
    undated = [e for e in events if e.stamp and e.stamp.time and e.stamp.day is None and e.stamp.offset is not None]
    counted = _counting_base(events, undated, facts, zone_name, text) if undated else None
    if counted is None:
        return
    base, how, doubtful = counted
    for event in undated:
        day = base + dt.timedelta(days=event.stamp.offset)
        note = f"{event.stamp.how}; day counted from {how}"
        event.stamp = replace(event.stamp, day=day, how=note, doubtful=event.stamp.doubtful or doubtful)


def _years_for_headers(events: list[ParsedEvent], modified: dt.datetime, zone_name: str | None) -> None:
    """A day and month without a year ("Thursday, 18 July" over its entries) are of the latest year that does not
    put them after the page's last modification."""
    for event in events:
        stamp = event.stamp
        if stamp is None or stamp.day is not None or stamp.month_day is None:
            continue
        last = _local(modified, stamp.tz or zone_name).date()
        day = _latest_on_or_before(stamp.month_day, last)
        if day is not None:
            how = f"{stamp.how}, so it is that of the page's last modification ({modified})"
            event.stamp = replace(stamp, day=day, how=how)


def _latest_on_or_before(month_day: tuple[int, int], last: dt.date) -> dt.date | None:
    for year in range(last.year, last.year - 8, -1):  # 29 February comes back within eight years
        try:
            day = dt.date(year, *month_day)
        except ValueError:
            continue
        if day <= last:
            return day
    return None


def _counting_base(
    events: list[ParsedEvent],
    undated: list[ParsedEvent],
    facts: PageFacts,
    zone_name: str | None,
    text: str,
) -> tuple[dt.date, str, bool] | None:
    """The day of offset 0, what fixes it, and whether an editor should confirm it: an entry the page's own data
    dates; else the page's last modification, which the newest entry cannot follow; else the day of the event the
    page reports (a match, a summit), on which its earliest entry is taken to be, for an editor to confirm unless
    the page shows that day too."""
    anchor = next((e for e in events if e.stamp and e.stamp.source != "text" and e.stamp.offset is not None), None)
    if anchor is not None:
        return anchor.stamp.day - dt.timedelta(days=anchor.stamp.offset), "a neighbour the page's data dates", False
    if facts.modified is not None:
        newest = max(undated, key=lambda e: (e.stamp.offset, e.stamp.time))
        on = _day_before(facts.modified, newest.stamp.time, newest.stamp.tz or zone_name)
        return on - dt.timedelta(days=newest.stamp.offset), f"the page's last modification ({facts.modified})", False
    if facts.event_day is not None:
        earliest = min(undated, key=lambda e: (e.stamp.offset, e.stamp.time))
        top = facts.event_day - dt.timedelta(days=earliest.stamp.offset)
        shown = dates_mentioned(text).get(facts.event_day)  # read only here: few pages need it
        if shown:
            return (
                top,
                f"the day of the event the page reports, “{shown}” on the page and in its structured data",
                False,
            )
        return top, f"the day of the event the page reports ({facts.event_day}, its structured start date)", True
    return None


def _day_before(modified: dt.datetime, clock: dt.time, zone_name: str | None) -> dt.date:
    """The latest day on which `clock` falls at or before the page's modification."""
    local = _local(modified, zone_name) + CLOCK_SLACK
    return local.date() if clock <= local.time() else local.date() - DAY
