"""Prints every document and event as JSON, in the export contract."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from timeline.models import Document, Event
from timeline.publishing.formats import export_payload


class Command(BaseCommand):
    help = "Print the documents and events as JSON (the export contract)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        payload = export_payload(Document.objects.all(), Event.objects.all())
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
