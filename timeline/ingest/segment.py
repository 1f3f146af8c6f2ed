"""Cutting cleaned lines into entries, by the layout the text shows: live blog, round-up or single article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import AGO_LINE, read_stamp
from .model import Stamp
from .text import first_sentence, fold, looks_like_headline, sentences

SUMMARY_MARKER = re.compile(
    r"^(?:what you need to know|key (?:points|events|developments|updates|facts)|summary|in brief|at a glance"
    r"|the latest|latest updates|highlights|catch up|what we know(?: so far)?"
    r"|here(?:'|’)?s what (?:we know|you need to know)|today(?:'|’)?s top stories)\b.{0,40}$",
    re.IGNORECASE,
)
_LONE_BULLET = re.compile(r"^[-•*–—·▪]$")


@dataclass
class Entry:
    headline: str
    body: list[str] = field(default_factory=list)
    stamp: Stamp | None = None


@dataclass
class Segmented:
    layout: str
    title: str
    entries: list[Entry]


def segment(lines: list[str], year: int | None = None) -> Segmented:
    lines = [line for line in lines if not _LONE_BULLET.match(line) and not AGO_LINE.match(line)]
    stamps = {i: stamp for i, line in enumerate(lines) if (stamp := read_stamp(line, year))}
    if len(stamps) >= 2:
        return _live_blog(lines, stamps)
    if stamps and min(stamps) < 10:
        segmented = _round_up_or_article(lines[: min(stamps)] + lines[min(stamps) + 1 :])
        if segmented.layout == "article":
            segmented.entries[0].stamp = stamps[min(stamps)]
        return segmented
    return _round_up_or_article(lines)


# ---------------------------------------------------------------------------------------------------


def _live_blog(lines: list[str], stamps: dict[int, Stamp]) -> Segmented:
    """Entries around timestamp lines; the headline sits above the stamp or below it, as the blog shows."""
    where = sorted(stamps)
    is_stamp = set(where)
    above = sum(1 for i in where if i > 0 and i - 1 not in is_stamp and looks_like_headline(lines[i - 1]))
    below = sum(1 for i in where if i + 1 < len(lines) and i + 1 not in is_stamp and looks_like_headline(lines[i + 1]))
    headline_above = above >= below
    starts = []  # (first line of the entry, stamp line)
    for k, i in enumerate(where):
        floor = where[k - 1] + 1 if k else 0
        has_headline = headline_above and i - 1 >= floor and looks_like_headline(lines[i - 1])
        starts.append((i - 1 if has_headline else i, i))
    entries = []
    for k, (start, at) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = lines[at + 1 : end]
        if start < at:
            headline = lines[start]
        elif body and looks_like_headline(body[0]) and len(body) > 1:
            headline, body = body[0], body[1:]
        else:
            headline = first_sentence(" ".join(body)) or stamps[at].text
        entries.append(Entry(headline=headline, body=_collapse_repeats(body), stamp=stamps[at]))
    preamble = lines[: starts[0][0]]
    title = preamble[0] if preamble and looks_like_headline(preamble[0]) else first_sentence(" ".join(preamble[:1]))
    return Segmented("liveblog", title or entries[0].headline, entries)


# ---------------------------------------------------------------------------------------------------


@dataclass
class _Section:
    headline: str
    body: list[str] = field(default_factory=list)
    summary: bool = False
    card: bool = False  # its title was scraped twice, as a related-story card is


def _round_up_or_article(lines: list[str]) -> Segmented:
    title_block = []
    for line in lines:
        if not looks_like_headline(line) or SUMMARY_MARKER.match(line):
            break
        title_block.append(line)
    if len(title_block) == len(lines):  # nothing but short lines: the first is the only entry
        title_block = title_block[:1]
    title = title_block[0] if title_block else ""
    lede = _Section(headline=title, body=title_block[1:])
    sections = [lede]
    rest = lines[len(title_block) :]
    index = 0
    while index < len(rest):
        line = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else ""
        current = sections[-1]
        if SUMMARY_MARKER.match(line) and len(line.split()) <= 8:
            sections.append(_Section(headline=line, summary=True))
        elif current.summary and looks_like_headline(line) and (not following or looks_like_headline(following)):
            current.body.append(line)  # an item of a key-points list
        elif looks_like_headline(line) and not (current.card and not current.body):
            card = following == line
            index += card
            sections.append(_Section(headline=line, card=card))
        else:
            current.body.append(line)
        index += 1
    news = [s for s in sections[1:] if not s.summary]
    if len(news) < 2:
        return _article(title, lines[len(title_block) if title else 0 :], title_block)
    entries = [Entry(s.headline, _collapse_repeats(s.body)) for s in news]
    if _lede_is_news(lede, news):
        entries.insert(0, Entry(lede.headline, lede.body))
    return Segmented("roundup", title or entries[0].headline, entries)


def _article(title: str, body: list[str], title_block: list[str]) -> Segmented:
    body = [line for line in body if not SUMMARY_MARKER.match(line)]
    headline = title or first_sentence(" ".join(body[:1]))
    if not title and body:
        body[0] = body[0][len(headline) :].strip() if body[0].startswith(headline) else body[0]
        body = [line for line in body if line]
    entry = Entry(headline, _collapse_repeats(body))
    return Segmented("article", title or headline, [entry] if headline else [])


def _lede_is_news(lede: _Section, news: list[_Section]) -> bool:
    """A lede is an entry of its own when it tells something and does not just repeat the entries below it."""
    text = " ".join(lede.body)
    said = sentences(text)
    if not lede.headline or (len(said) < 2 and len(text) < 200):
        return False
    later = fold(" ".join(" ".join(s.body) + " " + s.headline for s in news))
    repeated = sum(1 for s in said if fold(s) and fold(s) in later)
    return repeated < len(said) / 2


def _collapse_repeats(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not out or line != out[-1]:
            out.append(line)
    return out
