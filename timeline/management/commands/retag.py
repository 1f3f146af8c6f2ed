"""Re-tags stored events after the gazetteer or the theme rules changed, keeping editors' tag decisions."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.models import Event
from timeline.tags import retag


class Command(BaseCommand):
    help = "Re-tag events (all, or one document's with --source) without touching tags an editor set or removed."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="only this document's events (its file name)")

    def handle(self, *args, **options):
        events = Event.objects.order_by("document_id", "position")
        if options["source"]:
            events = events.filter(document__source=options["source"])
        self.stdout.write(f"{retag(events.iterator(chunk_size=2000))} events re-tagged")
