"""Documents added in the admin are ingested off the web request: the request queues an `IngestJob`, and
`manage.py ingest_worker` takes the jobs oldest first, reads and writes each through the one writer, and leaves on
the job how far it got and what came of it, which the job's page shows the editor.

    queue(...) -> IngestJob        in the request: nothing but a row
    work() -> claim_next() -> run(job)   in the worker

The database is the queue: a job is claimed in a transaction that skips rows another worker holds, so workers may
run side by side. A worker that dies mid-job writes nothing (the store's transaction rolls back), and its job is
taken again once it has been started longer than any ingest takes.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from django.utils.text import slugify

from timeline.fetching import FetchFailed, fetch_limits, fetch_page, name_for_address
from timeline.ingest import ParsedDocument, parse_any
from timeline.ingest.files import UnreadableDocument
from timeline.models import IngestJob

from .documents import NameTaken, store_document

log = logging.getLogger(__name__)

# A job is tried this many times before it is given up: a text that kills its worker each time is not tried forever.
MAX_ATTEMPTS = 3


def queue(
    text: str, *, source: str, timezone: str, published: dt.date | None, replace: bool, user, url: str = ""
) -> IngestJob:
    """A document to ingest, for the worker: a text, or the address of a page it fetches; `source` empty names it
    after its title once read, or after its address."""
    return IngestJob.objects.create(
        text=text, url=url, source=source, timezone=timezone, published=published, replace=replace, requested_by=user
    )


def work(*, once: bool = False, every: float = 1.0, stopping: threading.Event | None = None) -> int:
    """Runs jobs until `stopping` is set, or with `once` until none is waiting. Returns how many it ran."""
    stopping = stopping or threading.Event()
    ran = 0
    while not stopping.is_set():
        if not connection.in_atomic_block:  # a caller's transaction keeps its connection
            close_old_connections()  # as a request would: a connection the database dropped is opened again
        try:
            job = claim_next()
        except DatabaseError:
            log.exception("ingest worker: the database cannot be reached; trying again in %s s", every)
            job = None
        if job:
            run(job)
            ran += 1
        elif once:
            break
        else:
            stopping.wait(every)
    return ran


def claim_next() -> IngestJob | None:
    """The oldest waiting job, marked as being read by this worker."""
    _take_back_abandoned()
    waiting = IngestJob.objects.filter(state=IngestJob.QUEUED).order_by("pk")
    if not waiting.exists():  # an idle worker asks every second: a read, not a write transaction each time
        return None
    with transaction.atomic():
        job = waiting.select_for_update(skip_locked=True).first()
        if job:
            job.advance(IngestJob.READING, started_at=timezone.now(), attempts=job.attempts + 1)
    return job


def run(job: IngestJob) -> None:
    """Reads and writes one job's document; whatever happens, the job ends done or failed with the reason."""
    try:
        text, origin, url = job.text, job.origin, ""
        if job.url and not text:
            fetched = fetch_page(job.url, fetch_limits())
            text, origin, url = fetched.text, job.url, fetched.url
        parsed = parse_any(text, settings.TIMELINE_MAX_DOCUMENT_ENTRIES, url=url)
        if not parsed.events:
            raise UnreadableDocument("no news entries were found in it")
        entries = len(parsed.events)
        job.advance(IngestJob.WRITING, f"{entries} entr{'ies' if entries != 1 else 'y'} found; writing them")
        stored = store_document(
            parsed,
            source=job.source or (name_for_address(job.url) if job.url else source_name(parsed)),
            text=text,
            timezone=job.timezone,
            published=job.published,
            origin=origin,
            replace=job.replace,
        )
    except FetchFailed as error:
        _finish(job, IngestJob.FAILED, f"This page cannot be fetched: {error}. Nothing was saved.")
    except UnreadableDocument as error:
        _finish(job, IngestJob.FAILED, f"This text cannot be ingested: {error}. Nothing was saved.")
    except NameTaken as error:
        _finish(
            job,
            IngestJob.FAILED,
            f"A document is already called {error.document.source} ({error.document.origin or 'ingested before'}): "
            "add this one with another name, or tick “Replace the document of that name”. Nothing was saved.",
        )
    except Exception:
        log.exception("ingest worker: job %s failed", job.pk)
        _finish(job, IngestJob.FAILED, f"Ingesting it failed (job {job.pk}, in the worker's log). Nothing was saved.")
    else:
        _finish(
            job,
            IngestJob.DONE,
            outcome_message(stored.outcome, stored.events, stored.kept_corrections),
            document=stored.document,
        )


def outcome_message(outcome: str, events: int, kept: int) -> str:
    plural = "s" if events != 1 else ""
    if outcome == "unchanged":
        return f"The same text was ingested before: its {events} event{plural} are as they were."
    kept_note = f"; {kept} editor's correction{'s' if kept != 1 else ''} kept" if kept else ""
    return f"{events} event{plural} {'created' if outcome == 'created' else 'updated'}{kept_note}."


def source_name(parsed: ParsedDocument) -> str:
    """A file-like name for pasted text, from its title (else its first headline), so pasting the same text again
    updates it."""
    named = parsed.title or next((event.headline for event in parsed.events), "")
    return f"{slugify(named)[:100] or 'pasted-document'}.txt"


def _finish(job: IngestJob, state: str, message: str, document=None) -> None:
    # The text has done its work: the document keeps its own copy, and a failed one is sent again from the form.
    job.advance(state, message, finished_at=timezone.now(), text="", document=document)


def _take_back_abandoned() -> None:
    """Jobs started longer ago than any ingest takes lost their worker: queued again, or given up after the last
    try (a text that stops its worker each time)."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.TIMELINE_JOB_TIMEOUT)
    abandoned = IngestJob.objects.filter(state__in=[IngestJob.READING, IngestJob.WRITING], started_at__lt=cutoff)
    if not abandoned.exists():
        return
    abandoned.filter(attempts__lt=MAX_ATTEMPTS).update(state=IngestJob.QUEUED, message="")
    abandoned.update(
        state=IngestJob.FAILED,
        message=f"Its worker stopped while ingesting it {MAX_ATTEMPTS} times; it was given up. Nothing was saved.",
        finished_at=timezone.now(),
        text="",
    )
