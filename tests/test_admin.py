"""The admin shows documents and events, and an editor's date saved there takes effect at once."""

from __future__ import annotations

import datetime as dt
import html

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


def test_the_admin_lists_name_documents_by_title_not_by_file(admin_client):
    document = ingest_text(LIVE_BLOG).document
    events = admin_client.get("/admin/timeline/event/")
    assert events.status_code == 200
    assert b"Allies agree new air defence package" in events.content
    documents = admin_client.get("/admin/timeline/document/").content.decode()
    assert document.title and html.escape(document.title) in documents
    assert "doc.txt" not in documents


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


def side_filter_choices(response, title: str) -> list[str]:
    """The names a side filter of a change list offers, without "All" and the choice of none."""
    changelist = response.context["cl"]
    spec = next(spec for spec in changelist.filter_specs if spec.title == title)
    return [choice["display"] for choice in spec.choices(changelist)][1:][: len(spec.lookup_choices)]


def test_side_filters_name_the_latest_documents_and_the_most_used_names_and_keep_the_chosen(admin_client):
    from timeline.editing.admin.events import SHORT_LIST

    from .factories import make_event

    common = [f"Person {n:02}" for n in range(SHORT_LIST)]
    first = make_event("The first", dt.date(2024, 12, 1), actors=("Rare Person",))
    for n in range(SHORT_LIST + 4):
        make_event(f"Event {n}", dt.date(2024, 12, 2), actors=tuple(common))
    response = admin_client.get("/admin/timeline/event/")
    documents = side_filter_choices(response, "document (latest)")
    assert len(documents) == SHORT_LIST and "The first.txt" not in documents and "Event 23.txt" in documents
    assert side_filter_choices(response, "actors (most used)") == common

    chosen = admin_client.get(f"/admin/timeline/event/?document__id__exact={first.document_id}")
    assert "The first.txt" in side_filter_choices(chosen, "document (latest)")
    rare = first.actors.get()
    chosen = admin_client.get(f"/admin/timeline/event/?actors__id__exact={rare.pk}")
    assert "Rare Person" in side_filter_choices(chosen, "actors (most used)")
    assert [event.headline for event in chosen.context["cl"].result_list] == ["The first"]


def test_an_entitys_event_count_opens_its_events(admin_client):
    from timeline.models import Location

    from .factories import make_event

    make_event("In Kharkiv", dt.date(2024, 12, 1), locations=("Kharkiv",))
    make_event("Elsewhere", dt.date(2024, 12, 1), locations=("Odesa",))
    kharkiv = Location.objects.get(name="Kharkiv")
    listing = admin_client.get("/admin/timeline/location/", {"q": "Kharkiv"}).content.decode()
    link = f"/admin/timeline/event/?locations__id__exact={kharkiv.pk}"
    assert f'<a href="{link}">1</a>' in listing
    assert [e.headline for e in admin_client.get(link).context["cl"].result_list] == ["In Kharkiv"]


def test_an_editor_writes_spellings_and_examples_one_per_line(admin_client):
    from timeline.models import Actor, Theme

    from .admin_forms import change_form_data

    actor = Actor.objects.create(name="Ann Bee", kind="person", aliases=["A. Bee", "Anne Bee"])
    url = f"/admin/timeline/actor/{actor.pk}/change/"
    assert "A. Bee\nAnne Bee</textarea>" in admin_client.get(url).content.decode()
    data = change_form_data(admin_client, url, aliases="A. Bee\n\n  Ann B. Bee  \nA. Bee\n")
    assert admin_client.post(url, data).status_code == 302
    actor.refresh_from_db()
    assert (actor.aliases, actor.after_full) == (["A. Bee", "Ann B. Bee"], [])

    refused = admin_client.post(url, change_form_data(admin_client, url, aliases="A. Bee\nAnn\x00Bee"))
    assert refused.status_code == 200 and "null character" in refused.content.decode()
    actor.refresh_from_db()
    assert actor.aliases == ["A. Bee", "Ann B. Bee"]

    theme = Theme.objects.get(slug="strikes")
    url = f"/admin/timeline/theme/{theme.pk}/change/"
    data = change_form_data(admin_client, url, examples="Drones hit the port\nA missile struck a bridge")
    assert admin_client.post(url, data).status_code == 302
    theme.refresh_from_db()
    assert theme.examples == ["Drones hit the port", "A missile struck a bridge"]
