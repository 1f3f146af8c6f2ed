"""A web process made ready before it takes requests: the first readers a worker serves after a start or a restart
then wait for nothing that it reads once (the timeline's index, the gazetteer, the templates, the map's shapes)."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from timeline.query.held import current_index

from .shown import MOST_KEPT, shown_events
from .views import timeline_view

# The newest events are made too, as most views list some of them: half as many as a process keeps.
NEWEST_MADE = MOST_KEPT // 2

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Makes the front page once, as a reader's first request would, and keeps it for no one; and the newest events
    as the timeline lists them, which the first views of a busy start would otherwise each read. A database that
    does not answer yet is no reason not to start: the first request then does the work, and `/healthz` says what
    is wrong."""
    started = time.monotonic()
    try:
        request = RequestFactory().get("/", HTTP_HOST=_a_served_host())
        request.htmx = HtmxDetails(request)
        index = current_index()
        timeline_view(request, index)
        shown_events(index, index.page(index.everything, None, NEWEST_MADE, oldest_first=False))
    except Exception:  # whatever the page meets, the process must still start
        logger.exception("warm-up: the front page could not be made; the first request will make it")
    else:
        took = (time.monotonic() - started) * 1000
        logger.info("warm-up: front page and the %d newest events made in %.0f ms", NEWEST_MADE, took)
    finally:
        connection.close()  # the process's requests open their own


def _a_served_host() -> str:
    """A host name the settings allow: the page names its own address."""
    named = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
    return named[0] if named else "localhost"
