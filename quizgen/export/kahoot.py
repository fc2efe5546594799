"""Kahoot! spreadsheet: the multiple-choice and true/false questions of a quiz version or a bank,
laid out as Kahoot's own import template (Kahoot-Quiz-Spreadsheet-Template.xlsx) lays them out
(docs/exports.md describes the layout and its sources).

A question over a limit is not cut (a cut answer can become wrong or give the key away): it is
left out and reported, with its id. Lengths are counted in UTF-16 code units, as a browser counts
them. Other item types are not Kahoot quiz questions and are only counted in the report.

Cells are written as text (a fact starting with `=` stays text, not a formula); a text Excel
cannot store (control characters) is left out and reported. The .xlsx is reproducible: openpyxl's
file is re-zipped with fixed timestamps and its document dates set to the build time.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..archive import build_time, zip_bytes
from .questions import Question, QuestionSet

QUESTION_MAX = 120
ANSWER_MAX = 75
#: The time limits Kahoot's template offers, in seconds.
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
#: The time given to every question: enough to read 120 characters and four answers aloud.
TIME_LIMIT = 30
#: The first row of questions (1-based, as Excel numbers rows), and the header row above it.
FIRST_ROW = 9
HEADER_ROW = 8
SHEET = "Sheet1"
HEADERS = (
    "#",
    f"Question - max {QUESTION_MAX} characters",
    *(f"Answer {n} - max {ANSWER_MAX} characters" for n in range(1, 5)),
    "Time limit (sec) - 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)


def length(text: str) -> int:
    """A text's length as a browser counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class KahootRow:
    question: str
    answers: tuple[str, ...]
    correct: int  # 1-based


@dataclass(frozen=True)
class KahootSheet:
    """The file and what was left out of it, one line per question (`kahoot: ...`)."""

    data: bytes
    notes: tuple[str, ...] = ()


def row_of(q: Question) -> KahootRow | str:
    """The question as a row, or why it cannot be one."""
    if q.kind == "choice":
        answers, correct = tuple(q.choices), (q.key or 0) + 1
    else:
        answers, correct = ("True", "False"), 1 if q.truth else 2
    if length(q.prompt) > QUESTION_MAX:
        return f"question is {length(q.prompt)} characters (Kahoot allows {QUESTION_MAX})"
    for n, a in enumerate(answers, start=1):
        if length(a) > ANSWER_MAX:
            return f"answer {n} is {length(a)} characters (Kahoot allows {ANSWER_MAX})"
    if not 2 <= len(answers) <= 4:
        return f"{len(answers)} answers (Kahoot takes 2 to 4)"
    for text in (q.prompt, *answers):
        if ILLEGAL_CHARACTERS_RE.search(text):
            return "a text holds a control character a spreadsheet cannot store"
    return KahootRow(q.prompt, answers, correct)


def kahoot_sheet(qset: QuestionSet) -> KahootSheet:
    """The set's multiple-choice and true/false questions as Kahoot's import spreadsheet."""
    rows: list[KahootRow] = []
    notes: list[str] = []
    quiz_questions = [q for q in qset.questions if q.kind in ("choice", "truefalse")]
    for q in quiz_questions:
        row = row_of(q)
        if isinstance(row, str):
            notes.append(f"kahoot: {qset.name}: left out {q.id}: {row}")
        else:
            rows.append(row)
    others = len(qset.questions) - len(quiz_questions)
    if others:
        notes.append(
            f"kahoot: {qset.name}: {others} questions of other types (written answers, "
            "matching, ordering) have no Kahoot quiz form and are not in the sheet"
        )
    return KahootSheet(workbook_bytes(qset, rows), tuple(notes))


def workbook_bytes(qset: QuestionSet, rows: list[KahootRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    def put(row: int, col: int, value: str | int) -> None:
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, even when it starts with "=" (not a formula)

    # a label: characters a cell cannot hold are dropped, which harms none
    put(1, 2, ILLEGAL_CHARACTERS_RE.sub("", f"{qset.title} — {qset.label}"))
    put(2, 2, "Kahoot! quiz spreadsheet made by quizgen: in Kahoot, create a kahoot, add a "
              "question, then Import spreadsheet and choose this file.")
    for col, text in enumerate(HEADERS, start=1):
        put(HEADER_ROW, col, text)
    for n, r in enumerate(rows, start=1):
        line = FIRST_ROW + n - 1
        for col, value in enumerate((n, r.question, *r.answers), start=1):
            put(line, col, value)
        put(line, 7, TIME_LIMIT)
        put(line, 8, r.correct)
    when = build_time()  # openpyxl sets `modified` itself when saving: `_reproducible` fixes it
    wb.properties.creator = "quizgen"
    wb.properties.created = when.replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), when.strftime("%Y-%m-%dT%H:%M:%SZ"))


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(xlsx: bytes, iso: str) -> bytes:
    """openpyxl stamps the save time into the zip entries and `dcterms:modified`; put the build
    time in both, keeping the members and their order."""
    modified = rb"\g<1>" + iso.encode() + rb"\g<2>"
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    return zip_bytes([(name, _MODIFIED.sub(modified, data) if name == "docProps/core.xml" else data)
                      for name, data in members])
