"""The review queue lists what needs an editor first, the longest waiting first, and its bulk actions settle it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin import helpers

from timeline.models import Actor, Event

from .factories import LIVE_BLOG, UNDATED_ROUNDUP, ingest_text

pytestmark = pytest.mark.django_db

QUEUE = "/admin/timeline/reviewitem/"
# A dated entry whose only doubt is a name the gazetteer lacks.
DISCOVERED = (
    "Ukraine war live\nShelling reported\nTuesday 3 December 2024 09:00 , Anna Bell\n"
    "Governor Ivan Zolotarenko said two died.\n"
)


def run_action(client, action: str, events, url: str = QUEUE, **extra):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [e.pk for e in events], **extra}
    return client.post(url, data, follow=True)


def listed(response) -> list[int]:
    return [event.pk for event in response.context["cl"].result_list]


def test_the_queue_lists_undated_guessed_and_discovered_the_longest_waiting_first(editor_client):
    ingest_text(UNDATED_ROUNDUP, source="undated.txt")
    ingest_text(LIVE_BLOG, source="blog.txt")
    ingest_text(DISCOVERED, "later.txt")
    discovered = Event.objects.get(document__source="later.txt")
    assert discovered.actors.filter(reviewed=False).exists()
    response = editor_client.get(QUEUE)
    assert response.status_code == 200
    undated = list(Event.objects.filter(document__source="undated.txt").order_by("position"))
    guessed = list(Event.objects.filter(document__source="blog.txt", date_basis="relative").order_by("position"))
    assert guessed, "the live blog's 'late on Monday' is a date worked out from a phrase"
    assert listed(response) == [e.pk for e in [*undated, *guessed, discovered]]
    page = response.content.decode()
    assert "no date in its document" in page and "tagged with an unaccepted name" in page
    assert "Undated documents (1)" in page and "1 actor" in page


def test_the_queue_narrows_to_one_reason(editor_client):
    ingest_text(UNDATED_ROUNDUP, source="undated.txt")
    ingest_text(LIVE_BLOG, source="blog.txt")
    response = editor_client.get(QUEUE, {"why": "guessed"})
    assert listed(response) and all(Event.objects.get(pk=pk).date_basis == "relative" for pk in listed(response))


def test_confirming_makes_the_machines_date_an_editors_and_leaves_the_queue(editor_client):
    ingest_text(LIVE_BLOG)
    guessed = Event.objects.get(headline="Minister resigns after procurement scandal")
    assert (guessed.date_basis, guessed.occurred_on) == ("relative", dt.date(2024, 12, 2))
    response = run_action(editor_client, "confirm_dates", [guessed])
    guessed.refresh_from_db()
    assert (guessed.date_basis, guessed.occurred_on, guessed.reported_on) == (
        "editor",
        dt.date(2024, 12, 2),
        dt.date(2024, 12, 2),
    )
    assert guessed.reported_at == dt.datetime(2024, 12, 2, 22, 40, tzinfo=dt.UTC)
    assert "1 date confirmed." in response.content.decode()
    assert guessed.pk not in listed(editor_client.get(QUEUE))


def test_confirming_an_undated_event_asks_for_a_date_instead(editor_client):
    ingest_text(UNDATED_ROUNDUP)
    events = list(Event.objects.all())
    response = run_action(editor_client, "confirm_dates", events)
    assert "2 had no date to confirm" in response.content.decode()
    assert not Event.objects.filter(date_basis="editor").exists()


def test_setting_a_date_for_many_events(editor_client):
    ingest_text(UNDATED_ROUNDUP)
    events = list(Event.objects.all())
    form_page = run_action(editor_client, "set_date", events)
    assert form_page.templates[0].name == "editing/set_date.html"
    response = run_action(
        editor_client, "set_date", events, apply="1", reported_on="2023-09-16", occurred_on="2023-09-15"
    )
    assert "2 events dated." in response.content.decode()
    for event in Event.objects.all():
        assert (event.reported_on, event.occurred_on, event.date_basis, event.date_precision) == (
            dt.date(2023, 9, 16),
            dt.date(2023, 9, 15),
            "editor",
            "day",
        )
    assert listed(response) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reported_on": "2023-09-16", "occurred_on": "2023-09-20"}, "after it was reported"),
        ({"reported_on": "2023-09-31"}, "Not a real date"),
        ({"reported_on": ""}, "This field is required."),
        ({"reported_on": "2023-09-16", "timezone": "Europe/Nowhere"}, "“Europe/Nowhere” is not a time zone."),
    ],
)
def test_setting_a_date_refuses_what_cannot_be_right(editor_client, fields, message):
    ingest_text(UNDATED_ROUNDUP)
    response = run_action(editor_client, "set_date", list(Event.objects.all()), apply="1", **fields)
    assert response.templates[0].name == "editing/set_date.html"
    assert message in response.content.decode()
    assert not Event.objects.filter(date_basis="editor").exists()


def test_marking_and_unmarking_repeats(editor_client):
    ingest_text(LIVE_BLOG)
    allies = Event.objects.get(headline="Allies agree new air defence package")
    minister = Event.objects.get(headline="Minister resigns after procurement scandal")
    run_action(editor_client, "mark_repeats", [allies, minister], url="/admin/timeline/event/")
    allies.refresh_from_db()
    minister.refresh_from_db()
    assert minister.duplicate_of is None and allies.duplicate_of == minister  # the earlier posting is the original
    first_drones = Event.objects.get(headline="Drones shot down over the north", position=1)
    assert first_drones.duplicate_of is not None
    run_action(editor_client, "unmark_repeats", [first_drones, allies], url="/admin/timeline/event/")
    assert Event.objects.get(pk=first_drones.pk).duplicate_of is None
    assert Event.objects.get(pk=allies.pk).duplicate_of is None
    ingest_text(LIVE_BLOG + "\nExtra\n19:00 , Anna Bell\nMore.\n")
    assert Event.objects.get(pk=first_drones.pk).duplicate_of is None


def test_marking_repeats_needs_two_events(editor_client):
    ingest_text(LIVE_BLOG)
    response = run_action(editor_client, "mark_repeats", [Event.objects.first()])
    assert "Choose the original and at least one repeat of it." in response.content.decode()
    assert not Event.objects.filter(editor_repeat__isnull=False).exists()


def test_accepting_a_discovered_name_takes_its_events_off_the_queue(editor_client):
    ingest_text(DISCOVERED)
    event = Event.objects.get()
    assert listed(editor_client.get(QUEUE, {"why": "discovered"})) == [event.pk]
    name = Actor.objects.get(reviewed=False)
    run_action(editor_client, "accept", [name], url="/admin/timeline/actor/")
    assert listed(editor_client.get(QUEUE, {"why": "discovered"})) == []


def test_a_day_guessed_across_a_long_silence_waits_in_the_queue_and_shows_as_uncertain(editor_client, client):
    text = (
        "Talks live\nTuesday 8 October 2024 09:00 , Ana Ruiz\nOne.\nTuesday 8 October 2024 10:00 , Ana Ruiz\nTwo.\n"
        "11:00 , Ana Ruiz\n"
        "Three.\n08:30 , Ana Ruiz\nFour happened here.\n12:00 , Ana Ruiz\nFive.\n"
    )
    ingest_text(text, source="clock.txt")
    guessed = Event.objects.get(document__source="clock.txt", position=3)
    assert guessed.needs_review and guessed.reported_on == dt.date(2024, 10, 9)
    response = editor_client.get(QUEUE + "?why=doubtful")
    assert listed(response) == list(
        Event.objects.filter(document__source="clock.txt", position__in=[3, 4])
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert "day guessed across midnight" in response.content.decode()
    assert "day uncertain" in client.get("/").content.decode()
