"""The timeline benchmark: figures per filter mix, failed responses flagged, what it cannot ask skipped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from timeline.management.commands.bench_timeline import MIXES, cursor_params
from timeline.models import Event

pytestmark = pytest.mark.django_db

FIGURES = r"\s+\d+\.\d\s+\d+\.\d\s+\d+\s+\d+\.\d$"


def bench(*args: str) -> str:
    out = StringIO()
    call_command("bench_timeline", *args, stdout=out)
    return out.getvalue()


def test_it_prints_figures_for_every_mix_and_overall_on_a_generated_timeline():
    call_command("generate_timeline", "--events", "300", stdout=StringIO())
    printed = bench("--requests", "2")
    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    assert re.search(rf"^database: {engine} \d+\.\d+", printed, re.MULTILINE)
    assert "events in the database: 300" in printed
    for label, _, _ in MIXES:
        assert re.search(rf"^{re.escape(label)}{FIGURES}", printed, re.MULTILINE), label
    assert re.search(r"^overall\s+\d+\.\d\s+\d+\.\d$", printed, re.MULTILINE)
    assert re.search(r"^first request of the process: [\d,]+ ms; memory: \d+ MB at start, \d+ MB after", printed, re.M)
    update = r"^index: read whole in [\d,]+ ms; brought up to date after a live blog of [1-9]\d* entries in [\d,]+ ms$"
    assert re.search(update, printed, re.M)
    assert Event.objects.count() == 300  # the document ingested for it is gone again
    assert "WARNING" not in printed


def test_under_production_settings_every_request_is_answered(settings):
    """Its requests carry a host the settings allow, over HTTPS where plain HTTP would be redirected."""
    settings.ALLOWED_HOSTS = [".timeline.example"]
    settings.SECURE_SSL_REDIRECT = True
    call_command("generate_timeline", "--events", "100", stdout=StringIO())
    printed = bench("--requests", "2")
    assert re.search(rf"^no filter{FIGURES}", printed, re.MULTILINE)
    assert "WARNING" not in printed


def test_verbose_it_shows_how_the_database_answers_each_kind_of_search():
    call_command("generate_timeline", "--events", "300", stdout=StringIO())
    printed = bench("--requests", "2", "--verbosity", "2")
    # PostgreSQL's plan with its timings, SQLite's with its text index
    plan = r"(?s:.*)Execution Time" if connection.vendor == "postgresql" else ".*SCAN timeline_event_search"
    for label in ("common word", "rare word", "phrase", "word + theme"):
        assert re.search(rf"^{re.escape(label)}: the search for '[a-z ]+'\n{plan}", printed, re.M), label


def test_responses_other_than_200_are_flagged(settings):
    settings.ALLOWED_HOSTS = []  # no host is allowed
    call_command("generate_timeline", "--events", "100", stdout=StringIO())
    printed = bench("--requests", "2")
    assert re.search(r"^WARNING: \d+ responses were not 200 \(.*no filter 400", printed, re.MULTILINE)


def test_on_an_empty_database_it_times_what_it_can_and_skips_the_rest():
    printed = bench("--requests", "2")
    assert "events in the database: 0" in printed
    assert "one actor: skipped (fewer than 1 actors in the events)" in printed
    assert re.search(rf"^no filter{FIGURES}", printed, re.MULTILINE)


def test_the_next_page_is_asked_for_with_the_query_string_the_first_page_links_to():
    assert cursor_params('<a hx-get="/?cursor=ab%3D&amp;actor=3" hx-swap="afterend">More</a>') == {
        "cursor": ["ab="],
        "actor": ["3"],
    }
    assert cursor_params('<input type="hidden" name="cursor" value="xyz">') == {"cursor": ["xyz"]}
    assert cursor_params("<p>That is all.</p>") is None


def test_with_clients_readers_ask_gunicorn_with_production_settings_while_documents_are_ingested(tmp_path):
    environment = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}

    def manage(*arguments: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *arguments], env=environment, capture_output=True, text=True, check=True
        )
        return done.stdout

    manage("migrate", "-v0")
    manage("generate_timeline", "--events", "300")
    printed = manage("bench_timeline", "--requests", "2", "--clients", "3", "--seconds", "8", "--workers", "2")
    assert "3 readers for 8 s against gunicorn (2 workers, production settings)" in printed
    assert re.search(r"^first request after start: [\d,]+ ms \(status 200\)$", printed, re.M)
    assert re.search(r"^answers: [\d,]+ \([\d.]+ a second\), p50 \d+ ms, p95 \d+ ms, errors 0$", printed, re.M)
    assert re.search(
        r"^ingested meanwhile by one ingest_worker: [1-9]\d* of \d+ documents queued \([\d.]+ MB\), 0 failed",
        printed,
        re.M,
    )
    # How late readers saw the documents: a small index is read again within 3 s (`TIMELINE_INDEX_MAX_AGE`).
    assert re.search(r"^readers saw each document p50 \d+ s, at most \d+ s after it was stored \([1-9]", printed, re.M)
    assert re.search(r"^p95 by the 10 s they were asked in: [\d,]+ ms$", printed, re.M)  # all within 8 s
    assert re.search(r"^workers' memory after: \d+ MB, \d+ MB$", printed, re.M)
    left = (
        "from timeline.models import Document, IngestJob; "
        "print(Document.objects.filter(source__startswith='meanwhile-').count(), IngestJob.objects.count())"
    )
    assert manage("shell", "-v", "0", "-c", left).strip() == "0 0"  # what was ingested meanwhile is removed again
