"""The files kept beside the database (the saved index, the word file): one folder for each database, named after
its epoch (`Revision.epoch`), so that a database flushed or made anew never meets another one's files, and a lock by
which the processes of a machine take turns at the work that one of them does for all."""

from __future__ import annotations

import fcntl
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings


def folder(epoch: uuid.UUID) -> Path:
    return Path(settings.TIMELINE_INDEX_DIR) / str(epoch)


@contextmanager
def turn(epoch: uuid.UUID) -> Iterator[None]:
    """Holds this database's lock, waiting while another process holds it."""
    own = folder(epoch)
    with ExitStack() as held:
        try:
            own.mkdir(parents=True, exist_ok=True)
            lock = held.enter_context(open(own / "lock", "w"))
        except OSError:  # a folder this process may not write: each does the work itself
            lock = None
        if lock is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file closes
        yield
