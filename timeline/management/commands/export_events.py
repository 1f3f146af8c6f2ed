"""Prints every document and event as JSON, in the export contract, as they are read."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from timeline.models import Document
from timeline.publishing.formats import contract, every_event_in_contract_order


class Command(BaseCommand):
    help = "Print the documents and events as JSON (the export contract)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        documents = Document.objects.defer("text").order_by("source").iterator()
        for piece in contract(documents, every_event_in_contract_order()):
            self.stdout.write(piece, ending="")
        self.stdout.write("")
