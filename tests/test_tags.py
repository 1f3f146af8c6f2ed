"""Tags in the database: canonical names from the shipped gazetteer, the review queue, and retagging that
keeps every editor's choice."""

from __future__ import annotations

import pytest

from timeline.models import Actor, Event, Location, RejectedName, Theme
from timeline.store.tags import (
    LINKS_PER_INSERT,
    _insert_links,
    gazetteer_version,
    merge,
    record_editor_tags,
    reject,
    retag,
)

from .factories import ingest_text

pytestmark = pytest.mark.django_db

TEXT = """Ukraine war round-up: the day in brief
Zelenskyy visits troops near Pokrovsk
Ukrainian President Volodymyr Zelenskiy visited troops near Pokrovsk in the Donetsk region on Monday.
Governor Ivan Testovych said shelling continued in the village of Zorianivka.
Kremlin rejects talks offer
Kremlin spokesman Dmitry Peskov said on Monday that peace talks were not on the agenda.
The statement came as a missile strike hit Kharkiv.
"""


def tags(event: Event) -> tuple[set[str], set[str], set[str]]:
    return (
        {a.name for a in event.actors.all()},
        {loc.name for loc in event.locations.all()},
        {t.slug for t in event.themes.all()},
    )


def test_ingest_tags_events_with_canonical_names_and_themes():
    ingest_text(TEXT)
    visit, kremlin = Event.objects.order_by("position")
    actors, locations, themes = tags(visit)
    assert {"Volodymyr Zelensky"} <= actors
    assert {"Pokrovsk", "Donetsk Oblast"} <= locations
    assert 1 <= len(themes) <= 3
    actors, locations, themes = tags(kremlin)
    assert {"Kremlin", "Dmitry Peskov"} <= actors and "Kharkiv" in locations and "diplomacy" in themes


def test_names_the_gazetteer_lacks_wait_unreviewed_in_the_queue():
    ingest_text(TEXT)
    governor = Actor.objects.get(name="Ivan Testovych")
    village = Location.objects.get(name="Zorianivka")
    assert not governor.reviewed and not village.reviewed
    assert governor.kind == "person" and village.kind == "village"
    assert Event.objects.get(position=0).actors.filter(pk=governor.pk).exists()


def test_a_rejected_name_leaves_its_events_and_is_never_proposed_again():
    ingest_text(TEXT)
    reject(Location.objects.get(name="Zorianivka"))
    assert RejectedName.objects.filter(kind="location", name="Zorianivka").exists()
    ingest_text(TEXT + "More shelling hit the village of Zorianivka.\n")
    assert not Location.objects.filter(name="Zorianivka").exists()


def test_merging_a_discovered_name_moves_its_events_and_keeps_its_spelling_as_an_alias():
    ingest_text(TEXT)
    source = Actor.objects.get(name="Ivan Testovych")
    target = Actor.objects.create(name="Ivan Testovich", kind="person")
    merge(source, target)
    target.refresh_from_db()
    assert "Ivan Testovych" in target.aliases
    assert Event.objects.get(position=0).actors.filter(pk=target.pk).exists()
    assert not Actor.objects.filter(name="Ivan Testovych").exists()


def test_retag_applies_a_new_alias_and_keeps_what_editors_added_and_removed():
    ingest_text(TEXT)
    event = Event.objects.get(position=1)
    peskov, kremlin = Actor.objects.get(name="Dmitry Peskov"), Actor.objects.get(name="Kremlin")
    nato = Actor.objects.get(name="NATO")
    actors, _, _ = tags(event)
    chosen = {
        "actor": {a.pk for a in event.actors.all()} - {peskov.pk} | {nato.pk},
        "location": {loc.pk for loc in event.locations.all()},
        "theme": {t.pk for t in event.themes.all()},
    }
    record_editor_tags(event, chosen)
    retag(Event.objects.all())
    assert {a.name for a in event.actors.all()} == actors - {"Dmitry Peskov"} | {"NATO"}
    kremlin.aliases = [*kremlin.aliases, "agenda"]  # an editor's (odd) new alias, to see retag pick it up
    kremlin.save()
    other = Event.objects.get(position=0)
    assert not other.actors.filter(pk=kremlin.pk).exists()
    other.body += "\n\nThe agenda was set."
    other.save()
    retag(Event.objects.all())
    assert other.actors.filter(pk=kremlin.pk).exists()
    assert {a.name for a in event.actors.all()} == actors - {"Dmitry Peskov"} | {"NATO"}


def test_a_theme_an_editor_removes_stays_off_though_the_entry_reads_like_it():
    ingest_text(TEXT)
    event = Event.objects.get(position=0)
    assert event.themes.exists()  # every entry reads like some theme
    chosen = {
        "actor": {a.pk for a in event.actors.all()},
        "location": {loc.pk for loc in event.locations.all()},
        "theme": set(),
    }
    record_editor_tags(event, chosen)
    retag(Event.objects.all())
    assert not event.themes.exists()


def test_rewording_a_themes_description_changes_the_gazetteer_other_workers_check():
    before = gazetteer_version()
    theme = Theme.objects.order_by("pk").first()
    theme.description += " Also ports and shipping."
    theme.save()
    assert gazetteer_version() != before


def test_reingest_keeps_editor_tag_decisions():
    ingest_text(TEXT)
    event = Event.objects.get(position=1)
    diplomacy = Theme.objects.get(slug="diplomacy")
    chosen = {
        "actor": {a.pk for a in event.actors.all()},
        "location": {loc.pk for loc in event.locations.all()},
        "theme": {t.pk for t in event.themes.all()} - {diplomacy.pk},
    }
    record_editor_tags(event, chosen)
    retag([event])
    ingest_text(TEXT + "An extra closing line.\n")
    assert not Event.objects.get(pk=event.pk).themes.filter(pk=diplomacy.pk).exists()


def test_reingest_replaces_the_old_entries_tags_and_tags_the_new_ones():
    ingest_text(TEXT)
    kremlin = Event.objects.get(position=1)
    ingest_text(
        TEXT.replace("hit Kharkiv", "hit Odesa")
        + "Blackouts in Kherson\nA strike on the power grid left Kherson without power, officials said.\n"
    )
    assert tags(Event.objects.get(pk=kremlin.pk))[1] == {"Odesa"}
    added = Event.objects.get(position=2)
    assert added.pk > kremlin.pk and "Kherson" in tags(added)[1] and "energy" in tags(added)[2]


def test_links_past_one_statements_worth_all_go_in():
    ingest_text(TEXT)
    first, second = Event.objects.order_by("position")
    Event.actors.through.objects.all().delete()
    actors = list(Actor.objects.values_list("pk", flat=True)[: LINKS_PER_INSERT + 30])
    rows = [(first.pk, pk) for pk in actors] + [(second.pk, pk) for pk in actors]
    _insert_links(Event.actors.through, "actor_id", rows)
    assert len(rows) > 2 * LINKS_PER_INSERT
    assert sorted(Event.actors.through.objects.values_list("event_id", "actor_id")) == sorted(rows)


def test_the_review_queue_actions_work_from_the_admin(admin_client):
    ingest_text(TEXT)
    governor = Actor.objects.get(name="Ivan Testovych")
    page = admin_client.get("/admin/timeline/actor/?reviewed__exact=0")
    assert page.status_code == 200 and b"Ivan Testovych" in page.content
    response = admin_client.post("/admin/timeline/actor/", {"action": "accept", "_selected_action": [governor.pk]})
    assert response.status_code == 302
    governor.refresh_from_db()
    assert governor.reviewed


def test_the_export_carries_canonical_names(client):
    import json
    from io import StringIO

    from django.core.management import call_command

    ingest_text(TEXT)
    out = StringIO()
    call_command("export_events", stdout=out)
    first = json.loads(out.getvalue())["events"][0]
    assert "Volodymyr Zelensky" in first["actors"] and "Zelenskiy" not in first["actors"]


def test_load_gazetteer_can_give_existing_entries_the_shipped_spellings_they_lack():
    from io import StringIO

    from django.core.management import call_command

    zelensky = Actor.objects.get(name="Volodymyr Zelensky")
    zelensky.aliases = ["Zelenskyi the editor's spelling"]
    zelensky.save()
    call_command("load_gazetteer", stdout=StringIO())
    zelensky.refresh_from_db()
    assert zelensky.aliases == ["Zelenskyi the editor's spelling"]  # not unless asked
    out = StringIO()
    call_command("load_gazetteer", "--spellings", stdout=out)
    zelensky.refresh_from_db()
    assert "Zelenskyy" in zelensky.aliases and "Zelenskyi the editor's spelling" in zelensky.aliases
    assert "run `python manage.py retag`" in out.getvalue()


def test_load_gazetteer_can_give_existing_themes_the_shipped_phrases_they_lack_keeping_editors_weights():
    from io import StringIO

    from django.core.management import call_command

    from timeline.models import ThemeRule

    rules = ThemeRule.objects.filter(theme__slug="strikes")
    shipped = rules.count()
    kept, dropped = rules.order_by("phrase")[:2]
    kept.weight = 1 if kept.weight > 1 else 2
    kept.save()
    dropped.delete()
    call_command("load_gazetteer", stdout=StringIO())
    assert rules.count() == shipped - 1  # not unless asked
    call_command("load_gazetteer", "--spellings", stdout=StringIO())
    assert rules.count() == shipped and rules.filter(phrase=dropped.phrase).exists()
    assert rules.get(pk=kept.pk).weight == kept.weight


def test_load_gazetteer_can_give_existing_themes_the_shipped_examples_they_lack_keeping_editors():
    from io import StringIO

    from django.core.management import call_command

    from timeline.gazetteer import read

    theme = Theme.objects.get(slug="strikes")
    shipped = next(t["examples"] for t in read("themes.json") if t["slug"] == "strikes")
    assert theme.examples == shipped  # a new database has them from its migrations
    theme.examples = ["An editor's own example of a strike"]
    theme.save()
    call_command("load_gazetteer", "--spellings", stdout=StringIO())
    theme.refresh_from_db()
    assert theme.examples == ["An editor's own example of a strike", *shipped]


def test_the_entries_editors_give_a_theme_teach_it_what_its_news_reads_like():
    ingest_text("Regatta news\nThe Grand Fenwick rowing regatta on the lake was cancelled because of fog.\n")
    first = Event.objects.get()
    culture = Theme.objects.create(slug="culture", name="Culture", description="Life")
    assert culture not in first.themes.all()
    chosen = {"actor": set(), "location": set(), "theme": {culture.pk}}
    record_editor_tags(first, chosen)
    ingest_text(
        "Regatta update\nThe Grand Fenwick rowing regatta on the lake will be held again next week.\n", "later.txt"
    )
    second = Event.objects.exclude(pk=first.pk).get()
    assert culture in second.themes.all()


def test_forces_bring_the_state_they_serve_and_an_editor_can_still_take_it_off():
    syldavia = Actor.objects.create(name="Syldavia", kind="state")
    army = Actor.objects.create(name="Syldavian Army", aliases=["Syldavian troops"], state=syldavia)
    ingest_text("Border report\nSyldavian troops crossed the river at dawn, a spokesman said.\n")
    event = Event.objects.get()
    assert {army, syldavia} <= set(event.actors.all())
    chosen = {"actor": {a.pk for a in event.actors.all()} - {syldavia.pk}, "location": set(), "theme": set()}
    record_editor_tags(event, chosen)
    retag(Event.objects.all())
    assert army in event.actors.all() and syldavia not in event.actors.all()


def test_merging_a_state_hands_its_forces_to_the_state_it_joins():
    old = Actor.objects.create(name="Old Syldavia", kind="state")
    new = Actor.objects.create(name="Syldavia", kind="state")
    army = Actor.objects.create(name="Syldavian Army", state=old)
    merge(old, new)
    army.refresh_from_db()
    assert army.state == new
    assert army.history.latest().state == new  # so a version page never points at the state merged away
    militia = Actor.objects.create(name="Syldavian Militia")
    merge(army, militia)
    militia.refresh_from_db()
    assert militia.state == new


def test_the_shipped_gazetteer_links_each_armed_force_to_its_state():
    from timeline.gazetteer import read

    shipped = {a["name"]: a["state"] for a in read("actors.json") if a.get("state")}
    assert len(shipped) >= 10
    linked = dict(Actor.objects.filter(name__in=shipped).values_list("name", "state__name"))
    assert linked == shipped


def test_a_known_name_inside_a_discovered_one_is_part_of_that_name_not_a_mention():
    Actor.objects.create(name="Syldavia", kind="state")
    ingest_text("Statement\nThe Syldavia State Press Office confirmed the visit on Friday.\n")
    actors = {a.name for a in Event.objects.get().actors.all()}
    assert actors == {"Syldavia State Press Office"}


def test_a_theme_an_editor_gave_stays_when_they_save_the_event_again():
    ingest_text("Regatta news\nThe Grand Fenwick rowing regatta on the lake was cancelled because of fog.\n")
    event = Event.objects.get()
    culture = Theme.objects.create(slug="culture", name="Culture", description="Life")
    chosen = {"actor": set(), "location": set(), "theme": {culture.pk}}
    record_editor_tags(event, chosen)
    retag(Event.objects.all())
    record_editor_tags(event, chosen)  # as saving the event again for any other change does
    retag(Event.objects.all())
    assert list(event.themes.all()) == [culture]
