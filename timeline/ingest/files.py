"""Reading a document's bytes as text, refusing what is not a plain-text document with a reason."""

from __future__ import annotations

import codecs
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class UnreadableDocument(ValueError):
    """A file that cannot be ingested; the message says why, for the person who gave it, and `encoding` names the
    one it is likely in, when another reading would do, for each way in to suggest in its own words."""

    def __init__(self, reason: str, encoding: str | None = None):
        super().__init__(reason)
        self.encoding = encoding


# A byte-order mark names its encoding: UTF-16 and UTF-32 files are full of zero bytes, and are text all the same.
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def check_size(size: int, max_bytes: int) -> None:
    """Refuses a document by its size before its bytes are read."""
    if size > max_bytes:
        raise UnreadableDocument(f"too large: {size:,} bytes, the limit is {max_bytes:,}")


def decode_document(data: bytes, *, max_bytes: int, encoding: str = "utf-8") -> str:
    check_size(len(data), max_bytes)
    if not data.strip():
        raise UnreadableDocument("empty: the file has no text")
    marked = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if marked is None and (b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.1):
        raise UnreadableDocument("binary: this is not a text file")
    try:
        text = data.decode(marked or encoding)
    except UnicodeDecodeError as error:
        raise UnreadableDocument(*_decode_reason(data, error, marked or encoding)) from None
    except LookupError:
        raise UnreadableDocument(f"unknown encoding {encoding!r}") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        at = text.index("\x00")
        raise UnreadableDocument(f"a NUL character at character {at:,}: a text file has none; the file looks damaged")
    return text


def read_document(path: Path, *, max_bytes: int, encoding: str = "utf-8") -> str:
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"cannot be read: {error.strerror or error}") from None
    return decode_document(data, max_bytes=max_bytes, encoding=encoding)


def _control_share(data: bytes) -> float:
    controls = sum(1 for byte in data if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / max(len(data), 1)


def _decode_reason(data: bytes, error: UnicodeDecodeError, encoding: str) -> tuple[str, str | None]:
    """Why the bytes are not text in `encoding`, and the encoding they are likely in, if any."""
    utf8 = encoding.lower().replace("-", "") in ("utf8", "utf8sig")
    if utf8 and error.start >= len(data) - 3 and error.reason.startswith("unexpected end"):
        return "ends in the middle of a character: the file looks half-written", None
    if utf8:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return f"not UTF-8 text (byte {error.start:,} is {data[error.start]:#04x})", None
        return f"not UTF-8: byte {error.start:,} is {data[error.start]:#04x}, which reads as Windows-1252", "cp1252"
    return f"not {encoding} text (byte {error.start:,} is {data[error.start]:#04x})", None
