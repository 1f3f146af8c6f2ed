"""The words of every event in SQLite's full-text engine (FTS5), in a file beside a large PostgreSQL database.

PostgreSQL finds a common word's events through its GIN index, but then visits a table page for each match to see
whether that row is current: at a million events, 175,000 matches cost 82,000 pages and half a second. FTS5 keeps
each word's events as a list of ids, which it reads without a page a row: the same search takes 30-40 ms. The file
holds each event's headline, body and document, tokenized as the SQLite deployments' own index does, and follows
the database through its changes as the in-memory index does (`Change`): only the documents whose texts changed
are written again. A search finds its events here once the file has caught up with the index that asks, else in
PostgreSQL.

One file per database, in its folder beside the saved indexes (`beside`). One process at a time writes it, under
the database's "words" lock; a file built whole gets a new name, the revision it was built at.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from timeline.models import Change, Event, fts_match

from . import beside

SCHEMA = [
    "CREATE TABLE about (revision INTEGER NOT NULL)",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, document INTEGER NOT NULL)",
    "CREATE INDEX events_of_document ON events (document)",
    # Ids only (detail none): a search asks which events hold every word, never where in them.
    "CREATE VIRTUAL TABLE words USING fts5(headline, body, tokenize='unicode61 remove_diacritics 2', detail='none')",
]
BATCH = 5000  # events read and written at a time when the file is built whole
WRITE_WAIT_SECONDS = 60  # for the searches under way when the file is written
# A search waits no longer than this for the file, then asks the database.
SEARCH_WAIT_SECONDS = 0.05
LEFT_AFTER = 3600  # seconds after which a file half built was left by a process that stopped
# Beyond this many changed documents the file is built whole, as the in-memory index is read whole.
REWRITTEN_AT_MOST = 500
PLAIN_WORD = re.compile(r"[a-z0-9]+")  # read by the tokenizer as the one word it is
MOST_SPELLED_OUT = 16  # words a beginning is spelled out as; past them, FTS5 gathers them itself


def searched(epoch: uuid.UUID, revision: int, words: str) -> str | None:
    """The ids of the events with every word, as a word or its beginning, joined with commas; None when the file has
    not caught up with `revision` (or there is none, or it is busy), and the database must be asked."""
    path = _newest(epoch)
    if path is None:
        return None
    try:
        with _connected(path, SEARCH_WAIT_SECONDS, "ro") as words_file:
            if _written(words_file) < revision:
                return None
            sql = "SELECT group_concat(rowid) FROM words WHERE words MATCH ?"
            (found,) = words_file.execute(sql, [_match(words_file, words.split())]).fetchone()
    except sqlite3.Error:  # removed meanwhile, or busy: the database answers this once
        return None
    return found or ""


def _match(words_file: sqlite3.Connection, terms: list[str]) -> str:
    """The FTS5 query for every term, as a word or its beginning. A plain term's beginning is spelled out as the words
    the file holds that begin so, joined by OR, which FTS5 answers in half the time of a prefix query, since that one
    gathers the words' lists into one first: a word in 450,000 of a million events takes 31 ms, and 7 to find the
    words, against 70. A term the tokenizer might read otherwise than as one plain word is left a prefix query."""
    parts = []
    for term in terms:
        spelled = _words_beginning(words_file, term.lower()) if term.isascii() else None
        parts.append("(" + " OR ".join(f'"{word}"' for word in spelled) + ")" if spelled else fts_match([term]))
    return " AND ".join(parts)


def _words_beginning(words_file: sqlite3.Connection, beginning: str) -> list[str] | None:
    """The words the file holds that begin so; None for a beginning that is not one plain word, or that begins more
    than `MOST_SPELLED_OUT` words."""
    if not PLAIN_WORD.fullmatch(beginning):
        return None
    words_file.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, words, row)")
    after = beginning[:-1] + chr(ord(beginning[-1]) + 1)  # the first text past every word that begins so
    sql = "SELECT term FROM temp.vocabulary WHERE term >= ? AND term < ? LIMIT ?"
    words = [word for (word,) in words_file.execute(sql, [beginning, after, MOST_SPELLED_OUT + 1])]
    return words if len(words) <= MOST_SPELLED_OUT else None


def follow(epoch: uuid.UUID, revision: int) -> None:
    """Brings the file up to `revision`: the documents whose texts changed since written again, or everything. One
    process at a time: another that finds one at it leaves it be, and tries again at its next update."""
    with beside.turn(epoch, "words", wait=False) as ours:
        if ours and not _caught_up(epoch, revision):
            _build(beside.folder(epoch), revision)


def _caught_up(epoch: uuid.UUID, revision: int) -> bool:
    """Whether the newest file is at `revision`, or got there by writing again the documents whose texts changed;
    False when there is none, it is damaged, or the changes since it are not all known."""
    path = _newest(epoch)
    if path is None:
        return False
    try:
        with _connected(path, WRITE_WAIT_SECONDS, "rw") as words_file:
            written = _written(words_file)
            if written >= revision:
                return True
            changes = Change.since(written, revision, texts=True)
            if changes is None or len(changes.documents) > REWRITTEN_AT_MOST:
                return False
            documents = changes.documents
            rows = list(_rows(Event.objects.filter(document_id__in=documents))) if documents else []
            words_file.execute("BEGIN IMMEDIATE")  # the database read first: the file is held for the writing only
            _rewrite(words_file, documents, rows)
            words_file.execute("UPDATE about SET revision = ?", [revision])
            words_file.execute("COMMIT")
            return True
    except sqlite3.OperationalError as error:
        return "locked" in str(error)  # busy, not damaged: written at the next update
    except sqlite3.Error:  # damaged: built anew
        return False


def _written(words_file: sqlite3.Connection) -> int:
    """The revision the file shows."""
    return words_file.execute("SELECT revision FROM about").fetchone()[0]


def _rewrite(words_file: sqlite3.Connection, documents: set[int], rows: list[tuple]) -> None:
    """Puts these documents' events' fresh rows in place of the ones they had."""
    marks = ",".join("?" * len(documents))
    chosen = sorted(documents)
    words_file.execute(f"DELETE FROM words WHERE rowid IN (SELECT id FROM events WHERE document IN ({marks}))", chosen)
    words_file.execute(f"DELETE FROM events WHERE document IN ({marks})", chosen)
    _insert(words_file, rows)


def _build(folder: Path, revision: int) -> None:
    """Writes every event's words to a file of its own, named after the revision, then removes the older ones. A
    new name, never an old one replaced: a process with the old file open, or its log, is left alone."""
    for left in folder.glob(".words-*"):  # by a process that stopped while building
        if beside.age(left) > LEFT_AFTER:
            left.unlink(missing_ok=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, passing = tempfile.mkstemp(prefix=".words-", dir=folder)
    except OSError:  # a folder this process may not write: the database answers every search
        return
    os.close(handle)
    try:
        with _connected(Path(passing), WRITE_WAIT_SECONDS, "rw") as words_file:
            # Searches read while a process writes the documents changed; the file is never replaced, so its log
            # beside it never meets another file's.
            words_file.execute("PRAGMA journal_mode=WAL")
            words_file.execute("BEGIN")
            for statement in SCHEMA:
                words_file.execute(statement)
            words_file.execute("INSERT INTO about (revision) VALUES (?)", [revision])
            rows = _rows(Event.objects.all())
            while batch := list(itertools.islice(rows, BATCH)):
                _insert(words_file, batch)
            words_file.execute("INSERT INTO words (words) VALUES ('optimize')")  # one list a word: faster reads
            words_file.execute("COMMIT")
        os.rename(passing, folder / f"words-{revision}.sqlite3")
        for older in _files(folder)[:-1]:
            for part in ("", "-wal", "-shm"):
                Path(f"{older}{part}").unlink(missing_ok=True)
    except (OSError, sqlite3.Error):  # the disk full, say: the database answers every search
        pass
    finally:
        if os.path.exists(passing):
            os.remove(passing)


def _rows(events) -> Iterator[tuple]:
    """Each event's id, document, headline and body, read in batches."""
    return events.order_by().values_list("id", "document_id", "headline", "body").iterator(chunk_size=BATCH)


def _insert(words_file: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    rows = list(rows)
    words_file.executemany("INSERT INTO events (id, document) VALUES (?, ?)", [row[:2] for row in rows])
    words_file.executemany(
        "INSERT INTO words (rowid, headline, body) VALUES (?, ?, ?)", [(row[0], *row[2:]) for row in rows]
    )


@contextmanager
def _connected(path: Path, wait: float, mode: str) -> Iterator[sqlite3.Connection]:
    """The file, read-only ("ro") or not ("rw"), never made anew where it is gone; closed when done, an open
    transaction rolled back then. Transactions are as written here, not as the module would guess them."""
    words_file = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=wait, isolation_level=None)
    try:
        yield words_file
    finally:
        words_file.close()


def _newest(epoch: uuid.UUID) -> Path | None:
    files = _files(beside.folder(epoch))
    return files[-1] if files else None


def _files(folder: Path) -> list[Path]:
    """The word files built whole, the newest last."""
    numbered = [(path.stem.removeprefix("words-"), path) for path in folder.glob("words-*.sqlite3")]
    return [path for number, path in sorted((int(n), p) for n, p in numbered if n.isdigit())]
