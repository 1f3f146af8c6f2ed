"""Following a live blog at its address: a local site that grows, edits and deletes entries, answers "not modified",
errors and slows down, and changes its layout, read ten times over."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from timeline.models import Document, Event, FollowedPage
from timeline.store.following import FAILURES_SHOWN, follow, poll, poll_due

from .local_site import LocalSite

pytestmark = pytest.mark.django_db

HEAD = """<!DOCTYPE html><html lang="en"><head><title>Harbour live</title>
<meta property="og:site_name" content="The Daily Example"><meta property="og:title" content="Harbour live">
<script type="application/ld+json">{structured}</script></head>
<body><main><article><h1>Harbour live</h1>{entries}</article></main></body></html>"""


def live_page(entries: list[tuple[str, str, str]]) -> str:
    """A live blog, newest first, modified at its newest entry's minute."""
    newest = entries[0][0]
    structured = json.dumps({"@type": "NewsArticle", "dateModified": f"2024-03-09T{newest}:30+01:00"})
    blocks = "".join(
        f'<div class="entry"><span class="stamp"><time>{clock}</time></span><h2>{headline}</h2>'
        f"<p>{body} Residents described the scene to reporters gathered near the harbour wall.</p></div>"
        for clock, headline, body in entries
    )
    return HEAD.format(structured=structured, entries=blocks)


FIRST = ("09:05", "Ferries halted at the northern pier", "The port authority stopped all ferries this morning.")
SECOND = ("10:20", "Drone downed over the bay", "Air defence units shot down a drone near the coast.")
THIRD = ("11:45", "Mayor calls emergency council meeting", "Councillors were summoned to the town hall.")
FOURTH = ("12:30", "Power restored in the old town", "Engineers reconnected the substation after repairs.")
FIFTH = ("13:10", "Schools to reopen on Monday", "The education office said classes would resume.")
SECOND_EDITED = (SECOND[0], SECOND[1], "Air defence units shot down two drones near the coast, officials said.")


@pytest.fixture
def site(settings):
    settings.TIMELINE_FETCH_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.TIMELINE_FETCH_TIMEOUT = 1.5
    with LocalSite() as running:
        yield running


def in_source(document: Document) -> list[str]:
    return list(document.events.filter(in_source=True).order_by("position").values_list("headline", flat=True))


def correct_date(event: Event, day: dt.date) -> None:
    """An editor's correction, saved as the admin saves one: with a history record."""
    event.editor_reported_on = day
    event.refresh()
    event.save()


def test_ten_readings_end_with_the_sources_entries_and_every_correction_kept(site):
    page = follow(site.url("/live"))
    read = lambda: poll(FollowedPage.objects.get(pk=page.pk))  # noqa: E731 -- each reading starts from the row

    site.serve("/live", live_page([SECOND, FIRST]))
    assert read() == "created: 2 entries"  # 1
    document = Document.objects.get()
    assert in_source(document) == [SECOND[1], FIRST[1]]
    assert document.url == document.origin == site.url("/live")  # the page names no canonical address
    first = document.events.get(headline=FIRST[1])
    assert first.reported_at == dt.datetime(2024, 3, 9, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    correct_date(first, dt.date(2024, 3, 8))

    assert read() == "not modified"  # 2
    assert site.requests[-1][1]["If-None-Match"]

    site.serve("/live", live_page([THIRD, SECOND, FIRST]))
    assert read() == "updated: 3 entries, 1 correction kept"  # 3: it grew
    second = document.events.get(headline=SECOND[1])
    second.editor_removed = True
    second.save()

    site.serve("/live", live_page([THIRD, SECOND_EDITED, FIRST]))
    assert read() == "updated: 3 entries, 2 corrections kept"  # 4: an entry edited in place
    assert document.events.get(pk=second.pk).body.startswith(SECOND_EDITED[2])

    site.serve("/live", "down for maintenance", status=500, content_type="text/plain")
    for _ in range(FAILURES_SHOWN):  # 5, 6, 7
        assert read() == "failed: the site answered 500 Internal Server Error"
    followed = FollowedPage.objects.get()
    assert followed.failures == FAILURES_SHOWN and followed.problem.startswith("stopped answering")
    assert followed.next_poll_at - followed.last_polled_at == min(page.every * 2**FAILURES_SHOWN, dt.timedelta(hours=6))
    assert FollowedPage.objects.in_trouble().exists()

    site.serve("/live", live_page([FOURTH, SECOND_EDITED]), delay=0.7, chunks=3)
    assert read().startswith("failed: too slow")  # 8

    site.serve("/live", "<html><body><div id='app'>Loading…</div><p>Enable JavaScript.</p></body></html>")
    assert read().startswith("the page changed its layout: 1 entry read where it held 3")  # 9
    assert FollowedPage.objects.get().problem.startswith("the page changed its layout")

    site.serve("/live", live_page([FIFTH, FOURTH, SECOND_EDITED]))
    assert read() == "updated: 3 entries, 1 correction kept"  # 10: one added, two gone, one of them corrected
    assert in_source(document) == [FIFTH[1], FOURTH[1], SECOND[1]]
    assert not Event.objects.filter(headline=THIRD[1]).exists()  # gone, and no editor had touched it
    gone = Event.objects.get(pk=first.pk)
    assert (gone.in_source, gone.editor_reported_on) == (False, dt.date(2024, 3, 8))  # gone, kept for its editor
    assert Event.objects.get(pk=second.pk).editor_removed
    assert FollowedPage.objects.get().problem == ""

    # History holds the editors' two changes and the document's creation: no reading added a record of its own.
    assert Event.history.count() == 2
    assert Document.history.count() == 1


def test_a_site_is_asked_less_often_the_longer_it_fails(site):
    site.serve("/live", "busy", status=503, content_type="text/plain")
    page = follow(site.url("/live"), dt.timedelta(minutes=2))
    waits = []
    for _ in range(4):
        poll(page)
        waits.append(page.next_poll_at - page.last_polled_at)
    assert waits == [
        dt.timedelta(minutes=4),
        dt.timedelta(minutes=8),
        dt.timedelta(minutes=16),
        dt.timedelta(minutes=32),
    ]


def test_only_pages_due_are_read(site):
    site.serve("/a", live_page([SECOND, FIRST]))
    site.serve("/b", live_page([THIRD, FIRST]))
    due, later = follow(site.url("/a")), follow(site.url("/b"))
    FollowedPage.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + dt.timedelta(minutes=3))
    assert poll_due() == 1
    assert [path for path, _ in site.requests] == ["/a"]
    assert FollowedPage.objects.get(pk=due.pk).document is not None


def test_the_follow_command_adds_addresses_and_reads_them_once(site):
    site.serve("/live", live_page([SECOND, FIRST]))
    out = StringIO()
    call_command("follow", site.url("/live"), "--every", "10m", "--once", stdout=out)
    assert f"following {site.url('/live')}, read every 10\xa0minutes" in out.getvalue()
    assert "1 page read" in out.getvalue() and "created: 2 entries" in out.getvalue()
    assert FollowedPage.objects.get().every == dt.timedelta(minutes=10)


def test_the_follow_command_refuses_a_private_address_it_was_not_told_to_allow(site, settings):
    settings.TIMELINE_FETCH_PRIVATE_HOSTS = []
    with pytest.raises(CommandError, match="is a private or local address"):
        call_command("follow", site.url("/live"), "--once", stdout=StringIO())
    assert not FollowedPage.objects.exists()


def test_editors_see_followed_pages_and_their_trouble(editor_client, site):
    site.serve("/live", "busy", status=503, content_type="text/plain")
    page = follow(site.url("/live"))
    for _ in range(FAILURES_SHOWN):
        poll(page)
    listing = editor_client.get("/admin/timeline/followedpage/")
    assert listing.status_code == 200
    assert "stopped answering: the site answered 503 Service Unavailable (3 times in a row)" in listing.content.decode()
    queue = editor_client.get("/admin/timeline/reviewitem/").content.decode()
    assert "Followed pages in trouble" in queue and site.url("/live") in queue


def test_editors_follow_by_address_but_not_a_private_one(editor_client):
    response = editor_client.post(
        "/admin/timeline/followedpage/add/", {"url": "http://10.0.0.7/live", "every": "00:05:00", "active": "on"}
    )
    assert "This address cannot be followed: 10.0.0.7 is a private or local address" in response.content.decode()
    response = editor_client.post(
        "/admin/timeline/followedpage/add/", {"url": "https://93.184.216.34/live", "every": "00:00:10", "active": "on"}
    )
    assert "At least 0:01:00" in response.content.decode()
    assert not FollowedPage.objects.exists()


def test_a_document_read_from_an_address_is_followed_and_unfollowed_from_its_list(editor_client, site):
    site.serve("/live", live_page([SECOND, FIRST]))
    call_command("ingest", site.url("/live"), stdout=StringIO())
    document = Document.objects.get()
    changelist = "/admin/timeline/document/"
    editor_client.post(changelist, {"action": "follow_pages", "_selected_action": [document.pk]})
    assert FollowedPage.objects.get().url == site.url("/live")
    assert "yes:" in editor_client.get(f"{changelist}{document.pk}/change/").content.decode()
    editor_client.post(changelist, {"action": "stop_following", "_selected_action": [document.pk]})
    assert not FollowedPage.objects.get().active


def test_the_follower_process_reads_a_page_and_stops_cleanly_on_sigterm(tmp_path, site):
    import os
    import signal
    import subprocess
    import sys
    import time

    from timeline.settings import ROOT_DIR

    site.serve("/live", live_page([SECOND, FIRST]))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TIMELINE_FETCH_PRIVATE_HOSTS": "127.0.0.1",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT_DIR, check=True)
    follower = subprocess.Popen(
        [*manage, "follow", site.url("/live")], env=env, cwd=ROOT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not site.requests and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:  # at once: the reading under way is finished before the follower stops
        follower.send_signal(signal.SIGTERM)
        out, err = follower.communicate(timeout=30)
    assert follower.returncode == 0, err
    assert "follow: stopped after 1 reading" in out.decode()
    count = subprocess.run(
        [*manage, "shell", "-v0", "-c", "from timeline.models import Event; print(Event.objects.count())"],
        env=env,
        cwd=ROOT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert count.stdout.strip() == "2"
