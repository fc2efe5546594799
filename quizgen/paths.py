"""Where things are: the packs, recipes and templates shipped with quizgen, and the search path."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """A shipped folder (`facts`, `decks` or `templates`): inside the wheel, or the source tree."""
    inside = _PACKAGE / "_data" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def pack_roots(extra: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Folders that hold packs, in search order: --facts, QUIZGEN_PATH, ./facts, shipped packs."""
    roots = [Path(p) for p in extra]
    roots += [Path(p) for p in os.environ.get("QUIZGEN_PATH", "").split(os.pathsep) if p]
    roots.append(Path("facts"))
    roots.append(data_dir("facts"))
    unique: dict[Path, Path] = {}  # one folder named twice is searched once, where first named
    for r in roots:
        unique.setdefault(r.resolve(), r)
    return list(unique.values())


def display(path: Path | str) -> str:
    """A path as users should see it: relative to the working folder when it is below it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def inside(folder: Path, relative: str) -> Path | None:
    """`folder/relative` if it stays inside `folder` (no `..`, no absolute path, no symlink out)."""
    if os.path.isabs(relative) or relative.startswith("~"):
        return None
    target = (folder / relative).resolve()
    try:
        target.relative_to(folder.resolve())
    except ValueError:
        return None
    return target
