"""The reader's views of the timeline kept a few seconds for every reader who asks for the same, when
`TIMELINE_VIEW_CACHE_SECONDS` says so.

At a million events a view takes some 50 ms of a core to make, so fifty readers at once on two cores queue for
seconds. Kept in files beside the saved index (Django's file cache, one folder a database), a view is made once for
all the processes in that time. A reader then sees a change that much later; an editor, who has a session, always
gets a view made for the request.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest, HttpResponse

from timeline.query import beside
from timeline.query.held import current_epoch

MOST_KEPT = 5000  # views kept at once: past it, Django's file cache drops a third of them
_caches: dict[tuple[uuid.UUID, float], FileBasedCache] = {}


def kept_view(request: HttpRequest) -> HttpResponse | None:
    """The view kept for this request, if any."""
    cache = _cache_for(request)
    return cache.get(_key(request)) if cache else None


def keep_view(request: HttpRequest, response: HttpResponse) -> None:
    cache = _cache_for(request)
    if cache and response.status_code == 200:
        cache.set(_key(request), response)


def _cache_for(request: HttpRequest) -> FileBasedCache | None:
    """The cache of the views of the database the index in hand was read from, unless none are kept or this request
    may not share one. A kept view is served without asking the database anything, its revision included: a
    database made anew is seen once the views kept from the old one have expired."""
    seconds, epoch = settings.TIMELINE_VIEW_CACHE_SECONDS, current_epoch()
    if seconds <= 0 or epoch is None or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if (epoch, seconds) not in _caches:
        _caches.clear()  # another database's, or another lifetime
        folder = str(beside.folder(epoch) / "views")
        _caches[epoch, seconds] = FileBasedCache(folder, {"TIMEOUT": seconds, "OPTIONS": {"MAX_ENTRIES": MOST_KEPT}})
    return _caches[epoch, seconds]


def _key(request: HttpRequest) -> str:
    """The address with its query, and which kind of htmx request it is: each is answered with a different part."""
    htmx = request.htmx
    kind = "page" if not htmx else "history" if htmx.history_restore_request else "htmx"
    return hashlib.sha256(f"{kind} {request.get_full_path()}".encode()).hexdigest()
