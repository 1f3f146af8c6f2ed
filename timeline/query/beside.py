"""The files kept beside the database (the saved index, the word file): one folder for each database, named after
its epoch (`Revision.epoch`), so that a database flushed or made anew never meets another one's files, and locks by
which the processes of a machine take turns at the work that one of them does for all."""

from __future__ import annotations

import errno
import fcntl
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings


def folder(epoch: uuid.UUID) -> Path:
    return Path(settings.TIMELINE_INDEX_DIR) / str(epoch)


def saved(epoch: uuid.UUID, revision: int) -> Path:
    """The folder of the index saved at this revision (`saved_index`)."""
    return folder(epoch) / f"r{revision}"


def age(path: Path) -> float:
    """Seconds since it last changed; none for one removed meanwhile."""
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def turn(epoch: uuid.UUID, work: str = "index", wait: bool = True) -> Iterator[bool]:
    """Holds this database's lock for one kind of work, waiting while another process holds it; without `wait`,
    gives False at once when another does. A lock the system refuses (a folder this process may not write, a
    network file system) is no reason to stop: each process then does the work itself."""
    own = folder(epoch)
    with ExitStack() as held:
        try:
            own.mkdir(parents=True, exist_ok=True)
            os.utime(own)  # in use: see `saved_index.FORGOTTEN_AFTER`
            lock = held.enter_context(open(own / f"{work}.lock", "w"))
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)  # let go when it closes
        except OSError as refused:
            if refused.errno in (errno.EAGAIN, errno.EACCES) and not wait:  # another process has it
                yield False
                return
        yield True
