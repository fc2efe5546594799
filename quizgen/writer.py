"""The only module that writes outputs: atomically, so a failed build never leaves a half-written
file or destroys the previous good one (temp file in the target folder, fsync, rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import Problem


def write_bytes(path: str | Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise Problem(str(folder), 1, 1, f"cannot write to this folder: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise Problem(str(path), 1, 1, f"cannot write: {exc.strerror}") from None
        raise


def write_text(path: str | Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
