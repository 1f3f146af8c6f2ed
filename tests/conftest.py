from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(autouse=True)
def fresh_tagger():
    """Each test starts from its own gazetteer: the cached tagger must not carry ids a rollback undid."""
    from timeline.tags import forget_tagger

    forget_tagger()
    yield
    forget_tagger()
