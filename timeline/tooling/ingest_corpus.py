"""A synthetic corpus of news texts in the seeds' three layouts, and a hostile one, for timing the ingest pipeline."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from timeline.tooling.corpus_pages import PAGES
from timeline.tooling.corpus_writer import NewsWriter


@dataclass
class SyntheticDocument:
    name: str
    layout: str  # the layout it was written in: "liveblog", "roundup" or "article"
    text: str
    entries: int  # news entries written, reposts included
    reposts: int  # entries posted a second time
    posted: list[dt.datetime] = field(default_factory=list)  # a live blog's entry times, in reading order


def synthetic_corpus(total_bytes: int, seed: int = 0) -> list[tuple[str, str]]:
    """(file name, text) pairs adding up to at least `total_bytes` of UTF-8; the same corpus for the same seed."""
    return [(doc.name, doc.text) for doc in synthetic_documents(total_bytes, seed)]


def synthetic_documents(total_bytes: int, seed: int = 0) -> list[SyntheticDocument]:
    """The corpus with what each document was written as, to check what the parser makes of it."""
    rng = random.Random(seed)
    documents: list[SyntheticDocument] = []
    size = 0
    while size < total_bytes:
        writer = NewsWriter(rng)
        layout = rng.choices(["liveblog", "roundup", "article"], weights=[40, 35, 25])[0]
        text, entries, reposts = PAGES[layout](writer)
        name = f"{len(documents):04d}_{layout}.txt"
        documents.append(SyntheticDocument(name, layout, text, entries, reposts, writer.posted))
        size += len(text.encode("utf-8"))
    return documents


# Documents built to expose work that grows faster than the text: one endless line, and pathological repeats of
# what the parser looks for (clocks, weekdays, halves of the day, dates, credits, abbreviations, entries).
HOSTILE_UNITS = {
    "one line of prose": "the convoy reached the city late and officials said nothing more ",
    "clock figures 12:12:12:...": "12:12:",
    "weekdays Monday, Monday, ...": "Monday, ",
    "halves of the day a.m. a.m. ...": "a.m. ",
    "halves of the day in capitals A.M. A.M. ...": "A.M. ",
    "capital letters": "A",
    "full dates": "5 December 2024 ",
    "a sign-up ask, quoted at the end": "newsletter ",
    "abbreviations U.S. U.S. ...": "U.S. ",
    "tiny live-blog entries": "{n:02d}:{n:02d}\nHeadline number {n} of the day\nBody {n}.\n",
}


def hostile_corpus(size: int) -> list[tuple[str, str]]:
    """(name, text) pairs, each about `size` bytes long."""
    corpus = []
    for name, unit in HOSTILE_UNITS.items():
        repeats = size // len(unit.format(n=0)) + 1
        text = "".join(unit.format(n=n % 24) for n in range(repeats))[:size]
        corpus.append((name, text[: size - 4] + "said" if "quoted" in name else text))
    return corpus


# Web pages built the same way: the shapes that make a page's reading do more than one pass over it.
PAGE_HEAD = '<!DOCTYPE html><html lang="en"><head><title>Live</title>{head}</head><body><main><p>{lead}</p>'
PAGE_FOOT = "</main></body></html>"
LEAD = "Officials said the convoy reached the city late on Monday and would leave the next day."


def _page_of(size: int, unit, head: str = "", tail: str = "") -> str:
    """A whole page about `size` bytes long: its units repeated between a head and a foot that close it."""
    start = PAGE_HEAD.format(head=head, lead=LEAD)
    room = size - len(start) - len(tail) - len(PAGE_FOOT)
    parts, used, n = [], 0, 0
    while used < room:
        piece = unit(n)
        parts.append(piece)
        used, n = used + len(piece), n + 1
    return start + "".join(parts) + tail + PAGE_FOOT


def _updates_head(size: int) -> str:
    """A LiveBlogPosting listing an update for each tiny entry of the page below it."""
    count = size // 160
    updates = ",".join(
        f'{{"@type":"BlogPosting","headline":"Headline number {n} of the day",'
        f'"datePublished":"2024-12-05T{n // 60 % 24:02d}:{n % 60:02d}:00+01:00"}}'
        for n in range(count)
    )
    return f'<script type="application/ld+json">{{"@type":"LiveBlogPosting","liveBlogUpdate":[{updates}]}}</script>'


HOSTILE_PAGES = {
    "page: stamps before a sea of empty elements": lambda size: _page_of(
        size, lambda n: "<span><time>10:00</time></span>" if n < 3000 else "<i></i>"
    ),
    "page: clocks nested 120 deep": lambda size: _page_of(
        size, lambda n: "<div><span>" * 120 + f"at {n % 24:02d}:00 " + "</span></div>" * 120
    ),
    "page: tiny entries, each with its structured update": lambda size: _page_of(
        size,
        lambda n: (
            f'<div class="entry"><time>{n // 60 % 24:02d}:{n % 60:02d}</time><h3>Headline number {n} of the '
            f"day</h3><p>Body {n} of the entry.</p></div>"
        ),
        head=_updates_head(size),
    ),
}
