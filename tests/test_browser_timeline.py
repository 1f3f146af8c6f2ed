"""The timeline page in a real browser: it shows the seed events, is styled, accessible, and fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser.axe import assert_no_axe_violations


def newest_visible_headline() -> str:
    from timeline.models import Event

    return Event.objects.visible().in_order().values_list("headline", flat=True).first()


def test_the_timeline_shows_the_seed_events_without_console_errors(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/")
    headline = newest_visible_headline()
    assert headline
    expect(page.get_by_text(headline, exact=True).first).to_be_visible()
    assert page.locator("time[datetime]").count() > 0
    assert console_errors == []


def test_the_stylesheet_is_served_and_applied(page, live_site_with_seeds):
    responses = []

    def record(response) -> None:
        responses.append(response)

    # A plain function: Playwright cannot wrap a built-in method such as list.append as a handler.
    page.on("response", record)
    page.goto(live_site_with_seeds.url + "/")
    stylesheets = [response for response in responses if response.request.resource_type == "stylesheet"]
    assert stylesheets, "the page links no stylesheet"
    assert [response.status for response in stylesheets] == [200] * len(stylesheets)
    # A sheet the browser refused (wrong type, empty body) is still listed, but with no rules in it.
    assert page.evaluate("[...document.styleSheets].every(sheet => sheet.cssRules.length > 0)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_has_no_accessibility_violations(page, live_site_with_seeds, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site_with_seeds.url + "/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_fits_a_phone_and_is_captured_at_both_widths(page, live_site_with_seeds, save_screenshots, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_site_with_seeds.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways on a phone"
    save_screenshots(page, f"timeline-{scheme}")


def test_counts_in_the_thousands_are_grouped_for_reading(page, live_site):
    from django.db import transaction

    from timeline.models import Event
    from timeline.tooling.synthetic_timeline import generate_timeline

    with transaction.atomic():
        generate_timeline(events=1_200, seed=3)
    total = Event.objects.visible().count()
    assert total >= 1_000, "too few events to need a separator"

    page.goto(live_site.url + "/")
    expect(page.locator("#count")).to_have_text(f"{total:,} events")
    page.goto(live_site.url + "/embed/")
    expect(page.locator("header .count")).to_have_text(f"{total:,} events")
    expect(page.locator("footer a")).to_contain_text(f"All {total:,} events")
