"""Following live blogs: each followed page read again when due, its changes written as any ingest writes them.

    follow(url, every) -> FollowedPage      start following an address (or change how often)
    poll(page) -> str                       one reading: what came of it
    poll_due() -> int                       every page whose reading has come

A reading asks with the page's ETag and Last-Modified, so an unchanged page costs the site a "not modified". A
changed page is parsed and stored by `store_document`, which adds new entries, updates changed ones in place, sets
aside those gone and never touches an editor's corrections or tags. A site that errors or answers slowly is asked
less often, up to a limit; one that keeps failing, or whose page no longer reads as it did (far fewer entries: a
new layout), is shown to editors in the review queue, and a page that reads badly is never written over the good.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from timeline.fetching import FetchFailed, fetch_limits, fetch_page, name_for_address
from timeline.ingest import parse_any
from timeline.ingest.files import UnreadableDocument
from timeline.models import FollowedPage
from timeline.models.following import LEAST_EVERY

from .documents import NameTaken, store_document

log = logging.getLogger(__name__)

# Failures in a row before editors are told: one failure is often a passing hiccup.
FAILURES_SHOWN = 3
# The longest a troubled site is left alone before it is asked again.
LONGEST_WAIT = dt.timedelta(hours=6)
# A page that now reads as fewer than this share of its entries has most likely changed its layout.
KEPT_SHARE = 0.5
# A site whose answer took more than this share of the fetch deadline is slowing down: ask it half as often.
SLOW_SHARE = 0.5


class _NewLayout(Exception):
    """The page reads as far fewer entries than it held: it is not written over the good copy."""


def follow(url: str, every: dt.timedelta | None = None) -> FollowedPage:
    """Starts (or resumes) following an address, to be read at once."""
    every = max(every, LEAST_EVERY) if every else None
    page, created = FollowedPage.objects.get_or_create(url=url, defaults={"every": every} if every else {})
    if not created:
        page.active, page.next_poll_at = True, timezone.now()
        page.every = every or page.every
        page.save(update_fields=["active", "next_poll_at", "every"])
    return page


def poll_due(now: dt.datetime | None = None) -> int:
    """Reads every followed page whose time has come; returns how many were read."""
    due = list(FollowedPage.objects.due(now))
    for page in due:
        poll(page)
    return len(due)


def poll(page: FollowedPage) -> str:
    """Reads the page once and writes what changed; the outcome, in words, is kept on the page and returned."""
    now = timezone.now()
    try:
        fetched = fetch_page(page.url, fetch_limits(), etag=page.etag, last_modified=page.last_modified)
    except FetchFailed as error:
        return _failed(page, now, str(error), slow=error.slow)
    page.etag, page.last_modified = fetched.etag, fetched.last_modified
    wait = page.every * (2 if fetched.seconds > SLOW_SHARE * settings.TIMELINE_FETCH_TIMEOUT else 1)
    if fetched.text is None:
        return _done(page, now, wait, "not modified")
    try:
        outcome = _store(page, fetched.text)
    except (UnreadableDocument, NameTaken) as error:
        page.etag = page.last_modified = ""  # read it in full next time: the page may be mended
        return _failed(page, now, f"the page cannot be read: {error}", slow=False)
    except _NewLayout as error:
        page.etag = page.last_modified = ""
        page.problem = str(error)
        return _done(page, now, wait, str(error), problem=True)
    page.last_changed_at = now
    return _done(page, now, wait, outcome)


def _store(page: FollowedPage, text: str) -> str:
    parsed = parse_any(text, settings.TIMELINE_MAX_DOCUMENT_ENTRIES, url=page.url)
    held = page.document.events.filter(in_source=True).count() if page.document else 0
    if not parsed.events or len(parsed.events) < KEPT_SHARE * held:
        read = len(parsed.events)
        raise _NewLayout(
            f"the page changed its layout: {read} entr{'y' if read == 1 else 'ies'} read where it held {held}; "
            "not updated until it reads as before or an editor ingests it"
        )
    source = page.document.source if page.document else name_for_address(page.url)
    stored = store_document(parsed, source=source, text=text, origin=page.url)
    page.document = stored.document
    kept = stored.kept_corrections
    kept_note = f", {kept} correction{'s' if kept != 1 else ''} kept" if kept else ""
    return f"{stored.outcome}: {stored.events} entr{'y' if stored.events == 1 else 'ies'}{kept_note}"


def _failed(page: FollowedPage, now: dt.datetime, reason: str, *, slow: bool) -> str:
    """Backs off: each failure in a row doubles the wait (a slow site's twice over), up to a limit."""
    page.failures += 1
    wait = min(page.every * 2 ** (page.failures + slow), LONGEST_WAIT)
    if page.failures >= FAILURES_SHOWN:
        page.problem = f"stopped answering: {reason} ({page.failures} times in a row)"
    log.warning("follow: %s failed (%s in a row): %s", page.url, page.failures, reason)
    return _finish(page, now, wait, f"failed: {reason}")


def _done(page: FollowedPage, now: dt.datetime, wait: dt.timedelta, outcome: str, problem: bool = False) -> str:
    page.failures = 0
    if not problem:
        page.problem = ""
    return _finish(page, now, wait, outcome)


def _finish(page: FollowedPage, now: dt.datetime, wait: dt.timedelta, outcome: str) -> str:
    page.last_polled_at, page.next_poll_at, page.last_outcome = now, now + wait, outcome[:300]
    page.save()
    return outcome
