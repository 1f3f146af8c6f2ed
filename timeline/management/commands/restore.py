"""Loads a backup into a new, migrated database: all of it or, when anything is wrong, none of it."""

from __future__ import annotations

import shutil
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.test.utils import override_settings

from timeline.models import Document, Event, Revision
from timeline.operations.backup import clear_what_migrations_made


@contextmanager
def _alone(path: str):
    """The backup under a name of its own in a folder of its own: loaddata looks for every compressed variant of
    a name, so "x.json" beside "x.json.gz" would be two fixtures."""
    source = Path(path)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / ("backup" + "".join(source.suffixes[-2:]))
        shutil.copyfile(source, target)
        yield str(target)


class Command(BaseCommand):
    help = "Restore a file written by `backup` into an empty database (run `migrate` on it first)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = options["file"]
        if Document.objects.exists():
            raise CommandError(
                f"The database already holds {Document.objects.count()} documents; "
                "restore only into an empty one (a new database, migrated)."
            )
        try:
            # Loading a row is not a change to record: the backup brings the history it had, and only that.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False), _alone(path) as fixture:
                clear_what_migrations_made()
                call_command("loaddata", fixture, verbosity=0)
                Revision.bump()
        except (CommandError, DeserializationError, DatabaseError, OSError, EOFError, zlib.error) as error:
            reason = error or "the file ends too soon"
            raise CommandError(f"{path}: not restored, nothing was written ({reason})") from error
        self.stdout.write(f"{path}: restored {Document.objects.count()} documents and {Event.objects.count()} events")
