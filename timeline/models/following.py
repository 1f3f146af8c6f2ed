"""Followed pages: live blogs read again and again at their address while they grow."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.timesince import timesince

from .documents import Document

# How often a followed page is read unless its follower says otherwise, and the least an editor may choose: a
# live blog's site is someone else's server.
DEFAULT_EVERY = dt.timedelta(minutes=5)
LEAST_EVERY = dt.timedelta(minutes=1)


class FollowedQuerySet(models.QuerySet):
    def due(self, now: dt.datetime | None = None) -> FollowedQuerySet:
        """Followed pages whose next reading has come, the longest waiting first."""
        return self.filter(active=True, next_poll_at__lte=now or timezone.now()).order_by("next_poll_at", "pk")

    def in_trouble(self) -> FollowedQuerySet:
        """Followed pages an editor should look at: not answering, or no longer read as they were."""
        return self.filter(active=True).exclude(problem="")


class FollowedPage(models.Model):
    url = models.URLField("address", max_length=1000, unique=True)
    document = models.OneToOneField(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="followed", editable=False
    )
    active = models.BooleanField("following", default=True, help_text="Unticked: no longer read.")
    every = models.DurationField(
        default=DEFAULT_EVERY,
        help_text="How often the page is read while it answers well, as hours:minutes:seconds; at least a minute.",
    )
    # What the follower keeps between readings.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_outcome = models.CharField(max_length=300, blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False, help_text="Readings failed in a row.")
    problem = models.CharField(
        max_length=500, blank=True, editable=False, help_text="Why an editor should look: empty when all is well."
    )

    objects = FollowedQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="followed_due")]

    def __str__(self) -> str:
        return self.url

    @property
    def every_text(self) -> str:
        """How often it is read, in words: "5 minutes"."""
        now = timezone.now()
        return timesince(now - self.every, now)
