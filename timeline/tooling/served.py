"""The app as a newsroom runs it, for the benchmarks: gunicorn with production settings on a free local port, readers
asking it all at once, and documents ingested meanwhile."""

from __future__ import annotations

import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.utils import timezone

from timeline.models import IngestJob
from timeline.store.jobs import queue

from .ingest_corpus import synthetic_corpus

STARTUP_SECONDS = 60
THINK_SECONDS = (0.2, 1.0)  # a reader's pause between requests, as in the load test
INGEST_BYTES = 100_000  # a round of documents queued while the readers ask
INGESTED_PREFIX = "meanwhile-"  # their sources' beginning


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    environment: dict[str, str]

    def workers_memory(self) -> list[float]:
        """Each worker's resident memory, in MB."""
        return [resident_megabytes(pid) for pid in children_of(self.process.pid)]


@dataclass
class Answer:
    seconds: float
    status: int  # 0 when no answer came
    asked_at: float = 0.0  # by the monotonic clock


@dataclass
class Ingested:
    rounds: int = 0
    queued: int = 0
    documents: int = 0
    bytes: int = 0
    shown_after: list[float] = field(default_factory=list)  # seconds from each document stored to readers seeing it
    failures: list[str] = field(default_factory=list)


@contextmanager
def production_server(workers: int) -> Iterator[Server]:
    """gunicorn serving this database with production settings (static files collected, plain HTTP), until the
    block ends."""
    with tempfile.TemporaryDirectory() as work:
        port = free_port()
        environment = os.environ | {
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_STATIC_ROOT": str(Path(work) / "static"),
            "DATABASE_URL": database_url(),
        }
        manage(environment, "collectstatic", "--no-input", "-v0")
        command = [sys.executable, "-m", "gunicorn", "timeline.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(workers), "--error-logfile", str(Path(work) / "gunicorn.log")]
        process = subprocess.Popen(command, env=environment, cwd=settings.BASE_DIR)
        server = Server(f"http://127.0.0.1:{port}", process, environment)
        try:
            wait_until_healthy(server)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)


def database_url() -> str:
    """The address of the database this process uses, for the server to use the same one."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{settings.DATABASES['default']['NAME']}"


def manage(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit {server.process.returncode})")
        if ask(server.url + "/healthz").status == 200:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s")


def ask(url: str) -> Answer:
    """One request as htmx makes it; a refusal or a dropped connection is status 0, never an exception."""
    request = urllib.request.Request(url, headers={"HX-Request": "true"})
    asked_at, start = time.monotonic(), time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (OSError, urllib.error.URLError):
        status = 0
    return Answer(time.perf_counter() - start, status, asked_at)


def address(server: Server, path: str, params: dict) -> str:
    return f"{server.url}{path}?{urlencode(params, doseq=True)}" if params else server.url + path


def readers(server: Server, requests: list[tuple[str, dict]], clients: int, seconds: float) -> list[Answer]:
    """`clients` readers at once for `seconds`, each asking the requests in its own random order, pausing a moment
    between them as a reader does."""
    answers: list[Answer] = []
    deadline = time.monotonic() + seconds
    urls = [address(server, path, params) for path, params in requests]

    def reader(number: int) -> None:
        rng = random.Random(number)
        mine = []
        while time.monotonic() < deadline:
            mine.append(ask(rng.choice(urls)))
            time.sleep(rng.uniform(*THINK_SECONDS))
        answers.extend(mine)  # a list's extend is atomic under the GIL

    threads = [threading.Thread(target=reader, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@contextmanager
def ingesting(server: Server, bytes_per_second: float) -> Iterator[Ingested]:
    """New documents ingested as production ingests them, until the block ends: queued as the admin queues them, a
    round at a time at this rate, and read by one `ingest_worker` beside the server."""
    done = Ingested()
    stop = threading.Event()
    ours = f"{INGESTED_PREFIX}{os.getpid()}-"  # the names of this run's documents begin so
    sizes: dict[str, int] = {}  # each queued document's, by its name
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "ingest_worker", "--every", "0.1"],
        env=server.environment,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    worker.stdout.readline()  # it says it is waiting for documents once started: the readers ask from then on

    def queue_rounds() -> None:
        started = time.monotonic()
        while not stop.wait(max(0.0, started + done.rounds * INGEST_BYTES / bytes_per_second - time.monotonic())):
            done.rounds += 1
            for name, text in synthetic_corpus(INGEST_BYTES, seed=done.rounds):
                source = f"{ours}{done.rounds}-{name}"
                sizes[source] = len(text.encode())
                queue(text, source=source, timezone="UTC", published=None, replace=False, user=None)
        connection.close()  # the thread's own

    def watch_readers() -> None:
        """When readers first see each document stored. Every second the newest one they see is looked for among
        those not seen yet, by halves: a document shows once the index is read after it was stored, and so does
        every one stored before it."""
        seen: set[int] = set()
        while not stop.wait(1):
            stored = IngestJob.objects.filter(source__startswith=ours, state=IngestJob.DONE).exclude(pk__in=seen)
            unseen = list(
                stored.exclude(document=None).order_by("finished_at").values_list("pk", "document", "finished_at")
            )
            shown, beyond = 0, len(unseen)  # the first so many show, and none from `beyond` on
            while shown < beyond:
                middle = (shown + beyond) // 2
                shown, beyond = (middle + 1, beyond) if shows(server, unseen[middle][1]) else (shown, middle)
            now = timezone.now()
            done.shown_after += [(now - finished).total_seconds() for _, _, finished in unseen[:shown]]
            seen.update(pk for pk, _, _ in unseen[:shown])
        connection.close()

    threads = [threading.Thread(target=queue_rounds), threading.Thread(target=watch_readers)]
    for thread in threads:
        thread.start()
    try:
        yield done
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        worker.terminate()  # it finishes the document under way first
        worker.communicate(timeout=120)
        jobs = IngestJob.objects.filter(source__startswith=ours)
        ingested = list(jobs.filter(state=IngestJob.DONE).values_list("source", flat=True))
        done.documents, done.bytes = len(ingested), sum(sizes[source] for source in ingested)
        done.queued = len(sizes)
        done.failures = list(jobs.filter(state=IngestJob.FAILED).values_list("message", flat=True))
        jobs.delete()


def shows(server: Server, document: int) -> bool:
    """Whether readers see this document's events."""
    request = urllib.request.Request(address(server, "/", {"source": document}), headers={"HX-Request": "true"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return b'class="empty"' not in response.read()
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def resident_megabytes(pid: int | str = "self", line: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS), or the most it has held (VmHWM), in MB; 0 when it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kilobytes = next((int(row.split()[1]) for row in status.splitlines() if row.startswith(line + ":")), 0)
    return kilobytes / 1024
