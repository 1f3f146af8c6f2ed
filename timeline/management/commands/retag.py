"""Re-tags stored events after the gazetteer or the theme rules changed, keeping editors' tag decisions."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.models import Event
from timeline.store.tags import retag, retag_all


class Command(BaseCommand):
    help = "Re-tag events (all, or one document's with --source) without touching tags an editor set or removed."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="only this document's events (its file name)")

    def handle(self, *args, **options):
        if options["source"]:
            count = retag(Event.objects.filter(document__source=options["source"]).order_by("position"))
        else:
            count = retag_all()
        self.stdout.write(f"{count} events re-tagged")
