"""Filling in an admin change form the way a browser would: every field as the page shows it, then the changes."""

from __future__ import annotations

import datetime as dt

from django import forms


def post_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return [getattr(item, "pk", item) for item in items]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return getattr(value, "pk", value)


def form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        value = value() if callable(value) else value
        # A text box posts its text: a list written one per line goes as its lines.
        text = isinstance(field.widget, forms.Textarea) and isinstance(value, list)
        data[form.add_prefix(name)] = field.prepare_value(value) if text else post_value(value)
    return data


def change_form_data(client, url: str, **changes) -> dict:
    """What the change form at `url` would post unchanged, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data |= form_data(formset.management_form)
        for form in formset.forms:
            data |= form_data(form)
    data.update({name: post_value(value) for name, value in changes.items()})
    return data
