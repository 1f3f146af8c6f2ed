"""The revision number that grows with every change a reader could see."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .documents import Document
from .events import Event
from .tags import Actor, Location, Theme


class Revision(models.Model):
    """A number that grows with every change a reader could see, so what is cached under it is never stale."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now, help_text="When the number last grew.")

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def latest(cls) -> tuple[int, dt.datetime | None]:
        """The number and when it last grew, for HTTP validators: (0, None) before anything was stored."""
        return cls.objects.filter(pk=1).values_list("number", "changed_at").first() or (0, None)


@receiver([post_save, post_delete], sender=Document)
@receiver(post_save, sender=Event)
@receiver([post_save, post_delete], sender=Actor)
@receiver([post_save, post_delete], sender=Location)
@receiver([post_save, post_delete], sender=Theme)
@receiver(m2m_changed, sender=Event.actors.through)
@receiver(m2m_changed, sender=Event.locations.through)
@receiver(m2m_changed, sender=Event.themes.through)
def timeline_changed(**kwargs) -> None:
    """Ingest saves its document, and an editor's change saves its row: either way readers' summaries renew.

    Writes that bypass signals (bulk inserts, raw tag links) call `Revision.bump()` themselves. No receiver
    listens for deleted events, so deleting a document's many events stays one query instead of one per row.
    Rows loaded from a fixture or a backup (`raw`) are left alone, as Django advises: they arrive one statement
    each, and whoever loads them bumps once at the end (`restore` does).
    """
    if not kwargs.get("raw"):
        Revision.bump()
