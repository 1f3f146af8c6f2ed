"""Time zones as news pages name them: abbreviations, spelled-out names, "<city> time", and IANA names."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Fixed offsets for the abbreviations outlets print; named zones where the offset depends on the date.
ABBREVIATIONS = {
    "GMT": "UTC",
    "UTC": "UTC",
    "Z": "UTC",
    "BST": "+01:00",
    "IST": "+05:30",  # India's: outlets print it far more often than Ireland's summer time
    "WET": "UTC",
    "WEST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "EAT": "+03:00",
    "CAT": "+02:00",
    "WAT": "+01:00",
    "SAST": "+02:00",
    "GST": "+04:00",  # the Gulf's
    "PKT": "+05:00",
    "ICT": "+07:00",
    "WIB": "+07:00",
    "SGT": "+08:00",
    "HKT": "+08:00",
    "PHT": "+08:00",
    "AWST": "+08:00",
    "KST": "+09:00",
    "JST": "+09:00",
    "ACST": "+09:30",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
    "ET": "America/New_York",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CT": "America/Chicago",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MT": "America/Denver",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PT": "America/Los_Angeles",
    "PST": "-08:00",
    "PDT": "-07:00",
}
# Zones spelled out, as a stamp ("22:46 Greenwich Mean Time") or a note ("All times Eastern") gives them.
SPELLED = {
    "greenwich mean time": "UTC",
    "coordinated universal time": "UTC",
    "universal time": "UTC",
    "british summer time": "+01:00",
    "uk": "Europe/London",
    "uk time": "Europe/London",
    "british time": "Europe/London",
    "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "eastern standard time": "-05:00",
    "eastern daylight time": "-04:00",
    "central": "America/Chicago",
    "central time": "America/Chicago",
    "mountain time": "America/Denver",
    "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "central european time": "+01:00",
    "eastern european time": "+02:00",
}
# The United States' clocks: a page stamped in them writes "8/1/18" month first.
US_ZONES = {
    *("ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT"),
    *("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles"),
    *("America/Anchorage", "Pacific/Honolulu"),
}
OFFSET = re.compile(r"(?:UTC|GMT)\s?(?P<sign>[+-−])\s?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?")


def zone(name: str | None) -> dt.tzinfo:
    """A tzinfo for an IANA name, an abbreviation or spelled name the text used, or an offset; UTC when unknown."""
    if not name:
        return dt.UTC
    written = name if name in ABBREVIATIONS else None
    name = canonical(name) or name
    offset = re.fullmatch(r"([+-])(\d{2}):(\d{2})", name)
    if offset:
        minutes = int(offset[2]) * 60 + int(offset[3])
        # A reader sees the abbreviation the page printed ("EDT"), not "UTC-04:00".
        delta = dt.timedelta(minutes=minutes if offset[1] == "+" else -minutes)
        return dt.timezone(delta, written) if written else dt.timezone(delta)
    if name == "UTC":
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def key(text: str) -> str | None:
    """How a stamp's zone is kept: the abbreviation as printed ("EDT"), else its IANA name or offset."""
    text = text.strip().strip("()").strip()
    return text if text in ABBREVIATIONS else canonical(text)


def canonical(text: str) -> str | None:
    """The zone a name stands for, as an IANA name, "UTC" or a "+02:00" offset; None when it names no zone."""
    text = text.strip().strip("()").strip()
    if text in ABBREVIATIONS:
        return ABBREVIATIONS[text]
    offset = OFFSET.fullmatch(text)
    if offset:
        minutes = int(offset["hours"]) * 60 + int(offset["minutes"] or 0)
        if minutes > 14 * 60:
            return None
        sign = "-" if offset["sign"] in "-−" else "+"
        return "UTC" if minutes == 0 else f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    lowered = " ".join(text.lower().split())
    if lowered in SPELLED:
        return SPELLED[lowered]
    if lowered.endswith(" time"):
        return city_zone(lowered.removesuffix(" time"))
    return text if "/" in text and is_known_zone(text) else None


def city_zone(city: str) -> str | None:
    """The IANA zone named after a city ("Tokyo" is Asia/Tokyo), from the zone database itself."""
    return _zones_by_city().get(" ".join(city.lower().replace("_", " ").split()))


@cache
def _zones_by_city() -> dict[str, str]:
    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        area, _, city = name.rpartition("/")
        if area and area not in ("Etc", "SystemV", "US") and not name.startswith("posix/"):
            cities.setdefault(city.lower().replace("_", " "), name)
    return cities


def editor_zones() -> list[str]:
    """The IANA names an editor may choose from, in order."""
    return sorted(name for name in available_timezones() if not name.startswith(("posix/", "right/")))


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {_folded(name): name for name in editor_zones()}


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def editor_zone(text: str) -> str | None:
    """The IANA zone an editor means: its name in any case ("europe/kyiv"), or a city it is named after ("Kyiv")."""
    return _zones_by_folded_name().get(_folded(text)) or city_zone(text)


def zone_like(text: str) -> str | None:
    """The zone whose name or city is spelled most like the text ("Kyjiv" is like Europe/Kyiv), if one is."""
    folded = _folded(text)
    names = _zones_by_folded_name() | _zones_by_city()
    close = difflib.get_close_matches(folded, names, n=1, cutoff=0.7)
    return names[close[0]] if close else None


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
