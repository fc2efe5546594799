"""The change report: facts added, changed and removed since the previous build of a recipe.

A snapshot (fact key -> content hash) is kept in the build folder as `<recipe>.facts.json`. Anki
cannot delete notes on import, so for removed facts the report gives the search that finds their notes
(the note type's `Fact` field holds pack/id).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import LocatedFact


def snapshot(facts: list[LocatedFact]) -> dict[str, str]:
    out = {}
    for lf in facts:
        data = lf.fact.model_dump_json(exclude_none=True)
        out[lf.key] = hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
    return out


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    first_build: bool = False

    def lines(self, recipe: str) -> list[str]:
        if self.first_build:
            return [f"{recipe}: first build, no previous facts to compare with"]
        out = [f"{recipe}: {len(self.added)} facts added, {len(self.changed)} changed, "
               f"{len(self.removed)} removed since the previous build"]
        out += [f"  added   {k}" for k in self.added]
        out += [f"  changed {k}" for k in self.changed]
        for k in self.removed:
            out.append(f"  removed {k}: an import cannot delete its note; find it in Anki with "
                       f"the search  \"Fact:{k}\"")
        return out


def snapshot_path(out_dir: Path, recipe: str) -> Path:
    return out_dir / f"{recipe}.facts.json"


def compare(previous_file: Path, current: dict[str, str]) -> Changes:
    try:
        previous = json.loads(previous_file.read_text(encoding="utf-8"))
        if not isinstance(previous, dict):
            raise ValueError
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, or nested past Python's limit
        return Changes(first_build=True)
    return Changes(
        added=[k for k in current if k not in previous],
        changed=[k for k in current if k in previous and previous[k] != current[k]],
        removed=[k for k in previous if k not in current],
    )


def snapshot_bytes(current: dict[str, str]) -> bytes:
    return (json.dumps(current, indent=1, sort_keys=True) + "\n").encode("utf-8")
