"""The map of where the filtered events happened: marks from the same counts as the "Where" filter, countries as their
outlines, places without coordinates counted under it, every mark a link that chooses or clears its place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import shapely
from django.http import QueryDict

from timeline.gazetteer.outlines import countries, country_named, mercator
from timeline.query import mapping
from timeline.query.filters import reader_view
from timeline.query.held import current_index

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 4)


@pytest.fixture
def places():
    """Two invented towns a few hundred kilometres apart, a village nobody has placed, and a country."""
    from timeline.models import Location

    Location.objects.create(name="Eastport", kind="city", country="Portugal", latitude=41.2, longitude=-8.4)
    Location.objects.create(name="Westbury", kind="city", country="Portugal", latitude=38.9, longitude=-9.2)
    Location.objects.create(name="Nowhere Creek", kind="village")
    return Location.objects.filter(name__in=["Eastport", "Westbury", "Nowhere Creek", "Portugal"])


@pytest.fixture
def reports(places):
    make_event("Flood in Eastport", DAY, "08:00", locations=("Eastport", "Portugal"), themes=("humanitarian",))
    make_event("Bridge closed in Eastport", DAY, "09:00", locations=("Eastport",))
    make_event("Schools shut in Eastport", DAY, "09:30", locations=("Eastport",))
    make_event("Talks in Westbury", DAY, "10:00", locations=("Westbury", "Portugal"), themes=("diplomacy",))
    make_event("Fire near Nowhere Creek", DAY, "11:00", locations=("Nowhere Creek",))
    make_event("A statement", DAY, "12:00")


def map_for(query: str) -> mapping.PlaceMap:
    query_dict = QueryDict(query)
    filters, _ = reader_view(query_dict)
    return mapping.place_map(filters.selection(current_index()), query_dict, filters.values.get("location") or [])


def by_label(place_map: mapping.PlaceMap) -> dict[str, mapping.Place]:
    return {place.label: place for place in place_map.places}


# The outlines.


def test_the_outlines_know_countries_by_their_english_names_codes_and_the_atlas_own_names():
    assert country_named(["Czech Republic"]).code == "203"
    assert country_named(["nowhere at all", "PRT"]).name == "Portugal"
    assert country_named(["Kosovo"]).name == "Kosovo"  # no ISO code: only the atlas names it
    assert country_named(["Atlantis"]) is None


def test_no_outline_runs_round_the_world_where_it_crosses_the_antimeridian():
    widths = [
        right - left
        for country in countries()
        for part in shapely.get_parts(country.shape)
        for left, _, right, _ in [part.bounds]
    ]
    assert max(widths) < 200  # Russia's mainland is the widest: some 160 degrees
    for country in countries():
        left, _, right, _ = country.shape.bounds
        assert left >= -180 and right <= 180, country.name
    fiji = country_named(["Fiji"]).shape
    assert len(shapely.get_parts(fiji)) > 1 and fiji.bounds[2] - fiji.bounds[0] > 300  # islands on both sides


def test_mercator_keeps_the_equator_and_stretches_the_north():
    x, y = mercator(30.0, 0.0)
    assert float(x) == 30.0 and float(y) == pytest.approx(0.0, abs=1e-9)
    assert mercator(0.0, 60.0)[1] == pytest.approx(75.5, abs=0.1)
    assert mercator(0.0, 90.0)[1] == mercator(0.0, 85.0)[1]  # the pole is not at infinity


# What the map shows.


def test_the_map_counts_each_place_as_the_where_filter_does(reports):
    from timeline.models import Event, Location

    themes = ["diplomacy", "humanitarian"]
    place_map = map_for("&".join(f"theme={slug}" for slug in themes) + "&location=westbury")
    matching = Event.objects.visible().filter(themes__slug__in=themes).distinct()  # the place's own filter aside
    expected = {place.name: matching.filter(locations=place).count() for place in Location.objects.all()}
    assert {place.label: place.count for place in place_map.places} == {n: c for n, c in expected.items() if c}
    assert by_label(place_map)["Eastport"].count == 1


def test_a_place_map_with_only_countries_shades_them_and_fits_their_main_body(places):
    make_event("Statement from Lisbon", DAY, "08:00", locations=("Portugal",))
    place_map = map_for("")
    assert [place.drawn for place in place_map.places] == ["area"]
    assert place_map.view is not None and place_map.view.span < 40  # not the Azores and Madeira too
    assert 'class="area shade4"' in place_map.svg_land and "<circle" not in place_map.svg_points


def test_a_town_is_a_point_a_country_its_outline_and_a_place_without_coordinates_is_counted_apart(reports):
    place_map = map_for("")
    places = by_label(place_map)
    assert places["Eastport"].drawn == "point" and places["Westbury"].drawn == "point"
    assert places["Portugal"].drawn == "area"
    assert places["Nowhere Creek"].drawn == ""
    assert [place.label for place in place_map.unplaced] == ["Nowhere Creek"]
    assert place_map.unplaced_events == 1
    shaded = re.findall(r'<title>([^<]*)</title><path class="area shade(\d)', place_map.svg_land)
    assert shaded == [("Portugal: 2 events", "4")]
    assert "<circle" not in re.sub(r"<a .*?</a>", "", str(place_map.svg_points))  # every circle is a link


def test_a_country_with_coordinates_is_still_drawn_as_its_outline(reports):
    from timeline.models import Location

    Location.objects.filter(name="Portugal").update(latitude=39.6, longitude=-8.0)
    place_map = map_for("")
    assert by_label(place_map)["Portugal"].drawn == "area"
    assert "Portugal" not in re.findall(r"<title>([^:]*):", str(place_map.svg_points))


def test_a_country_the_atlas_names_otherwise_is_still_shaded(places):
    make_event("Talks in Sarajevo", DAY, "08:00", locations=("Bosnia and Herzegovina",))  # "Bosnia and Herz."
    place_map = map_for("")
    assert by_label(place_map)["Bosnia and Herzegovina"].drawn == "area"
    assert '<title>Bosnia and Herzegovina: 1 event</title><path class="area shade4' in place_map.svg_land


def test_a_country_too_small_to_outline_at_the_zoom_is_a_ring_where_it_is(places):
    from timeline.models import Location

    Location.objects.create(name="Southaven", kind="city", latitude=-41.3, longitude=174.8)
    make_event("Ferry lost off Valletta", DAY, "08:00", locations=("Malta",))
    make_event("Storm on the coast", DAY, "09:00", locations=("Eastport", "Southaven"))
    place_map = map_for("")
    malta = by_label(place_map)["Malta"]
    assert place_map.view.span >= mapping.WIDE and malta.drawn == "point"
    assert 0 < malta.x < mapping.WIDTH and 0 < malta.y < mapping.HEIGHT
    assert '<title>Malta: 1 event</title><circle class="point country' in place_map.svg_points


def test_a_shaded_country_far_from_the_points_is_brought_into_view(places):
    make_event("Flood in Eastport", DAY, "08:00", locations=("Eastport",))
    make_event("Talks in Tokyo", DAY, "09:00", locations=("Japan",))
    place_map = map_for("")
    view = place_map.view
    japan = mapping.countries()[[c.name for c in mapping.countries()].index("Japan")].shape
    assert japan.intersects(shapely.box(view.left, view.bottom, view.right, view.top))


def test_a_country_without_an_outline_is_placed_by_its_coordinates_if_it_has_them(places):
    from timeline.models import Location

    Location.objects.create(name="Freedonia", kind="country", latitude=40.0, longitude=-8.0)
    Location.objects.create(name="Sylvania", kind="country")
    make_event("Border talks", DAY, "08:00", locations=("Freedonia", "Sylvania"))
    places = by_label(map_for(""))
    assert places["Freedonia"].drawn == "point" and places["Sylvania"].drawn == ""


def test_coordinates_off_the_globe_are_taken_as_missing_not_drawn_nor_an_error(client, reports):
    from timeline.models import Location

    Location.objects.filter(name="Westbury").update(latitude=200.0)  # past the admin's checks, as a script might
    assert by_label(map_for(""))["Westbury"].drawn == ""
    assert client.get("/").status_code == 200
    assert not mapping._usable(float("nan"), 10.0) and not mapping._usable(10.0, float("inf"))
    assert mapping._usable(-90.0, 180.0)


def test_with_no_place_on_the_map_the_list_and_the_count_stand_alone(client, places):
    make_event("Fire near Nowhere Creek", DAY, "11:00", locations=("Nowhere Creek",))
    place_map = map_for("")
    assert place_map.view is None and place_map.unplaced_events == 1
    page = client.get("/").content.decode()
    assert '<figure class="map"' in page and '<svg viewBox="0 0 800' not in page
    assert "1 event at places without coordinates, not on the map: Nowhere Creek." in page


def test_the_events_at_places_without_coordinates_are_counted_beyond_the_places_listed(reports, monkeypatch):
    monkeypatch.setattr(mapping, "MOST_PLACES", 1)
    place_map = map_for("")
    assert [place.label for place in place_map.places] == ["Eastport"]
    assert place_map.unplaced_events == 1 and place_map.unplaced_more == 1


def test_a_place_chosen_by_its_former_address_is_cleared_by_its_mark(reports):
    from timeline.models import Location

    Location.objects.filter(name="Eastport").update(former_slugs=["old-eastport"])
    eastport = by_label(map_for("location=old-eastport&theme=humanitarian"))["Eastport"]
    assert eastport.selected
    assert parse_qs(urlsplit(eastport.url).query) == {"theme": ["humanitarian"]}


def test_the_view_holds_points_far_north_and_far_south(places):
    from timeline.models import Location

    Location.objects.create(name="Northholm", kind="city", latitude=70.0, longitude=20.0)
    Location.objects.create(name="Southholm", kind="city", latitude=-40.0, longitude=21.0)
    make_event("Cold snap", DAY, "08:00", locations=("Northholm", "Southholm"))
    place_map = map_for("")
    for name in ("Northholm", "Southholm"):
        point = by_label(place_map)[name]
        assert point.radius <= point.y <= mapping.HEIGHT - point.radius, name


def test_the_view_holds_every_point_and_larger_counts_get_larger_marks(reports):
    place_map = map_for("")
    eastport, westbury = by_label(place_map)["Eastport"], by_label(place_map)["Westbury"]
    for point in (eastport, westbury):
        assert 0 < point.x < mapping.WIDTH and 0 < point.y < mapping.HEIGHT
    assert eastport.y < westbury.y  # further north, higher up
    assert eastport.radius > westbury.radius  # three events against one
    assert place_map.view.span >= mapping.NARROWEST


def test_an_editor_giving_coordinates_puts_a_place_on_the_map(reports):
    from timeline.models import Location

    assert by_label(map_for(""))["Nowhere Creek"].drawn == ""
    creek = Location.objects.get(name="Nowhere Creek")
    creek.latitude, creek.longitude = 40.1, -7.5
    creek.save()
    place_map = map_for("")
    assert by_label(place_map)["Nowhere Creek"].drawn == "point"
    assert place_map.unplaced_events == 0


def test_each_mark_links_to_the_view_with_its_place_chosen_or_cleared(reports):
    place_map = map_for("theme=humanitarian&location=eastport")
    places = by_label(place_map)
    assert places["Eastport"].selected
    assert parse_qs(urlsplit(places["Eastport"].url).query) == {"theme": ["humanitarian"]}
    assert parse_qs(urlsplit(places["Portugal"].url).query) == {
        "location": ["eastport", places["Portugal"].value],
        "theme": ["humanitarian"],
    }
    assert places["Eastport"].url in place_map.svg_points and "chosen" in place_map.svg_points


def test_a_place_with_too_few_events_to_draw_is_counted_as_left_out(reports, monkeypatch):
    monkeypatch.setattr(mapping, "MOST_PLACES", 2)
    place_map = map_for("")
    assert len(place_map.places) == 2 and place_map.more == 2
    assert [place.label for place in place_map.places] == ["Eastport", "Portugal"]  # the most events first


def test_no_map_is_drawn_when_no_event_has_a_place(client):
    make_event("A statement", DAY, "12:00")
    place_map = map_for("")
    assert place_map.places == [] and place_map.view is None
    assert 'class="map"' not in client.get("/").content.decode()


def test_a_place_merged_away_since_the_counts_were_read_is_passed_over(reports):
    from timeline.models import Location

    selection = reader_view(QueryDict(""))[0].selection(current_index())
    Location.objects.filter(name="Westbury").delete()
    place_map = mapping.place_map(selection, QueryDict(""), [])
    assert "Westbury" not in by_label(place_map) and "Eastport" in by_label(place_map)


# The pages.


def test_the_timeline_shows_the_map_and_its_places_as_a_list_in_both_renderings(client, reports):
    for headers in ({}, {"HX-Request": "true"}):
        page = client.get("/?theme=humanitarian", headers=headers).content.decode()
        assert '<figure class="map"' in page and '<svg viewBox="0 0 800' in page
        listed = re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a> <span class="kind">([^<]*)</span>', page)
        assert {(name, kind) for _, name, kind in listed} == {("Eastport", "city"), ("Portugal", "country")}
    assert '<a href="?location=' in page


def test_the_timeline_says_how_many_events_are_at_places_without_coordinates(client, reports):
    page = client.get("/").content.decode()
    assert "1 event at places without coordinates, not on the map: Nowhere Creek." in page


def test_the_widget_shows_the_map_only_when_asked_and_its_marks_open_the_full_timeline(client, reports):
    plain = client.get("/embed/?theme=humanitarian").content.decode()
    assert 'class="map"' not in plain and "map.css" not in plain
    page = client.get("/embed/?theme=humanitarian&map=1&scheme=dark").content.decode()
    assert 'class="map"' in page and "map.css" in page
    marks = re.findall(r"<a [^>]*>", page)
    assert all('target="_blank"' in mark and 'rel="noopener"' in mark for mark in marks)
    assert 'href="/?location=eastport&amp;theme=humanitarian"' in page  # neither "map" nor "scheme" goes along


def test_a_filter_on_a_place_leaves_the_map_counting_the_others(client, reports):
    place_map = map_for("location=westbury")
    assert by_label(place_map)["Eastport"].count == 3 and not by_label(place_map)["Eastport"].selected
    assert by_label(place_map)["Westbury"].selected


# The admin.


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("95", "10", "less than or equal to 90"),
        ("45", "-200", "greater than or equal to -180"),
        ("45", "", "Give both the latitude and the longitude"),
        ("north", "10", "Enter a number"),
    ],
)
def test_coordinates_an_editor_types_wrong_are_refused_with_a_message(editor_client, latitude, longitude, message):
    from timeline.models import Location

    place = Location.objects.create(name="Eastport", kind="city")
    url = f"/admin/timeline/location/{place.pk}/change/"
    form = {"name": "Eastport", "kind": "city", "country": "", "aliases": "", "latitude": latitude}
    response = editor_client.post(url, {**form, "longitude": longitude, "reviewed": "on"})
    assert response.status_code == 200 and message in response.content.decode()
    place.refresh_from_db()
    assert place.latitude is None and place.longitude is None


def test_editors_find_the_places_missing_coordinates(editor_client, places):
    from timeline.models import Location

    Location.objects.create(name="Nowhere Port", kind="village")
    Location.objects.create(name="Portlandia", kind="country")  # no outline: it needs coordinates
    page = editor_client.get("/admin/timeline/location/?coordinates=no&q=port").content.decode()
    assert "Nowhere Port" in page and "Portlandia" in page
    assert "Eastport" not in page and ">Portugal<" not in page  # an outlined country needs none


# What it weighs.

# The most the map may add to the first view of the timeline, compressed as the server sends it.
MAP_BUDGET = 40 * 1024


def test_the_map_adds_at_most_forty_kilobytes_to_the_timelines_first_view(client, seeds_dir):
    import gzip
    from io import StringIO

    from django.contrib.staticfiles import finders
    from django.core.management import call_command

    call_command("ingest", str(seeds_dir), stdout=StringIO())
    page = client.get("/").content
    without = re.sub(rb'<figure class="map".*?</figure>', b"", page, flags=re.S)
    assert len(without) < len(page) - 10_000, "the seeds' map is missing or tiny"
    stylesheet = Path(finders.find("map.css")).read_bytes()
    added = len(gzip.compress(page, 6)) - len(gzip.compress(without, 6)) + len(gzip.compress(stylesheet, 6))
    print(f"\nthe map adds {added} bytes gzipped ({added / 1024:.1f} KB) to the first view of the seeds")
    assert added <= MAP_BUDGET
