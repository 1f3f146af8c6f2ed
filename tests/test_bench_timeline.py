"""The timeline benchmark: figures per filter mix, failed responses flagged, what it cannot ask skipped."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from timeline.management.commands.bench_timeline import MIXES, cursor_params

pytestmark = pytest.mark.django_db

FIGURES = r"\s+\d+\.\d\s+\d+\.\d\s+\d+\s+\d+\.\d$"


def bench(*args: str) -> str:
    out = StringIO()
    call_command("bench_timeline", *args, stdout=out)
    return out.getvalue()


def test_it_prints_figures_for_every_mix_and_overall_on_a_generated_timeline():
    call_command("generate_timeline", "--events", "300", stdout=StringIO())
    printed = bench("--requests", "2")
    assert "events in the database: 300" in printed
    for label, _, _ in MIXES:
        assert re.search(rf"^{re.escape(label)}{FIGURES}", printed, re.MULTILINE), label
    assert re.search(r"^overall\s+\d+\.\d\s+\d+\.\d$", printed, re.MULTILINE)
    assert "WARNING" not in printed


def test_responses_other_than_200_are_flagged(settings):
    settings.ALLOWED_HOSTS = ["timeline.example"]
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
