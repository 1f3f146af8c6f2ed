"""The queue of documents editors added in the admin, for the ingest worker."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .documents import Document


class IngestJobQuerySet(models.QuerySet):
    def worked_on_within(self, seconds: float) -> bool:
        """Whether any worker is at a job now, or finished one this recently: whether a worker seems to run."""
        recently = timezone.now() - dt.timedelta(seconds=seconds)
        busy = Q(state__in=[IngestJob.READING, IngestJob.WRITING]) | Q(finished_at__gte=recently)
        return self.filter(busy).exists()


class IngestJob(models.Model):
    """A document an editor added in the admin, waiting for the ingest worker: the web request only queues it, so
    no upload holds a web worker for as long as its text takes to read."""

    QUEUED, READING, WRITING, DONE, FAILED = "queued", "reading", "writing", "done", "failed"
    STATES = [(QUEUED, "queued"), (READING, "reading"), (WRITING, "writing"), (DONE, "done"), (FAILED, "failed")]
    STEPS = [(QUEUED, "Queued"), (READING, "Reading the text"), (WRITING, "Writing its events"), (DONE, "Done")]

    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    source = models.CharField(max_length=255, blank=True, help_text="Empty: named after its title once read.")
    text = models.TextField(blank=True, help_text="Emptied once ingested: the document keeps it.")
    url = models.URLField("address", max_length=1000, blank=True, help_text="A page to fetch, instead of a text.")
    timezone = models.CharField(max_length=64, blank=True, default="UTC")
    published = models.DateField(null=True, blank=True)
    replace = models.BooleanField(default=False)
    requested_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True, help_text="How far it got, then what came of it.")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = IngestJobQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "added document", "added documents"
        indexes = [models.Index(fields=["state", "id"], name="jobs_by_state")]

    def __str__(self) -> str:
        return self.source or self.url or "pasted text"

    @property
    def origin(self) -> str:
        """Where its document's text came from: this addition, so another with the same name is never taken for it."""
        who = self.requested_by.get_username() if self.requested_by else "an editor"
        return f"added in the admin by {who} at {self.requested_at:%Y-%m-%d %H:%M} UTC (addition {self.pk})"

    @property
    def finished(self) -> bool:
        return self.state in (self.DONE, self.FAILED)

    def ahead(self) -> int:
        """How many queued jobs come before this one."""
        return IngestJob.objects.filter(state=self.QUEUED, pk__lt=self.pk).count()

    def steps(self) -> list[tuple[str, str]]:
        """Each step of a job not failed, with where it stands: "done", "current" or "" (to come)."""
        reached = [state for state, _ in self.STEPS].index(self.state)
        return [
            (label, "done" if index < reached or self.state == self.DONE else "current" if index == reached else "")
            for index, (_, label) in enumerate(self.STEPS)
        ]

    def advance(self, state: str, message: str = "", **fields) -> None:
        """Moves the job on, seen at once by whoever watches it: the worker writes it outside any transaction."""
        for name, value in {"state": state, "message": message, **fields}.items():
            setattr(self, name, value)
        IngestJob.objects.filter(pk=self.pk).update(state=state, message=message, **fields)
