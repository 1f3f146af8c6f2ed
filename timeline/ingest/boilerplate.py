"""What a scraper leaves around the news: asks, buttons, menus, bylines, credits, link lists, footers."""

from __future__ import annotations

import re
from collections import deque

from .stamp_reader import read_age, read_stamp
from .text import is_label, is_sentence_end, looks_like_headline

_I = re.IGNORECASE


class Gated:
    """A pattern that may match anywhere, looked for only in text that holds one of the words (in lower case) each
    of its matches holds: `re` tries every alternative at every position of a paragraph, where `in` finds a word
    at memory speed. A tenth of the time of ingest went on three such patterns."""

    def __init__(self, words: tuple[str, ...], pattern: str, flags: int = 0):
        self.words, self.pattern = words, re.compile(pattern, flags)

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        folded = text.casefold()
        return self.pattern.search(text, pos) if any(word in folded for word in self.words) else None


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
            r"(?:advertisement|sponsored content|scroll to continue)$",
            r"skip (?:to|past|next)\b.{0,40}$",  # "Skip to main menu", "Skip next section Explore more"
            r"this (?:article|story|page|post|content) is (?:more than|over) (?:a|an|one|\d+) \w+ old",
            r"(?:this|the|our) live ?(?:blog|page)\b.{0,80}\b(?:is|has) (?:now )?(?:closed|ended|finished)",
            r".{10,200}\s[–—|-]\s*(?:video|videos|watch|in pictures|photos|gallery|audio|podcast)$",  # a media teaser
            r"(?:comments?|\d+ comments?|view comments|show comments|leave a comment)$",
            r"join (?:our|the) (?:commenting|discussion|conversation)",
            r"join thought-provoking conversations",
            r"(?:published|posted)(?: on)?(?: updated)?$",
            r"(?:search|menu|find us|home|close|close button|print|email|copied|sign in|log in|newsletters?)$",
            r"(?:quick links|trending|more)\s*:$",
            r"(?:share|tweet|link copied!?|ad feedback|paid content|live feed|show key events only|search \w+\.*)$",
            r"(?:go to|watch|play) (?:the )?video$",
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
FURNITURE_ANYWHERE = Gated(
    (
        "subscription",
        "bookmark",
        "not involved",
        "credit go",
        "partners",
        "rights reserved",
        "not responsible",
        "contributed",
        "reported from",
    ),
    "|".join(
        [
            r"\b(?:premium subscription|bookmark (?:this|your favourite) article)",
            r"not involved in this news article|copyright and credit go|taken from our partners|all rights reserved",
            r"not responsible for the content of external (?:sites|websites)",
            # The reporters' note that ends an agency story.
            r"\b(?:writers?|reporters?|correspondents?) [\w .,'’-]{2,60} contributed\b|contributed to this report",
            r"^[A-Z][\w'’-]+(?: and [A-Z][\w'’-]+)? reported from [A-Z]",
        ]
    ),
    _I,
)


# A sign-up ask, unless someone is quoted after it: a sentence that reports a newsletter is news.
SIGN_UP = Gated(
    ("newsletter", "your inbox", "recaptcha", "privacy policy"),
    r"\b(?:newsletter|your inbox|recaptcha|privacy policy)\b",
    _I,
)
SPEECH = re.compile(r"\b(?:said|says|told)\b", _I)


def is_furniture(text: str) -> bool:
    if FURNITURE_START.match(text) or FURNITURE_ANYWHERE.search(text):
        return True
    first = SIGN_UP.search(text)
    if first is None:
        return False
    # The last ask decides: is anyone quoted after it?
    last = deque(SIGN_UP.pattern.finditer(text, first.start()), maxlen=1)
    return not SPEECH.search(text, last[0].end())


AGENCY_SIGNATURE = re.compile(
    r"^(?:[a-z]{1,4}(?:/[a-z]{1,4})+\s*)?\(\s*(?:AFP|AP|Reuters|dpa|KNA|epd|Interfax|EFE)"
    r"(?:\s*,\s*(?:AFP|AP|Reuters|dpa|KNA|epd|Interfax|EFE))*\s*\)$"
)
_AGENCIES = (
    r"Getty Images|AFP|AP|Reuters|EPA(?:-EFE)?|Anadolu(?: Agency)?|Shutterstock|Alamy|PA(?: Wire)?|Sputnik|TASS"
    r"|Bloomberg|Ukrinform|NurPhoto|SOPA Images|ZUMA(?: Press)?|Abaca|imago|dpa|picture alliance|Pool|UPI|Handout"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}"
_NEWSROOM = r"(?:The\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|and|&)){0,4}"
BYLINE = re.compile(
    "|".join(
        [
            r"^(?i:(?:posted |written |reported |compiled )?by)\s+"
            r"[A-Z][\w.'’/-]*(?:\s+(?:[A-Z][\w.'’/-]*|and|with|in|&|,))*$",
            rf"^{_NAME}\s+with\s+(?:{_AGENCIES}|agencies|wires)(?:\s*(?:,|and)\s*(?:{_AGENCIES}))*$",
            rf"^{_NAME}\s+(?:in|reporting from)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$",  # "Shaun Walker in Kyiv"
            rf"^{_NAME},\s+[\w ]{{2,30}},\s+reporting from\s+\w+",
            r"^[A-Z][\w ]{1,40},\s+reporting from\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$",
            r"^(?i:reporting from)\s+[A-Z][\w'’. -]{1,40}(?:,\s*[A-Z][\w'’. -]{1,40})?$",
            # A newsroom's credit: its name, capitalised ("Al Jazeera Staff", "The Kyiv Independent news desk");
            # "Russia expels the inspection team" is news.
            rf"^(?i:by\s+)?{_NEWSROOM}\s(?i:news desk|desk|staff|team)$",
            rf"^{_NAME}\s+\((?:now|earlier)\)",
            r"^From CNN[’']s\s",
            rf"^{_NEWSROOM} (?:staff|correspondents?|reporters?)$",
        ]
    )
)
# A photographer's name before "/ Agency": a word is never longer than this, which keeps the search linear.
_CREDITED = r"[A-Z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30}){0,3}"
# A credit closes its line ("Jane Doe / Reuters", "Photograph: ...", "(AP Photo/...)"), or opens it ("Image: ..."):
# the closing kind is looked for only in a line's last `CREDIT_REACH` characters, which keeps a long line cheap.
CREDIT_REACH = 160
CREDIT_AT_END = Gated(
    ("/", "|", ":", "]", ")", "via ", "credit"),  # most lines of prose end with none of them
    "|".join(
        [
            rf"{_CREDITED}\s*/\s*(?:{_AGENCIES})\s*$",
            r"\|\s*(?i:image|photo|picture)s?(?:\s+credit)?\s*:\s*[^|]{1,80}$",
            r"\b(?:Photograph|Photo|Illustration|Composite)\s*:\s*[^.:]{1,60}$",
            rf"\[(?:File|Photo)?:?[^\]]{{0,120}}(?:{_AGENCIES})\]\s*$",
            rf"\(\s*(?:{_AGENCIES}) Photo\b[^)]{{0,120}}\)\s*$",
            rf"\bvia (?:{_AGENCIES})\s*$",
            r"\bCredit(?:\.{2,}|\s*:)\s*[^.]{1,80}$",  # "...on Sunday.Credit...Jane Doe for the paper"
            r"\([^()/]{1,60}/\s*(?:Facebook|Telegram|X|Twitter|Instagram|YouTube|TikTok)\s*\)\s*$",
            r"\([A-Z][\w.'’& -]{1,40}:\s*[A-Z][^():]{1,60}\)\s*$",  # "(Agency News: Jane Doe)" closing a caption
        ]
    ),
)
CREDIT_AT_START = re.compile(
    r"(?i:image|photo|photograph|picture)(?:\s+credit)?\s*:\s*(?:\S+\s+){0,3}\S+\s*$|Image (?:source|caption),"
)
COPYRIGHT = Gated(("copyright", "©"), r"\bCopyright\b|©")


def is_credit(line: str) -> bool:
    return bool(CREDIT_AT_END.search(line[-CREDIT_REACH:]) or CREDIT_AT_START.match(line) or COPYRIGHT.search(line))


CAPTION_START = re.compile(
    r"^(?:In this (?:photo|image|picture|handout|file photo)|This (?:photo|image|handout)"
    r"|FILE\s*[-–—:]|FILE PHOTO"
    r"|(?:item|image|photo|picture|slide)\s+\d+\s+of\s+\d+\b|\[\d+/\d+\])",  # a gallery's counter: "Item 1 of 2"
    _I,
)
RELATED_HEADING = re.compile(
    r"^(?:you (?:might|may) also like|related(?: stories| articles| coverage| content| topics)?|more on this story"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|also read|see also|read next|more stories"
    r"|top stories|latest stories|editor'?s picks|more from [\w ]{1,30}|explore more on these topics"
    r"|related (?:internet )?links|latest news|explore more|more on [\w ]{1,30}|more about [\w ]{1,30})\s*:?$",
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
            # A link's headline (stamped or not), and the section name and date that teasers carry with it; a stamp
            # alone on its line starts an entry.
            is_link = (looks_like_headline(line) or _is_teaser_label(line)) and not _is_clock_stamp(line)
            is_link = is_link or (skip_links and _is_stamped_link(line))
            # News goes on below a headline that text or its entry's stamp follows.
            starts_section = (
                skip_links
                and not skip_one
                and (
                    (is_sentence_end(following) and not looks_like_headline(following) and not is_furniture(following))
                    or _is_stamp_alone(following)
                )
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


def _is_stamp_alone(line: str) -> bool:
    """An entry's stamp on its own line ("21:44 , Jane Doe"), not a teaser's time before its headline."""
    reading = read_stamp(line)
    return bool(reading and reading.main.has_clock and not looks_like_headline(reading.rest))


def _is_stamped_link(line: str) -> bool:
    """A teaser with its time before it: "21:17 30.5.2014 Parliament fails to vote on new Cabinet"."""
    reading = read_stamp(line)
    return bool(reading and reading.rest and looks_like_headline(reading.rest))


def _is_teaser_label(line: str) -> bool:
    reading = read_stamp(line)
    return bool(reading and reading.is_date_line) or is_label(line)


def _without_furniture(line: str) -> str:
    if AGENCY_SIGNATURE.match(line) or BYLINE.match(line):
        return ""
    pieces = _GLUED.split(line)
    return "".join(piece for piece in pieces if not is_furniture(piece.strip())).strip()


def _is_caption(line: str, following: list[str]) -> bool:
    if is_credit(line) or CAPTION_START.match(line):
        return True
    # A caption scraped twice, alone then with its credit appended; or a caption on the line above its credit.
    if any(nxt.startswith(line) and is_credit(nxt) for nxt in following):
        return True
    return bool(following) and looks_like_headline(line) and _is_bare_credit(following[0])


BARE_CREDIT = re.compile(
    rf"^(?i:photograph|photo|image|picture)(?:\s+credit)?\s*:\s*\S.{{0,60}}$"
    rf"|^{_CREDITED}\s*/\s*(?:{_AGENCIES})$"
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
    """Removes runs of three or more very short lines: navigation menus and tag lists, not news; and the site's
    name and slogan when a menu follows them at the very top of the page."""
    out: list[str] = []
    run: list[str] = []
    first_menu = True
    for line in [*lines, None]:
        if line is not None and _is_menu_item(line):
            run.append(line)
            continue
        if len(run) < 3:
            out.extend(run)
        else:
            if first_menu and len(out) <= SITE_LINES:
                out = []
            first_menu = False
        run = []
        if line is not None:
            out.append(line)
    return out


# Lines above the first menu, at most this many, are the site's name and slogan: a page's title comes with its
# standfirst, which makes more.
SITE_LINES = 2


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K.": a menu's section, though it ends in a full stop


_MENU_TITLE = re.compile(r"[A-Z&][\w&'’-]*(?:\s+(?:[A-Z&][\w&'’-]*|and|of|at|in|the|for|&))*")


def _is_menu_item(line: str) -> bool:
    """A line a menu is made of: up to three words, or five in title case ("Israel and Hamas at War")."""
    words = len(line.split())
    short = words <= 3 or (words <= 5 and bool(_MENU_TITLE.fullmatch(line)))
    if not short or (is_sentence_end(line) and not _INITIALS.fullmatch(line)):
        return False
    return not (_is_clock_stamp(line) or read_age(line))  # a stamp or an age marks an entry, in a menu of none


OUTLET_BYLINE = re.compile(r"^By\s+(?P<outlet>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:with|and|via)\s+", _I)


def find_outlet(lines: list[str]) -> str:
    """The outlet, where the text names it in a byline like "By Euronews with AP"."""
    for line in lines[:40]:
        match = OUTLET_BYLINE.match(line)
        if match and BYLINE.match(line):
            return match["outlet"]
    return ""
