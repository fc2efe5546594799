"""A pack kept loaded between edits: only the files that changed are read again.

The same checks as `quizgen.loader.load_pack`, per file with its `read_checked`, then the
pack-wide `check_pack` over every fact (cheap: plain lookups). A file is read again when its size
or modification time changed; pack.yaml or a source changing re-reads every fact file, since the
evidence checks depend on them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..loader import (PACK_FILE, checked_pack, fact_files, located_facts, no_fact_files, read_checked,
                       read_pack_and_sources)
from ..model import LoadedPack, LocatedFact
from ..problems import Problem


def stamp(path: Path) -> tuple[int, int] | None:
    """What tells that a file changed: (modification time in ns, size), or None if it is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _tree_stamps(folder: Path) -> dict[str, tuple[int, int] | None]:
    out = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            p = Path(dirpath) / name
            out[str(p)] = stamp(p)
    return out


class PackReader:
    """One pack folder, loaded again after each edit from what changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.display = paths.display(self.folder)
        self._base: dict[str, tuple[int, int] | None] | None = None
        self._pack = None
        self._base_problems: list[Problem] = []
        self._texts: dict = {}
        #: path -> (stamp, (located fact, document, record index) per fact, problems, whether it parsed)
        self._files: dict[Path, tuple] = {}
        #: how many fact files the last `load` read (the rest came from the cache)
        self.files_read = 0

    def _base_stamps(self) -> dict[str, tuple[int, int] | None]:
        base = {str(self.folder / PACK_FILE): stamp(self.folder / PACK_FILE)}
        base.update(_tree_stamps(self.folder / "sources"))
        return base

    def watched(self) -> list[Path]:
        """Every file whose change matters: pack.yaml, the sources and the fact files."""
        return [Path(p) for p in self._base_stamps()] + fact_files(self.folder)

    def load(self) -> LoadedPack:
        """The pack as it is on disk now; raise `Problems` with everything wrong with it."""
        base = self._base_stamps()
        if base != self._base:
            self._base = base
            self._files.clear()
            self._pack, self._texts, self._base_problems = read_pack_and_sources(self.folder, self.display)
        pack = self._pack
        problems = list(self._base_problems)
        current = fact_files(self.folder)
        if not current and pack is not None:
            problems.append(no_fact_files(self.display))
        for gone in set(self._files) - set(current):
            del self._files[gone]
        self.files_read = 0
        records: list[tuple[LocatedFact, object, int]] = []
        complete = True
        for path in current:
            now = stamp(path)
            cached = self._files.get(path)
            if cached is None or cached[0] != now:
                cached = self._files[path] = (now, *self._read(path))
                self.files_read += 1
            _, read, found, parsed = cached
            problems += found
            complete = complete and parsed and not found
            records += read
        return checked_pack(pack, self.folder, records, self._texts, problems, complete=complete)

    def _read(self, path: Path) -> tuple[list[tuple[LocatedFact, object, int]], list[Problem], bool]:
        """One fact file's facts, each with its document and record index, and its problems (the
        evidence checks included), as `load_pack` reads it."""
        shown, facts, doc, problems = read_checked(path, os.path.join(self.display, path.name),
                                                   self._pack, self._texts)
        if self._pack is None or doc is None:
            return [], problems, doc is not None
        return located_facts(self._pack, shown, facts, doc), problems, True
