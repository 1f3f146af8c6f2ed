"""Actors, locations and themes: names, spellings and rules, merging and rejecting discovered names, retagging."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from timeline.editing.forms import LinesField
from timeline.gazetteer.outlines import country_named
from timeline.models import Actor, Location, RejectedName, Theme, ThemeRule
from timeline.store.tags import merge, reject, retag_all

from .common import EditorHistoryAdmin, saved_by_editor


@admin.action(description="Re-tag every event with the current gazetteer and theme rules")
def retag_events(modeladmin, request, queryset):
    modeladmin.message_user(request, f"{retag_all()} events re-tagged.")


# Spellings and examples are lists of short texts, written one per line.
ONE_PER_LINE = {models.JSONField: {"form_class": LinesField}}


class EntityAdmin(EditorHistoryAdmin):
    """Also the review queue for names: filter on "reviewed: No" to see the names the machine discovered."""

    formfield_overrides = ONE_PER_LINE

    list_display = ["name", "kind", "reviewed", "merge_into", "event_count"]
    list_editable = ["merge_into"]
    list_filter = ["reviewed", "kind"]
    search_fields = ["name", "aliases"]
    raw_id_fields = ["merge_into"]
    # Addresses of filtered views name it by these: changing one would break every link to them.
    readonly_fields = ["slug", "former_slugs"]
    actions = ["accept", "merge_into_chosen", "reject_names", retag_events]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(events_count=Count("events"))

    def get_changelist_form(self, request, **kwargs):
        """Each row's "merge into" box is named for its row: a column of boxes titled alike tells a screen reader
        nothing."""
        form = super().get_changelist_form(request, **kwargs)

        class RowForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.fields["merge_into"].widget.attrs["aria-label"] = f"Merge {self.instance} into (an id)"

        return RowForm

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


class MappedFilter(admin.SimpleListFilter):
    """Which places the map can mark: editors look here for those it counts as "without coordinates". A country the
    atlas outlines needs none."""

    title = "coordinates"
    parameter_name = "coordinates"

    def lookups(self, request, model_admin):
        return [("yes", "Given"), ("no", "Missing")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(latitude__isnull=False, longitude__isnull=False)
        if self.value() == "no":
            missing = queryset.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
            return missing.exclude(pk__in=outlined_countries())
        return queryset


def outlined_countries() -> list[int]:
    """The countries the map draws by their outline: a few hundred rows, matched by name."""
    countries = Location.objects.filter(kind="country").values_list("pk", "name", "aliases")
    return [pk for pk, name, aliases in countries if country_named([name, *aliases])]


@admin.register(Location)
class LocationAdmin(EntityAdmin):
    list_display = [*EntityAdmin.list_display[:2], "country", *EntityAdmin.list_display[2:]]
    list_filter = [*EntityAdmin.list_filter, MappedFilter]


class ThemeRuleInline(admin.TabularInline):
    model = ThemeRule
    extra = 3


@admin.register(Theme)
class ThemeAdmin(EditorHistoryAdmin):
    formfield_overrides = ONE_PER_LINE
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug"]
    inlines = [ThemeRuleInline]
    actions = [retag_events]


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "rejected_at"]
    search_fields = ["name"]
