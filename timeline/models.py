"""Documents, the events found in them, and the actors, locations and themes they are tagged with.

The parser's findings and an editor's corrections live in separate fields; the effective values that
pages filter on (`reported_on`, `occurred_on`, `duplicate_of`, ...) are derived from both by
`Document.refresh_dates()` and `Event.refresh()`, so re-ingesting refreshes the parser's side and never
the editor's.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .ingest.dates import day_problem, long_date, resolve
from .ingest.model import BASES, PRECISIONS
from .ingest.zones import zone

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


def shortened(text: str, width: int = 60) -> str:
    """The text cut to the last whole word that fits."""
    return textwrap.shorten(text, width, placeholder="…")


class Document(models.Model):
    source = models.CharField(max_length=255, unique=True, help_text="The ingested file's name.")
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    layout = models.CharField(max_length=20, choices=LAYOUT_CHOICES)
    text = models.TextField()
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
            "ingested_at",
            "updated_at",
        ]
    )

    class Meta:
        ordering = ["source"]

    def __str__(self) -> str:
        return self.title or self.source

    @property
    def short_name(self) -> str:
        """What a line of the timeline calls the document: its outlet, else its title cut at a word."""
        return self.outlet or shortened(self.title) or self.source

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


def timeline_key(
    occurred_on: dt.date | None, reported_on: dt.date | None, reported_at: dt.datetime | None, tz_name: str
) -> str:
    """One sortable string for the timeline's order: the day it happened, then the local time it was reported
    that day; an entry without a time sorts below that day's timed ones when newest come first."""
    if occurred_on is None:
        return ""
    key = occurred_on.isoformat()
    if reported_at and reported_on == occurred_on:
        key += reported_at.astimezone(zone(tz_name)).strftime("T%H:%M:%S")
    return key


# The full-text index of headlines and bodies: an FTS5 table on SQLite (migration 0007); on PostgreSQL a GIN index
# over `search_vector()` in a configuration that folds accents and keeps words whole, as FTS5 does (migration 0008).
SEARCH_TABLE = "timeline_event_search"
SEARCH_CONFIG = "timeline_search"


def search_vector() -> SearchVector:
    """PostgreSQL's words of an event; the index holds this very expression, so a query must use it unchanged."""
    return SearchVector("headline", "body", config=SEARCH_CONFIG)


def prefix_query(terms: list[str]) -> SearchQuery:
    """Every term, as a word or the beginning of one, quoted so the reader's text is never query syntax.

    PostgreSQL's parser reads "Tu-160" as "tu" and "-160", so a number also matches with a minus before it.
    """

    def quoted(term: str) -> str:
        return "'{}':*".format(term.replace("\\", "\\\\").replace("'", "''"))

    each = [f"({quoted(term)} | {quoted('-' + term)})" if term[0].isdigit() else quoted(term) for term in terms]
    return SearchQuery(" & ".join(each), search_type="raw", config=SEARCH_CONFIG)


def text_index_query(terms: list[str]) -> tuple[str, list[str]]:
    """SQLite's full-text index asked for the ids of the events with every term, as a word or its beginning; each
    term quoted, so the reader's text is never query syntax."""
    match = " ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
    return f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH %s", [match]


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


@dataclass(frozen=True)
class When:
    """An event's date as a reader sees it: machine-readable, and in words no more precise than the source."""

    iso: str
    text: str
    basis: str


BASIS_FOR_READERS = {
    "timestamp": "",
    "article_date": "the article's date",
    "relative": "worked out from the text",
    "explicit": "as the text states",
    "editor": "set by an editor",
    "none": "",
}


class Event(models.Model):
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
            # (counting.py), the condition's own column too, so that SQLite reads the index and not the table.
            models.Index(
                fields=["sort_key", "id", "document_id", "duplicate_of", "editor_removed"],
                condition=Q(duplicate_of__isnull=True, editor_removed=False),
                name="visible_by_time",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def when(self) -> When:
        doubtful = self.needs_review and self.reported_on is not None
        basis = "day uncertain" if doubtful else BASIS_FOR_READERS[self.date_basis]
        if self.reported_at and self.date_precision == "minute":
            local = self.reported_at.astimezone(zone(self.timezone))
            clock = f"{local:%H:%M} {local.tzname()}"
            if self.reported_on != self.occurred_on:
                clock = f"reported {long_date(self.reported_on)}, {clock}"
            return When(local.isoformat(), clock, basis)
        if self.occurred_on is None:
            return When("", "date unconfirmed", "")
        if self.date_precision == "month":
            return When(f"{self.occurred_on:%Y-%m}", f"{self.occurred_on:%B %Y}", basis)
        if self.date_precision == "year":
            return When(f"{self.occurred_on:%Y}", f"{self.occurred_on:%Y}", basis)
        return When(self.occurred_on.isoformat(), long_date(self.occurred_on), basis)

    @property
    def moment(self) -> tuple[dt.datetime | dt.date, str] | None:
        """When it happened, for calendars and other timelines, as precisely as `when` says and no more.

        A local time ("minute") only when the stamp is of the day it happened; else its day, month or year; None
        when undated. A time stamped on a later day is the report's, so that event keeps just its day.
        """
        if self.occurred_on is None:
            return None
        if self.reported_at and self.date_precision == "minute" and self.reported_on == self.occurred_on:
            return self.reported_at.astimezone(zone(self.timezone)), "minute"
        if self.date_precision in ("month", "year"):
            return self.occurred_on, self.date_precision
        return self.occurred_on, "day"

    @property
    def dates_corrected(self) -> bool:
        return self.editor_reported_on is not None or self.editor_occurred_on is not None

    @property
    def corrected(self) -> bool:
        return self.dates_corrected or self.editor_repeat is not None or self.editor_removed

    def repeat_link(self) -> int | None:
        """The event this one repeats, as the editor says, else as the parser found."""
        if self.editor_repeat is None:
            return self.parsed_duplicate_of_id
        return self.editor_duplicate_of_id if self.editor_repeat else None

    def refresh(self, document: Document | None = None) -> None:
        """Recomputes the effective dates and repeat link from the parser's findings and the editor's."""
        document = document or self.document
        self.duplicate_of_id = self.repeat_link()
        dating = resolve(self.parsed_when, document.published, document.timezone, document.published_note)
        self.reported_at, self.reported_on = dating.reported_at, dating.reported_on
        self.date_precision, self.date_basis = dating.precision, dating.basis
        self.occurred_on, self.date_note = dating.occurred_on, dating.note
        self.needs_review = dating.reported_on is None or dating.doubtful
        self.timezone = (self.parsed_when.get("stamp") or {}).get("tz") or document.timezone
        if self.dates_corrected:
            self._apply_editor_dates()
        self.sort_key = timeline_key(self.occurred_on, self.reported_on, self.reported_at, self.timezone)

    def confirm_date(self) -> bool:
        """Makes the date the machine found an editor's, so no later ingest changes it; False if it has none."""
        if self.reported_on is None:
            return False
        self.editor_reported_on = self.reported_on
        self.editor_precision = self.date_precision
        if self.reported_at and self.date_precision == "minute":
            local = self.reported_at.astimezone(zone(self.timezone))
            self.editor_reported_time, self.editor_timezone = local.time(), self.timezone
        self.editor_occurred_on = self.occurred_on
        self.refresh()
        return True

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

    def _apply_editor_dates(self) -> None:
        day = self.editor_reported_on or self.reported_on
        if self.editor_reported_on:
            if self.editor_reported_time:
                self.timezone = self.editor_timezone or self.document.timezone
                self.reported_at = dt.datetime.combine(day, self.editor_reported_time, zone(self.timezone))
            else:
                self.reported_at = None
            self.reported_on = day
            self.date_precision = self.editor_precision or ("minute" if self.editor_reported_time else "day")
        self.occurred_on = self.editor_occurred_on or day
        self.date_basis = "editor"
        self.date_note = "date set by an editor"
        self.needs_review = False


class ReviewItem(Event):
    """The events the review queue lists: the same rows, with the queue's own admin page and actions."""

    class Meta:
        proxy = True
        verbose_name = "event to review"
        verbose_name_plural = "review queue"


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
    timezone = models.CharField(max_length=64, default="UTC")
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
        return self.source or "pasted text"

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
