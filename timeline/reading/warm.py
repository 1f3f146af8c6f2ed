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

from .views import timeline_view

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Makes the front page once, as a reader's first request would, and keeps it for no one. A database that does
    not answer yet is no reason not to start: the first request then does the work, and `/healthz` says what is
    wrong."""
    started = time.monotonic()
    try:
        request = RequestFactory().get("/", HTTP_HOST=_a_served_host())
        request.htmx = HtmxDetails(request)
        timeline_view(request, current_index())
    except Exception:  # whatever the page meets, the process must still start
        logger.exception("warm-up: the front page could not be made; the first request will make it")
    else:
        logger.info("warm-up: front page made in %.0f ms", (time.monotonic() - started) * 1000)
    finally:
        connection.close()  # the process's requests open their own


def _a_served_host() -> str:
    """A host name the settings allow: the page names its own address."""
    named = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
    return named[0] if named else "localhost"
