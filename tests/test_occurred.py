"""When the reported thing happened: phrases resolved against the reported day, with tense in mind."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.ingest.dates import find_mention, occurred_from, resolve

TUESDAY = dt.date(2023, 9, 5)


def occurred(text: str, reported: dt.date = TUESDAY) -> dt.date | None:
    return occurred_from(find_mention([text]), reported)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He posted a video on Telegram late on Monday.", dt.date(2023, 9, 4)),
        ("Officials said early Tuesday that drones were shot down.", TUESDAY),
        ("The ministry said on Sunday it had replaced him.", dt.date(2023, 9, 3)),
        ("The White House on Monday said talks would go ahead.", dt.date(2023, 9, 4)),
        ("Explosions were heard yesterday in the port.", dt.date(2023, 9, 4)),
        ("Sirens sounded last night across the capital.", dt.date(2023, 9, 4)),
        ("The mayor said this morning that power was back.", TUESDAY),
        ("On Wednesday, Putin met the North Korean leader.", dt.date(2023, 8, 30)),
        ("The two leaders met on September 1, 2023 in the east.", dt.date(2023, 9, 1)),
        ("The two leaders met on 2 September near the border.", dt.date(2023, 9, 2)),
        ("The strike came two days ago, officials said.", dt.date(2023, 9, 3)),
    ],
)
def test_it_places_what_happened_from_the_entrys_own_words(text, expected):
    assert occurred(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On Wednesday, Parliament is expected to back the appointment in a vote.",
        "The leaders will sign the pact on Friday.",
        "The summit is set to open on Thursday.",
        "Talks are planned for next Monday.",
        "He has been detained since Monday.",
        "Kyiv must answer by Friday, the envoy said.",
        "Shoppers queued for Black Friday deals.",
        "The research, published yesterday, identified 314 children.",
        "Russia invaded on 24 February 2022, the report recalled.",
        "Production may rise in March and the troops will march in May.",
        "The Sun reported that a second convoy was now moving.",
        "Zelensky said he would travel to Washington on Friday.",
        "A vote is scheduled for Friday.",
        "The signing ceremony takes place on Friday.",
        "Negotiators will meet again on Thursday, and the envoys said so on Monday.",
        "The warning is in force until 06:00 on Friday.",
        "The judge sent the jury home. Jurors will return at 9 a.m. Tuesday.",
    ],
)
def test_it_leaves_the_reported_day_when_the_words_do_not_place_the_event_before_it(text):
    assert occurred(text) is None


def test_the_first_phrase_in_reading_order_wins():
    mention = find_mention(["Kyiv said on Saturday it had retaken the village.", "Moscow denied it on Friday."])
    assert mention.text == "on Saturday"


def test_a_future_sentence_is_passed_over_for_a_later_past_one():
    mention = find_mention(["The vote will take place on Thursday. The minister resigned on Monday."])
    assert mention.text == "on Monday"


def test_a_same_day_weekday_is_that_day_not_a_week_before():
    assert occurred("Polish prosecutors said on Tuesday they had indicted two men.") == TUESDAY


def test_resolving_without_a_document_date_invents_nothing():
    when = {"stamp": None, "mention": {"text": "on Saturday", "weekday": 5}}
    dating = resolve(when, None, "UTC")
    assert (dating.reported_on, dating.occurred_on, dating.basis, dating.precision) == (None, None, "none", "unknown")


def test_resolving_with_an_editors_date_places_relative_phrases_against_it():
    when = {"stamp": None, "mention": {"text": "On Wednesday", "weekday": 2}}
    dating = resolve(when, dt.date(2023, 9, 16), "Europe/Brussels")
    assert dating.reported_on == dt.date(2023, 9, 16)
    assert dating.occurred_on == dt.date(2023, 9, 13)
    assert dating.basis == "relative"


def test_a_timestamp_gives_an_aware_datetime_in_the_zone_the_text_names():
    when = {"stamp": {"time": "14:05", "day": "2024-12-03", "tz": "EET", "how": "from the entry"}, "mention": None}
    dating = resolve(when, dt.date(2024, 12, 3), "UTC")
    assert dating.reported_at == dt.datetime(2024, 12, 3, 12, 5, tzinfo=dt.UTC)
    assert (dating.precision, dating.basis) == ("minute", "timestamp")


def test_a_timestamp_without_a_zone_takes_the_documents():
    when = {"stamp": {"time": "09:00", "day": "2024-07-01", "tz": None}, "mention": None}
    dating = resolve(when, None, "Europe/Kyiv")
    assert dating.reported_at.utcoffset() == dt.timedelta(hours=3)
    assert dating.reported_at.hour == 9


def test_an_undated_live_blog_entry_is_placed_once_the_document_has_a_date():
    when = {"stamp": {"time": "01:10", "day": None, "offset": 1}, "mention": None}
    assert resolve(when, None, "UTC").reported_at is None
    assert resolve(when, dt.date(2024, 12, 3), "UTC").reported_on == dt.date(2024, 12, 4)


def test_a_sentence_is_passed_over_only_when_no_phrase_could_date_it(monkeypatch):
    """The words `may_mention` looks for let the patterns be skipped only where none of them can match."""
    from timeline.ingest import dates
    from timeline.tooling.ingest_corpus import synthetic_corpus

    texts = [line for _, text in synthetic_corpus(200_000, seed=7) for line in text.splitlines() if line.strip()]
    texts += [
        "TODAY the council met.",
        "Explosions were heard OVERNIGHT in the port.",
        "The talks ended THIS EVENING.",
        "It began three DAYS AGO.",
        "The vote was held Sept. 30 in the capital.",
        "Shelling resumed on Thursday night.",
        "Nothing happened at all.",
    ]
    gated = [find_mention([text]) for text in texts]
    assert sum(mention is not None for mention in gated) >= 50
    assert sum(not dates.may_mention(text) for text in texts) >= len(texts) / 3  # these are passed over
    monkeypatch.setattr(dates, "may_mention", lambda sentence: True)
    assert gated == [find_mention([text]) for text in texts]
