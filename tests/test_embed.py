"""The widget other sites embed, the snippet that embeds it, oEmbed, and who may frame which page."""

from __future__ import annotations

import datetime as dt
import html
import re
from xml.etree import ElementTree

import pytest

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    return [
        make_event("Strike on Kharkiv", dt.date(2024, 12, 3), "09:15", themes=("strikes",)),
        make_event("Talks in Geneva", dt.date(2024, 12, 2), "14:00", themes=("diplomacy",)),
    ]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_the_widget_shows_the_filtered_events_with_links_out(client, events):
    response = client.get("/embed/?theme=strikes")
    page = response.content.decode()
    assert "Strike on Kharkiv" in page and "Talks in Geneva" not in page
    assert "1 event: What: Strikes" in page
    links = re.findall(r"<a [^>]*>", page)
    assert links and all('target="_blank"' in link and 'rel="noopener"' in link for link in links)
    assert 'href="/?theme=strikes"' in page


def test_the_widget_is_dark_only_when_asked(client, events):
    assert '<html lang="en" class="dark">' in client.get("/embed/?scheme=dark").content.decode()
    assert '<html lang="en">' in client.get("/embed/?scheme=purple").content.decode()


def test_only_the_widget_may_be_framed_by_other_sites(client, events):
    widget = client.get("/embed/")
    assert "X-Frame-Options" not in widget
    assert policy(widget)["frame-ancestors"] == "*"
    for url in ("/", f"/events/{events[0].pk}/", "/api/events", "/admin/login/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert policy(response)["frame-ancestors"] == "'none'", url


@pytest.mark.parametrize("url", ["/", "/embed/", "/admin/login/"])
def test_every_page_allows_only_its_own_scripts_and_styles(client, events, url):
    rules = policy(client.get(url))
    assert rules["default-src"] == rules["script-src"] == rules["style-src"] == "'self'"
    assert "unsafe" not in client.get(url)["Content-Security-Policy"]


def test_no_template_has_inline_script_or_style(client, events):
    for url in ("/", "/embed/", f"/events/{events[0].pk}/"):
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        tags = re.sub(r"<textarea[^>]*>.*?</textarea>", "", page, flags=re.S)  # snippets to copy are text
        assert "<style" not in tags and " style=" not in tags, url


def test_the_page_offers_the_snippet_for_its_filters(client, events):
    page = client.get("/?theme=strikes&all=actor").content.decode()
    snippet = html.unescape(re.search(r'<textarea id="embed-script"[^>]*>(.*?)</textarea>', page, re.S)[1])
    assert snippet == (
        '<a class="conflict-timeline" href="http://testserver/embed/?theme=strikes">Conflict timeline</a>'
        '<script async src="http://testserver/static/js/embed.js"></script>'
    )
    frame = html.unescape(re.search(r'<textarea id="embed-frame"[^>]*>(.*?)</textarea>', page, re.S)[1])
    assert frame.startswith('<iframe src="http://testserver/embed/?theme=strikes" title="Conflict timeline"')


def test_oembed_turns_a_pasted_timeline_address_into_the_widget(client, events):
    page = client.get("/?theme=strikes").content.decode()
    discovery = re.search(r'<link rel="alternate" type="application/json\+oembed"[^>]*href="([^"]+)"', page)[1]
    response = client.get(html.unescape(discovery))
    assert response.status_code == 200
    answer = response.json()
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["title"] == "What: Strikes · Conflict timeline"
    assert 'src="http://testserver/embed/?theme=strikes"' in answer["html"]
    assert (answer["width"], answer["height"]) == (700, 640)


def test_oembed_keeps_within_the_size_asked_and_refuses_what_it_cannot_embed(client, events):
    small = client.get("/oembed", {"url": "http://testserver/", "maxwidth": 300, "maxheight": 200}).json()
    assert (small["width"], small["height"]) == (300, 200)
    assert 'width="300" height="200"' in small["html"]
    assert client.get("/oembed", {"url": "https://elsewhere.example/"}).status_code == 404
    assert client.get("/oembed", {"url": "http://testserver/admin/"}).status_code == 404
    assert client.get("/oembed", {"url": "http://testserver/", "format": "yaml"}).status_code == 400
    assert client.get("/oembed").status_code == 400


def test_oembed_names_a_search_without_repeating_what_was_typed(client, events):
    words = "<script>alert(1)</script> buy pills"
    answer = client.get("/oembed", {"url": f"http://testserver/?theme=strikes&q={words}"}).json()
    assert answer["title"] == "a search, What: Strikes · Conflict timeline"
    assert "pills" not in answer["title"] and "script" not in answer["title"]


def test_oembed_answers_in_xml_as_well(client, events):
    query = {"url": "http://testserver/?theme=strikes"}
    answer = client.get("/oembed", query).json()
    response = client.get("/oembed", {**query, "format": "xml"})
    assert response["Content-Type"].startswith("text/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "oembed"
    assert {child.tag: child.text for child in root} == {name: str(value) for name, value in answer.items()}


@pytest.mark.parametrize(("count", "shown"), [("8", 8), ("50", 26), ("4", 20), ("500", 20), ("many", 20)])
def test_the_widget_shows_as_many_events_as_the_publisher_chose_within_limits(client, count, shown):
    for day in range(1, 27):
        make_event(f"Strike {day}", dt.date(2024, 11, day), "09:30", themes=("strikes",))
    page = client.get("/embed/", {"count": count}).content.decode()
    assert page.count("<li>") == shown
    assert "count" not in re.search(r'<footer><a href="([^"]*)"', page)[1]  # the full timeline has no such choice
