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
