"""Writes a synthetic timeline into the database, for load tests and benchmarks of the pages."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.tooling.synthetic_timeline import (
    LAYOUT_LABELS,
    SOURCE_PREFIX,
    Made,
    generate_timeline,
    missing_from_gazetteer,
    refresh_planner_statistics,
    synthetic_documents,
)


class Command(BaseCommand):
    help = (
        "Generate a synthetic timeline over two years: live blogs, round-ups and articles tagged with the "
        f"gazetteer's entities. Their sources start with {SOURCE_PREFIX}; --clear removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=100_000, help="how many events (default 100000)")
        parser.add_argument("--seed", type=int, default=0, help="the timeline for this seed (default 0)")
        parser.add_argument(
            "--documents",
            type=int,
            help="spread the events over this many documents (default: as many as usual lengths need)",
        )
        parser.add_argument(
            "--clear", action="store_true", help=f"first delete the documents of earlier runs ({SOURCE_PREFIX}...)"
        )

    def handle(self, *args, **options):
        events, seed, documents = options["events"], options["seed"], options["documents"]
        if events < 0:
            raise CommandError("--events must be 0 or more")
        if documents is not None and not 1 <= documents <= events:
            raise CommandError("--documents must be between 1 and the number of events")
        if events and (missing := missing_from_gazetteer()):
            raise CommandError(f"the gazetteer has no {' and no '.join(missing)}: load it with load_gazetteer")
        start = time.perf_counter()
        # One transaction: a failed run leaves nothing half-made, and SQLite commits once instead of per batch.
        with transaction.atomic():
            if options["clear"]:
                _, removed = synthetic_documents().delete()
                self.stdout.write(
                    f"removed {removed.get('timeline.Document', 0):,} synthetic documents "
                    f"and their {removed.get('timeline.Event', 0):,} events"
                )
            if synthetic_documents(seed).exists():
                raise CommandError(f"synthetic documents of seed {seed} are already there: --clear removes them")
            made = generate_timeline(events, seed=seed, documents=documents)
        refresh_planner_statistics()
        self.stdout.write(describe(made, time.perf_counter() - start))


def describe(made: Made, seconds: float) -> str:
    layouts = ", ".join(
        f"{made.documents[layout]:,} {label}{'' if made.documents[layout] == 1 else 's'}"
        for layout, label in LAYOUT_LABELS.items()
    )
    links = ", ".join(f"{count:,} {kind}" for kind, count in made.links.items())
    span = f"from {made.first_day} to {made.last_day}" if made.first_day else "undated"
    return "\n".join(
        [
            f"made {made.events:,} events in {sum(made.documents.values()):,} documents ({layouts}), {span}",
            f"{made.repeats:,} repeats, {made.undated:,} undated (needs review), "
            f"{made.earlier:,} that happened before the day they were reported",
            f"tag links: {links or 'none'}",
            f"took {seconds:.1f} s",
        ]
    )
