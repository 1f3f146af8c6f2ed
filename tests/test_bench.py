"""The ingest benchmark runs on its synthetic corpus, prints its figures, and leaves the database as it was."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from timeline.ingest import looks_like_html, parse_document, parse_page
from timeline.ingest.files import UnreadableDocument
from timeline.models import Document
from timeline.tooling.generated_blogs import STYLES
from timeline.tooling.ingest_corpus import (
    HOSTILE_PAGES,
    HOSTILE_UNITS,
    hostile_corpus,
    synthetic_corpus,
    synthetic_documents,
)

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_throughput_and_stores_nothing():
    out = StringIO()
    call_command(
        "bench_ingest", "--megabytes", "0.2", "--hostile-megabytes", "0.01", "0.02", "--repeat", "2", stdout=out
    )
    printed = out.getvalue()
    assert "the fastest of 2:" in printed
    assert "parse:" in printed and "parse+store+tag:" in printed and "tagging adds" in printed
    assert "the fastest of 2 each (run by run: " in printed
    hostile = len(HOSTILE_UNITS) + len(STYLES) + len(HOSTILE_PAGES)
    assert printed.count(" s/MB (") == 2 * hostile and "hostile slowest:" in printed
    assert "generated live blog, clock under a date header" in printed
    assert not Document.objects.exists()


def test_the_benchmark_refuses_no_repeat():
    with pytest.raises(CommandError, match="--repeat must be 1 or more"):
        call_command("bench_ingest", "--repeat", "0", stdout=StringIO())


def test_every_hostile_document_is_as_long_as_asked_and_parses():
    for name, text in hostile_corpus(20_000):
        assert len(text) == 20_000, name
        assert parse_document(text).layout in ("liveblog", "roundup", "article"), name


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_every_hostile_page_is_a_whole_page_as_long_as_asked_and_is_read_as_one(name):
    page = HOSTILE_PAGES[name](20_000)
    assert abs(len(page) - 20_000) < 3_000 and page.endswith("</html>")
    assert looks_like_html(page)
    try:
        parse_page(page)
    except UnreadableDocument as refused:  # a page with no text worth keeping says so
        assert "no readable text" in str(refused)


def test_the_synthetic_corpus_is_deterministic():
    assert synthetic_corpus(200_000, seed=7) == synthetic_corpus(200_000, seed=7)


def test_each_synthetic_document_parses_into_the_layout_and_entries_it_was_written_with():
    for document in synthetic_documents(400_000, seed=3):
        parsed = parse_document(document.text)
        assert parsed.layout == document.layout, document.name
        assert len(parsed.events) == document.entries, document.name
