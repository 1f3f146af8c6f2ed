"""The bulk actions on events an editor picks from a list: confirm or set dates, mark repeats, remove, put back."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.html import format_html

from timeline.editing.forms import SetDateForm
from timeline.models import Event

from .common import admin_link, saved_by_editor


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
    return TemplateResponse(request, "editing/set_date.html", context)


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
