"""The reader's timeline: filters that combine, counts beside every option, pages that hold still, honest dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import numpy as np
import pytest
from django.db import connection
from django.http import QueryDict

from timeline.models import Actor, Document, Event, Location, Theme
from timeline.query import paging
from timeline.query.counting import Labels
from timeline.query.filters import EventFilter
from timeline.query.held import current_index
from timeline.reading import summary, views

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text, make_event

pytestmark = pytest.mark.django_db

DEC = [dt.date(2024, 12, day) for day in range(1, 32)]


@pytest.fixture
def events():
    """Four events: Kim in Russia, Kim in Pyongyang, Putin in Russia with a strike, Putin in Kyiv with a strike."""
    return {
        "kim_russia": make_event(
            "Kim arrives in Vladivostok",
            DEC[1],
            "09:00",
            actors=("Kim Jong Un",),
            locations=("Russia",),
            themes=("diplomacy",),
        ),
        "kim_home": make_event(
            "Kim inspects missiles",
            DEC[2],
            "10:00",
            actors=("Kim Jong Un",),
            locations=("Pyongyang",),
            themes=("weapons",),
        ),
        "putin_russia": make_event(
            "Putin orders strikes",
            DEC[3],
            "11:00",
            actors=("Vladimir Putin",),
            locations=("Russia",),
            themes=("strikes",),
        ),
        "putin_kyiv": make_event(
            "Strike on Kyiv power plant",
            DEC[4],
            "12:00",
            actors=("Vladimir Putin",),
            locations=("Kyiv",),
            themes=("strikes", "energy"),
        ),
    }


def slugs(name: str, *names: str, kind=Actor) -> list[str]:
    return [kind.objects.get(name=n).slug for n in (name, *names)]


def next_page(page: str) -> str | None:
    found = re.search(r'class="more" href="([^"]+)"', page)
    return found and html.unescape(found[1])


def headlines(response) -> list[str]:
    return re.findall(r"<h3>(.*?)</h3>", response.content.decode())


def test_several_values_of_one_kind_widen_the_view_and_kinds_narrow_each_other(client, events):
    both = client.get("/", {"actor": slugs("Kim Jong Un", "Vladimir Putin")})
    assert len(headlines(both)) == 4
    in_russia = client.get(
        "/", {"actor": slugs("Kim Jong Un", "Vladimir Putin"), "location": slugs("Russia", kind=Location)}
    )
    assert sorted(headlines(in_russia)) == ["Kim arrives in Vladivostok", "Putin orders strikes"]
    kim_in_russia = client.get("/", {"actor": slugs("Kim Jong Un"), "location": slugs("Russia", kind=Location)})
    assert headlines(kim_in_russia) == ["Kim arrives in Vladivostok"]


def test_themes_filter_by_name_and_dates_by_the_day_it_happened(client, events):
    response = client.get("/", {"theme": "strikes", "date_from": "2024-12-05", "date_to": "2024-12-31"})
    assert headlines(response) == ["Strike on Kyiv power plant"]


def test_each_option_counts_what_it_would_give_with_the_other_filters_applied(client, events):
    page = client.get("/", {"theme": "strikes"}).content.decode()
    putin, kim = slugs("Vladimir Putin", "Kim Jong Un")
    assert re.search(rf'id="actor-{putin}".*?<span class="n">2</span>', page, re.S)
    assert f'id="actor-{kim}"' not in page  # no strike involves Kim
    # The theme facet ignores the theme filter itself: every theme keeps its count.
    assert re.search(r'id="theme-weapons".*?<span class="n">1</span>', page, re.S)
    assert re.search(r'id="theme-strikes" name="theme" value="strikes" checked', page)


def test_the_count_is_shown_and_follows_the_filters(client, events):
    assert "4 events" in client.get("/").content.decode()
    assert "2 events match these filters" in client.get("/", {"theme": "strikes"}).content.decode()


def test_text_search_needs_every_word(client, events):
    assert headlines(client.get("/", {"q": "kyiv plant"})) == ["Strike on Kyiv power plant"]
    assert headlines(client.get("/", {"q": "kyiv missiles"})) == []


def test_an_htmx_request_gets_only_the_timeline_and_the_count(client, events):
    response = client.get("/", {"theme": "strikes"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "<form" in page
    assert '<p id="count" hx-swap-oob="innerHTML">2 events match these filters</p>' in page
    assert response["Vary"] == "HX-Request"
    assert client.get("/", {"theme": "strikes"}).content.decode().startswith("<!doctype html>")


def test_a_tag_links_to_the_events_with_that_tag(client, events):
    kim = slugs("Kim Jong Un")[0]
    page = client.get("/", {"theme": "weapons"}).content.decode()
    assert f'<a class="tag actor" href="?actor={kim}">' in page
    assert headlines(client.get("/", {"actor": kim})) == ["Kim inspects missiles", "Kim arrives in Vladivostok"]


def test_each_event_names_its_source_as_outlet_and_title_and_links_to_the_original(client, events):
    blog = events["kim_home"].document
    blog.title = "Ukraine war live: Kim Jong Un inspects missile factories as Pyongyang readies new launches"
    blog.save()
    page = client.get("/", {"theme": "weapons"}).content.decode()
    # Cut at a word, the full title kept for a pointer's hover, and in the source facet too.
    short = "Ukraine war live: Kim Jong Un inspects missile factories as…"
    assert f'<a href="?source={blog.pk}" title="{blog.title}">{short}</a>' in page
    assert f'<span class="name">{short}</span>' in page
    blog.outlet, blog.url = "Euronews", "https://news.example.org/kim-live"
    blog.save()  # as an editor's save: the index, and the names it keeps, are read again
    page = client.get("/", {"theme": "weapons"}).content.decode()
    label, short = f"Euronews: {blog.title}", "Euronews: Ukraine war live: Kim Jong Un inspects missile…"
    assert f'<a href="https://news.example.org/kim-live" rel="external noopener" title="{label}">{short}</a>' in page
    assert f'<a href="?source={blog.pk}">more from this source</a>' in page
    assert f'<span class="name">{short}</span>' in page
    assert headlines(client.get("/", {"source": blog.pk})) == ["Kim inspects missiles"]


def test_a_source_with_neither_outlet_nor_title_says_so_rather_than_show_a_file_name(client, events):
    blog = events["kim_home"].document
    blog.title, blog.outlet = "", ""
    blog.save()
    page = client.get("/", {"theme": "weapons"}).content.decode()
    assert f'<a href="?source={blog.pk}" title="Untitled document">Untitled document</a>' in page
    assert blog.source not in page


def test_facets_shown_whole_stay_whole_when_the_form_is_sent_or_another_is_widened(client, events, monkeypatch):
    monkeypatch.setattr(summary, "FACET_SIZE", 1)
    page = client.get("/", {"all": "actor"}).content.decode()
    assert '<input type="hidden" name="all" value="actor">' in page
    widen_where = re.search(r'class="show-all" href="([^"]+)"', page)
    assert parse_qs(urlsplit(html.unescape(widen_where[1])).query)["all"] == ["actor", "location"]


def test_every_filter_has_a_chip_that_clears_it(client, events):
    kim = slugs("Kim Jong Un")[0]
    page = client.get("/", {"actor": kim, "theme": "weapons"}).content.decode()
    assert 'href="?theme=weapons" aria-label="Remove the filter Who: Kim Jong Un"' in page
    assert f'href="?actor={kim}" aria-label="Remove the filter What: Weapons"' in page


@pytest.mark.parametrize(
    "query, message",
    [
        ({"actor": "999999"}, "There is no actor with the name “999999”."),
        ({"actor": "Putin"}, "There is no actor with the name “Putin”."),
        ({"actor": "9" * 30}, f"There is no actor with the name “{'9' * 30}”."),
        ({"theme": "nonsense"}, "There is no theme with the name “nonsense”."),
        ({"date_from": "garbage"}, "Enter a valid date."),
        ({"date_from": "2024-12-05", "date_to": "2024-12-01"}, "1 Dec 2024 is before the start, 5 Dec 2024."),
        ({"cursor": "-1"}, "“-1” is not a place in the timeline. Reading from the start."),
        ({"cursor": "2024-13-45.3"}, "is not a place in the timeline"),
        ({"through": "nowhere"}, "“nowhere” is not a place in the timeline. Showing the first page."),
        ({"order": "sideways"}, "“sideways” is not an order: use newest or oldest."),
        ({"source": "x"}, "“x” is not a valid source id."),
    ],
)
def test_a_nonsense_value_is_named_on_the_page_and_the_rest_still_applies(client, events, query, message):
    response = client.get("/", {**query, "location": slugs("Kyiv", kind=Location)})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert 'role="alert"' in page
    assert "Strike on Kyiv power plant" in page and "Kim inspects missiles" not in page


def test_pages_follow_each_other_without_gaps_or_repeats_even_while_events_arrive(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    for number in range(8):
        make_event(f"Entry {number}", DEC[number], "08:00")
    make_event("Undated entry", None)
    first = client.get("/")
    seen = headlines(first)
    make_event("Arrived later", DEC[20], "08:00")  # newer than everything: must not shift the next pages
    more = next_page(first.content.decode())
    while more:
        page = client.get("/" + more, headers={"HX-Request": "true"}).content.decode()
        assert "<form" not in page
        seen += re.findall(r"<h3>(.*?)</h3>", page)
        more = next_page(page)
    assert seen == [f"Entry {n}" for n in range(7, -1, -1)] + ["Undated entry"]


def test_loading_more_names_the_last_event_loaded_so_the_view_comes_back_whole(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    for number in range(8):
        make_event(f"Entry {number}", DEC[number], "08:00")
    more = next_page(client.get("/").content.decode())
    appended = client.get("/" + more, headers={"HX-Request": "true"})
    through = appended["HX-Replace-Url"]
    assert re.fullmatch(r"\?through=2024-12-\d\d[^&]*", through)
    back = client.get("/" + through)  # Back, or a reload: the six events loaded, and the rest to load
    assert headlines(back) == [f"Entry {n}" for n in range(7, 1, -1)]
    rest = client.get("/" + next_page(back.content.decode()), headers={"HX-Request": "true"})
    assert re.findall(r"<h3>(.*?)</h3>", rest.content.decode()) == ["Entry 1", "Entry 0"]
    assert "HX-Replace-Url" in rest
    # An event not among the view's (deleted since, or filtered out) brings back the first page alone.
    elsewhere = re.sub(r"\.\d+$", ".999999", through)
    assert headlines(client.get("/" + elsewhere)) == ["Entry 7", "Entry 6", "Entry 5"]


def test_oldest_first_keeps_the_undated_in_their_own_group_at_the_end(client):
    make_event("Undated entry", None)
    make_event("Later", DEC[5], "08:00")
    make_event("Earlier", DEC[1], "08:00")
    page = client.get("/", {"order": "oldest"}).content.decode()
    assert headlines(client.get("/", {"order": "oldest"})) == ["Earlier", "Later", "Undated entry"]
    assert page.index("Monday 2 December 2024") < page.index("Date unconfirmed")


def test_within_a_day_timed_entries_come_in_clock_order_and_undated_times_after(client):
    day_doc = make_event("Day only", DEC[2]).document
    make_event("Morning", DEC[2], "08:00")
    make_event("Evening", DEC[2], "20:00")
    assert day_doc
    assert headlines(client.get("/")) == ["Evening", "Morning", "Day only"]


def test_dates_are_shown_no_more_precisely_than_known(client):
    ingest_text(LIVE_BLOG, source="blog.txt")
    ingest_text(UNDATED_ROUNDUP, source="undated.txt")
    page = client.get("/").content.decode()
    assert '<time datetime="2024-12-03T10:15:00+00:00">10:15 UTC</time>' in page
    assert "Date unconfirmed" in page and "date unconfirmed" in page
    assert page.count("Drones shot down over the north") == 1  # the repeat is hidden…
    assert "posted 2 times" in page  # …and counted on the original


def test_a_time_is_shown_in_the_zone_the_source_gave(client):
    ingest_text(LIVE_BLOG, source="blog.txt", timezone="Europe/Kyiv")
    assert '<time datetime="2024-12-03T10:15:00+02:00">10:15 EET</time>' in client.get("/").content.decode()


def test_the_strip_has_a_bar_per_day_that_narrows_to_that_day(client, events):
    page = client.get("/", {"theme": "strikes"}).content.decode()
    bars = re.findall(r'<a href="([^"]+)"><title>([^<]+)</title>', page)
    assert [label for _, label in bars] == ["4 Dec 2024: 1 event", "5 Dec 2024: 1 event"]
    assert html.unescape(bars[0][0]) == "?date_from=2024-12-04&date_to=2024-12-04&theme=strikes"
    narrowed = client.get("/" + html.unescape(bars[0][0]))
    assert headlines(narrowed) == ["Putin orders strikes"]


def test_a_long_span_gets_a_bar_a_week(client):
    make_event("Early", dt.date(2024, 1, 3), "08:00")
    make_event("Late", dt.date(2024, 12, 3), "08:00")
    page = client.get("/").content.decode()
    assert "a bar a week" in page
    assert "<title>1 Jan – 7 Jan 2024: 1 event</title>" in page


def test_an_event_has_its_own_page_with_where_its_date_came_from(client):
    stored = ingest_text(LIVE_BLOG, source="blog.txt")
    assert stored
    original = Event.objects.get(headline="Drones shot down over the north", duplicate_of__isnull=True)
    page = client.get(f"/events/{original.pk}/").content.decode()
    assert "<h1>Drones shot down over the north</h1>" in page
    assert "entry 4 of 4" in page  # the first posting, at the bottom of a newest-first blog
    assert "2 December 2024, 21:00: day and time from the entry&#x27;s stamp" in page
    assert re.search(r"Posted again</dt>\s*<dd><a href=\"/events/\d+/\">entry 2</a>", page)
    fragment = client.get(f"/events/{original.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in fragment and "How it was dated" in fragment
    assert client.get("/events/999999/").status_code == 404


def test_an_events_own_page_links_its_tags_and_its_source_to_the_timeline(client, events):
    event = events["putin_kyiv"]
    putin = slugs("Vladimir Putin")[0]
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert f'<a class="tag actor" href="/?actor={putin}">' in page
    assert '<a class="tag theme" href="/?theme=energy">' in page
    assert "About Strike on Kyiv power plant, entry 1 of" in page
    assert f'<a href="/?source={event.document_id}">More from this source</a>' in page
    fragment = client.get(f"/events/{event.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'class="tag' not in fragment  # inside the timeline, the list shows them already


def test_the_page_costs_a_fixed_number_of_queries_however_many_filters(client, events, django_assert_max_num_queries):
    query = {
        "actor": slugs("Kim Jong Un", "Vladimir Putin"),
        "location": slugs("Russia", "Kyiv", kind=Location),
        "theme": ["strikes", "energy"],
        "source": [str(events["putin_kyiv"].document_id)],
        "q": "strike",
        "date_from": "2024-12-01",
    }
    with django_assert_max_num_queries(12):  # the first request after a change also reads the counts' index
        client.get("/", headers={"HX-Request": "true"})
    with django_assert_max_num_queries(10):
        response = client.get("/", query, headers={"HX-Request": "true"})
    assert headlines(response) == ["Strike on Kyiv power plant"]


def test_search_folds_case_and_accents_and_finds_word_beginnings(client):
    make_event("Shelling near Andriïvka", DEC[1], "08:00", body="Drones hit the village.")
    make_event("Talks in Geneva", DEC[2], "08:00")
    assert headlines(client.get("/", {"q": "andriivka DRONE"})) == ["Shelling near Andriïvka"]
    assert headlines(client.get("/", {"q": 'quote" OR "x'})) == []  # the search syntax is not the reader's to use


def test_search_finds_the_parts_of_names_with_numbers(client):
    make_event("Tu-160 bombers over the Caspian", DEC[1], "08:00", body="Air defence saw the S-300 at 03:40.")
    make_event("Talks in Geneva", DEC[2], "08:00")
    for words in ("160", "tu-160", "tu 16", "s-300", "300", "03:40"):
        assert headlines(client.get("/", {"q": words})) == ["Tu-160 bombers over the Caspian"], words
    assert headlines(client.get("/", {"q": "161"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's; SQLite has FTS5")
def test_search_reads_the_full_text_index_on_postgresql():
    with connection.cursor() as cursor:
        # Leave the planner one fair way to find matches, the text index: on a handful of rows it would read them all.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    assert "Bitmap Index Scan on timeline_event_search" in Event.objects.search("zelen drone").order_by().explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="work_mem is PostgreSQL's")
def test_a_common_words_bitmap_of_pages_has_room_to_stay_exact_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "64MB"


@pytest.mark.parametrize(
    "column", [[5, 3, 5, 900, 3], [], [7], [10**12, 5, 10**12]], ids=["ids", "none", "one", "far apart"]
)
def test_ids_are_labelled_as_sorting_them_would(column):
    column = np.array(column, dtype=np.int64)
    looked_up, sorted_out = Labels.of_ids(column), Labels.of(column)
    assert looked_up.ids.tolist() == sorted_out.ids.tolist()
    assert looked_up.numbers.tolist() == sorted_out.numbers.tolist()


def test_search_follows_edits_and_deletions(client):
    event = make_event("Talks in Geneva", DEC[2], "08:00")
    event.headline = "Talks in Vienna"
    event.save()
    assert headlines(client.get("/", {"q": "vienna"})) == ["Talks in Vienna"]
    assert headlines(client.get("/", {"q": "geneva"})) == []
    event.document.delete()  # events go with their document, never alone (`Revision`)
    assert headlines(client.get("/", {"q": "vienna"})) == []


def test_facet_counts_agree_with_counting_each_option_on_its_own(client, seeds_dir):
    from django.core.management import call_command

    call_command("ingest", str(seeds_dir), verbosity=0)
    page = client.get("/", {"all": ["actor", "location", "source"]}).content.decode()
    shown = re.findall(r'id="(actor|location|theme|source)-([^"]+)".*?<span class="n">(\d+)</span>', page, re.S)
    assert len(shown) > 50
    visible = Event.objects.visible()
    for kind, value, count in shown:
        if kind == "theme":
            expected = visible.filter(themes__slug=value).count()
        elif kind == "source":
            expected = visible.filter(document_id=value).count()
        else:
            expected = visible.filter(**{f"{kind}s__slug": value}).count()
        assert int(count) == expected, (kind, value)


@pytest.mark.parametrize(
    "query",
    [
        {"theme": ["diplomacy"]},
        {"q": "russia"},
        {"date_from": "2023-09-05", "date_to": "2024-12-03"},
        {"location_names": ["Ukraine"], "theme": ["diplomacy", "strikes"]},
        {"actor_names": ["Vladimir Putin"], "q": "kim", "date_to": "2024-12-31"},
        {"source_number": 4, "theme": ["weapons"]},
    ],
)
def test_each_count_is_what_choosing_that_option_would_give(client, seeds_dir, query):
    from django.core.management import call_command

    call_command("ingest", str(seeds_dir), verbosity=0)
    query = with_ids(query)
    page = client.get("/", {**query, "all": ["actor", "location", "source"]}).content.decode()
    shown = re.findall(r'id="(actor|location|theme|source)-([^"]+)".*?<span class="n">(\d+)</span>', page, re.S)
    assert len(shown) > 10
    for kind, value, count in shown:
        chosen = QueryDict(mutable=True)
        for name, values in {**query, kind: [value]}.items():
            chosen.setlist(name, values if isinstance(values, list) else [values])
        expected = EventFilter(chosen, queryset=Event.objects.visible()).qs.count()
        assert int(count) == expected, (kind, value)
    total = EventFilter(QueryDict(urlencode(query, doseq=True)), queryset=Event.objects.visible()).qs.count()
    assert f'aria-live="polite">{total} event' in page


def with_ids(query: dict) -> dict:
    """Names in a test's query turned into the slugs and ids the page takes."""
    query = dict(query)
    for kind, model in (("actor", Actor), ("location", Location)):
        if names := query.pop(f"{kind}_names", None):
            query[kind] = [model.objects.get(name=name).slug for name in names]
    if (number := query.pop("source_number", None)) is not None:
        query["source"] = [str(Document.objects.order_by("source")[number].pk)]
    return query


@pytest.mark.parametrize("oldest_first", [False, True])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"theme": ["diplomacy", "strikes"]},
        {"q": "russia"},
        {"actor_names": ["Vladimir Putin"], "date_to": "2024-12-31"},
        {"date_from": "2024-12-03"},
    ],
)
def test_pages_read_off_the_index_are_the_sql_filters_events_in_order(seeds_dir, query, oldest_first):
    from django.core.management import call_command

    call_command("ingest", str(seeds_dir), verbosity=0)
    filters = EventFilter(QueryDict(urlencode(with_ids(query), doseq=True)), queryset=Event.objects.visible())
    dated, undated = filters.qs.exclude(sort_key=""), filters.qs.filter(sort_key="")
    expected = [
        *dated.in_order(oldest_first).values_list("id", flat=True),
        *undated.order_by("id").values_list("id", flat=True),
    ]
    selection = filters.selection(current_index())
    read, start = [], None
    while True:
        events, start = paging.page_of(selection, start, 7, oldest_first)
        read += [event.pk for event in events]
        if start is None:
            break
    assert read == expected and expected


def test_counts_follow_an_ingest_and_an_editors_change(client, events):
    assert "4 events" in client.get("/").content.decode()
    ingest_text(LIVE_BLOG, source="blog.txt")
    assert "7 events" in client.get("/").content.decode()
    event = Event.objects.get(headline="Kim inspects missiles")
    event.editor_occurred_on = DEC[20]
    event.refresh()
    event.save()
    page = client.get("/", {"date_from": "2024-12-21", "date_to": "2024-12-21"}).content.decode()
    assert "1 event match" in page and "Kim inspects missiles" in page


def theme_counts(page: str) -> dict[str, int]:
    return {slug: int(n) for slug, n in re.findall(r'id="theme-([a-z]+)".*?<span class="n">(\d+)</span>', page, re.S)}


def test_counts_follow_a_retag(client):
    from timeline.models import Theme, ThemeRule
    from timeline.store.tags import retag_all

    ingest_text(LIVE_BLOG, source="blog.txt")
    before = theme_counts(client.get("/").content.decode())
    ThemeRule.objects.create(theme=Theme.objects.get(slug="justice"), phrase="procurement scandal", weight=3)
    retag_all()
    after = theme_counts(client.get("/").content.decode())
    assert after.get("justice", 0) == before.get("justice", 0) + 1


def test_rows_loaded_from_a_fixture_leave_the_revision_alone_and_an_editors_save_bumps_it():
    from django.core import serializers

    from timeline.models import Revision

    before = Revision.current()
    for loaded in serializers.deserialize("json", serializers.serialize("json", Actor.objects.all()[:20])):
        loaded.save()
    assert Revision.current() == before
    Actor.objects.first().save()
    assert Revision.current() == before + 1


def test_a_span_of_years_gets_a_bar_a_month(client):
    make_event("Early", dt.date(2024, 1, 3), "08:00")
    make_event("Late", dt.date(2026, 1, 3), "08:00")
    page = client.get("/").content.decode()
    assert "a bar a month" in page
    assert "<title>1 Jan – 31 Jan 2024: 1 event</title>" in page
    assert page.count("<title>") == 2 + 1  # two bars with events, and the page's own title


def test_an_events_own_page_names_its_day_beside_its_time(client):
    event = make_event("Morning strike", DEC[2], "08:00")
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert '<time datetime="2024-12-03T08:00:00+00:00">Tuesday 3 December 2024, 08:00 UTC</time>' in page


def test_while_documents_pour_in_the_index_is_read_again_at_most_every_few_seconds(client, settings, monkeypatch):
    from timeline.query import counting

    settings.TIMELINE_INDEX_MAX_AGE = 3
    clock = [1000.0]
    monkeypatch.setattr(counting.time, "monotonic", lambda: clock[0])
    make_event("Talks in Geneva", DEC[1], "08:00")
    assert "1 event" in client.get("/").content.decode()
    make_event("Strike on Kyiv", DEC[2], "08:00")
    clock[0] += 2.9
    assert "1 event" in client.get("/").content.decode()
    clock[0] += 0.1
    assert "2 events" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the index's thread reads what was committed
def test_an_index_slow_to_read_is_read_beside_the_requests_which_get_the_one_in_hand(client, settings, monkeypatch):
    from timeline.query import counting, held

    settings.TIMELINE_INDEX_MAX_AGE = 3
    settings.TIMELINE_INDEX_INLINE_SECONDS = 0  # every read counts as slow
    clock = [1000.0]
    monkeypatch.setattr(counting.time, "monotonic", lambda: clock[0])
    make_event("Talks in Geneva", DEC[1], "08:00")
    assert "1 event" in client.get("/").content.decode()  # the first read is the request's own
    if held._refresh is not None:  # on PostgreSQL, the word file being built: the next update would wait for it
        held._refresh.join()
    make_event("Strike on Kyiv", DEC[2], "08:00")
    clock[0] += 3
    assert "1 event" in client.get("/").content.decode()  # served at once, while the thread reads
    held._refresh.join()
    assert "2 events" in client.get("/").content.decode()


def test_an_index_slow_to_read_rests_ten_times_as_long_as_it_took(settings):
    from timeline.query import counting

    settings.TIMELINE_INDEX_MAX_AGE = 3
    settings.TIMELINE_INDEX_INLINE_SECONDS = 0.25
    index = counting.read_index(0)
    slow = dataclasses.replace(index, whole_read_seconds=2.0)
    assert dataclasses.replace(index, read_seconds=2.0).rest == 3  # quick to read whole: read by the request
    assert dataclasses.replace(slow, read_seconds=0.1).rest == 3
    assert dataclasses.replace(slow, read_seconds=2.0).rest == 20


def test_counts_over_every_event_are_counted_once_for_all_the_requests_an_index_serves():
    make_event("Envoys meet", DEC[1], "08:00", actors=("Anna Envoy", "Boris Envoy"), themes=("diplomacy",))
    make_event("Envoy speaks", DEC[2], "09:00", actors=("Anna Envoy",))
    make_event("Depot burns", DEC[2], "10:00", themes=("strikes",))
    index = current_index()

    def selection(query: str):
        return EventFilter(QueryDict(query), queryset=Event.objects.visible()).selection(index)

    anna = Actor.objects.get(name="Anna Envoy")
    front_page, one_actor = selection(""), selection(f"actor={anna.slug}")
    # Choosing an actor leaves the actors' counts as they are over every event: the same counts, not counted again.
    assert one_actor.counts_for("actor") is front_page.counts_for("actor") is selection("").counts_for("actor")
    assert front_page.counts_for("actor") == {anna.pk: 2, Actor.objects.get(name="Boris Envoy").pk: 1}
    assert front_page.per_day is selection("").per_day
    assert front_page.per_day == {DEC[1]: 1, DEC[2]: 2}
    assert one_actor.per_day == {DEC[1]: 1, DEC[2]: 1}
    assert one_actor.counts_for("theme") == {Theme.objects.get(slug="diplomacy").pk: 1}


def test_the_index_holds_an_event_in_43_bytes_and_a_tag_link_in_4():
    """Its id (8), sort key (19), two places in the reading orders, its day's and source's numbers (4 each); a link's
    row (4), grouped by tag, each tag holding its id and where its rows begin (8 each): a million events with five
    million links fit in about 65 MB."""
    from django.core.management import call_command

    call_command("generate_timeline", "--events", "500", stdout=io.StringIO())
    index = current_index()
    events = [index.ids, index.keys, index.newest, index.oldest, index.days.numbers, index.sources.numbers]
    links = index.links.values()
    assert sum(array.nbytes for array in events) == 43 * len(index.ids)
    assert sum(group.rows.nbytes for group in links) == 4 * sum(len(group.rows) for group in links)
    assert sum(group.tags.nbytes + group.bounds.nbytes for group in links) == sum(16 * len(g.tags) + 8 for g in links)


def test_an_option_renamed_is_named_anew_in_its_facet(client):
    """The facets' names are kept with the index, and a rename gives the next request a new one."""
    make_event("Envoys meet", DEC[1], "08:00", actors=("Anna Envoy",))
    assert '<span class="name">Anna Envoy</span>' in client.get("/").content.decode()
    actor = Actor.objects.get(name="Anna Envoy")
    actor.name = "Anna Envoya"
    actor.save()
    page = client.get("/").content.decode()
    assert '<span class="name">Anna Envoya</span>' in page
    assert '<span class="name">Anna Envoy</span>' not in page


def test_a_kind_of_filter_a_view_chooses_nothing_of_is_an_empty_list_read_once():
    """Not an empty queryset, which is compiled again each time it is looked at: half a millisecond, four kinds."""
    make_event("Talks in Geneva", dt.date(2024, 12, 2), "08:00", actors=("Anna Envoy",))
    filters = EventFilter(QueryDict("actor=anna-envoy"), queryset=Event.objects.visible())
    values = filters.values
    assert [actor.name for actor in values["actor"]] == ["Anna Envoy"]
    assert values["location"] == values["theme"] == values["source"] == []
    assert filters.values is values
