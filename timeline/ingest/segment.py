"""Cutting cleaned lines into entries, by the layout the text shows: live blog, round-up or single article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import AGO_LINE, UPDATE_LINE, read_stamp
from .model import Stamp
from .text import first_sentence, fold, is_label, is_sentence_end, looks_like_headline, sentences

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
    page_stamp: Stamp | None = None  # a dated stamp heading an otherwise time-only blog: the page's own date


def segment(lines: list[str], year: int | None = None) -> Segmented:
    lines = [
        line for line in lines if not (_LONE_BULLET.match(line) or AGO_LINE.match(line) or UPDATE_LINE.match(line))
    ]
    stamps = {i: stamp for i, line in enumerate(lines) if (stamp := read_stamp(line, year))}
    lines, stamps = _without_labels(lines, stamps)
    page_index = _page_stamp_index(stamps)
    page_stamp = stamps.pop(page_index) if page_index is not None else None
    if page_index is not None:
        del lines[page_index]
        stamps = {i - (i > page_index): stamp for i, stamp in stamps.items()}
    if len(stamps) >= 2:
        segmented = _live_blog(lines, stamps)
    elif stamps and min(stamps) < 10:
        header_stamp = stamps[min(stamps)]
        segmented = _round_up_or_article(lines[: min(stamps)] + lines[min(stamps) + 1 :])
        if segmented.layout == "article":
            segmented.entries[0].stamp = header_stamp
        elif header_stamp.day and not page_stamp:
            page_stamp = header_stamp  # a round-up's one dated stamp, in its header, is the page's own date
    else:
        segmented = _round_up_or_article(lines)
    segmented.page_stamp = page_stamp
    return segmented


def _without_labels(lines: list[str], stamps: dict[int, Stamp]) -> tuple[list[str], dict[int, Stamp]]:
    """Drops one- and two-word lines (breadcrumbs, buttons, reporters' names), but not a heading under a stamp."""
    kept, kept_stamps = [], {}
    for index, line in enumerate(lines):
        if index in stamps:
            kept_stamps[len(kept)] = stamps[index]
        elif is_label(line) and index - 1 not in stamps:
            continue
        kept.append(line)
    return kept, kept_stamps


def _page_stamp_index(stamps: dict[int, Stamp]) -> int | None:
    """The one dated stamp heading a blog whose entries carry only times is the page's date line."""
    where = sorted(stamps)
    dated = [i for i in where if stamps[i].day]
    return where[0] if len(where) >= 3 and dated == where[:1] else None


# ---------------------------------------------------------------------------------------------------


def _live_blog(lines: list[str], stamps: dict[int, Stamp]) -> Segmented:
    """Entries around timestamp lines; the headline sits above the stamp or below it, as the blog shows."""
    where = sorted(stamps)
    headline_above = _headlines_above_stamps(lines, where)
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
        elif len(body) > 1 and (looks_like_headline(body[0]) or _is_heading(body[0])):
            headline, body = body[0], body[1:]
        else:
            headline = first_sentence(" ".join(body)) or stamps[at].text
        entries.append(Entry(headline=headline, body=_collapse_repeats(body), stamp=stamps[at]))
    preamble = lines[: starts[0][0]]
    title = preamble[0] if preamble and looks_like_headline(preamble[0]) else first_sentence(" ".join(preamble[:1]))
    return Segmented("liveblog", title or entries[0].headline, entries)


def _is_heading(line: str) -> bool:
    """A short label heading an entry under its stamp: "Summary", "Analysis"."""
    return is_label(line) and line[:1].isupper()


def _headlines_above_stamps(lines: list[str], where: list[int]) -> bool:
    """Whether headlines stand above their stamps: a headline above, against body above or a headline below.

    The first stamp's line above is left out: it belongs to the page's preamble, often a key-events list.
    """
    is_stamp = set(where)

    def kind(index: int) -> str:
        if index < 0 or index >= len(lines) or index in is_stamp:
            return ""
        return "headline" if looks_like_headline(lines[index]) else "body" if is_sentence_end(lines[index]) else ""

    above = below = 0
    for k, i in enumerate(where):
        before, after = ("" if k == 0 else kind(i - 1)), kind(i + 1)
        # A body right after the stamp fits both layouts (entries without headlines); it proves nothing.
        above += before == "headline"
        below += (before == "body") + (after == "headline")
    return above > below


# ---------------------------------------------------------------------------------------------------


@dataclass
class _Section:
    headline: str
    body: list[str] = field(default_factory=list)
    summary: bool = False
    card: bool = False  # its title was scraped twice, as a related-story card is


def _round_up_or_article(lines: list[str]) -> Segmented:
    # Only the first line is the page's title; a headline-like line after it starts a section of its own.
    title = lines[0] if lines and looks_like_headline(lines[0]) and not SUMMARY_MARKER.match(lines[0]) else ""
    rest = lines[1:] if title else lines
    lede = _Section(headline=title)
    sections = [lede]
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
        return _article(title, rest)
    entries = [Entry(s.headline, _collapse_repeats(s.body)) for s in news]
    if _lede_is_news(lede, news):
        entries.insert(0, Entry(lede.headline, lede.body))
    return Segmented("roundup", title or entries[0].headline, entries)


def _article(title: str, body: list[str]) -> Segmented:
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
