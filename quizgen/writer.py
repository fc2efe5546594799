"""The only module that writes outputs: atomically, so a failed build never leaves a half-written
file or destroys the previous good one (temp file in the target folder, fsync, rename).

Interrupted builds: Ctrl-C (SIGINT) and `kill` (SIGTERM, turned into an exception while a file is
being written) remove the temp file on their way out. SIGKILL cannot be caught, so a temp file can
survive it; temp files are named `.<output name>.<process id>.<8 random characters>.tmp` (hidden,
and never an output's own name), and the next write of the same output removes those whose process
is gone (never the temp file of a build still running). `locked` serialises builds into one folder.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .problems import Problem

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temp files that an earlier, killed write of `folder/name` left behind: those of
    processes that are gone (a build running beside this one keeps its own)."""
    # `_temp_file`'s names for `name` and nothing else (mkstemp's random part is 8 characters of
    # [a-z0-9_]); group 1 is the id of the process that made the file
    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))) and entry.is_file(
                follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


@contextlib.contextmanager
def locked(folder: str | Path) -> Iterator[None]:
    """Hold the folder's build lock (`.quizgen.lock`, an advisory `flock`): a second build into
    the same folder waits for the first, so each writes a consistent set of outputs."""
    import fcntl

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / ".quizgen.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise Problem(str(folder), 1, 1, f"cannot write to this folder: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM while a file is written: unwind, and exit 143 like the default action."""
    raise SystemExit(128 + signum)


def _catch_sigterm() -> object:
    """While writing, make SIGTERM unwind like Ctrl-C does, so the temp file is removed; returns
    the handler to restore (None when signals cannot be handled here)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # pragma: no cover - no signals here (embedded interpreter)
        return None


@functools.cache
def _umask() -> int:
    """The process's umask, read once: the only portable way to read it is to set it and set it
    back, which would briefly give files made meanwhile by other threads the wrong mode."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new temp file for output `name` in `folder`, named as `remove_stale_temps` expects."""
    return tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp", dir=folder)


@contextlib.contextmanager
def scratch_file(path: str | Path) -> Iterator[Path]:
    """An empty temp file next to output `path` for work on the way to it (removed afterwards).
    Named like `path`'s temp files, so one that a killed build leaves behind is removed by the
    next write of `path`."""
    path = Path(path)
    fd, tmp = _temp_file(path.parent, path.name)
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@contextlib.contextmanager
def write_stream(path: str | Path) -> Iterator[BinaryIO]:
    """Write `path` atomically from a stream: `with write_stream(p) as f: f.write(...)`.

    The same guarantees as `write_bytes` (temp file in the target folder, fsync, rename; the temp
    file removed on any error, Ctrl-C or SIGTERM), for outputs too large to build as one `bytes`.
    The file is replaced only when the block ends without an exception.
    """
    path = Path(path)
    folder = path.parent
    if os.path.lexists(path) and not path.is_file():  # a device, a pipe, a folder: never replaced
        raise Problem(str(path), 1, 1, "is not a regular file: refused (name a new file or a file to replace)")
    previous = _catch_sigterm()
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(folder, path.name)
            fd, tmp = _temp_file(folder, path.name)
        except OSError as exc:
            raise Problem(str(folder), 1, 1, f"cannot write to this folder: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                # mkstemp makes the file private (0600); an output gets the usual mode (umask)
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, OSError):
                raise Problem(str(path), 1, 1, f"cannot write: {exc.strerror}") from None
            raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write `path` atomically (see `write_stream`)."""
    with write_stream(path) as handle:
        handle.write(data)


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_files(out_dir: str | Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file into `out_dir`, each atomically (`write_bytes`); return the paths."""
    paths = [Path(out_dir) / name for name in files]
    for path, data in zip(paths, files.values(), strict=True):
        write_bytes(path, data)
    return paths
