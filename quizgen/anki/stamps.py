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
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

STATE_VERSION = 1


class Stamp(NamedTuple):
    hash: str
    mod: int


@dataclass(slots=True)
class BuildState:
    """What the previous build of one deck wrote: per note (by GUID) and for the note type.

    Plain classes (not pydantic): a deck of 100k notes has 100k stamps to read and write.
    """

    notetype: Stamp | None = None
    notes: dict[str, Stamp] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """JSON with sorted keys (one line, by the C encoder): the same state gives the same bytes."""
        notes = {guid: {"hash": h, "mod": m} for guid, (h, m) in self.notes.items()}
        notetype = None if self.notetype is None else {"hash": self.notetype.hash, "mod": self.notetype.mod}
        doc = {"notes": notes, "notetype": notetype, "version": STATE_VERSION}
        return (json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> BuildState:
        """Parse a state file (any JSON layout); ValueError or TypeError if it is not one."""
        doc = json.loads(data)
        if not isinstance(doc, dict) or not doc.keys() <= {"version", "notetype", "notes"}:
            raise ValueError("not a deck state")
        _int(doc.get("version", STATE_VERSION))  # one version so far: checked, nothing to convert
        raw_type = doc.get("notetype")
        notetype = None if raw_type is None else _stamp(raw_type)
        raw_notes = doc.get("notes", {})
        if not isinstance(raw_notes, dict):
            raise TypeError("not a deck state")
        notes = {guid: _stamp(raw) for guid, raw in raw_notes.items()}
        return cls(notetype=notetype, notes=notes)


#: A `mod` is seconds since 1970 in a 64-bit SQLite integer; a larger one is a corrupted state.
MAX_MOD = 1 << 62


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            0 <= value <= MAX_MOD) or value != int(value):  # also refuses inf and nan
        raise ValueError("not a whole number of seconds")
    return int(value)


def _stamp(raw: object) -> Stamp:
    """A stamp from its parsed JSON (the keys `hash` and `mod`, no other); ValueError if not one."""
    if type(raw) is not dict or len(raw) != 2 or type(raw.get("hash")) is not str:
        raise ValueError("not a stamp")
    return Stamp(raw["hash"], _int(raw.get("mod")))


def state_path(apkg: Path) -> Path:
    return apkg.with_name(f"{apkg.stem}.anki-state.json")


def read_state(path: Path) -> tuple[bytes | None, BuildState]:
    """The previous build's state file as read (None if missing or unreadable) and the state it
    holds, or an empty one (see module doc)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None, BuildState()
    try:
        return data, BuildState.from_bytes(data)
    except (ValueError, TypeError, RecursionError, OverflowError):
        return data, BuildState()


def restamp(content_hash: str, previous: Stamp | None, now: int) -> Stamp:
    """Keep the previous stamp if the content is unchanged; else a `mod` newer than it and >= now."""
    if previous is not None and previous.hash == content_hash:
        return previous
    mod = now if previous is None else max(now, previous.mod + 1)
    return Stamp(content_hash, mod)
