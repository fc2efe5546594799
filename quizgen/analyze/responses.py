"""Students' answers, from any of three CSV layouts, as one table in the quiz's canonical order.

* `grades.csv` of `quizgen grade` (docs/grading.md; header `file,page,quiz,version,student,name`,
  then `<item id>`, `<item id>:correct`, `<item id>:points` per item): the printed letters are
  mapped back to options through the version's quiz JSON; the points column is the score.
* a plain responses CSV: a `student` column, a `version` column (optional when the quiz has one
  version), and one column per item, named by the item id or by its number in the student's
  version (`1`, `2`, ... or `Q1`, `Q2`, ...; the header decides for the whole file). A choice
  item's cell is the printed letter or the option's text (a true/false item's also `T` or `F`); a written item's cell is the text the
  student wrote (scored like the self-check page scores it); a matching or ordering item's cell is
  the points scored. An optional `<item id>:points` column overrides the score of any item.
* Moodle's quiz "Responses" report, downloaded as CSV: `Response 1`, `Response 2`, ... (and,
  when shown, `Question N` and `Right answer N`). Slot N is matched to the item whose prompt is the
  `Question N` text, or else to item N of the first version given. A response is the chosen
  option's text (`True`/`False` for true/false), the text typed, or `premise -> answer; ...` for a
  matching question; `-` is no answer. Only attempts whose `State` is `Finished` are read.

Every answer becomes a score (points), and for choice items the canonical option chosen.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..formats import GRADES_LEADING
from ..normalize import normalize_answer, written_answer_ok
from ..problems import Problem, Problems
from .keys import LETTERS, KeyItem, QuizKey

BLANK, OTHER = -1, -2  # choice codes: no mark; several marks or unreadable
_NUMBERED = re.compile(r"(?:q)?(\d+)", re.IGNORECASE)
_MOODLE_RESPONSE = re.compile(r"Response (\d+)")


@dataclass
class Answers:
    """One row per student: the version, each item's points, chosen option and written text."""

    key: QuizKey
    students: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    points: list[list[float]] = field(default_factory=list)  # n x k, the quiz key's item order
    choices: list[list[int]] = field(default_factory=list)  # canonical option, BLANK or OTHER
    texts: list[list[str | None]] = field(default_factory=list)  # written answers as written
    rows: list[str] = field(default_factory=list)  # file:line of each student's row
    seen: set[str] = field(default_factory=set)  # items some file has a column for

    def only(self, ids: set[str]) -> Answers:
        """The same students, with only the items `ids` (quiz order kept)."""
        keep = [j for j, i in enumerate(self.key.items) if i.id in ids]
        key = QuizKey(self.key.title, [self.key.items[j] for j in keep], self.key.versions,
                      self.key.quiz_id)
        pick = lambda rows: [[r[j] for j in keep] for r in rows]  # noqa: E731
        return Answers(key, list(self.students), list(self.versions), pick(self.points),
                       pick(self.choices), pick(self.texts), list(self.rows), set(ids))

    def add(self, student: str, version: str, where: str) -> int:
        k = len(self.key.items)
        self.students.append(student)
        self.versions.append(version)
        self.points.append([0.0] * k)
        self.choices.append([BLANK] * k)
        self.texts.append([None] * k)
        self.rows.append(where)
        return len(self.students) - 1


def _number(text: str, where: Problem) -> float:
    """Points in a cell; `where` locates the cell and names it (its message)."""
    try:
        value = float(text)
    except ValueError:
        raise replace(where, message=f"{where.message}: {text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise replace(where, message=f"{where.message}: {text!r} is not a number of points")
    return value


def _choice_of(item: KeyItem, version: str, cell: str) -> int:
    """The canonical option a cell names: a printed letter, several (OTHER), or an option's text."""
    text = cell.strip()
    if not text or text == "-":
        return BLANK
    if text == "?":
        return OTHER
    order = item.printed.get(version) or list(range(len(item.options)))
    up = text.upper()
    if len(up) == 1 and up in LETTERS[: len(order)]:
        return order[LETTERS.index(up)]
    if item.type == "true_false" and up in ("T", "F") and len(order) == 2:
        return order[0 if up == "T" else 1]  # grades.csv: T is the JSON's option 0, F option 1
    key = normalize_answer(text)
    for n, option in enumerate(item.options):
        if normalize_answer(option) == key:
            return n
    return OTHER  # several letters (a double mark) or a text that is no option


def _score_cell(answers: Answers, row: int, j: int, item: KeyItem, version: str, cell: str,
                where: Problem) -> None:
    """Fill row `row`, item `j` from a plain responses cell (or a Moodle response)."""
    if item.is_choice:
        choice = _choice_of(item, version, cell)
        answers.choices[row][j] = choice
        answers.points[row][j] = item.points if choice == item.key else 0.0
    elif item.is_written:
        text = cell.strip()
        if text and text != "-":
            answers.texts[row][j] = text
            ok = written_answer_ok(text, [item.answer_text or "", *item.accept])
            answers.points[row][j] = item.points if ok else 0.0
    elif cell.strip() and cell.strip() != "-":
        answers.points[row][j] = min(item.points, _number(cell.strip(), where))


def _read_rows(path: str, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header, and each non-blank row with its line, padded to the header's width."""
    reader = csv.reader(io.StringIO(text, newline=""))
    first = next(reader, None)
    if first is None:
        raise Problem(path, 1, 1, "empty file: expected a header row")
    header = [h.strip().lstrip("\ufeff") for h in first]
    rows = [(reader.line_num, record) for record in reader if any(c.strip() for c in record)]
    return header, [(line, rec + [""] * (len(header) - len(rec))) for line, rec in rows]


def _version_of(key: QuizKey, value: str, where: Problem) -> str:
    letter = value.strip().upper() or (key.default_version if len(key.versions) == 1 else "")
    if letter not in key.versions:
        given = ", ".join(key.versions)
        raise replace(where, message=f"version {value.strip()!r} is not one of the quiz files given "
                                     f"({given}); add its JSON with --quiz")
    return letter


def _read_grades(path: str, header: list[str], rows, key: QuizKey, answers: Answers,
                 problems: list[Problem]) -> None:
    col = {h: n for n, h in enumerate(header)}
    missing = [i.id for i in key.items if i.id not in col or f"{i.id}:points" not in col]
    if missing:
        problems.append(Problem(path, 1, 1, f"no columns for item(s) {', '.join(missing[:5])}: "
                                            "is this the grades.csv of another quiz?"))
        return
    answers.seen |= {i.id for i in key.items}
    for line, rec in rows:
        try:
            version = _version_of(key, rec[col["version"]], Problem(path, line, 1, ""))
        except Problem as err:
            problems.append(err)
            continue
        sheet_quiz = rec[col["quiz"]].strip()
        if key.quiz_id and sheet_quiz and sheet_quiz != key.quiz_id:
            problems.append(Problem(path, line, col["quiz"] + 1,
                                    f"this sheet is of quiz {sheet_quiz}, the --quiz files of quiz "
                                    f"{key.quiz_id}"))
            continue
        student = rec[col["student"]].strip() or f"{Path(rec[col['file']]).name}:{rec[col['page']]}"
        row = answers.add(student, version, f"{path}:{line}")
        for j, item in enumerate(key.items):
            cell = rec[col[item.id]]
            try:
                answers.points[row][j] = _number(rec[col[f"{item.id}:points"]].strip() or "0",
                                                 Problem(path, line, 1, f"{item.id}:points"))
            except Problem as err:
                problems.append(err)
            if item.is_choice:
                answers.choices[row][j] = _choice_of(item, version, cell)


def _plain_columns(header: list[str], key: QuizKey, path: str) -> dict[str, int] | dict[int, int]:
    """Item columns: {item id: column} or, for numbered headers, {number: column}."""
    by_id = {h: n for n, h in enumerate(header) if key.item(h)}
    if by_id:
        return by_id
    numbered = {int(m.group(1)): n for n, h in enumerate(header) if (m := _NUMBERED.fullmatch(h))}
    if not numbered:
        raise Problem(path, 1, 1, "no item columns: name them by item id (as in the quiz JSON) "
                                  "or by number in the student's version (1, 2, ... or Q1, Q2, ...)")
    return numbered


def _read_plain(path: str, header: list[str], rows, key: QuizKey, answers: Answers,
                problems: list[Problem]) -> None:
    lower = [h.lower() for h in header]
    if "student" not in lower:
        problems.append(Problem(path, 1, 1, "no `student` column (a plain responses CSV has "
                                            "student, version and one column per item)"))
        return
    s_col = lower.index("student")
    v_col = lower.index("version") if "version" in lower else None
    try:
        columns = _plain_columns(header, key, path)
    except Problem as err:
        problems.append(err)
        return
    override = {h.split(":")[0]: n for n, h in enumerate(header)
                if h.endswith(":points") and key.item(h.split(":")[0])}
    for line, rec in rows:
        try:
            version = _version_of(key, rec[v_col] if v_col is not None else "",
                                  Problem(path, line, (v_col or 0) + 1, ""))
        except Problem as err:
            problems.append(err)
            continue
        row = answers.add(rec[s_col].strip(), version, f"{path}:{line}")
        order = key.versions[version]
        for j, item in enumerate(key.items):
            name = item.id if item.id in columns else order.index(item.id) + 1
            if name not in columns:
                continue
            answers.seen.add(item.id)
            where = Problem(path, line, columns[name] + 1, f"item {item.id}")
            try:
                _score_cell(answers, row, j, item, version, rec[columns[name]], where)
                if item.id in override and rec[override[item.id]].strip():
                    answers.points[row][j] = _number(rec[override[item.id]].strip(), where)
            except Problem as err:
                problems.append(err)


def _slot_items(header: list[str], rows, key: QuizKey, path: str) -> dict[int, KeyItem]:
    """Moodle slot -> item: by the `Question N` text when shown, else by position."""
    slots = sorted(int(m.group(1)) for h in header if (m := _MOODLE_RESPONSE.fullmatch(h)))
    by_prompt = {normalize_answer(i.prompt): i for i in key.items}
    first = key.versions[key.default_version]
    out: dict[int, KeyItem] = {}
    for slot in slots:
        name = f"Question {slot}"
        texts = {normalize_answer(rec[header.index(name)]) for _, rec in rows
                 if name in header} - {""}
        hit = next((by_prompt[t] for t in texts if t in by_prompt), None)
        if hit is None and 0 < slot <= len(first):
            hit = key.item(first[slot - 1])
        if hit is not None:
            out[slot] = hit
    if not out:
        raise Problem(path, 1, 1, "no Moodle slot matches an item of the quiz")
    return out


def _matching_points(item: KeyItem, response: str) -> float:
    """Moodle's `premise -> answer; ...` of a matching question: points for the pairs it got."""
    want = {normalize_answer(p): normalize_answer(r) for p, r in item.pairs}
    if not want:
        return 0.0
    right = 0
    for part in response.split("; "):
        premise, arrow, given = part.partition(" -> ")
        if arrow and want.get(normalize_answer(premise)) == normalize_answer(given):
            right += 1
    return item.points * right / len(want)


def _read_moodle(path: str, header: list[str], rows, key: QuizKey, answers: Answers,
                 problems: list[Problem]) -> None:
    try:
        slots = _slot_items(header, rows, key, path)
    except Problem as err:
        problems.append(err)
        return
    col = {h: n for n, h in enumerate(header)}
    ident = next((h for h in ("ID number", "Email address", "Username") if h in col), None)
    for line, rec in rows:
        if "State" in col and rec[col["State"]].strip() not in ("Finished", ""):
            continue
        if not any(rec[col[f"Response {s}"]].strip() for s in slots):
            continue  # a summary row ("Overall average") or an empty attempt
        names = " ".join(rec[col[h]].strip() for h in ("First name", "Last name", "Surname")
                         if h in col)
        student = (rec[col[ident]].strip() if ident else "") or names or f"row {line}"
        version = key.default_version
        row = answers.add(student, version, f"{path}:{line}")
        for slot, item in slots.items():
            answers.seen.add(item.id)
            j = key.items.index(item)
            cell = rec[col[f"Response {slot}"]]
            if item.type in ("matching", "ordering"):
                answers.points[row][j] = _matching_points(item, cell)
                continue
            where = Problem(path, line, col[f"Response {slot}"] + 1, f"item {item.id}")
            if item.is_choice and "; " in cell.strip():
                cell = "AB"  # several options ticked: counted as a double mark
            try:
                _score_cell(answers, row, j, item, version, cell, where)
            except Problem as err:
                problems.append(err)


def kind_of(header: list[str]) -> str:
    """`grades`, `moodle` or `plain`, from the header row."""
    if header[: len(GRADES_LEADING)] == GRADES_LEADING:  # what quizgen grade writes
        return "grades"
    if any(_MOODLE_RESPONSE.fullmatch(h) for h in header):
        return "moodle"
    return "plain"


def read_answers(paths: list[str | Path], key: QuizKey) -> Answers:
    """Every student of every file, in file order; all problems raised together."""
    answers = Answers(key)
    problems: list[Problem] = []
    readers = {"grades": _read_grades, "moodle": _read_moodle, "plain": _read_plain}
    for raw in paths:
        path = str(raw)
        try:
            text = Path(raw).read_text(encoding="utf-8-sig")
        except OSError as err:
            problems.append(Problem(path, 1, 1, f"cannot read: {err.strerror}"))
            continue
        except UnicodeDecodeError as err:
            problems.append(Problem(path, 1, 1, f"not UTF-8 (byte {err.start}): save it as UTF-8 CSV"))
            continue
        try:
            header, rows = _read_rows(path, text)
        except csv.Error as err:
            problems.append(Problem(path, 1, 1, f"not a CSV file: {err}"))
            continue
        except Problem as err:
            problems.append(err)
            continue
        readers[kind_of(header)](path, header, rows, key, answers, problems)
    if problems:
        raise Problems(problems)
    if not answers.students:
        raise Problem(str(paths[0]) if paths else "RESPONSES", 1, 1, "no answers found")
    return answers


def answers_of_choices(key: QuizKey, choices, version: str | None = None) -> Answers:
    """A table from options chosen (n x k canonical indices, BLANK or OTHER) of a quiz of choice
    items: what a simulated class gives."""
    answers = Answers(key, seen={i.id for i in key.items})
    version = version or key.default_version
    for s, row in enumerate(choices):
        r = answers.add(f"s{s + 1}", version, f"row {s + 1}")
        for j, (item, c) in enumerate(zip(key.items, row)):
            answers.choices[r][j] = int(c)
            answers.points[r][j] = item.points if int(c) == item.key else 0.0
    return answers
