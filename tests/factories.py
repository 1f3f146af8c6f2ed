"""Rows for tests, made the way the app makes them: through the pipeline and the store."""

from __future__ import annotations

import datetime as dt

from timeline.ingest import parse_document
from timeline.store import Stored, store_document

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
