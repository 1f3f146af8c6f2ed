"""Line-level helpers shared by the pipeline's stages."""

from __future__ import annotations

import re
import unicodedata

# Looked for as a pattern: `str.translate` with a table looks each character up, ten times as slow over a page.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Control characters a scraper leaves behind mean nothing to a reader, and XML (a feed) cannot carry them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})
_BULLET = ("-", "•", "*", "–", "—", "·", "▪")
_CLOSERS = "\"”’'»)]"
_RULE = re.compile(r"^(?:_{3,}|\*{3,}|-{3,}|={3,})$")  # a separator line, not a stray mark of the line above


def normalise(text: str) -> list[str]:
    """The text's non-empty lines, stripped, with invisible characters gone and spaces folded."""
    text = printable(_INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = []
    for raw in _SPACES.sub(" ", text).split("\n"):
        line = raw.strip()
        if not line:
            continue
        if lines and _is_stray_mark(line):
            lines[-1] += line  # a stray "." left on its own line by the scraper belongs to the line above
            continue
        lines.append(line)
    return lines


def _is_stray_mark(line: str) -> bool:
    return not any(ch.isalnum() for ch in line) and len(line) <= 3 and line not in _BULLET and not _RULE.match(line)


def printable(text: str) -> str:
    """The text with each run of control characters (other than tab and line breaks) made one space."""
    return _CONTROLS.sub(" ", text)


def fold(text: str) -> str:
    """A comparison key: casefolded, accents and punctuation gone, spaces single."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w' ]+", " ", text.casefold())).strip()


def looks_like_headline(line: str) -> bool:
    """A short line that does not end a sentence: a headline, a title, or a link's text."""
    words = line.split()
    if not 3 <= len(words) <= 30 or len(line) > 200:
        return False
    first = line[0]
    if line.startswith(_BULLET) or not (first.isupper() or first.isdigit() or first in "‘“\"'"):
        return False
    bare = line.rstrip(_CLOSERS)
    if bare != line and bare.endswith((".", "!", "?", ",")):
        return False  # a quotation that ends a sentence
    if line.endswith((".", "!", ";", ",", ":")):
        return False
    return not (line.endswith("?") and len(words) > 20)


def is_sentence_end(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", ":"))


_PARTICLE = r"de|da|del|di|du|do|dos|la|le|van|von|der|den|ter|al|el|bin|ibn|ben|abu|and|&"
_NAME = re.compile(rf"[A-Z][\w'’.-]*(?:,?\s+(?:[A-Z][\w'’.-]*|{_PARTICLE})){{0,5}}")


def is_name(text: str) -> bool:
    """One to six capitalised words, as people's names are written: "Ana de la Cruz", "Tom Ward and Ana Ruiz"."""
    return len(text) <= 50 and bool(_NAME.fullmatch(text)) and not any(ch.isdigit() for ch in text)


# A correspondent's line over an entry: "Ana Ruiz reports from Brussels". Not "Tom Ward in Kyiv": a headline in
# title case reads the same ("Zelensky Meets Biden in Washington").
_DATELINE_BYLINE = re.compile(r"(?:reports?|writes?|reporting|writing)\s+from\s+")


def is_byline(line: str) -> bool:
    """A line that is only people's names ("Ana Ruiz", "Ana Ruiz and Tom Ward"), or names and where they report
    from ("Ana Ruiz reports from Brussels")."""
    if len(line.split()) < 2:
        return False
    if is_name(line):
        return True
    for link in _DATELINE_BYLINE.finditer(line):
        names, place = line[: link.start()].strip(), line[link.end() :].strip()
        if len(names.split()) >= 2 and is_name(names) and is_name(place) and len(place.split()) <= 3:
            return True
    return False


def is_label(line: str) -> bool:
    """One or two words that end no sentence, or one word alone: a section name, a button, a site's name."""
    words = len(line.split())
    return words == 1 or (words == 2 and not is_sentence_end(line))


_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(A-Z0-9])")
# A full stop after these ends an abbreviation, not a sentence: "Dec. 1", "U.S. officials", "Gen. Syrskyi".
_ABBREVIATIONS = {
    "jan",
    "feb",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "gen",
    "lt",
    "col",
    "sgt",
    "rep",
    "sen",
    "gov",
    "u.s",
    "u.k",
    "u.n",
    "vs",
    "a.m",  # "at 9 a.m. Tuesday": the clock's half, not a sentence's end
    "p.m",
    "approx",
}


def sentences(text: str) -> list[str]:
    out, start = [], 0
    for match in _BOUNDARY.finditer(text):
        # Only the word before the full stop decides whether it ends an abbreviation: look no further back.
        before = text[max(start, match.start() - 40) : match.start()].rstrip(".!?")
        word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        if word.lstrip("(\"“‘'") in _ABBREVIATIONS:
            continue
        out.append(text[start : match.start()] + match[0].strip())
        start = match.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def first_sentence(text: str, limit: int = 300) -> str:
    sentence = sentences(text[: limit + 50])[0] if text.strip() else ""
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"
