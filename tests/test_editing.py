"""Editors correct events and date documents in the admin; what they set is checked, takes effect at once, and
survives every later ingest."""

from __future__ import annotations

import datetime as dt
import html
import re
from io import StringIO

import pytest
from django.core.management import call_command

from timeline.ingest.dates import find_mention, occurred_from
from timeline.models import Document, Event, Location, Revision, Theme

from .admin_forms import change_form_data
from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db


def event_url(event: Event) -> str:
    return f"/admin/timeline/event/{event.pk}/change/"


def document_url(document: Document) -> str:
    return f"/admin/timeline/document/{document.pk}/change/"


def post_event(client, event: Event, **changes):
    return client.post(event_url(event), change_form_data(client, event_url(event), **changes))


def test_an_editor_sets_date_time_zone_and_precision(editor_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=2)
    response = post_event(
        editor_client,
        event,
        editor_reported_on=dt.date(2024, 12, 2),
        editor_reported_time=dt.time(23, 5),
        editor_timezone="kyiv",  # a city finds its zone
        editor_precision="minute",
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.reported_at == dt.datetime(2024, 12, 2, 21, 5, tzinfo=dt.UTC)
    assert (event.date_basis, event.date_precision, event.needs_review) == ("editor", "minute", False)
    assert event.timezone == "Europe/Kyiv" and event.when.text == "23:05 EET"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"editor_reported_time": dt.time(9, 0)}, "editor_reported_time", "A time needs a date"),
        ({"editor_reported_on": "2023-02-30"}, "editor_reported_on", "Not a real date"),
        ({"editor_occurred_on": "2024-13-01"}, "editor_occurred_on", "Not a real date"),
        (
            {"editor_reported_on": dt.date(2024, 12, 1), "editor_occurred_on": dt.date(2024, 12, 5)},
            "editor_occurred_on",
            "It cannot have happened (5 December 2024) after it was reported (1 December 2024).",
        ),
        ({"editor_occurred_on": dt.date(2025, 1, 1)}, "editor_occurred_on", "after it was reported (2 December 2024)"),
        (
            {"editor_reported_on": dt.date(2024, 12, 1), "editor_timezone": "Mars/Olympus"},
            "editor_timezone",
            "“Mars/Olympus” is not a time zone.",
        ),
        (
            {"editor_reported_on": dt.date(2024, 12, 1), "editor_timezone": "Kyjiv"},
            "editor_timezone",
            "“Kyjiv” is not a time zone. Did you mean Europe/Kyiv?",
        ),
        # Read as the 3rd of April in Britain and the 4th of March in America: refused, not guessed.
        (
            {"editor_reported_on": "03/04/2024"},
            "editor_reported_on",
            "Enter the date as YYYY-MM-DD, for example 2023-09-16, not as “03/04/2024”.",
        ),
        ({"editor_reported_on": dt.date(2024, 12, 1), "editor_timezone": "UTC"}, "editor_timezone", "needs a time"),
        (
            {"editor_reported_on": dt.date(2024, 12, 1), "editor_precision": "minute"},
            "editor_precision",
            "needs a time",
        ),
        ({"editor_precision": "day"}, "editor_precision", "A precision needs a date"),
        ({"editor_repeat": True}, "editor_duplicate_of", "Choose the event it repeats."),
    ],
)
def test_the_form_refuses_what_cannot_be_right_and_saves_nothing(editor_client, changes, field, message):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=2)
    before = Event.objects.values().get(pk=event.pk)
    response = post_event(editor_client, event, **changes)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert Event.objects.values().get(pk=event.pk) == before


def test_what_stops_a_save_is_listed_at_the_top_linked_to_each_field(editor_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=2)
    response = post_event(editor_client, event, editor_reported_on="2024-02-30", editor_timezone="Mars/Olympus")
    page = response.content.decode()
    summary = page[page.index('id="error-summary"') : page.index('id="error-summary"') + 1500]
    assert "2 things to fix before this can be saved:" in summary
    assert '<a href="#id_editor_reported_on">Reported on</a>: Not a real date' in summary
    assert '<a href="#id_editor_timezone">Time zone</a>: “Mars/Olympus” is not a time zone.' in html.unescape(summary)
    assert page.index('id="error-summary"') < page.index('id="id_editor_reported_on"')


def test_the_time_zone_box_offers_every_iana_zone(editor_client):
    ingest_text(LIVE_BLOG)
    page = editor_client.get(event_url(Event.objects.get(position=2))).content.decode()
    assert 'list="iana-zones"' in page
    zones = re.search(r'<datalist id="iana-zones">(.*?)</datalist>', page, re.S)[1]
    assert '<option value="Europe/Kyiv">' in zones and '<option value="UTC">' in zones
    assert zones.count("<option") > 400


def test_an_event_cannot_repeat_itself(editor_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    response = post_event(editor_client, event, editor_repeat=True, editor_duplicate_of=event.pk)
    assert "An event cannot be a repeat of itself." in response.context["adminform"].form.errors["editor_duplicate_of"]


def test_an_event_cannot_repeat_an_event_that_repeats_it(editor_client):
    ingest_text(LIVE_BLOG)
    original, repeat = Event.objects.get(position=3), Event.objects.get(position=1)
    assert repeat.duplicate_of == original
    response = post_event(editor_client, original, editor_repeat=True, editor_duplicate_of=repeat.pk)
    assert "is a repeat of this event" in " ".join(response.context["adminform"].form.errors["editor_duplicate_of"])
    assert Event.objects.filter(duplicate_of__isnull=True).count() == 3
    with pytest.raises(ValueError, match="cannot repeat the other back"):
        Event.objects.get(pk=original.pk).mark_repeat_of(repeat)


def test_corrections_of_dates_tags_and_repeats_survive_the_same_file_and_an_edited_version(editor_client):
    ingest_text(LIVE_BLOG)
    dated = Event.objects.get(headline="Allies agree new air defence package")
    post_event(editor_client, dated, editor_reported_on=dt.date(2024, 12, 1), editor_occurred_on=dt.date(2024, 11, 30))
    tagged = Event.objects.get(headline="Minister resigns after procurement scandal")
    removed_theme = tagged.themes.first()
    kyiv = Location.objects.get(name="Kyiv")
    post_event(
        editor_client,
        tagged,
        locations=[*tagged.locations.all(), kyiv],
        themes=list(tagged.themes.exclude(pk=removed_theme.pk)),
    )
    first_drones, second_drones = Event.objects.filter(headline="Drones shot down over the north").order_by("position")
    assert first_drones.duplicate_of == second_drones  # the machine's link, which the editor undoes
    post_event(editor_client, first_drones, editor_repeat=False)
    post_event(editor_client, tagged, editor_repeat=True, editor_duplicate_of=dated.pk)

    def assert_corrections_kept():
        dated_now, tagged_now, drones_now = (Event.objects.get(pk=e.pk) for e in (dated, tagged, first_drones))
        assert (dated_now.reported_on, dated_now.occurred_on, dated_now.date_basis) == (
            dt.date(2024, 12, 1),
            dt.date(2024, 11, 30),
            "editor",
        )
        assert kyiv in tagged_now.locations.all() and removed_theme not in tagged_now.themes.all()
        assert tagged_now.duplicate_of == dated_now
        assert drones_now.duplicate_of is None

    assert ingest_text(LIVE_BLOG).outcome == "unchanged"
    assert_corrections_kept()
    edited = LIVE_BLOG.replace("his office said.", "his office said on Tuesday.")
    edited = edited.replace(
        "Ukraine war live: allies meet in Brussels\n",
        "Ukraine war live: allies meet in Brussels\nKyiv reports calm night\n11:00 , Anna Bell\nIt was calm.\n",
    )
    edited += "Earliest entry\nMonday 2 December 2024 20:00 , Anna Bell\nThe blog opened.\n"
    stored = ingest_text(edited)
    assert stored.outcome == "updated" and Event.objects.count() == 6
    assert "on Tuesday" in Event.objects.get(pk=tagged.pk).body
    assert_corrections_kept()


def test_dating_seed_001_redates_its_events_and_tells_the_editor(editor_client, seeds_dir):
    call_command("ingest", str(seeds_dir / "001_d1008274a1de1b32.txt"), stdout=StringIO())
    document = Document.objects.get()
    assert document.needs_review and not Event.objects.filter(occurred_on__isnull=False).exists()
    data = change_form_data(editor_client, document_url(document), editor_published=dt.date(2023, 9, 16))
    response = editor_client.post(document_url(document), data, follow=True)
    document.refresh_from_db()
    events = list(Event.objects.order_by("position"))
    assert len(events) == 4
    assert {(e.reported_on, e.occurred_on) for e in events} == {(dt.date(2023, 9, 16), dt.date(2023, 9, 16))}
    kim = Event.objects.get(headline="Kim Jong Un continues his visit to Russia")
    assert "“on Saturday”" in kim.date_note
    # The same document's "On Wednesday, ... Putin met" is that week's Wednesday.
    wednesday = next(line for line in document.text.splitlines() if line.startswith("On Wednesday"))
    assert occurred_from(find_mention([wednesday]), document.published) == dt.date(2023, 9, 13)
    report = str(list(response.context["messages"])[0])
    assert "4 events re-dated" in report and "Kim Jong Un continues his visit to Russia" in report
    assert "no date → 16 September 2023" in report


def test_dating_a_document_puts_on_wednesday_on_that_weeks_wednesday(editor_client):
    stored = ingest_text(UNDATED_ROUNDUP)
    revision = Revision.current()
    data = change_form_data(editor_client, document_url(stored.document), editor_published=dt.date(2023, 9, 16))
    editor_client.post(document_url(stored.document), data)
    summit = Event.objects.get(headline="Putin meets Kim in the far east")
    assert (summit.reported_on, summit.occurred_on, summit.date_basis) == (
        dt.date(2023, 9, 16),
        dt.date(2023, 9, 13),
        "relative",
    )
    assert Revision.current() > revision  # readers' cached counts renew


def test_dating_a_document_leaves_the_events_an_editor_dated(editor_client):
    stored = ingest_text(UNDATED_ROUNDUP)
    village = Event.objects.get(position=0)
    post_event(editor_client, village, editor_reported_on=dt.date(2023, 9, 10))
    data = change_form_data(editor_client, document_url(stored.document), editor_published=dt.date(2023, 9, 16))
    response = editor_client.post(document_url(stored.document), data, follow=True)
    assert Event.objects.get(pk=village.pk).reported_on == dt.date(2023, 9, 10)
    assert "1 event re-dated" in str(list(response.context["messages"])[0])


def test_saving_a_document_without_changing_its_date_redates_nothing(editor_client):
    stored = ingest_text(UNDATED_ROUNDUP, published=dt.date(2023, 9, 16))
    response = editor_client.post(
        document_url(stored.document), change_form_data(editor_client, document_url(stored.document)), follow=True
    )
    assert response.status_code == 200
    assert "re-dated" not in " ".join(str(m) for m in response.context["messages"])
    assert Event.objects.get(position=1).occurred_on == dt.date(2023, 9, 13)


def test_editors_can_change_only_what_no_ingest_rewrites(editor_client):
    stored = ingest_text(LIVE_BLOG)
    document_form = editor_client.get(document_url(stored.document)).context["adminform"].form
    # "seen": what the form was opened on; title, outlet, address and language, once an editor sets them, are kept.
    assert set(document_form.fields) == {"editor_published", "title", "outlet", "url", "language", "seen"}
    event_form = editor_client.get(event_url(Event.objects.first())).context["adminform"].form
    assert not {"headline", "body", "position", "document", "parsed_when"} & set(event_form.fields)
    assert {"editor_reported_on", "editor_repeat", "actors"} <= set(event_form.fields)


def test_a_stale_form_does_not_undo_what_another_editor_saved_and_shows_both_versions(client, editor_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    url = event_url(event)
    stale = change_form_data(editor_client, url, editor_reported_on=dt.date(2024, 12, 2))
    first = post_event(editor_client, event, editor_reported_on=dt.date(2024, 12, 1))
    assert first.status_code == 302
    response = editor_client.post(url, stale)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone saved this since you opened it" in message
    assert "theirs “2024-12-01”, yours “2024-12-02”" in message
    assert Event.objects.get(pk=event.pk).editor_reported_on == dt.date(2024, 12, 1)
    again = editor_client.post(url, response.context["adminform"].form.data)
    assert again.status_code == 302
    assert Event.objects.get(pk=event.pk).editor_reported_on == dt.date(2024, 12, 2)


def test_a_stale_form_does_not_undo_another_editors_tags(editor_client):
    ingest_text(LIVE_BLOG)
    event = Event.objects.get(position=0)
    url = event_url(event)
    stale = change_form_data(editor_client, url, editor_reported_on=dt.date(2024, 12, 2))
    theme = Theme.objects.get(slug="justice")
    assert post_event(editor_client, event, themes=[*event.themes.all(), theme]).status_code == 302
    response = editor_client.post(url, stale)
    assert "Someone saved this since you opened it" in " ".join(response.context["adminform"].form.non_field_errors())
    assert theme in Event.objects.get(pk=event.pk).themes.all()


def test_a_stale_document_date_is_refused(editor_client):
    stored = ingest_text(UNDATED_ROUNDUP)
    url = document_url(stored.document)
    stale = change_form_data(editor_client, url, editor_published=dt.date(2024, 3, 2))
    assert (
        editor_client.post(url, change_form_data(editor_client, url, editor_published=dt.date(2024, 3, 1))).status_code
        == 302
    )
    response = editor_client.post(url, stale)
    assert response.status_code == 200 and "Someone saved this since you opened it" in response.content.decode()
    assert Document.objects.get(pk=stored.document.pk).editor_published == dt.date(2024, 3, 1)
