"""Reproducible zip files (QTI packages, Kahoot's .xlsx): fixed member order, permissions and
compression, and one timestamp for every member: `SOURCE_DATE_EPOCH` when set (reproducible-builds
convention, as the Anki package uses it), else 1980-01-01, the earliest time a zip can hold."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from ..problems import Problem

#: 1980-01-01T00:00:00Z: zip's epoch, the time used when SOURCE_DATE_EPOCH is unset.
ZIP_EPOCH = 315532800


def build_time() -> dt.datetime:
    """The time a build writes into its files (UTC, whole seconds, not before 1980)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = ZIP_EPOCH
    if value:
        try:
            seconds = max(int(value), ZIP_EPOCH)
        except ValueError:
            raise Problem(
                "$SOURCE_DATE_EPOCH", 1, 1, f"not a whole number of seconds: {value!r}"
            ) from None
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def zip_bytes(members: list[tuple[str, bytes]], when: dt.datetime | None = None) -> bytes:
    """A deflated zip of `members` in the order given, every entry stamped `when` (default:
    `build_time()`): the same members give the same bytes."""
    stamp = (when or build_time()).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()
