"""Saved web pages: their structured data, metadata and visible stamps, and which date each entry takes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from timeline.ingest import parse_any
from timeline.ingest.files import UnreadableDocument
from timeline.ingest.web import looks_like_html, parse_page, visible
from timeline.ingest.web.languages import in_english_dates

HEAD = """<!DOCTYPE html><html lang="en-GB"><head><title>Tab title</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Harbour strikes live: what we know">
<link rel="canonical" href="https://news.example.org/live/harbour-strikes">
{scripts}</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>Harbour strikes live: what we know</h1>{entries}</article></main>
<footer><p>Copyright The Daily Example. All rights reserved, and a few more words here.</p></footer></body></html>"""

ENTRIES = [
    ("16:48", "Ferry service suspended at the northern pier", "Port officials said the ferry would not run tonight."),
    ("16:20", "Drone shot down over the bay, officials say", "Air defence units downed a drone near the coast."),
    ("15:05", "Mayor calls emergency meeting of the council", "The mayor summoned councillors to the town hall."),
    ("14:31", "Power restored to most homes in the old town", "Engineers reconnected the substation after repairs."),
]


def entry_html(clock: str, headline: str, body: str) -> str:
    return (
        f'<div class="post"><div class="post-meta"><time>{clock}</time></div>'
        f"<h3>{headline}</h3><p>{body} Witnesses described long queues and closed shops across the district.</p></div>"
    )


def page(scripts: str = "", entries=ENTRIES) -> str:
    return HEAD.format(scripts=scripts, entries="".join(entry_html(*entry) for entry in entries))


def json_ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def live_blog(updates: list[dict], **extra) -> str:
    return json_ld({"@context": "https://schema.org", "@type": "LiveBlogPosting", "liveBlogUpdate": updates, **extra})


def update(headline: str, posted: str, body: str = "") -> dict:
    return {"@type": "BlogPosting", "headline": headline, "datePublished": posted, "articleBody": body}


def dated(document) -> list[tuple[str, str, str | None, str]]:
    return [
        (str(e.stamp.day), e.stamp.time.strftime("%H:%M"), e.stamp.tz, e.stamp.source)
        for e in document.events
        if e.stamp and e.stamp.time
    ]


def test_it_reads_the_pages_outlet_title_address_and_language():
    document = parse_page(page())
    assert document.outlet == "The Daily Example"
    assert document.title == "Harbour strikes live: what we know"
    assert document.url == "https://news.example.org/live/harbour-strikes"
    assert document.language == "en-GB"


def test_it_keeps_every_entrys_stamp_from_small_time_elements():
    document = parse_page(page())
    assert document.layout == "liveblog"
    assert [e.headline for e in document.events] == [headline for _, headline, _ in ENTRIES]
    assert [e.stamp.text for e in document.events] == [clock for clock, _, _ in ENTRIES]


def test_structured_times_that_match_the_visible_clocks_date_the_entries_in_the_pages_zone():
    # The structured data is in UTC; the page shows its clocks an hour ahead.
    updates = [update(h, f"2023-11-02T{int(c[:2]) - 1:02d}:{c[3:]}:00Z") for c, h, _ in ENTRIES]
    document = parse_page(page(live_blog(updates)))
    assert dated(document) == [("2023-11-02", c, "+01:00", "structured") for c, _, _ in ENTRIES]
    assert document.timezone == "+01:00"
    assert document.published == dt.date(2023, 11, 2)
    assert "structured data" in document.events[0].stamp.how


def test_updates_that_all_carry_one_time_are_not_trusted():
    updates = [update(h, "2023-05-15T11:50:54Z") for _, h, _ in ENTRIES]
    modified = {"dateModified": "2023-05-15T16:50:00+00:00"}
    document = parse_page(page(live_blog(updates, **modified)))
    assert {source for *_, source in dated(document)} == {"text"}
    assert any("one time" in note for note in document.notes)
    # The clocks' day comes from the page's last modification, which the newest entry cannot follow.
    assert [day for day, *_ in dated(document)] == ["2023-05-15"] * 4


def test_an_update_whose_time_disagrees_with_the_visible_stamp_is_not_used():
    updates = [update(h, f"2023-11-02T{c}:00+00:00") for c, h, _ in ENTRIES]
    updates[0] = update(ENTRIES[0][1], "2023-11-02T09:13:00+00:00")
    document = parse_page(page(live_blog(updates)))
    assert dated(document)[0][3] == "text"
    assert [source for *_, source in dated(document)[1:]] == ["structured"] * 3
    assert dated(document)[0][:2] == ("2023-11-02", "16:48")  # its day counted from a dated neighbour
    assert any("disagree" in note for note in document.notes)


def test_updates_not_shown_on_the_page_date_nothing():
    updates = [
        update(f"An older entry number {n} about something else", f"2023-10-{n:02d}T10:00:00Z") for n in range(1, 6)
    ]
    document = parse_page(page(live_blog(updates)))
    assert {source for *_, source in dated(document)} == {"text"}
    assert any("none of the 5" in note for note in document.notes)


def test_an_articles_first_publication_months_before_its_entries_does_not_date_them():
    article = json_ld(
        {
            "@type": "NewsArticle",
            "headline": "Ticker",
            "datePublished": "2023-10-07T09:53:36+02:00",
            "dateModified": "2024-07-18T17:08:27+02:00",
        }
    )
    document = parse_page(page(article))
    assert [day for day, *_ in dated(document)] == ["2024-07-18"] * 4
    assert document.published == dt.date(2024, 7, 18)
    assert document.timezone == "+02:00"  # the zone the site writes its own times in


def test_json_ld_with_comments_and_entities_is_still_read():
    broken = """<script type="application/ld+json">{
        // the publisher's own comment
        "@type": "NewsArticle", "headline": "A plain report",
        "datePublished": "2023-11-02T10:14:29&#x2B;05:30",
    }</script>"""
    body = "<p>" + "The council met on the harbour question and voted to reopen the port next week. " * 5 + "</p>"
    html = f"<!DOCTYPE html><html><head>{broken}</head><body><article>{body}</article></body></html>"
    document = parse_page(html)
    assert document.published == dt.date(2023, 11, 2)
    assert document.published_basis == "article_date"
    assert document.events[0].stamp.source == "structured"
    assert document.events[0].stamp.tz == "+05:30"


def test_microdata_updates_are_read_like_json_ld():
    items = "".join(
        f'<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">'
        f'<meta itemprop="headline" content="{h}"><meta itemprop="datePublished" content="2020-10-06T{c}:00+01:00">'
        f"</div>"
        for c, h, _ in ENTRIES
    )
    microdata = f'<div itemscope itemtype="https://schema.org/LiveBlogPosting">{items}</div>'
    html = page().replace("<main>", f"<main>{microdata}")
    document = parse_page(html)
    assert dated(document) == [("2020-10-06", c, "+01:00", "structured") for c, _, _ in ENTRIES]


def test_a_german_clock_word_marks_entries_in_plain_text_too():
    text = "Ticker zum Hafen\n" + "\n".join(
        f"{clock} Uhr: {headline}\n{body}" for clock, headline, body in ENTRIES
    ).replace(":", ".", 1)
    document = parse_any(text)
    assert document.layout == "liveblog"
    assert [e.stamp.time for e in document.events][1:] == [dt.time(int(c[:2]), int(c[3:])) for c, _, _ in ENTRIES[1:]]


@pytest.mark.parametrize(
    "text, is_page",
    [
        (page(), True),
        ("<!-- saved --><html><body><p>Hi there</p></body></html>", True),
        ("  <script>var x = 1;</script><div>text</div>", True),
        ("09:01 , Jane Doe\n<b>not a page</b> but a line that mentions a tag", False),
        ("Published September 5, 2023\nThe <div> element is a block.", False),
    ],
)
def test_it_tells_a_web_page_from_plain_text(text, is_page):
    assert looks_like_html(text) is is_page


def test_a_page_without_readable_text_is_refused_with_a_reason():
    with pytest.raises(UnreadableDocument, match="no readable text"):
        parse_page("<!DOCTYPE html><html><head><title>App</title></head><body><div id='root'></div></body></html>")


@pytest.mark.django_db
def test_the_ingest_command_takes_a_saved_page_and_links_its_events_to_the_original(tmp_path, client):
    from django.core.management import call_command
    from django.urls import reverse

    from timeline.models import Document

    updates = [update(h, f"2024-08-05T{int(c[:2]) - 1:02d}:{c[3:]}:00Z") for c, h, _ in ENTRIES]
    (tmp_path / "harbour.html").write_text(page(live_blog(updates)), encoding="utf-8")
    call_command("ingest", str(tmp_path / "harbour.html"), stdout=None)
    document = Document.objects.get()
    assert (document.url, document.outlet, document.language) == (
        "https://news.example.org/live/harbour-strikes",
        "The Daily Example",
        "en-GB",
    )
    assert document.timezone == "+01:00"
    event = document.events.get(position=0)
    assert event.when.text == "16:48 UTC+01:00"
    assert "structured data" in event.date_note
    response = client.get(reverse("event", args=[event.pk]))
    assert b'href="https://news.example.org/live/harbour-strikes"' in response.content
    timeline = client.get(reverse("index"))
    assert timeline.content.count(b'href="https://news.example.org/live/harbour-strikes"') == 4


def tagged_entry_html(clock: str, headline: str, body: str, moment: str, shown: str | None = None) -> str:
    return (
        f'<div class="post"><div class="post-meta"><time datetime="{moment}">{shown or clock}</time></div>'
        f"<h3>{headline}</h3><p>{body} Witnesses described long queues and closed shops across the district.</p></div>"
    )


def entries_like(template: str) -> list[str]:
    """Each of ENTRIES in a page's own shape: `{c}` its clock, `{h}` its headline, `{b}` its body."""
    return [template.format(c=c, h=h, b=b) for c, h, b in ENTRIES]


def tagged_page(entries: list[str], scripts: str = "") -> str:
    return HEAD.format(scripts=scripts, entries="".join(entries))


def test_a_time_tag_that_shows_its_own_clock_dates_its_entry():
    entries = [tagged_entry_html(c, h, b, f"2024-08-27T{c}:00+02:00") for c, h, b in ENTRIES]
    document = parse_page(tagged_page(entries))
    assert dated(document) == [("2024-08-27", c, "+02:00", "time_tag") for c, _, _ in ENTRIES]
    assert "time tag (2024-08-27T16:48:00+02:00)" in document.events[0].stamp.how


def test_a_time_tag_showing_an_age_or_another_clock_dates_nothing():
    entries = [
        tagged_entry_html(ENTRIES[0][0], *ENTRIES[0][1:], "2024-08-27T14:48:00Z", shown=f"2h ago {ENTRIES[0][0]}"),
        *(tagged_entry_html(c, h, b, "2024-08-27T09:00:00Z") for c, h, b in ENTRIES[1:]),
    ]
    document = parse_page(tagged_page(entries))
    assert {source for *_, source in dated(document)} == {"text"}


def test_time_tags_marking_local_clocks_as_utc_lose_to_the_zone_the_structured_data_shows():
    # The page prints its clocks an hour ahead of UTC, as its structured updates show; its tags call them UTC.
    entries = [tagged_entry_html(c, h, b, f"2023-11-02T{c}:00Z") for c, h, b in ENTRIES]
    updates = [update(h, f"2023-11-02T{int(c[:2]) - 1:02d}:{c[3:]}:00Z") for c, h, _ in ENTRIES[1:]]
    document = parse_page(tagged_page(entries, live_blog(updates)))
    assert dated(document)[0] == ("2023-11-02", "16:48", None, "text")  # in the page's zone, which it takes
    assert document.timezone == "+01:00"
    assert [source for *_, source in dated(document)[1:]] == ["structured"] * 3


@pytest.mark.django_db
def test_an_editors_title_and_outlet_survive_the_next_ingest_and_are_in_the_history(editor_client):
    from timeline.models import Document
    from timeline.store.documents import store_document

    from .admin_forms import change_form_data

    html = page()
    store_document(parse_page(html), source="harbour.html", text=html)
    document = Document.objects.get()
    url = f"/admin/timeline/document/{document.pk}/change/"
    data = change_form_data(editor_client, url, title="Harbour strikes", outlet="Daily Example")
    assert editor_client.post(url, data).status_code == 302
    grown = page(entries=[("17:02", "Cranes idle along the quay", "Dock workers stopped work at noon."), *ENTRIES])
    store_document(parse_page(grown), source="harbour.html", text=grown)
    document.refresh_from_db()
    assert (document.title, document.outlet) == ("Harbour strikes", "Daily Example")
    assert document.url == "https://news.example.org/live/harbour-strikes"  # not the editor's: the page's, read again
    assert document.events.count() == 5
    latest = document.history.first()
    assert (latest.title, latest.history_user.username) == ("Harbour strikes", "editor")


def test_a_page_that_declares_an_article_is_one_story_however_many_subheadings_it_has():
    article = json_ld(
        {"@type": "NewsArticle", "headline": "Inside the harbour", "datePublished": "2023-11-08T20:18:44Z"}
    )
    sections = "".join(
        f"<h2>Part {n}: the {word} shift</h2><p>{'Nurses and doctors worked through the night without power. ' * 3}</p>"
        for n, word in enumerate(["morning", "midday", "evening", "night"], 1)
    )
    head = f"<title>Inside | The Daily Example</title>{article}"
    html = f"<!DOCTYPE html><html><head>{head}</head><body><article>{sections}</article></body></html>"
    document = parse_page(html)
    assert (document.layout, len(document.events)) == ("article", 1)
    assert document.events[0].headline == "Inside the harbour"
    assert "Part 4: the night shift" in document.events[0].body
    assert document.events[0].stamp.day == dt.date(2023, 11, 8)


def test_clocks_of_a_page_about_an_event_count_from_its_start_for_an_editor_to_confirm():
    match = json_ld({"@type": "SportsEvent", "name": "Harbour derby", "startDate": "2020-09-28"})
    document = parse_page(page(match))
    assert [day for day, *_ in dated(document)] == ["2020-09-28"] * 4
    assert all(e.stamp.doubtful for e in document.events)
    assert "the day of the event the page reports (2020-09-28" in document.events[0].stamp.how


def test_an_entry_a_time_tag_dates_fixes_the_day_of_its_neighbours():
    entries = [entry_html(*ENTRIES[0]), tagged_entry_html(*ENTRIES[1], "2024-08-27T16:20:00+02:00")]
    entries += [entry_html(*entry) for entry in ENTRIES[2:]]
    document = parse_page(tagged_page(entries))
    assert [day for day, *_ in dated(document)] == ["2024-08-27"] * 4
    assert [source for *_, source in dated(document)] == ["text", "time_tag", "text", "text"]


def test_an_entry_as_short_as_a_stamp_keeps_its_own_clock_and_text():
    # A whole entry, "19:16 Rain has stopped.", is no longer than a stamp: it must not be read as one and glued
    # to the next entry.
    short = '<div class="post"><aside><time>{}</time></aside><div><p>{}</p></div></div>'
    entries = [entry_html(*ENTRIES[0]), short.format("16:30", "Rain has stopped."), entry_html(*ENTRIES[1])]
    entries += [short.format("15:40", "Sirens again."), entry_html(*ENTRIES[2])]
    document = parse_page(tagged_page(entries))
    assert [(e.stamp.text, e.headline) for e in document.events] == [
        ("16:48", ENTRIES[0][1]),
        ("16:30", "Rain has stopped."),
        ("16:20", ENTRIES[1][1]),
        ("15:40", "Sirens again."),
        ("15:05", ENTRIES[2][1]),
    ]


def test_a_list_of_key_events_linking_headlines_to_their_clocks_stamps_no_entry():
    key_events = (
        '<div><h2>Key events</h2><ul><li><div><a href="#e3">Mayor calls emergency council meeting</a>'
        "<time>15:05</time></div></li></ul></div>"
    )
    document = parse_page(tagged_page([key_events] + [entry_html(*entry) for entry in ENTRIES]))
    assert [(e.stamp.text, e.headline) for e in document.events] == [(c, h) for c, h, _ in ENTRIES]


def test_an_authors_linked_name_beside_the_clock_is_still_a_stamp():
    entries = entries_like(
        '<div class="post"><div class="meta"><time>{c}</time> <a href="/by/jane">Jane van der Berg</a></div>'
        "<h3>{h}</h3><p>{b}</p></div>"
    )
    document = parse_page(tagged_page(entries))
    assert [e.stamp.text for e in document.events] == [c for c, _, _ in ENTRIES]


def test_an_edit_note_under_an_entry_stays_with_it_and_opens_no_other():
    entries = [
        f'<article><header><div><a href="#e{n}"><time>1h ago</time><span>{c}</span></a></div>'
        f'<div><img src="a.png" alt=""><span>Jane Doe</span></div></header><p>{h}.</p><p>{b}</p>'
        f"<footer><div><time>Updated at {c[:3]}59</time></div></footer></article>"
        for n, (c, h, b) in enumerate(ENTRIES)
    ]
    document = parse_page(tagged_page(entries))
    assert [(e.stamp.time.strftime("%H:%M"), e.headline) for e in document.events] == [
        (c, h + ".") for c, h, _ in ENTRIES
    ]


def test_entries_the_remover_drops_from_the_whole_page_are_read_from_the_entries_alone(monkeypatch):
    # Boilerplate removers judge a page as a whole and, on some, drop an entry's short opening lines, its stamp
    # among them. This one does so whenever the page still has its navigation around the entries.
    real_extract = visible.trafilatura.extract

    def lossy_extract(tree, **options):
        text = real_extract(tree, **options)
        if next(tree.iter("nav"), None) is None:
            return text
        return "\n".join(line for line in text.splitlines() if line != ENTRIES[0][0])

    monkeypatch.setattr(visible.trafilatura, "extract", lossy_extract)
    document = parse_page(page())
    assert [(e.stamp.text, e.headline) for e in document.events] == [(c, h) for c, h, _ in ENTRIES]
    assert document.events[0].body.startswith(ENTRIES[0][2])


@pytest.mark.parametrize(
    "line, language, english",
    [
        ("Donnerstag, 18. 7.", "de", "Thursday, 18 July"),
        ("Mercredi 3 janvier 2024", "fr-FR", "Wednesday, 3 January 2024"),
        ("| Data e ora | 5 marzo 2021, 20:45 |", "it", "| Data e ora | 5 March 2021, 20:45 |"),
        ("12.31 Uhr: Ein Satz, der bleibt, wie er ist", "de", "12.31 Uhr: Ein Satz, der bleibt, wie er ist"),
        ("1. Bundesliga", "de", "1. Bundesliga"),  # no month: not a date
        ("Donnerstag, 18. 7.", "en-GB", "Donnerstag, 18. 7."),  # the page says it is English
        ("Donnerstag, 18. 7.", "", "Donnerstag, 18. 7."),
        ("Donnerstag, 18. 7.", "xx", "Donnerstag, 18. 7."),  # a language nobody knows
    ],
)
def test_a_date_line_in_the_pages_language_is_read_in_english(line, language, english):
    text, written = in_english_dates(line, language)
    assert text == english
    if line != english:  # what each date was on the page is kept, for notes to quote it
        assert written[english.strip(" |").split(" | ")[-1]] == line.strip(" |").split(" | ")[-1]


def german_ticker(modified: str) -> str:
    article = json_ld({"@type": "NewsArticle", "datePublished": "2023-10-07T09:53:36+02:00", "dateModified": modified})
    days = [("Donnerstag, 18. 7.", ENTRIES[:2]), ("Mittwoch, 17. 7.", ENTRIES[2:])]
    entries = "".join(
        f"<h2>{header}</h2>" + "".join(f"<h3>{c.replace(':', '.')} Uhr: {h}</h3><p>{b}</p>" for c, h, b in entries)
        for header, entries in days
    )
    return HEAD.replace('lang="en-GB"', 'lang="de"').format(scripts=article, entries=entries)


def test_day_headers_in_the_pages_language_date_their_entries_in_the_year_of_the_last_modification():
    # Modified five days after the last entry: the headers, not the modification, give each entry's day.
    document = parse_page(german_ticker("2024-07-23T09:00:00+02:00"))
    assert [day for day, *_ in dated(document)] == ["2024-07-18"] * 2 + ["2024-07-17"] * 2
    assert not any(e.stamp.doubtful for e in document.events)
    assert "that of the page's last modification (2024-07-23 09:00:00+02:00)" in document.events[0].stamp.how
    assert "the date header “Donnerstag, 18. 7.”" in document.events[0].stamp.how  # quoted as the page writes it


def test_a_day_and_month_after_the_last_modification_are_of_the_year_before():
    document = parse_page(german_ticker("2025-01-02T09:00:00+01:00"))
    assert [day for day, *_ in dated(document)] == ["2024-07-18"] * 2 + ["2024-07-17"] * 2


def test_the_day_of_the_event_a_page_reports_is_sure_when_the_page_shows_it_too():
    match = json_ld({"@type": "SportsEvent", "name": "Harbour derby", "startDate": "2020-09-28"})
    details = "<table><tr><td>Data i godzina</td><td>28 Września 2020, 18:00</td></tr></table>"
    html = page(match).replace('lang="en-GB"', 'lang="pl"').replace("</article>", details + "</article>")
    document = parse_page(html)
    assert [day for day, *_ in dated(document)] == ["2020-09-28"] * 4
    assert not any(e.stamp.doubtful for e in document.events)
    assert "“28 Września 2020” on the page" in document.events[0].stamp.how


def test_the_date_of_a_related_storys_teaser_inside_an_entry_dates_nothing():
    teaser = (
        '<section><article><div><h4><a href="/older-story">Harbour workers recall the night the cranes stopped'
        '</a></h4><span>by Ann Other</span><time datetime="2023-10-26T01:00">26 October 2023</time></div>'
        "</article></section>"
    )
    entries = [entry_html(*entry).replace("</p></div>", f"</p>{teaser}</div>") for entry in ENTRIES]
    updates = [update(h, f"2023-11-02T{c}:00+01:00") for c, h, _ in ENTRIES]
    document = parse_page(tagged_page(entries, live_blog(updates)))
    assert [(e.stamp.text, e.headline) for e in document.events] == [(c, h) for c, h, _ in ENTRIES]
    assert {day for day, *_ in dated(document)} == {"2023-11-02"}


def test_a_stamp_under_its_entrys_text_dates_that_entry_not_the_next():
    entries = entries_like(
        '<div class="post"><div><h3>{h}</h3><p>{b}</p></div>'
        "<div><span>Jane Doe</span> <span>14 August 2023 {c}</span></div></div>"
    )
    document = parse_page(tagged_page(entries))
    assert [(e.stamp.time.strftime("%H:%M"), e.headline) for e in document.events] == [(c, h) for c, h, _ in ENTRIES]
    assert {day for day, *_ in dated(document)} == {"2023-08-14"}


def test_a_related_storys_title_closing_some_entries_is_no_headline_of_the_next():
    # Every entry opens with prose; two of them end with a related story's title and standfirst.
    related = "<h4>Harbour master reflects on a decade of storms</h4><p>A long read from our archive</p>"
    entries = [
        f'<div class="post"><div><p>{b} {h}.</p>{related if n in (1, 2) else ""}</div>'
        f"<div><span>Jane Doe</span> <span>14 August 2023 {c}</span></div></div>"
        for n, (c, h, b) in enumerate(ENTRIES)
    ]
    document = parse_page(tagged_page(entries))
    assert [e.stamp.time.strftime("%H:%M") for e in document.events] == [c for c, _, _ in ENTRIES]
    assert [e.headline[:20] for e in document.events] == [b[:20] for _, _, b in ENTRIES]
