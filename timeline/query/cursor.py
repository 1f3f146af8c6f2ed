"""Where a page of the timeline starts: after one event in its order, named in the query string."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from django import forms

CURSOR = re.compile(r"(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?|u)\.(\d{1,18})")


class Placed(Protocol):
    """An event, read whole or as the timeline lists it: where it stands."""

    sort_key: str
    pk: int


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after this event in the timeline's order. Stable while events are added."""

    key: str  # the event's sort_key, or "u" in the undated group that follows the dated events
    id: int

    @property
    def undated(self) -> bool:
        return self.key == "u"

    @property
    def day(self) -> dt.date | None:
        return None if self.undated else dt.date.fromisoformat(self.key[:10])

    def __str__(self) -> str:
        return f"{self.key}.{self.id}"

    @classmethod
    def after(cls, event: Placed) -> Cursor:
        return cls(event.sort_key or "u", event.pk)

    @classmethod
    def parse(cls, text: str) -> Cursor:
        match = CURSOR.fullmatch(text)
        if not match or not (match[1] == "u" or _is_date(match[1][:10])):
            raise forms.ValidationError("“%(value)s” is not a place in the timeline.", params={"value": text})
        return cls(match[1], int(match[2]))


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class CursorField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return Cursor.parse(value) if value else None
