"""Progress bars for long builds: on stderr, only for a person watching, only when it is worth it.

A bar appears when stderr is a terminal, the `CI` environment variable is not set, and the work has
already taken longer than `after` seconds (default 1): short builds, pipes, logs and CI stay quiet.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sized
from typing import IO, TypeVar

T = TypeVar("T")

#: Seconds of work before a bar is shown.
DELAY = 1.0


def wanted(stream: IO[str]) -> bool:
    """Whether a bar may be shown on `stream`: a terminal, and not CI."""
    if os.environ.get("CI"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress(items: Iterable[T], label: str, *, length: int | None = None, after: float = DELAY,
             stream: IO[str] | None = None) -> Iterator[T]:
    """Yield `items`; once more than `after` seconds have passed, show a bar."""
    stream = stream if stream is not None else sys.stderr
    if not wanted(stream):
        yield from items
        return
    if length is None and isinstance(items, Sized):
        length = len(items)
    start = time.monotonic()
    bar = None
    with contextlib.ExitStack() as stack:  # closes the bar however the loop ends
        for done, item in enumerate(items, 1):
            yield item
            if bar is None and time.monotonic() - start > after:
                import click

                bar = stack.enter_context(click.progressbar(length=length, label=label, file=stream))
                bar.update(done)
            elif bar is not None:
                bar.update(1)
