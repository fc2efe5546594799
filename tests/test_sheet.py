"""Answer sheets (`quizgen sheet`): the layout holds every bubble item with the letters the quiz
prints, nothing overlaps or leaves the page, the ids are stable, and printing needs no OpenCV."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import Build
from quizgen.cli import main
from quizgen.render.html import json_bytes
from quizgen.sheet.layout import BUBBLE_TYPES, parse_qr, sheet_layout
from quizgen.sheet.marks import ARUCO_4X4_BITS
from quizgen.sheet.render import render_sheet_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def quiz():
    return Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz()


def test_every_item_has_its_row_with_the_printed_letters(quiz) -> None:
    for version in quiz.versions:
        layout = sheet_layout(quiz, version)
        assert [r.item for r in layout.rows] == [i.id for i in version.items]
        for row, item in zip(layout.rows, version.items, strict=True):
            values = [b.value for b in row.bubbles]
            if item.type in BUBBLE_TYPES:
                assert row.kind == "choice"
                assert values == (["T", "F"] if item.type.value == "true_false"
                                  else [chr(65 + i) for i in range(len(item.options))])
            else:
                assert row.kind == "points" and values == [str(p) for p in range(item.points + 1)]
        assert len(layout.student) == 6 and all([b.value for b in r] == list("0123456789") for r in layout.student)


def test_bubbles_stay_apart_and_on_the_page(quiz) -> None:
    layout = sheet_layout(quiz, quiz.versions[0], digits=9)
    r = layout.bubble_radius
    bubbles = [b for row in layout.rows for b in row.bubbles] + [b for row in layout.student for b in row]
    for b in bubbles:
        assert 20 <= b.x - r and b.x + r <= layout.width - 20 and 40 <= b.y - r <= layout.height - 20
    points = sorted((b.x, b.y) for b in bubbles)
    for i, (x, y) in enumerate(points):
        for x2, y2 in points[i + 1:i + 40]:
            assert (x - x2) ** 2 + (y - y2) ** 2 >= (2 * r + 1.5) ** 2
    markers = [m.corners for m in layout.markers]
    assert markers[0][0] == (8.0, 8.0) and markers[2][2] == (layout.width - 8, layout.height - 8)


def test_ids_are_stable_and_shared(quiz) -> None:
    a, b = (json.loads(json_bytes(quiz, v.letter)) for v in quiz.versions)
    assert a["quiz"] == b["quiz"] == quiz.quiz_id and len(quiz.quiz_id) == 10
    again = Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz()
    assert again.quiz_id == quiz.quiz_id
    assert Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz(seed=3).quiz_id != quiz.quiz_id
    la, lb = (sheet_layout(quiz, v) for v in quiz.versions)
    assert la.layout != lb.layout and sheet_layout(quiz, quiz.versions[0]).layout == la.layout
    assert parse_qr(la.qr_text) == (quiz.quiz_id, "A", la.layout)
    assert parse_qr("https://example.org") is None
    assert sheet_layout(quiz, quiz.versions[0], digits=8).layout != la.layout


def test_sheet_html_places_every_bubble(quiz) -> None:
    files = render_sheet_files(quiz, [])
    assert sorted(files) == [f"mexico-russia-sheet-{v}.{x}" for v in "AB" for x in ("html", "json")]
    html = files["mexico-russia-sheet-A.html"].decode()
    layout = json.loads(files["mexico-russia-sheet-A.json"])
    r = layout["bubble_radius"]
    for row in layout["rows"]:
        for b in row["bubbles"]:
            assert f"left: {round(b['x'] - r, 2)}mm; top: {round(b['y'] - r, 2)}mm;" in html
    assert html.count('class="bubble"') == sum(len(r["bubbles"]) for r in layout["rows"]) + 60
    assert html.count("<svg") == 5  # four markers and the QR code


def test_sheet_command_and_quiz_format_sheet(tmp_path, in_repo) -> None:
    result = CliRunner().invoke(main, ["sheet", "mexico-russia", "--digits", "4", "-o", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    layout = json.loads((tmp_path / "s" / "mexico-russia-sheet-B.json").read_text())
    assert layout["version"] == "B" and len(layout["student"]) == 4
    result = CliRunner().invoke(main, ["quiz", "mexico-russia", "--format", "json", "--format", "sheet",
                                       "-o", str(tmp_path / "q")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "q").iterdir())
    assert names == ["mexico-russia-A.json", "mexico-russia-B.json", "mexico-russia-sheet-A.html",
                     "mexico-russia-sheet-A.json", "mexico-russia-sheet-B.html", "mexico-russia-sheet-B.json"]
    quiz_json = json.loads((tmp_path / "q" / "mexico-russia-A.json").read_text())
    assert json.loads((tmp_path / "q" / "mexico-russia-sheet-A.json").read_text())["quiz"] == quiz_json["quiz"]


def test_marker_bits_are_opencvs() -> None:
    cv2 = pytest.importorskip("cv2")
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    for i, bits in enumerate(ARUCO_4X4_BITS):
        image = cv2.aruco.generateImageMarker(dictionary, i, 6, borderBits=1)
        assert "".join("1" if v == 0 else "0" for v in image[1:5, 1:5].ravel()) == bits


def test_cli_and_sheets_do_not_import_opencv() -> None:
    code = ("import sys; from click.testing import CliRunner; from quizgen.cli import main; "
            "from quizgen.sheet import render_sheet_files; "
            "CliRunner().invoke(main, ['--help']); CliRunner().invoke(main, ['grade', '--help']); "
            "print(sorted(m for m in ('cv2', 'numpy', 'zxingcpp', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_quiz_too_long_for_one_page_is_refused(quiz) -> None:
    from quizgen.problems import Problem
    from quizgen.quiz.items import Version

    items = quiz.versions[0].items
    choice = [i for i in items if i.type.value in ("multiple_choice", "true_false")]  # bubble rows
    long = Version(letter="A", items=(choice * 10)[:70])
    assert len(sheet_layout(quiz, long).rows) == 70
    with pytest.raises(Problem, match="more than one answer sheet page holds"):
        sheet_layout(quiz, Version(letter="A", items=items * 6))


def test_write_quiz_prints_the_recipes_student_digits(tmp_path) -> None:
    """The Python API's write_quiz prints as many student-number rows as the recipe asks, like
    `quizgen quiz --format sheet` does."""
    from quizgen import write_quiz

    build = Build.open(str(Path(__file__).resolve().parent.parent / "decks" / "mexico-russia.yaml"))
    quiz_settings = build.recipe.recipe.quiz.model_copy(update={"student_digits": 4})
    recipe = build.recipe.model_copy(update={"recipe": build.recipe.recipe.model_copy(update={"quiz": quiz_settings})})
    written = write_quiz(recipe, build.packs, tmp_path, formats=["sheet"], versions=1)
    layout = json.loads(next(p for p in written if p.suffix == ".json").read_text(encoding="utf-8"))
    assert len(layout["student"]) == 4
