"""Events: the entries of documents, their chainable queries and the review queue's reasons."""

from __future__ import annotations

import datetime as dt

from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from .dating import EventDates
from .documents import BASIS_CHOICES, PRECISION_CHOICES, Document, EditedHistory, validate_reported_day
from .search import prefix_query, search_vector, text_index_query


class EventQuerySet(models.QuerySet):
    def visible(self) -> EventQuerySet:
        """What readers see by default: no repeats, nothing an editor removed."""
        return self.filter(duplicate_of__isnull=True, editor_removed=False)

    def for_writing(self) -> EventQuerySet:
        """The rows locked until this transaction ends, in id order. Every writer takes its rows' locks this way
        before it bumps the `Revision`, which comes last: writers then meet in one order and never deadlock."""
        return self.select_for_update(no_key=True, of=("self",)).order_by("pk")

    def lock(self) -> None:
        """Takes `for_writing`'s locks now; rows read after it are as the last writer left them."""
        list(self.for_writing().values_list("pk", flat=True))

    def between(self, start: dt.date | None, end: dt.date | None) -> EventQuerySet:
        """Events that happened in these days, read off the timeline's own index: its key starts with the day."""
        query = Q()
        if start:
            query &= Q(sort_key__gte=start.isoformat())
        if end:
            query &= Q(sort_key__gt="", sort_key__lt=(end + dt.timedelta(days=1)).isoformat())
        return self.filter(query)

    def tagged_with(self, relation: str, targets: list[int]) -> EventQuerySet:
        """Events tagged with any of the targets."""
        field = self.model._meta.get_field(relation)
        links = field.remote_field.through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": targets})
        return self.filter(id__in=links.values(field.m2m_field_name()))

    def search(self, words: str) -> EventQuerySet:
        """Events whose headline or text has every word, or a word starting with it ("drone" finds "drones")."""
        terms = words.split()
        if not terms:
            return self
        if connections[self.db].vendor == "postgresql":
            return self.alias(search_words=search_vector()).filter(search_words=prefix_query(terms))
        return self.filter(id__in=RawSQL(*text_index_query(terms)))

    def to_review(self, reason: str | None = None) -> EventQuerySet:
        """What an editor should look at, for one reason or all, the longest waiting first."""
        wanted = REVIEW_REASONS[reason][1]() if reason else Q()
        if not reason:
            for _, condition in REVIEW_REASONS.values():
                wanted |= condition()
        return self.filter(wanted, editor_removed=False).order_by("document__ingested_at", "document_id", "position")

    def in_order(self, oldest_first: bool = False) -> EventQuerySet:
        """The timeline's order, by one indexed key; ties by id so a cursor never skips or repeats an event."""
        return self.order_by("sort_key", "id") if oldest_first else self.order_by("-sort_key", "-id")

    def after(self, key: str, pk: int, oldest_first: bool = False) -> EventQuerySet:
        if oldest_first:
            return self.filter(Q(sort_key__gt=key) | Q(sort_key=key, id__gt=pk))
        return self.filter(Q(sort_key__lt=key) | Q(sort_key=key, id__lt=pk))


def _tagged_with_unreviewed() -> Q:
    actors = Event.actors.through.objects.filter(event_id=OuterRef("pk"), actor__reviewed=False)
    locations = Event.locations.through.objects.filter(event_id=OuterRef("pk"), location__reviewed=False)
    return Q(Exists(actors)) | Q(Exists(locations))


# Why an event is in the review queue: a label for editors and the condition, built when asked since it names Event.
REVIEW_REASONS = {
    "undated": ("no date in its document", lambda: Q(needs_review=True, reported_on__isnull=True, in_source=True)),
    "doubtful": (
        "day guessed across midnight",
        lambda: Q(needs_review=True, reported_on__isnull=False, in_source=True),
    ),
    "guessed": ("date worked out from a phrase", lambda: Q(date_basis="relative")),
    "discovered": ("tagged with an unaccepted name", _tagged_with_unreviewed),
    "gone": ("gone from its source", lambda: Q(in_source=False)),
}


class Event(EventDates, models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    position = models.PositiveIntegerField(help_text="Where the entry stands in its document, from the top.")
    headline = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    text_hash = models.CharField(max_length=64, help_text="Of headline and body: how a re-ingest finds it again.")
    in_source = models.BooleanField(default=True, help_text="False once the entry has gone from its document.")
    # What the parser found: the dating facts, unresolved, and the repeat it saw.
    parsed_when = models.JSONField(default=dict)
    parsed_duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # What an editor set.
    editor_reported_on = models.DateField(null=True, blank=True, validators=[validate_reported_day])
    editor_reported_time = models.TimeField(null=True, blank=True)
    editor_timezone = models.CharField(max_length=64, blank=True)
    editor_precision = models.CharField(max_length=10, choices=PRECISION_CHOICES, blank=True)
    editor_occurred_on = models.DateField(null=True, blank=True, validators=[validate_reported_day])
    editor_repeat = models.BooleanField(
        null=True,
        blank=True,
        help_text="True: a repeat of the event chosen; False: not a repeat; empty: as the parser found.",
    )
    editor_duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # An editor removes an entry rather than deleting it: a deleted row would leave no history and come back with
    # the next ingest of its document.
    editor_removed = models.BooleanField(
        default=False,
        verbose_name="removed from the timeline",
        help_text="Not an event (an advert, a sign-up box, a mistake): hidden from readers, kept with its history, "
        "and not brought back by a later ingest.",
    )
    # Effective, for filtering and display.
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=PRECISION_CHOICES, default="unknown")
    date_basis = models.CharField(max_length=20, choices=BASIS_CHOICES, default="none")
    occurred_on = models.DateField(null=True, blank=True)
    date_note = models.TextField(blank=True, help_text="How the date was derived.")
    needs_review = models.BooleanField(default=False)
    timezone = models.CharField(max_length=64, blank=True, help_text="The zone its time was given in.")
    sort_key = models.CharField(
        max_length=19, blank=True, editable=False, help_text="Its place on the timeline; empty when undated."
    )
    # Indexed only where set (see Meta): an index over the many NULLs would tempt the planner away from the timeline's.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats", db_index=False
    )
    actors = models.ManyToManyField("Actor", blank=True, related_name="events")
    locations = models.ManyToManyField("Location", blank=True, related_name="events")
    themes = models.ManyToManyField("Theme", blank=True, related_name="events")

    objects = EventQuerySet.as_manager()
    # The editor's fields, the effective values they give, and the tags; not the entry's text, which each ingest
    # refreshes, so reverting an editor's change never brings back an older text.
    history = EditedHistory(
        excluded_fields=[
            "document",
            "position",
            "headline",
            "body",
            "text_hash",
            "in_source",
            "parsed_when",
            "parsed_duplicate_of",
        ],
        m2m_fields=["actors", "locations", "themes"],
    )

    # The effective values `refresh()` derives from the parser's findings and the editor's corrections.
    DERIVED_FIELDS = (
        "reported_at",
        "reported_on",
        "date_precision",
        "date_basis",
        "occurred_on",
        "date_note",
        "needs_review",
        "timezone",
        "sort_key",
        "duplicate_of",
    )

    class Meta:
        ordering = ["document", "position"]
        indexes = [
            models.Index(fields=["document", "position"]),
            models.Index(fields=["occurred_on", "reported_at"]),
            models.Index(fields=["duplicate_of"], condition=Q(duplicate_of__isnull=False), name="repeats_of"),
            models.Index(fields=["needs_review"]),
            # The visible events in timeline order, holding all that the in-memory index reads of them
            # (`query/counting.py`), the condition's own column too, so that SQLite reads the index and not the table.
            models.Index(
                fields=["sort_key", "id", "document_id", "duplicate_of", "editor_removed"],
                condition=Q(duplicate_of__isnull=True, editor_removed=False),
                name="visible_by_time",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def repeat_link(self) -> int | None:
        """The event this one repeats, as the editor says, else as the parser found."""
        if self.editor_repeat is None:
            return self.parsed_duplicate_of_id
        return self.editor_duplicate_of_id if self.editor_repeat else None

    def is_repeated_by(self, original: Event | None) -> bool:
        """Whether `original`, through the repeats it points to, leads back to this event: marking this event a
        repeat of it would hide both, each behind the other."""
        seen: set[int] = set()
        while original is not None and original.pk not in seen:
            if original.pk == self.pk:
                return True
            seen.add(original.pk)
            original = original.duplicate_of
        return False

    def mark_repeat_of(self, original: Event | None) -> None:
        """An editor's word on the repeat link: a repeat of `original`, or (None) not a repeat at all."""
        if self.is_repeated_by(original):
            raise ValueError(f"{original} is a repeat of {self}: one cannot repeat the other back")
        self.editor_repeat = original is not None
        self.editor_duplicate_of = original
        self.refresh()


class ReviewItem(Event):
    """The events the review queue lists: the same rows, with the queue's own admin page and actions."""

    class Meta:
        proxy = True
        verbose_name = "event to review"
        verbose_name_plural = "review queue"
