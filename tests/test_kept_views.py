"""Views kept for every reader who asks for the same while the index they were made from is in hand
(`TIMELINE_KEEP_VIEWS`)."""

import datetime as dt

import pytest
from django.http import HttpResponse

from timeline.query import held
from timeline.reading import views
from timeline.reading.kept_views import COUNTED_EVERY, ViewFiles

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The addresses of the views made for their requests, rather than kept."""
    addresses = []
    timeline = views.timeline_view

    def recorded(request, index):
        addresses.append(request.get_full_path())
        return timeline(request, index)

    monkeypatch.setattr(views, "timeline_view", recorded)
    return addresses


@pytest.fixture
def resting(settings):
    """The index in hand is not read again meanwhile."""
    settings.TIMELINE_INDEX_MAX_AGE = 60
    make_event("Talks in Geneva", DAY, "08:00", actors=("Anna Envoy",))


def test_a_view_asked_again_from_the_same_index_is_the_one_kept_and_asks_the_database_nothing(
    client, resting, made, django_assert_num_queries
):
    first = client.get("/", {"actor": "anna-envoy"}).content
    with django_assert_num_queries(0):
        again = client.get("/", {"actor": "anna-envoy"}).content
    assert again == first
    client.get("/", {"actor": "anna-envoy", "order": "newest"})  # another view
    assert made == ["/?actor=anna-envoy", "/?actor=anna-envoy&order=newest"]


def test_a_view_is_made_anew_once_the_index_is_brought_up_to_date(client, made):
    make_event("Talks in Geneva", DAY, "08:00")
    client.get("/")
    make_event("Strike on Kyiv", DAY, "09:00")
    assert b"Strike on Kyiv" in client.get("/").content  # nothing older than the index shows
    assert made == ["/", "/"]


def test_a_view_kept_by_one_process_serves_another_holding_the_same_index(client, resting, made):
    first = client.get("/").content
    held.forget_index()  # as another process, which reads the same index
    assert client.get("/").content == first
    assert made == ["/"]


def test_each_host_gets_views_that_name_it(client, resting, settings, made):
    settings.ALLOWED_HOSTS = ["timeline.example", "www.timeline.example"]
    first = client.get("/", HTTP_HOST="timeline.example").content.decode()
    second = client.get("/", HTTP_HOST="www.timeline.example").content.decode()
    assert "//timeline.example/embed/" in first and "//www.timeline.example/embed/" in second  # the embed code
    assert made == ["/", "/"]


def test_a_page_and_its_htmx_part_are_kept_apart(client, resting):
    page = client.get("/").content.decode()
    part = client.get("/", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith("<!doctype html>") and not part.startswith("<!doctype html>")
    assert client.get("/").content.decode() == page
    assert client.get("/", HTTP_HX_REQUEST="true").content.decode() == part


def test_an_editor_signed_in_always_gets_a_view_made_for_the_request(editor_client, resting, made):
    editor_client.get("/")
    editor_client.get("/")
    assert made == ["/", "/"]


def test_with_views_not_kept_each_view_is_made_for_its_request(client, resting, made, settings):
    settings.TIMELINE_KEEP_VIEWS = False
    client.get("/")
    client.get("/")
    assert made == ["/", "/"]


def test_a_view_that_sets_a_cookie_is_not_kept_for_others(client, resting, made, monkeypatch):
    recorded = views.timeline_view

    def with_cookie(request, index):
        response = recorded(request, index)
        response.set_cookie("reader", "own")
        return response

    monkeypatch.setattr(views, "timeline_view", with_cookie)
    client.get("/")
    client.cookies.clear()
    assert client.get("/").cookies["reader"].value == "own"
    assert made == ["/", "/"]


def test_views_that_cannot_be_kept_or_read_back_are_served_all_the_same(client, resting, made, settings, caplog):
    client.get("/")
    for kept in (settings.TIMELINE_INDEX_DIR).glob("*/views/*.djcache"):
        kept.write_bytes(b"scribbled over")  # a damaged file: made anew
    assert client.get("/").status_code == 200
    settings.TIMELINE_INDEX_DIR = settings.TIMELINE_INDEX_DIR.parent / "a file, not a folder"
    settings.TIMELINE_INDEX_DIR.write_text("")  # a folder the process may not write
    assert client.get("/", {"order": "oldest"}).status_code == 200
    assert made == ["/", "/", "/?order=oldest"]
    assert "cannot be kept in" in caplog.text


def test_views_past_the_most_kept_are_thinned_though_the_files_are_counted_only_now_and_then(tmp_path):
    kept = ViewFiles(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4 * COUNTED_EVERY}})
    for number in range(12 * COUNTED_EVERY):
        kept.set(f"view-{number}", HttpResponse(f"view {number}"))
    assert len(list(tmp_path.glob("*.djcache"))) <= 5 * COUNTED_EVERY
    last = 12 * COUNTED_EVERY - 1
    assert kept.get(f"view-{last}").content == f"view {last}".encode()
