"""Times the ingest pipeline on a synthetic corpus (parsing alone, then parsing and storing), and parsing alone on
a hostile corpus of documents built to find work that grows faster than the text."""

from __future__ import annotations

import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from timeline.ingest import parse_any, parse_document
from timeline.ingest.ahead import ahead, parsed_beside, parsing_process
from timeline.ingest.dates import parse_day
from timeline.ingest.files import UnreadableDocument
from timeline.ingest.theme_vectors import embed
from timeline.store.documents import store_document
from timeline.tooling.generated_blogs import STYLES, generated_blog_of_size
from timeline.tooling.ingest_corpus import HOSTILE_PAGES, HOSTILE_UNITS, hostile_corpus, synthetic_corpus

MB = 1_000_000


class Command(BaseCommand):
    help = "Benchmark ingest on a generated corpus of live blogs, round-ups and articles; stores nothing by default."

    def add_arguments(self, parser):
        parser.add_argument("--megabytes", type=float, default=5.0, help="size of the corpus (default 5.0)")
        parser.add_argument("--seed", type=int, default=0, help="the corpus for this seed (default 0)")
        parser.add_argument(
            "--hostile-megabytes",
            type=float,
            nargs="*",
            default=[1.0, 2.0],
            help="sizes of the hostile documents (default 1 and 2, the ingest limit); none skips them",
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=3,
            help="times the corpus is stored without and with tagging, turn about, and each hostile document is "
            "ingested; the fastest counts, as the others met a busy machine",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="keep the stored rows, committing each document as ingest does; by default all is rolled back",
        )

    def handle(self, *args, **options):
        if options["megabytes"] <= 0:
            raise CommandError("--megabytes must be more than 0")
        if any(size <= 0 for size in options["hostile_megabytes"]):
            raise CommandError("--hostile-megabytes must be more than 0")
        if options["repeat"] < 1:
            raise CommandError("--repeat must be 1 or more")
        # Development settings log every query, its parameters quoted by a query of their own on SQLite: a fifth of
        # the time of storing. Ingest is timed as production runs it, where they are not.
        with override_settings(DEBUG=False):
            self.stdout.write("queries not logged, as in production (DJANGO_DEBUG=0)")
            self.measure(options)

    def measure(self, options) -> None:
        corpus = synthetic_corpus(int(options["megabytes"] * MB), seed=options["seed"])
        size = sum(len(text.encode("utf-8")) for _, text in corpus)
        # dateparser loads its language data on first use (here, the date an undated page mentions): a one-off cost
        # that would land on the first phase only.
        parse_document("Warm-up\n09:00 , A\nOne on 5 December 2024.\n08:00 , A\nTwo.")
        # So does the model that reads themes (a second, once per process): timed, it is reported on its own.
        start = time.perf_counter()
        embed(["Warm-up"])
        self.stdout.write(f"theme model loaded once per process in {time.perf_counter() - start:.1f} s")

        _forget_dates()
        start = time.perf_counter()
        parsed = [parse_document(text) for _, text in corpus]
        parse_seconds = time.perf_counter() - start
        events = sum(len(document.events) for document in parsed)
        layouts = Counter(document.layout for document in parsed)
        kinds = ", ".join(f"{count} {layout}" for layout, count in sorted(layouts.items()))
        self.stdout.write(f"corpus: {size / MB:.2f} MB in {len(corpus)} documents ({kinds}), {events:,} events")
        self.stdout.write(rate("parse", parse_seconds, size, events))
        beside = "in a second process" if parsed_beside(len(corpus)) else "in this process, in turn"
        self.stdout.write(f"storing as the ingest command does, the next documents parsed {beside}")

        # A timestamp in the names lets --keep runs pile up instead of finding their rows "unchanged".
        prefix = f"bench/{options['seed']}/{time.strftime('%Y%m%dT%H%M%S')}/"
        untagged, tagged = self.with_and_without_tagging(corpus, prefix, options["repeat"], options["keep"])
        self.stdout.write(rate("parse+store without tagging", min(untagged), size, events))
        self.stdout.write(rate("parse+store+tag", min(tagged), size, events))
        added = [100 * (with_tags - without) / without for without, with_tags in zip(untagged, tagged, strict=True)]
        self.stdout.write(
            f"tagging adds {100 * (min(tagged) - min(untagged)) / min(untagged):.0f}% to parse+store, "
            f"the fastest of {len(tagged)} each (run by run: {', '.join(f'{share:.0f}%' for share in added)})"
        )
        if options["keep"]:
            self.stdout.write(f"kept: {len(corpus)} documents named {prefix}...")
        else:
            self.stdout.write("rolled back: nothing stored (--keep keeps the rows)")
        if options["hostile_megabytes"]:
            self.hostile([int(size * MB) for size in options["hostile_megabytes"]], options["repeat"])

    def hostile(self, sizes: list[int], repeat: int) -> None:
        """Each hostile document's whole ingest (parse, store, tag; rolled back), in seconds per megabyte: the
        fastest of `repeat` runs."""
        self.stdout.write(
            "hostile corpus, ingest in seconds per MB ("
            + ", ".join(f"{s / MB:g} MB" for s in sizes)
            + ")"
            + f", the fastest of {repeat}:"
        )
        inputs = {
            name: (lambda size, position=position: hostile_corpus(size)[position][1])
            for position, name in enumerate(HOSTILE_UNITS)
        }
        # Live blogs generated in each stamp style, huge and tiny entries and repeats among them.
        for style in STYLES:
            inputs[f"generated live blog, {style.name}"] = lambda size, style=style: (
                generated_blog_of_size(size, style).text
            )
        inputs.update(HOSTILE_PAGES)
        slowest = 0.0
        for name, text_of in inputs.items():
            figures = []
            for size in sizes:
                text = text_of(size)
                megabytes = len(text.encode("utf-8")) / MB
                runs = [_ingest_once(name, text) for _ in range(repeat)]
                seconds, outcome = min(seconds for seconds, _ in runs), runs[0][1]
                slowest = max(slowest, seconds / megabytes)
                figures.append(f"{seconds / megabytes:.2f} s/MB ({outcome})")
            self.stdout.write(f"  {name}: " + "; ".join(figures))
        self.stdout.write(f"hostile slowest: {slowest:.2f} s/MB")

    def with_and_without_tagging(
        self, corpus: list[tuple[str, str]], prefix: str, repeat: int, keep: bool
    ) -> tuple[list[float], list[float]]:
        """Seconds to store the corpus without tagging and with it, `repeat` times each, turn about, so a busy spell
        of the machine weighs on both; with `keep`, the last tagged run's rows stay."""
        untagged, tagged = [], []
        for run in range(repeat):
            untagged.append(self.timed(corpus, f"{prefix}untagged/{run}/", tag=False, keep=False))
            last = run == repeat - 1
            tagged.append(self.timed(corpus, prefix if last else f"{prefix}{run}/", tag=True, keep=keep and last))
        return untagged, tagged

    def timed(self, corpus: list[tuple[str, str]], prefix: str, *, tag: bool, keep: bool) -> float:
        _forget_dates()
        if keep:
            return self.parse_and_store(corpus, prefix, tag)
        # One outer transaction turns each document's own into a savepoint, so no commit is timed.
        with transaction.atomic():
            seconds = self.parse_and_store(corpus, prefix, tag)
            transaction.set_rollback(True)
        return seconds

    def parse_and_store(self, corpus: list[tuple[str, str]], prefix: str, tag: bool) -> float:
        """Seconds to store the corpus as the ingest command does: the next documents parsed in a second process
        while this one stores."""
        start = time.perf_counter()
        with parsing_process(len(corpus)) as parser:
            for (name, text), parsing in ahead(lambda item: parser.submit(parse_document, item[1]), corpus):
                store_document(parsing.result(), source=prefix + name, text=text, tag=tag)
        return time.perf_counter() - start


def _ingest_once(name: str, text: str) -> tuple[float, str]:
    """Seconds to ingest one text as the ingest command would, nothing kept; and what came of it."""
    _forget_dates()
    start = time.perf_counter()
    with transaction.atomic():
        try:
            parsed = parse_any(text, settings.TIMELINE_MAX_DOCUMENT_ENTRIES)
            outcome = (
                f"{len(store_document(parsed, source=f'hostile/{name}', text=text).document.events.all()):,} events"
            )
        except UnreadableDocument as refused:
            outcome = f"refused: {refused}"
        transaction.set_rollback(True)
    return time.perf_counter() - start, outcome


def rate(label: str, seconds: float, size: int, events: int) -> str:
    return f"{label}: {seconds:.1f} s, {size / MB / seconds:.2f} MB/s, {events / seconds:,.0f} events/s"


def _forget_dates() -> None:
    """Empties the parsed-date cache, so the second phase does not ride on the dates the first one parsed."""
    clear = getattr(parse_day, "cache_clear", None)
    if clear:
        clear()
