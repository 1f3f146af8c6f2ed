"""Full-page screenshots at a phone's width and a desktop's, for a person to look at after the run."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"

# A small phone and a wide laptop: the two ends a layout has to hold at.
WIDTHS = (360, 1440)
HEIGHT = 900


def empty_screenshot_dir() -> Path:
    """A run starts from an empty folder, so every picture in it is from this run."""
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)
    SCREENSHOT_DIR.mkdir(parents=True)
    return SCREENSHOT_DIR


def capture_widths(page: Page, folder: Path, name: str) -> list[Path]:
    """Save NAME-360.png and NAME-1440.png of the whole page, then give the page back its own viewport."""
    original = page.viewport_size
    paths = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        # From the top: a page left scrolled would draw its sticky headings where the viewport happened to be.
        page.evaluate("window.scrollTo(0, 0)")
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        paths.append(path)
    if original:
        page.set_viewport_size(original)
    return paths
