"""An editor adds a document in the admin, by file or pasted text; the request queues it for the ingest worker, which
puts it through the ingest's own pipeline, and what cannot be ingested is refused with the ingest's own reasons,
writing nothing: in the form when the text cannot be read, on the job's page when reading it finds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from timeline.models import Document, Event, IngestJob
from timeline.store.jobs import work

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db

ADD = "/admin/timeline/document/add/"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def add(client, data: dict):
    """Sends the form, lets the worker run what it queued, and opens the job's page as the editor's browser would."""
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    job = IngestJob.objects.latest("pk")
    assert response["Location"] == f"/admin/timeline/document/ingesting/{job.pk}/"
    work(once=True)
    return client.get(response["Location"], follow=True)


def test_uploading_a_file_ingests_it_and_lands_on_what_was_found(editor_client):
    response = add(editor_client, {"file": upload("blog.txt", LIVE_BLOG.encode()), "timezone": "Europe/Kyiv"})
    document = Document.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/timeline/document/{document.pk}/ingested/"
    assert (document.source, document.timezone, document.layout) == ("blog.txt", "Europe/Kyiv", "liveblog")
    page = response.content.decode()
    assert "4 events" in page and "Allies agree new air defence package" in page
    assert f"/admin/timeline/event/{Event.objects.get(position=0).pk}/change/" in page
    first = Event.objects.get(position=0)
    assert first.reported_at == dt.datetime(2024, 12, 3, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_pasted_text_without_a_date_shows_what_needs_review(editor_client):
    response = add(editor_client, {"text": UNDATED_ROUNDUP, "timezone": "UTC"})
    document = Document.objects.get()
    assert document.source == "war-in-ukraine-the-latest.txt" and document.needs_review
    page = response.content.decode()
    assert "The text states no date." in page and "2 events need an editor" in page


def test_pasted_text_with_a_published_date_dates_its_events(editor_client):
    add(editor_client, {"text": UNDATED_ROUNDUP, "name": "roundup.txt", "published": "2023-09-16", "timezone": "UTC"})
    document = Document.objects.get(source="roundup.txt")
    assert (document.published, document.published_basis) == (dt.date(2023, 9, 16), "editor")
    assert Event.objects.get(position=1).occurred_on == dt.date(2023, 9, 13)


def test_adding_a_document_of_the_same_name_again_keeps_the_editors_corrections(editor_client):
    add(editor_client, {"text": LIVE_BLOG, "name": "blog.txt", "timezone": "UTC"})
    event = Event.objects.get(position=0)
    event.editor_reported_on = dt.date(2024, 12, 1)
    event.refresh()
    event.save()
    changed = LIVE_BLOG + "\nLater\n23:00 , Anna Bell\nMore.\n"
    page = add(editor_client, {"text": changed, "name": "blog.txt", "timezone": "UTC", "replace": "on"})
    assert "5 events updated; 1 editor&#x27;s correction kept." in page.content.decode()
    assert Document.objects.count() == 1
    assert Event.objects.get(pk=event.pk).reported_on == dt.date(2024, 12, 1)
    assert Document.objects.get().events.count() == 5


def test_a_second_text_of_the_same_name_is_refused_unless_it_is_to_replace_the_first(editor_client):
    add(editor_client, {"text": LIVE_BLOG, "name": "blog.txt", "timezone": "UTC"})
    other = LIVE_BLOG.replace("allies meet in Brussels", "allies meet in Brussels").replace(
        "Allies agree", "Leaders agree"
    )
    response = editor_client.post(ADD, {"text": other, "name": "blog.txt", "timezone": "UTC"})
    assert response.status_code == 200
    assert "is already called" in " ".join(response.context["form"].errors["name"])
    assert Document.objects.count() == 1 and IngestJob.objects.count() == 1
    assert Event.objects.filter(headline__startswith="Allies agree").exists()


def test_pasted_text_named_after_a_title_already_taken_is_refused_by_the_worker(editor_client):
    add(editor_client, {"text": LIVE_BLOG, "timezone": "UTC"})
    other = LIVE_BLOG.replace("Allies agree", "Leaders agree")
    page = add(editor_client, {"text": other, "timezone": "UTC"}).content.decode()
    assert "A document is already called ukraine-war-live-allies-meet-in-brussels.txt" in page
    assert "Nothing was saved." in page and "hx-get" not in page  # finished: the page stops asking
    assert Document.objects.count() == 1
    assert not Event.objects.filter(headline__startswith="Leaders agree").exists()
    assert IngestJob.objects.latest("pk").text == ""  # the refused text is not kept in the queue


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"file": upload("empty.txt", b"  \n")}, "file", "empty: the file has no text"),
        ({"file": upload("image.txt", b"\x89PNG\x00\x00\x01binary")}, "file", "binary: this is not a text file"),
        ({"file": upload("latin.txt", "Kyiv café news\n".encode("cp1252") * 3)}, "file", "choose Windows-1252"),
        ({"file": upload("big.txt", b"x" * 2001)}, "file", "too large: 2,001 bytes, the limit is 2,000"),
        ({"text": LIVE_BLOG, "timezone": "Kyiv time"}, "timezone", "“Kyiv time” is not a time zone."),
        ({"text": LIVE_BLOG, "published": "2023-02-29"}, "published", "Not a real date"),
    ],
)
def test_what_cannot_be_ingested_is_refused_with_a_reason_and_nothing_is_written(
    editor_client, settings, data, field, message
):
    settings.TIMELINE_MAX_DOCUMENT_BYTES = 2000
    response = editor_client.post(ADD, {"timezone": "UTC", **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Document.objects.exists() and not Event.objects.exists() and not IngestJob.objects.exists()


def test_a_text_without_news_entries_is_refused_on_its_page_and_nothing_is_written(editor_client):
    page = add(editor_client, {"text": "Share this article\nYou might also like\n", "timezone": "UTC"})
    assert "This text cannot be ingested: no news entries were found in it. Nothing was saved." in page.content.decode()
    assert IngestJob.objects.get().state == "failed"
    assert not Document.objects.exists() and not Event.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": LIVE_BLOG, "file": upload("blog.txt", LIVE_BLOG.encode())},
        {"text": LIVE_BLOG, "url": "https://a.example/"},
    ],
)
def test_the_document_comes_one_way(editor_client, data):
    response = editor_client.post(ADD, {"timezone": "UTC", **data})
    assert "upload a file, paste its text, or give its address" in " ".join(response.context["form"].non_field_errors())
    assert not Document.objects.exists()


def test_adding_and_its_result_need_the_editors_permissions(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("viewer", is_staff=True))
    assert client.post(ADD, {"text": LIVE_BLOG, "timezone": "UTC"}).status_code == 403
    assert not Document.objects.exists() and not IngestJob.objects.exists()
    document = ingest_text(LIVE_BLOG).document
    assert client.get(f"/admin/timeline/document/{document.pk}/ingested/").status_code == 403
    job = IngestJob.objects.create(text=LIVE_BLOG)
    assert client.get(f"/admin/timeline/document/ingesting/{job.pk}/").status_code == 403


def test_a_file_in_windows_1252_is_read_when_its_encoding_is_chosen(editor_client):
    text = LIVE_BLOG.replace("Allies agree", "Allies agree (café talks)")
    add(editor_client, {"file": upload("latin.txt", text.encode("cp1252")), "encoding": "cp1252", "timezone": "UTC"})
    assert Event.objects.filter(headline__contains="café").exists()


def test_a_utf16_file_with_its_byte_order_mark_is_text(editor_client):
    add(editor_client, {"file": upload("blog.txt", LIVE_BLOG.encode("utf-16")), "timezone": "UTC"})
    assert Event.objects.count() == 4


def test_a_nul_byte_deep_in_a_file_is_refused_with_a_reason_and_nothing_is_written(editor_client):
    response = editor_client.post(
        ADD, {"file": upload("nul.txt", LIVE_BLOG.encode() * 40 + b"\x00tail"), "timezone": "UTC"}
    )
    assert response.status_code == 200
    assert "a NUL character at character" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()
