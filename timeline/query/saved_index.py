"""The counts' index saved in files beside the database: a process that starts maps the arrays another one read, and
brings them up to date with the documents changed since, instead of reading a million rows itself. The processes
of one machine then share those pages.

Each saved index is a folder of numpy arrays named after the revision it shows, in the database's folder
(`beside`). A folder is written under a passing name and renamed when whole: a reader never sees one half written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from django.conf import settings

from . import beside
from .counting import TAG_KINDS, Index, Labels, Links

FORMAT = 3  # of the files: one saved in another is read whole again instead
LINKS_PARTS = ("tags", "bounds", "rows")  # the arrays of a kind's links, in the order `Links` takes them
# Another database's folder (a flushed one's) is removed once no process has started with it for this long, in
# seconds (`beside.turn` marks it used).
FORGOTTEN_AFTER = 7 * 24 * 3600


def load(epoch: uuid.UUID, revision: int, after: int = -1) -> Index | None:
    """The newest index saved for this database no later than `revision`, its arrays mapped, not read; None when
    there is none after `after`, or it cannot be read. It counts as read when it was saved, in as long as reading
    it took the process that saved it, and rests as long as that one's (`Index.rest`)."""
    saved = [number for number in _revisions(epoch) if after < number <= revision]
    if not saved:
        return None
    newest = beside.saved(epoch, max(saved))
    try:
        return _index_from(newest, max(saved))
    except (OSError, EOFError, ValueError, KeyError):  # removed meanwhile, cut short, or another version's
        shutil.rmtree(newest, ignore_errors=True)
        return None


def keep(index: Index, epoch: uuid.UUID | None) -> None:
    """Saves an index slow to read whole for the other processes and those that start after, unless one as new is
    saved."""
    if epoch is None or not index.slow_to_read:
        return
    saved = _revisions(epoch)
    if saved and max(saved) >= index.revision:
        return
    _save(index, epoch)
    _forget_others(epoch, index.revision)


def _index_from(folder: Path, revision: int) -> Index:
    def array(name: str) -> np.ndarray:
        return np.load(folder / f"{name}.npy", mmap_mode="r")

    def labels(name: str) -> Labels:
        return Labels(array(f"{name}.ids"), array(f"{name}.numbers"))

    about = json.loads((folder / "index.json").read_text())
    if about["format"] != FORMAT:
        raise ValueError(f"saved in format {about['format']}, not {FORMAT}")
    links = {kind: Links(*(array(f"{kind}.{part}") for part in LINKS_PARTS)) for kind in TAG_KINDS}
    arrays = [array(name) for name in ("ids", "keys", "newest", "oldest")]
    read_at = time.monotonic() - beside.age(folder)
    read_seconds, whole_read_seconds = about["read_seconds"], about["whole_read_seconds"]
    return Index(revision, *arrays, labels("days"), labels("sources"), links, read_at, read_seconds, whole_read_seconds)


def _save(index: Index, epoch: uuid.UUID) -> None:
    arrays = {"ids": index.ids, "keys": index.keys, "newest": index.newest, "oldest": index.oldest}
    for name, labels in (("days", index.days), ("sources", index.sources)):
        arrays |= {f"{name}.ids": labels.ids, f"{name}.numbers": labels.numbers}
    for kind, links in index.links.items():
        arrays |= {f"{kind}.{part}": getattr(links, part) for part in LINKS_PARTS}
    parent = beside.folder(epoch)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        passing = Path(tempfile.mkdtemp(prefix=".writing-", dir=parent))
    except OSError:  # a folder this process may not write: it keeps the index to itself
        return
    try:
        for name, array in arrays.items():
            with open(passing / f"{name}.npy", "wb") as file:
                np.save(file, array)
                os.fsync(file.fileno())  # on disk before the name says whole, should the machine stop
        about = {"format": FORMAT, "read_seconds": index.read_seconds, "whole_read_seconds": index.whole_read_seconds}
        (passing / "index.json").write_text(json.dumps(about))
        passing.rename(beside.saved(epoch, index.revision))
    except OSError:  # another process saved the same revision first, or the disk is full: the index is in hand
        shutil.rmtree(passing, ignore_errors=True)


def _forget_others(epoch: uuid.UUID, revision: int) -> None:
    """Removes this database's older saved indexes; and, long unused, other databases' and what a process that
    stopped while writing left."""
    for number in _revisions(epoch):
        if number < revision:
            shutil.rmtree(beside.saved(epoch, number), ignore_errors=True)
    others = [*Path(settings.TIMELINE_INDEX_DIR).glob("*"), *beside.folder(epoch).glob(".writing-*")]
    for other in others:
        if other != beside.folder(epoch) and beside.age(other) > FORGOTTEN_AFTER:
            shutil.rmtree(other, ignore_errors=True)


def _revisions(epoch: uuid.UUID) -> list[int]:
    """The revisions saved whole for this database."""
    own = beside.folder(epoch)
    names = os.listdir(own) if own.is_dir() else []
    return [int(name[1:]) for name in names if name.startswith("r") and name[1:].isdigit()]
