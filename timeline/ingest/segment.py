"""Cutting cleaned lines into entries, by the layout the document shows: live blog, round-up or single article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout
from .stamp_reader import Reading
from .text import first_sentence, fold, is_byline, is_label, looks_like_headline, sentences

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
    marker: int | None = None  # the line of the stamp that starts it, in a live blog


@dataclass
class Segmented:
    layout: str
    title: str
    entries: list[Entry]


# A page that calls itself live, in its title or a label near the top: its sections are posts even without stamps.
LIVE_TITLE = re.compile(r"\blive\b|\bas it happened\b", re.IGNORECASE)
LIVE_LABEL = re.compile(r"^live (?:feed|updates|blog|coverage)$", re.IGNORECASE)


def segment(lines: list[str], layout: Layout) -> Segmented:
    texts = [_text_of(index, line, layout) for index, line in enumerate(lines)]
    if layout.is_live_blog:
        return _live_blog(lines, texts, layout)
    return _round_up_or_article([text for text in texts if text], live=_is_live_page(lines))


def _is_live_page(lines: list[str]) -> bool:
    return bool(lines) and bool(LIVE_TITLE.search(lines[0]) or any(LIVE_LABEL.match(line) for line in lines[:15]))


def _text_of(index: int, line: str, layout: Layout) -> str:
    """What a line adds to the entries' text: nothing for a stamp alone or a bullet; a page date's glued tail."""
    reading = layout.readings.get(index)
    if index in layout.marker_lines:
        return line
    if _LONE_BULLET.match(line) or (is_label(line) and (index - 1 not in layout.marker_lines or is_byline(line))):
        return ""  # a bullet, a breadcrumb, a button, a reporter's name; but a heading under a stamp stays
    if reading is None:
        return line
    if index in layout.page_dates or reading.alone:
        return reading.rest
    return line


# ---------------------------------------------------------------------------------------------------


def _live_blog(lines: list[str], texts: list[str], layout: Layout) -> Segmented:
    """Entries around their stamps: the headline above the stamp, below it, or after it on its line."""
    markers = layout.markers
    starts = []  # (first line of the entry, its stamp's line)
    for k, at in enumerate(markers):
        floor = markers[k - 1] + 1 if k else 0
        above = _previous_text(texts, at, floor)
        standalone = layout.readings[at].alone
        has_headline = standalone and layout.headlines_above and above is not None and looks_like_headline(texts[above])
        starts.append((above if has_headline else at, at))
    entries = []
    for k, (start, at) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [texts[i] for i in range(at + 1, end) if texts[i]]
        above = texts[start] if start < at else ""
        if above or body or layout.readings[at].rest:  # a stamp with no words of its own is no entry
            headline, body = _headline(layout.readings[at], above, body)
            entries.append(Entry(headline=headline, body=_collapse_repeats(body), marker=at))
    if not entries:
        return Segmented("liveblog", "", [])
    preamble = [text for text in texts[: starts[0][0]] if text]
    title = preamble[0] if preamble and looks_like_headline(preamble[0]) else ""  # a lede's sentence is no title
    return Segmented("liveblog", title, entries)


def _previous_text(texts: list[str], index: int, floor: int) -> int | None:
    for candidate in range(index - 1, floor - 1, -1):
        if texts[candidate]:
            return candidate
    return None


def _headline(reading: Reading, above: str, body: list[str]) -> tuple[str, list[str]]:
    """The entry's headline, and its body: the line above the stamp or the text after it on its line, else the
    line below it; else the first sentence of running text, which the body then keeps whole."""
    line = above or reading.rest
    if line:
        if len(sentences(line)) == 1:
            return line, body
        return first_sentence(line), [line, *body]
    if body and is_byline(body[0]):
        body = body[1:]  # the reporter's name under the stamp: "Ana Ruiz"
    if len(body) > 1 and (looks_like_headline(body[0]) or _is_heading(body[0])):
        byline = len(body) > 2 and is_byline(body[1])  # the reporters' names under the headline
        return body[0], body[2:] if byline else body[1:]
    return first_sentence(" ".join(body)), body


def _is_heading(line: str) -> bool:
    """A short label heading an entry under its stamp: "Summary", "Analysis"."""
    return is_label(line) and line[:1].isupper()


# ---------------------------------------------------------------------------------------------------


@dataclass
class _Section:
    headline: str
    body: list[str] = field(default_factory=list)
    summary: bool = False
    card: bool = False  # its title was scraped twice, as a related-story card is


def _round_up_or_article(lines: list[str], live: bool = False) -> Segmented:
    """Sections under headlines; a live page's sections are its posts, and so is the text above the first of
    them, headed by its first sentence."""
    # Only the first line is the page's title; a headline-like line after it starts a section of its own.
    title = lines[0] if lines and looks_like_headline(lines[0]) and not SUMMARY_MARKER.match(lines[0]) else ""
    rest = lines[1:] if title else lines
    standfirst = _standfirst(rest)
    lede = _Section(headline=title, body=rest[:standfirst])
    sections = [lede]
    index = standfirst
    while index < len(rest):
        line = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else ""
        current = sections[-1]
        if SUMMARY_MARKER.match(line) and len(line.split()) <= 8:
            sections.append(_Section(headline=line, summary=True))
        elif current.summary and looks_like_headline(line) and (not following or looks_like_headline(following)):
            current.body.append(line)  # an item of a key-points list
        elif looks_like_headline(line) and following and not (current.card and not current.body):
            card = following == line
            index += card
            sections.append(_Section(headline=line, card=card))
        else:
            current.body.append(line)
        index += 1
    news = [s for s in sections[1:] if not s.summary]
    if live and news:
        opening = lede.body[standfirst:]
        entries = [Entry(first_sentence(" ".join(opening)), opening)] if opening else []
        entries += [Entry(s.headline, _collapse_repeats(s.body)) for s in news]
        return Segmented("liveblog", title, entries)
    if len(news) >= 2 and all(_is_topic(s) for s in news):
        # Short topic headings over paragraphs of news ("Floods and rescue"): each paragraph is a development.
        entries = [Entry(first_sentence(paragraph), [paragraph]) for s in news for paragraph in s.body]
        return Segmented("roundup", title, entries)
    if len(news) < 2:
        return _article(title, rest)
    entries = [Entry(s.headline, _collapse_repeats(s.body)) for s in news]
    if _lede_is_news(lede, news):
        entries.insert(0, Entry(lede.headline, lede.body))
    return Segmented("roundup", title, entries)


TOPIC_WORDS = 4  # a topic heading is this short; a news headline says more


def _is_topic(section: _Section) -> bool:
    """A heading that names a topic, over two or more paragraphs, each a sentence or more of its own news."""
    return len(section.headline.split()) <= TOPIC_WORDS and len(section.body) >= 2


def _standfirst(lines: list[str]) -> int:
    """How many lines open the page as a list of headline-like points under its title (two or more in a row, before
    any text): the page's standfirst, not sections of their own."""
    run = 0
    while run < len(lines) and looks_like_headline(lines[run]):
        run += 1
    return run if run >= 2 else 0


def _article(title: str, body: list[str]) -> Segmented:
    body = [line for line in body if not SUMMARY_MARKER.match(line)]
    headline = title or first_sentence(" ".join(body[:1]))
    if not title and body:
        body[0] = body[0][len(headline) :].strip() if body[0].startswith(headline) else body[0]
        body = [line for line in body if line]
    entry = Entry(headline, _collapse_repeats(body))
    return Segmented("article", title, [entry] if headline else [])


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
