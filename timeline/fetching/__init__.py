"""Web pages fetched by address, with the limits a server that takes addresses from people needs.

    fetch_page(url, limits, etag=..., last_modified=...) -> Fetched      raises FetchFailed with a reason

Only http and https; no host that resolves to a loopback, private, link-local or otherwise reserved network,
unless the limits name it (a newsroom's intranet host; "*" for any); redirects followed a few times, each hop
checked the same way; an answer must be a web page or plain text, no bigger than a document may be, and arrive
within a deadline. A conditional request (ETag, Last-Modified) that the site answers "not modified" returns no text.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from timeline.ingest.files import UnreadableDocument, decode_document

USER_AGENT = "conflict-timeline/1 (live-blog reader)"
ACCEPTED_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


class FetchFailed(Exception):
    """A page that could not be fetched; the message says why, in words for the person who gave its address."""

    def __init__(self, reason: str, *, status: int | None = None, slow: bool = False):
        super().__init__(reason)
        self.status = status
        self.slow = slow  # the site did not answer in time: a follower should wait longer before asking again


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    timeout: float = 10.0  # seconds for the whole answer, redirects included
    max_redirects: int = 5
    private_hosts: frozenset[str] = frozenset()  # hosts that may be on private networks; "*" for any


@dataclass(frozen=True)
class Fetched:
    url: str  # where the page was found, after redirects
    text: str | None  # None: not modified since the ETag or Last-Modified given
    etag: str = ""
    last_modified: str = ""
    seconds: float = 0.0


def fetch_limits() -> Limits:
    """The limits the settings give: a fetched page may be as large as a document and no larger."""
    return Limits(
        max_bytes=settings.TIMELINE_MAX_DOCUMENT_BYTES,
        timeout=settings.TIMELINE_FETCH_TIMEOUT,
        private_hosts=frozenset(settings.TIMELINE_FETCH_PRIVATE_HOSTS),
    )


def is_address(text: str) -> bool:
    return bool(re.match(r"https?://", text, re.I))


# A document's name is at most this long; a longer address keeps its start and a digest of the whole.
NAME_CHARS = 255


def name_for_address(url: str) -> str:
    """A page's document name: its address without the scheme ("news.example.org/live/harbour")."""
    name = re.sub(r"^https?://", "", url, flags=re.I).rstrip("/")
    if len(name) <= NAME_CHARS:
        return name
    return f"{name[: NAME_CHARS - 13]}…{hashlib.sha256(url.encode()).hexdigest()[:12]}"


def fetch_page(
    url: str, limits: Limits, *, etag: str = "", last_modified: str = "", transport: httpx.BaseTransport | None = None
) -> Fetched:
    started = time.monotonic()
    deadline = started + limits.timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, text/plain;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with httpx.Client(transport=transport, headers=headers, follow_redirects=False) as client:
        for _ in range(limits.max_redirects + 1):
            check_address(url, limits.private_hosts)
            answer = _exchange(client, url, limits, deadline, started)
            if isinstance(answer, Fetched):
                return answer
            url = answer
    raise FetchFailed(f"more than {limits.max_redirects} redirects: the address leads round in circles")


def check_address(url: str, private_hosts: frozenset[str] | None = None) -> None:
    """Refuses an address that is not http(s), or whose host is, or resolves to, a network not open to all, unless
    `private_hosts` (by default the settings') names it. (A name could resolve differently a moment later; the check
    guards against addresses typed or redirected to.)"""
    if private_hosts is None:
        private_hosts = fetch_limits().private_hosts
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchFailed(f"“{url}” is not a web address (http:// or https://)")
    if not parts.hostname:
        raise FetchFailed(f"“{url}” names no host")
    if "*" in private_hosts or parts.hostname in private_hosts:
        return
    for address in _addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)):
        if not address.is_global or address.is_multicast:
            raise FetchFailed(
                f"{parts.hostname} is a private or local address ({address}): fetching it is not allowed "
                "(the setting TIMELINE_FETCH_PRIVATE_HOSTS can allow it)"
            )


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"no such host {host} ({error})") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]


def _exchange(client: httpx.Client, url: str, limits: Limits, deadline: float, started: float) -> Fetched | str:
    """One request: the page, or the address a redirect leads to."""
    remaining = max(deadline - time.monotonic(), 0.1)
    try:
        with client.stream("GET", url, timeout=httpx.Timeout(remaining)) as response:
            if response.status_code in REDIRECT_STATUSES and response.headers.get("location"):
                return urljoin(url, response.headers["location"])
            return _read(response, url, limits, deadline, started)
    except httpx.TimeoutException:
        raise FetchFailed(f"too slow: no answer within {limits.timeout:g} s", slow=True) from None
    except httpx.InvalidURL as error:
        raise FetchFailed(f"“{url}” is not a valid address ({error})") from None
    except httpx.HTTPError as error:
        raise FetchFailed(f"cannot reach {urlsplit(url).hostname}: {error or type(error).__name__}") from None


def _read(response: httpx.Response, url: str, limits: Limits, deadline: float, started: float) -> Fetched:
    validators = {"etag": response.headers.get("etag", ""), "last_modified": response.headers.get("last-modified", "")}
    if response.status_code == 304:
        return Fetched(url, None, seconds=time.monotonic() - started, **validators)
    if response.status_code >= 400:
        raise FetchFailed(
            f"the site answered {response.status_code} {response.reason_phrase}", status=response.status_code
        )
    if response.status_code != 200:
        raise FetchFailed(f"the site answered {response.status_code} {response.reason_phrase}, not a page")
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise FetchFailed(f"not a web page: the site sent {media_type}")
    declared = int(response.headers.get("content-length") or 0)
    if declared > limits.max_bytes:
        raise FetchFailed(f"too large: {declared:,} bytes, the limit is {limits.max_bytes:,}")
    body = _body(response, limits, deadline)
    try:
        text = decode_document(body, max_bytes=limits.max_bytes, encoding=_charset(response, body))
    except UnreadableDocument as error:
        raise FetchFailed(f"the page cannot be read: {error}") from None
    return Fetched(url, text, seconds=time.monotonic() - started, **validators)


def _body(response: httpx.Response, limits: Limits, deadline: float) -> bytes:
    """The answer's bytes, refused as soon as there are too many or the deadline passes: a site that sends a
    byte a second never trips a read timeout."""
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchFailed(f"too large: more than {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchFailed(f"too slow: the page did not arrive within {limits.timeout:g} s", slow=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _charset(response: httpx.Response, body: bytes) -> str:
    """The encoding the answer names: its header's, else its page's `<meta charset>`, else UTF-8."""
    header = response.headers.get("content-type", "")
    match = re.search(r"charset=([\w-]+)", header, re.I) or CHARSET.search(body[:4096])
    name = match.group(1) if match else "utf-8"
    return name.decode("ascii") if isinstance(name, bytes) else name
