"""The timeline's filters in a real browser: htmx updates that keep the URL, history, focus and the no-script path
in step, the day strip's clicks and drags, load more, events opened in place, and accessibility throughout."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from timeline.reading import views

from .browser.axe import assert_no_axe_violations
from .factories import make_event

ACTOR, THEME = "Vladimir Putin", "diplomacy"

# A month of front-line reports, one or two a day on most days, for the strip and for paging.
FIRST_DAY = dt.date(2024, 11, 4)
ACTORS = ("Vladimir Putin", "Volodymyr Zelensky", "Kim Jong Un")
THEMES = ("strikes", "diplomacy", "energy")


@pytest.fixture
def month_of_reports(live_site):
    """Thirty events over three weeks, on 21 consecutive days, each with one actor and one theme."""
    from timeline.models import Document

    document = Document.objects.create(source="front.txt", title="Front line live", layout="liveblog")
    for number in range(30):
        make_event(
            f"Front report {number + 1:02d}",
            FIRST_DAY + dt.timedelta(days=number * 7 // 10),
            f"{8 + number % 3 * 4:02d}:00",
            document=document,
            actors=(ACTORS[number % 3],),
            themes=(THEMES[number // 3 % 3],),
        )
    return live_site


# What the database says the page should show.


def expected(actors: tuple[str, ...] = (), themes: tuple[str, ...] = (), days: tuple[dt.date, dt.date] | None = None):
    from timeline.models import Event

    events = Event.objects.visible()
    for name in actors:
        events = events.filter(actors__name=name)
    for slug in themes:
        events = events.filter(themes__slug=slug)
    if days:
        events = events.filter(occurred_on__range=days)
    return events


def in_page_order(events) -> list:
    """Newest first, then the undated in the order they came in."""
    return [*events.exclude(sort_key="").in_order(), *events.filter(sort_key="").order_by("id")]


def headlines_of(events) -> list[str]:
    return [event.headline for event in in_page_order(events)[: views.PAGE_SIZE]]


def count_text(events) -> str:
    total = events.count()
    return f"{total} event{'' if total == 1 else 's'} match{'es' if total == 1 else ''} these filters"


def occurred(event_ids: list[int]) -> list[dt.date]:
    from timeline.models import Event

    return list(Event.objects.filter(pk__in=event_ids).values_list("occurred_on", flat=True))


# What the browser shows.


def headlines(page) -> list[str]:
    return page.locator("#timeline .entry h3").all_inner_texts()


def ticked(page) -> list[str]:
    return page.eval_on_selector_all("#filters input[type=checkbox]:checked", "boxes => boxes.map(box => box.id)")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def listed_ids(page) -> list[int]:
    return [int(value[1:]) for value in page.eval_on_selector_all("li.event", "items => items.map(item => item.id)")]


def option(page, facet: str, name: str):
    """The checkbox of one facet option, found as a reader finds it: by the facet's legend and the option's name."""
    return page.get_by_role("group", name=facet, exact=True).get_by_role("checkbox", name=re.compile(rf"^{name}\b"))


def actor_slug(name: str) -> str:
    from timeline.models import Actor

    return Actor.objects.get(name=name).slug


def theme_name(slug: str) -> str:
    from timeline.models import Theme

    return Theme.objects.get(slug=slug).name


def tick(page, facet: str, name: str, parameter: str, events) -> None:
    """Tick an option and wait for the htmx update: the URL, the count and the list all follow."""
    option(page, facet, name).click()
    page.wait_for_url(re.compile(rf"[?&]{parameter}="))
    expect(page.locator("#count")).to_have_text(count_text(events))
    expect(page.locator("#timeline .entry h3")).to_have_text(headlines_of(events))


# 1-3: filtering through htmx, history, and a copied URL.


def test_ticking_an_actor_then_a_theme_updates_list_url_and_count_without_a_reload(
    page, live_site_with_seeds, console_errors
):
    page.goto(live_site_with_seeds.url + "/")
    everything = page.locator("#count").inner_text()
    page.evaluate("window.__marker = 1")

    by_actor = expected(actors=(ACTOR,))
    both = expected(actors=(ACTOR,), themes=(THEME,))
    assert 0 < both.count() < by_actor.count() < expected().count(), "the seeds no longer narrow step by step"

    tick(page, "Who", ACTOR, "actor", by_actor)
    assert page.locator("#count").inner_text() != everything
    assert "theme" not in query(page)
    for item in page.locator("li.event").all():
        expect(item.locator("a.tag.actor", has_text=ACTOR)).to_have_count(1)

    tick(page, "What", theme_name(THEME), "theme", both)
    # Only the filters in force: no empty fields, no default order.
    assert urlsplit(page.url).query == f"actor={actor_slug(ACTOR)}&theme={THEME}"
    assert ticked(page) == [f"actor-{actor_slug(ACTOR)}", f"theme-{THEME}"]
    expect(page).to_have_title(f"Who: {ACTOR}, What: {theme_name(THEME)} · Conflict timeline")
    for item in page.locator("li.event").all():
        expect(item.locator("a.tag.actor", has_text=ACTOR)).to_have_count(1)
        expect(item.locator("a.tag.theme", has_text=theme_name(THEME))).to_have_count(1)

    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert console_errors == []


def test_back_and_forward_restore_each_filtered_view(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/")
    start_url, start_headlines = page.url, headlines(page)
    page.evaluate("window.__marker = 1")
    tick(page, "Who", ACTOR, "actor", expected(actors=(ACTOR,)))
    actor_url, actor_headlines, actor_ticked = page.url, headlines(page), ticked(page)
    tick(page, "What", theme_name(THEME), "theme", expected(actors=(ACTOR,), themes=(THEME,)))
    both_url, both_headlines, both_ticked = page.url, headlines(page), ticked(page)
    assert len({start_url, actor_url, both_url}) == 3

    page.go_back()
    page.wait_for_url(actor_url)
    expect(page.locator("#timeline .entry h3")).to_have_text(actor_headlines)
    expect(page.locator("#count")).to_have_text(count_text(expected(actors=(ACTOR,))))
    expect(page).to_have_title(f"Who: {ACTOR} · Conflict timeline")
    assert ticked(page) == actor_ticked

    page.go_back()
    page.wait_for_url(start_url)
    expect(page.locator("#timeline .entry h3")).to_have_text(start_headlines)
    expect(page.locator("#count")).to_have_text(f"{expected().count()} events")
    expect(page).to_have_title("Conflict timeline")
    assert ticked(page) == []

    page.go_forward()
    page.wait_for_url(actor_url)
    expect(page.locator("#timeline .entry h3")).to_have_text(actor_headlines)
    assert ticked(page) == actor_ticked

    page.go_forward()
    page.wait_for_url(both_url)
    expect(page.locator("#timeline .entry h3")).to_have_text(both_headlines)
    assert ticked(page) == both_ticked

    assert page.evaluate("window.__marker") == 1, "history left the page"
    assert console_errors == []


def test_a_copied_url_opens_the_same_view_elsewhere(browser, page, live_site_with_seeds):
    page.goto(live_site_with_seeds.url + "/")
    tick(page, "Who", ACTOR, "actor", expected(actors=(ACTOR,)))
    tick(page, "What", theme_name(THEME), "theme", expected(actors=(ACTOR,), themes=(THEME,)))

    # Another context: nothing in storage or history to borrow from, only the address.
    elsewhere = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        copy = elsewhere.new_page()
        copy.goto(page.url)
        assert headlines(copy) == headlines(page)
        assert copy.locator("#count").inner_text() == page.locator("#count").inner_text()
        assert ticked(copy) == ticked(page)
        assert len(ticked(copy)) == 2
        assert copy.title() == page.title()
    finally:
        elsewhere.close()


def test_a_facet_shown_whole_stays_whole_while_filtering(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/")
    who = page.get_by_role("group", name="Who", exact=True)
    folded = who.get_by_role("checkbox").count()
    who.get_by_role("link", name=re.compile(r"^Show \d+ more$")).click()
    page.wait_for_url(re.compile(r"all=actor"))
    expect(who.get_by_role("checkbox")).not_to_have_count(folded)
    whole = who.get_by_role("checkbox").count()

    # Ticking an actor only the whole list shows sends the form again; the list must stay whole.
    rare = who.get_by_role("checkbox").nth(whole - 1)
    rare_id = rare.get_attribute("id")
    rare.click()
    page.wait_for_url(re.compile(r"actor="))
    expect(page.locator("#count")).to_contain_text("these filters")
    expect(page.locator(f"#{rare_id}")).to_be_checked()
    expect(who.get_by_role("checkbox")).to_have_count(whole)
    assert query(page)["all"] == ["actor"]
    assert console_errors == []


def rarely_named_actor() -> str:
    """An actor of the seeds that the short Who list leaves out: one a reader has to look for."""
    from django.db.models import Count

    from timeline.models import Actor
    from timeline.reading.summary import FACET_SIZE

    ranked = (
        Actor.objects.filter(events__in=expected())
        .annotate(n=Count("events"))
        .order_by("-n", "id")
        .values_list("name", flat=True)
    )
    return list(ranked)[FACET_SIZE + 2]


def test_typing_in_a_facets_box_finds_a_name_the_list_left_out_and_ticking_it_filters(
    page, live_site_with_seeds, console_errors
):
    name = rarely_named_actor()
    page.goto(live_site_with_seeds.url + "/")
    who = page.get_by_role("group", name="Who", exact=True)
    expect(who.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))).to_have_count(0)
    page.evaluate("window.__marker = 1")

    box = who.get_by_role("searchbox", name="Find in Who")
    box.press_sequentially(name.split()[-1][:4].lower(), delay=40)
    found = who.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))
    expect(found).to_have_count(1)
    expect(who.get_by_role("status")).to_contain_text(f"for “{name.split()[-1][:4].lower()}”")
    assert "find_actor" not in page.url, "typing in the box is not a change of view"

    found.click()
    page.wait_for_url(re.compile(r"[?&]actor="))
    expect(page.locator("#count")).to_have_text(count_text(expected(actors=(name,))))
    assert query(page)["actor"] == [actor_slug(name)]
    expect(page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))).to_be_checked()
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert console_errors == []


def test_an_address_that_names_an_actor_by_its_old_id_opens_the_view_by_name(page, live_site_with_seeds):
    from timeline.models import Actor

    putin = Actor.objects.get(name=ACTOR)
    page.goto(f"{live_site_with_seeds.url}/?actor={putin.pk}&theme={THEME}")
    assert urlsplit(page.url).query == f"actor={putin.slug}&theme={THEME}"
    expect(page.locator("#count")).to_have_text(count_text(expected(actors=(ACTOR,), themes=(THEME,))))
    assert ticked(page) == [f"actor-{putin.slug}", f"theme-{THEME}"]


def test_on_a_slow_network_a_second_tick_is_kept_and_the_reader_sees_the_update_coming(
    page, live_site_with_seeds, console_errors
):
    page.goto(live_site_with_seeds.url + "/")

    def slowly(route):
        if route.request.headers.get("hx-request"):
            page.wait_for_timeout(1500)
        route.continue_()

    page.route(re.compile(r"/\?"), slowly)
    updating = page.get_by_role("status").filter(has_text="Updating")
    expect(updating).to_be_hidden()
    option(page, "Who", ACTOR).click()
    expect(updating).to_be_visible()
    option(page, "What", theme_name(THEME)).click()  # while the first update is still on its way

    both = expected(actors=(ACTOR,), themes=(THEME,))
    expect(page.locator("#count")).to_have_text(count_text(both), timeout=10_000)
    expect(page.locator("#timeline .entry h3")).to_have_text(headlines_of(both))
    assert ticked(page) == [f"actor-{actor_slug(ACTOR)}", f"theme-{THEME}"]
    assert urlsplit(page.url).query == f"actor={actor_slug(ACTOR)}&theme={THEME}"
    expect(updating).to_be_hidden()
    page.unroute_all(behavior="ignoreErrors")  # the replaced request's delay may still be running
    # htmx logs the first update, replaced by the second, as aborted: that is the fix working, not a fault.
    aborted = ("console: htmx:sendAbort,", "console: htmx:afterRequest,")
    assert [error for error in console_errors if not error.startswith(aborted)] == []


# 4: the same form without JavaScript.


def test_without_javascript_the_form_gives_the_same_events(browser, page, live_site_with_seeds):
    page.goto(live_site_with_seeds.url + "/")
    tick(page, "Who", ACTOR, "actor", expected(actors=(ACTOR,)))
    tick(page, "What", theme_name(THEME), "theme", expected(actors=(ACTOR,), themes=(THEME,)))

    plain = browser.new_context(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    try:
        bare = plain.new_page()
        bare.goto(live_site_with_seeds.url + "/")
        option(bare, "Who", ACTOR).check()
        option(bare, "What", theme_name(THEME)).check()
        with bare.expect_navigation():
            bare.get_by_role("button", name="Apply filters").click()
        assert query(bare)["actor"] == query(page)["actor"]
        assert query(bare)["theme"] == query(page)["theme"]
        assert headlines(bare) == headlines(page)
        assert bare.locator("#count").inner_text() == page.locator("#count").inner_text()
        assert ticked(bare) == ticked(page)
    finally:
        plain.close()


def test_without_javascript_the_next_page_names_the_day_it_starts_in(browser, month_of_reports, monkeypatch):
    order = in_page_order(expected())
    # A page that ends inside a day, so the next one starts in the same day.
    size = next(i for i in range(1, len(order)) if order[i - 1].occurred_on == order[i].occurred_on)
    monkeypatch.setattr(views, "PAGE_SIZE", size)

    plain = browser.new_context(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    try:
        bare = plain.new_page()
        bare.goto(month_of_reports.url + "/")
        with bare.expect_navigation():
            bare.get_by_role("link", name="Load more events").click()
        assert "cursor=" in bare.url
        first_day = bare.locator("section.day").first
        expect(first_day.locator("h2")).to_have_text(f"{order[size].occurred_on:%A %-d %B %Y}")
        expect(first_day.locator("h3").first).to_have_text(order[size].headline)
    finally:
        plain.close()


# 5: the day strip.


def bar_dates(bar) -> tuple[str, str]:
    found = parse_qs(bar.get_attribute("href").lstrip("?"))
    return found["date_from"][0], found["date_to"][0]


def assert_listed_within(page, start: str, end: str) -> None:
    days = (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    events = expected(days=days)
    expect(page.locator("#count")).to_have_text(count_text(events))
    expect(page.locator("#date_from")).to_have_value(start)
    expect(page.locator("#date_to")).to_have_value(end)
    listed = listed_ids(page)
    assert sorted(listed) == sorted(events.values_list("pk", flat=True))
    assert all(days[0] <= day <= days[1] for day in occurred(listed))


def test_clicking_a_strip_bar_narrows_to_its_day(page, month_of_reports, console_errors):
    page.goto(month_of_reports.url + "/")
    page.evaluate("window.__marker = 1")
    bars = page.locator("figure.strip svg a")
    assert bars.count() == 21
    bar = bars.nth(5)
    start, end = bar_dates(bar)
    assert start == end == (FIRST_DAY + dt.timedelta(days=5)).isoformat()

    bar.click()
    assert_narrowed_without_reload(page, start, end, console_errors)


def assert_narrowed_without_reload(page, start: str, end: str, console_errors: list) -> None:
    page.wait_for_url(re.compile(r"date_from="))
    assert query(page)["date_from"] == [start]
    assert query(page)["date_to"] == [end]
    assert_listed_within(page, start, end)
    assert page.evaluate("window.__marker") == 1
    assert console_errors == []


def drag_across(page, first: int, last: int) -> tuple[str, str]:
    """Press on one bar, move across to another and let go; the dates from the first bar's to the last's."""
    bars = page.locator("figure.strip svg a")
    start, end = bar_dates(bars.nth(first))[0], bar_dates(bars.nth(last))[1]
    strip = page.locator("figure.strip svg").bounding_box()
    left, right = bars.nth(first).bounding_box(), bars.nth(last).bounding_box()
    y = strip["y"] + strip["height"] - 2  # low enough to cross every bar, tall or short
    page.mouse.move(left["x"] + left["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(right["x"] + right["width"] / 2, y, steps=10)
    page.mouse.up()
    return start, end


def test_dragging_across_the_strip_narrows_to_the_days_it_covers(page, month_of_reports, console_errors):
    page.goto(month_of_reports.url + "/")
    page.evaluate("window.__marker = 1")
    start, end = drag_across(page, 3, 9)
    assert start < end

    assert_narrowed_without_reload(page, start, end, console_errors)


def test_after_a_drag_enter_on_a_bar_still_narrows_to_its_day(page, month_of_reports, console_errors):
    page.goto(month_of_reports.url + "/")
    before = page.locator("#count").inner_text()
    drag_across(page, 3, 9)
    page.wait_for_url(re.compile(r"date_from="))
    # The narrowed view must be in and settled before a bar is chosen: a bar of the old strip could be swapped away.
    expect(page.locator("#count")).not_to_have_text(before)
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    dragged = page.url

    bar = page.locator("figure.strip svg a").nth(2)
    day = bar_dates(bar)[0]
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != dragged)
    assert query(page)["date_from"] == query(page)["date_to"] == [day]
    assert_listed_within(page, day, day)
    assert console_errors == []


# 6: the keyboard.


def test_space_on_a_facet_checkbox_filters_and_keeps_focus_on_it(page, live_site_with_seeds, console_errors):
    page.goto(live_site_with_seeds.url + "/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "actor":
            break
    else:
        pytest.fail("Tab never reached an actor checkbox")
    focused = page.evaluate("document.activeElement.id")
    before = page.locator("#count").inner_text()
    page.evaluate("document.activeElement.dataset.old = 'yes'")

    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"actor="))
    expect(page.locator("#count")).not_to_have_text(before)
    # The swap replaced the form; focus moved to the new checkbox of the same option, ticked.
    assert page.evaluate("document.activeElement.id") == focused
    assert page.evaluate("document.activeElement.dataset.old") is None
    assert page.evaluate("document.activeElement.checked") is True

    page.keyboard.press("Space")
    expect(page.locator("#count")).to_have_text(before)
    assert page.evaluate("document.activeElement.id") == focused
    assert page.evaluate("document.activeElement.checked") is False
    assert console_errors == []


# 7: load more, and an event opened in place.


def test_load_more_appends_the_next_events_without_repeats(page, month_of_reports, monkeypatch, console_errors):
    monkeypatch.setattr(views, "PAGE_SIZE", 12)
    page.goto(month_of_reports.url + "/")
    url = page.url
    events = page.locator("li.event")
    expect(events).to_have_count(12)
    page.get_by_role("link", name="Load more events").click()
    expect(events).to_have_count(24)
    page.get_by_role("link", name="Load more events").click()
    expect(events).to_have_count(30)
    expect(page.get_by_role("link", name="Load more events")).to_have_count(0)

    assert listed_ids(page) == [event.pk for event in in_page_order(expected())]
    # A day split across two pages goes on under its first heading rather than getting a second one.
    days = page.eval_on_selector_all("section.day h2 time", "times => times.map(time => time.dateTime)")
    assert len(days) == len(set(days)) == 21
    # The address names the last event loaded, so Back and a reload show them all; nothing else of it changed.
    assert page.url.startswith(url + "?through=") and page.url.endswith(f".{listed_ids(page)[-1]}")
    assert console_errors == []


def test_back_after_loading_more_shows_every_event_loaded_where_the_reader_left_them(
    page, month_of_reports, monkeypatch, console_errors
):
    monkeypatch.setattr(views, "PAGE_SIZE", 12)
    page.goto(month_of_reports.url + "/?order=oldest")
    page.get_by_role("link", name="Load more events").click()
    events = page.locator("li.event")
    expect(events).to_have_count(24)
    loaded = listed_ids(page)
    reading = events.nth(len(loaded) - 2)
    reading.scroll_into_view_if_needed()
    page.goto(month_of_reports.url + f"/events/{loaded[-2]}/")  # the reader leaves for an event's page
    page.go_back()
    expect(events).to_have_count(len(loaded))
    assert listed_ids(page) == loaded
    expect(reading).to_be_in_viewport()
    assert "order=oldest" in page.url  # the view is kept, and a filter changed from here starts afresh
    page.get_by_role("checkbox", name="Vladimir Putin").check()
    expect(page.locator("#count")).to_contain_text("match")
    assert "through" not in page.url
    assert console_errors == []


def test_load_more_by_keyboard_moves_focus_to_the_first_new_event(page, month_of_reports, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 12)
    page.goto(month_of_reports.url + "/")
    page.get_by_role("link", name="Load more events").focus()
    page.keyboard.press("Enter")
    expect(page.locator("li.event")).to_have_count(24)
    # Not back to the top of the page: the next Tab goes on from where the reader was.
    expect(page.locator("li.event").nth(12).locator(".entry > summary")).to_be_focused()


def test_opening_an_event_loads_how_it_was_dated(page, month_of_reports, monkeypatch, console_errors):
    from timeline.models import Event

    monkeypatch.setattr(views, "PAGE_SIZE", 12)
    page.goto(month_of_reports.url + "/")
    page.get_by_role("link", name="Load more events").click()
    expect(page.locator("li.event")).to_have_count(24)
    url = page.url

    # One of the appended events: htmx must have wired up what load more brought in.
    item = page.locator("li.event").nth(20)
    event = Event.objects.get(pk=item.get_attribute("id")[1:])
    assert event.date_note
    entry = item.locator("details.entry")
    entry.locator("summary").click()
    full = entry.locator(".full")
    expect(full.get_by_text("How it was dated")).to_be_visible()
    expect(full.locator(".provenance")).to_contain_text(event.date_note)
    expect(full.locator(".provenance")).to_contain_text("Front line live")
    assert page.url == url
    assert console_errors == []


@pytest.mark.parametrize("link", ["Link to this event", "source"])
def test_links_inside_an_opened_event_lead_where_they_say(page, live_site_with_seeds, console_errors, link):
    from timeline.models import Event

    page.goto(live_site_with_seeds.url + "/")
    item = page.locator("li.event").first
    event = Event.objects.select_related("document").get(pk=item.get_attribute("id")[1:])
    item.locator("details.entry summary").click()
    full = item.locator(".full")
    expect(full.get_by_text("How it was dated")).to_be_visible()
    if link == "source":
        full.locator(".provenance dd a").first.click()
        expect(page).to_have_url(re.compile(rf"/\?source={event.document_id}$"))
        shown = Event.objects.visible().filter(document=event.document).count()
        expect(page.locator("#count")).to_have_text(re.compile(rf"^{shown} events"))
    else:
        full.get_by_role("link", name=link).click()
        expect(page).to_have_url(re.compile(rf"/events/{event.pk}/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(event.headline)
    assert console_errors == []


# 8: accessibility of the views htmx builds.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filtered_paged_and_opened_views_have_no_accessibility_violations(
    page, live_site_with_seeds, monkeypatch, scheme
):
    monkeypatch.setattr(views, "PAGE_SIZE", 6)
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site_with_seeds.url + "/")
    tick(page, "Who", ACTOR, "actor", expected(actors=(ACTOR,)))
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Load more events").click()
    expect(page.locator("li.event")).to_have_count(12)
    assert_no_axe_violations(page)

    entry = page.locator("details.entry").first
    entry.locator("summary").click()
    expect(entry.get_by_text("How it was dated")).to_be_visible()
    assert_no_axe_violations(page)


# 9: nonsense in the address.


def test_invalid_values_in_the_url_are_explained_without_an_error(page, live_site_with_seeds, console_errors):
    response = page.goto(live_site_with_seeds.url + "/?actor=999999&date_from=garbage")
    assert response.status == 200
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("999999")
    expect(alert).to_contain_text("From")
    expect(page.locator("#count")).to_have_text(f"{expected().count()} events")
    assert console_errors == []


# 10: how a filtered view looks.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filtered_view_fits_a_phone_and_is_captured_at_both_widths(
    page, live_site_with_seeds, save_screenshots, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_site_with_seeds.url + "/")
    tick(page, "Who", ACTOR, "actor", expected(actors=(ACTOR,)))
    tick(page, "What", theme_name(THEME), "theme", expected(actors=(ACTOR,), themes=(THEME,)))
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways on a phone"
    save_screenshots(page, f"filtered-{scheme}")


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone_page(browser, live_site_with_seeds):
    """The timeline opened on a phone, its filter panel folded as it starts there."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_site_with_seeds.url + "/")
    expect(page.locator("#filter-panel")).not_to_have_attribute("open", "")
    yield page
    context.close()


def test_on_a_phone_the_end_of_the_filters_leads_to_the_results_and_folds_them(phone_page):
    panel = phone_page.locator("#filter-panel")
    panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")
    phone_page.locator(".to-results").click()
    expect(panel).not_to_have_attribute("open", "")
    assert phone_page.evaluate("location.hash") == "#results"


def test_the_filters_unfold_when_the_window_widens_to_a_desktop_and_fold_on_a_phone(phone_page):
    panel = phone_page.locator("#filter-panel")
    phone_page.set_viewport_size({"width": 1440, "height": 900})
    expect(panel).to_have_attribute("open", "")
    phone_page.set_viewport_size(PHONE)
    expect(panel).not_to_have_attribute("open", "")


# 6: the filters stay at hand.


def test_on_a_wide_screen_the_filters_stay_in_view_and_a_change_shows_the_results_from_their_top(
    page, live_site_with_seeds, console_errors
):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_site_with_seeds.url + "/")
    page.mouse.wheel(0, 2500)  # far down the list of events
    page.wait_for_function("window.scrollY > 2000")
    panel = page.locator("#filters")
    expect(panel).to_be_in_viewport()
    box = option(page, "What", "Diplomacy")
    box.scroll_into_view_if_needed()  # within the panel, the page stays where it is
    assert page.evaluate("window.scrollY") > 2000
    box.click()
    page.wait_for_url(re.compile(r"[?&]theme=diplomacy"))
    expect(page.locator("#count")).to_contain_text("match")
    expect(page.locator("#results .entry h3").first).to_be_in_viewport()
    expect(panel).to_be_in_viewport()
    assert console_errors == []


def test_on_a_phone_a_change_leaves_the_reader_where_they_are_in_the_filters(page, live_site_with_seeds):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_site_with_seeds.url + "/")
    page.locator("#filter-panel > summary").click()
    box = option(page, "What", "Diplomacy")
    box.scroll_into_view_if_needed()
    box.click()
    page.wait_for_url(re.compile(r"[?&]theme=diplomacy"))
    expect(page.locator("#count")).to_contain_text("match")
    expect(option(page, "What", "Diplomacy")).to_be_in_viewport()


# 8: the picture of time read without hovering.


def test_the_strip_reads_out_the_bar_in_focus_and_the_arrow_keys_move_along_it(page, month_of_reports, console_errors):
    page.goto(month_of_reports.url + "/")
    readout = page.locator(".strip-readout")
    expect(readout).to_have_text("Point at a bar for its count; choose one to see only its dates.")
    first_day, second_day = FIRST_DAY, FIRST_DAY + dt.timedelta(days=1)
    page.locator(".strip svg a").first.focus()
    expect(readout).to_have_text(f"{first_day:%-d %b %Y}: {expected(days=(first_day, first_day)).count()} events")
    page.keyboard.press("ArrowRight")
    second = expected(days=(second_day, second_day)).count()
    expect(readout).to_have_text(f"{second_day:%-d %b %Y}: {second} event{'s' if second != 1 else ''}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"date_from={second_day}&date_to={second_day}"))
    expect(page.locator("#count")).to_have_text(count_text(expected(days=(second_day, second_day))))
    assert console_errors == []


def test_the_strip_marks_where_months_begin_and_names_the_year_at_january(page, live_site_with_seeds):
    page.goto(live_site_with_seeds.url + "/")
    marks = page.locator(".strip-marks text")
    labels = marks.all_text_contents()
    assert 2 <= len(labels) <= 6 and "Jan 2024" in labels, labels
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", labels[0]), "the first mark names its year"
    strip = page.locator(".strip svg").first.bounding_box()
    lefts = [box["x"] for box in (mark.bounding_box() for mark in marks.all())]
    assert lefts == sorted(lefts) and strip["x"] < lefts[0] and lefts[-1] < strip["x"] + strip["width"]
    page.locator(".strip svg a").last.hover()
    expect(page.locator(".strip-readout")).to_contain_text("Dec 2024")
