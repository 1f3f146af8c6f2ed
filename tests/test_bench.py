"""The ingest benchmark runs on its synthetic corpus, prints its figures, and leaves the database as it was."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from timeline.bench import synthetic_corpus
from timeline.ingest import parse_document
from timeline.models import Document

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_throughput_and_stores_nothing():
    out = StringIO()
    call_command("bench_ingest", "--megabytes", "0.2", stdout=out)
    printed = out.getvalue()
    assert "parse:" in printed and "parse+store:" in printed and "MB/s" in printed
    assert not Document.objects.exists()


def test_the_synthetic_corpus_is_deterministic_and_in_the_seeds_layouts():
    corpus = synthetic_corpus(300_000, seed=7)
    assert corpus == synthetic_corpus(300_000, seed=7)
    layouts = {parse_document(text).layout for _, text in corpus}
    assert layouts == {"liveblog", "roundup", "article"}
