"""The review queue: events waiting for an editor, by the reason they wait."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import BooleanField, ExpressionWrapper
from django.utils.html import format_html, format_html_join

from timeline.models import REVIEW_REASONS, Actor, Document, Event, FollowedPage, Location, ReviewItem

from .actions import EDITING_ACTIONS
from .common import admin_link, when_with_basis
from .events import SourceFilter


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

    change_list_template = "editing/review_queue.html"
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
            "troubled_pages": FollowedPage.objects.in_trouble().select_related("document")[:20],
        }
        return super().changelist_view(request, {**context, **(extra_context or {})})
