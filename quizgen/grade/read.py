"""One scanned page read: which sheet it is, and every bubble's state, with nothing guessed.

A row (an item's bubbles, a points box, a digit of the student number) gets an answer only when
each of its bubbles is clearly filled or clearly empty. Anything else is flagged with the reason
and a crop of the row, for the review page: an uncertain bubble (a light or erased mark), two
marks in one row, a points box left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import cv2
import numpy as np

from ..recipe import Paper
from ..sheet.layout import Bubble, SheetLayout
from .locate import PX_PER_MM, locate, read_qr, refit, warp
from .measure import Fill, fills, measure_page, state


@dataclass
class RowRead:
    item: str  # item id, or "student"
    number: int  # question number (digit position for the student number)
    kind: str  # "choice", "points" or "digit"
    values: list[str]
    fills: list[Fill]
    states: list[str]
    answer: str  # letters as printed ("AC" for a double mark), points, a digit; "" unmarked; "?" unclear
    flag: str | None = None
    crop: bytes | None = None  # PNG of the row, for flagged rows only


@dataclass
class PageRead:
    file: str
    page: int
    quiz: str | None = None
    version: str | None = None
    layout: str | None = None
    problem: str | None = None  # why the page could not be read at all
    student: str = ""
    student_flag: str | None = None
    student_crop: bytes | None = None
    student_rows: list[RowRead] = field(default_factory=list)  # one per digit
    rows: list[RowRead] = field(default_factory=list)
    thumbnail: bytes | None = None  # PNG of an unreadable page

    @property
    def flags(self) -> int:
        return sum(r.flag is not None for r in self.rows) + (self.student_flag is not None)


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    return data.tobytes() if ok else b""


def _unreadable(out: PageRead, image: np.ndarray | None, problem: str) -> PageRead:
    """`out` as a page that could not be read, with a thumbnail of the picture (if any) to show."""
    out.problem = problem
    if image is not None and image.size:
        h, w = image.shape[:2]
        scale = 500 / max(h, w)
        out.thumbnail = _png(cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))),
                                        interpolation=cv2.INTER_AREA))
    return out


def _crop(upright: np.ndarray, bubbles: list[Bubble], radius: float, *, left: float = 10.0) -> bytes:
    s = PX_PER_MM
    x0 = min(b.x for b in bubbles) - radius - left
    x1 = max(b.x for b in bubbles) + radius + 3
    y0 = min(b.y for b in bubbles) - radius - 3
    y1 = max(b.y for b in bubbles) + radius + 3
    h, w = upright.shape
    part = upright[max(0, int(y0 * s)):min(h, int(y1 * s)), max(0, int(x0 * s)):min(w, int(x1 * s))]
    return _png(part)


def decide_choice(values: list[str], states: list[str]) -> tuple[str, str | None]:
    marked = [v for v, s in zip(values, states, strict=True) if s == "filled"]
    unclear = [v for v, s in zip(values, states, strict=True) if s == "uncertain"]
    if unclear:
        what = "an erased or light mark" if marked else "a light or partial mark"
        return "?", f"{what} at {', '.join(unclear)}"
    if len(marked) > 1:
        return "".join(marked), "double mark"
    return "".join(marked), None


def decide_one(values: list[str], states: list[str], none: str) -> tuple[str, str | None]:
    """A points box or a student-number digit: exactly one bubble, else flagged."""
    marked = [v for v, s in zip(values, states, strict=True) if s == "filled"]
    unclear = [v for v, s in zip(values, states, strict=True) if s == "uncertain"]
    if unclear:
        return "?", f"a light or erased mark at {', '.join(unclear)}"
    if len(marked) != 1:
        return "?", none if not marked else f"several marked ({', '.join(marked)})"
    return marked[0], None


def _read_row(item: str, number: int, kind: str, bubbles: list[Bubble], f: list[Fill]) -> RowRead:
    values = [b.value for b in bubbles]
    states = [state(v) for v in f]
    if kind == "choice":
        answer, flag = decide_choice(values, states)
    else:
        answer, flag = decide_one(values, states, "no digit marked" if kind == "digit" else "no points marked")
    return RowRead(item=item, number=number, kind=kind, values=values, fills=f, states=states,
                   answer=answer, flag=flag)


def read_page(image: np.ndarray | None, file: str, page: int,
              layouts: dict[tuple[str, str], SheetLayout]) -> PageRead:
    """Read one page against the layouts known, keyed by (quiz id, version)."""
    out = PageRead(file=file, page=page)
    if image is None or image.size == 0:
        return _unreadable(out, image, "the file could not be decoded as an image")
    located = locate(image)
    if located is None:
        return _unreadable(out, image, "fewer than 3 corner markers found (is the whole page in the picture?)")
    ids = read_qr(located)
    if ids is None:
        return _unreadable(out, image, "the QR code could not be read")
    out.quiz, out.version, out.layout = ids
    layout = layouts.get((out.quiz, out.version))
    if layout is None or layout.layout != out.layout:
        what = "layout" if layout is not None else "quiz"
        return _unreadable(out, image, f"{what} not given: the sheet is quiz {out.quiz}, version {out.version}, "
                                       f"layout {out.layout} (pass its quiz JSON with --quiz; sheets and quiz "
                                       "from one build)")
    if layout.paper != Paper.a4.value:
        located = refit(located, Paper(layout.paper))
    upright = warp(located, layout.width, layout.height)
    measured = measure_page(upright, layout)
    radius = layout.bubble_radius
    # every bubble of the page measured in one pass, then cut back into rows
    groups = [row for row in layout.student] + [row.bubbles for row in layout.rows]
    flat = iter(fills(measured, [(b.x, b.y) for g in groups for b in g], radius))
    per_group = [list(islice(flat, len(g))) for g in groups]
    digits = len(layout.student)
    for i, (row, f) in enumerate(zip(layout.student, per_group[:digits], strict=True), 1):
        out.student_rows.append(_read_row("student", i, "digit", row, f))
    unclear = [f"digit {r.number}: {r.flag}" for r in out.student_rows if r.flag]
    if unclear:
        out.student_flag = "student number unclear (" + "; ".join(unclear) + ")"
        out.student_crop = _crop(upright, [b for row in layout.student for b in row], radius)
    else:
        out.student = "".join(r.answer for r in out.student_rows)
    for row, f in zip(layout.rows, per_group[digits:], strict=True):
        read = _read_row(row.item, row.number, row.kind, row.bubbles, f)
        if read.flag:
            read.crop = _crop(upright, row.bubbles, radius)
        out.rows.append(read)
    return out
