"""The picture of time above the list: marks where months or years begin, so a bar can be placed without hovering."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from timeline.reading.summary import MOST_MARKS, day_strip

from .factories import make_event


def marks(first: dt.date, last: dt.date) -> list[tuple[float, str]]:
    return [(mark.left, mark.label) for mark in day_strip(Counter({first: 1, last: 1})).marks]


def test_a_strip_of_days_marks_where_each_month_begins_the_first_with_its_year():
    # 20 Oct to 10 Dec 2024: a bar a day, 52 of them; November begins at the 13th bar, December at the 43rd.
    assert marks(dt.date(2024, 10, 20), dt.date(2024, 12, 10)) == [(23.08, "Nov 2024"), (80.77, "Dec")]


def test_within_one_month_there_is_nothing_to_mark():
    assert marks(dt.date(2024, 11, 4), dt.date(2024, 11, 25)) == []


def test_a_strip_of_weeks_marks_months_and_names_the_year_at_january():
    found = marks(dt.date(2024, 9, 2), dt.date(2025, 2, 20))
    assert [label for _, label in found] == ["Oct 2024", "Nov", "Dec", "Jan 2025", "Feb"]
    lefts = [left for left, _ in found]
    assert lefts == sorted(lefts) and lefts[0] > 0 and lefts[-1] < 100


def test_a_strip_of_months_marks_years_and_never_crowds():
    found = marks(dt.date(2012, 1, 1), dt.date(2026, 6, 1))
    assert 0 < len(found) <= MOST_MARKS
    assert all(label.isdigit() and len(label) == 4 for _, label in found)
    assert [label for _, label in marks(dt.date(2023, 5, 1), dt.date(2024, 12, 31))] == ["2024"]


@pytest.mark.django_db
def test_the_page_draws_the_marks_under_the_strip_and_a_line_at_each(client):
    make_event("Early", dt.date(2024, 10, 20), "09:00")
    make_event("Late", dt.date(2024, 12, 10), "09:00")
    page = client.get("/").content.decode()
    assert '<text x="23.08%"' in page and ">Nov 2024</text>" in page and ">Dec</text>" in page
    assert page.count('<line class="mark"') == 2
    assert 'class="strip-readout"' in page
