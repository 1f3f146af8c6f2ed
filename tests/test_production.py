"""Production: the deploy checks pass, the app runs under gunicorn, static files come compressed and hashed."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

from timeline.settings import ROOT_DIR

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "timeline.example.org,127.0.0.1",
}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **env},
        cwd=ROOT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_checks_find_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_turning_https_off_is_what_the_deploy_checks_then_warn_about():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "DJANGO_HTTPS": "0"})
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_health_check_answers_ok_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_without_the_database(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database unavailable" in response.content
    assert b"gone" not in response.content


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextlib.contextmanager
def serving(env: dict) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn with these settings on a free port, until the block ends; its stderr is the process's to read."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "timeline.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env={**os.environ, **env},
        cwd=ROOT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn did not start: {server.stderr.read()}")
                time.sleep(0.1)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app under gunicorn with production settings behind a TLS proxy, as the README starts it."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        **PRODUCTION,
        "DJANGO_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    for step in (("migrate", "--no-input"), ("collectstatic", "--no-input")):
        result = manage(*step, env=env)
        assert result.returncode == 0, result.stderr
    with serving(env) as (base, _):
        yield base, folder / "static"


BEHIND_TLS = {"X-Forwarded-Proto": "https", "Host": "timeline.example.org"}


def test_gunicorn_serves_the_timeline_over_the_proxys_https(gunicorn):
    base, _ = gunicorn
    status, headers, body = fetch(f"{base}/", BEHIND_TLS)
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert b"The conflict, day by day" in body


def test_plain_http_is_sent_to_https_except_the_health_check(gunicorn):
    base, _ = gunicorn
    status, headers, _ = fetch(f"{base}/", {"Host": "timeline.example.org"})
    assert status == 301
    assert headers["Location"] == "https://timeline.example.org/"
    assert fetch(f"{base}/healthz", {"Host": "timeline.example.org"})[:1] == (200,)


def test_static_files_come_hashed_compressed_and_cached_for_good(gunicorn):
    base, static_root = gunicorn
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["reading/app.css"]
    assert hashed != "reading/app.css"
    _, _, page = fetch(f"{base}/", BEHIND_TLS)
    assert f"/static/{hashed}".encode() in page
    status, headers, body = fetch(f"{base}/static/{hashed}", {**BEHIND_TLS, "Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert gzip.decompress(body) == (static_root / hashed).read_bytes()
    _, headers, _ = fetch(f"{base}/static/{hashed}", {**BEHIND_TLS, "Accept-Encoding": "br, gzip"})
    assert headers["Content-Encoding"] == "br"


def test_a_failure_in_production_reaches_stderr_with_the_id_the_reader_sees(tmp_path):
    env = {
        **PRODUCTION,
        "DJANGO_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'no such folder' / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    assert manage("collectstatic", "--no-input", env=env).returncode == 0
    with serving(env) as (base, server):
        status, headers, body = fetch(f"{base}/", BEHIND_TLS)
        traced = "proxy-trace-0001"
        health = fetch(f"{base}/healthz", {**BEHIND_TLS, "X-Request-ID": traced})
        forged = fetch(f"{base}/healthz", {**BEHIND_TLS, "X-Request-ID": "evil\tline forged=1"})
        missing = fetch(f"{base}/no-such-page", BEHIND_TLS)
        server.terminate()
        log = server.stderr.read()
    assert status == 500
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    page = body.decode()
    assert "Something went wrong on our side" in page and request_id in page
    assert "Traceback" not in page and "OperationalError" not in page
    failure = re.search(rf"^\S+ ERROR request={request_id} django\.request: Internal Server Error: /$", log, re.M)
    assert failure, log
    assert "OperationalError: unable to open database file" in log[failure.end() :]
    assert health[0] == 503 and health[1]["X-Request-ID"] == traced
    health_logged = rf"ERROR request={traced} timeline\.operations\.health: health check: the database did not answer"
    assert re.search(health_logged, log)
    assert forged[1]["X-Request-ID"] != "evil\tline forged=1" and "forged=1" not in log
    not_found = rf"WARNING request={missing[1]['X-Request-ID']} django\.request: Not Found: /no-such-page"
    assert missing[0] == 404 and re.search(not_found, log)
