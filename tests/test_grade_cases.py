"""Grading cases beside the suite: a scanner's multi-page PDF of JPEG pages, Letter paper, pages
upside down or sideways, a corner marker covered, two sheets with one student number, and the
command's located errors (a missing layout, a bad quiz JSON, a malformed overrides file)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from test_grade_scans import Printed, cv2, np, pdfium  # skips this module too without the grade extra

from click.testing import CliRunner  # noqa: E402
from scan_synth import Distortion, distort, fill_sheet  # noqa: E402

from quizgen import Build  # noqa: E402
from quizgen.cli import main  # noqa: E402
from quizgen.grade.read import read_page  # noqa: E402
from quizgen.recipe import Paper  # noqa: E402
from quizgen.sheet.layout import SheetLayout, sheet_layout  # noqa: E402
from quizgen.sheet.render import render_sheet_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.scans]


@pytest.fixture(scope="module")
def printed(chromium, tmp_path_factory) -> Printed:
    return Printed(tmp_path_factory.mktemp("sheets"))


def quiz_args(printed: Printed) -> list[str]:
    return [f"--quiz={printed.folder / f'mexico-russia-{v}.json'}" for v in printed.letters]


def decode(data: bytes):
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)


def scanner_pdf(path: Path, jpegs: list[bytes], dpi: int) -> None:
    """A multi-page PDF of JPEG pages, as a scanner writes it."""
    pdf = pdfium.PdfDocument.new()
    for data in jpegs:
        image = pdfium.PdfImage.new(pdf)
        image.load_jpeg(io.BytesIO(data), inline=False)
        w, h = image.get_px_size()
        width, height = w * 72 / dpi, h * 72 / dpi
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page = pdf.new_page(width, height)
        page.insert_obj(image)
        page.gen_content()
    pdf.save(str(path))


def test_a_scanners_multi_page_pdf(printed, tmp_path) -> None:
    jpegs, truths = [], []
    for i in range(3):
        data, truth = printed.scan(f"pdf-{i}", Distortion(dpi=200, rotation=1.5 * i - 1.5, jpeg=80),
                                   erased_share=0.0, crossed_share=0.0)
        jpegs.append(data)
        truths.append(truth)
    scanner_pdf(tmp_path / "period2.pdf", jpegs, 200)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["grade", str(tmp_path / "period2.pdf"), *quiz_args(printed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))
    assert [(r["page"], r["student"], r["version"]) for r in rows] == [
        (str(i + 1), t.student, t.version) for i, t in enumerate(truths)]
    for row, truth in zip(rows, truths, strict=True):
        assert row["flags"] == "0"
        assert all(row[item] == answer for item, answer in truth.answers.items())


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_upside_down_or_sideways(printed, turn) -> None:
    data, truth = printed.scan(f"turn-{turn}", Distortion(dpi=150), erased_share=0.0, crossed_share=0.0)
    image = np.ascontiguousarray(np.rot90(decode(data), turn // 90))
    read = read_page(image, "turned.png", 1, printed.layouts)
    assert read.problem is None and read.student == truth.student and read.version == truth.version
    assert {r.item: r.answer for r in read.rows} == truth.answers


def test_three_corner_markers_are_enough_and_two_are_not(printed) -> None:
    data, truth = printed.scan("corner", Distortion(dpi=150), erased_share=0.0, crossed_share=0.0)
    image = decode(data).copy()
    s = 150 / 25.4
    covered = image.copy()
    h, w = covered.shape
    covered[int(h - 20 * s):, :int(20 * s)] = 90  # a thumb over the bottom-left corner
    read = read_page(covered, "thumb.png", 1, printed.layouts)
    assert read.problem is None and {r.item: r.answer for r in read.rows} == truth.answers
    covered[int(h - 20 * s):, int(w - 20 * s):] = 90
    read = read_page(covered, "two-thumbs.png", 1, printed.layouts)
    assert read.problem and "corner markers" in read.problem and not read.rows


def test_letter_paper(chromium) -> None:
    quiz = Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz()
    quiz = quiz.model_copy(update={"paper": Paper.letter})
    files = render_sheet_files(quiz, [], pdf=True)
    layout = sheet_layout(quiz, quiz.versions[0])
    assert (layout.width, layout.height, layout.paper) == (215.9, 279.4, "Letter")
    raw = json.loads(files["mexico-russia-sheet-A.json"])
    doc = pdfium.PdfDocument(files["mexico-russia-sheet-A.pdf"])
    clean = doc[0].render(scale=150 / 72, grayscale=True).to_numpy().copy()
    assert abs(clean.shape[0] / clean.shape[1] - 279.4 / 215.9) < 0.01
    rng = random.Random(5)
    page, truth = fill_sheet(clean, raw, 150, rng, erased_share=0.0, crossed_share=0.0)
    image = decode(distort(page, Distortion(dpi=150, rotation=12, background=80), rng))
    read = read_page(image, "letter.jpg", 1, {(quiz.quiz_id, "A"): SheetLayout.model_validate(raw)})
    assert read.problem is None and read.student == truth.student
    assert {r.item: r.answer for r in read.rows} == truth.answers


def test_one_student_number_on_two_different_sheets_is_reported(printed, tmp_path) -> None:
    paths = []
    for i in range(2):
        rng = random.Random(f"twin-{i}")
        page, _ = fill_sheet(printed.clean("A", 150), printed.raw["A"], 150, rng, erased_share=0.0,
                             crossed_share=0.0, student="424242")
        paths.append(tmp_path / f"s{i}.png")
        paths[-1].write_bytes(distort(page, Distortion(dpi=150), rng))
    out = tmp_path / "out"
    # s0, s0 again (the same sheet twice: one row), s1 (other answers, the same number: graded)
    result = CliRunner().invoke(main, ["grade", str(paths[0]), str(paths[0]), str(paths[1]),
                                       *quiz_args(printed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text())))
    assert [(Path(r["file"]).name, r["student"]) for r in rows] == [("s0.png", "424242"), ("s1.png", "424242")]
    review = (out / "review.html").read_text()
    assert "the same sheet as" in review and "is also on" in review and "2 duplicate notes" in result.output


def test_located_errors(printed, tmp_path) -> None:
    scan = printed.folder / "mexico-russia-sheet-A.pdf"
    bad = tmp_path / "x-A.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(main, ["grade", str(scan), f"--quiz={bad}"])
    assert result.exit_code == 1 and f"{bad}:1:1: not a quiz JSON" in result.output
    mc = {"id": "q1", "type": "multiple_choice", "options": ["a", "b", "c"], "points": 1}
    for broken in ({"id": "q1", "type": "multiple_choice", "key": 0}, {"id": "q1", "type": "true_false"},
                   {"id": "q1", "type": "multiple_choice", "key": 10**30, "points": 1}, "q1",
                   {**mc, "key": 3}, {**mc, "key": -1}, {**mc, "type": "true_false", "key": 2}):
        bad.write_text(json.dumps({"quiz": "x", "version": "A", "questions": [broken]}))
        result = CliRunner().invoke(main, ["grade", str(scan), f"--quiz={bad}"])
        assert result.exit_code == 1 and f"{bad}:1:1: not a quiz JSON" in result.output, result.output
    lonely = tmp_path / "lonely-A.json"
    lonely.write_bytes((printed.folder / "mexico-russia-A.json").read_bytes())
    result = CliRunner().invoke(main, ["grade", str(scan), f"--quiz={lonely}"])
    assert result.exit_code == 1 and "lonely-sheet-A.json:1:1: no sheet layout here" in result.output
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4 nothing")
    result = CliRunner().invoke(main, ["grade", str(notes), str(fake), *quiz_args(printed)])
    assert result.exit_code == 1 and f"{notes}:1:1: not a scan" in result.output
    assert f"{fake}:1:1: not a readable PDF" in result.output and "2 problems found" in result.output
    overrides = tmp_path / "o.csv"
    overrides.write_text("file,page,item,answer\nscan.pdf,one,x,B\nsheet.pdf,1,q\n")
    result = CliRunner().invoke(main, ["grade", str(scan), *quiz_args(printed), "--overrides", str(overrides),
                                       "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{overrides}:2:1: expected: file,page,item,answer" in result.output
    assert f"{overrides}:3:1: expected" in result.output and "Traceback" not in result.output
    overrides.write_text("file,page,item,answer\nnowhere.pdf,1,student,123456\n")
    result = CliRunner().invoke(main, ["grade", str(scan), *quiz_args(printed), "--overrides", str(overrides),
                                       "-o", str(tmp_path / "o")])
    assert result.exit_code == 0 and "no readable page 1 of nowhere.pdf" in result.output
