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
def test_an_events_own_page_is_accessible_and_captured_at_both_widths(
    page, live_site_with_seeds, save_screenshots, scheme
):
    from timeline.models import Event

    event = Event.objects.visible().in_order().first()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_site_with_seeds.url}/events/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.headline)
    assert_no_axe_violations(page)
    save_screenshots(page, f"event-page-{scheme}")


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


def test_each_source_reads_outlet_and_title_and_leads_to_the_original(page, live_site, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from .test_web_pages import page as saved_page

    (tmp_path / "harbour.html").write_text(saved_page(), encoding="utf-8")
    # A text whose first line is a sentence of its story, not a title.
    untitled = (
        "Officials said the ferry would not run tonight because of the storm, and crews waited at the pier.\n"
        "Monday 4 March 2024\n09:05 GMT\nFerry service suspended at the northern pier\nThe port closed at dawn.\n"
    )
    (tmp_path / "untitled.txt").write_text(untitled, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=StringIO())

    page.goto(live_site.url + "/")
    sources = page.locator("li.event .meta")
    expect(sources.filter(has_text="The Daily Example: Harbour strikes live: what we know").first).to_be_visible()
    original = page.get_by_role("link", name="The Daily Example: Harbour strikes live: what we know").first
    expect(original).to_have_attribute("href", "https://news.example.org/live/harbour-strikes")
    expect(sources.filter(has_text="Untitled document").first).to_be_visible()
    expect(sources.filter(has_text="Officials said the ferry")).to_have_count(0)


def test_the_front_matter_says_what_this_is_who_compiles_it_and_when_it_changed(page, live_site_with_seeds, settings):
    from timeline.models import Event, Revision

    settings.TIMELINE_TITLE = "Harbour war timeline"
    settings.TIMELINE_STANDFIRST = "Every reported strike on the harbour, dated from the live blogs that covered it."
    settings.TIMELINE_COMPILED_BY = "the Daily Example's data desk"
    page.goto(live_site_with_seeds.url + "/")
    expect(page.locator(".site-header .brand")).to_have_text("Harbour war timeline")
    expect(page.locator(".standfirst")).to_have_text(settings.TIMELINE_STANDFIRST)
    colophon = page.locator(".colophon")
    expect(colophon).to_contain_text("Compiled by the Daily Example's data desk.")
    changed = Revision.latest()[1]
    expect(colophon.locator("time")).to_have_attribute("datetime", f"{changed:%Y-%m-%dT%H:%MZ}")
    expect(colophon).to_contain_text(f"Last updated {changed:%-d %B %Y, %H:%M} UTC")

    # A link shared anywhere shows a preview: the view, the event, the widget.
    def preview(path: str) -> dict[str, str]:
        page.goto(live_site_with_seeds.url + path)
        return {
            name: page.locator(f'meta[property="og:{name}"]').get_attribute("content")
            for name in ("site_name", "title", "description", "type", "url")
        }

    shared = preview("/?theme=diplomacy")
    assert shared["site_name"] == "Harbour war timeline"
    assert shared["title"] == "What: Diplomacy · Harbour war timeline"
    assert shared["description"] == settings.TIMELINE_STANDFIRST
    assert shared["url"] == live_site_with_seeds.url + "/?theme=diplomacy"
    event = Event.objects.visible().in_order().first()
    shared = preview(f"/events/{event.pk}/")
    assert (shared["title"], shared["type"]) == (event.headline, "article")
    assert shared["description"].startswith((event.body or event.headline)[:100]) and len(shared["description"]) <= 200
    assert preview("/embed/?theme=diplomacy")["title"] == "What: Diplomacy · Harbour war timeline"
    assert page.locator('meta[name="twitter:card"]').get_attribute("content") == "summary"
