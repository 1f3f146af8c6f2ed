"""Fetching a page by address: what a real site answers, and each refusal with its reason."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.fetching import FetchFailed, Limits, check_address, fetch_page, name_for_address
from timeline.models import Document

from .local_site import LocalSite

PAGE = "<!DOCTYPE html><html><head><title>Live</title></head><body><p>Hello from the harbour.</p></body></html>"


@pytest.fixture
def site():
    with LocalSite() as running:
        yield running


def limits_for(site: LocalSite, **overrides) -> Limits:
    """The local site is on loopback: allowed by name, as a newsroom would allow its intranet host."""
    return Limits(**{"max_bytes": 100_000, "timeout": 5, "private_hosts": frozenset({"127.0.0.1"}), **overrides})


def test_it_fetches_a_page_with_its_validators(site):
    site.serve("/live", PAGE, headers={"Last-Modified": "Mon, 05 Aug 2024 20:49:00 GMT"})
    fetched = fetch_page(site.url("/live"), limits_for(site))
    assert fetched.text == PAGE
    assert fetched.url == site.url("/live")
    assert fetched.etag.startswith('"') and fetched.last_modified == "Mon, 05 Aug 2024 20:49:00 GMT"


def test_a_page_not_modified_since_its_etag_comes_back_without_text(site):
    site.serve("/live", PAGE)
    first = fetch_page(site.url("/live"), limits_for(site))
    again = fetch_page(site.url("/live"), limits_for(site), etag=first.etag)
    assert again.text is None
    assert site.requests[-1][1]["If-None-Match"] == first.etag


def test_redirects_are_followed_to_the_page(site):
    site.serve("/old", status=301, headers={"Location": "/live"})
    site.serve("/live", PAGE)
    fetched = fetch_page(site.url("/old"), limits_for(site))
    assert (fetched.url, fetched.text) == (site.url("/live"), PAGE)


def test_a_redirect_to_a_private_address_is_refused(site):
    site.serve("/live", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with pytest.raises(FetchFailed, match=r"169\.254\.169\.254 is a private or local address"):
        fetch_page(site.url("/live"), limits_for(site))


def test_endless_redirects_are_refused(site):
    site.serve("/a", status=302, headers={"Location": "/b"})
    site.serve("/b", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetch_page(site.url("/a"), limits_for(site))


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/",
        "http://0.0.0.0/",
    ],
)
def test_loopback_private_and_link_local_hosts_are_refused_unless_named(address):
    with pytest.raises(FetchFailed, match="private or local address"):
        check_address(address)
    check_address(address, frozenset({"*"}))


@pytest.mark.parametrize("address", ["ftp://example.org/page", "file:///etc/passwd", "javascript:alert(1)", "http://"])
def test_what_is_not_a_web_address_is_refused(address):
    with pytest.raises(FetchFailed, match="not a web address|names no host"):
        check_address(address)


def test_an_answer_that_is_not_a_page_is_refused(site):
    site.serve("/photo", b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(FetchFailed, match="not a web page: the site sent image/png"):
        fetch_page(site.url("/photo"), limits_for(site))


def test_an_oversized_answer_is_refused_by_its_length_and_by_its_bytes(site):
    site.serve("/huge", "<p>" + "x" * 200_000 + "</p>")
    with pytest.raises(FetchFailed, match="too large: 200,007 bytes, the limit is 100,000"):
        fetch_page(site.url("/huge"), limits_for(site))


def test_a_site_error_is_reported_with_its_status(site):
    site.serve("/live", "oops", status=500, content_type="text/plain")
    with pytest.raises(FetchFailed, match="the site answered 500 Internal Server Error") as failure:
        fetch_page(site.url("/live"), limits_for(site))
    assert failure.value.status == 500


def test_a_page_that_trickles_in_past_the_deadline_is_refused(site):
    site.serve("/slow", PAGE, delay=0.3, chunks=8)
    with pytest.raises(FetchFailed, match="too slow") as failure:
        fetch_page(site.url("/slow"), limits_for(site, timeout=1))
    assert failure.value.slow


def test_a_page_in_another_encoding_is_read_by_its_declared_charset(site):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 hit in Kyiv.</p></body></html>'
    site.serve("/latin", page.encode("cp1252"), content_type="text/html")
    assert "Café hit in Kyiv" in fetch_page(site.url("/latin"), limits_for(site)).text


def test_a_page_name_is_its_address_without_the_scheme():
    assert name_for_address("https://news.example.org/live/harbour/") == "news.example.org/live/harbour"
    long_name = name_for_address("https://news.example.org/" + "a" * 400)
    assert len(long_name) == 255 and long_name.startswith("news.example.org/aaa")


@pytest.mark.django_db
def test_the_ingest_command_fetches_an_address_and_names_the_document_after_it(site, settings):
    from .test_web_pages import page

    settings.TIMELINE_FETCH_PRIVATE_HOSTS = ["127.0.0.1"]
    site.serve("/live/harbour", page())
    call_command("ingest", site.url("/live/harbour"), stdout=StringIO())
    document = Document.objects.get()
    assert document.source == f"{site.host}/live/harbour"
    assert document.origin == site.url("/live/harbour")
    assert document.events.count() == 4


@pytest.mark.django_db
def test_the_ingest_command_refuses_a_private_address_and_saves_nothing(site):
    site.serve("/live", PAGE)
    errors = StringIO()
    with pytest.raises(CommandError, match="1 of 1 files could not be ingested"):
        call_command("ingest", site.url("/live"), stdout=StringIO(), stderr=errors)
    assert "is a private or local address" in errors.getvalue() and "nothing was saved" in errors.getvalue()
    assert not Document.objects.exists()
    assert site.requests == []
