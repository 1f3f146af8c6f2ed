"""A page's main text as its reader sees it, each entry's stamp kept on a line of its own.

    visible_text(tree, short) -> str        `short`: short_texts(tree), read before the tree changes

The boilerplate remover (trafilatura) keeps an article's paragraphs and drops navigation, adverts and comments;
it also drops what is most precious here, because a live blog's stamps sit in small elements beside the text
(`<time>21:22</time>`, a `<span>` in an entry's header, a heading it does not count as text). So, first, each
short element that shows a clock becomes a paragraph of its own just before the text it stamps, and short
headings become paragraphs; then the remover runs.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import takewhile

import trafilatura
from lxml import etree
from lxml.html import Element, HtmlElement

from ..stamp_tokens import LABEL_KINDS, tokens

# A clock as pages print one: "21:22", "12.05", "9.30"; not "57:33:12" or a decimal in a longer figure.
CLOCK = re.compile(r"(?<![\d:.,])\d{1,2}[:.]\d{2}(?![\d:])")
# What a stamp holds at most: "Monday 15 May 2023 12.05 BST Updated at 12.08 BST" and its like.
STAMP_CHARS = 60
HEADING_CHARS = 200
# Blocks the remover keeps as paragraphs of their own; a stamp that opens one is moved out before it.
BLOCKS = {"p", "blockquote", "td", "dd"}
# Enough words in an element's own text to be the text a stamp stands over.
TEXT_WORDS = 3
# The most words a link in a stamp holds when it names an author ("By Jane van der Berg") and not a story.
LINKED_NAME_WORDS = 4
# How far after a stamp its text is looked for, in elements: an entry's text is beside its stamp, and a page built
# to be slow (thousands of stamps before a sea of empty elements) must not make every stamp search to the end.
LOOKAHEAD = 300
SKIPPED = {"script", "style", "noscript", "template"}
# Fewer stamped children than this make no stream of entries.
MIN_ENTRIES = 3


def visible_text(tree: HtmlElement, short: dict[HtmlElement, str]) -> str:
    _headings_as_paragraphs(tree, short)
    _space_out_blocks(tree)
    shown: set[str] = set()
    for stamp in _stamps(tree, short):
        _set_apart(stamp, shown)
    text = _main_text(tree)
    stream = _stream(tree, shown)
    if stream is None or _stamp_lines(text, shown) >= stream.stamps:
        return text
    entries_text = _main_text(_page_of(stream.entries))
    if _stamp_lines(entries_text, shown) <= _stamp_lines(text, shown) or len(entries_text) < len(text) / 2:
        return text
    return _with_preamble(text, entries_text)


def _main_text(tree: HtmlElement) -> str:
    return trafilatura.extract(tree, include_comments=False, output_format="txt") or ""


@dataclass
class Stream:
    """The entries of a live blog, as children of one element, and how many placed stamps they hold."""

    entries: list[HtmlElement]
    stamps: int


def _stream(tree: HtmlElement, shown: set[str]) -> Stream | None:
    """The children of the element with the most children that hold a placed stamp. The remover judges a whole
    page, and on some it falls back to rules that drop short lines beside what it takes for boilerplate, an entry's
    stamp among them; given the entries alone, it keeps them."""
    placed = [p for p in tree.iter("p") if not len(p) and p.text in shown]
    holders: dict[HtmlElement, list[HtmlElement]] = {}
    for paragraph in placed:
        child = paragraph
        for ancestor in paragraph.iterancestors():
            children = holders.setdefault(ancestor, [])
            if not children or children[-1] is not child:
                children.append(child)
            child = ancestor
    stream = max(holders, key=lambda element: len(holders[element]), default=None)
    if stream is None or len(holders[stream]) < MIN_ENTRIES:
        return None
    return Stream(holders[stream], sum(1 for p in placed if stream in p.iterancestors()))


def _page_of(elements: list[HtmlElement]) -> HtmlElement:
    """A page holding copies of these elements alone."""
    page, body = Element("html"), Element("body")
    body.extend(copy.deepcopy(element) for element in elements)
    page.append(body)
    return page


def _stamp_lines(text: str, shown: set[str]) -> int:
    return sum(1 for line in text.splitlines() if line.strip() in shown)


def _with_preamble(text: str, entries_text: str) -> str:
    """The entries, after what the page shows before them: its title, standfirst and date line."""
    in_entries = set(entries_text.splitlines())
    preamble = list(takewhile(lambda line: line not in in_entries, text.splitlines()))
    return "\n".join([*preamble, entries_text])


def words(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def short_texts(tree: HtmlElement, limit: int = HEADING_CHARS) -> dict[HtmlElement, str]:
    """Every element's words that are at most `limit` characters, each made from its children's, so that a whole
    page is read once and not once for each element around a text (scripts and styles are not words)."""
    texts: dict[HtmlElement, str] = {}
    for _, element in etree.iterwalk(tree, events=("end",)):
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        parts, size = [element.text or ""], len(element.text or "")
        for child in element:
            if isinstance(child.tag, str) and child.tag not in SKIPPED:
                if child not in texts:
                    break
                parts.append(texts[child])
            parts.append(child.tail or "")
            size += len(parts[-1]) + len(parts[-2])
            if size > 4 * limit:  # white space of layout around a few words, no more
                break
        else:
            joined = " ".join(" ".join(parts).split())
            if len(joined) <= limit:
                texts[element] = joined
    return texts


def _headings_as_paragraphs(tree: HtmlElement, short: dict[HtmlElement, str]) -> None:
    """Short headings kept as text: an entry's "11.04 Uhr: headline" or a day's "Donnerstag, 18. 7."."""
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6"):
        if heading in short:
            heading.tag = "p"


def _space_out_blocks(tree: HtmlElement) -> None:
    """A line break after each `<div>` of words, so "headline</div>First sentence" is not read as one glued word."""
    for block in list(tree.iter("div")):
        if block.getparent() is not None and (block.text or "").strip():
            block.append(Element("br"))


def _stamps(tree: HtmlElement, short: dict[HtmlElement, str]) -> list[HtmlElement]:
    """The outermost short elements that show a clock, or are a `<time>`, outside the blocks of text."""
    found: list[HtmlElement] = []
    waiting = [tree]
    while waiting:
        element = waiting.pop()
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        shown = short.get(element)
        if _is_stamp(element, shown):
            if not _dates_a_linked_story(element, short):
                found.append(element)
        else:
            waiting.extend(reversed(element))
    return found


def _is_stamp(element: HtmlElement, shown: str | None) -> bool:
    """A short element that shows a clock, unless it holds a paragraph: then it is a short entry, stamp and text,
    and its stamp is further in."""
    if element.tag in BLOCKS or not shown or len(shown) > STAMP_CHARS:
        return False
    if element.tag != "time" and CLOCK.search(shown) is None:
        return False
    return next(element.iter(*BLOCKS), None) is None


def _dates_a_linked_story(stamp: HtmlElement, short: dict[HtmlElement, str]) -> bool:
    """A clock or date beside a linked headline ("Ferry service suspended 18:28" in a list of key events, a teaser
    of a related story with its byline and date) dates the story it links to, not the text that follows it. The
    stamp's box is the smallest short element around it that holds more words than it; a box that is mostly a
    linked headline is a teaser. An author's name or a permalink on the clock is no headline."""
    box = next((a for a in stamp.iterancestors() if short.get(a, "\0") != short[stamp]), None)
    for element in (stamp, box if box in short else None):
        if element is None:
            continue
        total = len(short[element].split())
        for link in element.iter("a"):
            linked = len(CLOCK.sub(" ", words(link)).split())
            if linked > LINKED_NAME_WORDS and 2 * linked >= total:
                return True
    return False


def _set_apart(stamp: HtmlElement, shown: set[str]) -> None:
    """Moves the stamp's text into a paragraph of its own before the text it stands over; inside a paragraph's
    text, not at its start, it only gets a space after it. A list item that holds a stamp is an entry, not an
    item of a list: the remover would glue its stamp to its headline. `shown` holds the stamps placed so far."""
    block = next((a for a in stamp.iterancestors() if a.tag in BLOCKS or a.tag == "li"), None)
    if block is not None and block.tag == "li":
        block.tag = "div"
    if block is not None and block.tag != "div" and not _opens(block, stamp):
        stamp.tail = " " + (stamp.tail or "")
        return
    text = words(stamp)
    if block is None and _notes_an_edit(text):  # "Updated at 12.08" closes the entry it sits in, it opens none
        stamp.addprevious(_paragraph(text))
    elif block is not None and block.tag == "div":  # the entry's own box, once a list item: the stamp opens it
        _place(text, shown, block, inside=True)
    else:
        target = block if block is not None else _text_it_stamps(stamp)
        if target is None:
            return
        _place(text, shown, target, inside=False)
    _remove_keeping_tail(stamp)


def _place(text: str, shown: set[str], target: HtmlElement, inside: bool) -> None:
    """The stamp as a paragraph before `target`, or first in it. A stamp seen before (a live blog posts several
    entries in one minute) opens the target's text on a line of its own instead: the remover keeps only the first
    of paragraphs that read the same."""
    if text in shown:
        line_break = Element("br")
        line_break.tail, target.text = target.text, text
        target.insert(0, line_break)
        return
    shown.add(text)
    paragraph = _paragraph(text)
    if inside:
        target.insert(0, paragraph)
    else:
        target.addprevious(paragraph)


def _paragraph(text: str) -> HtmlElement:
    paragraph = Element("p")
    paragraph.text = text
    return paragraph


def _notes_an_edit(text: str) -> bool:
    opening = next(iter(tokens(text)), None)
    if opening is None or opening.kind != "label":
        return False
    return LABEL_KINDS.get(opening.text.split()[0].lower()) == "edit"


def _opens(block: HtmlElement, stamp: HtmlElement) -> bool:
    first = next((t for t in block.itertext() if t.strip()), "")
    return words(stamp).startswith(" ".join(first.split()))


def _text_it_stamps(stamp: HtmlElement) -> HtmlElement | None:
    """The first text of the stamp's entry. The entry is the smallest element around the stamp that holds other
    text; its first text is the first after the stamp (a headline, a paragraph), else, for a stamp that closes its
    entry ("Jane Doe 14 August 2023 10:01" under the entry's text), the first before it. Only the nearest elements
    are looked at: a page built to be slow must not make every stamp search to the end."""
    node, budget = stamp, LOOKAHEAD
    while (parent := node.getparent()) is not None:
        for element in _elements(node.itersiblings()):
            budget -= 1
            if budget < 0:
                return None
            if _is_text(element):
                return element
        first = None
        for sibling in node.itersiblings(preceding=True):  # nearest first: the last text found is the first read
            for element in _elements([sibling]):
                budget -= 1
                if budget < 0:
                    return first
                if _is_text(element):
                    first = element
                    break
        if first is not None:
            return first
        node = parent
    return None


def _elements(siblings) -> Iterator[HtmlElement]:
    """The elements of these siblings and their descendants, in reading order, scripts and styles left out."""
    return (e for sibling in siblings for e in sibling.iter() if isinstance(e.tag, str) and e.tag not in SKIPPED)


def _is_text(element: HtmlElement) -> bool:
    if element.tag in BLOCKS or element.tag == "li":
        return any(piece.strip() for piece in element.itertext())
    return len((element.text or "").split()) >= TEXT_WORDS


def _remove_keeping_tail(element: HtmlElement) -> None:
    parent, tail = element.getparent(), " " + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
