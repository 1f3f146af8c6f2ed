"""An editor in a real browser: logs in, dates an undated seed document, and readers see its events on that day
straight away; the editors' pages are captured at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser.axe import assert_no_axe_violations
from .factories import UNDATED_ROUNDUP, make_editor

PASSWORD = "a-long-editor-password"
KIM = "Kim Jong Un continues his visit to Russia"


def log_in(page: Page, url: str) -> None:
    make_editor(password=PASSWORD)
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Welcome,")).to_be_visible()


def public_day(page: Page, url: str) -> None:
    page.goto(url + "/?date_from=2023-09-16&date_to=2023-09-16")


def test_an_editor_dates_an_undated_seed_and_the_timeline_shows_it_that_day(
    page, live_site_with_seeds, console_errors, save_screenshots
):
    url = live_site_with_seeds.url
    public_day(page, url)
    expect(page.get_by_text(KIM)).to_have_count(0)
    log_in(page, url)
    page.get_by_role("link", name="Review queue").first.click()
    expect(page.get_by_role("heading", name="Undated documents (3)")).to_be_visible()
    save_screenshots(page, "review-queue")
    page.get_by_role("link", name="Ukraine war: Kim Jong Un continues Russia visit").click()
    page.locator("#id_editor_published").fill("2023-09-16")
    page.get_by_role("button", name="Save", exact=True).click()
    message = page.locator(".messagelist")
    expect(message).to_contain_text("4 events re-dated")
    expect(message).to_contain_text(f"{KIM}: no date → 16 September 2023")
    public_day(page, url)
    day = page.get_by_role("region", name="Saturday 16 September 2023")
    expect(day.get_by_text(KIM)).to_be_visible()
    expect(page.locator("#count")).to_contain_text("4 events")
    assert console_errors == []


def test_an_editor_corrects_an_event_and_sees_what_cannot_be_right(page, live_site_with_seeds, save_screenshots):
    from timeline.models import Event

    url = live_site_with_seeds.url
    log_in(page, url)
    event = Event.objects.get(headline=KIM)
    page.goto(f"{url}/admin/timeline/event/{event.pk}/change/")
    page.locator("#id_editor_reported_time").fill("09:30")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("A time needs a date")
    page.locator("#id_editor_reported_on").fill("2023-09-16")
    page.locator("#id_editor_timezone").fill("Europe/Brussels")
    save_screenshots(page, "event-change-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(f"{url}/events/{event.pk}/")
    expect(page.locator("time").first).to_have_text("Saturday 16 September 2023, 09:30 CEST")


def test_an_editor_pastes_a_document_sees_it_wait_for_the_worker_then_what_needs_review(
    page, live_site, ingest_worker, console_errors, save_screenshots
):
    log_in(page, live_site.url)
    page.goto(live_site.url + "/admin/timeline/document/add/")
    page.get_by_label("Or paste the text").fill(UNDATED_ROUNDUP)
    page.get_by_role("button", name="Ingest").click()
    expect(page.locator(".job-steps li.current")).to_have_text("Queued: next in line")
    save_screenshots(page, "document-queued")
    ingest_worker.start()  # the page, asking every second, goes on to what was found by itself
    expect(page.get_by_text("The text states no date.")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text("2 events created.")
    assert console_errors == []
    expect(page.locator("table.ingested-events tbody tr")).to_have_count(2)
    save_screenshots(page, "document-ingested")


def test_an_editor_sets_one_date_for_several_queued_events(
    page, live_site_with_seeds, console_errors, save_screenshots
):
    url = live_site_with_seeds.url
    log_in(page, url)
    page.goto(url + "/admin/timeline/reviewitem/?why=undated")
    boxes = page.locator("input.action-select")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("select[name=action]").select_option("set_date")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("link", name="Today").first).to_be_visible()  # the admin's date shortcuts work here
    page.get_by_label("Reported on").fill("2023-09-16")
    page.get_by_label("Happened on").fill("2023-09-20")
    page.get_by_role("button", name="Set this date").click()
    expect(page.locator(".errorlist")).to_contain_text("It cannot have happened (20 September 2023)")
    expect(page.get_by_label("Happened on")).to_be_focused()
    assert console_errors == []
    assert_no_axe_violations(page)
    console_errors.clear()  # axe's own probes set inline styles, which the policy refuses: not the page's errors
    save_screenshots(page, "set-date")
    page.get_by_label("Happened on").fill("2023-09-15")
    page.get_by_role("button", name="Set this date").click()
    expect(page.locator(".messagelist")).to_contain_text("2 events dated.")
    assert console_errors == []


def test_without_javascript_the_waiting_page_reloads_itself_until_the_document_is_ingested(
    browser: Browser, live_site, ingest_worker
):
    make_editor(password=PASSWORD)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/admin/")
        page.get_by_label("Username").fill("editor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(live_site.url + "/admin/timeline/document/add/")
        page.get_by_label("Or paste the text").fill(UNDATED_ROUNDUP)
        page.get_by_role("button", name="Ingest").click()
        expect(page.locator(".job-steps li.current")).to_contain_text("Queued")
        ingest_worker.start()
        expect(page.get_by_text("The text states no date.")).to_be_visible(timeout=15_000)
    finally:
        context.close()


def test_a_pasted_text_without_news_entries_ends_with_the_reason(page, live_site, ingest_worker, save_screenshots):
    log_in(page, live_site.url)
    ingest_worker.start()
    page.goto(live_site.url + "/admin/timeline/document/add/")
    page.get_by_label("Or paste the text").fill("Share this article\nYou might also like\n")
    page.get_by_role("button", name="Ingest").click()
    expect(page.locator(".errornote")).to_contain_text("no news entries were found in it. Nothing was saved.")
    save_screenshots(page, "document-refused")
    page.get_by_role("link", name="Added documents").first.click()
    expect(page.locator("#result_list")).to_contain_text("failed")
    save_screenshots(page, "added-documents")


# The admin for people under deadline: what is wrong is said at the top and the field to fix is the one in focus.


def test_a_refused_date_is_named_at_the_top_with_its_field_in_focus(page, live_site_with_seeds, console_errors):
    from timeline.models import Event

    url = live_site_with_seeds.url
    log_in(page, url)
    event = Event.objects.get(headline=KIM)
    page.goto(f"{url}/admin/timeline/event/{event.pk}/change/")
    page.locator("#id_editor_reported_on").fill("03/04/2024")  # a day to one reader, another to the next
    page.locator("#id_editor_timezone").fill("Kyjiv")
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("2 things to fix before this can be saved")
    expect(summary).to_contain_text("Enter the date as YYYY-MM-DD, for example 2023-09-16, not as “03/04/2024”.")
    expect(summary).to_contain_text("“Kyjiv” is not a time zone. Did you mean Europe/Kyiv?")
    expect(page.locator("#id_editor_reported_on")).to_be_focused()
    assert summary.bounding_box()["y"] < 400, "the summary is not at the top of what the editor sees"
    assert Event.objects.get(pk=event.pk).editor_reported_on is None
    assert console_errors == []
    assert_no_axe_violations(page)
    console_errors.clear()  # axe's own probes set inline styles, which the policy refuses: not the page's errors

    summary.get_by_role("link", name="Time zone").click()
    expect(page.locator("#id_editor_timezone")).to_be_focused()
    page.locator("#id_editor_reported_on").fill("2024-04-03")
    page.locator("#id_editor_reported_time").fill("09:30")
    page.locator("#id_editor_timezone").fill("kyiv")  # a city, in any case, finds its zone
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Event.objects.get(pk=event.pk).editor_timezone == "Europe/Kyiv"
    assert console_errors == []


def test_the_event_list_names_sources_by_outlet_and_title_newest_first(page, live_site_with_seeds):
    from timeline.models import Event

    log_in(page, live_site_with_seeds.url)
    page.goto(live_site_with_seeds.url + "/admin/timeline/event/")
    newest = Event.objects.exclude(sort_key="").order_by("-sort_key").first()
    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text(newest.headline)
    document = newest.document
    # A document that names neither outlet nor title goes by the name it was added under, which editors know.
    named = document.short_name if document.title or document.outlet else document.source
    expect(first_row.locator("td.field-source")).to_have_text(named)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_editors_use_have_no_accessibility_violations(page, live_site_with_seeds, scheme):
    from timeline.models import Actor, Document, Event

    url = live_site_with_seeds.url
    page.emulate_media(color_scheme=scheme)
    log_in(page, url)
    event, document = Event.objects.get(headline=KIM), Document.objects.filter(events__isnull=False).first()
    event.save()  # a version to revert to, and a change since, for the page that compares them
    event.editor_precision = "day"
    event.save()
    version = event.history.earliest("history_date").history_id
    for path in (
        "/admin/",
        "/admin/timeline/reviewitem/",
        "/admin/timeline/event/",
        f"/admin/timeline/event/{event.pk}/change/",
        f"/admin/timeline/event/{event.pk}/history/",
        f"/admin/timeline/event/{event.pk}/history/{version}/",
        "/admin/timeline/document/",
        f"/admin/timeline/document/{document.pk}/change/",
        "/admin/timeline/document/add/",
        "/admin/timeline/actor/?reviewed__exact=0",
        f"/admin/timeline/actor/{Actor.objects.first().pk}/change/",
        "/admin/timeline/location/",
    ):
        page.goto(url + path)
        assert_no_axe_violations(page)
