"""An editor in a real browser: logs in, dates an undated seed document, and readers see its events on that day
straight away; the editors' pages are captured at both widths."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

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
