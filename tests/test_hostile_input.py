"""Hostile input: generated values for every parameter of every public endpoint, and never a 5xx."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote_from_bytes

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import LIVE_BLOG, ingest_text, make_event
from .test_exports import DATA_URLS

EXAMPLES = 500
FUZZ = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Each endpoint with the query parameters it reads. A new public endpoint belongs here.
FILTERS = ["q", "actor", "location", "theme", "source", "date_from", "date_to", "order", "cursor"]
ENDPOINTS = {
    "/": [*FILTERS, "all"],
    "/events/1/": [],
    "/embed/": [*FILTERS, "scheme"],
    "/oembed": ["url", "maxwidth", "maxheight", "format"],
    **dict.fromkeys(DATA_URLS, FILTERS),
    "/healthz": [],
}

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)  # lone surrogates cannot be sent at all
plausible = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(
        [
            "",
            "1",
            "2",
            "0",
            "-1",
            "newest",
            "oldest",
            "actor",
            "theme",
            "strikes",
            "2024-02-30",
            "2024-13-01",
            "u.1",
            "2024-12-03T09:01.1",
            ".",
            "u.",
            "1e9",
            "NaN",
            "null",
            "[]",
            "' OR 1=1 --",
            '"',
            "*",
            "NEAR(",
            "AND",
            "zelen*",
            "\x00",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "%00",
            "🇺🇦",
            "ﷺ" * 50,
        ]
    ),
    st.from_regex(r"\A[0-9a-z.:T-]{0,30}\Z"),
)
value = st.one_of(text, plausible)
values = st.lists(value, min_size=1, max_size=3)


@pytest.fixture
def site(db):
    """A small timeline with every kind of row a filter can name, and a client that never hides a 500."""
    ingest_text(LIVE_BLOG, source="blog.txt")
    make_event("Undated talk", None, actors=("Kremlin",), locations=("Kyiv",), themes=("diplomacy",))
    return Client(raise_request_exception=False)


def assert_answers_without_error(client: Client, path: str, query: dict | str, htmx: bool):
    headers = {"HX-Request": "true"} if htmx else {}
    if isinstance(query, str):
        response = client.get(f"{path}?{query}", headers=headers)
    else:
        response = client.get(path, query, headers=headers)
    assert response.status_code < 500, f"{path} {query!r} answered {response.status_code}"


@pytest.mark.parametrize("path", [path for path, names in ENDPOINTS.items() if names])
def test_every_parameter_takes_any_value_without_a_server_error(site, path):
    @FUZZ
    @given(query=st.fixed_dictionaries({name: values for name in ENDPOINTS[path]}), htmx=st.booleans())
    def check(query, htmx):
        assert_answers_without_error(site, path, query, htmx)

    check()


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_raw_query_bytes_never_cause_a_server_error(site, path):
    names = st.sampled_from([*ENDPOINTS[path], "x", ""])
    raw = st.lists(st.tuples(names, st.binary(max_size=40)), max_size=4).map(
        lambda pairs: "&".join(f"{name}={quote_from_bytes(data)}" for name, data in pairs)
    )

    @FUZZ
    @given(query=raw, htmx=st.booleans())
    def check(query, htmx):
        assert_answers_without_error(site, path, query, htmx)

    check()


@FUZZ
@given(number=st.integers(min_value=0, max_value=2**80))
def test_any_event_number_is_found_or_not_found(site, number):
    response = site.get(f"/events/{number}/")
    assert response.status_code in (200, 404)


def test_control_characters_in_a_document_become_spaces_and_the_feed_still_parses(client, db):
    import feedparser

    ingest_text(LIVE_BLOG.replace("Allies agree new", "Allies\x0b agree\x1b new"), source="scraped.txt")
    response = client.get("/feed/events.atom", {"q": "allies\x07agree"})
    assert response.status_code == 200
    titles = [entry.title for entry in feedparser.parse(response.content).entries]
    assert any(title.endswith("Allies agree new air defence package") for title in titles), titles
