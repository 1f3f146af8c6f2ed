"""The revision number that grows with every change a reader could see, and what each change touched.

Ingest saves its document, and an editor's change saves its row: either way a signal grows the number. Writes that
bypass signals (bulk inserts, raw tag links) call `Revision.bump()` themselves, naming their documents. No receiver
listens for deleted events, so deleting a document's many events stays one query instead of one per row. Rows loaded
from a fixture or a backup (`raw`) are left alone, as Django advises: they arrive one statement each, and whoever
loads them bumps once at the end (`restore` does).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import F, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from .documents import Document
from .events import Event
from .tags import Actor, Location, Theme

# Changes kept for the processes that hold an older revision's index: one further behind reads it all again.
CHANGES_KEPT = 1000


class Revision(models.Model):
    """A number that grows with every change a reader could see, so what is cached under it is never stale."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now, help_text="When the number last grew.")
    # Numbers start again with a new database (a flushed one, a test's); what was saved under a number is another
    # database's unless its epoch is this one's.
    epoch = models.UUIDField(default=uuid.uuid4, editable=False)

    @classmethod
    def bump(cls, documents: Iterable[int] | None = None, texts: bool = True) -> None:
        """Grows the number, noting the documents whose events or tag links changed: none when only names or
        titles did, None (the default) when anything may have; and whether events' texts may have (not when
        only tags did)."""
        # One transaction, so that the change is numbered by this growth and no other writer's in between: the
        # caller's when it has one.
        with transaction.atomic(savepoint=False):
            if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
                _, created = cls.objects.get_or_create(pk=1, defaults={"number": 1})
                if not created:  # another writer made it first
                    cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())
            number = Subquery(cls.objects.filter(pk=1).values("number"))
            noted = None if documents is None else sorted(set(documents))
            change = Change.objects.create(revision=number, documents=noted, texts=texts)
        if change.pk % 100 == 0:
            Change.objects.filter(pk__lte=change.pk - CHANGES_KEPT).delete()

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def current_in_epoch(cls) -> tuple[int, uuid.UUID | None]:
        """The number, and the epoch it counts in (None before anything was stored)."""
        return cls.objects.filter(pk=1).values_list("number", "epoch").first() or (0, None)

    @classmethod
    def latest(cls) -> tuple[int, dt.datetime | None]:
        """The number and when it last grew, for HTTP validators: (0, None) before anything was stored."""
        return cls.objects.filter(pk=1).values_list("number", "changed_at").first() or (0, None)


class Change(models.Model):
    """What one growth of the revision touched, so that a process holding what an earlier revision showed reads
    only the documents changed since, not everything."""

    revision = models.PositiveBigIntegerField(unique=True)
    documents = models.JSONField(
        null=True, help_text="The documents whose events or tag links changed; null when anything may have."
    )
    texts = models.BooleanField(default=True, help_text="Whether events' headlines or bodies may have changed.")

    @classmethod
    def since(cls, revision: int, current: int, texts: bool = False) -> Changes | None:
        """What changed after one revision up to another (with `texts`, only the changes that may have touched
        events' texts); None when that is not known (a change that may have touched anything, or one no longer
        kept)."""
        if current < revision:
            return None
        noted = cls.objects.filter(revision__gt=revision, revision__lte=current)
        if noted.count() != current - revision:
            return None
        if texts:
            noted = noted.filter(texts=True)
        changed = list(noted.values_list("documents", flat=True))
        if any(documents is None for documents in changed):
            return None
        return Changes({document for documents in changed for document in documents}, renamed=[] in changed)


@dataclass(frozen=True)
class Changes:
    documents: set[int]  # whose events or tag links changed
    renamed: bool  # whether a name (or a place's whereabouts) changed: a change that touched no document


def documents_repeating(events: models.QuerySet, outside: int) -> list[int]:
    """The documents other than `outside` with repeats of these events: deleting the events shows the repeats,
    through an update that sends no signal."""
    repeats = Event.objects.filter(duplicate_of__in=events.values("pk")).exclude(document_id=outside)
    return list(repeats.order_by().values_list("document_id", flat=True).distinct())


@receiver(pre_delete, sender=Document)
def note_repeats_elsewhere(instance: Document, **kwargs) -> None:
    instance.repeated_in = documents_repeating(instance.events.all(), outside=instance.pk)


@receiver([post_save, post_delete], sender=Document)
def document_changed(instance: Document, **kwargs) -> None:
    if not kwargs.get("raw"):
        Revision.bump([instance.pk, *getattr(instance, "repeated_in", ())])


@receiver(post_save, sender=Event)
def event_changed(instance: Event, **kwargs) -> None:
    if not kwargs.get("raw"):
        Revision.bump([instance.document_id])


@receiver(post_save, sender=Actor)
@receiver(post_save, sender=Location)
@receiver(post_save, sender=Theme)
def name_changed(**kwargs) -> None:
    """A name, a place's whereabouts: no event's links change."""
    if not kwargs.get("raw"):
        Revision.bump(documents=())


@receiver(post_delete, sender=Actor)
@receiver(post_delete, sender=Location)
@receiver(post_delete, sender=Theme)
def name_deleted(**kwargs) -> None:
    """Its links, on any number of documents' events, went with it; no event's text changed."""
    Revision.bump(texts=False)


@receiver(m2m_changed, sender=Event.actors.through)
@receiver(m2m_changed, sender=Event.locations.through)
@receiver(m2m_changed, sender=Event.themes.through)
def links_changed(instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs) -> None:
    """An event's tags changed; or, from the tag's side, the events' that `pk_set` names (all of them when None).
    Once the change is made, not before as well."""
    if not action.startswith("post_"):
        return
    if not reverse:
        Revision.bump([instance.document_id], texts=False)
    elif pk_set is not None:
        documents = Event.objects.filter(pk__in=pk_set).values_list("document_id", flat=True).distinct()
        Revision.bump(documents, texts=False)
    else:
        Revision.bump(texts=False)
