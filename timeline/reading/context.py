"""What every page knows of the timeline itself: its name, what it covers, who compiles it, when it last changed."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.conf import settings

from timeline.models import Revision

# What a shared link's preview says when the publisher wrote no standfirst.
DEFAULT_STANDFIRST = (
    "Events from live blogs and articles, each dated as its source states, with where the date came from."
)


class FrontMatter:
    @property
    def title(self) -> str:
        return settings.TIMELINE_TITLE

    @property
    def standfirst(self) -> str:
        return settings.TIMELINE_STANDFIRST

    @property
    def compiled_by(self) -> str:
        return settings.TIMELINE_COMPILED_BY

    @property
    def description(self) -> str:
        return self.standfirst or DEFAULT_STANDFIRST

    @cached_property
    def updated(self) -> dt.datetime | None:
        """When a reader could last see something change; read only by the pages that show it."""
        return Revision.latest()[1]


def front_matter(request) -> dict:
    return {"site": FrontMatter()}
