"""`quizgen grade` as a library call: scans and quiz JSONs in, grades.csv and review.html out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, Problems
from ..progress import progress
from .images import count_pages
from .images import pages as scan_pages
from .read import PageRead, read_page
from .review import render_review
from .score import Graded, apply_overrides, csv_bytes, grade_rows, layout_path, load_key, load_layout, load_overrides


@dataclass
class GradeRun:
    pages: list[PageRead]
    graded: Graded
    files: dict[str, bytes]
    notes: list[str] = field(default_factory=list)  # overrides that matched nothing


def find_quizzes(folder: Path) -> list[Path]:
    """The quiz JSONs that have a sheet layout beside them in `folder`."""
    out = []
    for layout in sorted(folder.glob("*-sheet-*.json")):
        stem, _, letter = layout.stem.rpartition("-sheet-")
        candidate = layout.with_name(f"{stem}-{letter}.json")
        if candidate.exists():
            out.append(candidate)
    return out


def grade(scans: list[str], quizzes: list[Path], *, overrides: Path | None = None) -> GradeRun:
    keys, layouts = {}, {}
    problems = []
    for q in quizzes:
        try:
            key = load_key(q)
            layout = load_layout(layout_path(q))
            if (layout.quiz, layout.version) != (key.quiz, key.version):
                raise Problem(str(layout_path(q)), 1, 1, f"this layout is quiz {layout.quiz} version "
                              f"{layout.version}, not the {key.quiz} {key.version} of {q}: rebuild both")
        except Problem as p:
            problems.append(p)
            continue
        keys[(key.quiz, key.version)] = key
        layouts[(key.quiz, key.version)] = layout
    total = 0
    for s in scans:
        try:
            if not Path(s).is_file():
                raise Problem(s, 1, 1, "no such scan file")
            total += count_pages(Path(s))
        except Problem as p:
            problems.append(p)
    if problems:
        raise Problems(problems)
    if not keys:
        raise Problem("--quiz", 1, 1, "no quiz given and none found (quizgen quiz --format json --format sheet)")
    each_page = ((s, number, image) for s in scans for number, image in scan_pages(Path(s)))
    read = [read_page(image, s, number, layouts)
            for s, number, image in progress(each_page, "Reading scans", length=total)]
    notes = []
    if overrides is not None:
        notes = [str(p) for p in apply_overrides(read, load_overrides(overrides), str(overrides))]
    graded = grade_rows(read, keys)
    files = {"grades.csv": csv_bytes(graded),
             "review.html": render_review(graded.counted(read), graded.duplicates,
                                          str(overrides) if overrides else None,
                                          pages_read=len(read)).encode("utf-8")}
    return GradeRun(pages=read, graded=graded, files=files, notes=notes)
