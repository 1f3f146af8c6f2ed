"""The admin shows documents and events, and an editor's date saved there takes effect at once."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.models import Event

from .factories import LIVE_BLOG, ingest_text

pytestmark = pytest.mark.django_db


def form_value(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return [getattr(item, "pk", item) for item in value]
    return value


@pytest.mark.parametrize("url", ["/admin/timeline/document/", "/admin/timeline/event/"])
def test_the_admin_lists_render(admin_client, url):
    ingest_text(LIVE_BLOG)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Allies agree new air defence package" in response.content or b"doc.txt" in response.content


def test_an_event_date_set_in_the_admin_becomes_the_effective_date(admin_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    url = f"/admin/timeline/event/{event.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form_value(form.initial.get(name)) for name in form.fields}
    data.update(document=event.document_id, editor_reported_on="2024-12-01", editor_precision="day")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    event.refresh_from_db()
    assert (event.reported_on, event.date_basis, event.needs_review) == (dt.date(2024, 12, 1), "editor", False)
