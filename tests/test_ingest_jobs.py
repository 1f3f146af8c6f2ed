"""A document added in the admin is ingested by the worker, not in the web request: the request queues it, the job's
page shows its steps until it is done, and a worker that fails or dies loses nothing and leaves no job hanging."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from timeline.models import Document, Event, IngestJob
from timeline.settings import ROOT_DIR
from timeline.store import jobs
from timeline.store.jobs import claim_next, work

from .factories import LIVE_BLOG, UNDATED_ROUNDUP

pytestmark = pytest.mark.django_db

ADD = "/admin/timeline/document/add/"


def queued(client, text: str = LIVE_BLOG, **fields) -> IngestJob:
    response = client.post(ADD, {"text": text, "timezone": "UTC", **fields})
    assert response.status_code == 302, response.content
    return IngestJob.objects.latest("pk")


def job_page(job: IngestJob) -> str:
    return f"/admin/timeline/document/ingesting/{job.pk}/"


def test_the_request_only_queues_the_text_and_the_page_shows_it_waiting(editor_client):
    job = queued(editor_client)
    assert not Document.objects.exists() and not Event.objects.exists()  # nothing read yet
    assert (job.state, job.text, job.source) == ("queued", LIVE_BLOG.strip(), "")
    page = editor_client.get(job_page(job)).content.decode()
    assert "Queued: next in line" in page
    assert 'hx-trigger="every 1s"' in page and '<meta http-equiv="refresh" content="2">' in page


def test_a_job_behind_others_says_how_many_are_ahead(editor_client):
    queued(editor_client, name="first.txt")
    queued(editor_client, name="second.txt")
    third = queued(editor_client, UNDATED_ROUNDUP)
    assert "Queued: 2 documents ahead of it" in editor_client.get(job_page(third)).content.decode()


def test_htmx_gets_the_steps_alone_then_a_redirect_to_what_was_found(editor_client):
    job = queued(editor_client)
    fragment = editor_client.get(job_page(job), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="job-status"')
    assert "<html" not in fragment.content.decode()
    assert work(once=True) == 1
    done = editor_client.get(job_page(job), headers={"HX-Request": "true"})
    document = Document.objects.get()
    assert done["HX-Redirect"] == f"/admin/timeline/document/{document.pk}/ingested/"
    page = editor_client.get(job_page(job), follow=True).content.decode()
    assert "4 events created." in page and "Allies agree new air defence package" in page


def test_the_worker_reports_each_step_and_empties_the_queued_text(editor_client, monkeypatch):
    job = queued(editor_client)
    seen = []
    store = jobs.store_document

    def watching(*args, **kwargs):
        seen.append(IngestJob.objects.get(pk=job.pk).message)
        return store(*args, **kwargs)

    monkeypatch.setattr(jobs, "store_document", watching)
    work(once=True)
    job.refresh_from_db()
    assert seen == ["4 entries found; writing them"]
    assert (job.state, job.text, job.attempts) == ("done", "", 1)
    assert job.document.source == "ukraine-war-live-allies-meet-in-brussels.txt"
    assert job.finished_at >= job.started_at >= job.requested_at


def test_a_page_left_waiting_with_no_worker_says_to_start_one(editor_client):
    job = queued(editor_client)
    IngestJob.objects.filter(pk=job.pk).update(requested_at=timezone.now() - dt.timedelta(minutes=2))
    page = editor_client.get(job_page(job)).content.decode()
    assert "no ingest worker seems to be running" in page and "python manage.py ingest_worker" in page


def test_an_unexpected_failure_is_logged_and_shown_and_writes_nothing(editor_client, monkeypatch, caplog):
    job = queued(editor_client)

    def broken(*args, **kwargs):
        Document.objects.create(source="half-written.txt", layout="article")
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(jobs, "store_document", broken)
    work(once=True)
    job.refresh_from_db()
    assert job.state == "failed" and f"job {job.pk}, in the worker's log" in job.message
    assert "the disk is full" not in job.message  # the editor gets a reference, the log the details
    assert any("the disk is full" in record.exc_text for record in caplog.records if record.exc_text)
    assert "Nothing was saved." in editor_client.get(job_page(job)).content.decode()


def test_a_job_whose_worker_died_is_taken_again_and_given_up_after_the_last_try(settings):
    settings.TIMELINE_JOB_TIMEOUT = 60
    job = IngestJob.objects.create(text=LIVE_BLOG)
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        claimed = claim_next()  # and then the worker is killed: the job stays where it was
        assert (claimed.pk, claimed.attempts) == (job.pk, attempt)
        IngestJob.objects.filter(pk=job.pk).update(started_at=long_ago)
    assert claim_next() is None
    job.refresh_from_db()
    assert job.state == "failed" and "given up" in job.message and job.text == ""
    assert not Document.objects.exists()


def test_a_job_under_way_is_not_taken_by_a_second_worker():
    IngestJob.objects.create(text=LIVE_BLOG)
    assert claim_next() is not None
    assert claim_next() is None


def test_the_command_runs_what_waits_and_says_how_many():
    IngestJob.objects.create(text=LIVE_BLOG)
    IngestJob.objects.create(text="Share this article\nYou might also like\n")
    out = StringIO()
    call_command("ingest_worker", "--once", stdout=out)
    assert "2 jobs run" in out.getvalue()
    assert list(IngestJob.objects.order_by("pk").values_list("state", flat=True)) == ["done", "failed"]


def test_the_worker_process_ingests_what_is_queued_and_stops_cleanly_on_sigterm(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "DATABASE_URL": database}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT_DIR, check=True)
    queue = [*manage, "shell", "-v0", "-c"]
    subprocess.run(
        [*queue, f"from timeline.models import IngestJob; IngestJob.objects.create(text={LIVE_BLOG!r})"],
        env=env,
        cwd=ROOT_DIR,
        check=True,
    )
    worker = subprocess.Popen(
        [*manage, "ingest_worker", "--every", "0.2"],
        env=env,
        cwd=ROOT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        state = "queued"
        deadline = time.monotonic() + 60
        while state != "done" and time.monotonic() < deadline:
            time.sleep(0.3)
            state = subprocess.run(
                [*queue, "from timeline.models import IngestJob; print(IngestJob.objects.get().state)"],
                env=env,
                cwd=ROOT_DIR,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        assert state == "done"
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "ingest worker: 1 job run" in out


def test_an_address_is_checked_in_the_request_and_fetched_by_the_worker(editor_client, settings):
    from .local_site import LocalSite
    from .test_web_pages import page

    settings.TIMELINE_FETCH_PRIVATE_HOSTS = ["127.0.0.1"]
    with LocalSite() as site:
        site.serve("/live/harbour", page())
        response = editor_client.post(ADD, {"url": site.url("/live/harbour"), "timezone": ""})
        assert response.status_code == 302
        assert site.requests == []  # the request only queued it
        job = IngestJob.objects.get()
        work(once=True)
    job.refresh_from_db()
    assert job.state == "done", job.message
    document = Document.objects.get()
    assert (document.source, document.origin, document.url) == (
        f"{site.host}/live/harbour",
        site.url("/live/harbour"),
        "https://news.example.org/live/harbour-strikes",
    )
    assert document.events.count() == 4


def test_a_private_address_is_refused_in_the_form(editor_client):
    response = editor_client.post(ADD, {"url": "http://192.168.1.20/live", "timezone": ""})
    assert response.status_code == 200
    assert "This address cannot be fetched: 192.168.1.20 is a private or local address" in response.content.decode()
    assert not IngestJob.objects.exists()


def test_a_page_that_fails_to_arrive_fails_its_job_with_the_reason(editor_client, settings):
    from .local_site import LocalSite

    settings.TIMELINE_FETCH_PRIVATE_HOSTS = ["127.0.0.1"]
    with LocalSite() as site:
        site.serve("/live", "down", status=503, content_type="text/plain")
        editor_client.post(ADD, {"url": site.url("/live"), "timezone": ""})
        work(once=True)
    job = IngestJob.objects.get()
    assert job.state == "failed"
    assert job.message == "This page cannot be fetched: the site answered 503 Service Unavailable. Nothing was saved."
    assert not Document.objects.exists()
