"""Parsing the next documents in a process of their own while the caller stores the one before: parsing is a third
of ingest, and a second core would otherwise wait."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Documents started ahead of the one handed out: one parsing while the caller stores, one queued so the parsing
# process never waits on the caller; few, so a folder of large pages is not all held at once.
READ_AHEAD = 2


@contextmanager
def parsing_process(documents: int) -> Iterator[Executor]:
    """An executor that runs its work in a second process, or in this one for a single document or on a machine
    with a single core.

    A process with no other thread is forked: the child starts at once, with the parsers already loaded. One with
    threads (a server's) is not, as a lock another thread held would stay locked in the child: its parsing process
    is started afresh, which costs about a second."""
    if not parsed_beside(documents):
        yield InThisProcess()
        return
    if threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__package__])
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        yield pool


def parsed_beside(documents: int) -> bool:
    """Whether these many documents are parsed in a second process (`parsing_process`)."""
    return documents >= 2 and (os.cpu_count() or 1) >= 2


def ahead(start: Callable[[T], Future[R]], items: Iterable[T]) -> Iterator[tuple[T, Future[R]]]:
    """Each item with its result to come, in order, each started `READ_AHEAD` items before it is handed out."""
    started: deque[tuple[T, Future[R]]] = deque()
    for item in items:
        started.append((item, start(item)))
        if len(started) > READ_AHEAD:
            yield started.popleft()
    yield from started


class InThisProcess(Executor):
    """Work done as it is submitted, for a machine with nothing to run a second process on."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # handed to the caller when it asks for the result, as a process's would be
            future.set_exception(error)
        return future
