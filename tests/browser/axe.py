"""axe-core, the pinned npm package, run inside the page under test."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# The default rule set (WCAG A and AA plus best practices), only the failures coming back.
# A rule broken on every row of a long page would bury the others; the first few elements show the pattern.
NODES_SHOWN = 8

RUN_AXE = "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"


@functools.cache
def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE_SCRIPT.name} not found under tests/browser/node_modules). "
            "Install the pinned version with `npm ci --prefix tests/browser`, or run `bash tests/setup`.",
            pytrace=False,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def describe_violations(violations: list[dict], url: str) -> str:
    """One block per rule: its id, impact and help link, then each offending element's selector and why."""
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        nodes = violation["nodes"]
        for node in nodes[:NODES_SHOWN]:
            lines.append(f"    at {' '.join(node['target'])}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"       {line.strip()}" for line in summary.splitlines() if line.strip())
        if len(nodes) > NODES_SHOWN:
            lines.append(f"    and {len(nodes) - NODES_SHOWN} more element(s)")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Inject axe-core into the page as it stands now and fail with a readable list of whatever it flags."""
    # Evaluated by the browser's debugging protocol, not added as a <script>: the pages' Content-Security-Policy
    # refuses inline scripts, as it should, and the test must not weaken it.
    page.evaluate(axe_source())
    violations = page.evaluate(RUN_AXE)
    if violations:
        pytest.fail(describe_violations(violations, page.url), pytrace=False)
