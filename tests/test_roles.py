"""Editors correct the timeline but do not manage users; the admin needs a staff login; readers see no admin."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.models import Event

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, ingest_text, make_editor

pytestmark = pytest.mark.django_db


def test_the_editors_group_may_change_the_timeline_and_nothing_else():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    for model in ("document", "event", "actor", "location", "theme"):
        assert {f"change_{model}", f"view_{model}"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_an_editor_corrects_an_event(client):
    client.force_login(make_editor())
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    url = f"/admin/timeline/event/{event.pk}/change/"
    response = client.post(url, change_form_data(client, url, editor_reported_on=dt.date(2024, 12, 1)))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).date_basis == "editor"


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_an_editor_cannot_reach_user_management(client, url):
    client.force_login(make_editor())
    assert client.get(url).status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/auth/" not in index and "/admin/timeline/event/" in index


def test_an_editor_cannot_make_themselves_a_superuser(client):
    editor = make_editor()
    client.force_login(editor)
    response = client.post(f"/admin/auth/user/{editor.pk}/change/", {"username": "editor", "is_superuser": "on"})
    assert response.status_code == 403
    assert not User.objects.get(pk=editor.pk).is_superuser


def test_the_admin_needs_a_staff_login(client):
    response = client.get("/admin/timeline/event/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    User.objects.create_user("reader", password="a-long-reader-password")
    assert client.login(username="reader", password="a-long-reader-password")
    response = client.get("/admin/timeline/event/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("path", ["/", "/events/{pk}/"])
def test_the_public_pages_show_no_admin_controls_even_to_an_editor(client, path):
    ingest_text(LIVE_BLOG)
    client.force_login(make_editor())
    page = client.get(path.format(pk=Event.objects.first().pk)).content.decode()
    assert "/admin" not in page and "csrfmiddlewaretoken" not in page


def test_create_editor_makes_a_staff_account_in_the_editors_group(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-password")
    out = StringIO()
    call_command("create_editor", "anna", "--no-input", stdout=out)
    anna = User.objects.get(username="anna")
    assert anna.is_staff and not anna.is_superuser and anna.check_password("a-long-editor-password")
    assert list(anna.groups.values_list("name", flat=True)) == ["Editors"]
    assert "Editor 'anna' created" in out.getvalue()


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "No password"), ("123", "This password is too short")],
)
def test_create_editor_refuses_a_missing_or_weak_password(monkeypatch, password, message):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", "anna", "--no-input")
    assert not User.objects.filter(username="anna").exists()


def test_create_editor_refuses_a_name_in_use(monkeypatch):
    make_editor("anna")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-password")
    with pytest.raises(CommandError, match="already an account called 'anna'"):
        call_command("create_editor", "anna", "--no-input")


def test_the_demo_says_how_to_create_an_editor(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # no seeds/ there: the demo reports it and carries on
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out, stderr=StringIO())
    assert "python manage.py create_editor NAME" in out.getvalue()
