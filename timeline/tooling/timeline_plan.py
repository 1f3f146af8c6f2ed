"""The synthetic timeline's documents planned: layout, day and length; which are undated; which entries repeat."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

# A fixed span rather than one ending today: the same seed must give the same timeline on any day.
LAST_DAY = dt.date(2026, 6, 30)
SPAN_DAYS = 730
# layout: (share of documents, fewest entries, most entries)
LAYOUTS = {"liveblog": (30, 20, 80), "roundup": (30, 5, 14), "article": (40, 1, 1)}
UNDATED_SHARE = 0.015  # of events: those of round-ups and articles whose text states no date
REPEAT_SHARE = 0.04  # of events: live-blog entries posted a second time


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
