"""Time-only entries take their day from their neighbours, across midnight, in either reading order."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from timeline.ingest.dates import newest_first, roll_days
from timeline.ingest.model import Stamp

START = dt.datetime(2024, 12, 2, 6, 0)
# Gaps under a day, so the clock alone can tell a new day from the same one.
gaps = st.lists(st.integers(min_value=1, max_value=24 * 60 - 1), min_size=1, max_size=40)


def moments_after(minutes: list[int]) -> list[dt.datetime]:
    moments = [START]
    for gap in minutes:
        moments.append(moments[-1] + dt.timedelta(minutes=gap))
    return moments


def stamps_for(moments: list[dt.datetime], dated: set[int]) -> list[Stamp]:
    return [Stamp(text="", time=m.time(), day=m.date() if i in dated else None) for i, m in enumerate(moments)]


@given(gaps, st.data(), st.booleans())
def test_every_entry_gets_the_day_it_was_posted(minutes, data, reverse):
    moments = moments_after(minutes)
    dated = data.draw(st.sets(st.integers(min_value=0, max_value=len(moments) - 1), min_size=1))
    stamps = stamps_for(moments, dated)
    if reverse:
        moments, stamps = moments[::-1], stamps[::-1]
    assert [s.day for s in roll_days(stamps, reverse)] == [m.date() for m in moments]


@given(gaps, st.booleans())
def test_without_any_dated_entry_days_are_counted_from_the_earliest(minutes, reverse):
    moments = moments_after(minutes)
    stamps = stamps_for(moments, set())
    if reverse:
        moments, stamps = moments[::-1], stamps[::-1]
    rolled = roll_days(stamps, reverse)
    assert all(s.day is None for s in rolled)
    assert [s.offset for s in rolled] == [(m.date() - START.date()).days for m in moments]


@given(gaps, st.booleans())
def test_the_reading_order_is_judged_right_when_posts_come_less_than_twelve_hours_apart_on_average(minutes, reverse):
    moments = moments_after(minutes)
    stamps = stamps_for(moments, set())
    if reverse:
        stamps = stamps[::-1]
    if sum(minutes) < len(minutes) * 12 * 60:
        assert newest_first(stamps) == reverse


def test_dated_entries_settle_the_reading_order_whatever_the_clock_says():
    stamps = [Stamp("", dt.time(1, 0), dt.date(2024, 12, 4)), Stamp("", dt.time(23, 0), dt.date(2024, 12, 3))]
    assert newest_first(stamps) is True


def test_the_seed_style_blog_rolls_its_time_only_entries_into_the_next_day():
    stamps = [
        Stamp("09:01", dt.time(9, 1)),
        Stamp("01:00", dt.time(1, 0)),
        Stamp("Tuesday 3 December 2024 23:59", dt.time(23, 59), dt.date(2024, 12, 3)),
        Stamp("Tuesday 3 December 2024 09:56", dt.time(9, 56), dt.date(2024, 12, 3)),
    ]
    rolled = roll_days(stamps)
    assert [s.day for s in rolled] == [dt.date(2024, 12, 4)] * 2 + [dt.date(2024, 12, 3)] * 2
    assert "the day after the entry below it, past midnight" in rolled[1].how


def test_an_oldest_first_blog_rolls_forward_past_midnight():
    times = [dt.time(21, 40), dt.time(22, 55), dt.time(23, 30), dt.time(0, 15), dt.time(1, 10)]
    stamps = [Stamp("", t) for t in times]
    stamps[0] = Stamp("", times[0], dt.date(2024, 12, 3))
    assert [s.day.day for s in roll_days(stamps)] == [3, 3, 3, 4, 4]
