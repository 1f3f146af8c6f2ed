"""Times the timeline's htmx response under typical filter mixes, in process, with its queries and size."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import math
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Max, Min
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from timeline.ingest import parse_document
from timeline.models import Document, Event, Revision
from timeline.query.counting import read_index, search_plan
from timeline.query.held import current_index
from timeline.store.documents import store_document
from timeline.tooling.ingest_corpus import synthetic_corpus
from timeline.tooling.served import (
    INGESTED_PREFIX,
    Answer,
    ask,
    ingesting,
    production_server,
    readers,
    resident_megabytes,
)

URL = "/"
WARM_UP = 2  # untimed requests per mix: the first ones pay for templates, caches and cold pages
UPDATE_BYTES = 60_000  # written to find a live blog among, ingested to time an update of the index
SAMPLED_HEADLINES = 1000  # read to find the words a search is most often for
COMMON_WORDS = 20
WORD = re.compile(r"[a-z]{5,}")
PHRASE_WORD = re.compile(r"[a-z]{3,}")
# Words every story has, which nobody searches a timeline for.
STOP_WORDS = {"about", "after", "according", "against", "their", "there", "which", "would", "where", "while"}
CURSOR_LINK = re.compile(r"""["']([^"']*[?&]cursor=[^"']*)["']""")
CURSOR_INPUT = re.compile(r"""name=["']cursor["'][^>]*value=["']([^"']+)["']""")


class Unavailable(Exception):
    """The database lacks what a mix needs, such as tagged events."""


@dataclass
class Population:
    """What the database holds, with how often, to draw realistic filters from."""

    actors: Counter = field(default_factory=Counter)  # slug -> events
    locations: Counter = field(default_factory=Counter)
    themes: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)  # the most common words of headlines, with how often
    rare_words: list[str] = field(default_factory=list)  # words seen once in the sampled headlines
    phrases: list[str] = field(default_factory=list)  # two words side by side in a headline
    months: list[dt.date] = field(default_factory=list)  # first days of the months events happened in
    dated_events: list[int] = field(default_factory=list)

    @classmethod
    def from_database(cls, rng: random.Random) -> Population:
        visible = Event.objects.visible()
        span = visible.aggregate(first=Min("occurred_on"), last=Max("occurred_on"))
        dated = list(visible.exclude(occurred_on=None).order_by("pk").values_list("pk", flat=True))
        sample = rng.sample(dated, min(SAMPLED_HEADLINES, len(dated)))
        headlines = list(Event.objects.filter(pk__in=sample).values_list("headline", flat=True))
        words = Counter(
            word for headline in headlines for word in WORD.findall(headline.lower()) if word not in STOP_WORDS
        )
        phrases = [" ".join(pair) for headline in headlines for pair in pairs(PHRASE_WORD.findall(headline.lower()))]
        return cls(
            actors=tag_counts(Event.actors.through, "actor__slug"),
            locations=tag_counts(Event.locations.through, "location__slug"),
            themes=tag_counts(Event.themes.through, "theme__slug"),
            words=Counter(dict(words.most_common(COMMON_WORDS))),
            rare_words=sorted(word for word, count in words.items() if count == 1),
            phrases=phrases,
            months=months_between(span["first"], span["last"]),
            dated_events=dated,
        )

    def frequent(self, rng: random.Random, counts: Counter, k: int, what: str) -> list:
        """`k` different keys, each drawn in proportion to how many events it has."""
        if len(counts) < k:
            raise Unavailable(f"fewer than {k} {what} in the events")
        keys, weights = list(counts), list(counts.values())
        chosen: list = []
        while len(chosen) < k:
            key = rng.choices(keys, weights)[0]
            if key not in chosen:
                chosen.append(key)
        return chosen

    def rare_actor(self, rng: random.Random) -> str:
        """One of the least tagged quarter of the actors that appear at all."""
        if not self.actors:
            raise Unavailable("no actors in the events")
        ranked = sorted(self.actors, key=lambda key: (self.actors[key], key))
        return rng.choice(ranked[: max(1, len(ranked) // 4)])

    def any_of(self, rng: random.Random, values: list[str], what: str) -> str:
        if not values:
            raise Unavailable(f"no {what} in the sampled headlines")
        return rng.choice(values)

    def month(self, rng: random.Random) -> dict[str, str]:
        if not self.months:
            raise Unavailable("no dated events")
        return month_range(rng.choice(self.months))


def pairs(words: list[str]) -> list[tuple[str, str]]:
    return list(zip(words, words[1:], strict=False))


def tag_counts(through, column: str) -> Counter:
    return Counter(through.objects.values_list(column, flat=True))


def months_between(first: dt.date | None, last: dt.date | None) -> list[dt.date]:
    if first is None or last is None:
        return []
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=31)).replace(day=1)
    return months


def month_range(first_day: dt.date) -> dict[str, str]:
    last_day = first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])
    return {"date_from": first_day.isoformat(), "date_to": last_day.isoformat()}


def no_filter(rng: random.Random, db: Population) -> dict:
    return {}


def one_actor(rng: random.Random, db: Population) -> dict:
    return {"actor": db.frequent(rng, db.actors, 1, "actors")}


def one_theme(rng: random.Random, db: Population) -> dict:
    return {"theme": db.frequent(rng, db.themes, 1, "themes")}


def actor_and_theme(rng: random.Random, db: Population) -> dict:
    return one_actor(rng, db) | one_theme(rng, db)


def two_locations(rng: random.Random, db: Population) -> dict:
    return {"location": db.frequent(rng, db.locations, 2, "locations")}


def one_month(rng: random.Random, db: Population) -> dict:
    return db.month(rng)


def common_word(rng: random.Random, db: Population) -> dict:
    return {"q": db.frequent(rng, db.words, 1, "words")[0]}


def rare_word(rng: random.Random, db: Population) -> dict:
    return {"q": db.any_of(rng, db.rare_words, "rare words")}


def phrase(rng: random.Random, db: Population) -> dict:
    return {"q": db.any_of(rng, db.phrases, "phrases")}


def word_and_theme(rng: random.Random, db: Population) -> dict:
    return common_word(rng, db) | one_theme(rng, db)


def rare_actor(rng: random.Random, db: Population) -> dict:
    return {"actor": [db.rare_actor(rng)]}


def find_in_facet(rng: random.Random, db: Population) -> dict:
    """The first letters of a word of a frequent actor's name typed into the Who box, with a theme chosen."""
    word = rng.choice(db.frequent(rng, db.actors, 1, "actors")[0].split("-"))
    return {"find_actor": word[: rng.randint(2, 4)]} | one_theme(rng, db)


def everything(rng: random.Random, db: Population) -> dict:
    """Every filter at once, taken from one real event, so that the narrowest query still finds something."""
    if not db.dated_events:
        raise Unavailable("no dated events")
    event = Event.objects.prefetch_related("actors", "locations", "themes").get(pk=rng.choice(db.dated_events))
    params = {"source": event.document_id, "order": "oldest", **month_range(event.occurred_on.replace(day=1))}
    for key, tags in (("actor", list(event.actors.all())), ("location", list(event.locations.all()))):
        if tags:
            params[key] = [rng.choice(tags).slug]
    if themes := list(event.themes.all()):
        params["theme"] = [rng.choice(themes).slug]
    if words := WORD.findall(event.headline.lower()):
        params["q"] = rng.choice(words)
    return params


# Each mix draws the query string of one request to the timeline, or to the part of it named.
MIXES: list[tuple[str, Callable[[random.Random, Population], dict], str]] = [
    ("no filter", no_filter, "index"),
    ("one actor", one_actor, "index"),
    ("one theme", one_theme, "index"),
    ("actor + theme", actor_and_theme, "index"),
    ("two locations", two_locations, "index"),
    ("one month", one_month, "index"),
    ("common word", common_word, "index"),
    ("rare word", rare_word, "index"),
    ("phrase", phrase, "index"),
    ("word + theme", word_and_theme, "index"),
    ("rare actor", rare_actor, "index"),
    ("everything", everything, "index"),
    ("facet search", find_in_facet, "facet"),
]
NEXT_PAGE = "next page"


@dataclass
class Sample:
    seconds: float
    queries: int
    size: int
    status: int


def cursor_params(page: str) -> dict | None:
    """The query string of the page's link to the next page, or None when it offers none."""
    if link := CURSOR_LINK.search(page):
        return {key: values for key, values in parse_qs(urlsplit(html.unescape(link.group(1))).query).items()}
    if field_ := CURSOR_INPUT.search(page):
        return {"cursor": [html.unescape(field_.group(1))]}
    return None


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Command(BaseCommand):
    help = (
        "Benchmark the timeline's htmx response under typical filter mixes: in process (server time, queries, size, "
        "the first request's time and the memory held), or with --clients, many readers at once against gunicorn "
        "with production settings while documents are ingested."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="timed requests per mix (default 50)")
        parser.add_argument("--seed", type=int, default=0, help="the filters drawn for this seed (default 0)")
        parser.add_argument(
            "--clients", type=int, default=0, help="readers at once against gunicorn (default 0: in process)"
        )
        parser.add_argument("--seconds", type=float, default=60, help="how long the readers ask (default 60)")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn's workers (default 4)")
        parser.add_argument(
            "--ingest-rate",
            type=float,
            default=25,
            help="kilobytes of documents queued a second for the ingest worker meanwhile (default 25)",
        )

    def handle(self, *args, **options):
        if options["requests"] < 1:
            raise CommandError("--requests must be at least 1")
        if options["clients"] < 0 or options["workers"] < 1 or options["seconds"] <= 0 or options["ingest_rate"] <= 0:
            raise CommandError(
                "--clients must be 0 or more, --workers at least 1, and --seconds and --ingest-rate more than 0"
            )
        # In process every view is made for its request; gunicorn's keep them as the environment says.
        self.views_kept = settings.TIMELINE_KEEP_VIEWS
        with override_settings(TIMELINE_KEEP_VIEWS=False):
            self.measure(options)

    def measure(self, options) -> None:
        self.stdout.write(f"database: {engine()}")
        client = Client(raise_request_exception=False, HTTP_HOST=allowed_host())
        self.secure = settings.SECURE_SSL_REDIRECT
        started = resident_megabytes()
        first = self.timed(client, URL, {})  # this process has read nothing yet: a worker's first request
        after_first = resident_megabytes()
        rng = random.Random(options["seed"])
        total, shown = Event.objects.count(), Event.objects.visible().count()
        self.stdout.write(f"events in the database: {total:,} ({shown:,} shown unfiltered, repeats hidden)")
        plans = self.plan(rng, Population.from_database(rng), client, options["requests"])
        if options["clients"]:
            self.concurrent(plans, options["clients"], options["seconds"], options["workers"], options["ingest_rate"])
            return
        for requests in plans.values():
            for url, params in requests[:WARM_UP]:
                client.get(url, params, HTTP_HX_REQUEST="true", secure=self.secure)
        results = {
            label: [self.timed(client, url, params) for url, params in requests] for label, requests in plans.items()
        }
        self.report(results, options["requests"], options["seed"])
        # The first request, the plan's look at the first page, the warm-ups and the timed ones.
        every = 2 + sum(len(requests[:WARM_UP]) + len(requests) for requests in plans.values())
        self.stdout.write(
            f"first request of the process: {first.seconds * 1000:,.0f} ms; memory: {started:.0f} MB at start, "
            f"{after_first:.0f} MB after the first request, {resident_megabytes():.0f} MB after {every} "
            f"(at most {resident_megabytes(line='VmHWM'):.0f} MB)"
        )
        self.index_update()
        if options["verbosity"] >= 2:
            self.explain_searches(plans)

    def index_update(self) -> None:
        """What a process pays when a document comes in: its index brought up to date, against read whole."""
        started = time.perf_counter()
        whole = read_index(Revision.current())
        whole_ms = (time.perf_counter() - started) * 1000
        name, text = next((name, text) for name, text in synthetic_corpus(UPDATE_BYTES) if "liveblog" in name)
        stored = store_document(parse_document(text), source=f"{INGESTED_PREFIX}{name}", text=text)
        try:
            started = time.perf_counter()
            read_index(Revision.current(), since=whole)
            update_ms = (time.perf_counter() - started) * 1000
        finally:
            stored.document.delete()
        self.stdout.write(
            f"index: read whole in {whole_ms:,.0f} ms; brought up to date after a live blog of {stored.events} "
            f"entries in {update_ms:,.0f} ms"
        )

    def plan(self, rng: random.Random, db: Population, client: Client, count: int) -> dict[str, list[tuple[str, dict]]]:
        """Each mix's requests (address and query), drawn up front so that drawing them is not timed."""
        plans = {}
        for label, draw, view in MIXES:
            url = reverse(view, args=["actor"] if view == "facet" else [])
            try:
                plans[label] = [(url, draw(rng, db)) for _ in range(count)]
            except Unavailable as reason:
                self.stdout.write(f"{label}: skipped ({reason})")
        first_page = client.get(URL, HTTP_HX_REQUEST="true", secure=self.secure).content.decode(errors="replace")
        if next_page := cursor_params(first_page):
            plans[NEXT_PAGE] = [(URL, next_page)] * count
        else:
            self.stdout.write(f"{NEXT_PAGE}: skipped (the first page links to no cursor)")
        return plans

    def timed(self, client: Client, url: str, params: dict) -> Sample:
        # Each search is timed as the first of its words: the processes keep the matches of recent searches, through
        # their updates too, and share them, and a busy day brings new words all the time.
        if params.get("q"):
            current_index().forget_searches()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, params, HTTP_HX_REQUEST="true", secure=self.secure)
            seconds = time.perf_counter() - start
        return Sample(seconds, len(queries.captured_queries), len(response.content), response.status_code)

    def report(self, results: dict[str, list[Sample]], count: int, seed: int) -> None:
        self.stdout.write(
            f"{count} timed requests per mix after {WARM_UP} untimed, seed {seed}; server time in process; "
            "every search as the first of its words"
        )
        self.stdout.write(f"{'mix':<16}{'p50 ms':>10}{'p95 ms':>10}{'max queries':>13}{'max KB':>10}")
        for label, samples in results.items():
            times = [sample.seconds * 1000 for sample in samples]
            self.stdout.write(
                f"{label:<16}{percentile(times, 0.5):>10.1f}{percentile(times, 0.95):>10.1f}"
                f"{max(s.queries for s in samples):>13}{max(s.size for s in samples) / 1024:>10.1f}"
            )
        every = [sample.seconds * 1000 for samples in results.values() for sample in samples]
        self.stdout.write(f"{'overall':<16}{percentile(every, 0.5):>10.1f}{percentile(every, 0.95):>10.1f}")
        failed = Counter(
            (label, sample.status) for label, samples in results.items() for sample in samples if sample.status != 200
        )
        if failed:
            which = ", ".join(f"{label} {status} x{n}" for (label, status), n in sorted(failed.items()))
            self.stdout.write(f"WARNING: {sum(failed.values())} responses were not 200 ({which})")

    def explain_searches(self, plans: dict[str, list[tuple[str, dict]]]) -> None:
        """How the database answers the first search of each search mix."""
        for label, requests in plans.items():
            if words := requests[0][1].get("q"):
                self.stdout.write(f"\n{label}: the search for {words!r}\n{search_plan(words)}")

    def concurrent(
        self, plans: dict[str, list[tuple[str, dict]]], clients: int, seconds: float, workers: int, ingest_rate: float
    ) -> None:
        requests = [request for requests in plans.values() for request in requests]
        self.stdout.write(
            f"{clients} readers for {seconds:g} s against gunicorn ({workers} workers, production settings), "
            f"documents queued meanwhile at {ingest_rate:g} KB/s; "
            + ("views kept for all readers while their index is in hand" if self.views_kept else "no views kept")
            + " (TIMELINE_KEEP_VIEWS)"
        )
        with production_server(workers) as server:
            first = ask(server.url + URL)
            self.stdout.write(f"first request after start: {first.seconds * 1000:,.0f} ms (status {first.status})")
            with ingesting(server, ingest_rate * 1000) as ingested:
                answers = readers(server, requests, clients, seconds)
            memory = server.workers_memory()
        Document.objects.filter(source__startswith=INGESTED_PREFIX).delete()
        times = [answer.seconds * 1000 for answer in answers]
        failed = Counter(answer.status or "no answer" for answer in answers if answer.status != 200)
        which = ", ".join(f"{status} x{n}" for status, n in sorted(failed.items(), key=str))
        self.stdout.write(
            f"answers: {len(answers):,} ({len(answers) / seconds:.1f} a second), p50 {percentile(times, 0.5):.0f} ms, "
            f"p95 {percentile(times, 0.95):.0f} ms, errors {sum(failed.values())}" + (f" ({which})" if failed else "")
        )
        self.stdout.write("p95 by the 10 s they were asked in: " + ", ".join(by_ten(answers)))
        self.stdout.write(
            f"ingested meanwhile by one ingest_worker: {ingested.documents} of {ingested.queued} documents queued "
            f"({ingested.bytes / 1e6:.1f} MB), {len(ingested.failures)} failed; removed again"
        )
        if lags := ingested.shown_after:
            self.stdout.write(
                f"readers saw each document p50 {percentile(lags, 0.5):.0f} s, at most {max(lags):.0f} s after it was "
                f"stored ({len(lags)} of {ingested.documents} seen before the readers stopped)"
            )
        for failure in ingested.failures[:3]:
            self.stdout.write(f"  {failure}")
        self.stdout.write("workers' memory after: " + ", ".join(f"{megabytes:.0f} MB" for megabytes in sorted(memory)))


def by_ten(answers: list[Answer]) -> list[str]:
    """The p95 of the answers to the requests asked in each 10 s: a cold start, or workers reading their index again,
    shows as a stretch of its own."""
    if not answers:
        return []
    first = min(answer.asked_at for answer in answers)
    stretches: dict[int, list[float]] = {}
    for answer in answers:
        stretches.setdefault(int((answer.asked_at - first) // 10), []).append(answer.seconds * 1000)
    return [
        f"{percentile(stretches[number], 0.95):,.0f} ms" if number in stretches else "none asked"
        for number in range(max(stretches) + 1)
    ]


def allowed_host() -> str:
    """A host name the settings allow, so the requests are answered under production settings too."""
    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "testserver"


def engine() -> str:
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000} ({connection.settings_dict['NAME']})"
    return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
