"""From pages read to grades: keys from the quiz JSON, the teacher's overrides, duplicates, and
the rows of `grades.csv` (the contract in docs/grading.md, shared with `quizgen analyze`).

A flagged row scores nothing until an override decides it. Overrides are a CSV file the teacher
writes from the review page:

    file,page,item,answer
    scans/monday.pdf,3,student,204711
    scans/monday.pdf,3,fact-1890-relations,B
    photo-12.jpg,1,short-moscow,2
    photo-12.jpg,1,tf-embassy,-

`item` is an item id or `student`; `answer` the letters meant (as printed on that sheet), the
points, the student number, or `-` for no answer. `file` is the scan's name as given to `grade`
(its base name is enough when it is unique).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import GRADES_LEADING
from ..problems import Problem, Problems
from ..recipe import ItemType
from ..sheet.layout import SheetLayout, row_values
from .read import PageRead

TRAILING = ["total", "max", "percent", "flags"]


@dataclass
class Key:
    """One version's answers: item id -> (right letter or None for a points box, points)."""

    quiz: str
    version: str
    items: dict[str, tuple[str | None, int]]
    order: list[str]  # item ids in this version's order


def _right_letter(question: dict) -> str | None:
    """The letter a sheet marks for a choice item; None for an item marked by points. A key that
    is no option's index (a hand-edited JSON) is a ValueError: a letter no sheet marks would
    silently count every student wrong."""
    if question["type"] not in ("true_false", "multiple_choice"):
        return None
    letters = row_values(ItemType(question["type"]), len(question.get("options", ())), 0)
    key = question["key"]
    if type(key) is not int or not 0 <= key < len(letters):
        raise ValueError(f"item {question['id']}: key {key!r} is no option's index")
    return letters[key]


def load_key(path: Path) -> Key:
    """The key of one version from its quiz JSON (`quizgen quiz --format json`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        quiz, version, questions = data["quiz"], data["version"], data["questions"]
        items = {q["id"]: (_right_letter(q), int(q["points"])) for q in questions}
        order = [q["id"] for q in questions]
    except FileNotFoundError:
        raise Problem(str(path), 1, 1, "no such file (write it with quizgen quiz --format json)") from None
    except (OSError, ValueError, KeyError, TypeError, OverflowError) as err:
        raise Problem(str(path), 1, 1, f"not a quiz JSON of this quizgen ({type(err).__name__}: "
                                       f"{err}; rebuild it with quizgen quiz --format json)") from None
    return Key(quiz=quiz, version=version, items=items, order=order)


def layout_path(quiz_json: Path) -> Path:
    """`build/x-A.json` -> `build/x-sheet-A.json`."""
    stem, _, letter = quiz_json.stem.rpartition("-")
    return quiz_json.with_name(f"{stem}-sheet-{letter}.json")


def load_layout(path: Path) -> SheetLayout:
    try:
        return SheetLayout.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise Problem(str(path), 1, 1, "no sheet layout here: write it with quizgen sheet (same seed "
                                       "and versions as the quiz)") from None
    except (OSError, ValueError) as err:
        raise Problem(str(path), 1, 1, f"not a sheet layout ({' '.join(str(err).split())[:120]})") from None


@dataclass
class Override:
    file: str
    page: int
    item: str
    answer: str
    line: int


def load_overrides(path: Path) -> list[Override]:
    """Every override of the file; a malformed line is a located problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise Problem(str(path), 1, 1, f"cannot read: {err.strerror}") from None
    out, problems = [], []
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if n == 1 and [c.strip().lower() for c in row] == ["file", "page", "item", "answer"]:
            continue
        if len(row) != 4 or not row[1].strip().isdigit():
            problems.append(Problem(str(path), n, 1, "expected: file,page,item,answer (page a number)"))
            continue
        out.append(Override(row[0].strip(), int(row[1]), row[2].strip(), row[3].strip(), n))
    if problems:
        raise Problems(problems)
    return out


def apply_overrides(pages: list[PageRead], overrides: list[Override], source: str) -> list[Problem]:
    """Apply each override to its page; return the ones that match nothing (as problems to show)."""
    unused = []
    for o in overrides:
        hit = [p for p in pages
               if not p.problem and p.page == o.page and o.file in (p.file, Path(p.file).name)]
        if not hit:
            unused.append(Problem(source, o.line, 1, f"no readable page {o.page} of {o.file} among the scans"))
            continue
        for page in hit:
            value = "" if o.answer == "-" else o.answer.upper()
            if o.item == "student":
                page.student, page.student_flag = ("" if value == "" else o.answer), None
                continue
            rows = [r for r in page.rows if r.item == o.item]
            if not rows:
                unused.append(Problem(source, o.line, 1, f"no item {o.item!r} on that sheet"))
                continue
            rows[0].answer, rows[0].flag = value, None
    return unused


@dataclass
class Graded:
    rows: list[dict[str, str]]
    columns: list[str]
    duplicates: list[str] = field(default_factory=list)  # messages, one per page not counted
    repeated: set[int] = field(default_factory=set)  # indices (in the pages read) of sheets counted already

    def counted(self, pages: list[PageRead]) -> list[PageRead]:
        """`pages` (those graded) less the second scans of a sheet counted already."""
        return [p for i, p in enumerate(pages) if i not in self.repeated]


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def grade_rows(pages: list[PageRead], keys: dict[tuple[str, str], Key]) -> Graded:
    """One row per readable, distinct sheet. A page with the same quiz, version, student number
    and answers as an earlier one is the same sheet scanned twice: reported, counted once."""
    first = min(keys.values(), key=lambda k: k.version)
    columns = list(GRADES_LEADING)
    for item in first.order:
        columns += [item, f"{item}:correct", f"{item}:points"]
    columns += TRAILING
    graded = Graded(rows=[], columns=columns)
    seen: dict[tuple, PageRead] = {}
    for index, page in enumerate(pages):
        if page.problem:
            continue
        key = keys[(page.quiz, page.version)]
        answers = tuple((r.item, r.answer) for r in page.rows)
        if page.student:
            same = seen.get((page.quiz, page.student))
            if same is not None:
                where = f"{same.file} page {same.page}"
                if same.version == page.version and tuple((r.item, r.answer) for r in same.rows) == answers:
                    graded.duplicates.append(f"{page.file} page {page.page}: the same sheet as {where} "
                                             f"(student {page.student}), counted once")
                    graded.repeated.add(index)
                    continue
                graded.duplicates.append(f"{page.file} page {page.page}: student number {page.student} "
                                         f"is also on {where} with other answers; both graded, check them")
            else:
                seen[(page.quiz, page.student)] = page
        row = {"file": page.file, "page": str(page.page), "quiz": page.quiz or "", "version": page.version or "",
               "student": page.student, "name": ""}
        total = possible = 0.0
        for r in page.rows:
            right, points = key.items[r.item]
            possible += points
            if r.flag:
                answer, correct, score = ("?" if r.answer in ("", "?") or r.kind != "choice" else r.answer), "", 0.0
            elif r.kind == "choice":
                answer = r.answer
                correct = "1" if r.answer == right else "0"
                score = float(points) if correct == "1" else 0.0
            else:
                answer = r.answer
                try:
                    score = min(float(r.answer), float(points)) if r.answer else 0.0
                except ValueError:
                    score = 0.0
                correct = "1" if score == points else "0"
            total += score
            row[r.item], row[f"{r.item}:correct"], row[f"{r.item}:points"] = answer, correct, _number(score)
        row["total"], row["max"] = _number(total), _number(possible)
        row["percent"] = f"{100 * total / possible:.1f}" if possible else "0.0"
        row["flags"] = str(page.flags)
        graded.rows.append(row)
    return graded


def csv_bytes(graded: Graded) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=graded.columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(graded.rows)
    return buffer.getvalue().encode("utf-8")
