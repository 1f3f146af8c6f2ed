"""Backup and restore: the whole timeline, editors' work and history included, survives a move to a new database."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.models import Actor, Document, Event, Location, RejectedName, Revision, ThemeRule
from timeline.settings import ROOT_DIR
from timeline.store.tags import record_editor_tags

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db


def editors_at_work() -> None:
    """A timeline as editors leave it: documents dated, events corrected, tags chosen, names rejected."""
    ingest_text(LIVE_BLOG, source="blog.txt")
    ingest_text(UNDATED_ROUNDUP, source="undated.txt", published=dt.date(2023, 9, 16))
    event = Event.objects.get(document__source="blog.txt", position=0)
    event.editor_reported_on = dt.date(2024, 12, 1)
    event.editor_reported_time = dt.time(8, 30)
    event.editor_occurred_on = dt.date(2024, 11, 30)
    event.refresh()
    event.save()
    kyiv = Location.objects.get(name="Kyiv")
    record_editor_tags(event, {"actor": set(), "location": {kyiv.pk}, "theme": set()})
    event.locations.add(kyiv)
    Actor.objects.create(name="Unheard Of Person", reviewed=False)
    RejectedName.objects.create(kind="actor", name="Somebody Else", folded="somebody else")
    editor = User.objects.create_user("editor", password="a long editor password", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])


def rows(path: Path) -> list[dict]:
    """A backup's rows in one order, whatever order the database gave them in."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as file:
        return sorted(json.load(file), key=lambda row: json.dumps(row, sort_keys=True))


def manage(*args: str, database: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, "DATABASE_URL": f"sqlite:///{database}"},
        cwd=ROOT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_restore_into_a_new_database_loses_nothing(tmp_path):
    editors_at_work()
    # Django's JSON would write this as .000Z, and the restored database would hold a different time.
    to_the_microsecond = dt.datetime(2024, 12, 1, 8, 30, 5, 412, tzinfo=dt.UTC)
    ThemeRule.objects.filter(pk=ThemeRule.objects.first().pk).update(updated_at=to_the_microsecond)
    before = tmp_path / "before.json.gz"
    call_command("backup", str(before), stdout=io.StringIO())
    new_database = tmp_path / "new.sqlite3"
    outputs = []
    for step in (("migrate", "--no-input"), ("restore", str(before)), ("backup", str(tmp_path / "after.json.gz"))):
        result = manage(*step, database=new_database)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert "restored 2 documents and 6 events" in outputs[1]
    saved, restored = rows(before), rows(tmp_path / "after.json.gz")
    assert restored == saved
    kinds = {row["model"] for row in saved}
    assert {"timeline.document", "timeline.event", "timeline.tagdecision", "timeline.rejectedname"} <= kinds
    assert "timeline.historicalevent" in kinds
    assert "auth.user" in kinds
    corrected = next(r for r in saved if r["model"] == "timeline.event" and r["fields"]["editor_reported_on"])
    assert corrected["fields"]["editor_reported_time"] == "08:30:00"
    assert any(row["fields"].get("updated_at") == "2024-12-01T08:30:05.000412Z" for row in saved)


def test_restore_refuses_a_database_that_holds_documents(tmp_path):
    ingest_text(LIVE_BLOG, source="blog.txt")
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds 1 documents"):
        call_command("restore", str(path))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut off mid-write
        lambda text: text.replace('"timeline.event"', '"timeline.nonsense"', 1),
        lambda text: text.replace('"headline": "', '"headline": 17, "x": "', 1),
        lambda text: "",
    ],
    ids=["truncated", "unknown model", "wrong field", "empty"],
)
def test_a_damaged_backup_is_named_and_writes_nothing(tmp_path, damage):
    editors_at_work()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=io.StringIO())
    Document.objects.all().delete()
    actors = Actor.objects.count()
    path.write_text(damage(path.read_text()))
    with pytest.raises(CommandError, match="not restored, nothing was written"):
        call_command("restore", str(path))
    assert Document.objects.count() == 0
    assert Actor.objects.count() == actors


def test_a_restore_renews_what_readers_see(tmp_path):
    editors_at_work()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=io.StringIO())
    Document.objects.all().delete()
    revision = Revision.current()
    call_command("restore", str(path), stdout=io.StringIO())
    assert Revision.current() > revision
    assert Event.objects.filter(editor_reported_on=dt.date(2024, 12, 1)).count() == 1


def test_restore_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="not restored, nothing was written"):
        call_command("restore", str(tmp_path / "nowhere.json"))


def test_backup_names_a_file_it_could_not_read_back(tmp_path):
    with pytest.raises(CommandError, match="name the file .json or .json.gz"):
        call_command("backup", str(tmp_path / "backup.txt"))


def test_a_backup_beside_its_compressed_twin_restores(tmp_path):
    editors_at_work()
    call_command("backup", str(tmp_path / "backup.json"), stdout=io.StringIO())
    call_command("backup", str(tmp_path / "backup.json.gz"), stdout=io.StringIO())
    Document.objects.all().delete()
    call_command("restore", str(tmp_path / "backup.json"), stdout=io.StringIO())
    assert Event.objects.filter(editor_reported_on=dt.date(2024, 12, 1)).count() == 1


def test_a_truncated_compressed_backup_is_named_and_writes_nothing(tmp_path):
    editors_at_work()
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    Document.objects.all().delete()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(CommandError, match="not restored, nothing was written"):
        call_command("restore", str(path))
    assert Document.objects.count() == 0


def test_a_backup_from_before_slugs_restores_with_a_slug_for_every_name(tmp_path):
    editors_at_work()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=io.StringIO())
    older = json.loads(path.read_text())
    for row in older:
        if row["model"] in ("timeline.actor", "timeline.location"):
            del row["fields"]["slug"], row["fields"]["former_slugs"]
    path.write_text(json.dumps(older))
    Document.objects.all().delete()
    call_command("restore", str(path), stdout=io.StringIO())
    assert Actor.objects.get(name="Unheard Of Person").slug == "unheard-of-person"
    assert Location.objects.get(name="Kyiv").slug == "kyiv"
    assert not Location.objects.filter(slug="").exists()
