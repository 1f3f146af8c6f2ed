"""Documents: an ingested text, its outlet and layout, and the date it was published."""

from __future__ import annotations

import datetime as dt
import textwrap

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from timeline.ingest.dates import day_problem, long_date
from timeline.ingest.model import BASES, PRECISIONS

PRECISION_CHOICES = [(p, p) for p in PRECISIONS]
BASIS_CHOICES = [(b, b.replace("_", " ")) for b in BASES]
LAYOUT_CHOICES = [("liveblog", "live blog"), ("roundup", "round-up"), ("article", "article")]


class EditedHistory(HistoricalRecords):
    """History that leaves deletions out: a receiver for deletes makes Django load and signal every row a cascade
    deletes, and deleting a document's thousands of events must stay one query."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        models.signals.post_delete.disconnect(self.post_delete, sender=sender)
        models.signals.pre_delete.disconnect(self.pre_delete, sender=sender)


def validate_reported_day(day: dt.date) -> None:
    """A day an editor gives: within the timeline's years, and not after tomorrow."""
    problem = day_problem(day, reported=True)
    if problem:
        raise ValidationError(problem)


def source_label(outlet: str, title: str) -> str:
    return ": ".join(part for part in (outlet, title) if part) or UNTITLED


UNTITLED = "Untitled document"


def shortened(text: str, width: int = 60) -> str:
    """The text cut to the last whole word that fits."""
    return textwrap.shorten(text, width, placeholder="…")


class Document(models.Model):
    source = models.CharField(max_length=255, unique=True, help_text="The ingested file's name.")
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    layout = models.CharField(max_length=20, choices=LAYOUT_CHOICES)
    url = models.URLField(
        "address", max_length=1000, blank=True, help_text="The original page's address, where its entries link to."
    )
    language = models.CharField(max_length=35, blank=True, help_text="As the page declares it: “en”, “de-CH”.")
    text = models.TextField(help_text="What was ingested: the plain text, or the web page's HTML.")
    # Title, outlet, address and language come from the text, unless an editor set them: those an editor set are
    # named here, and no ingest writes over them.
    edited_fields = models.JSONField(default=list, blank=True, editable=False)
    origin = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Where its text came from: a file's path, or an editor's addition; another text of the same name "
        "from elsewhere replaces it only when asked to.",
    )
    content_hash = models.CharField(max_length=64)
    timezone = models.CharField(max_length=64, default="UTC")
    # What the text says.
    parsed_published = models.DateField(null=True, blank=True)
    parsed_published_basis = models.CharField(max_length=20, choices=BASIS_CHOICES, default="none")
    published_text = models.CharField(max_length=300, blank=True, help_text="The line the date was read from.")
    date_hint = models.DateField(
        null=True, blank=True, help_text="A day the text points to without stating it, for an editor to confirm."
    )
    date_hint_text = models.CharField(max_length=300, blank=True, help_text="Why the text points to that day.")
    # What an editor says.
    editor_published = models.DateField(null=True, blank=True, validators=[validate_reported_day])
    # Effective.
    published = models.DateField(null=True, blank=True, db_index=True)
    published_basis = models.CharField(max_length=20, choices=BASIS_CHOICES, default="none")
    needs_review = models.BooleanField(default=False, db_index=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What an editor can change, and what it changes; the text and what was read from it belong to the ingest,
    # so a revert never brings back an old text over a newer ingest.
    history = HistoricalRecords(
        excluded_fields=[
            "text",
            "origin",
            "content_hash",
            "parsed_published",
            "parsed_published_basis",
            "published_text",
            "date_hint",
            "date_hint_text",
            "edited_fields",
            "ingested_at",
            "updated_at",
        ]
    )

    # What an editor may set of what the ingest reads.
    METADATA = ("title", "outlet", "url", "language")

    class Meta:
        ordering = ["source"]

    def __str__(self) -> str:
        return self.label if self.title or self.outlet else self.source

    @property
    def label(self) -> str:
        """What a reader calls the document: "Outlet: title", or as much of it as is known."""
        return source_label(self.outlet, self.title)

    @property
    def short_name(self) -> str:
        """The label cut at a word, for a line of the timeline."""
        return shortened(self.label)

    def refresh_dates(self) -> None:
        """The effective date: an editor's over the text's; a document with neither waits for review."""
        if self.editor_published:
            self.published, self.published_basis = self.editor_published, "editor"
        else:
            self.published, self.published_basis = self.parsed_published, self.parsed_published_basis
        self.needs_review = self.published is None

    @property
    def published_note(self) -> str:
        if self.published_basis == "editor":
            return f"{long_date(self.published)}, entered by an editor"
        if self.published:
            return f"{long_date(self.published)}, from “{self.published_text}”"
        return ""
