"""What events are tagged with (actors, locations, themes) and editors' decisions about tags."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import pre_save
from simple_history.models import HistoricalRecords

from .events import Event
from .slugs import slug_for, unique_slugs


class Entity(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=True, help_text="Its name in filter addresses; set once, kept."
    )
    former_slugs = models.JSONField(
        default=list, blank=True, help_text="Slugs of entities merged into this one: their addresses lead here."
    )
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings, one per line.")
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

    @classmethod
    def new_slugs(cls, names: list[str]) -> dict[str, str]:
        """Slugs for names about to be added, unlike any this kind has."""
        kind = cls._meta.model_name
        slugs = cls.objects.all()
        if len(names) == 1:  # an editor's or a restore's one row: only the slugs it could clash with
            slugs = slugs.filter(slug__startswith=slug_for(names[0], kind))
        return unique_slugs(names, kind, set(slugs.values_list("slug", flat=True)))


class Actor(Entity):
    KINDS = [("person", "person"), ("organization", "organization"), ("state", "state"), ("armed_group", "armed group")]
    kind = models.CharField(max_length=20, choices=KINDS, default="organization")
    after_full = models.JSONField(
        default=list,
        blank=True,
        help_text="Short forms that count only once the full name has appeared (Kim), one per line.",
    )
    state = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forces",
        limit_choices_to={"kind": "state"},
        help_text="For armed forces: the state they serve. A state acts through its army, so an event that names "
        "these forces is tagged with the state too.",
    )


class Location(Entity):
    KINDS = [("country", "country"), ("region", "region"), ("city", "city"), ("village", "village"), ("site", "site")]
    kind = models.CharField(max_length=20, choices=KINDS, default="city")
    country = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Degrees north of the equator, south below zero. With the longitude, where the map marks the place; "
        "a country is drawn as its outline instead.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Degrees east of Greenwich, west below zero.",
    )

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Give both the latitude and the longitude, or neither: the map needs both.")


def give_slug(sender, instance: Entity, **kwargs) -> None:
    """An entity saved without a slug gets one: one an editor adds, or one from a backup older than slugs
    (which loads without calling `save`)."""
    if not instance.slug:
        instance.slug = sender.new_slugs([instance.name])[instance.name]


for entity_model in (Actor, Location):
    pre_save.connect(give_slug, sender=entity_model, dispatch_uid=f"give_slug_{entity_model.__name__}")


class Theme(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    examples = models.JSONField(
        default=list,
        blank=True,
        help_text="Short pieces of news this theme covers, one per line: an entry that reads like one of them is "
        "given the theme, whatever its words.",
    )
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
