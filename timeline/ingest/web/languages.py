"""A page's dates in its own language, put in the words the text pipeline reads.

    in_english_dates(text, language) -> (text, {English date: as the page wrote it})

The text pipeline reads stamps and date headers in English. A page that declares another language writes its day
headers and date lines in that one: "Donnerstag, 18. 7.", "28 Września 2020, 18:00", "Martedì 16 luglio". A line,
or a table cell, that is such a date and nothing else is rewritten with the English names ("Thursday, 18 July",
"28 September 2020, 18:00"); every other line is left as written. What each rewritten date was is returned too,
so that a note quotes the page's own words. The names of months and weekdays in each
language, with their abbreviations and grammatical forms, and the order a language writes day and month in, are
dateparser's.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

from ..stamp_tokens import MONTHS, WEEKDAYS

# A date and nothing else: an optional weekday, a day, a month named or in figures with its dot ("18. 7."), an
# optional year, and an optional clock after it.
DATE_ONLY = re.compile(
    r"(?P<weekday>[^\W\d_]{2,}\.?,?\s+)?"
    r"(?P<day>\d{1,2})\.?\s*(?:(?P<month>[^\W\d_]{3,}\.?)|(?P<month_number>\d{1,2})\.)"
    r"(?:\s*(?P<year>\d{4}))?"
    r"(?P<clock>,?\s+\d{1,2}[:.]\d{2}(?:\s*[^\W\d_]{1,4}\.?)?)?"
)
# A date line is short: a header, a byline's date, a table's cell.
DATE_CHARS = 60
# Shorter names are too often words of their own ("do", "cz", "ma").
NAME_CHARS = 3


def in_english_dates(text: str, language: str) -> tuple[str, dict[str, str]]:
    names = _date_names(_code(language))
    if names is None:
        return text, {}
    written: dict[str, str] = {}
    lines = [_line_in_english(line, names, written) for line in text.split("\n")]
    return "\n".join(lines), written


def _code(language: str) -> str:
    """ "pl-PL" -> "pl"; a name in place of a code ("English") gives nothing."""
    code = language.strip().split("-")[0].split("_")[0].lower()
    return code if len(code) in (2, 3) and code.isalpha() else ""


class DateNames:
    def __init__(self, months: dict[str, str], weekdays: dict[str, str], day_first: bool):
        self.months, self.weekdays, self.day_first = months, weekdays, day_first


@lru_cache(maxsize=64)
def _date_names(code: str) -> DateNames | None:
    """The language's month and weekday names mapped to the English ones, or None for English and for a language
    dateparser does not know."""
    if not code or code == "en":
        return None
    try:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
    except ModuleNotFoundError:
        return None
    months = _names(info, MONTHS)
    weekdays = _names(info, WEEKDAYS)
    return DateNames(months, weekdays, str(info.get("date_order", "DMY")).startswith("D"))


def _names(info: dict, english: tuple[str, ...]) -> dict[str, str]:
    """Each of the language's forms of these names, folded to lower case, with the English name; a form two names
    share names neither."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for name in english:
        for form in info.get(name.lower(), []):
            key = form.lower().rstrip(".")
            if len(key) < NAME_CHARS:
                continue
            if found.get(key, name) != name:
                shared.add(key)
            found[key] = name
    return {key: name for key, name in found.items() if key not in shared}


def _line_in_english(line: str, names: DateNames, written: dict[str, str]) -> str:
    if line.startswith("|"):  # a table's row: each cell on its own
        return "|".join(_in_english(cell, names, written) for cell in line.split("|"))
    return _in_english(line, names, written)


def _in_english(segment: str, names: DateNames, written: dict[str, str]) -> str:
    text = segment.strip()
    if len(text) > DATE_CHARS:
        return segment
    match = DATE_ONLY.fullmatch(text)
    if match is None:
        return segment
    english = _english_date(match, names)
    if english is None:
        return segment
    written.setdefault(english, text)
    if match["clock"]:  # a note may quote the date without its clock
        written.setdefault(english.removesuffix(match["clock"]), text.removesuffix(match["clock"]))
    return segment.replace(text, english)


def _english_date(match: re.Match, names: DateNames) -> str | None:
    weekday = ""
    if match["weekday"]:
        weekday = names.weekdays.get(match["weekday"].rstrip(" ,.").lower())
        if weekday is None:
            return None
    if match["month"]:
        month = names.months.get(match["month"].rstrip(".").lower())
    elif names.day_first and 1 <= int(match["month_number"]) <= 12:
        month = MONTHS[int(match["month_number"]) - 1]
    else:
        month = None
    if month is None or not 1 <= int(match["day"]) <= 31:
        return None
    date = f"{match['day']} {month}" + (f" {match['year']}" if match["year"] else "")
    return (f"{weekday}, " if weekday else "") + date + (match["clock"] or "")
