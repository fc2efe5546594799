"""One scanned page read: which sheet it is, and every bubble's state, with nothing guessed.

A row (an item's bubbles, a points box, a digit of the student number) gets an answer only when
each of its bubbles is clearly filled or clearly empty. Anything else is flagged with the reason
and a crop of the row, for the review page: an uncertain bubble (a light or erased mark), two
marks in one row, a points box left empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    overridden: bool = False  # the answer is the teacher's (an override), not the scan's

    @property
    def marked(self) -> list[str]:
        return [v for v, s in zip(self.values, self.states, strict=True) if s == "filled"]


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


def _thumbnail(image: np.ndarray | None) -> bytes | None:
    if image is None or image.size == 0:
        return None
    h, w = image.shape[:2]
    scale = 500 / max(h, w)
    return _png(cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))),
                           interpolation=cv2.INTER_AREA))


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


def read_page(image: np.ndarray | None, file: str, page: int,
              layouts: dict[tuple[str, str], SheetLayout]) -> PageRead:
    """Read one page against the layouts known, keyed by (quiz id, version)."""
    out = PageRead(file=file, page=page)
    if image is None or image.size == 0:
        out.problem = "the file could not be decoded as an image"
        return out
    located = locate(image)
    if located is None:
        out.problem = "fewer than 3 corner markers found (is the whole page in the picture?)"
        out.thumbnail = _thumbnail(image)
        return out
    ids = read_qr(located)
    if ids is None:
        out.problem = "the QR code could not be read"
        out.thumbnail = _thumbnail(image)
        return out
    out.quiz, out.version, out.layout = ids
    layout = layouts.get((out.quiz, out.version))
    if layout is None or layout.layout != out.layout:
        what = "layout" if layout is not None else "quiz"
        out.problem = (f"{what} not given: the sheet is quiz {out.quiz}, version {out.version}, layout "
                       f"{out.layout} (pass its quiz JSON with --quiz; sheets and quiz from one build)")
        out.thumbnail = _thumbnail(image)
        return out
    if layout.paper != Paper.a4.value:
        located = refit(located, Paper(layout.paper))
    upright = warp(located, layout.width, layout.height)
    measured = measure_page(upright, layout)
    radius = layout.bubble_radius
    # every bubble of the page measured in one pass, then cut back into rows
    groups = [row for row in layout.student] + [row.bubbles for row in layout.rows]
    flat = fills(measured, [(b.x, b.y) for g in groups for b in g], radius)
    per_group, at = [], 0
    for g in groups:
        per_group.append(flat[at:at + len(g)])
        at += len(g)
    digits = []
    student_states = []
    for i, row in enumerate(layout.student):
        f = per_group[i]
        states = [state(v) for v in f]
        digit, flag = decide_one([b.value for b in row], states, "no digit marked")
        out.student_rows.append(RowRead(item="student", number=i + 1, kind="digit", values=[b.value for b in row],
                                        fills=f, states=states, answer=digit, flag=flag))
        student_states.append(flag)
        digits.append(digit)
    if layout.student:
        if any(student_states):
            problems = [f"digit {i + 1}: {f}" for i, f in enumerate(student_states) if f]
            out.student_flag = "student number unclear (" + "; ".join(problems) + ")"
            out.student_crop = _crop(upright, [b for row in layout.student for b in row], radius)
        else:
            out.student = "".join(digits)
    for row, f in zip(layout.rows, per_group[len(layout.student):], strict=True):
        values = [b.value for b in row.bubbles]
        states = [state(v) for v in f]
        if row.kind == "choice":
            answer, flag = decide_choice(values, states)
        else:
            answer, flag = decide_one(values, states, "no points marked")
        read = RowRead(item=row.item, number=row.number, kind=row.kind, values=values, fills=f,
                       states=states, answer=answer, flag=flag)
        if flag:
            read.crop = _crop(upright, row.bubbles, radius)
        out.rows.append(read)
    return out
