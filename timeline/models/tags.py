"""What events are tagged with (actors, locations, themes) and editors' decisions about tags."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .events import Event


class Entity(models.Model):
    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings, one per item.")
    reviewed = models.BooleanField(
        default=True, db_index=True, help_text="False for a name the machine found in a text: waiting for an editor."
    )
    merge_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For the review queue: the known entity this name is another spelling of.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Actor(Entity):
    KINDS = [("person", "person"), ("organization", "organization"), ("state", "state"), ("armed_group", "armed group")]
    kind = models.CharField(max_length=20, choices=KINDS, default="organization")
    after_full = models.JSONField(
        default=list, blank=True, help_text="Short forms that count only once the full name has appeared (Kim)."
    )


class Location(Entity):
    KINDS = [("country", "country"), ("region", "region"), ("city", "city"), ("village", "village"), ("site", "site")]
    kind = models.CharField(max_length=20, choices=KINDS, default="city")
    country = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)


class Theme(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ThemeRule(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="rules")
    phrase = models.CharField(max_length=100, help_text='Lower case; a trailing * matches any ending ("sanction*").')
    weight = models.PositiveSmallIntegerField(default=1, help_text="1, a hint, to 3, decisive.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["theme", "-weight", "phrase"]
        constraints = [models.UniqueConstraint(fields=["theme", "phrase"], name="one_rule_per_phrase")]

    def __str__(self) -> str:
        return f"{self.phrase} ({self.weight})"


TAG_KINDS = [("actor", "actor"), ("location", "location"), ("theme", "theme")]


class RejectedName(models.Model):
    """A name an editor turned down: discovery does not propose it again."""

    kind = models.CharField(max_length=10, choices=TAG_KINDS[:2])
    name = models.CharField(max_length=200)
    folded = models.CharField(max_length=200)
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "folded"], name="reject_a_name_once")]

    def __str__(self) -> str:
        return self.name


class TagDecision(models.Model):
    """An editor's tag on an event, or an editor's removal of the machine's: kept apart so retagging honours it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tag_decisions")
    kind = models.CharField(max_length=10, choices=TAG_KINDS)
    target_id = models.PositiveBigIntegerField(help_text="The actor, location or theme.")
    added = models.BooleanField(help_text="True: the editor added this tag; False: the editor removed it.")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "kind", "target_id"], name="one_decision_per_tag")]
