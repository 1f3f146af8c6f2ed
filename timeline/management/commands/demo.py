"""Sets up a working demo: migrates, ingests the seed documents, and serves the app on 127.0.0.1:8000 with an
ingest worker beside it for documents added in the admin."""

from __future__ import annotations

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Migrate, ingest seeds/, then serve on 127.0.0.1:8000 (--no-serve to stop after ingesting)."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="stop after loading the seeds")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        call_command("migrate", verbosity=0)
        try:
            call_command("ingest", str(settings.BASE_DIR / "seeds"), stdout=self.stdout, stderr=self.stderr)
        except CommandError as error:  # a bad seed is reported and the rest of the demo still runs
            self.stderr.write(str(error))
        self.stdout.write(
            "\nTo correct the timeline, create an editor account: python manage.py create_editor NAME\n"
            "(an administrator who also manages users: python manage.py createsuperuser)\n"
            f"The timeline: http://{options['addrport']}/   The admin: http://{options['addrport']}/admin/\n"
        )
        if options["no_serve"]:
            return
        # Documents added in the admin are ingested by the worker, which a real server runs beside the web process.
        worker = subprocess.Popen([sys.executable, str(settings.BASE_DIR / "manage.py"), "ingest_worker"])
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
