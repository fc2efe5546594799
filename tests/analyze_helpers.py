"""A class answering the fixture quiz (rivers, versions A and B), written in the three layouts
`quizgen analyze` reads: grades.csv (as docs/grading.md and the grade/analyze contract describe it),
a plain responses CSV (by item id, or by item number), and Moodle's Responses report.

Answers are drawn once per student in canonical terms (which option, which text, how many points),
then printed as each layout prints them, so the figures must come out the same from every file.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from conftest import FIXTURES

LETTERS = "ABCDEFGH"
GRADES_HEAD = ["file", "page", "quiz", "version", "student", "name"]


def build_rivers_quiz(out: Path) -> list[Path]:
    """The fixture recipe's quiz JSON, versions A and B."""
    from quizgen.pipeline import Build
    from quizgen.render.html import render_quiz

    build = Build.open(FIXTURES / "decks" / "rivers.yaml", [str(FIXTURES / "packs")])
    quiz = build.quiz()
    files = render_quiz(quiz, ("json",), [])
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)
        paths.append(out / name)
    return paths


def draw_class(quiz_files: list[Path], n: int, seed: int) -> list[dict]:
    """n students: version, and per item id {option text | written text | points}."""
    rng = random.Random(seed)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in quiz_files]
    items = {q["id"]: q for q in docs[0]["questions"]}
    students = []
    for s in range(n):
        ability = rng.random()
        doc = docs[s % len(docs)]
        answers = {}
        for item_id, q in items.items():
            knows = rng.random() < 0.25 + 0.7 * ability
            if q["type"] in ("multiple_choice", "true_false"):
                if rng.random() < 0.04:
                    answers[item_id] = {"blank": True}
                else:
                    pick = q["options"][q["key"]] if knows else rng.choice(q["options"])
                    answers[item_id] = {"option": pick}
            elif q["type"] in ("fill_blank", "short_answer"):
                wrong = rng.choice(["Peru", "the Nile", "Austria", "Mekong"])
                answers[item_id] = {"text": q["answer"] if knows else wrong}
            else:
                answers[item_id] = {"points": q["points"] if knows else rng.choice([0, 1])}
        if s == 0:  # the first student marked two bubbles of the first item
            answers[next(iter(items))] = {"double": True}
        students.append({"student": f"{1000 + s}", "version": doc["version"], "answers": answers})
    return students


def _printed(doc: dict) -> dict[str, dict]:
    return {q["id"]: q for q in doc["questions"]}


def _letter(q: dict, option: str) -> str:
    return LETTERS[q["options"].index(option)]


def _points_of(q: dict, a: dict) -> float:
    from quizgen.normalize import written_answer_ok

    if "option" in a:
        return q["points"] if a["option"] == q["options"][q["key"]] else 0
    if "text" in a:
        return q["points"] if written_answer_ok(a["text"], [q["answer"], *q.get("accept", [])]) else 0
    return a.get("points", 0)


def write_grades(path: Path, quiz_files: list[Path], students: list[dict], quiz_id: str | None = None) -> None:
    """grades.csv as `quizgen grade` writes it: letters as printed on the student's version, the
    quiz id of the quiz JSON (or `quiz_id`) in its quiz column."""
    docs = {json.loads(p.read_text())["version"]: json.loads(p.read_text()) for p in quiz_files}
    quiz_id = quiz_id or docs["A"].get("quiz", "q1")
    order = [q["id"] for q in docs["A"]["questions"]]
    head = list(GRADES_HEAD)
    for item_id in order:
        head += [item_id, f"{item_id}:correct", f"{item_id}:points"]
    head += ["total", "max", "percent", "flags"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for n, s in enumerate(students):
            printed = _printed(docs[s["version"]])
            row = ["scans.pdf", n + 1, quiz_id, s["version"], s["student"], ""]
            total = 0.0
            for item_id in order:
                q, a = printed[item_id], s["answers"][item_id]
                pts = _points_of(q, a)
                total += pts
                if a.get("double"):  # its letters, :correct empty, :points 0 (the contract)
                    row += ["AC", "", 0]
                    continue
                if "option" in a and q["type"] == "true_false":
                    cell = "TF"[q["options"].index(a["option"])]  # printed T and F (contract)
                elif "option" in a:
                    cell = _letter(q, a["option"])
                elif a.get("blank"):
                    cell = ""
                else:
                    cell = str(pts)  # written and matching items: points read from the box
                row += [cell, "1" if pts == q["points"] else "0", pts]
            mx = sum(q["points"] for q in printed.values())
            row += [total, mx, f"{100 * total / mx:.1f}", 0]
            w.writerow(row)


def write_responses(path: Path, quiz_files: list[Path], students: list[dict], *,
                    numbered: bool = False) -> None:
    """A plain responses CSV; columns by item id, or by number in the student's version."""
    docs = {json.loads(p.read_text())["version"]: json.loads(p.read_text()) for p in quiz_files}
    order = [q["id"] for q in docs["A"]["questions"]]
    cols = [str(n + 1) for n in range(len(order))] if numbered else order
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "version", *cols])
        for s in students:
            doc = docs[s["version"]]
            printed = _printed(doc)
            ids = [q["id"] for q in doc["questions"]] if numbered else order
            row = [s["student"], s["version"]]
            for item_id in ids:
                q, a = printed[item_id], s["answers"][item_id]
                if a.get("double"):
                    row.append("AC")
                elif "option" in a:
                    row.append(_letter(q, a["option"]))
                elif "text" in a:
                    row.append(a["text"])
                elif a.get("blank"):
                    row.append("")
                else:
                    row.append(str(a["points"]))
            w.writerow(row)


def write_moodle(path: Path, quiz_files: list[Path], students: list[dict]) -> None:
    """Moodle's Responses report as CSV, for students who all took version A (Moodle shuffles
    nothing here): option texts, typed text, `premise -> answer` pairs, `-` for no answer."""
    doc = json.loads(quiz_files[0].read_text())
    qs = doc["questions"]
    head = ["Last name", "First name", "Email address", "State", "Started on", "Completed",
            "Time taken", f"Grade/{doc['total_points']}.00"]
    for n in range(len(qs)):
        head += [f"Question {n + 1}", f"Response {n + 1}", f"Right answer {n + 1}"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for s in students:
            row = ["Student", s["student"], f"s{s['student']}@school.example", "Finished",
                   "1 March 2026  10:00 AM", "1 March 2026  10:20 AM", "20 mins", "0"]
            for q in qs:
                a = s["answers"][q["id"]]
                if a.get("double"):
                    resp = f"{q['options'][0]}; {q['options'][2]}"
                elif "option" in a:
                    resp = a["option"]
                elif "text" in a:
                    resp = a["text"]
                elif a.get("blank"):
                    resp = "-"
                else:  # an ordering item exported as matching (event -> position)
                    events = list(q["answer"])
                    right = round(a["points"] / q["points"] * len(events))
                    wrong = list(range(right, len(events)))
                    spots = {i: i for i in range(right)}
                    spots.update({i: wrong[(n + 1) % len(wrong)] for n, i in enumerate(wrong)})
                    resp = "; ".join(f"{e} -> {spots[i] + 1}" for i, e in enumerate(events))
                right_answer = q["answer"] if isinstance(q["answer"], str) else "..."
                row += [q["prompt"], resp, right_answer]
            w.writerow(row)
        w.writerow(["Overall average", "", "", "", "", "", "", "5.00"] + [""] * (3 * len(qs)))
