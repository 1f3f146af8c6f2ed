"""Writes every document, event, entity, editor correction and its history, and the editors, to one file."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from timeline.models import Document, Event
from timeline.operations.backup import CONTENTS, LEFT_OUT


class Command(BaseCommand):
    help = "Write the whole timeline, its history and its editors to FILE (.json, or .json.gz to compress)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write; an existing file is replaced")

    def handle(self, *args, **options):
        path = options["file"]
        if not path.endswith((".json", ".json.gz", ".json.bz2", ".json.xz")):
            raise CommandError(f"{path}: name the file .json or .json.gz, so restore knows how to read it")
        call_command(
            "dumpdata",
            *CONTENTS,
            exclude=LEFT_OUT,
            format="exact-json",
            natural_foreign=True,
            natural_primary=True,
            output=path,
            verbosity=0,
        )
        self.stdout.write(
            f"{path}: {Document.objects.count()} documents and {Event.objects.count()} events with their history"
        )
