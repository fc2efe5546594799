"""A pool of processes for bulk work on large packs, that never outlives this process.

Used by the loader to read a large pack's fact files (`loader.read_files`). Workers are forked
(Linux only), so the task and what it refers to are inherited rather than sent; each worker asks
the kernel to kill it when this process dies (even by SIGKILL), and ignores Ctrl-C, which reaches
the whole process group: this process stops the pool instead, and no worker prints a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

#: Environment variable: how many processes read fact files (1: this one only).
JOBS_ENV = "QUIZGEN_JOBS"
#: Fact files smaller than this in all are read in this process: a pool's start costs more.
POOL_FROM_BYTES = 2_000_000
MAX_WORKERS = 4

_task: Callable[[Any], Any] | None = None


def count(total_bytes: int) -> int:
    """How many processes should share work on `total_bytes` of input, this one included:
    QUIZGEN_JOBS when set; else, from 2 MB on and with two cores or more, this one and a worker
    per core (at most 4), since this one mostly receives what they send; always 1 where workers
    cannot be forked. (On a 2-core machine, 100k facts: 2.31 s with 3 processes, 2.98 s with 2,
    2.95 s with 1.)"""
    if sys.platform != "linux":
        return 1
    wanted = os.environ.get(JOBS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), 64)
    cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS) + 1 if total_bytes >= POOL_FROM_BYTES and cores > 1 else 1


def _start(task: Callable[[Any], Any], parent: int) -> None:
    global _task
    _task = task
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # then a Ctrl-C held back since the fork is dropped
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


@contextmanager
def pool(jobs: int, task: Callable[[Any], Any]) -> Iterator[Callable[[Iterable[Any]], Iterator[Any]]]:
    """A function mapping `task` over items in `jobs` worker processes, results in order. On
    leaving, tasks not started are cancelled and the workers stopped."""
    import multiprocessing

    executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start, initargs=(task, os.getpid()))

    def run(items: Iterable[Any]) -> Iterator[Any]:
        # The workers are forked here, with Ctrl-C held back until each ignores it (else one
        # arriving while a worker starts would print its traceback); this process gets it after.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return executor.map(_run, items)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    try:
        yield run
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
