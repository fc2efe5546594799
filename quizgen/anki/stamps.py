"""Modification times: a note's `mod` advances only when that note's content changed.

Why this matters: Anki's .apkg importer updates a note it already has (same GUID, same note type)
only when the incoming `mod` is strictly newer than its own copy's, and it keeps the incoming `mod`
(rslib apkg import, notes.rs `should_update` / `update_note`). So:

- a note whose content changed must get a `mod` newer than any earlier build gave it, or the learner
  keeps the stale text ("duplicate", silently skipped);
- a note whose content did not change must keep its old `mod`, so an import leaves it alone and the
  same inputs give the same bytes.

Content alone cannot give a time that only moves forward, so the build keeps a small state file next
to its output (`<deck>.anki-state.json`: GUID -> content hash and `mod`; the same for the note type).
On each build an unchanged note keeps its recorded `mod`; a new or changed one gets
`max(now, recorded + 1)`, where *now* is `SOURCE_DATE_EPOCH` when set (reproducible builds), else the
clock. With the same inputs and the same state the output is byte-identical; with
`SOURCE_DATE_EPOCH` it is byte-identical from a fresh checkout too.

Losing the state file is safe, only noisier: every note then gets *now*, so the next import
re-writes every note with the same content (review history is never touched by a note update).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..problems import Problem

STATE_VERSION = 1


class Stamp(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hash: str
    mod: int


class BuildState(BaseModel):
    """What the previous build of one deck wrote: per note (by GUID) and for the note type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = STATE_VERSION
    notetype: Stamp | None = None
    notes: dict[str, Stamp] = Field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = self.model_dump(mode="json")
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def state_path(apkg: Path) -> Path:
    return apkg.with_name(f"{apkg.stem}.anki-state.json")


def read_state(path: Path) -> BuildState:
    """The state of the previous build, or an empty one (missing or unreadable: see module doc)."""
    try:
        return BuildState.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError):
        return BuildState()


def build_time() -> int:
    """`SOURCE_DATE_EPOCH` if set (reproducible builds), else the clock, in whole seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return int(value)
        except ValueError:
            raise Problem(
                "$SOURCE_DATE_EPOCH", 1, 1, f"not a whole number of seconds: {value!r}"
            ) from None
    return int(time.time())


def restamp(content_hash: str, previous: Stamp | None, now: int) -> Stamp:
    """Keep the previous stamp if the content is unchanged; else a `mod` newer than it and >= now."""
    if previous is not None and previous.hash == content_hash:
        return previous
    mod = now if previous is None else max(now, previous.mod + 1)
    return Stamp(hash=content_hash, mod=mod)
