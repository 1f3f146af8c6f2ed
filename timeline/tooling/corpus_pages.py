"""The ingest corpus's three kinds of page, each written by a function: live blog, round-up and article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.ingest.stamp_tokens import MONTHS, WEEKDAYS
from timeline.tooling.corpus_vocabulary import AGENCIES, REPORTERS
from timeline.tooling.corpus_writer import NewsWriter


def _long_day(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class _Entry:
    headline: str
    body: list[str]


def liveblog(writer: NewsWriter) -> tuple[str, int, int]:
    """Newest entry first; today's stamps show only the time, earlier days' the full date."""
    target = writer.n(30_000, 60_000)
    latest = dt.datetime.combine(writer.some_day(), dt.time(writer.n(5, 13), writer.n(0, 59)))
    authors = writer.rng.sample(REPORTERS, writer.n(1, 3))
    posts: list[tuple[dt.datetime, _Entry]] = []  # oldest first, built backwards from the latest
    at, size, reposts = latest, 0, 0
    while size < target:
        # Quiet at night, busy by day.
        at -= dt.timedelta(minutes=writer.n(40, 120) if at.hour < 6 else writer.n(8, 45))
        posts.insert(0, (at, live_entry(writer, at.date())))
        size += len(posts[0][1].headline) + sum(len(p) for p in posts[0][1].body) + 40
    # A blog re-posts some entries later on, word for word.
    for index in range(6, len(posts)):
        if writer.rng.random() < 0.06:
            posts[index] = (posts[index][0], posts[writer.n(max(0, index - 30), index - 3)][1])
            reposts += 1
    lines = [f"Ukraine-Russia war latest: {writer.headline()}", writer.headline(), *writer.donation_ask()]
    if lines[-1].endswith("difference.") and writer.rng.random() < 0.5:
        # Scrapers often glue the ask's last line to the lede.
        lines[-1] += writer.paragraph(latest.date())
    lines += [writer.paragraph(latest.date()) for _ in range(writer.n(2, 5))]
    lines.append("Key Points")
    for _, entry in posts[-1:-4:-1]:
        lines += ["-", entry.headline]
    writer.posted = [when for when, _ in reversed(posts)]
    for index, (when, entry) in enumerate(reversed(posts)):
        clock = f"{when:%H:%M}"
        stamp = clock if when.date() == latest.date() else f"{_long_day(when.date())} {clock}"
        lines += [entry.headline, f"{stamp} , {authors[when.hour * len(authors) // 24]}", *entry.body]
        if index and index % 25 == 0 and writer.rng.random() < 0.5:
            lines += writer.donation_ask()
    lines += [*writer.links(), "Share this article", "Comments"]
    return "\n".join(lines) + "\n", len(posts), reposts


def live_entry(writer: NewsWriter, day: dt.date) -> _Entry:
    roll = writer.rng.random()
    if roll < 0.1:
        return _Entry(writer.headline(media=True), [writer.credited_caption()] if roll < 0.04 else [])
    body = [writer.paragraph(day) for _ in range(writer.n(1, 5))]
    if roll < 0.14:
        body.insert(1, writer.credited_caption())
    elif roll < 0.17 and len(body) > 1:
        # A related-links card inside an entry, with the entry's text going on below it.
        body[1:1] = writer.links()[:3]
    return _Entry(writer.headline(), body)


def roundup(writer: NewsWriter) -> tuple[str, int, int]:
    """A title, the page's date, then headline after headline, each with a few paragraphs."""
    target = writer.n(20_000, 40_000)
    day = writer.some_day()
    published = f"Published {MONTHS[day.month - 1]} {day.day}, {day.year}"
    euronews = writer.rng.random() < 0.4
    lines = [f"Ukraine updates: {writer.headline()}"]
    entries = 0
    if euronews:
        lines += [writer.credited_caption(), f"By Euronews with {writer.pick(AGENCIES)}", published]
        lines += ["Share this article", "Comments", "All the latest developments from the war in Ukraine."]
    else:
        summary = writer.rng.random() < 0.6
        lines.append(published + ("What you need to know" if summary else ""))
        lede = [writer.sentence(day) for _ in range(writer.n(3, 6))]
        lines += lede if summary else [" ".join(lede)]
        entries += not summary
        lines.append(
            f"Here are more headlines concerning Russia's war in Ukraine on {WEEKDAYS[day.weekday()]}, "
            f"{MONTHS[day.month - 1]} {day.day}:"
        )
    size = sum(len(line) for line in lines)
    while size < target:
        section = [writer.headline()]
        if writer.rng.random() < 0.15:
            section.append(writer.credited_caption())
        section += [writer.paragraph(day) for _ in range(writer.n(2, 5))]
        if writer.rng.random() < 0.1:
            section.append("Advertisement")
        lines += section
        entries += 1
        size += sum(len(line) for line in section)
    lines += [*writer.links(), "Share this article"]
    return ("\n\n" if euronews else "\n").join(lines) + "\n", entries, 0


def article(writer: NewsWriter) -> tuple[str, int, int]:
    """A headline and its story; some carry their date, some leave it to the reader."""
    target = writer.n(10_000, 22_000)
    day = writer.some_day()
    lines = [writer.headline()]
    if writer.rng.random() < 0.5:
        lines.append(f"By {writer.pick(REPORTERS)}")
    if writer.rng.random() < 0.6:
        lines.append(f"Published {day.day} {MONTHS[day.month - 1]} {day.year}")
    lines.append(writer.credited_caption())
    while sum(len(line) for line in lines) < target:
        lines.append(writer.paragraph(day))
        if writer.rng.random() < 0.04:
            lines += ["Read more here:", writer.headline()]
    return "\n".join(lines) + "\n", 1, 0


# What writes a page of each layout, given a fresh writer: (text, entries, reposts).
PAGES = {"liveblog": liveblog, "roundup": roundup, "article": article}
