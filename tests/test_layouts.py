"""The layout is read from the text: live blog, round-up or single article."""

from __future__ import annotations

import datetime as dt

from timeline.ingest import parse_document
from timeline.ingest.dates import resolve

ROUNDUP = """War in Ukraine: what happened on Thursday
Updated 7 March 2024
What you need to know
Drones hit Odesa overnight. Talks stalled in Geneva.
Drones hit Odesa port facilities
Russian drones struck port facilities in Odesa late on Wednesday, the regional governor said.
Two workers were injured.
Geneva talks stall over prisoner lists
Negotiators in Geneva failed to agree on prisoner lists on Thursday.
The next round will take place in April.
"""

ARTICLE = """Ukraine receives first batch of new air defence systems
Published September 5, 2023
Ukraine has received the first of several new air defence systems, the defence ministry said on Monday.
The systems will protect the capital, officials said.
"""

LIVE_NEWEST_FIRST = """Russia-Ukraine war live: latest updates
Mayor says power restored in capital
10:15 , Anna Bell
The mayor said power had been restored to most districts.
Drones shot down over the north
00:20 , Anna Bell
Air defence shot down drones over the north, officials said.
Minister resigns after scandal
Monday 2 December 2024 22:40 , Anna Bell
The minister resigned late on Monday, his office said.
"""

LIVE_STAMP_FIRST = """Ukraine war live
Tue 3 Dec 2024 09.00 GMT
Key events
Zelensky meets envoy
11.20 GMT
Zelensky meets envoy in Kyiv
Volodymyr Zelensky met the US envoy in Kyiv, his office said.
10.05 GMT
Air raid sirens sounded across the east of the country this morning, officials said. Residents took shelter.
"""


def test_it_reads_a_round_up_with_a_summary_that_is_not_an_event():
    document = parse_document(ROUNDUP)
    assert document.layout == "roundup"
    assert [e.headline for e in document.events] == [
        "Drones hit Odesa port facilities",
        "Geneva talks stall over prisoner lists",
    ]
    assert document.published == dt.date(2024, 3, 7)
    first = resolve(document.events[0].when(), document.published, "UTC")
    assert first.occurred_on == dt.date(2024, 3, 6)


def test_it_reads_a_single_article_as_one_event():
    document = parse_document(ARTICLE)
    assert document.layout == "article"
    assert len(document.events) == 1
    assert document.events[0].headline == "Ukraine receives first batch of new air defence systems"
    assert resolve(document.events[0].when(), document.published, "UTC").occurred_on == dt.date(2023, 9, 4)


def test_an_article_with_no_title_takes_its_first_sentence_as_headline():
    document = parse_document("Kyiv said on Friday it had retaken a village. Moscow denied it.\nMore text here.")
    assert document.events[0].headline == "Kyiv said on Friday it had retaken a village."
    assert document.published is None and document.needs_review


def test_it_reads_a_newest_first_live_blog_with_headlines_above_stamps():
    document = parse_document(LIVE_NEWEST_FIRST)
    assert document.layout == "liveblog"
    days = [resolve(e.when(), document.published, "UTC").reported_at for e in document.events]
    assert days == [
        dt.datetime(2024, 12, 3, 10, 15, tzinfo=dt.UTC),
        dt.datetime(2024, 12, 3, 0, 20, tzinfo=dt.UTC),
        dt.datetime(2024, 12, 2, 22, 40, tzinfo=dt.UTC),
    ]
    assert document.events[0].headline == "Mayor says power restored in capital"
    assert document.published == dt.date(2024, 12, 2)


def test_it_reads_a_live_blog_whose_stamps_come_before_the_entries():
    document = parse_document(LIVE_STAMP_FIRST)
    assert document.layout == "liveblog"
    assert [e.headline for e in document.events] == [
        "Zelensky meets envoy in Kyiv",
        "Air raid sirens sounded across the east of the country this morning, officials said.",
    ]
    # The page's own stamp (09.00) is no entry's time: it suggests the day but does not state it.
    assert document.published is None and document.date_hint == dt.date(2024, 12, 3)
    dating = resolve(document.events[1].when(), dt.date(2024, 12, 3), "UTC")
    assert dating.reported_at == dt.datetime(2024, 12, 3, 10, 5, tzinfo=dt.UTC)


def test_a_page_stamp_at_the_top_entrys_very_time_states_that_entrys_day():
    document = parse_document(LIVE_STAMP_FIRST.replace("09.00 GMT", "11.20 GMT"))
    assert (document.published, document.published_basis) == (dt.date(2024, 12, 3), "timestamp")
    dating = resolve(document.events[1].when(), document.published, "UTC")
    assert dating.reported_at == dt.datetime(2024, 12, 3, 10, 5, tzinfo=dt.UTC)


def test_a_live_blog_with_no_date_anywhere_is_flagged_and_keeps_its_times_relative():
    text = LIVE_NEWEST_FIRST.replace("Monday 2 December 2024 ", "")
    document = parse_document(text)
    assert document.published is None
    assert [resolve(e.when(), None, "UTC").reported_at for e in document.events] == [None] * 3
    # An editor gives the day of the top entry; the others are counted from it, across midnight.
    dated = [resolve(e.when(), dt.date(2024, 12, 3), "UTC").reported_on.day for e in document.events]
    assert dated == [3, 3, 2]


def test_a_live_blog_without_a_title_line_has_no_title_rather_than_its_ledes_first_sentence():
    text = "Russia struck the grid again overnight. Officials said repairs would take days.\n" + LIVE_NEWEST_FIRST
    assert parse_document(text).title == ""


def test_a_round_ups_dated_stamp_in_its_header_dates_the_page():
    text = ROUNDUP.replace("Updated 7 March 2024", "Mar 7, 2024 11:42 PM")
    doc = parse_document(text)
    assert doc.layout == "roundup"
    assert (doc.published, doc.published_basis) == (dt.date(2024, 3, 7), "article_date")


def test_a_correspondents_line_opening_an_entry_is_no_headline():
    text = (
        "Ukraine war live\nMonday 2 December 2024\n"
        "10:15 GMT\nAna Ruiz reports from Brussels\nThe EU is ready to widen its sanctions, its chief said.\n"
        "Ministers will meet on Friday to agree the list.\n"
        "09:40 GMT\nDrones were shot down over the north overnight, officials said.\n"
    )
    assert [e.headline for e in parse_document(text).events] == [
        "The EU is ready to widen its sanctions, its chief said.",
        "Drones were shot down over the north overnight, officials said.",
    ]
