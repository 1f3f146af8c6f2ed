"""The map beside the timeline in a real browser: its marks agree with the "Where" filter, a mark filters the
timeline through htmx with the address and history in step, the list of places works without JavaScript, and axe
finds nothing to flag."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .browser.axe import assert_no_axe_violations

COUNTED = re.compile(r"^(.*): ([\d,]+) events?$")


def listed_places(page) -> dict[str, int]:
    """The map's list of places: each name and its count."""
    rows = page.locator(".map-list li").evaluate_all(
        "items => items.map(item => [item.querySelector('a').textContent, item.querySelector('.n').textContent])"
    )
    return {name: int(count.replace(",", "")) for name, count in rows}


def marked_places(page) -> dict[str, int]:
    """What the marks on the map say when pointed at: each place's name and count."""
    titles = page.locator(".map svg a > title").all_text_contents()
    return {match[1]: int(match[2].replace(",", "")) for match in map(COUNTED.match, titles)}


def where_options(page) -> dict[str, int]:
    group = page.get_by_role("group", name="Where", exact=True)
    names = group.locator(".options .name").all_text_contents()
    counts = group.locator(".options .n").all_text_contents()
    return {name: int(count.replace(",", "")) for name, count in zip(names, counts, strict=True)}


def events_at(slug: str) -> int:
    from timeline.models import Event

    return Event.objects.visible().filter(locations__slug=slug).count()


def test_the_map_shows_the_seeds_places_with_the_counts_of_the_where_filter(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/?all=location")
    listed, marked, options = listed_places(page), marked_places(page), where_options(page)
    assert len(listed) > 20, "the seeds no longer name many places"
    assert listed == options
    assert marked and set(marked) <= set(listed)
    assert all(listed[name] == count for name, count in marked.items())
    # Every place is on the map or named under it: none is lost.
    not_on_map = set(listed) - set(marked)
    unplaced = page.locator(".map .unplaced").all_text_contents()
    for name in not_on_map:
        assert unplaced and f" {name}" in unplaced[0], f"{name} is neither on the map nor named under it"
    expect(page.locator(".map svg circle")).not_to_have_count(0)
    expect(page.locator(".map svg path.area")).not_to_have_count(0)  # the countries the seeds name
    assert console_errors == []


def test_choosing_a_mark_filters_the_timeline_and_back_restores_the_whole(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/")
    whole = page.locator("#count").inner_text()
    page.evaluate("window.__marker = 1")
    mark = page.locator(".map svg a:has(circle)").last  # drawn last: the smallest, nothing on top of it
    name = COUNTED.match(mark.locator("title").text_content())[1]
    mark.locator("circle").click()
    page.wait_for_url(re.compile(r"[?&]location="))
    [slug] = parse_qs(urlsplit(page.url).query)["location"]
    count = events_at(slug)
    expect(page.locator("#count")).to_have_text(
        f"{count} event{'' if count == 1 else 's'} match{'es' if count == 1 else ''} these filters"
    )
    expect(page.locator(".chips")).to_contain_text(f"Where: {name}")
    expect(page.locator(".map svg circle.chosen")).to_have_count(1)

    page.go_back()
    page.wait_for_url(live_site_with_seeds.url + "/")
    expect(page.locator("#count")).to_have_text(whole)
    expect(page.locator(".map svg .chosen")).to_have_count(0)
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert console_errors == []


def test_a_place_chosen_from_the_list_by_keyboard_keeps_the_list_open_and_the_focus(page, live_site_with_seeds):
    page.goto(live_site_with_seeds.url + "/")
    page.locator(".map-list summary").click()
    first = page.locator(".map-list li a").first
    name = first.text_content()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]location="))
    expect(page.locator(".map-list a[aria-current]")).to_have_text(name)
    expect(page.locator(".map-list")).to_have_attribute("open", "")
    expect(page.locator(".map-list a[aria-current]")).to_be_focused()


def test_without_javascript_the_list_of_places_filters_the_timeline(browser, live_site_with_seeds):
    plain = browser.new_context(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    try:
        bare = plain.new_page()
        bare.goto(live_site_with_seeds.url + "/")
        bare.locator(".map-list summary").click()
        first = bare.locator(".map-list li a").first
        name = first.text_content()
        with bare.expect_navigation():
            first.click()
        [slug] = parse_qs(urlsplit(bare.url).query)["location"]
        count = events_at(slug)
        expect(bare.locator("#count")).to_contain_text(f"{count} event")
        expect(bare.locator(".chips")).to_contain_text(f"Where: {name}")
        expect(bare.locator(".map-list a[aria-current]")).to_have_text(name)
    finally:
        plain.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_and_its_list_have_no_accessibility_violations(page, live_site_with_seeds, scheme, save_screenshots):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site_with_seeds.url + "/")
    page.locator(".map-list summary").click()
    assert_no_axe_violations(page)
    if scheme == "light":
        save_screenshots(page, "timeline-map")


def test_the_widget_shows_the_map_when_the_publisher_asks(page, live_site_with_seeds, save_screenshots):
    page.goto(live_site_with_seeds.url + "/embed/?map=1")
    expect(page.locator(".map svg circle")).not_to_have_count(0)
    targets = page.locator(".map svg a").evaluate_all("marks => marks.map(mark => mark.getAttribute('target'))")
    assert targets and set(targets) == {"_blank"}
    assert_no_axe_violations(page)
    save_screenshots(page, "widget-map")


def test_the_embed_builder_adds_the_map_to_the_snippet_and_the_preview(page, live_site_with_seeds):
    page.goto(live_site_with_seeds.url + "/")
    page.get_by_text("Embed this view").click()
    page.get_by_label("A map of where they happened").check()
    expect(page.locator("#embed-script")).to_have_value(re.compile(r"/embed/\?map=1"))
    expect(page.frame_locator("iframe.embed-preview").locator(".map svg")).to_be_visible()
