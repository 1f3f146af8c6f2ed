"""The ids each text search found, shared by the processes that hold the same saved index (`saved_index`): a word
asked in one process is looked for once, not once in each. At a million events a common word costs 30-90 ms, and
four workers that start together would otherwise each look for every word their readers ask.

They are kept as files in the saved index's folder, so they go with it when a newer one is saved."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np


def found(folder: Path | None, words: str) -> np.ndarray | None:
    """The ids a search for these words found, if a process kept them here."""
    if folder is None:
        return None
    try:
        return np.load(_file(folder, words))
    except (OSError, EOFError, ValueError):  # none kept, removed with its index meanwhile, or cut short
        return None


def keep(folder: Path | None, words: str, ids: np.ndarray) -> None:
    """Keeps the ids a search found for the other processes, when the saved index they belong with is there."""
    if folder is None or not folder.parent.is_dir():
        return
    try:
        folder.mkdir(exist_ok=True)
        handle, passing = tempfile.mkstemp(dir=folder, suffix=".writing")
        with os.fdopen(handle, "wb") as file:
            np.save(file, ids)
        os.replace(passing, _file(folder, words))  # whole or not at all for the processes that read it
    except OSError:  # removed with its index meanwhile, or a folder this process may not write: searched alone
        return


def _file(folder: Path, words: str) -> Path:
    return folder / f"{hashlib.sha256(words.encode()).hexdigest()[:32]}.npy"
