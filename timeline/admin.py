"""The editors' side: documents and events with what the parser found beside what an editor set."""

from __future__ import annotations

from django.contrib import admin

from .models import Actor, Document, Event, Location, Theme


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
    list_filter = ["needs_review", "date_basis", "date_precision", "document"]
    list_select_related = ["document", "duplicate_of"]
    search_fields = ["headline", "body"]
    raw_id_fields = ["document", "duplicate_of", "parsed_duplicate_of", "editor_duplicate_of"]
    readonly_fields = ["parsed_when", "text_hash", "parsed_duplicate_of", "in_source", *Event.DERIVED_FIELDS]

    def save_model(self, request, obj, form, change):
        obj.refresh()
        super().save_model(request, obj, form, change)


admin.site.register([Actor, Location, Theme])
