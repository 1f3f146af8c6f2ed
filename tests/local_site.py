"""A web site on this machine whose pages a test sets and changes: it answers as it is told, with conditional
requests (ETag, Last-Modified) honoured, and counts what it was asked."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before each of the body's chunks
    chunks: int = 1
    conditional: bool = True  # answers 304 when the client already has this body


class LocalSite:
    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def serve(self, path: str, body: str | bytes = b"", **answer) -> None:
        self.answers[path] = Answer(body.encode() if isinstance(body, str) else body, **answer)

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 -- the name http.server calls
                site.requests.append((self.path, dict(self.headers)))
                answer = site.answers.get(self.path, Answer(b"not here", status=404, content_type="text/plain"))
                etag = f'"{hashlib.sha256(answer.body).hexdigest()[:16]}"'
                if answer.conditional and answer.status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                if answer.status == 200:
                    self.send_header("ETag", etag)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                size = max(1, -(-len(answer.body) // answer.chunks))
                for start in range(0, len(answer.body), size):
                    time.sleep(answer.delay)
                    try:
                        self.wfile.write(answer.body[start : start + size])
                        self.wfile.flush()
                    except (BrokenPipeError, ConnectionResetError):
                        return

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
