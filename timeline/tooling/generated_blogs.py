"""Live blogs written at random in the layouts outlets use, each with the moments its entries were posted.

Property tests and `bench_ingest --generated` read them: whatever the stamps' layout, the blog's order, its
repeats, its huge and tiny entries or its encoding, the pipeline must finish, give each entry the moment it was
written with, and give no date at all where the text states none.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from timeline.ingest.stamp_tokens import MONTHS, WEEKDAYS

UTC = ZoneInfo("UTC")
EASTERN = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")

# Words with no date, time or place a tagger or a date reader could take for one.
NOUNS = [
    "convoy", "ministers", "talks", "border", "village", "drones", "shelling", "aid", "trucks", "officials",
    "river", "bridge", "hospital", "power", "grid", "envoy", "ceasefire", "refugees", "café", "négociateurs",
    "water", "schools", "railway", "port", "grain", "engineers", "volunteers", "medics", "reporters", "mayor",
]  # fmt: skip
VERBS = [
    "reached", "crossed", "rebuilt", "repaired", "blocked", "opened", "closed", "visited", "inspected", "left",
    "welcomed", "delayed", "cleared", "guarded", "counted", "supplied", "restored", "warned", "praised", "named",
]  # fmt: skip
LINKS = ["the", "a", "new", "old", "second", "northern", "southern", "damaged", "local", "main", "last", "small"]
AUTHORS = ["Ana Ortega", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eva Lindqvist"]
# What pages put between entries: none of it is an entry.
CLUTTER = [
    ["Advertisement"],
    ["Share"],
    ["Sign up for our newsletter", "Get the day's news in your inbox every morning."],
    ["Related", "Convoy reached the border again 401 trucks", "Engineers rebuilt the bridge 402 river"],
    ["Read more:"],
]


@dataclass(frozen=True)
class StampStyle:
    """One way an outlet stamps its entries: the stamp line for a moment, where it stands, and the zone it reads in.

    `dated` styles give every entry its day; the others give the time alone, under a line naming the day
    (`header`) where the blog has one.
    """

    name: str
    write: Callable[[dt.datetime, str], str]
    zone: ZoneInfo
    before_headline: bool = False
    dated: bool = True
    header: Callable[[dt.date], str] | None = None


def _twelve_hour(at: dt.datetime, dots: bool = False) -> str:
    half = ("a.m." if dots else "AM") if at.hour < 12 else ("p.m." if dots else "PM")
    return f"{(at.hour % 12) or 12}:{at:%M} {half}"


def _long_day(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


STYLES = [
    StampStyle("clock and author, full date", lambda at, who: f"{_long_day(at.date())} {at:%H:%M} , {who}", UTC),
    StampStyle("update, US numeric date", lambda at, who: f"UPDATE: {at:%-m/%-d/%y} {_twelve_hour(at)} ET", EASTERN),
    StampStyle(
        "US month first, before the headline",
        lambda at, who: f"{MONTHS[at.month - 1]} {at.day}, {at.year}, {_twelve_hour(at, dots=True)} ET",
        EASTERN,
        before_headline=True,
    ),
    StampStyle(
        "day month year with zone",
        lambda at, who: f"{at.day} {MONTHS[at.month - 1][:3]} {at.year} {at:%H.%M} {at.tzname()}",
        LONDON,
        before_headline=True,
    ),
    StampStyle(
        "clock under a date header",
        lambda at, who: f"{at:%H:%M}",
        UTC,
        before_headline=True,
        dated=False,
        header=_long_day,
    ),
    StampStyle(
        "short clock under a date header",
        lambda at, who: f"{(at.hour % 12) or 12}.{at:%M}{'am' if at.hour < 12 else 'pm'} GMT",
        UTC,
        before_headline=True,
        dated=False,
        header=lambda day: f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]}, {day.year}",
    ),
    StampStyle("clock and author, no date", lambda at, who: f"{at:%H:%M} , {who}", UTC, dated=False),
]


@dataclass
class GeneratedBlog:
    text: str
    style: StampStyle
    headlines: list[str] = field(default_factory=list)  # in reading order
    posted: list[dt.datetime] = field(default_factory=list)  # each entry's moment, in reading order
    states_days: bool = True  # False: no line of it names a day, so no entry may be given one


def generated_blog(rng: random.Random, entries: int, style: StampStyle | None = None) -> GeneratedBlog:
    """A live blog of `entries` entries, newest or oldest first, some posted twice, some huge, some one line."""
    style = style or rng.choice(STYLES)
    newest_first = rng.random() < 0.75
    start = dt.datetime(
        rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(6, 11), tzinfo=style.zone
    )
    moments, at = [], start
    for _ in range(entries):
        at += dt.timedelta(minutes=rng.randint(3, 90))
        moments.append(at)
    written = [_entry(rng) for _ in moments]
    for index in range(2, len(written)):
        if rng.random() < 0.05:
            written[index] = written[rng.randrange(index - 1)]  # posted again, word for word
    order = list(range(entries))[::-1] if newest_first else list(range(entries))
    with_headers = style.header is not None and (rng.random() < 0.8)
    title_case, cluttered = rng.random() < 0.3, rng.random() < 0.5
    if title_case:
        written = [(headline.title(), body) for headline, body in written]
    lines = [f"Live: {_headline(rng)}", _sentence(rng)]
    blog = GeneratedBlog("", style, states_days=style.dated or with_headers)
    day = None
    for index in order:
        moment, (headline, body) = moments[index], written[index]
        if with_headers and moment.date() != day:
            day = moment.date()
            lines.append(style.header(day))
        stamp = style.write(moment, rng.choice(AUTHORS))
        lines += [stamp, headline] if style.before_headline else [headline, stamp]
        lines += body
        if cluttered and rng.random() < 0.15:
            lines += rng.choice(CLUTTER)
        blog.headlines.append(headline)
        blog.posted.append(moment)
    blog.text = "\n".join(lines) + "\n"
    return blog


def _entry(rng: random.Random) -> tuple[str, list[str]]:
    size = rng.choices(["one line", "usual", "huge"], weights=[2, 10, 1])[0]
    paragraphs = {"one line": 1, "usual": rng.randint(1, 4), "huge": rng.randint(20, 60)}[size]
    return _headline(rng), [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(paragraphs)]


def _headline(rng: random.Random) -> str:
    words = [rng.choice(NOUNS), rng.choice(VERBS), rng.choice(LINKS), rng.choice(NOUNS)]
    words += [rng.choice(LINKS), rng.choice(NOUNS)][: rng.randint(0, 2)]
    words += [str(rng.randint(100, 999)), rng.choice(NOUNS)]  # keeps headlines apart, as real ones are
    return " ".join(words).capitalize()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(LINKS), rng.choice(NOUNS), rng.choice(VERBS), rng.choice(LINKS), rng.choice(NOUNS)]
    words += [rng.choice(["and", "as", "while"]), rng.choice(LINKS), rng.choice(NOUNS), rng.choice(VERBS)]
    return " ".join(words[: rng.randint(5, len(words))]).capitalize() + "."


def generated_blog_of_size(size: int, style: StampStyle, seed: int = 0) -> GeneratedBlog:
    """A generated blog about `size` bytes long in UTF-8, for measuring how time grows with the text."""
    sample = generated_blog(random.Random(seed), 200, style)
    per_entry = len(sample.text.encode("utf-8")) / 200
    return generated_blog(random.Random(seed), max(2, round(size / per_entry)), style)
