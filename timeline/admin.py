"""The editors' side: documents and events with what the parser found beside what an editor set, a review queue
of what needs an editor first, the entities with the names the machine discovered, and every change's history."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timezone import now
from django_htmx.http import HttpResponseClientRedirect
from simple_history.admin import SimpleHistoryAdmin

from . import jobs
from .forms import AddDocumentForm, DocumentForm, EventForm, SetDateForm
from .ingest.dates import long_date
from .ingest.zones import zone
from .models import (
    REVIEW_REASONS,
    Actor,
    Document,
    Event,
    IngestJob,
    Location,
    RejectedName,
    ReviewItem,
    Theme,
    ThemeRule,
)
from .store import date_document
from .tags import merge, record_editor_tags, reject, retag_all

admin.site.site_header = "Conflict timeline: editors"
admin.site.site_title = "Conflict timeline editors"
admin.site.index_title = "What the timeline says, and why"
TAG_FIELDS = {"actors", "locations", "themes"}
# A running worker takes a job within a second or two; one still queued after this long suggests none is running.
WORKER_EXPECTED_WITHIN = 20


def admin_link(obj, text: str | None = None) -> str:
    """A link to an object's change page in the admin."""
    opts = obj._meta.concrete_model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text or str(obj))


def when_with_basis(event: Event) -> str:
    """The day it happened, then the time, the reported day where it differs, the precision and the basis."""
    if event.occurred_on is None:
        day = "no date"
    elif event.date_precision in ("month", "year"):
        day = event.when.text
    else:
        day = long_date(event.occurred_on)
    details = []
    if event.reported_at and event.date_precision == "minute":
        local = event.reported_at.astimezone(zone(event.timezone))
        details.append(f"{local:%H:%M} {local.tzname()}")
    if event.reported_on and event.reported_on != event.occurred_on:
        details.append(f"reported {long_date(event.reported_on)}")
    details += [event.date_precision, event.get_date_basis_display()]
    return format_html('{}<br><span class="quiet">{}</span>', day, " · ".join(details))


@admin.display(description="review", ordering="needs_review")
def review_flag(obj) -> str:
    """Says "needs review" in words where it does: the admin's green tick for True read as "fine"."""
    if getattr(obj, "editor_removed", False):
        return "removed from the timeline"
    return format_html('<strong class="needs-date">{}</strong>', "needs review") if obj.needs_review else "–"


def keep_history_baseline(obj) -> None:
    """Before an editor's first change to a row the ingest wrote (its bulk writes leave no history), records it as
    it stands, so its history shows the change as before and after."""
    if obj.pk and not obj.history.exists():
        original = type(obj).objects.get(pk=obj.pk)
        original._history_user = None
        original._change_reason = "as ingested"
        original.save()


def saved_by_editor(request, obj) -> None:
    """Saves a row an editor changed, recording who in its history."""
    keep_history_baseline(obj)
    obj._history_user = request.user
    obj.save()


class EditorHistoryAdmin(SimpleHistoryAdmin):
    """History for every change an editor makes here, with the row as it was before the first."""

    def get_object(self, request, object_id, from_field=None):
        """A row being saved is locked first and read again: no ingest or other editor changes it in between, and the
        form's "changed since you opened it" check compares what is really there."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None or request.method != "POST":
            return obj
        row = self.model._default_manager.filter(pk=obj.pk).order_by()  # no ordering's join, no other table locked
        list(row.select_for_update(no_key=True, of=("self",)).values_list("pk", flat=True))
        return super().get_object(request, object_id, from_field)

    def save_model(self, request, obj, form, change):
        keep_history_baseline(obj)
        super().save_model(request, obj, form, change)


def selected_events(queryset):
    """The chosen rows as events, whatever admin list they were chosen in: saving an event sends the signals that
    renew readers' counts and record history, which a proxy row's save would not."""
    return Event.objects.filter(pk__in=queryset.values("pk")).select_related("document").for_writing()


@admin.action(description="Confirm the date: keep it as an editor's")
@transaction.atomic
def confirm_dates(modeladmin, request, queryset):
    confirmed = undated = 0
    for event in selected_events(queryset):
        if event.confirm_date():
            saved_by_editor(request, event)
            confirmed += 1
        else:
            undated += 1
    modeladmin.message_user(request, f"{confirmed} date{'s' if confirmed != 1 else ''} confirmed.")
    if undated:
        modeladmin.message_user(
            request, f"{undated} had no date to confirm: set one with “Set a date”.", messages.WARNING
        )


@admin.action(description="Set a date for the selected events…")
@transaction.atomic
def set_date(modeladmin, request, queryset):
    form = SetDateForm(request.POST if "apply" in request.POST else None)
    events = list(selected_events(queryset))
    if form.is_valid():
        for event in events:
            form.apply(event)
            saved_by_editor(request, event)
        modeladmin.message_user(request, f"{len(events)} event{'s' if len(events) != 1 else ''} dated.")
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Set a date",
        "form": form,
        "events": events,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": form.media,
    }
    return TemplateResponse(request, "admin/timeline/set_date.html", context)


@admin.action(description="Mark as repeats of the earliest selected")
@transaction.atomic
def mark_repeats(modeladmin, request, queryset):
    events = sorted(selected_events(queryset), key=lambda e: (e.sort_key == "", e.sort_key, e.pk))
    if len(events) < 2:
        modeladmin.message_user(request, "Choose the original and at least one repeat of it.", messages.WARNING)
        return
    original, repeats = events[0], events[1:]
    original.mark_repeat_of(None)
    saved_by_editor(request, original)
    for event in repeats:
        event.mark_repeat_of(original)
        saved_by_editor(request, event)
    modeladmin.message_user(
        request, format_html("{} marked as repeats of “{}”.", len(repeats), admin_link(original, original.headline))
    )


@admin.action(description="Not a repeat: show on the timeline on its own")
@transaction.atomic
def unmark_repeats(modeladmin, request, queryset):
    events = list(selected_events(queryset))
    for event in events:
        event.mark_repeat_of(None)
        saved_by_editor(request, event)
    modeladmin.message_user(request, f"{len(events)} marked as not a repeat.")


@admin.action(description="Remove from the timeline: not an event")
@transaction.atomic
def remove_from_timeline(modeladmin, request, queryset):
    events = list(selected_events(queryset))
    for event in events:
        event.editor_removed = True
        saved_by_editor(request, event)
    modeladmin.message_user(
        request,
        f"{len(events)} removed from the timeline. They stay here, with their history, and no later ingest brings "
        "them back; “Put back on the timeline” undoes it.",
    )


@admin.action(description="Put back on the timeline")
@transaction.atomic
def put_back_on_timeline(modeladmin, request, queryset):
    events = list(selected_events(queryset))
    for event in events:
        event.editor_removed = False
        saved_by_editor(request, event)
    modeladmin.message_user(request, f"{len(events)} back on the timeline.")


# Each runs in one transaction: an action that fails part way leaves every event as it was.
EDITING_ACTIONS = [confirm_dates, set_date, mark_repeats, unmark_repeats, remove_from_timeline, put_back_on_timeline]


class EventInline(admin.TabularInline):
    """A document's events, as found, each linked to its own page."""

    model = Event
    fields = ["number", "entry", "date", review_flag, "repeat_of"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "events found in it"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "duplicate_of")

    @admin.display(description="#")
    def number(self, event):
        return event.position + 1

    @admin.display(description="entry")
    def entry(self, event):
        return admin_link(event, event.headline)

    @admin.display(description="date")
    def date(self, event):
        return when_with_basis(event)

    @admin.display(description="repeat of")
    def repeat_of(self, event):
        return admin_link(event.duplicate_of, f"#{event.duplicate_of.position + 1}") if event.duplicate_of else "–"


@admin.register(Document)
class DocumentAdmin(EditorHistoryAdmin):
    form = DocumentForm
    list_display = ["source", "title", "published_with_basis", review_flag, "event_count", "ingested_at"]
    list_filter = ["needs_review", "published_basis", "layout", "outlet"]
    search_fields = ["source", "title", "outlet"]
    ordering = ["-needs_review", "-ingested_at"]
    inlines = [EventInline]
    fieldsets = [
        (None, {"fields": ["title", "source", "outlet", "layout", "timezone", "seen"]}),
        (
            "Its date",
            {
                "fields": ["editor_published", "published_with_basis", "found_in_text"],
                "description": "Enter the date of a text that states none (for a live blog, the day of its top "
                "entry): every event in it that no editor has dated is re-dated at once, phrases like “on Saturday” "
                "included.",
            },
        ),
        ("Ingest", {"fields": ["origin", "content_hash", "ingested_at", "updated_at"], "classes": ["collapse"]}),
    ]
    # Only the date is the editor's: each ingest writes the rest from the text again.
    readonly_fields = [
        "title",
        "source",
        "outlet",
        "layout",
        "timezone",
        "published_with_basis",
        "found_in_text",
        "origin",
        "content_hash",
        "ingested_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(events_count=Count("events"))

    def get_deleted_objects(self, objs, request):
        """A document's events go with it, though no one may delete an event alone."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(Event._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def get_form(self, request, obj=None, **kwargs):
        kwargs["labels"] = {"editor_published": "Published on"}
        kwargs["help_texts"] = {
            "editor_published": "Empty: the date the text states, if any. For a live blog, the day of its top entry."
        }
        return super().get_form(request, obj, **kwargs)

    @admin.display(description="published", ordering="published")
    def published_with_basis(self, document):
        if not document.published:
            return format_html('<strong class="needs-date">{}</strong>', "no date")
        return format_html(
            '{}<br><span class="quiet">{}</span>', long_date(document.published), document.get_published_basis_display()
        )

    @admin.display(description="events", ordering="events_count")
    def event_count(self, document):
        return document.events_count

    @admin.display(description="what the text says")
    def found_in_text(self, document):
        if document.parsed_published:
            return f"{long_date(document.parsed_published)}, from “{document.published_text}”"
        if document.date_hint:
            return f"no date; suggested {long_date(document.date_hint)}: {document.date_hint_text}"
        return "no date"

    def save_model(self, request, obj, form, change):
        keep_history_baseline(obj)
        obj._history_user = request.user
        stored = Document.objects.filter(pk=obj.pk).values_list("editor_published", flat=True).first()
        if not change or obj.editor_published == stored:
            obj.refresh_dates()
            super().save_model(request, obj, form, change)
            return
        redated = date_document(obj, obj.editor_published)
        self.message_user(request, redating_report(redated), messages.SUCCESS)

    def get_urls(self):
        ingested = self.admin_site.admin_view(self.ingested_view)
        job = self.admin_site.admin_view(self.job_view)
        return [
            path("<int:pk>/ingested/", ingested, name="timeline_document_ingested"),
            path("ingesting/<int:pk>/", job, name="timeline_document_job"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Adding a document is ingesting it: a file or pasted text through the same pipeline as the command, run
        by the ingest worker; the request only checks that the text can be read and queues it."""
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        form = AddDocumentForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            job = jobs.queue(
                data["document_text"],
                source=data["source"],
                timezone=data["timezone"],
                published=data["published"],
                replace=data["replace"],
                user=request.user,
            )
            return redirect("admin:timeline_document_job", pk=job.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Add a document",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "max_bytes": settings.TIMELINE_MAX_DOCUMENT_BYTES,
        }
        return TemplateResponse(request, "admin/timeline/document/add.html", context)

    def job_view(self, request, pk: int):
        """How far a queued document has got; once ingested, what was found in it. htmx asks again every second,
        a browser without JavaScript every two."""
        job = get_object_or_404(IngestJob, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        if job.state == IngestJob.DONE and job.document_id:
            self.message_user(request, job.message, messages.SUCCESS)
            found = reverse("admin:timeline_document_ingested", args=[job.document_id])
            return HttpResponseClientRedirect(found) if request.htmx else redirect(found)
        waited = now() - job.requested_at
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ingesting {job}",
            "job": job,
            "ahead": job.ahead() if job.state == IngestJob.QUEUED else 0,
            "stalled": job.state == IngestJob.QUEUED
            and waited.total_seconds() > WORKER_EXPECTED_WITHIN
            and not IngestJob.objects.worked_on_within(WORKER_EXPECTED_WITHIN),
            "opts": self.model._meta,
        }
        template = "admin/timeline/document/job.html" + ("#status" if request.htmx else "")
        return TemplateResponse(request, template, context)

    def ingested_view(self, request, pk: int):
        """What an ingest found in a document, and what of it needs an editor."""
        document = get_object_or_404(Document, pk=pk)
        if not self.has_view_or_change_permission(request, document):
            raise PermissionDenied
        events = list(document.events.select_related("duplicate_of").order_by("position"))
        queued = set(Event.objects.filter(document=document).to_review().values_list("pk", flat=True))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ingested: {document}",
            "document": document,
            "rows": [(event, when_with_basis(event), event.pk in queued) for event in events],
            "to_review": len(queued),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/timeline/document/ingested.html", context)


def redating_report(redated: list[tuple[Event, object]]) -> str:
    """What dating a document changed, for the editor who dated it."""
    if not redated:
        return "Document date saved; no event's date changed."
    shown = format_html_join(
        "",
        "<li>{}: {} → {}</li>",
        (
            (admin_link(event, event.headline), long_date(old) if old else "no date", event.when.text)
            for event, old in redated[:20]
        ),
    )
    more = format_html("<li>and {} more</li>", len(redated) - 20) if len(redated) > 20 else ""
    return format_html(
        "Document date saved; {} event{} re-dated:<ul>{}{}</ul>",
        len(redated),
        "s" if len(redated) != 1 else "",
        shown,
        more,
    )


# A side filter lists this many choices, and the chosen ones: thousands of documents or names would make the page
# megabytes long. The search box finds any document; an entity's list links to its events.
SHORT_LIST = 20


class ShortListFilter(admin.RelatedOnlyFieldListFilter):
    """The first few of the choices the listed rows use, by `first`, and any already chosen."""

    qualifier = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = f"{self.title} ({self.qualifier})"

    def field_choices(self, field, request, model_admin):
        rows = model_admin.get_queryset(request).order_by()
        wanted = {*self.first(rows, f"{self.field_path}__pk"), *map(int, self.chosen())}
        related = field.related_model.objects.filter(pk__in=wanted)
        return sorted(((item.pk, self.label(item)) for item in related), key=lambda choice: choice[1].casefold())

    def chosen(self) -> list[str]:
        return [value for value in self.lookup_val or [] if value.isdigit()]

    def label(self, item) -> str:
        return str(item)


class RelatedFilter(ShortListFilter):
    """The tags the listed events use most."""

    qualifier = "most used"

    def first(self, rows, key):
        used = rows.values(key).annotate(n=Count("pk")).order_by("-n").values_list(key, flat=True)
        return [pk for pk in used[:SHORT_LIST] if pk is not None]


class SourceFilter(ShortListFilter):
    """The latest documents, by file name: short, and what editors know them by."""

    qualifier = "latest"

    def first(self, rows, key):
        return (
            Document.objects.filter(pk__in=rows.values(key))
            .order_by("-ingested_at", "-pk")
            .values_list("pk", flat=True)[:SHORT_LIST]
        )

    def label(self, item) -> str:
        return item.source


def tags_of(version) -> dict[str, list[int]]:
    """The tags an event had in one version of its history."""
    return {field: list(getattr(version, field).values_list(f"{field[:-1]}_id", flat=True)) for field in TAG_FIELDS}


@admin.register(Event)
class EventAdmin(EditorHistoryAdmin):
    form = EventForm
    list_display = ["headline", "date", "source", review_flag, "repeat_of"]
    list_filter = [
        "needs_review",
        "editor_removed",
        "date_basis",
        "date_precision",
        ("document", SourceFilter),
        ("themes", RelatedFilter),
        ("actors", RelatedFilter),
    ]
    list_select_related = ["document", "duplicate_of"]
    search_fields = ["headline", "body", "document__source"]
    autocomplete_fields = ["actors", "locations", "themes", "editor_duplicate_of"]
    actions = EDITING_ACTIONS
    list_per_page = 50
    fieldsets = [
        ("The entry", {"fields": ["headline", "links", "text", "seen"]}),
        ("Its date as found", {"fields": ["date", "date_note"]}),
        (
            "Correct the date",
            {
                "fields": [
                    ("editor_reported_on", "editor_reported_time", "editor_timezone"),
                    "editor_precision",
                    "editor_occurred_on",
                ],
                "description": "An editor's date is kept through every later ingest. Empty these fields to go back "
                "to the date the machine found.",
            },
        ),
        ("Repeat", {"fields": ["editor_repeat", "editor_duplicate_of", "repeats"]}),
        ("Tags", {"fields": ["actors", "locations", "themes"]}),
        ("On the timeline", {"fields": ["editor_removed"]}),
        (
            "What the machine found",
            {
                "fields": [
                    "position",
                    "in_source",
                    "parsed_when",
                    "parsed_duplicate_of",
                    *(name for name in Event.DERIVED_FIELDS if name != "date_note"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    readonly_fields = [
        "headline",
        "links",
        "text",
        "date",
        "repeats",
        "position",
        "in_source",
        "parsed_when",
        "parsed_duplicate_of",
        *Event.DERIVED_FIELDS,
    ]

    @admin.display(description="date", ordering="sort_key")
    def date(self, event):
        return when_with_basis(event)

    @admin.display(description="source", ordering="document__source")
    def source(self, event):
        return admin_link(event.document, event.document.source)

    @admin.display(description="repeat of")
    def repeat_of(self, event):
        return admin_link(event.duplicate_of, event.duplicate_of.headline) if event.duplicate_of else "–"

    @admin.display(description="links")
    def links(self, event):
        return format_html(
            'In {} (entry {}) · <a href="{}">on the public timeline</a>',
            admin_link(event.document, event.document.source),
            event.position + 1,
            reverse("event", args=[event.pk]),
        )

    @admin.display(description="text")
    def text(self, event):
        return event.body

    @admin.display(description="repeats")
    def repeats(self, event):
        if event.duplicate_of:
            return format_html("A repeat of {}", admin_link(event.duplicate_of, event.duplicate_of.headline))
        found = list(event.repeats.all())
        if not found:
            return "Posted once."
        return format_html_join(", ", "{}", ((admin_link(e, f"entry {e.position + 1}"),) for e in found))

    def has_add_permission(self, request):
        return False  # events come from documents

    def has_delete_permission(self, request, obj=None):
        return False  # removed instead (see Event.editor_removed); deleted only with their document

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting to a version brings back its tags too: the form would otherwise offer the event's tags today."""
        version = self.model.history.filter(pk=version_id, id=object_id).first()
        request.tags_of_version = tags_of(version) if version else None
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            # The revert set the tags without the change form's save_related: they are the editor's choice all
            # the same, which a later retag must keep.
            event = self.model.objects.get(pk=object_id)
            chosen = {field[:-1]: set(getattr(event, field).values_list("id", flat=True)) for field in TAG_FIELDS}
            record_editor_tags(event, chosen)
        return response

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        tags = getattr(request, "tags_of_version", None)
        if not tags:
            return form

        class WithTheVersionsTags(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:  # shown; once sent, they are compared with today's, as any change is
                    self.initial.update(tags)

        return WithTheVersionsTags

    def save_model(self, request, obj, form, change):
        obj.refresh()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The event's history already has a record of this save: the tags it is about to get must not add
        # one record per link changed.
        form.instance.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del form.instance.skip_history_when_saving
        tags_changed = TAG_FIELDS & set(form.changed_data)
        if change and tags_changed:
            chosen = {
                "actor": {a.pk for a in form.cleaned_data["actors"]},
                "location": {loc.pk for loc in form.cleaned_data["locations"]},
                "theme": {t.pk for t in form.cleaned_data["themes"]},
            }
            record_editor_tags(form.instance, chosen)
        if tags_changed:
            saved_by_editor(request, form.instance)  # one more record, with the tags as the editor left them


class ReasonFilter(admin.SimpleListFilter):
    title = "why"
    parameter_name = "why"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in REVIEW_REASONS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(REVIEW_REASONS[self.value()][1]()) if self.value() in REVIEW_REASONS else queryset


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    """What needs an editor first, the longest waiting first; each row opens the event itself."""

    list_display = ["entry", "date", "why"]
    list_display_links = None
    list_filter = [ReasonFilter, "date_basis", ("document", SourceFilter)]
    list_select_related = ["document"]
    search_fields = ["headline", "document__source"]
    actions = EDITING_ACTIONS
    list_per_page = 50
    show_full_result_count = False  # a second count of every event to review, only to print beside the first
    ordering = ["document__ingested_at", "document_id", "position"]

    def get_queryset(self, request):
        unsure = ExpressionWrapper(REVIEW_REASONS["discovered"][1](), output_field=BooleanField())
        return super().get_queryset(request).to_review().annotate(unsure_tags=unsure)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("timeline.change_event")

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="event")
    def entry(self, event):
        return format_html(
            '{}<br><span class="quiet">in {}</span>',
            admin_link(event, event.headline),
            admin_link(event.document, event.document.source),
        )

    @admin.display(description="date")
    def date(self, event):
        return when_with_basis(event)

    @admin.display(description="why")
    def why(self, event):
        reasons = [label for key, (label, _) in REVIEW_REASONS.items() if self._has_reason(event, key)]
        return format_html_join("", "<div>{}</div>", ((reason,) for reason in reasons))

    @staticmethod
    def _has_reason(event, key: str) -> bool:
        return {
            "undated": event.needs_review and event.in_source and event.reported_on is None,
            "doubtful": event.needs_review and event.in_source and event.reported_on is not None,
            "guessed": event.date_basis == "relative",
            "discovered": event.unsure_tags,
            "gone": not event.in_source,
        }[key]

    def changelist_view(self, request, extra_context=None):
        counts = {key: Event.objects.to_review(key).count() for key in REVIEW_REASONS}
        context = {
            "title": "Review queue: what needs an editor first",
            "undated_documents": Document.objects.filter(needs_review=True).order_by("ingested_at")[:20],
            "undated_total": Document.objects.filter(needs_review=True).count(),
            "reasons": [(key, label, counts[key]) for key, (label, _) in REVIEW_REASONS.items()],
            "discovered_actors": Actor.objects.filter(reviewed=False).count(),
            "discovered_locations": Location.objects.filter(reviewed=False).count(),
        }
        return super().changelist_view(request, {**context, **(extra_context or {})})


@admin.action(description="Re-tag every event with the current gazetteer and theme rules")
def retag_events(modeladmin, request, queryset):
    modeladmin.message_user(request, f"{retag_all()} events re-tagged.")


class EntityAdmin(EditorHistoryAdmin):
    """Also the review queue for names: filter on "reviewed: No" to see the names the machine discovered."""

    list_display = ["name", "kind", "reviewed", "merge_into", "event_count"]
    list_editable = ["merge_into"]
    list_filter = ["reviewed", "kind"]
    search_fields = ["name", "aliases"]
    raw_id_fields = ["merge_into"]
    actions = ["accept", "merge_into_chosen", "reject_names", retag_events]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(events_count=Count("events"))

    @admin.display(description="events", ordering="events_count")
    def event_count(self, obj):
        """How many events it tags, linked to their list: the events' side filter names only the most used."""
        field = "actors" if isinstance(obj, Actor) else "locations"
        url = reverse("admin:timeline_event_changelist") + f"?{field}__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.events_count)

    @admin.action(description="Accept: a real name, keep it")
    def accept(self, request, queryset):
        count = 0
        for entity in queryset.filter(reviewed=False):
            entity.reviewed = True
            saved_by_editor(request, entity)
            count += 1
        self.message_user(request, f"{count} accepted.")

    @admin.action(description="Merge into the entity chosen in “merge into”")
    def merge_into_chosen(self, request, queryset):
        chosen = [e for e in queryset if e.merge_into_id and e.merge_into_id != e.pk]
        for entity in chosen:
            merge(entity, entity.merge_into)
        skipped = queryset.count() - len(chosen) if chosen else len(queryset)
        self.message_user(
            request,
            f"{len(chosen)} merged." + (f" {skipped} had no “merge into” chosen." if skipped else ""),
            messages.WARNING if skipped else messages.INFO,
        )

    @admin.action(description="Reject: not a name; remove it and never propose it again")
    def reject_names(self, request, queryset):
        count = 0
        for entity in queryset:
            reject(entity)
            count += 1
        self.message_user(request, f"{count} rejected.")


@admin.register(Actor)
class ActorAdmin(EntityAdmin):
    pass


@admin.register(Location)
class LocationAdmin(EntityAdmin):
    list_display = [*EntityAdmin.list_display[:2], "country", *EntityAdmin.list_display[2:]]


class ThemeRuleInline(admin.TabularInline):
    model = ThemeRule
    extra = 3


@admin.register(Theme)
class ThemeAdmin(EditorHistoryAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug"]
    inlines = [ThemeRuleInline]
    actions = [retag_events]


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "rejected_at"]
    search_fields = ["name"]


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    """Documents added here, newest first, with how far the worker got with each; each opens its progress page."""

    list_display = ["document_added", "state", "message", "requested_by", "requested_at", "finished_at"]
    list_display_links = None
    list_filter = ["state"]
    list_select_related = ["requested_by"]
    ordering = ["-pk"]

    @admin.display(description="document")
    def document_added(self, job):
        return format_html('<a href="{}">{}</a>', reverse("admin:timeline_document_job", args=[job.pk]), job)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
