"""The page's `<time datetime>` tags that show the clock they state: a machine-readable moment beside a visible one.

    time_tags(tree, short) -> list[datetime]     in the page's order, each with its zone

A tag counts only when its text, or its short surroundings, shows its own clock in its own zone ("16:48" beside
`datetime="2023-11-02T16:48+01:00"`): one that shows another clock, a relative age ("49m ago") or nothing at all
says nothing a reader can check.
"""

from __future__ import annotations

import datetime as dt

from lxml.html import HtmlElement

from .facts import parse_moment
from .visible import CLOCK, STAMP_CHARS


def time_tags(tree: HtmlElement, short: dict[HtmlElement, str]) -> list[dt.datetime]:
    """`short` holds each element's words when they are few (`visible.short_texts`)."""
    found = []
    for tag in tree.iter("time"):
        moment = parse_moment(tag.get("datetime"))
        if moment is None or moment.tzinfo is None:
            continue
        if f"{moment:%H:%M}" in _clocks_shown(tag, short):
            found.append(moment)
    return found


def _clocks_shown(tag: HtmlElement, short: dict[HtmlElement, str]) -> set[str]:
    """The clocks the tag shows, or its parent when the tag shows none and the parent is as short as a stamp."""
    shown = _stamp_sized(short.get(tag, ""))
    if not CLOCK.search(shown):
        shown = _stamp_sized(short.get(tag.getparent(), ""))
    return {clock.replace(".", ":").zfill(5) for clock in CLOCK.findall(shown)}


def _stamp_sized(text: str) -> str:
    return text if len(text) <= STAMP_CHARS else ""
