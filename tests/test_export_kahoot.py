"""Kahoot spreadsheet, read back with openpyxl the way Kahoot's template is filled: `Sheet1`, one
question per row from row 9, B the question, C-F the answers, G the time limit, H the correct
answer's number. Every multiple-choice and true/false question within Kahoot's limits is there
with its key; every one over a limit is left out and reported; hostile text stays text."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_export_common import (
    HOSTILE,
    NASTY,
    TEXT,
    bank_of,
    expected_all,
    expected_items,
    fuzz_set,
    rivers_quiz,
    rivers_recipe,
    version_set,
)

from quizgen.export.kahoot import (
    ANSWER_MAX,
    FIRST_ROW,
    QUESTION_MAX,
    TIME_LIMITS,
    kahoot_sheet,
    length,
)

KAHOOT_KINDS = ("choice", "truefalse")


def read_sheet(data: bytes) -> list[dict]:
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Sheet1"]
    ws = wb["Sheet1"]
    out = []
    for n, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=8, values_only=True), start=1):
        if row[1] is None:
            break
        number, question, *answers, time, correct = row
        answers = [a for a in answers if a is not None]
        assert number == n
        assert isinstance(question, str) and all(isinstance(a, str) for a in answers)
        assert time in TIME_LIMITS
        assert isinstance(correct, int) and 1 <= correct <= len(answers)
        assert 2 <= len(answers) <= 4
        out.append({"prompt": question, "answers": answers, "correct": correct})
    for row in ws.iter_rows(min_row=FIRST_ROW + len(out), values_only=True):
        assert all(v is None for v in row)  # nothing after the questions
    return out


def as_expected(e: dict) -> dict:
    """A question of the quiz JSON as a Kahoot row."""
    if e["kind"] == "choice":
        return {"prompt": e["prompt"], "answers": e["choices"], "correct": e["key"] + 1}
    return {"prompt": e["prompt"], "answers": ["True", "False"], "correct": 1 if e["truth"] else 2}


def fits(e: dict) -> bool:
    row = as_expected(e)
    return length(row["prompt"]) <= QUESTION_MAX and all(length(a) <= ANSWER_MAX for a in row["answers"])


def check(sheet, want: dict[str, dict]) -> None:
    rows = read_sheet(sheet.data)
    eligible = [i for i, e in want.items() if e["kind"] in KAHOOT_KINDS]
    kept = [i for i in eligible if fits(want[i])]
    assert rows == [as_expected(want[i]) for i in kept]
    left_out = [i for i in eligible if i not in kept]
    for i in left_out:
        assert any(f"left out {i}:" in n for n in sheet.notes), i
    assert len([n for n in sheet.notes if "left out" in n]) == len(left_out)


def test_rivers_version_reads_back_with_keys_in_order():
    quiz, recipe, packs = rivers_quiz()
    sheet = kahoot_sheet(version_set(quiz, recipe, packs))
    want = expected_all(quiz)
    check(sheet, want)
    assert len(read_sheet(sheet.data)) == sum(e["kind"] in KAHOOT_KINDS for e in want.values()) > 0


def test_bank_holds_every_fitting_choice_and_true_false_item():
    recipe, packs = rivers_recipe()
    qset, _ = bank_of(recipe, packs)
    sheet = kahoot_sheet(qset)
    want = {q.id: expected_items([q.item])[q.id] for q in qset.questions}  # the bank's order
    check(sheet, want)


def test_over_the_limits_is_left_out_and_reported_not_cut():
    long_q = "Q" * (QUESTION_MAX + 1)
    texts = [long_q, "short", "A" * (ANSWER_MAX + 1), "c", "d", "e", "f"]
    sheet = kahoot_sheet(fuzz_set(texts))
    assert read_sheet(sheet.data) == []
    assert any("left out mc-f-1959: question is 121 characters" in n for n in sheet.notes)
    assert any("left out tf-f-1959: question is 121 characters" in n for n in sheet.notes)
    exact = ["Q" * QUESTION_MAX, "short", "A" * ANSWER_MAX, "c", "d", "e", "f"]
    assert len(read_sheet(kahoot_sheet(fuzz_set(exact)).data)) == 2  # the limits themselves fit


def test_length_counts_as_a_browser_does():
    assert length("é") == 1 and length("😀") == 2


def test_hostile_and_formula_like_text_stays_text():
    texts = ["=1+1", "+cmd", "@SUM(A1)", *HOSTILE[:2], NASTY[:40], "-2"]
    sheet = kahoot_sheet(fuzz_set(texts))
    rows = read_sheet(sheet.data)
    assert rows[0]["prompt"] == "=1+1" and rows[0]["answers"] == ["+cmd", "@SUM(A1)", HOSTILE[0]]


def test_same_set_same_bytes_and_source_date_epoch(monkeypatch):
    quiz, recipe, packs = rivers_quiz()
    qset = version_set(quiz, recipe, packs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    data = kahoot_sheet(qset).data
    assert data == kahoot_sheet(qset).data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert b"2026-01-01T00:00:00Z" in zf.read("docProps/core.xml")
    props = load_workbook(io.BytesIO(data)).properties
    assert props.modified.year == props.created.year == 2026


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_the_sheet(texts):
    from test_export_common import fuzz_quiz

    check(kahoot_sheet(fuzz_set(texts)), expected_all(fuzz_quiz(texts)))


def test_a_control_character_is_reported_not_written():
    texts = ["bell \x07 here", "b", "c", "d", "e", "f", "g"]
    sheet = kahoot_sheet(fuzz_set(texts))
    assert read_sheet(sheet.data) == []
    assert any("left out mc-f-1959: a text holds a control character" in n for n in sheet.notes)
