"""The packages stand in layers: each imports only those beneath it, and no module leads back to itself."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "timeline"

# Beneath to above; the audiences share a layer and never import one another.
LAYERS = [
    {"ingest"},
    {"models", "operations", "fetching"},
    {"store", "gazetteer"},
    {"query"},
    {"reading", "editing", "publishing"},
    {"tooling"},
    {"management", "apps", "urls", "settings", "formats", "wsgi"},
]
LAYER_OF = {package: number for number, packages in enumerate(LAYERS) for package in packages}


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The app's modules this one imports, type-checking imports included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            stem = f"{base}.{node.module}" if node.level and node.module else base if node.level else node.module
            # `from . import zones` names a module; `from .zones import zone` names the module it reads from.
            targets = [f"{stem}.{alias.name}" for alias in node.names] + ([stem] if node.module else [])
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@cache  # read once for the whole file, not once for each of its many cases
def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def top_package(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_package_of_the_app_has_a_layer():
    assert {top_package(name) for name in modules()} - {""} <= LAYER_OF.keys()


@pytest.mark.parametrize("name", sorted(modules()))
def test_a_module_imports_only_its_own_package_and_those_beneath(name):
    mine = top_package(name)
    upward = sorted(
        target
        for target in graph()[name]
        if top_package(target) not in ("", mine) and LAYER_OF[top_package(target)] >= LAYER_OF[mine]
    )
    assert not upward, f"{name} imports {upward}, which do not stand beneath it"


def test_no_module_imports_itself_through_others():
    edges = graph()
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges[name]):
            if state.get(target) == "open":
                cycle = path[path.index(target) :] + [target] if target in path else [name, target]
                raise AssertionError(" -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
