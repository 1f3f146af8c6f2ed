"""The stamp grammar, part by part: clocks, zones, dates, labels, authors, ages, and what follows a stamp."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.ingest.dates import parse_day
from timeline.ingest.stamp_moments import read_clock
from timeline.ingest.stamp_reader import read_stamp
from timeline.ingest.stamp_tokens import MAX_STAMP, tokens
from timeline.ingest.zones import canonical, city_zone, key, zone


def main(line: str):
    reading = read_stamp(line)
    assert reading is not None, line
    return reading.main


# ---------------------------------------------------------------------------------------------------
# Clocks


@pytest.mark.parametrize(
    ("line", "time", "style"),
    [
        ("14:05", dt.time(14, 5), "24h"),
        ("14.05", dt.time(14, 5), "24h"),
        ("07:45:12", dt.time(7, 45), "24h"),
        ("2:05pm", dt.time(14, 5), "12h"),
        ("3.15am", dt.time(3, 15), "12h"),
        ("9:40 a.m.", dt.time(9, 40), "12h"),
        ("12:10 AM", dt.time(0, 10), "12h"),
        ("12:10 p.m.", dt.time(12, 10), "12h"),
        ("7pm", dt.time(19, 0), "12h"),
        ("11:20: p.m.", dt.time(23, 20), "12h"),  # a stray colon before the half of the day
        ("noon GMT", dt.time(12, 0), "12h"),
        ("midnight GMT", dt.time(0, 0), "12h"),
        ("0845 GMT", dt.time(8, 45), "military"),
    ],
)
def test_it_reads_a_clock_in_any_style(line, time, style):
    moment = main(line)
    assert (moment.clock, moment.clock_style) == (time, style)


def test_a_clock_whose_figures_were_lost_is_still_a_stamp_with_no_time():
    moment = main("p.m.")
    assert (moment.clock, moment.clock_style) == (None, "worn")


@pytest.mark.parametrize("text", ["25:10", "13:05 p.m.", "0:61", "24:00"])
def test_figures_that_are_no_time_of_day_are_no_clock(text):
    assert read_clock(text) == (None, None)


def test_four_figures_are_a_clock_only_before_a_zone_or_a_dash():
    assert main("2215 GMT — Talks resume in the capital").clock == dt.time(22, 15)
    assert main("2215 — Talks resume in the capital").clock_style == "military"
    assert read_stamp("2215 people were evacuated") is None
    assert read_stamp("2024 — a year of drones") is None  # the text after it starts no sentence


# ---------------------------------------------------------------------------------------------------
# Zones


@pytest.mark.parametrize(
    ("line", "zone_key", "offset_hours"),
    [
        ("14:05 GMT", "GMT", 0),
        ("14:05 BST", "BST", 1),
        ("14:05 GMT+1", "+01:00", 1),
        ("14:05 UTC-3", "-03:00", -3),
        ("9:00 (JST)", "JST", 9),
        ("20:10 Greenwich Mean Time", "UTC", 0),
        ("20:10 Tokyo time", "Asia/Tokyo", 9),
        ("8:15 a.m. ET", "ET", -5),
        ("8:15 a.m. Eastern", "America/New_York", -5),
        ("10:30 IST", "IST", 5.5),  # India's, as outlets mostly mean it
    ],
)
def test_it_reads_a_zone_as_printed_or_spelled_out(line, zone_key, offset_hours):
    moment = main(line)
    assert moment.zone == zone_key
    offset = zone(moment.zone).utcoffset(dt.datetime(2024, 1, 15, 12))
    assert offset == dt.timedelta(hours=offset_hours)


def test_a_second_clock_in_another_zone_is_a_conversion_and_the_first_one_counts():
    reading = read_stamp("8:20am EST, 4:20pm EAT")
    assert [(m.clock, m.zone) for m in reading.moments] == [(dt.time(8, 20), "EST"), (dt.time(16, 20), "EAT")]
    reading = read_stamp("04:10 GMT/ 22:10 CST: Ceasefire talks open")
    assert (reading.main.clock, reading.main.zone, reading.rest) == (dt.time(4, 10), "GMT", "Ceasefire talks open")


def test_a_conversion_with_a_digit_lost_does_not_spoil_the_stamp():
    assert main("8:05am. EST, 4:5pm EAT").clock == dt.time(8, 5)


def test_zone_names_come_from_the_zone_database_not_a_list_of_cities():
    assert city_zone("Kyiv") == "Europe/Kyiv"
    assert canonical("Lisbon time") == "Europe/Lisbon"
    assert canonical("Prime time") is None
    assert key("EDT") == "EDT" and zone("EDT").tzname(None) == "EDT"


def test_a_zone_abbreviation_must_be_in_capitals_and_stand_alone():
    assert read_stamp("14:05 ESTONIA") is None  # a word in capitals after a bare clock is text, and no zone
    reading = read_stamp("14:05 EDTUpdated 15:10 EDT")  # glued words, as scrapers leave them
    assert [m.zone for m in reading.moments] == ["EDT", "EDT"]


# ---------------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("9 March 2023 10:15", (2023, 3, 9, None)),
        ("10:15, 9 March 2023", (2023, 3, 9, None)),
        ("Mar. 9, 10:15 a.m.", (None, 3, 9, None)),
        ("Thursday, Mar 9 10:15", (None, 3, 9, 3)),
        ("Thu 9 Mar 2023 10.15 GMT", (2023, 3, 9, 3)),
        ("2023-03-09 10:15", (2023, 3, 9, None)),
        ("10:15 March 9th, 2023", (2023, 3, 9, None)),
    ],
)
def test_it_reads_a_date_before_or_after_the_clock(line, parts):
    moment = main(line)
    assert (moment.year, moment.month, moment.day, moment.weekday) == parts


def test_all_figure_dates_are_read_in_the_order_the_document_uses():
    moment = main("18:40 9.3.2023")
    assert moment.numeric == (9, 3) and moment.year == 2023
    assert moment.calendar_day(day_first=True) == dt.date(2023, 3, 9)
    assert moment.calendar_day(day_first=False) == dt.date(2023, 9, 3)
    assert main("UPDATE: 9/13/23 6:00 PM ET").calendar_day() == dt.date(2023, 9, 13)  # 13 is no month


def test_a_date_line_alone_is_a_date_line_and_a_date_in_prose_is_no_stamp():
    reading = read_stamp("Wednesday, June 7, 2023")
    assert reading.is_date_line and reading.main.calendar_day() == dt.date(2023, 6, 7)
    assert read_stamp("Sunday, June 11 (Kyiv time)").main.zone == "Europe/Kyiv"
    assert read_stamp("June 7, 2023 was the day the dam broke") is None
    assert read_stamp("Sunday's attack hit the port") is None
    assert read_stamp("May the talks succeed") is None


# ---------------------------------------------------------------------------------------------------
# Labels, authors and ages


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("UPDATE: 6/2/23 4:00 PM ET", "entry"),
        ("Key update 11:05", "entry"),
        ("Posted at 11:05", "publish"),
        ("published at 11:05 Greenwich Mean Time 6 June 2023", "publish"),
        ("First published on Tue 6 Jun 2023 07.00 BST", "publish"),
        ("Updated 11:05 GMT", "edit"),
        ("Last updated: Tue 6 Jun 2023, 11:05 AM", "edit"),
    ],
)
def test_a_label_says_what_the_time_beside_it_is(line, label):
    assert main(line).label == label


def test_a_page_line_with_two_times_gives_both():
    reading = read_stamp("Tue 6 Jun 2023 11.05 BSTFirst published on Mon 5 Jun 2023 22.10 BST")
    assert [(m.label, m.calendar_day()) for m in reading.moments] == [
        (None, dt.date(2023, 6, 6)),
        ("publish", dt.date(2023, 6, 5)),
    ]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("11:05 , Maria Lopez", "Maria Lopez"),
        ("Tuesday 6 June 2023 11:05 , Maria Lopez", "Maria Lopez"),
        ("11:05 GMT, 6 June 2023, by Ana de la Cruz", "Ana de la Cruz"),
        ("11:05 | Tom O'Neill", "Tom O'Neill"),
        ("21:32 Niamh Walsh", "Niamh Walsh"),  # no separator: two or more names alone after the clock
    ],
)
def test_an_author_after_the_stamp_is_not_the_entry(line, author):
    reading = read_stamp(line)
    assert (reading.author, reading.rest, reading.alone) == (author, "", True)


def test_a_relative_age_never_dates_anything_alone():
    assert read_stamp("3h ago") is None
    assert read_stamp("Just now") is None
    reading = read_stamp("412d ago / 8:03 PM UTC")
    assert (reading.main.clock, reading.aged) == (dt.time(20, 3), True)


# ---------------------------------------------------------------------------------------------------
# What follows a stamp on its line


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("3.15am: Port reopens after drone attack", "Port reopens after drone attack"),
        (
            "9:40 a.m. Officials in the capital say the port has reopened.",
            "Officials in the capital say the port has reopened.",
        ),
        ("2215 GMT — ‘We will rebuild’, mayor says", "‘We will rebuild’, mayor says"),
        ("11:20: p.m.: Governor says shelters stay open", "Governor says shelters stay open"),
    ],
)
def test_the_text_after_a_stamp_on_its_line_is_the_entrys(line, rest):
    reading = read_stamp(line)
    assert (reading.rest, reading.alone) == (rest, False)


@pytest.mark.parametrize(
    "line",
    [
        "The convoy left at 09:01 and arrived an hour later.",
        "Up to 100 incidents were recorded.",
        "25:61 , Nobody",
        "13:05 p.m. ET",
        "3.5 million people fled",
        "09:01 , and then the sirens started over the whole of the city centre again",
        "14:05 officials said nothing",  # no separator, no zone, no half of the day: prose
        "P.M. Sharif said talks would go on",
        "At 10:30 the sirens sounded",
    ],
)
def test_prose_and_impossible_times_are_no_stamps(line):
    assert read_stamp(line) is None


def test_a_page_date_keeps_the_text_glued_after_it():
    reading = read_stamp("Published June 7, 2023last updated June 8, 2023Key facts so far")
    assert reading.main.calendar_day() == dt.date(2023, 6, 7)
    assert reading.rest == "Key facts so far"


def test_the_tokenizer_never_reads_further_than_a_stamp_can_be():
    line = "12:12:" * 400_000  # 2.4 MB of one pathological line
    assert tokens(line)[-1].end <= MAX_STAMP
    assert read_stamp("Monday, " * 200_000) is None


@pytest.mark.parametrize("word", ["may", "march", "sat", "now", "a second", "The Sun", "today", "3 December"])
def test_dateparser_is_never_asked_for_a_day_from_words_that_name_none(word):
    assert parse_day(word) is None
