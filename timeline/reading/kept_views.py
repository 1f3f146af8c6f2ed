"""The reader's views of the timeline kept for every reader who asks for the same while the index they were made
from is in hand, unless `TIMELINE_KEEP_VIEWS` is off.

At a million events a view takes some 50 ms of a core to make, so fifty readers at once on two cores queue for
seconds. Kept in files beside the saved index (Django's file cache, one folder a database), a view is made once for
all the processes holding the same index, which they share (`held`). A kept view shows nothing older than the
index in hand does: once the index is brought up to date, its views are made anew. An editor, who has a session,
always gets a view made for the request.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import zlib

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest, HttpResponse

from timeline.query import beside
from timeline.query.counting import Index
from timeline.query.held import current_epoch

MOST_KEPT = 2000  # views kept at once, about: past it, Django's file cache drops a third of them
# Every this many views a process keeps, it counts the folder's files to see whether some must go: counting them at
# every view, as Django's file cache does, is a listing of thousands of names, a millisecond.
COUNTED_EVERY = 50
# A view of an index no process holds any more is never asked for again; the file cache removes it after this many
# seconds, or sooner when full.
KEPT_AT_MOST_SECONDS = 600
_caches: dict[str, FileBasedCache] = {}  # by folder

logger = logging.getLogger(__name__)


def kept_view(request: HttpRequest, held: Index) -> HttpResponse | None:
    """The view kept for this request from this index, if any: one that cannot be read is made anew."""
    cache = _cache_for(request)
    try:
        return cache.get(_key(request, held)) if cache else None
    except (OSError, EOFError, zlib.error, pickle.UnpicklingError):  # a folder it may not read, a damaged file
        return None


def keep_view(request: HttpRequest, held: Index, response: HttpResponse) -> bool:
    """Keeps the view for the readers who ask for the same, when it may be: a reader gets it all the same when it
    cannot be kept (a folder the process may not write, a full disk). Whether it was."""
    cache = _cache_for(request)
    if not cache or response.status_code != 200 or response.cookies:  # a cookie is the reader's own
        return False
    try:
        cache.set(_key(request, held), response)
    except OSError:
        logger.warning("a view cannot be kept", exc_info=True)
        return False
    return True


def _cache_for(request: HttpRequest) -> FileBasedCache | None:
    """The cache of the views of the database the index in hand was read from, unless none are kept or this request
    may not share one."""
    epoch = current_epoch()
    if not settings.TIMELINE_KEEP_VIEWS or epoch is None or request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    folder = str(beside.folder(epoch) / "views")
    if folder not in _caches:
        _caches.clear()  # another database's
        options = {"TIMEOUT": KEPT_AT_MOST_SECONDS, "OPTIONS": {"MAX_ENTRIES": MOST_KEPT}}
        try:
            _caches[folder] = ViewFiles(folder, options)  # which makes the folder
        except OSError:
            logger.warning("views cannot be kept in %s", folder, exc_info=True)
            return None
    return _caches[folder]


def _key(request: HttpRequest, held: Index) -> str:
    """The index's revision, the whole address (the embed code a view offers names its scheme and host), and which
    kind of htmx request it is: each is answered with a different part."""
    htmx = request.htmx
    kind = "page" if not htmx else "history" if htmx.history_restore_request else "htmx"
    return hashlib.sha256(f"{held.revision} {kind} {request.build_absolute_uri()}".encode()).hexdigest()


class ViewFiles(FileBasedCache):
    """Django's file cache, cheaper to write to: a view, some 140 KB of HTML, is compressed at zlib's fastest level,
    a millisecond where its default took five for a file a seventh larger, and the files are counted now and then."""

    def __init__(self, folder: str, params: dict):
        super().__init__(folder, params)
        self._writes = 0

    def _write_content(self, file, timeout, value) -> None:
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))

    def _cull(self) -> None:
        self._writes += 1
        if self._writes % COUNTED_EVERY == 1:
            super()._cull()
