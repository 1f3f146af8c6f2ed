"""The widget on another site, in a real browser: embedded by the one-line snippet the timeline page copies, sized
to its events, light and dark; the timeline itself refuses to be framed; no page breaks its own security policy."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from .browser.axe import assert_no_axe_violations
from .factories import make_event

# The budget for the widget's first view of 20 events, compressed: TimelineJS alone sends about 76 KB.
WIDGET_BUDGET = 15 * 1024


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        """The test's output is for its own findings."""


@pytest.fixture
def other_site(tmp_path):
    """A publisher's site on another local port: write a page into its folder, then open it by its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(name: str, body: str) -> str:
        (tmp_path / name).write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>'
            f"</head><body><h1>A publisher's article</h1>{body}<p>The article goes on.</p>"
            "</body></html>"
        )
        return f"http://127.0.0.1:{server.server_port}/{name}"

    yield publish
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def strikes(live_site):
    """25 strikes over 25 days, headlines long enough to wrap on a phone, and talks a filter on strikes leaves out."""
    for day in range(1, 26):
        headline = f"Strike number {day} on the grid leaves the east of the country without power, officials say"
        make_event(headline, dt.date(2024, 11, day), "09:30", themes=("strikes",))
    make_event("Talks in Geneva", dt.date(2024, 11, 20), "12:00", themes=("diplomacy",))
    return live_site


def copied_snippet(page, site_url: str, query: str) -> str:
    """The snippet, as a reader gets it: "Embed this view" on the filtered timeline, then Copy."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/" + query)
    page.get_by_text("Embed this view").click()
    page.get_by_role("button", name="Copy embed code").click()
    expect(page.locator(".embed .copied")).to_have_text("Copied. Paste it into your page.")
    return page.evaluate("navigator.clipboard.readText()")


def test_a_publisher_page_shows_the_filtered_widget_fitted_to_its_events(
    page, strikes, other_site, console_errors, screenshot_dir
):
    snippet = copied_snippet(page, strikes.url, "?theme=strikes")
    assert console_errors == []
    page.goto(other_site("article.html", snippet))
    frame_element = page.locator("iframe")
    expect(frame_element).to_have_count(1)
    widget = frame_element.content_frame
    expect(widget.locator("li")).to_have_count(20)
    expect(widget.get_by_role("link", name="Strike number 25 on the grid", exact=False)).to_be_visible()
    expect(widget.get_by_text("Talks in Geneva")).to_have_count(0)
    expect(widget.get_by_text("25 events: What: Strikes")).to_be_visible()
    # The frame grows from the snippet's 480 px to the widget's own height, and so shows it without a scrollbar.
    content = frame_element.element_handle().content_frame()
    height = content.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert height > 480
    expect(frame_element).to_have_attribute("height", str(height))
    assert content.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    box = frame_element.bounding_box()
    assert abs(box["height"] - height) <= 1
    # The viewport only: a full-page capture leaves blank what lies below the fold of a frame from another site.
    page.screenshot(path=screenshot_dir / "publisher-page-1440.png")
    # Its links open the full timeline in a new tab.
    with page.expect_popup() as popup:
        widget.get_by_role("link", name="All 25 events, with filters and sources →").click()
    assert popup.value.url == strikes.url + "/?theme=strikes"


def test_the_widget_shrinks_when_the_reader_makes_it_narrower_and_wider(page, strikes, other_site):
    page.goto(other_site("narrow.html", copied_snippet(page, strikes.url, "?theme=strikes")))
    frame_element = page.locator("iframe")
    expect(frame_element.content_frame.locator("li")).to_have_count(20)
    content = frame_element.element_handle().content_frame()
    heights = []
    for width in (360, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        # The widget lives in its own process: its new width reaches it a moment after the page's.
        content.wait_for_function(f"() => window.innerWidth <= {width} && window.innerWidth > {width} - 100")
        heights.append(settled_height(frame_element, content))
    narrow, wide = heights
    assert wide < narrow


def settled_height(frame_element, content) -> int:
    """The widget's height once the publisher's iframe has taken it: after a resize the widget reflows, then tells
    the page, then the page sets the frame, each a moment after the other."""
    for _ in range(50):
        height = content.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        if frame_element.get_attribute("height") == str(height):
            return height
        frame_element.page.wait_for_timeout(100)
    pytest.fail(f"the iframe stayed {frame_element.get_attribute('height')} px high for a widget of {height} px")


def test_another_site_cannot_frame_the_timeline(page, strikes, other_site):
    refusals = []
    page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)
    page.goto(other_site("framing.html", f'<iframe src="{strikes.url}/" title="timeline"></iframe>'))
    page.wait_for_load_state("load")
    framed = page.locator("iframe").element_handle().content_frame()
    # Chromium shows its own error page in place of a frame its policy refuses.
    assert framed.url.startswith("chrome-error:")
    assert framed.locator(".page-title").count() == 0
    assert refusals, "the browser did not say it refused the frame"


def test_the_widget_first_view_stays_light(page, live_site_with_seeds, other_site):
    """Prints what the widget's first view of 20 seed events sends, compressed as the server sends it."""
    site = live_site_with_seeds.url
    snippet = copied_snippet(page, site, "")
    # Left first, so nothing of the timeline's own page, whose bodies go with it, finishes while listened to.
    page.goto("about:blank")
    responses = []  # from the publisher's page only, not the timeline's own preview of the widget
    page.on("requestfinished", lambda request: responses.append(request.response()))
    page.goto(other_site("weight.html", snippet))
    expect(page.locator("iframe").content_frame.locator("li")).to_have_count(20)
    page.wait_for_load_state("networkidle")
    # What the publisher's page and the widget fetch from the timeline's site for the widget's first view.
    parts = {
        response.url.removeprefix(site): len(gzip.compress(response.body(), 6))
        for response in responses
        if response.frame != page.main_frame or response.url.endswith("/embed.js")
    }
    expected = {"/static/js/embed.js", "/embed/", "/static/publishing/embed.css", "/static/publishing/embed-frame.js"}
    assert set(parts) == expected, parts
    total = sum(parts.values())
    listed = " + ".join(f"{url} {size}" for url, size in sorted(parts.items()))
    print(f"\nwidget first view, 20 events, gzip: {total} bytes ({total / 1024:.1f} KB) = {listed}")
    assert total <= WIDGET_BUDGET


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_widget_is_accessible_and_captured_light_and_dark(page, strikes, scheme, screenshot_dir, console_errors):
    page.goto(f"{strikes.url}/embed/?theme=strikes&scheme={scheme}")
    assert_no_axe_violations(page)
    for width in (360, 700):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        path = screenshot_dir / f"widget-{scheme}-{width}.png"
        page.screenshot(path=path, full_page=True)
        print("screenshot:", path.name)
    assert console_errors == []


def test_the_embed_and_export_controls_are_captured_open(page, strikes, save_screenshots, console_errors):
    page.goto(strikes.url + "/?theme=strikes")
    page.get_by_text("Embed this view").click()
    page.get_by_label("Dark").check()
    expect(page.locator("#embed-script")).to_have_value(
        f'<a class="conflict-timeline" href="{strikes.url}/embed/?theme=strikes&amp;scheme=dark">Conflict timeline</a>'
        f'<script async src="{strikes.url}/static/js/embed.js"></script>'
    )
    assert_no_axe_violations(page)
    save_screenshots(page, "timeline-embed-open")
    assert console_errors == []


def test_the_admin_works_under_the_security_policy(page, live_site, console_errors):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", "editor@example.com", "a long enough password")
    event = make_event("Strike on the grid", dt.date(2024, 11, 3), "09:30", themes=("strikes",))
    page.goto(live_site.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools").get_by_role("link", name="Review queue")).to_be_visible()
    for path in (
        "/admin/timeline/event/",
        f"/admin/timeline/event/{event.pk}/change/",
        f"/admin/timeline/event/{event.pk}/history/",
        f"/admin/timeline/event/{event.pk}/history/{event.history.latest().pk}/",
        "/admin/timeline/document/",
        "/admin/timeline/document/add/",
        "/admin/timeline/reviewitem/",
    ):
        page.goto(live_site.url + path)
        expect(page.locator("#content")).to_be_visible()
    assert console_errors == []


def test_copied_is_said_of_the_code_copied_not_of_code_changed_since(page, strikes):
    copied_snippet(page, strikes.url, "?theme=strikes")
    page.get_by_label("Dark").check()
    expect(page.locator(".embed .copied")).to_have_text("")
    expect(page.locator("#embed-script")).to_have_value(re.compile("scheme=dark"))


def test_the_plain_frame_fits_a_phone_wide_column_without_a_border(page, strikes, other_site):
    page.goto(strikes.url + "/?theme=strikes")
    frame = page.locator("#embed-frame").input_value()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(other_site("frame.html", f'<body style="margin:0">{frame}</body>'))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("iframe").evaluate("frame => getComputedStyle(frame).borderTopWidth") == "0px"


def test_the_embed_builder_previews_the_widget_and_sets_its_count_height_and_colours(
    page, strikes, save_screenshots, console_errors
):
    page.goto(strikes.url + "/?theme=strikes")
    page.get_by_text("Embed this view").click()
    preview = page.frame_locator("iframe.embed-preview")
    expect(preview.locator("main li")).to_have_count(20)

    page.get_by_label("Events shown first").fill("8")
    page.get_by_label("Height of the iframe (px)").fill("480")
    page.get_by_label("Dark").check()
    expect(page.locator("#embed-script")).to_have_value(
        re.compile(r"/embed/\?theme=strikes&amp;count=8&amp;scheme=dark\"")
    )
    expect(page.locator("#embed-frame")).to_have_value(re.compile(r'src="[^"]*count=8[^"]*".* height="480"'))
    expect(preview.locator("main li")).to_have_count(8)
    expect(preview.locator("html")).to_have_class("dark")
    expect(page.locator("iframe.embed-preview")).to_have_attribute("height", "480")

    page.get_by_label("Events shown first").fill("500")  # beyond what the widget shows: its most
    expect(page.locator("#embed-script")).to_have_value(re.compile(r"count=50&amp;scheme=dark\""))
    assert_no_axe_violations(page)
    console_errors.clear()  # axe's own probes set inline styles, which the policy refuses: not the page's errors
    save_screenshots(page, "embed-builder")
