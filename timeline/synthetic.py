"""A synthetic timeline written straight into the database, for load tests and benchmarks of the pages.

The rows look like ingested ones: each event carries the dating facts a parser would have found and its
effective dates are resolved from them the way ingest resolves them, and it is tagged with the real
gazetteer's entities in the skewed proportions of real news. Every document's source starts with
`SOURCE_PREFIX`, so the synthetic rows can be removed without touching anything ingested.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from django.db import connection
from django.db.models import QuerySet

from .bench import MONTHS, REPORTERS, WEEKDAYS
from .ingest.dates import long_date
from .ingest.model import Mention, ParsedEvent, Stamp
from .models import Actor, Document, Event, Location, Revision, Theme
from .store import digest, text_hash

SOURCE_PREFIX = "synthetic/"
# A fixed span rather than one ending today: the same seed must give the same timeline on any day.
LAST_DAY = dt.date(2026, 6, 30)
SPAN_DAYS = 730
LAYOUT_LABELS = {"liveblog": "live blog", "roundup": "round-up", "article": "article"}
# layout: (share of documents, fewest entries, most entries)
LAYOUTS = {"liveblog": (30, 20, 80), "roundup": (30, 5, 14), "article": (40, 1, 1)}
UNDATED_SHARE = 0.015  # of events: those of round-ups and articles whose text states no date
REPEAT_SHARE = 0.04  # of events: live-blog entries posted a second time
MENTION_SHARE = 0.1  # of events: those whose text says when the thing happened ("late on Monday")
# How many tags an event gets, with weights: (1, 2, 3, 4) actors, (1, 2, 3) locations and themes.
ACTORS_PER_EVENT = (40, 32, 18, 10)
LOCATIONS_PER_EVENT = (55, 30, 15)
THEMES_PER_EVENT = (60, 30, 10)
ZIPF_EXPONENT = 1.0

# The names news mentions most, most frequent first; the rest of the gazetteer follows as a long tail.
LEADING_ACTORS = [
    "Ukraine",
    "Russia",
    "Volodymyr Zelensky",
    "Vladimir Putin",
    "Armed Forces of Ukraine",
    "Russian Armed Forces",
    "Kremlin",
    "Donald Trump",
    "NATO",
    "United States",
    "European Union",
    "Dmitry Peskov",
    "Ukrainian Air Force",
    "Russian Ministry of Defence",
    "Sergei Lavrov",
    "Andrii Sybiha",
    "Oleksandr Syrskyi",
    "General Staff of the Armed Forces of Ukraine",
    "Mark Rutte",
    "Emmanuel Macron",
    "Keir Starmer",
    "Friedrich Merz",
    "Ursula von der Leyen",
    "Kaja Kallas",
    "Steve Witkoff",
    "Marco Rubio",
    "IAEA",
    "Andriy Yermak",
    "Germany",
    "United Kingdom",
    "France",
    "Poland",
    "China",
    "North Korea",
    "SBU",
    "Belarus",
]
LEADING_LOCATIONS = [
    "Ukraine",
    "Russia",
    "Kyiv",
    "Donetsk Oblast",
    "Kharkiv",
    "Zaporizhzhia Oblast",
    "Pokrovsk",
    "Kursk Oblast",
    "Odesa",
    "Kharkiv Oblast",
    "Crimea",
    "Moscow",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Zaporizhzhia",
    "Kostiantynivka",
    "Chasiv Yar",
    "Kupiansk",
    "Luhansk Oblast",
    "Black Sea",
    "Belgorod",
    "Zaporizhzhia Nuclear Power Plant",
    "Lviv",
    "Toretsk",
    "Huliaipole",
    "Sumy Oblast",
    "Dnipropetrovsk Oblast",
    "Brussels",
    "Washington",
]
LEADING_THEMES = ["strikes", "frontline", "diplomacy", "weapons", "energy", "humanitarian", "politics", "justice"]
# Where the long tail of places starts: the war's own countries before the rest of the world.
TAIL_COUNTRIES = {"Ukraine": 0, "Russia": 1}

# {a} and {b} are actors, {l} a location, {n} a count, {k} a small count.
HEADLINES = {
    "strikes": [
        "{a} says {n} drones shot down over {l}",
        "Missile strike on {l} kills {k}, {a} says",
        "Overnight drone attack on {l}",
        "Air raid alert in {l} as {a} reports ballistic missiles",
        "{a} blames {b} for strike on {l}",
    ],
    "frontline": [
        "Heavy fighting near {l}, {a} says",
        "{a} says troops gained ground near {l}",
        "Ground assault on {l} repelled, says {a}",
        "{a} and {b} trade claims over battle for {l}",
    ],
    "diplomacy": [
        "{a} and {b} hold talks in {l}",
        "{a} says ceasefire talks made progress",
        "{a} calls for peace deal after meeting in {l}",
        "{a} rejects peace formula put forward by {b}",
    ],
    "weapons": [
        "{a} pledges new arms deliveries",
        "{a} to send {n},000 artillery shells",
        "{a} signs arms deal with {b}",
        "Defence industry in {l} to double output, {a} says",
    ],
    "energy": [
        "Blackouts in {l} after strike on energy infrastructure",
        "{a} says energy grid damaged in {l}",
        "Emergency shutdowns across {l}, {a} says",
    ],
    "humanitarian": [
        "Civilians evacuated from {l}",
        "Death toll in {l} rises to {k}, {a} says",
        "Humanitarian aid reaches {l}, says {a}",
        "{a} and {b} agree exchange of prisoners",
    ],
    "politics": [
        "{a} announces government reshuffle",
        "{a} extends martial law",
        "Official in {l} resigns over corruption scandal",
        "{a} appoints new commander",
    ],
    "justice": [
        "{a} opens criminal case over attack on {l}",
        "Court in {l} convicts {k} in absentia",
        "{a} issues arrest warrant for {b} official",
    ],
    "manpower": [
        "{a} launches new conscription drive",
        "{a} says deserters will face trial",
        "Draft evasion on the rise in {l}, {a} says",
    ],
    "hybrid": [
        "{a} blames {b} for cyberattack",
        "GPS jamming disrupts flights near {l}",
        "{a} warns of disinformation campaign",
        "Sabotage plot uncovered in {l}, {a} says",
    ],
}
SENTENCES = {
    "strikes": [
        "Air defence units shot down {n} attack drones over {l} overnight, {a} said.",
        "A ballistic missile strike hit {l}, killing {k} people and wounding {n}, according to {a}.",
        "Air raid sirens sounded across {l} for {k} hours as cruise missiles flew overhead.",
        "{a} said the drone attack on {l} had damaged {k} buildings.",
    ],
    "frontline": [
        "{a} said troops had repelled {n} assaults near {l} amid heavy fighting.",
        "The front line near {l} was holding despite heavy fighting, {a} said.",
        "{a} reported that its forces had gained ground near {l}.",
    ],
    "diplomacy": [
        "{a} held talks in {l} on a possible ceasefire.",
        "{a} said any peace deal would need firm security guarantees.",
        "Mediators met in {l} to discuss a peace agreement, {a} said.",
    ],
    "weapons": [
        "{a} announced new arms deliveries, including {n},000 artillery shells.",
        "The defence industry in {l} will double its output of artillery shells, {a} said.",
        "{a} confirmed that the first arms shipment had reached {l}.",
    ],
    "energy": [
        "Emergency shutdowns hit {l} after a strike on energy infrastructure, {a} said.",
        "About {n},000 homes in {l} were left without power after blackouts.",
        "{a} said repairs to the energy grid in {l} would take {k} days.",
    ],
    "humanitarian": [
        "Civilians were evacuated from {l} as shelling intensified, {a} said.",
        "The death toll in {l} rose to {k}, {a} said.",
        "A humanitarian aid convoy of {k} lorries reached {l}.",
    ],
    "politics": [
        "{a} announced a reshuffle of senior officials.",
        "Lawmakers in {l} voted to extend martial law, {a} said.",
        "{a} said the official had resigned over a corruption scandal.",
    ],
    "justice": [
        "Prosecutors opened a criminal investigation into the attack on {l}, {a} said.",
        "A court in {l} convicted {k} people in absentia.",
        "{a} said {k} suspects had been charged with treason.",
    ],
    "manpower": [
        "{a} said the conscription drive would call up {n},000 men.",
        "Officials in {l} reported a rise in draft evasion.",
        "{a} said deserters who return to their units would not be prosecuted.",
    ],
    "hybrid": [
        "{a} said a cyberattack had disrupted public services in {l}.",
        "GPS jamming near {l} disrupted {k} flights, {a} said.",
        "Investigators in {l} uncovered an espionage and sabotage plot, {a} said.",
    ],
}
# For a theme an editor added, which the templates above do not know.
OTHER_THEME_HEADLINE = "{a} speaks on {t} in {l}"
OTHER_THEME_SENTENCE = "{a} spoke about {t} during a visit to {l}."
REMARKS = [
    "{a} condemned the attack.",
    "{a} called for restraint.",
    "{a} did not immediately comment.",
    "{a} said more details would follow.",
    "{a} welcomed the decision.",
    "{a} said the situation was being closely watched.",
]
ALSO_IN = [
    "Explosions were also reported in {l}.",
    "Officials in {l} reported similar damage.",
    "Residents of {l} were told to stay in shelters.",
    "Similar reports came from {l}.",
]
CLOSINGS = [
    "The claims could not be independently verified.",
    "Officials gave no further details.",
    "The report could not be confirmed.",
]
WHOLE_STAMP = "day and time from the entry"
REPOST_PREFIXES = ["Recap: ", "Update: ", "Catch up: ", "Earlier: "]
# (outlet, the zone its live blogs' times are in)
OUTLETS = [
    ("Synthetic Courier", "UTC"),
    ("Synthetic Wire", "UTC"),
    ("Synthetic Ledger", "UTC"),
    ("Synthetic Kyiv Bulletin", "Europe/Kyiv"),
    ("The Synthetic Observer", "Europe/London"),
]


@dataclass(frozen=True)
class Tag:
    id: int
    name: str


class SkewedPicker:
    """Draws tags by rank: the r-th is drawn in proportion to 1 / r**exponent, as names are in the news."""

    def __init__(self, ranked: Sequence[Tag], exponent: float = ZIPF_EXPONENT):
        self.tags = list(ranked)
        self.cumulative = list(accumulate(1 / rank**exponent for rank in range(1, len(self.tags) + 1)))

    def draw(self, rng: random.Random, count: int) -> list[Tag]:
        """`count` different tags (fewer if there are not as many), most likely the leading ones."""
        chosen: dict[int, Tag] = {}
        total = self.cumulative[-1] if self.cumulative else 0
        while len(chosen) < min(count, len(self.tags)):
            tag = self.tags[bisect(self.cumulative, rng.random() * total)]
            chosen.setdefault(tag.id, tag)
        return list(chosen.values())


@dataclass
class Gazetteer:
    actors: SkewedPicker
    locations: SkewedPicker
    themes: SkewedPicker
    theme_slugs: dict[int, str]

    @classmethod
    def from_database(cls, rng: random.Random) -> Gazetteer:
        """The reviewed entities ranked: the leading names in their order, then the others shuffled by `rng`."""
        actors = list(Actor.objects.filter(reviewed=True).order_by("name", "id").values_list("id", "name"))
        places = list(
            Location.objects.filter(reviewed=True).order_by("name", "id").values_list("id", "name", "country")
        )
        tiers = {pk: TAIL_COUNTRIES.get(country, len(TAIL_COUNTRIES)) for pk, _, country in places}
        themes = list(Theme.objects.order_by("slug", "id").values_list("id", "slug", "name"))
        names = {slug: name for _, slug, name in themes}
        leading_themes = [names[slug] for slug in LEADING_THEMES if slug in names]
        return cls(
            SkewedPicker(ranked_tags([Tag(pk, name) for pk, name in actors], LEADING_ACTORS, rng)),
            SkewedPicker(
                ranked_tags([Tag(pk, name) for pk, name, _ in places], LEADING_LOCATIONS, rng, lambda t: tiers[t.id])
            ),
            SkewedPicker(ranked_tags([Tag(pk, name) for pk, _, name in themes], leading_themes, rng)),
            {pk: slug for pk, slug, _ in themes},
        )


def ranked_tags(
    tags: list[Tag], leading: list[str], rng: random.Random, tier: Callable[[Tag], int] = lambda tag: 0
) -> list[Tag]:
    """The `leading` names first, in their order; then the rest shuffled, nearer tiers first."""
    by_name = {tag.name: tag for tag in tags}
    head = [by_name[name] for name in leading if name in by_name]
    leading_names = set(leading)
    rest = [tag for tag in tags if tag.name not in leading_names]
    rng.shuffle(rest)
    rest.sort(key=tier)
    return head + rest


@dataclass
class PlannedDocument:
    index: int
    layout: str
    day: dt.date
    size: int
    dated: bool = True
    repeats: dict[int, int] = field(default_factory=dict)  # position of a repost -> position of its first posting


def plan_documents(rng: random.Random, events: int, documents: int | None = None) -> list[PlannedDocument]:
    """Documents of the usual lengths adding up to `events` entries, spread evenly over the span, oldest first.

    With `documents`, that many, their lengths scaled to add up to `events`.
    """
    layouts: list[str] = []
    sizes: list[int] = []
    planned = 0
    names, weights = list(LAYOUTS), [share for share, _, _ in LAYOUTS.values()]
    while (len(sizes) < documents) if documents else (planned < events):
        layout = rng.choices(names, weights)[0]
        _, low, high = LAYOUTS[layout]
        size = rng.randint(low, high) if documents else min(rng.randint(low, high), events - planned)
        layouts.append(layout)
        sizes.append(size)
        planned += size
    if documents:
        sizes = _scaled(sizes, events)
    first_day = LAST_DAY - dt.timedelta(days=SPAN_DAYS - 1)
    plans = []
    for index, (layout, size) in enumerate(zip(layouts, sizes, strict=True)):
        # Scaled lengths can make a one-entry "round-up" or a many-entry "article": name them as a parser would.
        layout = "article" if size == 1 else "roundup" if layout == "article" else layout
        day = first_day + dt.timedelta(days=index * SPAN_DAYS // len(sizes))
        plans.append(PlannedDocument(index, layout, day, size))
    return plans


def _scaled(sizes: list[int], total: int) -> list[int]:
    """The sizes in the same proportions, each at least 1, adding up to `total` (at least one per size)."""
    whole = sum(sizes)
    scaled = [max(1, size * total // whole) for size in sizes]
    largest_first = sorted(range(len(sizes)), key=lambda i: -scaled[i])
    gap, turn = total - sum(scaled), 0
    while gap:
        i = largest_first[turn % len(sizes)]
        step = 1 if gap > 0 else -1
        if scaled[i] + step >= 1:
            scaled[i] += step
            gap -= step
        turn += 1
    return scaled


def mark_undated(rng: random.Random, plans: list[PlannedDocument], events: int) -> None:
    """Round-ups and articles whose text states no date, holding about UNDATED_SHARE of the events."""
    budget = round(UNDATED_SHARE * events)
    candidates = [plan for plan in plans if plan.layout != "liveblog"]
    rng.shuffle(candidates)
    for plan in candidates:
        if plan.size <= budget:
            plan.dated = False
            budget -= plan.size


def mark_repeats(rng: random.Random, plans: list[PlannedDocument], events: int) -> None:
    """Live-blog entries posted again later, REPEAT_SHARE of the events; a blog reads newest first, so the
    first posting stands further down (a higher position) than its repost."""
    wanted = round(REPEAT_SHARE * events)
    blogs = [plan for plan in plans if plan.layout == "liveblog"]
    candidates = [(plan, position) for plan in blogs for position in range(plan.size - 1)]
    rng.shuffle(candidates)
    taken: dict[int, set[int]] = {plan.index: set() for plan in blogs}
    for plan, position in candidates:
        if wanted == 0:
            break
        used = taken[plan.index]
        if position in used:
            continue
        firsts = [p for p in range(position + 1, min(plan.size, position + 30)) if p not in used]
        if firsts:
            first = rng.choice(firsts)
            plan.repeats[position] = first
            used |= {position, first}
            wanted -= 1


@dataclass
class Entry:
    parsed: ParsedEvent
    actors: list[Tag]
    locations: list[Tag]
    themes: list[Tag]
    repeat_of: int | None = None


class Writer:
    """Writes the entries of planned documents: tags drawn from the gazetteer, text made from the tags' names."""

    def __init__(self, rng: random.Random, gazetteer: Gazetteer):
        self.rng = rng
        self.gazetteer = gazetteer
        self.hashes: set[str] = set()
        self.actor_counts = list(accumulate(ACTORS_PER_EVENT))
        self.location_counts = list(accumulate(LOCATIONS_PER_EVENT))
        self.theme_counts = list(accumulate(THEMES_PER_EVENT))

    def entries(self, plan: PlannedDocument) -> list[Entry]:
        """In reading order; written oldest first, so that a repost can copy the entry it repeats."""
        if plan.layout == "liveblog":
            stamps = self.live_blog_stamps(plan)
            days = [stamp.day for stamp in stamps]
        else:
            stamps, days = [None] * plan.size, [plan.day] * plan.size
        entries: dict[int, Entry] = {}
        for position in reversed(range(plan.size)):
            first = plan.repeats.get(position)
            if first is None:
                sentences = self.rng.randint(4, 8) if plan.layout == "article" else 0
                entries[position] = self.new_entry(position, days[position], stamps[position], sentences)
            else:
                entries[position] = self.repost(entries[first], position, stamps[position])
        return [entries[position] for position in range(plan.size)]

    def live_blog_stamps(self, plan: PlannedDocument) -> list[Stamp]:
        """Newest first. The latest day's entries show only the time and take the day from the entry below."""
        at = dt.datetime.combine(plan.day, dt.time(self.rng.randint(16, 23), self.rng.randint(0, 59)))
        authors = self.rng.sample(REPORTERS, self.rng.randint(1, 3))
        stamps = []
        for position in range(plan.size):
            author = authors[at.hour * len(authors) // 24]
            if at.date() == plan.day and position < plan.size - 1:
                text, how = f"{at:%H:%M} , {author}", "time from the entry, day from the entry below it"
            else:
                text = f"{WEEKDAYS[at.weekday()]} {long_date(at.date())} {at:%H:%M} , {author}"
                how = WHOLE_STAMP
            stamps.append(Stamp(text, time=at.time(), day=at.date(), how=how))
            # Quiet at night, busy by day.
            at -= dt.timedelta(minutes=self.rng.randint(40, 120) if at.hour < 6 else self.rng.randint(8, 45))
        return stamps

    def new_entry(self, position: int, day: dt.date, stamp: Stamp | None, extra_sentences: int) -> Entry:
        actors = self.gazetteer.actors.draw(self.rng, self.how_many(self.actor_counts))
        locations = self.gazetteer.locations.draw(self.rng, self.how_many(self.location_counts))
        themes = self.gazetteer.themes.draw(self.rng, self.how_many(self.theme_counts))
        mention = self.mention(day) if self.rng.random() < MENTION_SHARE else None
        headline = self.headline(actors, locations, themes)
        body = self.body(actors, locations, themes, mention, extra_sentences)
        while text_hash(headline, body) in self.hashes:
            body += " " + self.fill(self.rng.choice(CLOSINGS), actors, locations)
        self.hashes.add(text_hash(headline, body))
        return Entry(ParsedEvent(position, headline, body, stamp, mention), actors, locations, themes)

    def how_many(self, cumulative: list[int]) -> int:
        """1, 2, 3... drawn with the weights whose running totals are `cumulative`."""
        return bisect(cumulative, self.rng.random() * cumulative[-1]) + 1

    def repost(self, first: Entry, position: int, stamp: Stamp | None) -> Entry:
        """The same story posted again under a fresh label, so it keeps its body and tags but not its hash."""
        headline, body = self.rng.choice(REPOST_PREFIXES) + first.parsed.headline, first.parsed.body
        while text_hash(headline, body) in self.hashes:
            headline = self.rng.choice(REPOST_PREFIXES) + headline
        self.hashes.add(text_hash(headline, body))
        parsed = ParsedEvent(position, headline, body, stamp, first.parsed.mention, first.parsed.position)
        return Entry(parsed, first.actors, first.locations, first.themes, repeat_of=first.parsed.position)

    def mention(self, day: dt.date) -> Mention:
        """A phrase placing what happened on the reported day or a few days before, as the parser records it."""
        roll = self.rng.random()
        if roll < 0.35:
            back = day - dt.timedelta(days=self.rng.randint(1, 3))
            return Mention(
                f"{self.rng.choice(['on', 'late on', 'early on'])} {WEEKDAYS[back.weekday()]}", weekday=back.weekday()
            )
        if roll < 0.6:
            return Mention(self.rng.choice(["yesterday", "last night"]), days_back=1)
        if roll < 0.85:
            return Mention(self.rng.choice(["earlier today", "this morning", "overnight"]), days_back=0)
        back = day - dt.timedelta(days=self.rng.randint(1, 6))
        return Mention(f"on {back.day} {MONTHS[back.month - 1]}", month_day=(back.month, back.day))

    def headline(self, actors: list[Tag], locations: list[Tag], themes: list[Tag]) -> str:
        slug = self.gazetteer.theme_slugs[themes[0].id]
        templates = HEADLINES.get(slug, [OTHER_THEME_HEADLINE])
        if len(actors) < 2:
            templates = [t for t in templates if "{b}" not in t] or [OTHER_THEME_HEADLINE]
        return self.fill(self.rng.choice(templates), actors, locations, themes[0])

    def body(
        self, actors: list[Tag], locations: list[Tag], themes: list[Tag], mention: Mention | None, extra: int
    ) -> str:
        """A sentence per theme, then one for each actor and place not named yet, so a search finds every tag."""
        sentences = []
        for turn, theme in enumerate([*themes, *(self.rng.choice(themes) for _ in range(extra))]):
            template = self.rng.choice(SENTENCES.get(self.gazetteer.theme_slugs[theme.id], [OTHER_THEME_SENTENCE]))
            turned_actors, turned_places = _turned(actors, turn), _turned(locations, turn)
            sentence = self.fill(template, turned_actors, turned_places, theme)
            if turn == 0 and mention:
                sentence = f"{_cap(mention.text)}, {sentence if template.startswith('{') else _uncap(sentence)}"
            sentences.append(sentence)
        named = " ".join(sentences)
        sentences += [self.fill(self.rng.choice(REMARKS), [a], locations) for a in actors if a.name not in named]
        sentences += [self.fill(self.rng.choice(ALSO_IN), actors, [p]) for p in locations if p.name not in named]
        if self.rng.random() < 0.3:
            sentences.append(self.rng.choice(CLOSINGS))
        return " ".join(sentences)

    def fill(self, template: str, actors: list[Tag], locations: list[Tag], theme: Tag | None = None) -> str:
        return template.format(
            a=actors[0].name,
            b=actors[1].name if len(actors) > 1 else actors[0].name,
            l=locations[0].name,
            t=theme.name.lower() if theme else "",
            n=self.rng.randint(2, 300),
            k=self.rng.randint(1, 30),
        )


def _turned(tags: list[Tag], turn: int) -> list[Tag]:
    """The tags starting from the `turn`-th, so each sentence leads with another name."""
    start = turn % len(tags)
    return tags[start:] + tags[:start]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _uncap(text: str) -> str:
    """Lower-cases an opening word, but not an acronym ("GPS")."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@dataclass
class Made:
    documents: Counter = field(default_factory=Counter)  # by layout
    events: int = 0
    repeats: int = 0
    undated: int = 0
    earlier: int = 0  # events that happened before the day they were reported
    links: Counter = field(default_factory=Counter)  # tag links, by kind
    first_day: dt.date | None = None
    last_day: dt.date | None = None


def missing_from_gazetteer() -> list[str]:
    """What an event needs and the gazetteer lacks: its reviewed actors, locations or themes."""
    kinds = {
        "actors": Actor.objects.filter(reviewed=True),
        "locations": Location.objects.filter(reviewed=True),
        "themes": Theme.objects.all(),
    }
    return [kind for kind, rows in kinds.items() if not rows.exists()]


def synthetic_documents(seed: int | None = None) -> QuerySet[Document]:
    """The documents this module made: those of one seed, or of any."""
    prefix = SOURCE_PREFIX if seed is None else f"{SOURCE_PREFIX}{seed}/"
    return Document.objects.filter(source__startswith=prefix)


def refresh_planner_statistics() -> None:
    """On PostgreSQL, ANALYZE the tables a run filled, as its manual advises after a bulk load: until autovacuum
    gets to them, the planner would plan the timeline's queries for the tables as they were before."""
    if connection.vendor != "postgresql":
        return
    through = [relation.through for relation in (Event.actors, Event.locations, Event.themes)]
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Document, Event, *through))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def generate_timeline(events: int, seed: int = 0, documents: int | None = None) -> Made:
    """Writes `events` synthetic events (over `documents` documents, or as many as their layouts need).

    Call it inside a transaction: the rows go in by the thousand, and alone each batch would be committed.
    """
    rng = random.Random(seed)
    gazetteer = Gazetteer.from_database(rng)
    plans = plan_documents(rng, events, documents) if events else []
    mark_undated(rng, plans, events)
    mark_repeats(rng, plans, events)
    writer = Writer(rng, gazetteer)
    made = Made()
    written = [(plan, writer.entries(plan)) for plan in plans]
    docs = [build_document(plan, entries, seed) for plan, entries in written]
    Document.objects.bulk_create(docs, batch_size=500)
    rows: list[tuple[Event, Entry]] = []
    for document, (_, entries) in zip(docs, written, strict=True):
        rows += [(build_event(document, entry), entry) for entry in entries]
    Event.objects.bulk_create([event for event, entry in rows if entry.repeat_of is None], batch_size=1000)
    link_reposts(rows)
    Event.objects.bulk_create([event for event, entry in rows if entry.repeat_of is not None], batch_size=1000)
    made.links = insert_tag_links(rows)
    Revision.bump()
    made.documents = Counter(document.layout for document in docs)
    made.events = len(rows)
    made.repeats = sum(1 for event, _ in rows if event.duplicate_of_id)
    made.undated = sum(1 for event, _ in rows if event.needs_review)
    made.earlier = sum(1 for event, _ in rows if event.occurred_on and event.occurred_on < event.reported_on)
    dated = [event.occurred_on for event, _ in rows if event.occurred_on]
    made.first_day, made.last_day = (min(dated), max(dated)) if dated else (None, None)
    return made


def build_document(plan: PlannedDocument, entries: list[Entry], seed: int) -> Document:
    outlet, timezone = OUTLETS[plan.index % len(OUTLETS)]
    label = LAYOUT_LABELS[plan.layout]
    title = f"Synthetic {label} {seed}/{plan.index:06d}: {entries[0].parsed.headline}"
    published, basis, published_text = None, "none", ""
    if plan.layout == "liveblog":
        # As the parser reads a live blog: its date is that of the first entry stamped with a whole date.
        stamp = next(entry.parsed.stamp for entry in entries if entry.parsed.stamp.how == WHOLE_STAMP)
        published, basis, published_text = stamp.day, "timestamp", stamp.text
    elif plan.dated:
        published, basis = plan.day, "article_date"
        published_text = f"Published {MONTHS[plan.day.month - 1]} {plan.day.day}, {plan.day.year}"
    lines = [title, *([published_text] if published_text and plan.layout != "liveblog" else [])]
    for entry in entries:
        stamp_line = [entry.parsed.stamp.text] if entry.parsed.stamp else []
        lines += [entry.parsed.headline, *stamp_line, entry.parsed.body]
    text = "\n".join(lines) + "\n"
    document = Document(
        source=f"{SOURCE_PREFIX}{seed}/{plan.index:06d}_{plan.layout}.txt",
        title=title[:500],
        outlet=outlet,
        layout=plan.layout,
        text=text,
        content_hash=digest(text),
        timezone=timezone if plan.layout == "liveblog" else "UTC",
        parsed_published=published,
        parsed_published_basis=basis,
        published_text=published_text[:300],
    )
    document.refresh_dates()
    return document


def build_event(document: Document, entry: Entry) -> Event:
    parsed = entry.parsed
    event = Event(
        document=document,
        position=parsed.position,
        headline=parsed.headline,
        body=parsed.body,
        text_hash=text_hash(parsed.headline, parsed.body),
        parsed_when=parsed.when(),
    )
    event.refresh(document)
    return event


def link_reposts(rows: list[tuple[Event, Entry]]) -> None:
    """Points each repost at its first posting, which must be saved already, and re-derives its effective link."""
    by_position = {(event.document_id, event.position): event for event, _ in rows}
    for event, entry in rows:
        if entry.repeat_of is not None:
            event.parsed_duplicate_of = by_position[(event.document_id, entry.repeat_of)]
            event.refresh(event.document)


def insert_tag_links(rows: list[tuple[Event, Entry]]) -> Counter:
    """The through rows of the three tag relations; returns how many of each kind.

    Plain two-column inserts: a model instance per link would cost more than the events themselves.
    """
    links: Counter = Counter()
    with connection.cursor() as cursor:
        for kind, relation in (("actor", Event.actors), ("location", Event.locations), ("theme", Event.themes)):
            table = connection.ops.quote_name(relation.through._meta.db_table)
            pairs = [(event.pk, tag.id) for event, entry in rows for tag in getattr(entry, f"{kind}s")]
            cursor.executemany(f"INSERT INTO {table} (event_id, {kind}_id) VALUES (%s, %s)", pairs)
            links[kind] = len(pairs)
    return links
