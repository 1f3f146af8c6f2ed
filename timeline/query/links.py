"""Addresses of a filtered view: its canonical query, the chips that clear each filter, the embed snippets."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.html import format_html

if TYPE_CHECKING:
    from .filters import EventFilter


def link(query: QueryDict, remove: tuple[str, Collection[str]] | None = None, **changes: str | None) -> str:
    """The query string of the current view with a filter's values taken out or some set; always from the first
    page."""
    query = query.copy()
    query.pop("cursor", None)
    query.pop("through", None)
    if remove:
        name, values = remove
        query.setlist(name, [v for v in query.getlist(name) if v not in values])
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return f"?{query.urlencode()}" if query else "?"


@dataclass
class Chip:
    label: str
    url: str


# What a chip says its filter is: the same name may be an actor and a place ("Who: Russia", "Where: Russia").
KINDS = {"actor": "Who", "location": "Where", "theme": "What", "source": "Source"}


def chips(filters: EventFilter, query: QueryDict) -> list[Chip]:
    """The filters in force, each with the link that clears it."""
    data = filters.values
    found = []
    if data.get("q"):
        found.append(Chip(f"“{data['q']}”", link(query, q=None)))
    for name, kind in KINDS.items():
        for target in data.get(name) or []:
            found.append(Chip(f"{kind}: {target}", link(query, remove=(name, names_in_addresses(target)))))
    if data.get("date_from"):
        found.append(Chip(f"from {data['date_from']:%-d %b %Y}", link(query, date_from=None)))
    if data.get("date_to"):
        found.append(Chip(f"to {data['date_to']:%-d %b %Y}", link(query, date_to=None)))
    return found


def names_in_addresses(target) -> set[str]:
    """What an address may call a source (its id), a theme (its slug), an actor or a place (its slug, or one it
    had before another entity took it in)."""
    if not hasattr(target, "slug"):
        return {str(target.pk)}
    return {target.slug, *getattr(target, "former_slugs", ())}


def timeline_query(query: QueryDict) -> str:
    """The view's filters and order as a query string ("" for the whole timeline), without paging or layout."""
    query = query.copy()
    for name in list(query):
        if name in ("cursor", "through", "all", "scheme", "count", "map") or name.startswith("find_"):
            query.pop(name)
    return f"?{query.urlencode()}" if query else ""


# A frame that fits any column it is pasted in: no border to add to its width, never wider than the column.
FRAME = '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" style="border:0;max-width:100%"></iframe>'


def embed_snippets(request: HttpRequest, query: str, width: int | str = "100%", height: int = 640) -> tuple[str, str]:
    """The lines a publisher pastes for this view: the script that sizes the widget to its events, and a plain
    iframe for pages that allow no script."""
    src = request.build_absolute_uri(reverse("embed") + query)
    # The file's own name, not the hashed one production's `static()` gives: a pasted line must outlive a deploy.
    script = request.build_absolute_uri(f"{settings.STATIC_URL}js/embed.js")
    title = settings.TIMELINE_TITLE
    return (
        format_html(
            '<a class="conflict-timeline" href="{}">{}</a><script async src="{}"></script>', src, title, script
        ),
        format_html(FRAME, src, title, width, height),
    )


def title_for(filters: EventFilter) -> str:
    """The view's title for other programs and sites (oEmbed, feeds, calendars): its filters by name, and a search
    only as such, since its words are whatever someone typed into an address."""
    labels = [chip.label for chip in chips(filters, filters.data)]
    if filters.values.get("q"):
        labels[0] = "a search"  # the search's chip comes first
    return f"{', '.join(labels)} · {settings.TIMELINE_TITLE}" if labels else settings.TIMELINE_TITLE
