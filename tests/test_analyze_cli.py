"""`quizgen analyze` on the fixture quiz (versions A and B): a grades.csv, a plain responses CSV by
item id and by item number, and Moodle's Responses report give the same figures for the same
answers; outputs, located errors, suggestions, and `quizgen lint --responses`."""

from __future__ import annotations

import csv
import json

import pytest
from analyze_helpers import (build_rivers_quiz, draw_class, write_grades, write_moodle,
                             write_responses)
from click.testing import CliRunner
from conftest import FIXTURES

from quizgen.cli import main

pytest.importorskip("numpy")
PACKS = str(FIXTURES / "packs")


@pytest.fixture(scope="module")
def quiz(tmp_path_factory):
    out = tmp_path_factory.mktemp("quiz")
    return out, build_rivers_quiz(out)


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def _figures(path):
    doc = json.loads(path.read_text())
    return doc["figures"], [
        (d["id"], d["facility"], d["discrimination"], d["upper_lower"],
         [(o["text"], o["share"], o["discrimination"]) for o in d["options"]]) for d in doc["items"]]


def test_every_layout_gives_the_same_figures(quiz, tmp_path):
    folder, files = quiz
    students = draw_class(files, 48, seed=11)
    write_grades(tmp_path / "grades.csv", files, students)
    write_responses(tmp_path / "by-id.csv", files, students)
    write_responses(tmp_path / "by-number.csv", files, students, numbered=True)
    got = {}
    for name in ("grades.csv", "by-id.csv", "by-number.csv"):
        r = _run("analyze", tmp_path / name, "--quiz", files[0], "--quiz", files[1],
                 "-o", tmp_path, "--name", name, "--facts", PACKS, "--format", "json")
        assert r.exit_code == 0, r.output
        got[name] = _figures(tmp_path / f"{name}.json")
    assert got["grades.csv"] == got["by-id.csv"] == got["by-number.csv"]
    first = json.loads((tmp_path / "grades.csv.json").read_text())["items"][0]
    assert first["other_share"] == 1 / 48  # the double mark (AC) of the first student
    tf = [d for d in json.loads((tmp_path / "grades.csv.json").read_text())["items"]
          if d["type"] == "true_false"]
    assert tf and all(abs(sum(o["share"] for o in d["options"]) + d["blank_share"] - 1) < 1e-9
                      for d in tf), "every T and F of grades.csv is read as an option"
    figures, items = got["grades.csv"]
    assert figures["students"] == 48 and figures["items"] == 10
    # A and B pooled: the key of every choice item is one option, whatever letter each version printed
    assert all(sum(s for _, s, _ in opts) <= 1 + 1e-9 for *_, opts in items)

    # Moodle: one version, option texts and `premise -> position` pairs
    one = draw_class(files[:1], 36, seed=12)
    write_moodle(tmp_path / "moodle.csv", files[:1], one)
    write_responses(tmp_path / "plain-A.csv", files[:1], one)
    for name in ("moodle.csv", "plain-A.csv"):
        r = _run("analyze", tmp_path / name, "--quiz", files[0], "-o", tmp_path, "--name", name,
                 "--facts", PACKS, "--format", "json")
        assert r.exit_code == 0, r.output
    assert _figures(tmp_path / "moodle.csv.json") == _figures(tmp_path / "plain-A.csv.json")
    assert _figures(tmp_path / "moodle.csv.json")[0]["students"] == 36  # the average row is skipped


def test_outputs_and_flags(quiz, tmp_path):
    folder, files = quiz
    students = draw_class(files, 60, seed=3)
    # plant a wrong key: everyone who knows the Nile's length is scored wrong
    for s in students:
        s["answers"]["mc-nile-length"] = {"option": "7,970 km" if int(s["student"]) % 5 else "6,650 km"}
    write_responses(tmp_path / "class.csv", files, students)
    r = _run("analyze", tmp_path / "class.csv", "--quiz", files[0], "--quiz", files[1],
             "-o", tmp_path, "--facts", PACKS, "--suggestions")
    assert r.exit_code == 0, r.output
    for name in ("rivers-analysis.json", "rivers-analysis.html", "rivers-analysis-items.csv",
                 "rivers-analysis-options.csv", "rivers-analysis-suggestions.json"):
        assert (tmp_path / name).is_file(), name
    line = next(x for x in r.output.splitlines() if "field-key-below-distractor" in x)
    assert line.startswith("tests/fixtures/packs/rivers/rivers.yaml:") or "rivers.yaml:" in line
    assert "'7,970 km'" in line and "mc-nile-length" in line and "rivers/nile-length" in line
    doc = json.loads((tmp_path / "rivers-analysis.json").read_text())
    flag = next(f for f in doc["flags"] if f["check"] == "field-key-below-distractor")
    assert flag["distractor"] == "7,970 km" and flag["line"] > 0
    rows = list(csv.DictReader((tmp_path / "rivers-analysis-items.csv").open()))
    assert [row["id"] for row in rows] == [d["id"] for d in doc["items"]]
    assert float(rows[0]["facility"]) == doc["items"][0]["facility"]
    opts = list(csv.DictReader((tmp_path / "rivers-analysis-options.csv").open()))
    assert {o["option"] for o in opts if o["id"] == "mc-nile-length" and o["is_key"] == "1"} == {"6,650 km"}
    sugg = json.loads((tmp_path / "rivers-analysis-suggestions.json").read_text())["suggestions"]
    actions = {(s["action"], s.get("distractor")) for s in sugg if s["item_id"] == "mc-nile-length"}
    assert ("check-key", "7,970 km") in actions  # the distractor that beat the key: check the key
    assert ("retire-distractor", "5,510 km") in actions  # chosen by no one
    assert ("retire-distractor", "7,970 km") not in actions
    # wrong written answers are listed, the most common first
    short = next(d for d in doc["items"] if d["id"] == "short-yangtze-asia")
    counts = [w["count"] for w in short["wrong_answers"]]
    assert counts and counts == sorted(counts, reverse=True)

    # lint --responses: the field flags beside the rule book's findings
    r = _run("lint", FIXTURES / "decks" / "rivers.yaml", "--facts", PACKS, "--responses",
             tmp_path / "rivers-analysis.json")
    assert r.exit_code == 0, r.output
    field = [x for x in r.output.splitlines() if "[field]" in x]
    assert any("field-key-below-distractor [field] item mc-nile-length (rivers/nile-length)" in x
               and "rivers.yaml:" in x for x in field)
    assert r.output.rstrip().endswith(f"{len(doc['flags'])} warnings in 52 items")


def test_an_answer_strong_students_write_is_suggested(quiz, tmp_path):
    folder, files = quiz
    students = draw_class(files, 50, seed=9)
    for s in students:  # half the students who know the Yangtze write its other name
        a = s["answers"]["short-yangtze-asia"]
        if a["text"] == "Yangtze" and int(s["student"]) % 2:
            a["text"] = "Chang Jiang"
    write_responses(tmp_path / "class.csv", files, students)
    r = _run("analyze", tmp_path / "class.csv", "--quiz", files[0], "--quiz", files[1], "-o",
             tmp_path, "--facts", PACKS, "--suggestions", "--format", "json")
    assert r.exit_code == 0, r.output
    sugg = json.loads((tmp_path / "rivers-analysis-suggestions.json").read_text())["suggestions"]
    add = [s for s in sugg if s["action"] == "add-accepted-answer"]
    assert [s["answer"] for s in add if s["item_id"] == "short-yangtze-asia"] == ["Chang Jiang"]
    assert add[0]["file"].endswith("rivers.yaml") and add[0]["line"] > 0
    assert not any(s["answer"] in ("Peru", "Mekong", "Austria", "the Nile") for s in add
                   if s["item_id"] == "short-yangtze-asia")


def test_small_class_is_not_flagged_unless_asked(quiz, tmp_path):
    folder, files = quiz
    students = draw_class(files, 12, seed=5)
    for s in students:
        s["answers"]["mc-nile-length"] = {"option": "7,970 km"}
    write_responses(tmp_path / "small.csv", files, students)
    args = ["analyze", tmp_path / "small.csv", "--quiz", files[0], "--quiz", files[1], "-o",
            tmp_path, "--facts", PACKS, "--format", "json"]
    r = _run(*args)
    assert r.exit_code == 0 and "0 items flagged (none: fewer than 20 students" in r.output
    r = _run(*args, "--min-responses", "10")
    assert r.exit_code == 0 and "field-too-hard item mc-nile-length" in r.output


def test_located_errors(quiz, tmp_path):
    folder, files = quiz
    bad = tmp_path / "bad.csv"
    bad.write_text("student,version,1\nann,A,B\nbob,C,A\n", encoding="utf-8")
    r = _run("analyze", bad, "--quiz", files[0], "--quiz", files[1], "-o", tmp_path)
    assert r.exit_code == 1
    assert f"{bad}:3:2: version 'C' is not one of the quiz files given (A, B)" in r.output
    assert "Traceback" not in r.output
    r = _run("analyze", bad, "--quiz", bad, "-o", tmp_path)
    assert r.exit_code == 1 and f"{bad}:1:1: not JSON" in r.output
    r = _run("analyze", tmp_path / "none.csv", "--quiz", files[0], "-o", tmp_path)
    assert r.exit_code == 1 and "cannot read" in r.output
    nothing = tmp_path / "empty.csv"
    nothing.write_text("name,score\nann,3\n", encoding="utf-8")
    r = _run("analyze", nothing, "--quiz", files[0], "-o", tmp_path)
    assert r.exit_code == 1 and "no `student` column" in r.output
    assert not list(tmp_path.glob("*analysis*")), "nothing written on failure"


def test_items_without_a_column_are_left_out(quiz, tmp_path):
    folder, files = quiz
    part = tmp_path / "part.csv"
    rows = ["student,version,mc-nile-length,tf-volga-europe"]
    rows += [f"s{n},{'AB'[n % 2]},{'ABCD'[n % 4]},{'AB'[n % 3 % 2]}" for n in range(30)]
    part.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = _run("analyze", part, "--quiz", files[0], "--quiz", files[1], "-o", tmp_path,
             "--format", "json", "--facts", PACKS)
    assert r.exit_code == 0, r.output
    doc = json.loads((tmp_path / "rivers-analysis.json").read_text())
    assert [d["id"] for d in doc["items"]] == ["mc-nile-length", "tf-volga-europe"]
    assert any("left out" in n and "short-yangtze-asia" in n for n in doc["notes"])


def test_letters_are_read_in_the_students_version(quiz, tmp_path):
    folder, files = quiz
    a, b = (json.loads(f.read_text()) for f in files)
    qa = next(q for q in a["questions"] if q["id"] == "mc-danube-capitals")
    qb = next(q for q in b["questions"] if q["id"] == "mc-danube-capitals")
    assert qa["options"] != qb["options"], "the fixture prints this item's options in two orders"
    la, lb = "ABCD"[qa["key"]], "ABCD"[qb["key"]]
    path = tmp_path / "two.csv"
    path.write_text(f"student,version,mc-danube-capitals\nann,A,{la}\nbob,B,{lb}\n", encoding="utf-8")
    r = _run("analyze", path, "--quiz", files[0], "--quiz", files[1], "-o", tmp_path,
             "--format", "json", "--facts", PACKS)
    assert r.exit_code == 0, r.output
    item = json.loads((tmp_path / "rivers-analysis.json").read_text())["items"][0]
    assert item["facility"] == 1.0
    assert [(o["text"], o["share"]) for o in item["options"] if o["share"]] == [("four", 1.0)]


def test_beside_rules_orders_field_findings_after_the_items_rule_findings():
    from quizgen.lint.field import beside_rules
    from quizgen.lint.findings import Finding, Severity

    def f(check, item, version="A"):
        return Finding(severity=Severity.warning, check=check, message="m", item_id=item,
                       version=version)

    rules = [f("r1", "x"), f("r2", "x"), f("r3", "y")]
    field = [f("field-a", "y", "field"), f("field-b", "z", "field"), f("field-c", "x", "field")]
    got = [(g.check, g.item_id) for g in beside_rules(rules, field)]
    assert got == [("r1", "x"), ("r2", "x"), ("field-c", "x"), ("r3", "y"), ("field-a", "y"),
                   ("field-b", "z")]


HOSTILE_CSV = [
    b"",
    b"\xff\xfe\x00garbage",
    b"student,version,1\n",
    b'student,version,1\n"unterminated,A,B\n',
    b"student,version,1\nann,A,\x00\n",
    b"file,page,quiz,version,student,name\nscan.pdf,1,q,A,1,\n",
    b"Response 1,Response 2\n-,-\n",
    b"Question 1,Response 1\nnothing like it,42\n",
    b"student,version,1,2,3,4,5,6,7,8,9,10,11,12\nann,A,ZZ,-1,1e999,nan,,,,,,,,\n",
    b"student,version,order-orellana-year\nann,A,-3\nbob,A,1e400\n",
]
HOSTILE_JSON = [
    b"[]", b"{}", b'{"questions": 3}', b'{"questions": [1, 2]}',
    b'{"questions": [{"id": "x", "type": "multiple_choice", "options": ["a", "a"], "key": 0}]}',
    b'{"questions": [{"id": "x", "type": "multiple_choice", "options": ["a", "b"], "key": 7}]}',
    b'{"questions": [{"id": "x", "type": "multiple_choice", "options": ["a", "b"], "key": true}]}',
    b'{"questions": [{"id": "x", "type": "matching", "answer": "ab", "points": -1}]}',
    b'{"questions": [{"id": "x", "type": "short_answer", "answer": "a", "points": 1}]}',
]


@pytest.mark.parametrize("data", HOSTILE_CSV)
def test_hostile_answers_are_located_problems(quiz, tmp_path, data):
    folder, files = quiz
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    r = _run("analyze", path, "--quiz", files[0], "--quiz", files[1], "-o", tmp_path)
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output and "internal error" not in r.output
    if r.exit_code == 1:
        assert f"{path}:" in r.output


@pytest.mark.parametrize("data", HOSTILE_JSON)
def test_hostile_quiz_json_is_a_located_problem(tmp_path, data):
    quiz_file = tmp_path / "q.json"
    quiz_file.write_bytes(data)
    answers = tmp_path / "a.csv"
    answers.write_text("student,version,1\nann,A,A\n", encoding="utf-8")
    r = _run("analyze", answers, "--quiz", quiz_file, "-o", tmp_path, "--min-responses", "1")
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.output and "internal error" not in r.output


def test_a_grades_row_of_another_quiz_is_refused(quiz, tmp_path):
    folder, files = quiz
    tagged = []
    for f in files:  # the quiz id `quizgen quiz` adds (issue 19)
        doc = json.loads(f.read_text())
        doc["quiz"] = "0123456789"
        path = tmp_path / f.name
        path.write_text(json.dumps(doc), encoding="utf-8")
        tagged.append(path)
    students = draw_class(files, 4, seed=1)
    grades = tmp_path / "grades.csv"
    write_grades(grades, files, students, quiz_id="q1")  # its quiz column says "q1"
    r = _run("analyze", grades, "--quiz", tagged[0], "--quiz", tagged[1], "-o", tmp_path)
    assert r.exit_code == 1
    assert f"{grades}:2:3: this sheet is of quiz q1, the --quiz files of quiz 0123456789" in r.output


def test_a_template_override_renders_sandboxed(quiz, tmp_path):
    folder, files = quiz
    students = draw_class(files, 25, seed=2)
    write_responses(tmp_path / "c.csv", files, students)
    mine = tmp_path / "tpl"
    mine.mkdir()
    (mine / "analysis.html").write_text(
        '<p id="mine">{{ figures.students }} students</p>{{ doc.__class__.__mro__ }}',
        encoding="utf-8")
    r = _run("analyze", tmp_path / "c.csv", "--quiz", files[0], "--quiz", files[1], "-o",
             tmp_path, "--templates", mine, "--format", "html")
    assert r.exit_code == 1 and "template refused" in r.output  # no reaching Python internals
    (mine / "analysis.html").write_text('<p id="mine">{{ figures.students }} students</p>',
                                        encoding="utf-8")
    r = _run("analyze", tmp_path / "c.csv", "--quiz", files[0], "--quiz", files[1], "-o",
             tmp_path, "--templates", mine, "--format", "html")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "rivers-analysis.html").read_text() == '<p id="mine">25 students</p>'
