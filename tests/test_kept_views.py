"""Views kept for every reader who asks for the same, when a deployment chooses to (`TIMELINE_VIEW_CACHE_SECONDS`)."""

import datetime as dt

import pytest

from .factories import make_event

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 2)


@pytest.fixture
def keeping(settings):
    settings.TIMELINE_VIEW_CACHE_SECONDS = 60
    make_event("Talks in Geneva", DAY, "08:00", actors=("Anna Envoy",))


def test_a_view_asked_again_is_the_one_kept_and_asks_the_database_nothing(client, keeping, django_assert_num_queries):
    first = client.get("/", {"actor": "anna-envoy"}).content
    make_event("Strike on Kyiv", DAY, "09:00", actors=("Anna Envoy",))
    with django_assert_num_queries(0):
        again = client.get("/", {"actor": "anna-envoy"}).content
    assert again == first and b"Strike on Kyiv" not in again  # a reader sees the change up to the time chosen later
    assert b"Strike on Kyiv" in client.get("/", {"actor": "anna-envoy", "order": "newest"}).content  # another view


def test_a_page_and_its_htmx_part_are_kept_apart(client, keeping):
    page = client.get("/").content.decode()
    part = client.get("/", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith("<!doctype html>") and not part.startswith("<!doctype html>")
    assert client.get("/").content.decode() == page
    assert client.get("/", HTTP_HX_REQUEST="true").content.decode() == part


def test_an_editor_signed_in_always_gets_a_view_made_for_the_request(editor_client, keeping):
    editor_client.get("/")
    make_event("Strike on Kyiv", DAY, "09:00")
    assert b"Strike on Kyiv" in editor_client.get("/").content


def test_by_default_no_view_is_kept(client):
    make_event("Talks in Geneva", DAY, "08:00")
    client.get("/")
    make_event("Strike on Kyiv", DAY, "09:00")
    assert b"Strike on Kyiv" in client.get("/").content
