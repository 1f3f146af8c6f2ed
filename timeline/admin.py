"""The editors' side: documents and events with what the parser found beside what an editor set, and the
entities with a review queue for the names the machine discovered."""

from __future__ import annotations

from django.contrib import admin, messages

from .models import Actor, Document, Event, Location, RejectedName, Theme, ThemeRule
from .tags import merge, record_editor_tags, reject, retag_all


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["source", "title", "layout", "published", "published_basis", "needs_review"]
    list_filter = ["needs_review", "layout", "published_basis"]
    search_fields = ["source", "title", "outlet"]
    readonly_fields = [
        "content_hash",
        "parsed_published",
        "parsed_published_basis",
        "published_text",
        "date_hint",
        "date_hint_text",
        "published",
        "published_basis",
        "needs_review",
        "ingested_at",
        "updated_at",
    ]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "document",
        "occurred_on",
        "reported_at",
        "date_precision",
        "date_basis",
        "needs_review",
        "duplicate_of",
    ]
    list_filter = ["needs_review", "date_basis", "date_precision", "document", "themes"]
    list_select_related = ["document", "duplicate_of"]
    search_fields = ["headline", "body"]
    raw_id_fields = ["document", "duplicate_of", "parsed_duplicate_of", "editor_duplicate_of"]
    autocomplete_fields = ["actors", "locations"]
    readonly_fields = ["parsed_when", "text_hash", "parsed_duplicate_of", "in_source", *Event.DERIVED_FIELDS]

    def save_model(self, request, obj, form, change):
        obj.refresh()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and form.has_changed() and {"actors", "locations", "themes"} & set(form.changed_data):
            chosen = {
                "actor": {a.pk for a in form.cleaned_data["actors"]},
                "location": {loc.pk for loc in form.cleaned_data["locations"]},
                "theme": {t.pk for t in form.cleaned_data["themes"]},
            }
            record_editor_tags(form.instance, chosen)


@admin.action(description="Re-tag every event with the current gazetteer and theme rules")
def retag_events(modeladmin, request, queryset):
    modeladmin.message_user(request, f"{retag_all()} events re-tagged.")


class EntityAdmin(admin.ModelAdmin):
    """Also the review queue: filter on "reviewed: No" to see the names the machine discovered."""

    list_display = ["name", "kind", "reviewed", "merge_into", "event_count"]
    list_editable = ["merge_into"]
    list_filter = ["reviewed", "kind"]
    search_fields = ["name", "aliases"]
    raw_id_fields = ["merge_into"]
    actions = ["accept", "merge_into_chosen", "reject_names", retag_events]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(events_count=Count("events"))

    @admin.display(description="events", ordering="events_count")
    def event_count(self, obj):
        return obj.events_count

    @admin.action(description="Accept: a real name, keep it")
    def accept(self, request, queryset):
        self.message_user(request, f"{queryset.update(reviewed=True)} accepted.")

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
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    inlines = [ThemeRuleInline]
    actions = [retag_events]


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "rejected_at"]
    search_fields = ["name"]
