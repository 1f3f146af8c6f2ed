"""The ingest command: folders, bad files named with a reason, good files kept, nothing half-written."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from timeline.models import Document, Event

from .factories import LIVE_BLOG

pytestmark = pytest.mark.django_db


def run_ingest(*args) -> tuple[str, str, CommandError | None]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_it_ingests_the_seed_folder_and_flags_the_undated_documents(seeds_dir):
    out, _, error = run_ingest(seeds_dir)
    assert error is None
    assert Document.objects.count() == 5
    assert set(Document.objects.filter(needs_review=True).values_list("source", flat=True)) == {
        "001_d1008274a1de1b32.txt",
        "002_1ad3d6f4e8365d5d.txt",
        "003_2f28c85e07feee24.txt",
    }
    assert not Event.objects.filter(document__needs_review=True, reported_on__isnull=False).exists()
    assert "NO DATE in the text" in out


def test_a_folder_mixing_good_and_bad_files_names_each_bad_one_and_keeps_the_good(tmp_path):
    (tmp_path / "good.txt").write_text(LIVE_BLOG, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "latin1.txt").write_bytes("Kyiv said on Monday that the café was hit.".encode("cp1252"))
    (tmp_path / "half.txt").write_bytes("Kyiv said on Monday — the".encode() + "—".encode()[:2])
    (tmp_path / "huge.txt").write_bytes(b"Kyiv. " * 400_000)
    out, err, error = run_ingest(tmp_path)
    assert error is not None and "6 of 7 files could not be ingested" in str(error)
    assert "empty.txt: empty" in err and "blank.txt: empty" in err
    assert "binary.txt: binary" in err
    assert "latin1.txt: not UTF-8" in err and "--encoding cp1252" in err
    assert "half.txt: ends in the middle of a character" in err
    assert "huge.txt: too large" in err
    assert list(Document.objects.values_list("source", flat=True)) == ["good.txt"]
    assert "Traceback" not in err


def test_a_cp1252_file_is_ingested_when_its_encoding_is_given(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kyiv café hit by drone\nA drone hit a café in Kyiv on Monday, the mayor said.".encode("cp1252"))
    _, _, error = run_ingest(path, "--encoding", "cp1252", "--published", "2024-03-05")
    assert error is None
    assert Event.objects.get().headline == "Kyiv café hit by drone"


def test_a_missing_path_is_named_and_the_others_still_ingested(tmp_path, seeds_dir):
    shutil.copy(seeds_dir / "000_c05d5b03268e8ac3.txt", tmp_path)
    _, err, error = run_ingest(tmp_path, tmp_path / "nope.txt")
    assert error is not None and "nope.txt: no such file or folder" in err
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2024-02-30"], "not a date in the form YYYY-MM-DD"),
        (["--published", "yesterday"], "not a date in the form YYYY-MM-DD"),
        (["--timezone", "Mars/Olympus"], "not a time zone name"),
        (["--url", "news.example.org/live"], "is not a web address"),
        (["--url", "javascript:alert(1)"], "is not a web address"),
        (["--outlet", "x" * 201], "at most 200 are kept"),
    ],
)
def test_bad_options_are_refused_with_a_message(tmp_path, args, message):
    path = tmp_path / "a.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")
    _, _, error = run_ingest(path, *args)
    assert error is not None and message in str(error)
    assert not Document.objects.exists()


def test_ingesting_the_same_file_again_changes_nothing(tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")
    run_ingest(path)
    before = list(Event.objects.values_list("id", "headline", "reported_at", "duplicate_of"))
    out, _, _ = run_ingest(path)
    assert "unchanged blog.txt" in out
    assert list(Event.objects.values_list("id", "headline", "reported_at", "duplicate_of")) == before


def test_a_failure_while_writing_leaves_no_half_written_document(tmp_path, monkeypatch):
    path = tmp_path / "blog.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Event.objects, "bulk_update", explode)
    with pytest.raises(RuntimeError):
        run_ingest(path)
    assert not Document.objects.exists() and not Event.objects.exists()


def test_the_export_follows_the_contract(seeds_dir):
    import json
    from io import StringIO

    run_ingest(seeds_dir / "004_1665a3bc29fa3434.txt", "--timezone", "Europe/London")
    out = StringIO()
    call_command("export_events", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["documents"][0]["source"] == "004_1665a3bc29fa3434.txt"
    first = next(e for e in payload["events"] if e["position"] == 0)
    assert first["reported_at"] == "2024-12-04T09:01:00+00:00"
    assert (first["occurred_on"], first["date_precision"], first["date_basis"]) == ("2024-12-04", "minute", "timestamp")
    assert set(first) >= {
        "id",
        "source",
        "headline",
        "body",
        "needs_review",
        "duplicate_of",
        "actors",
        "locations",
        "themes",
    }


def test_a_nul_byte_deep_in_a_file_is_named_and_the_batch_goes_on(tmp_path):
    (tmp_path / "damaged.txt").write_bytes(LIVE_BLOG.encode() * 40 + b"\x00" + b"tail")
    (tmp_path / "good.txt").write_text(LIVE_BLOG, encoding="utf-8")
    _, err, error = run_ingest(tmp_path)
    assert error is not None and "damaged.txt: a NUL character at character" in err
    assert list(Document.objects.values_list("source", flat=True)) == ["good.txt"]


def test_a_utf16_file_with_its_byte_order_mark_is_ingested(tmp_path):
    (tmp_path / "blog.txt").write_bytes(LIVE_BLOG.encode("utf-16"))
    _, err, error = run_ingest(tmp_path)
    assert error is None, err
    assert Document.objects.get().events.count() == 4


def test_files_of_the_same_name_from_two_folders_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "article.txt").write_text(LIVE_BLOG, encoding="utf-8")
    (tmp_path / "b" / "article.txt").write_text(LIVE_BLOG.replace("Allies agree", "Leaders agree"), encoding="utf-8")
    run_ingest(tmp_path / "a" / "article.txt")
    _, err, error = run_ingest(tmp_path / "b" / "article.txt")
    assert error is not None and "--as NAME to keep both, or --replace" in err
    assert Event.objects.filter(headline__startswith="Allies agree").exists()
    _, err, error = run_ingest(tmp_path / "b" / "article.txt", "--as", "article-b.txt")
    assert error is None, err
    assert sorted(Document.objects.values_list("source", flat=True)) == ["article-b.txt", "article.txt"]
    _, err, error = run_ingest(tmp_path / "b" / "article.txt", "--replace")
    assert error is None, err
    assert Document.objects.get(source="article.txt").events.filter(headline__startswith="Leaders agree").exists()


def test_a_changed_file_from_the_same_place_updates_its_document(tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")
    run_ingest(path)
    path.write_text(LIVE_BLOG + "\nLater\n23:00 , Anna Bell\nMore.\n", encoding="utf-8")
    out, err, error = run_ingest(path)
    assert error is None and "updated blog.txt" in out


def test_a_file_of_more_entries_than_a_document_may_hold_is_refused_with_the_figures(tmp_path, settings):
    settings.TIMELINE_MAX_DOCUMENT_ENTRIES = 50
    stamps = "".join(f"{n % 24:02d}:{n % 60:02d}\nHeadline number {n}\nBody {n}.\n" for n in range(60))
    (tmp_path / "dense.txt").write_text(stamps, encoding="utf-8")
    _, err, error = run_ingest(tmp_path / "dense.txt")
    assert error is not None and "dense.txt: 60 entries: more than a document may hold (50)" in err
    assert not Document.objects.exists()


def test_a_text_of_far_more_clock_lines_than_entries_allowed_is_refused_before_it_is_read():
    from timeline.ingest import parse_document
    from timeline.ingest.files import UnreadableDocument

    def blog(entries: int) -> str:
        return "".join(f"{n % 24:02d}:{n % 60:02d}\nHeadline number {n}\nBody {n}.\n" for n in range(entries))

    with pytest.raises(UnreadableDocument, match="101 lines open with a time: far more entries than a document may"):
        parse_document(blog(101), max_entries=50)
    with pytest.raises(UnreadableDocument, match="^100 entries: more than a document may hold"):
        parse_document(blog(100), max_entries=50)  # up to twice the limit, the entries themselves are counted
    assert len(parse_document(blog(101)).events) == 101  # no limit given, none applies


def test_a_documents_title_outlet_and_address_given_on_the_command_line_are_kept_over_later_ingests(tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text(LIVE_BLOG, encoding="utf-8")
    given = ["--title", "Harbour strikes live", "--outlet", "The Daily Example", "--url", "https://news.example.org/l"]
    _, _, error = run_ingest(path, *given)
    assert error is None
    document = Document.objects.get()
    assert (document.title, document.outlet, document.url) == (
        "Harbour strikes live",
        "The Daily Example",
        "https://news.example.org/l",
    )
    assert document.label == "The Daily Example: Harbour strikes live"
    path.write_text(LIVE_BLOG + "\nOne more line for the last entry.\n", encoding="utf-8")
    run_ingest(path)  # the text changed, and says nothing of its title: what was given stays
    document.refresh_from_db()
    assert (document.title, document.outlet) == ("Harbour strikes live", "The Daily Example")
    assert document.edited_fields == ["outlet", "title", "url"]


def test_a_title_is_one_documents_and_is_refused_for_a_folder(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(LIVE_BLOG, encoding="utf-8")
    _, _, error = run_ingest(tmp_path, "--title", "Both of them")
    assert error is not None and "give exactly one file" in str(error)
    assert not Document.objects.exists()
    _, _, error = run_ingest(tmp_path, "--outlet", "The Daily Example")  # an outlet may be the whole folder's
    assert error is None
    assert set(Document.objects.values_list("outlet", flat=True)) == {"The Daily Example"}
