"""Starting Debian's Chromium under Playwright, or failing with the command that installs what is missing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

# Debian's package, never a browser Playwright downloads: the suite must run where only package registries reach.
CHROMIUM = Path("/usr/bin/chromium")

# Without the networking switches Chromium calls home at start-up, which a closed network refuses many times over.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SETUP_HINT = "Run `bash tests/setup`, which installs everything the suite needs."


def require_chromium() -> None:
    """Fail, never skip: a skipped browser test would let a machine without Chromium pass CI."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Install Debian's package with "
            f"`apt-get install -y chromium` (as root). {SETUP_HINT}",
            pytrace=False,
        )


def start_playwright() -> Playwright:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            f"The Python package playwright is not installed. `pip install -r requirements-dev.txt`. {SETUP_HINT}",
            pytrace=False,
        )
    return sync_playwright().start()


def launch_chromium(playwright: Playwright) -> Browser:
    require_chromium()
    from playwright.sync_api import Error

    try:
        return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Error as error:
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}\n{SETUP_HINT}", pytrace=False)
