"""Entry timestamps and article dates in the forms outlets print."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.ingest.dates import parse_clock, parse_day, read_article_date, read_stamp, zone


@pytest.mark.parametrize(
    ("line", "time", "day", "tz"),
    [
        ("09:01 , Jabed Ahmed", dt.time(9, 1), None, None),
        ("Tuesday 3 December 2024 23:59 , Jabed Ahmed", dt.time(23, 59), dt.date(2024, 12, 3), None),
        ("14.05 GMT", dt.time(14, 5), None, "GMT"),
        ("Posted at 14:05", dt.time(14, 5), None, None),
        ("1h ago 14:05", dt.time(14, 5), None, None),
        ("12:05 p.m. ET", dt.time(12, 5), None, "ET"),
        ("12:05 a.m. ET", dt.time(0, 5), None, "ET"),
        ("3 Dec 2024 14:05 EET", dt.time(14, 5), dt.date(2024, 12, 3), "EET"),
        ("Tue 3 Dec 2024 14.05 GMT", dt.time(14, 5), dt.date(2024, 12, 3), "GMT"),
        ("9.32am GMT", dt.time(9, 32), None, "GMT"),
        ("December 3, 2024, 7:45 PM", dt.time(19, 45), dt.date(2024, 12, 3), None),
        ("1:58 p.m. ET, December 4, 2024", dt.time(13, 58), dt.date(2024, 12, 4), "ET"),
        ("9:01 AM EST Dec 4, 2024", dt.time(9, 1), dt.date(2024, 12, 4), "EST"),
        ("14:05 GMT, 4 December 2024, by Jo Smith", dt.time(14, 5), dt.date(2024, 12, 4), "GMT"),
    ],
)
def test_it_reads_timestamp_lines(line, time, day, tz):
    stamp = read_stamp(line)
    assert stamp is not None, line
    assert (stamp.time, stamp.day, stamp.tz) == (time, day, tz)


@pytest.mark.parametrize(
    "line",
    [
        "The attack began at 09:01 and lasted an hour.",
        "Up to 100 incidents were recorded.",
        "25:61 , Nobody",
        "13:05 p.m. ET",
        "3.5 million people fled",
        "09:01 , and then the sirens started over the whole of the city centre again",
    ],
)
def test_it_does_not_take_prose_or_impossible_times_for_timestamps(line):
    assert read_stamp(line) is None


def test_it_borrows_the_year_for_a_stamp_that_has_none():
    assert read_stamp("3 Dec 14:05", year=2024).day == dt.date(2024, 12, 3)
    assert read_stamp("3 Dec 14:05").day is None
    assert read_stamp("23:40 BST 6 August", year=2024).day == dt.date(2024, 8, 6)


def test_ist_is_india_standard_time():
    assert zone("IST").utcoffset(None) == dt.timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("line", "label", "day", "rest"),
    [
        (
            "Published September 5, 2023last updated September 5, 2023What you need to know",
            "published",
            dt.date(2023, 9, 5),
            "What you need to know",
        ),
        ("Updated 3 December 2024", "updated", dt.date(2024, 12, 3), ""),
        ("Published On 3 Dec 2024", "published", dt.date(2024, 12, 3), ""),
        ("Last updated: 4 December 2024 10:30 GMT", "updated", dt.date(2024, 12, 4), ""),
        ("5 September 2023", "published", dt.date(2023, 9, 5), ""),
        ("Updated 9:01 AM EST, December 4, 2024", "updated", dt.date(2024, 12, 4), ""),
        ("December 4, 2024 9:01 AM GMT+0 Updated 2 hours ago", "published", dt.date(2024, 12, 4), ""),
        ("Dec 4, 2024 11:42 PM", "published", dt.date(2024, 12, 4), ""),
    ],
)
def test_it_reads_article_dates_and_keeps_what_is_glued_after_them(line, label, day, rest):
    assert read_article_date(line) == (label, day, rest)


@pytest.mark.parametrize("line", ["Published on Updated", "Updated just now", "Published by the ministry"])
def test_it_finds_no_article_date_where_none_is_given(line):
    assert read_article_date(line) is None


@pytest.mark.parametrize("word", ["may", "march", "sat", "now", "a second", "The Sun", "today", "3 December"])
def test_dateparser_is_never_asked_for_a_day_from_words_that_name_none(word):
    assert parse_day(word) is None


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("23:59", dt.time(23, 59)),
        ("12:30 pm", dt.time(12, 30)),
        ("12:30 am", dt.time(0, 30)),
        ("24:00", None),
        ("0:61", None),
    ],
)
def test_it_reads_clock_times(text, clock):
    assert parse_clock(text) == clock
