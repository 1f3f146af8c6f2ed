"""Whole documents generated at random, in the layouts outlets use and in ones nobody would write: the pipeline
finishes without raising, dates each entry as it was written, and gives no date where the text states none.

How the time it takes grows with the text is measured by `bench_ingest --generated`, not here."""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import parse_document
from timeline.ingest.dates import FIRST_DAY, LAST_DAY, resolve
from timeline.ingest.files import UnreadableDocument, decode_document
from timeline.models import Document, Event
from timeline.store.documents import store_document
from timeline.tooling.generated_blogs import STYLES, generated_blog

randoms = st.randoms(use_true_random=False)
styles = st.sampled_from(STYLES)


def dated(document):
    return [resolve(event.when(), document.published, "UTC", "") for event in document.events]


@settings(max_examples=150)
@given(randoms, st.integers(min_value=2, max_value=40), styles)
def test_every_entry_gets_the_moment_it_was_written_with_or_none_when_no_day_is_stated(rng, entries, style):
    blog = generated_blog(rng, entries, style)
    document = parse_document(blog.text)
    assert [event.headline for event in document.events] == blog.headlines
    for dating, posted in zip(dated(document), blog.posted, strict=True):
        if blog.states_days:
            assert dating.reported_at == posted, dating.note
        else:
            assert dating.reported_on is None, dating.note


@settings(max_examples=60)
@given(randoms, styles)
def test_a_blog_of_one_entry_is_never_given_a_day_it_does_not_state(rng, style):
    blog = generated_blog(rng, 1, style)
    days = {dating.reported_on for dating in dated(parse_document(blog.text))} - {None}
    assert days <= ({blog.posted[0].date()} if blog.states_days else set())


@settings(max_examples=60)
@given(randoms, styles, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]))
def test_a_blog_reads_the_same_in_any_encoding_it_comes_in(rng, style, encoding):
    blog = generated_blog(rng, rng.randint(2, 12), style)
    declared = "cp1252" if encoding == "cp1252" else "utf-8"
    assert decode_document(blog.text.encode(encoding), max_bytes=2_000_000, encoding=declared) == blog.text


# Lines of every kind a page holds, and garbage: stamps of every style, clocks and dates that cannot be,
# huge and empty lines, control and foreign characters.
def _stamp_line(rng: random.Random) -> str:
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(60 * 24 * 400))
    return rng.choice(STYLES).write(moment.astimezone(rng.choice(STYLES).zone), "Ana Ortega")


impossible = st.sampled_from(
    ["31/02/99 25:61", "99:99", "0/0/0000 00:00", "Monday 45 Smarch 20245", "13/13/13 13:13 PM ET", "9999-12-31",
     "Published December 5, 9999", "Updated 1 January 0001", "24:00 , ", "12.60pm GMT", "yesterday at noon"]
)  # fmt: skip
line = st.one_of(
    randoms.map(_stamp_line),
    impossible,
    st.text(st.characters(exclude_characters="\x00"), max_size=120),  # a document read from a file never holds NUL
    st.text(alphabet=string.ascii_letters + string.digits + " .,:/-", max_size=80),
    st.sampled_from(["", " ", "Advertisement", "Related", "Share", "By Ana Ortega", "Key events", "-"]),
    st.integers(min_value=1, max_value=5000).map(lambda n: "news " * n),
)


@settings(max_examples=200)
@given(st.lists(line, max_size=60))
def test_any_lines_are_read_without_an_error_and_with_days_inside_the_timeline(lines):
    text = "\n".join(lines)
    try:
        document = parse_document(text, max_entries=5000)
    except UnreadableDocument:
        return
    for dating in dated(document):
        for day in (dating.reported_on, dating.occurred_on):
            assert day is None or FIRST_DAY <= day <= LAST_DAY
    if not any(ch.isdigit() for ch in text):
        assert all(dating.reported_at is None for dating in dated(document))


@pytest.mark.django_db
# The clutter lines are long by design; hypothesis would otherwise refuse a run in which many of them came out long.
@settings(max_examples=25, suppress_health_check=[HealthCheck.data_too_large])
@given(randoms, st.integers(min_value=1, max_value=25), styles, st.lists(line, max_size=8))
def test_a_stored_blog_is_flagged_exactly_when_it_states_no_day_and_storing_it_again_changes_nothing(
    rng, entries, style, clutter
):
    blog = generated_blog(rng, entries, style)
    text = blog.text + "\n".join(clutter)
    try:
        parsed = parse_document(text, max_entries=5000)
    except UnreadableDocument:
        return
    Document.objects.filter(source="generated.txt").delete()
    stored = store_document(parsed, source="generated.txt", text=text)
    events = list(Event.objects.filter(document=stored.document))
    assert len(events) == len(parsed.events)
    if not blog.states_days and not any(ch.isdigit() for ch in "".join(clutter)):
        assert stored.document.needs_review and all(e.reported_on is None and e.needs_review for e in events)
    again = store_document(parse_document(text, max_entries=5000), source="generated.txt", text=text)
    assert again.outcome == "unchanged"
    assert list(Event.objects.filter(document=stored.document).values_list("pk", flat=True)) == [e.pk for e in events]
