"""Tagging events in the database: the machine's tags from the gazetteer, with editors' decisions on top."""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Max, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from timeline.ingest.entities import Entity, EntityMatcher, deeds_of_a_state, resolve_mentions
from timeline.ingest.name_discovery import discover
from timeline.ingest.phrases import match_form
from timeline.ingest.theme_vectors import ThemeVectors, entry_text, theme_text
from timeline.ingest.themes import ThemeRule as Rule
from timeline.ingest.themes import ThemeScorer, with_nearest
from timeline.models import Actor, Event, Location, RejectedName, Revision, TagDecision, Theme, ThemeRule

MODELS = {"actor": Actor, "location": Location, "theme": Theme}


@dataclass
class Tagger:
    matcher: EntityMatcher
    scorer: ThemeScorer
    vectors: ThemeVectors
    rejected: frozenset[tuple[str, str]]
    ids: dict[tuple[str, str], int]  # (kind, name or slug) -> id

    @classmethod
    def build(cls) -> Tagger:
        # Only reviewed names: a discovered one is found again by its own pattern and looked up each time, so a
        # cached id never outlives a rolled-back discovery.
        actors = list(
            Actor.objects.filter(reviewed=True).values_list(
                "id", "name", "aliases", "after_full", "state__name", "kind"
            )
        )
        places = list(Location.objects.filter(reviewed=True).values_list("id", "name", "aliases", "country"))
        entities = [
            Entity(n, "actor", (*a, *(deeds_of_a_state(n, a) if k == "state" else ())), tuple(f), state=s or "")
            for _, n, a, f, s, k in actors
        ]
        entities += [Entity(n, "location", tuple(a), country=c) for _, n, a, c in places]
        rules = _theme_rules()
        ids = {("actor", n): i for i, n, *_ in actors} | {("location", n): i for i, n, *_ in places}
        ids |= {("theme", slug): i for i, slug in Theme.objects.values_list("id", "slug")}
        rejected = frozenset(RejectedName.objects.values_list("kind", "folded"))
        return cls(EntityMatcher(entities), ThemeScorer(rules), theme_vectors(rules), rejected, ids)


def _theme_rules() -> list[Rule]:
    return [
        Rule(slug, phrase, weight)
        for slug, phrase, weight in ThemeRule.objects.values_list("theme__slug", "phrase", "weight")
    ]


def theme_vectors(rules: list[Rule], leaving_out: int | None = None) -> ThemeVectors:
    """The themes read by meaning: their own words, their examples and the entries editors gave them, but for
    the event `leaving_out`."""
    phrases = defaultdict(list)
    for rule in rules:
        phrases[rule.theme].append(rule.phrase)
    given = _entries_editors_gave(leaving_out)
    themes, examples = {}, {}
    for pk, slug, name, description, written in Theme.objects.values_list(
        "id", "slug", "name", "description", "examples"
    ):
        themes[slug] = theme_text(name, description, phrases[slug])
        examples[slug] = [*written, *given[pk]]
    return ThemeVectors(themes, examples)


# The entries editors gave a theme, latest first, that serve as its examples: enough to learn from, few enough to
# read at every rebuild.
EDITORS_EXAMPLES = 100


def _entries_editors_gave(leaving_out: int | None = None) -> dict[int, list[str]]:
    """Each theme's latest entries that editors gave it, by the theme's id, but for the event `leaving_out`."""
    latest = Window(RowNumber(), partition_by=F("target_id"), order_by=F("decided_at").desc())
    given = TagDecision.objects.filter(kind="theme", added=True).exclude(event_id=leaving_out).annotate(rank=latest)
    given = given.filter(rank__lte=EDITORS_EXAMPLES)
    out = defaultdict(list)
    for theme, headline, body in given.values_list("target_id", "event__headline", "event__body"):
        out[theme].append(entry_text(headline, body))
    return out


_cache: dict[str, tuple[tuple, Tagger, float]] = {}
# How long an ingest trusts the gazetteer it last checked: its version costs queries per document otherwise.
RECHECK_SECONDS = 1.0


def current_tagger(fresh: bool = False) -> Tagger:
    """The tagger for the gazetteer as it is; rebuilt only when an entity, rule or rejection changed.

    `fresh` checks the version now, as retagging after an editor's change must.
    """
    cached = _cache.get("tagger")
    now = time.monotonic()
    if cached and not fresh and now - cached[2] < RECHECK_SECONDS:
        return cached[1]
    version = gazetteer_version()
    tagger = cached[1] if cached and cached[0] == version else Tagger.build()
    _cache["tagger"] = (version, tagger, now)
    return tagger


@receiver([post_save, post_delete], sender=Actor)
@receiver([post_save, post_delete], sender=Location)
@receiver([post_save, post_delete], sender=Theme)
@receiver([post_save, post_delete], sender=ThemeRule)
@receiver([post_save, post_delete], sender=RejectedName)
def forget_tagger(instance=None, created: bool = False, **kwargs) -> None:
    """A change made in this process takes effect at once; other processes see it within RECHECK_SECONDS.

    A name discovery just added is not a change to the gazetteer: its own pattern finds it again.
    """
    if not (created and getattr(instance, "reviewed", True) is False):
        _cache.pop("tagger", None)


def gazetteer_version() -> tuple:
    """Changes whenever an editor changes an entity, a theme, a rule, a rejection or an event's themes. Names
    discovery adds do not count: their own patterns find them again, so a newly discovered name need not recompile
    the matcher."""
    parts = []
    for rows in (Actor.objects.filter(reviewed=True), Location.objects.filter(reviewed=True), ThemeRule.objects):
        summary = rows.aggregate(n=Count("id"), last=Max("updated_at"))
        parts += [summary["n"], summary["last"]]
    # A theme's description shapes how entries read against it: its history shows when one was last edited.
    themes = Theme.history.aggregate(n=Count("history_id"), last=Max("history_date"))
    # The entries editors give a theme are examples of it.
    given = TagDecision.objects.filter(kind="theme").aggregate(n=Count("id"), last=Max("decided_at"))
    return (*parts, Theme.objects.count(), themes["n"], themes["last"], RejectedName.objects.count(), *given.values())


def tag_events(
    events: list[Event], fresh: bool = False, created: Collection[int] = frozenset(), noted: bool = False
) -> None:
    """Gives the events (one document's, so short forms can lean on full names anywhere in it) their tags.

    `fresh` re-reads the gazetteer first, for retagging after an editor changed it. `created` names the events
    created just now, which have neither tags to replace nor editors' decisions to look up. `noted` when the
    caller's transaction already noted the events' documents as changed (`Revision.bump`), as storing a document does.
    """
    if not events:
        return
    tagger = current_tagger(fresh)
    discovered = {e.pk: discover(f"{e.headline}\n{e.body}", tagger.matcher, tagger.rejected) for e in events}
    tagger = _with_discoveries(tagger, {name for found in discovered.values() for name in found})
    _write(events, _machine_tags(tagger, events, discovered), created)
    if not noted:  # raw inserts send no signal, and readers' cached counts must follow the new tags
        Revision.bump({e.document_id for e in events}, texts=False)


def machine_tags_of(event: Event) -> dict[str, set[int]]:
    """What the machine alone tags the event with, as the rest of its document gives it context."""
    siblings = list(Event.objects.filter(document_id=event.document_id).only("id", "headline", "body"))
    tagger = current_tagger(fresh=True)
    if event.tag_decisions.filter(kind="theme", added=True).exists():
        # The themes an editor gave this event make it an example of them: read with it, the machine would seem to
        # agree with the editor, and the decision would not be kept.
        tagger = dataclasses.replace(tagger, vectors=theme_vectors(_theme_rules(), leaving_out=event.pk))
    discovered = {e.pk: discover(f"{e.headline}\n{e.body}", tagger.matcher, tagger.rejected) for e in siblings}
    return _machine_tags(tagger, siblings, discovered)[event.pk]


def retag(events: Iterable[Event]) -> int:
    """Re-tags events document by document, keeping every editor's decision. Returns how many."""
    by_document: dict[int, list[Event]] = {}
    for event in events:
        by_document.setdefault(event.document_id, []).append(event)
    for index, group in enumerate(by_document.values()):
        with transaction.atomic():
            Event.objects.filter(pk__in=[e.pk for e in group]).lock()
            tag_events(group, fresh=index == 0)
    return sum(len(group) for group in by_document.values())


def retag_all() -> int:
    return retag(Event.objects.order_by("document_id", "position").iterator(chunk_size=2000))


def record_editor_tags(event: Event, chosen: dict[str, set[int]]) -> None:
    """Turns the tags an editor left on an event into decisions: what they added, what they took away."""
    machine = machine_tags_of(event)
    decisions = []
    for kind in MODELS:
        decisions += [
            TagDecision(event=event, kind=kind, target_id=i, added=True) for i in chosen[kind] - machine[kind]
        ]
        decisions += [
            TagDecision(event=event, kind=kind, target_id=i, added=False) for i in machine[kind] - chosen[kind]
        ]
    with transaction.atomic():
        event.tag_decisions.all().delete()
        TagDecision.objects.bulk_create(decisions)
    forget_tagger()  # the entries editors give a theme are its examples


@transaction.atomic
def merge(source: Actor | Location, target: Actor | Location) -> None:
    """Folds one entity into another: its name and aliases become the target's aliases, its events the target's."""
    kind = "actor" if isinstance(source, Actor) else "location"
    target.aliases = sorted({*target.aliases, source.name, *source.aliases} - {target.name})
    target.former_slugs = sorted({*target.former_slugs, source.slug, *source.former_slugs} - {target.slug})
    if kind == "actor":
        # The forces of the state merged away serve the one it joins; forces merged keep a state either had.
        if target.state_id in (None, source.pk):
            target.state_id = source.state_id if source.state_id != target.pk else None
        for forces in Actor.objects.filter(state=source).exclude(pk=target.pk):
            forces.state = target
            forces.save(update_fields=["state", "updated_at"])  # other workers' taggers see it
    target.save()
    links = Event.actors.through if kind == "actor" else Event.locations.through
    column = f"{kind}_id"
    linked = set(links.objects.filter(**{column: target.pk}).values_list("event_id", flat=True))
    links.objects.filter(**{column: source.pk}).exclude(event_id__in=linked).update(**{column: target.pk})
    TagDecision.objects.filter(kind=kind, target_id=source.pk).exclude(
        event_id__in=TagDecision.objects.filter(kind=kind, target_id=target.pk).values("event_id")
    ).update(target_id=target.pk)
    TagDecision.objects.filter(kind=kind, target_id=source.pk).delete()
    source.delete()


@transaction.atomic
def reject(entity: Actor | Location) -> None:
    """Turns down a discovered name: it leaves every event and is never proposed again."""
    kind = "actor" if isinstance(entity, Actor) else "location"
    RejectedName.objects.get_or_create(
        kind=kind, folded=match_form(entity.name).strip(), defaults={"name": entity.name}
    )
    TagDecision.objects.filter(kind=kind, target_id=entity.pk).delete()
    entity.delete()


def _machine_tags(
    tagger: Tagger, events: list[Event], discovered: dict[int, list[tuple[str, str, str]]]
) -> dict[int, dict[str, set[int]]]:
    """Each event's tags. Every text is folded once; a short form ("Kim") counts once any entry names it in full."""
    folded = {e.pk: (match_form(e.headline), match_form(e.body)) for e in events}
    mentions = {pk: tagger.matcher.mentions(_outside(h + b, discovered[pk])) for pk, (h, b) in folded.items()}
    named = frozenset((e.kind, e.name) for found in mentions.values() for e, full in found if full)
    nearest = tagger.vectors.nearest([entry_text(e.headline, e.body) for e in events])
    out = {}
    for event, near in zip(events, nearest, strict=True):
        tags: dict[str, set[int]] = {kind: set() for kind in MODELS}
        for entity in resolve_mentions(mentions[event.pk], named):
            tags[entity.kind].add(tagger.ids[(entity.kind, entity.name)])
            if ("actor", entity.state) in tagger.ids:
                tags["actor"].add(tagger.ids[("actor", entity.state)])
        for kind, name, _ in discovered[event.pk]:
            if (kind, name) in tagger.ids:
                tags[kind].add(tagger.ids[(kind, name)])
        tags["theme"] = {
            tagger.ids[("theme", slug)]
            for slug in with_nearest(tagger.scorer.themes(*folded[event.pk]), near)
            if ("theme", slug) in tagger.ids
        }
        out[event.pk] = tags
    return out


def _outside(folded: str, discovered: list[tuple[str, str, str]]) -> str:
    """The text without the people and institutions discovered in it: a known name inside one of theirs ("the
    Syldavia Press Office", "Foreign Minister Russia Katz") is part of a name, not a mention."""
    for kind, name, _ in discovered:
        if kind == "actor":
            folded = folded.replace(match_form(name), " | ")
    return folded


def _with_discoveries(tagger: Tagger, found: set[tuple[str, str, str]]) -> Tagger:
    """Looks up the names the text marks clearly, creating the new ones unreviewed, and lets the tagger see them."""
    missing = {(kind, name, subkind) for kind, name, subkind in found if (kind, name) not in tagger.ids}
    if not missing:
        return tagger
    ids = dict(tagger.ids)
    for kind, model in (("actor", Actor), ("location", Location)):
        wanted = {name: subkind for k, name, subkind in missing if k == kind}
        ids.update({(kind, name): pk for name, pk in _added(model, wanted).items()})
    return dataclasses.replace(tagger, ids=ids)


def _added(model, wanted: dict[str, str]) -> dict[str, int]:
    """Adds the names (with their kinds) the database lacks, unreviewed; returns each name's id.

    One insert for all, not a save and its signals each (a long blog names a hundred new people); a name another
    ingest made meanwhile is kept as it is. Should that ingest have taken a slug given here, the names that lost it
    are tried again with the next free one. `tag_events` renews readers' counts once at its end."""
    found: dict[str, int] = {}
    for _ in range(3):
        missing = [name for name in wanted if name not in found]
        if not missing:
            break
        slugs = model.new_slugs(missing)
        new = [model(name=name, kind=wanted[name], slug=slugs[name], reviewed=False) for name in missing]
        model.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        found |= dict(model.objects.filter(name__in=missing).values_list("name", "id"))
    return found


def _write(events: list[Event], machine: dict[int, dict[str, set[int]]], created: Collection[int]) -> None:
    """Replaces the events' tag links: the machine's tags with each editor decision applied on top."""
    ids = [e.pk for e in events]
    # Queries for events created just now would find nothing, and a new document's events are all such.
    earlier = [pk for pk in ids if pk not in created]
    decided: dict[int, list[TagDecision]] = {}
    for decision in TagDecision.objects.filter(event_id__in=earlier) if earlier else ():
        decided.setdefault(decision.event_id, []).append(decision)
    for kind, field in (("actor", Event.actors), ("location", Event.locations), ("theme", Event.themes)):
        through = field.through
        if earlier:
            through.objects.filter(event_id__in=earlier).delete()
        rows = []
        for event_id in ids:
            chosen = set(machine[event_id][kind])
            for decision in decided.get(event_id, []):
                if decision.kind == kind:
                    (chosen.add if decision.added else chosen.discard)(decision.target_id)
            rows += [(event_id, target) for target in chosen]
        _insert_links(through, f"{kind}_id", rows)


# A statement per link paid SQLite's work per statement, the autoincrement's bookkeeping among it, for every row.
# 200 rows are 400 parameters, within the 999 SQLite allows by default.
LINKS_PER_INSERT = 200


def _insert_links(through, column: str, rows: list[tuple[int, int]]) -> None:
    """Plain two-column inserts, many rows to a statement: a model instance per link made tagging cost more than
    the whole ingest."""
    if not rows:
        return
    table = connection.ops.quote_name(through._meta.db_table)
    step = LINKS_PER_INSERT
    chunks = [list(itertools.chain.from_iterable(rows[i : i + step])) for i in range(0, len(rows), step)]
    with connection.cursor() as cursor:
        # Every chunk is full but the last. executemany even for that one alone: with DEBUG on, execute has
        # SQLite quote each parameter for the query log.
        for parameters, alike in itertools.groupby(chunks, key=len):
            values = ", ".join(["(%s, %s)"] * (parameters // 2))
            cursor.executemany(f"INSERT INTO {table} (event_id, {column}) VALUES {values}", list(alike))
