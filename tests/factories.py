"""Rows for tests, made the way the app makes them: through the pipeline and the store."""

from __future__ import annotations

import datetime as dt

from timeline.ingest import parse_document
from timeline.store.documents import Stored, store_document, text_hash

LIVE_BLOG = """Ukraine war live: allies meet in Brussels
Allies agree new air defence package
10:15 , Anna Bell
Allies agreed a new air defence package on Tuesday, the Nato chief said.
Drones shot down over the north
00:20 , Anna Bell
Air defence shot down drones over the north, officials said.
Minister resigns after procurement scandal
Monday 2 December 2024 22:40 , Anna Bell
The defence minister resigned late on Monday, his office said.
Drones shot down over the north
Monday 2 December 2024 21:00 , Anna Bell
Air defence shot down drones over the north, officials said.
"""

UNDATED_ROUNDUP = """War in Ukraine: the latest
Kyiv says village retaken
Ukraine's army said on Saturday it had retaken the village near Bakhmut.
Moscow denied the claim.
Putin meets Kim in the far east
On Wednesday, Vladimir Putin met Kim Jong Un at a cosmodrome, state media said.
The two leaders discussed military cooperation.
"""


def ingest_text(text: str, source: str = "doc.txt", published: dt.date | None = None, timezone: str = "UTC") -> Stored:
    return store_document(parse_document(text), source=source, text=text, timezone=timezone, published=published)


def make_event(
    headline: str,
    day: dt.date | None,
    time: str | None = None,
    *,
    document=None,
    actors: tuple[str, ...] = (),
    locations: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    body: str = "",
):
    """One event with the tags named (created when the gazetteer lacks them), dated as a stamp would date it."""
    from timeline.models import Actor, Document, Event, Location, Theme

    if document is None:
        document = Document.objects.create(source=f"{headline}.txt", title=f"About {headline}", layout="article")
        document.refresh_dates()
        document.save()
    stamp = {"text": time or "", "time": time, "day": day.isoformat() if day else None}
    event = Event(
        document=document,
        position=document.events.count(),
        headline=headline,
        body=body,
        text_hash=text_hash(headline, body),
        parsed_when={"stamp": stamp if day else None, "mention": None},
    )
    event.refresh(document)
    event.save()
    event.actors.set([Actor.objects.get_or_create(name=name)[0] for name in actors])
    event.locations.set([Location.objects.get_or_create(name=name)[0] for name in locations])
    event.themes.set([Theme.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0] for slug in themes])
    return event


def make_editor(username: str = "editor", password: str = "a-long-editor-password"):
    """A staff account in the Editors group, as `create_editor` makes one."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
