"""An event's date: what readers see, and how it is derived from the parser's and the editor's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.ingest.dates import long_date, resolve
from timeline.ingest.zones import zone

if TYPE_CHECKING:
    from .documents import Document


def timeline_key(
    occurred_on: dt.date | None, reported_on: dt.date | None, reported_at: dt.datetime | None, tz_name: str
) -> str:
    """One sortable string for the timeline's order: the day it happened, then the local time it was reported
    that day; an entry without a time sorts below that day's timed ones when newest come first."""
    if occurred_on is None:
        return ""
    key = occurred_on.isoformat()
    if reported_at and reported_on == occurred_on:
        key += reported_at.astimezone(zone(tz_name)).strftime("T%H:%M:%S")
    return key


@dataclass(frozen=True)
class When:
    """An event's date as a reader sees it: machine-readable, and in words no more precise than the source."""

    iso: str
    text: str
    basis: str


BASIS_FOR_READERS = {
    "timestamp": "",
    "article_date": "the article's date",
    "relative": "worked out from the text",
    "explicit": "as the text states",
    "editor": "set by an editor",
    "none": "",
}


class EventDates:
    """How an event's effective date follows from the parser's findings and the editor's corrections."""

    @property
    def when(self) -> When:
        doubtful = self.needs_review and self.reported_on is not None
        basis = "day uncertain" if doubtful else BASIS_FOR_READERS[self.date_basis]
        if self.reported_at and self.date_precision == "minute":
            local = self.reported_at.astimezone(zone(self.timezone))
            clock = f"{local:%H:%M} {local.tzname()}"
            if self.reported_on != self.occurred_on:
                clock = f"reported {long_date(self.reported_on)}, {clock}"
            return When(local.isoformat(), clock, basis)
        if self.occurred_on is None:
            return When("", "date unconfirmed", "")
        if self.date_precision == "month":
            return When(f"{self.occurred_on:%Y-%m}", f"{self.occurred_on:%B %Y}", basis)
        if self.date_precision == "year":
            return When(f"{self.occurred_on:%Y}", f"{self.occurred_on:%Y}", basis)
        return When(self.occurred_on.isoformat(), long_date(self.occurred_on), basis)

    @property
    def moment(self) -> tuple[dt.datetime | dt.date, str] | None:
        """When it happened, for calendars and other timelines, as precisely as `when` says and no more.

        A local time ("minute") only when the stamp is of the day it happened; else its day, month or year; None
        when undated. A time stamped on a later day is the report's, so that event keeps just its day.
        """
        if self.occurred_on is None:
            return None
        if self.reported_at and self.date_precision == "minute" and self.reported_on == self.occurred_on:
            return self.reported_at.astimezone(zone(self.timezone)), "minute"
        if self.date_precision in ("month", "year"):
            return self.occurred_on, self.date_precision
        return self.occurred_on, "day"

    @property
    def dates_corrected(self) -> bool:
        return self.editor_reported_on is not None or self.editor_occurred_on is not None

    @property
    def corrected(self) -> bool:
        return self.dates_corrected or self.editor_repeat is not None or self.editor_removed

    def refresh(self, document: Document | None = None) -> None:
        """Recomputes the effective dates and repeat link from the parser's findings and the editor's."""
        document = document or self.document
        self.duplicate_of_id = self.repeat_link()
        dating = resolve(self.parsed_when, document.published, document.timezone, document.published_note)
        self.reported_at, self.reported_on = dating.reported_at, dating.reported_on
        self.date_precision, self.date_basis = dating.precision, dating.basis
        self.occurred_on, self.date_note = dating.occurred_on, dating.note
        self.needs_review = dating.reported_on is None or dating.doubtful
        self.timezone = (self.parsed_when.get("stamp") or {}).get("tz") or document.timezone
        if self.dates_corrected:
            self._apply_editor_dates()
        self.sort_key = timeline_key(self.occurred_on, self.reported_on, self.reported_at, self.timezone)

    def confirm_date(self) -> bool:
        """Makes the date the machine found an editor's, so no later ingest changes it; False if it has none."""
        if self.reported_on is None:
            return False
        self.editor_reported_on = self.reported_on
        self.editor_precision = self.date_precision
        if self.reported_at and self.date_precision == "minute":
            local = self.reported_at.astimezone(zone(self.timezone))
            self.editor_reported_time, self.editor_timezone = local.time(), self.timezone
        self.editor_occurred_on = self.occurred_on
        self.refresh()
        return True

    def _apply_editor_dates(self) -> None:
        day = self.editor_reported_on or self.reported_on
        if self.editor_reported_on:
            if self.editor_reported_time:
                self.timezone = self.editor_timezone or self.document.timezone
                self.reported_at = dt.datetime.combine(day, self.editor_reported_time, zone(self.timezone))
            else:
                self.reported_at = None
            self.reported_on = day
            self.date_precision = self.editor_precision or ("minute" if self.editor_reported_time else "day")
        self.occurred_on = self.editor_occurred_on or day
        self.date_basis = "editor"
        self.date_note = "date set by an editor"
        self.needs_review = False
