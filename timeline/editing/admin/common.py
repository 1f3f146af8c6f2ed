"""What every editors' page shares: links, how a date is shown with its basis, history kept of every save."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from timeline.ingest.dates import long_date
from timeline.ingest.zones import zone
from timeline.models import Event


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

    def get_historical_record_context_helper(self, request, historical_record):
        labels = getattr(getattr(self.form, "Meta", None), "labels", None)
        return HistoryInWords(self.model, historical_record, labels=labels or {})

    def render_history_view(self, request, template, context, **kwargs):
        form = context["adminform"].form if "adminform" in context else None
        # A version's page says what reverting to it would change; sent back with errors, it shows them instead.
        if form is not None and not form.is_bound:
            context["revert_changes"] = changes_on_revert(form)
        return super().render_history_view(request, template, context, **kwargs)


class HistoryInWords(HistoricalRecordContextHelper):
    """The history list's before → after as the change form words it: its labels, a dash for nothing rather than
    "None", and tags as a plain list of names."""

    def __init__(self, model, record, *, labels: dict[str, str]):
        super().__init__(model, record)
        self.labels = labels

    def prepare_delta_change_value(self, change, value):
        if value in (None, ""):
            return "—"
        prepared = super().prepare_delta_change_value(change, value)
        if isinstance(prepared, list):
            return ", ".join(sorted(map(str, prepared), key=str.casefold)) or "—"
        return prepared

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        label = self.labels.get(change.field)
        return dataclasses.replace(formatted, field=label) if label else formatted


@dataclass(frozen=True)
class RevertChange:
    label: str
    now: str
    version: str


def changes_on_revert(form: forms.ModelForm) -> list[RevertChange]:
    """What sending a version's form would change in the row as it is saved now, field by field, in the form's own
    words. Compared with the row itself, not its latest history: an ingest refreshes rows without a record. A row
    deleted since (a name merged into another) has nothing now."""
    model = form._meta.model
    row = model._default_manager.filter(pk=form.instance.pk).first()
    model_fields = {field.name for field in model._meta.get_fields()}
    names = [name for name in form.fields if name in model_fields]
    saved = model_to_dict(row, fields=names) if row else {}
    changes = []
    for name in names:
        field = form.fields[name]
        now, version = readable(field, saved.get(name)), readable(field, form.initial.get(name))
        if now != version:
            changes.append(RevertChange(str(field.label or name), now, version))
    return changes


def readable(field: forms.Field, value) -> str:
    """A form's value as an editor reads it: names for tags and choices, days as YYYY-MM-DD, a dash for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        chosen = field.queryset.filter(pk__in={getattr(item, "pk", item) for item in value})
        return ", ".join(sorted(map(field.label_from_instance, chosen), key=str.casefold)) or "—"
    if isinstance(field, forms.ModelChoiceField):
        found = field.queryset.filter(pk=getattr(value, "pk", value)).first()
        return field.label_from_instance(found) if found else str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)
