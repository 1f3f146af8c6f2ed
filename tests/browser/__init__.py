"""Helpers for the browser tests: Debian's Chromium driven by Playwright, axe-core, and screenshots.

The fixtures that use them live in ``tests/conftest.py``.
"""
