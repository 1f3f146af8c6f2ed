"""Adds the shipped gazetteer's entries that the database lacks, leaving editors' changes alone."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.gazetteer import add_spellings, load
from timeline.models import Actor, Location, Theme, ThemeRule


class Command(BaseCommand):
    help = "Add the shipped actors, locations, themes and theme rules the database does not have yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--spellings",
            action="store_true",
            help="also give entries already in the database the shipped aliases and theme phrases they lack (one "
            "an editor deleted comes back); then run retag",
        )

    def handle(self, *args, **options):
        added = load(Actor, Location, Theme, ThemeRule)
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in added.items()) + " added")
        if options["spellings"]:
            changed = add_spellings(Actor, Location, Theme, ThemeRule)
            self.stdout.write(
                f"{changed} entries got new spellings or phrases; run `python manage.py retag` to use them"
            )
