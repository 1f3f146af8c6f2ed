from __future__ import annotations

import os
import threading
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from hypothesis import settings

from .browser.chromium import launch_chromium, start_playwright
from .browser.screenshots import SCREENSHOT_DIR, capture_widths, empty_screenshot_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent

# Playwright's sync API keeps an asyncio loop on the test thread, and Django refuses database calls from a thread
# with a running loop. The loop never runs Django code, so the guard only gets in the way here. Set before any
# test touches the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@receiver(connection_created)
def _readers_never_meet_a_table_lock(sender, connection, **kwargs) -> None:
    """On SQLite the test database lives in memory, shared by the test, the live server and the ingest worker's
    threads in shared-cache mode, where a read of a table another thread is writing fails at once ("database table is
    locked") instead of waiting as it does on a database file. Reading uncommitted rows keeps readers off the write
    locks; the tests wait for what they check, so they never depend on a half-written row."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        connection.connection.execute("PRAGMA read_uncommitted = 1")


# Timing belongs to the benchmarks, not to a test a busy machine could fail; and the same generated values on every
# run, so a failure in CI is a failure on a laptop.
settings.register_profile("timeline", deadline=None, derandomize=True)
settings.load_profile("timeline")


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(autouse=True)
def fresh_tagger():
    """Each test starts from its own gazetteer: the cached tagger must not carry ids a rollback undid."""
    from timeline.store.tags import forget_tagger

    forget_tagger()
    yield
    forget_tagger()


@pytest.fixture(autouse=True)
def fresh_index(settings, tmp_path):
    """The counts' index is read again when the revision number changes, which a test's rollback or flush winds
    back: without this, a test could be shown the counts of another test's events under the same number. Tests
    see each change at once; how far the index may lag a stream of documents has its own test."""
    from timeline.query.held import forget_index

    settings.TIMELINE_INDEX_MAX_AGE = 0
    settings.TIMELINE_INDEX_DIR = tmp_path / "index"
    forget_index()
    yield
    forget_index()


@pytest.fixture(autouse=True)
def _live_server_keeps_the_gazetteer(request: pytest.FixtureRequest) -> None:
    """A live-server test empties every table when it ends, the gazetteer a migration loaded among them;
    serialized rollback puts it back for the next one. Asking for ``live_site`` gets both."""
    if "live_server" in request.fixturenames and "django_db_serialized_rollback" not in request.fixturenames:
        pytest.fail("Use the live_site fixture rather than live_server, so the gazetteer survives.", pytrace=False)


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """Django served on a local port for a real browser, with a database shared with the test."""
    return live_server


@pytest.fixture
def live_site_with_seeds(live_site, seeds_dir: Path):
    """The live site with the five seed documents ingested."""
    from django.core.management import call_command

    call_command("ingest", str(seeds_dir), stdout=StringIO())
    return live_site


@pytest.fixture
def editor_client(client):
    """The test client, logged in as an editor."""
    from .factories import make_editor

    client.force_login(make_editor())
    return client


class Worker:
    """The ingest worker in a thread of the test's process, started when the test says so, stopped at its end."""

    def __init__(self):
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        from timeline.store.jobs import work

        def run() -> None:
            try:
                work(every=0.2, stopping=self.stopping)
            finally:
                connections.close_all()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread:
            self.thread.join(timeout=30)


@pytest.fixture
def ingest_worker(live_site) -> Iterator[Worker]:
    """A worker for documents added in the live site's admin; `start()` it."""
    worker = Worker()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run; each test gets a fresh context from ``page``."""
    from django.db import connections

    # Starting Playwright gives the test thread a new context for context variables, where Django keeps its
    # connections: the tests after it would get new connection objects, without the serialized contents of the
    # test database that a live-server test restores the gazetteer from. Carry the same objects over.
    before = {alias: connections[alias] for alias in connections}
    playwright = start_playwright()
    for alias, connection in before.items():
        connections[alias] = connection
    try:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in its own context (no cookies or storage shared with other tests), 1440 px wide, light scheme."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="light")
    yield context.new_page()
    context.close()


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """What the page logs as an error or throws, collected from now on; a test asserts it stays empty."""
    errors: list[str] = []

    def record_console(message) -> None:
        if message.type == "error":
            location = message.location
            errors.append(f"console: {message.text} ({location.get('url')}:{location.get('lineNumber')})")

    def record_uncaught(error) -> None:
        errors.append(f"uncaught: {error}")

    page.on("console", record_console)
    page.on("pageerror", record_uncaught)
    return errors


def pytest_sessionstart(session: pytest.Session) -> None:
    """The run empties the screenshot folder once, before its test processes start (not in each of them, which would
    delete one another's pictures)."""
    if not hasattr(session.config, "workerinput"):
        empty_screenshot_dir()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture
def save_screenshots(screenshot_dir: Path) -> Callable[[Page, str], list[Path]]:
    """``save_screenshots(page, "name")`` writes name-360.png and name-1440.png (full page) and says where."""

    def save(page: Page, name: str) -> list[Path]:
        paths = capture_widths(page, screenshot_dir, name)
        print("screenshots:", *(str(path.relative_to(ROOT)) for path in paths))
        return paths

    return save


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    saved = list(SCREENSHOT_DIR.glob("*.png"))
    if saved:
        terminalreporter.write_line(f"{len(saved)} screenshots saved in {SCREENSHOT_DIR.relative_to(ROOT)}/")
