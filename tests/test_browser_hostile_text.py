"""A document written to attack its readers: ingested and shown wherever the timeline shows text, it runs nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from timeline.models import Event

from .factories import LIVE_BLOG, ingest_text
from .test_exports import DATA_URLS

SCRIPT = '<script>alert("headline")</script>'
IMAGE = "<img src=x onerror=alert('body')>"
LINK = "javascript:alert(document.cookie)"
SVG = '"><svg onload=alert(1)>'

# A live blog the pipeline reads well, with the attacks where a scraper would carry them: headlines and bodies.
HOSTILE_BLOG = (
    LIVE_BLOG.replace("Allies agree new", f"Allies agree {SCRIPT} new")
    .replace("the Nato chief said.", f"the Nato chief said {IMAGE}. Read more at {LINK}")
    .replace("Minister resigns after", f"Minister resigns {SVG} after")
)

PAGES = ["/", "/?q=allies", "/embed/", "/embed/?scheme=dark"]


@pytest.fixture
def hostile_site(live_site):
    ingest_text(HOSTILE_BLOG, source="hostile.txt")
    return live_site


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every alert, confirm or prompt the page tries to open; the test asserts there are none."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def test_hostile_text_is_shown_as_text_and_runs_nothing(page, hostile_site, dialogs, console_errors):
    strike = Event.objects.get(headline__contains=SCRIPT)
    for path in [*PAGES, f"/events/{strike.pk}/"]:
        page.goto(hostile_site.url + path)
        expect(page.get_by_text(SCRIPT).first).to_be_visible()
    page.goto(hostile_site.url + "/")
    page.locator("details.entry summary").first.click()  # the entry opened in place, by htmx
    expect(page.locator("details.entry .full").first).to_contain_text("Read more at javascript:")
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("[onerror], [onload]").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert dialogs == []
    assert console_errors == []


@pytest.mark.parametrize("path", DATA_URLS)
def test_exports_of_hostile_text_are_never_read_as_a_page(page, hostile_site, path):
    """Each comes with a type that is not HTML, which browsers are told not to second-guess."""
    response = page.request.get(hostile_site.url + path)
    assert response.status == 200
    assert not response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "alert(" in response.text()  # the text travels, as data
