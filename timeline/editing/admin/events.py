"""Events: the list with its short filters, and the change form for dates, repeats and tags."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from timeline.editing.forms import EventForm
from timeline.models import Document, Event
from timeline.store.tags import record_editor_tags

from .actions import EDITING_ACTIONS
from .common import EditorHistoryAdmin, admin_link, review_flag, saved_by_editor, when_with_basis

# A side filter lists this many choices, and the chosen ones: thousands of documents or names would make the page
# megabytes long. The search box finds any document; an entity's list links to its events.
SHORT_LIST = 20

TAG_FIELDS = {"actors", "locations", "themes"}


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
    ordering = ["-sort_key", "-pk"]  # newest first, the undated (no key) last
    search_fields = ["headline", "body", "document__source", "document__title", "document__outlet"]
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

    @admin.display(description="source", ordering="document__outlet")
    def source(self, event):
        """Outlet and title; a document that names neither by the name it was added under, which editors know."""
        document = event.document
        return admin_link(document, document.short_name if document.title or document.outlet else document.source)

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
