"""Reading many files for an import: parsed on every core, results in the order given.

Parsing is pure Python and takes most of an import's time, so a large import reads its files in
worker processes (one per core); a small one reads them here, where starting a worker would
cost more than it saves. Workers are forked when this process runs no other thread (the
command line), else started fresh (the app imports in a background thread, and forking a
threaded process is unsafe). Should the workers fail to start or die, the remaining files are
read here: an import never fails for want of workers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from drafter.errors import DrafterError
from drafter.model import Plan

#: Fewer files than this are read in this process.
PARALLEL_FROM = 48
#: Files handed to a worker at a time (fewer round trips, still an even share of the work).
_CHUNK = 8

Outcome = Plan | str
"""A parsed plan, or the Chinese sentence saying why the file could not be read."""


def read_one(path: Path) -> Outcome:
    """The plan in ``path``, or why it cannot be read."""
    from drafter.ingest import read_plan

    try:
        return read_plan(path)
    except DrafterError as exc:
        return exc.message


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_many(files: Sequence[Path], workers: int | None = None) -> Iterator[tuple[Path, Outcome]]:
    """Each file with its plan (or why it failed), in the order of ``files``."""
    workers = min(cores(), 8) if workers is None else workers
    if workers < 2 or len(files) < PARALLEL_FROM:
        for path in files:
            yield path, read_one(path)
        return
    import multiprocessing
    import threading

    forkable = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forkable else "spawn")
    done = 0
    pool = None
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupt)
        for outcome in pool.map(read_one, files, chunksize=_CHUNK):
            yield files[done], outcome
            done += 1
    except (BrokenProcessPool, OSError):
        for path in files[done:]:
            yield path, read_one(path)
    finally:
        # Stopped early (an error, Ctrl-C): do not parse the files nobody will read.
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no worker tracebacks)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
