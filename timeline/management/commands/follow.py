"""Follows live blogs at their addresses until stopped (SIGTERM or Ctrl-C let the reading under way finish): every
followed page is read when due. A process manager keeps it running beside the web server."""

from __future__ import annotations

import datetime as dt
import re
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from timeline.fetching import FetchFailed, check_address
from timeline.models import FollowedPage
from timeline.store.following import follow, poll_due

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# The longest the follower sleeps between looks for due pages: a page an editor starts following is read soon.
LONGEST_NAP = 30.0
UNITS = {"s": "seconds", "m": "minutes", "h": "hours"}


def interval(value: str) -> dt.timedelta:
    """ "90s", "5m", "1h", or a number of seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smh]?)", value.strip())
    if not match:
        raise ValueError(value)
    return dt.timedelta(**{UNITS[match[2] or "s"]: float(match[1])})


class Command(BaseCommand):
    help = (
        "Follow live blogs: add the addresses given (if any) to the followed pages, then read each followed page "
        "when due, until stopped (--once: read those due now, then stop)."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", help="addresses to start following")
        parser.add_argument("--every", type=interval, help="how often to read the pages given: 90s, 5m, 1h (5m)")
        parser.add_argument("--once", action="store_true", help="read the pages due now, then stop")

    def handle(self, *args, **options):
        for url in options["urls"]:
            try:
                check_address(url)
            except FetchFailed as error:
                raise CommandError(f"{url}: {error}") from None
            page = follow(url, options["every"])
            self.stdout.write(f"following {page.url}, read every {page.every_text}")
        if options["once"]:
            read = poll_due()
            self.stdout.write(f"follow: {read} page{'s' if read != 1 else ''} read")
            self._report()
            return
        stopping = threading.Event()
        before = {signum: signal.signal(signum, lambda *_: stopping.set()) for signum in STOP_SIGNALS}
        read = 0
        try:
            self.stdout.write("follow: reading followed pages as they fall due (Ctrl-C stops it)", ending="\n")
            self.stdout.flush()
            while not stopping.is_set():
                close_old_connections()  # as a request would: a connection the database dropped is opened again
                read += poll_due()
                stopping.wait(_nap())
        finally:
            for signum, handler in before.items():
                signal.signal(signum, handler)
        self.stdout.write(f"follow: stopped after {read} reading{'s' if read != 1 else ''}")

    def _report(self) -> None:
        for page in FollowedPage.objects.filter(active=True):
            trouble = f" (PROBLEM: {page.problem})" if page.problem else ""
            self.stdout.write(f"  {page.url}: {page.last_outcome or 'not read yet'}{trouble}")


def _nap() -> float:
    """Seconds until the next page falls due, within bounds."""
    upcoming = FollowedPage.objects.filter(active=True).order_by("next_poll_at").values_list("next_poll_at", flat=True)
    following = upcoming.first()
    if following is None:
        return LONGEST_NAP
    return min(max((following - timezone.now()).total_seconds(), 1.0), LONGEST_NAP)
