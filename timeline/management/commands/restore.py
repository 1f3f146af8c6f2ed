"""Loads a backup into a new, migrated database: all of it or, when anything is wrong, none of it."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.test.utils import override_settings

from timeline.backup import clear_what_migrations_made
from timeline.models import Document, Event, Revision


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
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                clear_what_migrations_made()
                call_command("loaddata", path, verbosity=0)
                Revision.bump()
        except (CommandError, DeserializationError, DatabaseError, OSError) as error:
            raise CommandError(f"{path}: not restored, nothing was written ({error})") from error
        self.stdout.write(f"{path}: restored {Document.objects.count()} documents and {Event.objects.count()} events")
