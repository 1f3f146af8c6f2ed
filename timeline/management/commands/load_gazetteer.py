"""Adds the shipped gazetteer's entries that the database lacks, leaving editors' changes alone."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.gazetteer import load
from timeline.models import Actor, Location, Theme, ThemeRule


class Command(BaseCommand):
    help = "Add the shipped actors, locations, themes and theme rules the database does not have yet."

    def handle(self, *args, **options):
        added = load(Actor, Location, Theme, ThemeRule)
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in added.items()) + " added")
