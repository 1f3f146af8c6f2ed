"""Each rule by which a document decides its own layout and dates, on small invented pages in the shapes outlets use."""

from __future__ import annotations

import datetime as dt

from timeline.ingest import parse_document
from timeline.ingest.dates import resolve
from timeline.ingest.layout import read_layout
from timeline.ingest.text import normalise


def layout_of(text: str):
    return read_layout(normalise(text))


def when(document, index: int, published: dt.date | None = None):
    """(day, "HH:MM", UTC offset in hours) an entry was posted, as the document dates it."""
    dating = resolve(document.events[index].when(), published or document.published, "UTC")
    at = dating.reported_at
    return dating.reported_on, at and f"{at:%H:%M}", at and at.utcoffset().total_seconds() / 3600


def headlines(document) -> list[str]:
    return [event.headline for event in document.events]


# ---------------------------------------------------------------------------------------------------
# Which stamps mark entries

LEADING = """Storm live: coast braces for landfall
Forecasters expect the storm to reach the coast overnight.
4.50pm: Ferries cancelled across the strait
All crossings were cancelled for the evening, the operator said.
3.05pm: Schools to close early
Pupils will be sent home at noon, the council said.
1.40pm: Residents told to move cars
Police asked residents of low streets to move their cars.
"""


def test_the_stamp_shape_that_recurs_marks_the_entries_and_the_text_after_it_is_the_headline():
    document = parse_document(LEADING)
    assert document.layout == "liveblog"
    assert headlines(document) == [
        "Ferries cancelled across the strait",
        "Schools to close early",
        "Residents told to move cars",
    ]


def test_a_lone_stamp_of_another_shape_and_an_updated_line_mark_no_entry():
    text = LEADING.replace("Forecasters", "Updated 5.10pm\nPublished: 9 Oct 2024, 8.00am\nForecasters")
    layout = layout_of(text)
    assert len(layout.markers) == 3
    assert len(layout.page_dates) == 1  # the published line dates the page, not an entry


def test_a_weak_stamp_counts_only_beside_strong_ones_of_its_shape():
    military = "Live\n1530 GMT — Bridge reopens to traffic\nText.\n1410 — Convoy reaches the city\nText.\n"
    assert len(layout_of(military).markers) == 2  # the zone-less "1410" joins "1530 GMT"
    assert layout_of("Live\n1410 — Convoy reaches the city\nText.\n1320 — Talks resume\nText.\n").markers == []
    worn = "Live\nHeadline one\n9:10 a.m.\nHeadline two\na.m.\nHeadline three\n8:05 a.m.\nEnd.\n"
    assert len(layout_of(worn).markers) == 3  # a clock whose figures were lost still marks its entry


def test_the_first_stamp_is_the_pages_own_line_when_it_alone_gives_a_date_or_names_no_author():
    text = (
        "Floods live\nWednesday 9 October 2024 21:15 BST\nKey points\nRiver peaks at record level\n"
        "River peaks at record level\nMaria Lopez9 October 2024 21:15\nThe river peaked at 6.2 metres.\n"
        "Army deployed to help\nMaria Lopez9 October 2024 19:40\nSoldiers filled sandbags.\n"
        "Rail lines closed\nTom Ward9 October 2024 18:05\nTrains were halted.\n"
    )
    document = parse_document(text)
    assert headlines(document) == ["River peaks at record level", "Army deployed to help", "Rail lines closed"]
    assert [e.stamp.text for e in document.events][0] == "9 October 2024 21:15"


def test_recurring_ages_mark_entries_where_no_clock_does_and_date_nothing():
    text = (
        "Wildfire live updates\nUpdated 12m ago\n8m ago\nEvacuations widen to two towns\nAna Ruiz\n"
        "Orders now cover both towns, the sheriff said.\n2h ago\nHighway closed in both directions\n"
        "Ana Ruiz and Tom Ward\nCrews shut the highway as flames crossed it.\n"
    )
    document = parse_document(text)
    assert headlines(document) == ["Evacuations widen to two towns", "Highway closed in both directions"]
    assert document.events[1].body == "Crews shut the highway as flames crossed it."  # the reporters' line goes
    assert document.published is None and document.needs_review
    assert when(document, 1) == (None, None, None)


def test_a_live_page_whose_posts_lost_their_stamps_keeps_each_post_and_is_flagged():
    text = (
        "Election night – as it happened\nLive feed\n"
        "Turnout reached a record in the capital, officials said. Queues formed at dawn.\n"
        "Counting starts in the north\nBallot boxes arrived by helicopter in the northern districts.\n"
    )
    document = parse_document(text)
    assert document.layout == "liveblog"
    assert headlines(document) == [
        "Turnout reached a record in the capital, officials said.",
        "Counting starts in the north",
    ]
    assert document.published is None


# ---------------------------------------------------------------------------------------------------
# Where headlines stand


def test_a_headline_above_a_stamp_standing_alone_belongs_to_it():
    text = (
        "Port strike live\nDockers vote to walk out\n22:16 , Sam Okoro\n"
        "Union members voted by a large margin.\nTalks break down\n20:51 , Sam Okoro\n"
        "Negotiators left without a deal.\n"
    )
    assert headlines(parse_document(text)) == ["Dockers vote to walk out", "Talks break down"]


def test_a_headline_below_a_stamp_standing_alone_belongs_to_it_and_the_authors_line_goes():
    text = (
        "Port strike live\nThe union will meet again on Friday.\n06:55 PM, October 8, 2024\n"
        "Dockers vote to walk out\nUnion members voted by a large margin.\nPosted by Sam Okoro\n"
        "06:13 PM, October 8, 2024\nTalks break down\nNegotiators left without a deal.\n"
    )
    document = parse_document(text)
    assert headlines(document) == ["Dockers vote to walk out", "Talks break down"]
    assert "Posted by" not in document.events[0].body


# ---------------------------------------------------------------------------------------------------
# Days: headers, rollover, page lines


def test_a_date_header_gives_its_day_to_the_time_only_entries_below_it_until_the_next():
    text = (
        "Quake live\nThursday, March 7, 2024\n9:12 p.m.: Aftershock felt in the capital\nText.\n"
        "8:40 p.m.: Power cut in the east\nText.\nWednesday, March 6, 2024\n11:02 p.m.: First tremor recorded\nText.\n"
    )
    document = parse_document(text)
    assert [when(document, i)[0] for i in range(3)] == [dt.date(2024, 3, 7)] * 2 + [dt.date(2024, 3, 6)]
    assert "date header “Thursday, March 7, 2024”" in document.events[0].stamp.how


def test_a_header_dated_after_the_pages_last_update_is_the_day_it_was_read_not_the_entries():
    text = (
        "Friday, November 6, 2026\nQuake live\nLast updated: March 7, 2024\n"
        "9:12 p.m.: Aftershock felt in the capital\nText.\n8:40 p.m.: Power cut in the east\nText.\n"
    )
    document = parse_document(text)
    assert document.published is None and document.needs_review


def test_time_only_entries_roll_back_past_midnight_from_a_dated_one_below():
    text = (
        "Talks live\nDeal signed\n00:40 , Ana Ruiz\nText.\nLeaders arrive\n23:10 , Ana Ruiz\nText.\n"
        "Summit opens\nTuesday 8 October 2024 21:30 , Ana Ruiz\nText.\n"
    )
    document = parse_document(text)
    assert [when(document, i)[:2] for i in range(3)] == [
        (dt.date(2024, 10, 9), "00:40"),
        (dt.date(2024, 10, 8), "23:10"),
        (dt.date(2024, 10, 8), "21:30"),
    ]


def test_a_page_line_at_the_top_entrys_very_time_states_its_day():
    text = "Talks live\nWed 9 Oct 2024 01.15 BST\n01.15 BST\nDeal signed.\n23.40 BST\nLeaders arrive.\n"
    document = parse_document(text)
    assert [when(document, i)[0] for i in range(2)] == [dt.date(2024, 10, 9), dt.date(2024, 10, 8)]


def test_a_page_updated_soon_after_its_newest_entry_suggests_its_day_but_does_not_state_it():
    text = (
        "Floods: the latest\nUpdated 12:20 AM EST, March 5, 2024\n"
        "___\n11:45 p.m.\nRiver peaks.\n___\n6:30 p.m.\nRain eases.\n"
    )
    document = parse_document(text)
    assert document.published is None and document.needs_review  # the update may have come days later
    assert document.date_hint == dt.date(2024, 3, 4) and "35 minutes after its newest entry" in document.date_hint_text
    later = parse_document(text.replace("12:20 AM", "3:58 AM"))
    assert later.date_hint == dt.date(2024, 3, 5)  # four hours on: only the page's own date is left to suggest


def test_a_page_published_line_does_not_date_a_live_blogs_entries_but_is_suggested():
    text = (
        "Talks live\nPublished: Mon 7 Oct 2024, 10:29 AM\n2.01am: Deal signed\nText.\n11.32pm: Leaders arrive\nText.\n"
    )
    document = parse_document(text)
    assert document.published is None and document.needs_review
    assert document.date_hint == dt.date(2024, 10, 7) and "Published: Mon 7 Oct 2024" in document.date_hint_text
    # The editor gives the day of the top entry; the others are counted from it, across midnight.
    assert [when(document, i, dt.date(2024, 10, 9))[0] for i in range(2)] == [
        dt.date(2024, 10, 9),
        dt.date(2024, 10, 8),
    ]


# ---------------------------------------------------------------------------------------------------
# Honest when the text is not explicit


def test_a_date_without_a_year_is_not_stated_and_the_weekday_suggests_the_latest_year_that_fits():
    text = (
        "Quake live\nSaturday, March 9 (Lima time)\n5:35 a.m. Aftershock felt.\n"
        "Friday, March 8\n8:30 p.m. First tremor.\n"
    )
    document = parse_document(text)
    assert document.published is None and document.needs_review
    year = document.date_hint.year
    assert document.date_hint == dt.date(year, 3, 9) and document.date_hint.weekday() == 5
    assert year <= dt.date.today().year and not any(
        dt.date(later, 3, 9).weekday() == 5 for later in range(year + 1, dt.date.today().year + 1)
    )
    assert "gives no year" in document.date_hint_text
    # Once an editor gives the top entry's day, the header below it is the day before, in Lima's zone.
    assert when(document, 1, dt.date(2024, 3, 9))[0] == dt.date(2024, 3, 8)
    assert when(document, 0, dt.date(2024, 3, 9))[2] == -5


def test_a_year_is_borrowed_only_from_a_full_date_the_page_states_close_by():
    text = (
        "Quake live\nPublished 8 March 2024\n"
        "Mar 9, 1:07 pm\nAftershock felt\nText.\nMar 9, 12:52 pm\nPower cut\nText.\n"
    )
    assert parse_document(text).published == dt.date(2024, 3, 9)
    far = text.replace("8 March 2024", "8 March 2022").replace("Mar 9,", "Sep 9,")
    assert parse_document(far).published is None


def test_a_weekday_alone_or_today_states_no_day():
    for stamp in ("Friday 14:05", "Today 14:05"):
        text = f"Talks live\n{stamp}\nDeal signed.\n{stamp.split()[0]} 12:30\nLeaders arrive.\n"
        assert parse_document(text).published is None, stamp


# ---------------------------------------------------------------------------------------------------
# How figures and bare clocks read


def test_all_figure_dates_read_day_first_or_month_first_as_the_document_shows():
    def days(text: str) -> list[dt.date]:
        document = parse_document(text)
        return [when(document, i)[0] for i in range(len(document.events))]

    day_first = "Live\n00:40 2.6.2023\nText one.\n23:10 1.6.2023\nText two.\n"
    assert days(day_first + "Related\nOlder story\n30.5.2023\n") == [dt.date(2023, 6, 2), dt.date(2023, 6, 1)]
    month_first = "Live\n00:40 6/2/2023\nText one.\n23:10 6/1/2023\nText two.\nOlder story 5/30/2023 13:00\n"
    assert days(month_first) == [dt.date(2023, 6, 2), dt.date(2023, 6, 1)]
    # No part over 12, but only day-first keeps the entries a day apart, beside the page's own "June 1".
    assert days("Live\nJune 1, 2023 09:00 GMT\n00:40 2.6.2023\nText one.\n23:10 1.6.2023\nText two.\n") == [
        dt.date(2023, 6, 2),
        dt.date(2023, 6, 1),
    ]
    assert parse_document("Live\n10:40 4.3.2023\nText one.\n09:10 3.4.2023\nText two.\n").published is None


def test_figures_nothing_else_settles_read_month_first_on_a_page_that_keeps_us_time():
    def first_day(zone: str) -> dt.date | None:
        text = (
            f"Floods live\nLevee holds\nUPDATE: 4/3/23 9:10 PM {zone}\nWater fell.\n"
            f"Roads shut\nUPDATE: 4/3/23 8:40 PM {zone}\nIt rose.\n"
        )
        return parse_document(text).published

    assert first_day("ET") == first_day("PDT") == dt.date(2023, 4, 3)
    assert first_day("CET") is None  # Europe writes either way: nothing tells


def test_a_note_on_the_pages_times_gives_the_zone_of_its_bare_clocks():
    text = "Quake live\n{note}\n10:01 p.m.: Aftershock felt.\n9:30 p.m.: Power cut.\n"
    cases = {
        "All times EDT.": -4,
        "All times Eastern:": -4,
        "*Time stamps reflect local time in Lisbon (WEST).": 1,
        "LIMA, Peru (AP) — The latest on the quake (all times local):": -5,
    }
    for note, hours in cases.items():
        document = parse_document("Thursday, June 6, 2024\n" + text.format(note=note))
        assert when(document, 0)[2] == hours, note
        assert "zone" in document.events[0].stamp.how


def test_a_bare_clock_takes_the_zone_the_other_entries_stamps_carry():
    text = "Thursday, June 6, 2024\nLive\n1530 GMT — Bridge reopens\nText.\n1410 — Convoy arrives\nText.\n"
    assert parse_document(text).events[1].stamp.tz == "GMT"


# ---------------------------------------------------------------------------------------------------
# Round-ups and articles


def test_headline_points_under_a_title_are_its_standfirst_not_sections():
    text = (
        "Two hikers rescued from a ridge after a night in the snow\n"
        "Pair found at first light by a volunteer team\nBoth treated for cold in hospital\n"
        "Published: 09:12 GMT, 17 March 2024\n"
        "Two hikers were rescued on Sunday after a night on a ridge, rescuers said.\nThey were unhurt.\n"
    )
    document = parse_document(text)
    assert document.layout == "article"
    assert headlines(document) == ["Two hikers rescued from a ridge after a night in the snow"]
    assert when(document, 0)[:2] == (dt.date(2024, 3, 17), "09:12")


def test_a_sites_slogan_above_its_menu_is_not_the_title():
    text = (
        "Trusted news for busy readers\nWorld\nBusiness\nMarkets and Money at Work\nSport\n"
        "Port reopens after a week of storms\nPublished March 3, 2024\nThe port reopened on Sunday.\nShips queued.\n"
    )
    assert parse_document(text).title == "Port reopens after a week of storms"


def test_entries_under_one_header_run_on_past_midnight_but_a_pinned_one_keeps_its_day():
    oldest_first = (
        "Vote live\nWednesday 5 June 2024\n21:32 Ana Ruiz\nDebate runs late\nText.\n23:55 Ana Ruiz\n"
        "Final vote called\nText.\n00:20 Tom Ward\nBill passes\nText.\n"
    )
    document = parse_document(oldest_first)
    assert [when(document, i)[:2] for i in range(3)] == [
        (dt.date(2024, 6, 5), "21:32"),
        (dt.date(2024, 6, 5), "23:55"),
        (dt.date(2024, 6, 6), "00:20"),
    ]
    pinned = (
        "Storm live\nFriday, March 8, 2024\n1010 GMT — Pinned: what we know so far\nText.\n"
        "1340 GMT — Roads reopen\nText.\n1225 GMT — Power restored\nText.\n"
    )
    assert [when(parse_document(pinned), i)[0] for i in range(3)] == [dt.date(2024, 3, 8)] * 3


def test_a_stamp_written_twice_on_consecutive_lines_is_one_stamp():
    text = (
        "Storm live\npublished at 23:50 Greenwich Mean Time 16 January 2025\n23:50 GMT 16 January\n"
        "Power cut to thousands\nAbout 40,000 homes lost power.\n"
        "published at 22:46 Greenwich Mean Time 16 January 2025\n22:46 GMT 16 January\nGust of 92mph recorded\nText.\n"
    )
    assert headlines(parse_document(text)) == ["Power cut to thousands", "Gust of 92mph recorded"]


def test_a_bylines_run_on_date_dates_the_page():
    text = (
        "Evening news wrap: port reopens, fares rise\nNews Desk / EXAMPLE.COM / Updated: Mar 12, 2024, 19:02 IST\n"
        "1. Port reopens after storm\nThe port reopened on Tuesday after a three-day closure.\n"
        "2. Metro fares to rise\nFares will rise from April 1, the operator said.\n"
    )
    document = parse_document(text)
    assert (document.layout, document.published) == ("roundup", dt.date(2024, 3, 12))


def test_stamped_teasers_under_a_related_heading_are_no_entries():
    text = (
        "Ferry live\n00:20 1.6.2014\nDivers found two more bodies.\n23:48 31.5.2014\nThe city declared mourning.\n"
        "Most popular\n21:17 30.5.2014 Parliament fails to vote on new ministers\n"
        "16:40 30.5.2014 Currency weakens at interbank market\n"
    )
    assert len(parse_document(text).events) == 2


def test_paragraphs_under_short_topic_headings_are_each_an_event():
    text = (
        "Floods: list of key events\nFloods and rescue\n"
        "At least 12 people died when the river burst its banks, officials said.\n"
        "Rescuers evacuated 900 families from low-lying districts.\nAid and politics\n"
        "The food agency said it would airlift supplies on Wednesday.\nSchools will stay closed for a week.\n"
    )
    assert headlines(parse_document(text)) == [
        "At least 12 people died when the river burst its banks, officials said.",
        "Rescuers evacuated 900 families from low-lying districts.",
        "The food agency said it would airlift supplies on Wednesday.",
        "Schools will stay closed for a week.",
    ]
    article = "Dam repairs begin\nPublished March 3, 2024\nWork began on Sunday.\nWhat comes next\nA review.\nA vote.\n"
    assert parse_document(article).layout == "article"  # one short subhead over paragraphs is an article's


def test_a_turn_of_the_clock_that_would_leave_half_a_day_silent_is_flagged_as_a_guess():
    text = (
        "Talks live\nTuesday 8 October 2024 09:00 , Ana Ruiz\nOne.\nTuesday 8 October 2024 10:00 , Ana Ruiz\nTwo.\n"
        "11:00 , Ana Ruiz\nThree.\n"
        "08:30 , Ana Ruiz\nFour.\n12:00 , Ana Ruiz\nFive.\n"
    )
    stamps = [event.stamp for event in parse_document(text).events]
    assert [s.doubtful for s in stamps] == [False, False, False, True, True]
    assert "a guess" in stamps[3].how
    overnight = text.replace("08:30", "23:30").replace("12:00", "00:40").replace("11:00", "21:00")
    assert not any(event.stamp.doubtful for event in parse_document(overnight).events)


def test_a_stamp_with_no_words_of_its_own_is_no_event():
    assert parse_document("".join(f"{hour:02d}:00\n" for hour in range(24))).events == []
    document = parse_document("Live\n10:00\nPort reopens.\n09:00\n08:00\nRoads close.\n")
    assert headlines(document) == ["Port reopens.", "Roads close."]
