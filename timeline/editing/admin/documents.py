"""Documents: what the parser found beside what an editor set, and dating a document whose text states no date."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html, format_html_join

from timeline.editing.forms import DocumentForm
from timeline.fetching import is_address
from timeline.ingest.dates import long_date
from timeline.models import Document, Event, FollowedPage
from timeline.store.documents import date_document
from timeline.store.following import follow

from .adding import AddingDocuments
from .common import EditorHistoryAdmin, admin_link, keep_history_baseline, review_flag, when_with_basis


class EventInline(admin.TabularInline):
    """A document's events, as found, each linked to its own page."""

    model = Event
    fields = ["number", "entry", "date", review_flag, "repeat_of"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "events found in it"
    template = "editing/events_found.html"

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


class OutletFilter(admin.AllValuesFieldListFilter):
    """The outlets documents name, and "none named" for those that name none (an empty link otherwise)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            yield {**choice, "display": choice["display"] or "None named"}


@admin.register(Document)
class DocumentAdmin(AddingDocuments, EditorHistoryAdmin):
    form = DocumentForm
    list_display = ["name", "outlet", "published_with_basis", review_flag, "event_count", "ingested_at"]
    list_filter = ["needs_review", "published_basis", "layout", ("outlet", OutletFilter)]
    search_fields = ["source", "title", "outlet"]
    ordering = ["-needs_review", "-ingested_at"]
    inlines = [EventInline]
    fieldsets = [
        (None, {"fields": ["title", "source", "outlet", "url", "language", "layout", "timezone", "following", "seen"]}),
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
    # The date and what the document is are the editor's; each ingest writes the rest from the text again.
    readonly_fields = [
        "source",
        "layout",
        "timezone",
        "following",
        "published_with_basis",
        "found_in_text",
        "origin",
        "content_hash",
        "ingested_at",
        "updated_at",
    ]

    actions = ["follow_pages", "stop_following"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(events_count=Count("events"))

    @admin.display(description="followed")
    def following(self, document):
        page = FollowedPage.objects.filter(url=document.origin).first()
        if page is None or not page.active:
            return "no" if is_address(document.origin) else "no: it was not read from an address"
        trouble = format_html(" · <strong class='needs-date'>{}</strong>", page.problem) if page.problem else ""
        return format_html("yes: {} every {}{}", admin_link(page, "read again"), page.every_text, trouble)

    @admin.action(description="Follow the selected pages: read them again as they grow")
    def follow_pages(self, request, queryset):
        pages = [follow(document.origin) for document in queryset if is_address(document.origin)]
        skipped = queryset.count() - len(pages)
        note = f"; {skipped} not read from an address, so not followed" if skipped else ""
        self.message_user(request, f"{len(pages)} page{'s' if len(pages) != 1 else ''} followed{note}.")

    @admin.action(description="Stop following the selected pages")
    def stop_following(self, request, queryset):
        stopped = FollowedPage.objects.filter(url__in=queryset.values("origin"), active=True).update(active=False)
        self.message_user(request, f"{stopped} page{'s' if stopped != 1 else ''} no longer followed.")

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

    @admin.display(description="title", ordering="title")
    def name(self, document):
        """Its title; a document without one goes by the name it was added under, which is all there is."""
        return document.title or format_html('<span class="quiet">{}</span>', document.source)

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
        obj.edited_fields = form.metadata_set()
        keep_history_baseline(obj)
        obj._history_user = request.user
        stored = Document.objects.filter(pk=obj.pk).values_list("editor_published", flat=True).first()
        if not change or obj.editor_published == stored:
            obj.refresh_dates()
            super().save_model(request, obj, form, change)
            return
        redated = date_document(obj, obj.editor_published)
        self.message_user(request, redating_report(redated), messages.SUCCESS)


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
