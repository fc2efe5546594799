"""Reproducible zip files (the Anki package, QTI packages, Kahoot's .xlsx): members in the order
given, fixed permissions and compression, and one timestamp for every member: `SOURCE_DATE_EPOCH`
when set (the reproducible-builds convention), else 1980-01-01, the earliest time a zip can hold."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import IO

from .problems import Problem

#: 1980-01-01T00:00:00Z: zip's epoch, the time used when SOURCE_DATE_EPOCH is unset.
ZIP_EPOCH = 315532800


def source_date_epoch(default: int) -> int:
    """`SOURCE_DATE_EPOCH` in whole seconds, or `default` when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise Problem("$SOURCE_DATE_EPOCH", 1, 1, f"not a whole number of seconds: {value!r}") from None


def build_time() -> dt.datetime:
    """The time a build writes into its files (UTC, whole seconds, not before 1980)."""
    return dt.datetime.fromtimestamp(max(source_date_epoch(ZIP_EPOCH), ZIP_EPOCH), dt.UTC)


def write_zip(out: IO[bytes], members: list[tuple[str, bytes | Path]], level: int | None = None
              ) -> None:
    """A deflated zip of `members` (contents, or a file streamed in without being read whole)
    into `out`, every entry stamped `build_time()`, at zlib `level` (default 6): the same members
    give the same bytes."""
    stamp = build_time().timetuple()[:6]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info._compresslevel = level  # what `open` deflates at (public as compress_level in 3.13)
            # the size first, so zipfile knows at once whether it needs zip64
            info.file_size = len(data) if isinstance(data, bytes) else data.stat().st_size
            source = io.BytesIO(data) if isinstance(data, bytes) else open(data, "rb")  # noqa: SIM115
            with source, zf.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """`write_zip` into memory."""
    buffer = io.BytesIO()
    write_zip(buffer, members)
    return buffer.getvalue()
