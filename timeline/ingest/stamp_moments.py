"""Moments: the rules that group a stamp's tokens into the times it gives, and the values of clocks and dates.

Rules group the tokens into moments (a label, a date, a clock and its zone; a second clock is a conversion,
`9:42am EST, 5:42pm EAT`) and stop at the first token that fits no rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from . import zones
from .stamp_tokens import LABEL_KINDS, MONTHS, WEEKDAYS, Token

_JOINERS = {"(", ")", "[", "]", ",", "/", ".", ":"}  # what may stand between the parts of one moment


@dataclass(frozen=True)
class Moment:
    """One time a stamp gives: its label's kind, its clock and zone, and its date's parts as written."""

    label: str | None = None  # "entry", "publish" or "edit"
    clock: dt.time | None = None
    clock_style: str | None = None  # "24h", "12h", "military" or "worn" (the figures were lost)
    zone: str | None = None  # as `zones.key` keeps it: "EDT", "Asia/Tokyo", "+02:00"
    weekday: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    numeric: tuple[int, int] | None = None  # "3/4/2024": which is the day the document decides
    figures: bool = False  # the date is written in figures ("2.6.2023", "2023-06-02"), not words
    relative: str | None = None  # "today", "yesterday": a day counted from an unknown one

    @property
    def has_date(self) -> bool:
        return self.month is not None or self.numeric is not None

    @property
    def has_clock(self) -> bool:
        return self.clock_style is not None

    def month_day(self, day_first: bool | None) -> tuple[int, int] | None:
        """(month, day), reading an all-figures date in the order the document uses; None for "3/4" when the
        document never tells which comes first."""
        if self.numeric:
            first, second = self.numeric
            if day_first is None and first != second and max(first, second) <= 12:
                return None
            month, day = (second, first) if day_first or first > 12 else (first, second)
            return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
        if self.month is not None and self.day is not None:
            return self.month, self.day
        return None

    def calendar_day(self, day_first: bool | None = None) -> dt.date | None:
        """The day it names when it names day, month and year; None for anything less."""
        parts = self.month_day(day_first)
        if parts is None or self.year is None:
            return None
        try:
            return dt.date(self.year, *parts)
        except ValueError:
            return None


class MomentRules:
    """Groups tokens into moments, left to right; stops at the first token that fits none of the rules."""

    def __init__(self, found: list[Token]):
        self.found = found
        self.index = 0

    def moments(self) -> tuple[list[Moment], int]:
        """The moments read and how many tokens they used (separators between them included)."""
        moments: list[Moment] = []
        used = 0
        while self.index < len(self.found) and len(moments) < 3:
            start = self.index
            moment = self._moment()
            if moment is None:
                self.index = start
                break
            moments.append(moment)
            used = self.index
            self._skip_separators()
        return moments, used

    def _peek(self, offset: int = 0) -> Token | None:
        at = self.index + offset
        return self.found[at] if at < len(self.found) else None

    def _skip_separators(self) -> None:
        while (token := self._peek()) and token.kind in ("sep", "link") and token.text not in "()":
            self.index += 1

    def _moment(self) -> Moment | None:
        """The longest moment from here that has a clock or a date; its trailing separators are left unread."""
        moment, best, best_end = Moment(), None, self.index
        while (token := self._peek()) is not None:
            updated = getattr(self, f"_{token.kind}")(moment, token)
            if updated is None:
                break
            self.index += 1
            moment = updated
            if token.kind not in ("sep", "link") and (moment.has_clock or moment.has_date):
                best, best_end = moment, self.index
        self.index = best_end
        return best

    # One rule per kind of token: the moment with the token added, or None when the token ends the moment.

    def _sep(self, moment: Moment, token: Token) -> Moment | None:
        if token.text in _JOINERS:
            return moment
        return None if moment.has_clock or moment.has_date else moment  # a dash or bar ends a complete moment

    def _link(self, moment: Moment, token: Token) -> Moment | None:
        return moment

    def _by(self, moment: Moment, token: Token) -> Moment | None:
        return None  # an author follows

    def _age(self, moment: Moment, token: Token) -> Moment | None:
        return moment

    def _label(self, moment: Moment, token: Token) -> Moment | None:
        if moment.has_clock or moment.has_date or moment.label:
            return None  # a label after a time starts the next moment: "... 14.05 BST First published on ..."
        return replace(moment, label=LABEL_KINDS[token.text.split()[0].lower()])

    def _relative(self, moment: Moment, token: Token) -> Moment | None:
        if moment.relative or moment.has_date:
            return None
        return replace(moment, relative=" ".join(token.text.lower().split()))

    def _clock(self, moment: Moment, token: Token) -> Moment | None:
        if moment.has_clock:
            return None  # a second clock is a moment of its own: the same time in another zone
        clock, style = read_clock(token.text)
        if style is None or token.text.lower() in ("noon", "midday", "midnight") and not self._then_zone_or_sep():
            return None
        return replace(moment, clock=clock, clock_style=style)

    def _four(self, moment: Moment, token: Token) -> Moment | None:
        """Four figures: the year of a day and month read just before, else a clock ("1759 GMT", "1759 —")."""
        value = int(token.text)
        if moment.month is not None and moment.day is not None and moment.year is None and 1900 <= value <= 2099:
            return replace(moment, year=value)
        if moment.has_clock or value // 100 > 23 or value % 100 > 59:
            return None
        following = self._peek(1)
        if following is None or not (following.kind == "zone" or following.text in "-–—"):
            return None
        return replace(moment, clock=dt.time(value // 100, value % 100), clock_style="military")

    def _zone(self, moment: Moment, token: Token) -> Moment | None:
        name = zones.key(token.text)
        if moment.zone or not (moment.has_clock or moment.has_date) or not (name or token.text.lower() == "local time"):
            return None
        return replace(moment, zone=name)

    def _weekday(self, moment: Moment, token: Token) -> Moment | None:
        if moment.weekday is not None or moment.has_date or moment.has_clock:
            return None
        return replace(moment, weekday=_weekday(token.text))

    def _month(self, moment: Moment, token: Token) -> Moment | None:
        if moment.month is not None or moment.numeric or (moment.day is None and not self._then("daynum")):
            return None
        return replace(moment, month=_month(token.text))

    def _daynum(self, moment: Moment, token: Token) -> Moment | None:
        if moment.day is not None or moment.month is None and (moment.has_date or not self._then("month")):
            return None  # a day is only a day beside its month: "Feb 24", "24 Feb"
        return replace(moment, day=int(re.match(r"\d+", token.text)[0]))

    def _iso(self, moment: Moment, token: Token) -> Moment | None:
        return None if moment.has_date else _with_figures(moment, token)

    _numeric = _iso

    def _then(self, kind: str) -> bool:
        """Whether the next token past separators is of this kind."""
        at = self.index + 1
        while at < len(self.found) and self.found[at].kind in ("sep", "link"):
            at += 1
        return at < len(self.found) and self.found[at].kind == kind

    def _then_zone_or_sep(self) -> bool:
        following = self._peek(1)
        return following is None or following.kind in ("zone", "sep")


def read_clock(text: str) -> tuple[dt.time | None, str | None]:
    """A clock's time and style: "24h", "12h", "worn" (only "a.m." is left); (None, None) when no time of day."""
    lowered = text.lower()
    if lowered in ("noon", "midday"):
        return dt.time(12, 0), "12h"
    if lowered == "midnight":
        return dt.time(0, 0), "12h"
    match = re.fullmatch(
        r"(?:(\d{1,2})(?:[:.](\d{1,2})(?:[:.]\d{2})?)?)?\s*:?\s*(?:([ap])\.?\s?m\.?|uhr|hrs)?", lowered
    )
    if not match or not (match[1] or match[3]):
        return None, None
    if match[1] is None:
        return None, "worn"
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None, None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None, None
    return dt.time(hour, minute), "12h" if half else "24h"


def _weekday(text: str) -> int:
    key = text.lower()[:3]
    return [w[:3].lower() for w in WEEKDAYS].index(key)


def _month(text: str) -> int:
    key = text.lower()[:3]
    return [m[:3].lower() for m in MONTHS].index(key) + 1


def _with_figures(moment: Moment, token: Token) -> Moment:
    parts = [int(p) for p in re.split(r"[./-]", token.text)]
    if token.kind == "iso":
        return replace(moment, year=parts[0], month=parts[1], day=parts[2], figures=True)
    first, second, year = parts
    return replace(moment, numeric=(first, second), year=year + 2000 if year < 100 else year, figures=True)
