"""What a scraper leaves around the news: asks, buttons, menus, bylines, credits, link lists, footers."""

from __future__ import annotations

import re

from .stamps import read_stamp
from .text import is_label, is_sentence_end, looks_like_headline

_I = re.IGNORECASE

# A whole line, or a sentence glued to real text, that is page furniture rather than news.
# A whole line, or a sentence glued to real text, that is page furniture rather than news. Split in two
# because a pattern that may match anywhere is tried at every position of every paragraph.
FURNITURE_START = re.compile(
    "|".join(
        [
            r"your support (?:helps|makes|matters)",
            r"(?:subscribe|sign up|register|become a (?:member|subscriber|supporter)|start your .*subscription)\b",
            r"want to bookmark\b",
            r"(?:share this (?:article|story|page)|share on \w+|copy/paste\b|copy to clipboard|copy link)",
            r"(?:follow us|follow our|download (?:our|the) app)\b",
            r"(?:advertisement|sponsored content|scroll to continue|skip (?:to|past) (?:main )?content)$",
            r"(?:comments?|\d+ comments?|view comments|show comments|leave a comment)$",
            r"join (?:our|the) (?:commenting|discussion|conversation)",
            r"join thought-provoking conversations",
            r"(?:published|posted)(?: on)?(?: updated)?$",
            r"(?:search|menu|find us|home|close|close button|print|email|copied|sign in|log in|newsletters?)$",
            r"(?:quick links|trending|more)\s*:$",
            r"(?:share|tweet|link copied!?|ad feedback|paid content|live feed|show key events only|search \w+\.*)$",
            r"please (?:turn on|enable) javascript",
            r"support (?:independent|our|quality|free) journalism",
            r"source:\s",
            r"(?:read also|also read|read more|see also|more on this)\s*:",
            r"(?:enter your email|by signing up|privacy notice|after newsletter promotion|skip past newsletter)",
            # A live entry's label: the headline follows it.
            r"(?:breaking(?: news)?|pinned(?: post)?|key (?:event|update)|just in|developing(?: story)?)$",
            r"(?:live reporting|get involved|listen to this article|share full article|\d+\s*min(?:ute)?s? read)$",
            r"(?:author|editor|edited by|tags|topics|our standards)\b\s*:?\s",
            r"(?:additional reporting|reporting|writing|editing) by\s",
            r"follow (?:[\w'’]+ ){1,3}coverage\b",
            r"_{3,}$",
        ]
    ),
    _I,
)
FURNITURE_ANYWHERE = re.compile(
    "|".join(
        [
            r"\b(?:premium subscription|bookmark (?:this|your favourite) article)",
            r"not involved in this news article|copyright and credit go|taken from our partners|all rights reserved",
            r"not responsible for the content of external (?:sites|websites)",
            r"\b(?:newsletter|your inbox|recaptcha|privacy policy)\b(?!.*\b(?:said|says|told)\b)",
            # The reporters' note that ends an agency story.
            r"\b(?:writers?|reporters?|correspondents?) [\w .,'’-]{2,60} contributed\b|contributed to this report",
            r"^[A-Z][\w'’-]+(?: and [A-Z][\w'’-]+)? reported from [A-Z]",
        ]
    ),
    _I,
)


def is_furniture(text: str) -> bool:
    return bool(FURNITURE_START.match(text) or FURNITURE_ANYWHERE.search(text))


AGENCY_SIGNATURE = re.compile(
    r"^(?:[a-z]{1,4}(?:/[a-z]{1,4})+\s*)?\(\s*(?:AFP|AP|Reuters|dpa|KNA|epd|Interfax|EFE)"
    r"(?:\s*,\s*(?:AFP|AP|Reuters|dpa|KNA|epd|Interfax|EFE))*\s*\)$"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}"
BYLINE = re.compile(
    "|".join(
        [
            r"^(?i:by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|with|in|&|,))*$",
            rf"^{_NAME}\s+(?:in|reporting from)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$",  # "Shaun Walker in Kyiv"
            rf"^{_NAME},\s+[\w ]{{2,30}},\s+reporting from\s+\w+",
            r"^[A-Z][\w ]{1,40},\s+reporting from\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$",
            r"^(?i:by\s+)?[A-Z][\w ]{2,40}\s(?i:news desk|desk|staff|team)$",
            rf"^{_NAME}\s+\((?:now|earlier)\)",
            r"^From CNN[’']s\s",
            r"^[A-Z][\w ]{2,30} (?:staff|correspondents?|reporters?)$",
        ]
    )
)
_AGENCIES = (
    r"Getty Images|AFP|AP|Reuters|EPA(?:-EFE)?|Anadolu(?: Agency)?|Shutterstock|Alamy|PA(?: Wire)?|Sputnik|TASS"
    r"|Bloomberg|Ukrinform|NurPhoto|SOPA Images|ZUMA(?: Press)?|Abaca|imago|dpa|picture alliance|Pool|UPI|Handout"
)
CREDIT = re.compile(
    "|".join(
        [
            rf"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s*/\s*(?:{_AGENCIES})\s*$",
            r"\|\s*(?i:image|photo|picture)s?(?:\s+credit)?\s*:\s*[^|]{1,80}$",
            r"^(?i:image|photo|photograph|picture)(?:\s+credit)?\s*:\s*(?:\S+\s*){1,4}$",
            r"\b(?:Photograph|Photo|Illustration|Composite)\s*:\s*[^.:]{1,60}$",
            r"^Image (?:source|caption),",
            rf"\[(?:File|Photo)?:?[^\]]*(?:{_AGENCIES})\]\s*$",
            r"\bCopyright\b|©",
            rf"\(\s*(?:{_AGENCIES}) Photo\b[^)]*\)\s*$",
            rf"\bvia (?:{_AGENCIES})\s*$",
        ]
    ),
)
CAPTION_START = re.compile(
    r"^(?:In this (?:photo|image|picture|handout|file photo)|This (?:photo|image|handout)"
    r"|FILE\s*[-–—:]|FILE PHOTO)",
    _I,
)
RELATED_HEADING = re.compile(
    r"^(?:you (?:might|may) also like|related(?: stories| articles| coverage| content| topics)?|more on this story"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|also read|see also|read next|more stories"
    r"|top stories|latest stories|editor'?s picks|more from [\w ]{1,30}|explore more on these topics"
    r"|related (?:internet )?links|latest news)\s*:?$",
    _I,
)
LINK_TEASER = re.compile(r"^(?:follow|read|watch|listen|see)\b.{0,60}\bhere\s*:?$", _I)
DONATION_OPENER = re.compile(
    r"^(?:your support helps|support (?:our|independent|quality|free) journalism|(?:help|please) support us"
    r"|a (?:message|note) from|we hope you (?:appreciated|enjoyed)|before you (?:go|move on)|thank you for reading)",
    _I,
)
DONATION_CLOSER = re.compile(
    r"your support makes all the difference\.?|(?:donate|support us|contribute|subscribe) (?:now|today)\.?",
    _I,
)
NEWSLETTER_OPENER = re.compile(
    r"^(?:sign up (?:to|for)|subscribe to (?:our|the)|get (?:our|the) [\w ]{0,40}newsletter)", _I
)
NEWSLETTER_CLOSER = re.compile(r"privacy (?:notice|policy)|after newsletter promotion|recaptcha", _I)
ASK_BLOCKS = [(DONATION_OPENER, DONATION_CLOSER), (NEWSLETTER_OPENER, NEWSLETTER_CLOSER)]
_GLUED = re.compile(r"(?<=[a-z0-9%)][.!?])(?=[A-Z“\"])")


def strip_boilerplate(lines: list[str]) -> list[str]:
    """The lines that carry news, in order, with glued furniture cut off the sentences it sticks to."""
    lines = _drop_asks(lines)
    kept: list[str] = []
    skip_links = skip_one = False
    for index, line in enumerate(lines):
        if RELATED_HEADING.match(line):
            skip_links = True
            continue
        if skip_links or skip_one:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            # A link's headline, and the section name and date that teasers carry above and below it.
            is_link = (looks_like_headline(line) or _is_teaser_label(line)) and not _is_clock_stamp(line)
            starts_section = (
                skip_links
                and not skip_one
                and is_sentence_end(following)
                and not looks_like_headline(following)
                and not is_furniture(following)
            )
            skip_one = False
            if is_link and not starts_section:
                continue
            skip_links = False
        if LINK_TEASER.match(line):
            skip_one = True  # the teaser's link text follows it
            continue
        if _is_caption(line, lines[index + 1 : index + 3]):
            continue
        line = _without_furniture(line)
        if line:
            kept.append(line)
    return _drop_menus(kept)


def _is_clock_stamp(line: str) -> bool:
    reading = read_stamp(line)
    return bool(reading and reading.main.has_clock)


def _is_teaser_label(line: str) -> bool:
    reading = read_stamp(line)
    return bool(reading and reading.is_date_line) or is_label(line)


def _without_furniture(line: str) -> str:
    if AGENCY_SIGNATURE.match(line) or BYLINE.match(line):
        return ""
    pieces = _GLUED.split(line)
    return "".join(piece for piece in pieces if not is_furniture(piece.strip())).strip()


def _is_caption(line: str, following: list[str]) -> bool:
    if CREDIT.search(line) or CAPTION_START.match(line):
        return True
    # A caption scraped twice, alone then with its credit appended; or a caption on the line above its credit.
    if any(nxt.startswith(line) and CREDIT.search(nxt) for nxt in following):
        return True
    return bool(following) and looks_like_headline(line) and _is_bare_credit(following[0])


BARE_CREDIT = re.compile(
    rf"^(?i:photograph|photo|image|picture)(?:\s+credit)?\s*:\s*\S.{{0,60}}$"
    rf"|^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s*/\s*(?:{_AGENCIES})$"
)


def _is_bare_credit(line: str) -> bool:
    return len(line.split()) <= 8 and bool(BARE_CREDIT.match(line))


def _drop_asks(lines: list[str]) -> list[str]:
    """Removes donation and newsletter blocks: from the line that opens one to the line that closes it."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        closer = next((c for o, c in ASK_BLOCKS if o.match(lines[index])), None)
        end = None
        if closer is not None:
            end = next((j for j in range(index, min(index + 8, len(lines))) if closer.search(lines[j])), None)
        if end is None:
            out.append(lines[index])
            index += 1
            continue
        rest = closer.split(lines[end], maxsplit=1)[-1].strip()
        if rest and closer is DONATION_CLOSER:  # the news glued after "...makes all the difference."
            out.append(rest)
        index = end + 1
    return out


def _drop_menus(lines: list[str]) -> list[str]:
    """Removes runs of three or more very short lines: navigation menus and tag lists, not news."""
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, None]:
        if line is not None and _is_menu_item(line):
            run.append(line)
            continue
        if len(run) < 3:
            out.extend(run)
        run = []
        if line is not None:
            out.append(line)
    return out


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K.": a menu's section, though it ends in a full stop


def _is_menu_item(line: str) -> bool:
    short = len(line.split()) <= 3 and (not is_sentence_end(line) or bool(_INITIALS.fullmatch(line)))
    return short and not _is_clock_stamp(line)


OUTLET_BYLINE = re.compile(r"^By\s+(?P<outlet>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:with|and|via)\s+", _I)


def find_outlet(lines: list[str]) -> str:
    """The outlet, where the text names it in a byline like "By Euronews with AP"."""
    for line in lines[:40]:
        match = OUTLET_BYLINE.match(line)
        if match and BYLINE.match(line):
            return match["outlet"]
    return ""
