"""Ingests the documents editors add in the admin, oldest first, until stopped (SIGTERM or Ctrl-C finish the job
under way first); a process manager keeps it running beside the web server."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand

from timeline.store.jobs import work

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = "Ingest the documents added in the admin as they are queued (--once: those waiting now, then stop)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs waiting now, then stop")
        parser.add_argument("--every", type=float, default=1.0, help="seconds between looks at an empty queue")

    def handle(self, *args, **options):
        stopping = threading.Event()
        before = {signum: signal.signal(signum, lambda *_: stopping.set()) for signum in STOP_SIGNALS}
        try:
            if not options["once"]:
                self.stdout.write("ingest worker: waiting for documents added in the admin (Ctrl-C stops it)")
            ran = work(once=options["once"], every=options["every"], stopping=stopping)
        finally:
            for signum, handler in before.items():
                signal.signal(signum, handler)
        self.stdout.write(f"ingest worker: {ran} job{'s' if ran != 1 else ''} run")
