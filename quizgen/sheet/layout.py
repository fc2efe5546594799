"""Where everything sits on an answer sheet, in millimetres from the page's top-left corner.

The layout is computed once from the quiz version and written beside the sheet as JSON, so the
reader never guesses: it maps the page through the four corner markers and looks where the layout
says. Positions are rounded to 0.01 mm so the JSON (and its id) are the same on every machine.

    ┌■──────────────────────────────────■┐   ■ ArUco markers 0-3 (clockwise from top left)
    │ title, version, name line       QR │
    │ student number: a row per digit    │
    │ answer rows in columns:            │
    │   12  (A)(B)(C)(D)   bubble items  │
    │   17  (0)(1)(2)      points boxes  │
    └■──────────────────────────────────■┘
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..problems import Problem
from ..quiz.items import Quiz, Version
from ..recipe import ItemType, Paper

PAGE_MM = {Paper.a4: (210.0, 297.0), Paper.letter: (215.9, 279.4)}
#: ArUco 4x4 markers: 4x4 data cells in a black border, 6 cells of 1.5 mm (at 150 dpi a cell is
#: 8.9 px, above the ~7 px per bit that detection needs under blur), 8 mm from the page edge.
MARKER_CELL = 1.5
MARKER_SIZE = 6 * MARKER_CELL
MARKER_INSET = 8.0
QR_SIZE = 24.0
BUBBLE_RADIUS = 2.3
PITCH = 6.5
ROW = 6.5
NUMBER_WIDTH = 9.0
COLUMN_GAP = 5.0
LEFT = 20.0
ANSWERS_TOP = 86.0
ANSWERS_BOTTOM_GAP = 20.0
BUBBLE_TYPES = (ItemType.multiple_choice, ItemType.true_false)
#: Points boxes hold 0..points bubbles; more than this does not fit a row.
MAX_BOX_POINTS = 12
#: The QR payload's first field: the format of the sheet (a reader refuses what it does not know).
QR_PREFIX = "QZ1"


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bubble(Frozen):
    value: str  # the printed letter (A, T), the digit of a student-number bubble, or points
    x: float
    y: float


class Row(Frozen):
    """One item's bubbles: its choices as printed, or the points box the teacher fills in."""

    item: str
    number: int
    type: str
    kind: Literal["choice", "points"]
    points: int
    bubbles: list[Bubble]


class Header(Frozen):
    """The letters printed above a run of rows of one kind (not read)."""

    x: float
    y: float
    labels: list[Bubble]
    title: str


class Marker(Frozen):
    id: int
    corners: list[tuple[float, float]]  # outer corners: top left, top right, bottom right, bottom left


class SheetLayout(Frozen):
    layout: str
    quiz: str
    title: str
    version: str
    paper: str
    width: float
    height: float
    bubble_radius: float
    markers: list[Marker]
    qr: tuple[float, float, float]  # x, y, size
    qr_text: str
    student: list[list[Bubble]]  # one row of ten bubbles (0-9) per digit
    rows: list[Row]
    headers: list[Header]

    def json_bytes(self) -> bytes:
        return (json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _r(v: float) -> float:
    return round(v, 2)


def row_values(kind: ItemType, options: int, points: int) -> list[str]:
    """What a row's bubbles say: option letters (T/F for true/false) or points 0..max."""
    if kind is ItemType.true_false:
        return ["T", "F"]
    if kind is ItemType.multiple_choice:
        return [chr(ord("A") + i) for i in range(options)]
    return [str(p) for p in range(points + 1)]


def _bubbles(values: list[str], x0: float, y: float) -> list[Bubble]:
    """A row of bubbles (or of the letters above them) after a question number starting at x0."""
    return [Bubble(value=v, x=_r(x0 + NUMBER_WIDTH + BUBBLE_RADIUS + i * PITCH), y=_r(y)) for i, v in enumerate(values)]


def markers(width: float, height: float) -> list[Marker]:
    s, m = MARKER_SIZE, MARKER_INSET
    origins = [(m, m), (width - m - s, m), (width - m - s, height - m - s), (m, height - m - s)]
    return [Marker(id=i, corners=[(_r(x), _r(y)), (_r(x + s), _r(y)), (_r(x + s), _r(y + s)), (_r(x), _r(y + s))])
            for i, (x, y) in enumerate(origins)]


def sheet_layout(quiz: Quiz, version: Version, *, digits: int = 6) -> SheetLayout:
    """The answer sheet of one version: every bubble's centre in mm."""
    width, height = PAGE_MM[quiz.paper]
    student = [[Bubble(value=str(d), x=_r(LEFT + 16 + d * PITCH), y=_r(44 + i * ROW)) for d in range(10)]
               for i in range(digits)]
    top = max(ANSWERS_TOP, 44 + digits * ROW + 4)
    specs = []
    for n, item in enumerate(version.items, 1):
        kind = "choice" if item.type in BUBBLE_TYPES else "points"
        if kind == "points" and item.points > MAX_BOX_POINTS:
            raise Problem(item.id, 1, 1, f"{item.points} points do not fit a points box on the answer "
                                         f"sheet (at most {MAX_BOX_POINTS})")
        specs.append((n, item, kind, row_values(item.type, len(item.options), item.points)))
    widest = max(len(v) for *_, v in specs)
    box_labels = [str(p) for p in range(max((len(v) for _, _, k, v in specs if k == "points"), default=0))]
    col_width = NUMBER_WIDTH + widest * PITCH + COLUMN_GAP
    columns = max(1, int((width - 2 * LEFT + COLUMN_GAP) // col_width))
    per_column = int((height - ANSWERS_BOTTOM_GAP - top) // ROW)
    rows: list[Row] = []
    headers: list[Header] = []
    col, line, last_group = 0, 0, None
    for n, item, kind, values in specs:
        group = (kind, item.type.value if kind == "choice" else "points", len(values) if kind == "choice" else 0)
        need_header = line == 0 or group != last_group
        if line + need_header + 1 > per_column:
            col, line, need_header = col + 1, 0, True
            if col >= columns:
                raise Problem(quiz.name, 1, 1, f"the quiz has {len(specs)} items: more than one answer "
                                               "sheet page holds; split it into smaller quizzes")
        x0 = LEFT + col * col_width
        if need_header:
            title = {"multiple_choice": "", "true_false": "True / False"}.get(item.type.value, "points (teacher)")
            y = top + line * ROW
            headers.append(Header(x=_r(x0), y=_r(y), title=title,
                                  labels=_bubbles(values if kind == "choice" else box_labels, x0, y)))
            line += 1
        rows.append(Row(item=item.id, number=n, type=item.type.value, kind=kind, points=item.points,
                        bubbles=_bubbles(values, x0, top + line * ROW)))
        line += 1
        last_group = group
    qr = (_r(width - MARKER_INSET - QR_SIZE), 20.0, QR_SIZE)
    body = dict(quiz=quiz.quiz_id, title=quiz.title, version=version.letter, paper=quiz.paper.value,
                width=width, height=height, bubble_radius=BUBBLE_RADIUS, markers=markers(width, height),
                qr=qr, student=student, rows=rows, headers=headers)
    probe = SheetLayout(layout="", qr_text="", **body)
    digest = hashlib.sha256(json.dumps(probe.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()[:8]
    return SheetLayout(layout=digest, qr_text=f"{QR_PREFIX}|{quiz.quiz_id}|{version.letter}|{digest}", **body)


def parse_qr(text: str) -> tuple[str, str, str] | None:
    """(quiz id, version, layout id) from a sheet's QR text, or None if it is not ours."""
    parts = text.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX:
        return None
    return parts[1], parts[2], parts[3]
