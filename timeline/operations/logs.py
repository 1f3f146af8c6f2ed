"""Every log line names the request it came from, so one failure can be followed from the reader's report to its trace.

Each request gets an id: the one a trusted proxy sent in `X-Request-ID` when it looks like an id, else a new one.
It goes back in the response's `X-Request-ID`, onto every log line written while the request runs, and onto the
error page, so a reader who quotes it leads straight to the traceback.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

HEADER = "X-Request-ID"
OUTSIDE_A_REQUEST = "-"
_PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
_current: ContextVar[str] = ContextVar("request_id", default=OUTSIDE_A_REQUEST)


def current_request_id() -> str:
    return _current.get()


def _request_id_for(request: HttpRequest) -> str:
    """The proxy's id when it could only be an id (it ends up in log lines, so nothing else gets through)."""
    offered = request.headers.get(HEADER, "")
    return offered if _PLAUSIBLE_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = _request_id_for(request)
        token = _current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Lets every record through, carrying the id of the request being served ("-" outside one).

    Django logs a 4xx answer after the middleware has returned it, naming the request on the record itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or _current.get()
        return True


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the reference that finds this failure in the log."""
    # No context processors: what failed may be one of them. The page needs only the timeline's name.
    context = {"request_id": getattr(request, "id", ""), "site": {"title": settings.TIMELINE_TITLE}}
    page = loader.get_template("500.html").render(context)
    return HttpResponseServerError(page)
