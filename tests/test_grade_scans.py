"""The synthetic scan suite and the grading round trip (issue 19).

Sheets of the default recipe are printed by Chromium, rasterized by pdfium, pencilled and
distorted in memory by `scan_synth` (nothing committed), then read. `make test` reads a sample of
every distortion (`test_scan_suite_sample`); `QUIZGEN_SCAN_SUITE=full` adds the 204-sheet run
(`test_scan_suite_full`), which `benchmarks/grade_bench.py --suite` also reports.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import time
from pathlib import Path

import pytest

cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")
pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("zxingcpp")

from click.testing import CliRunner  # noqa: E402
from scan_synth import PROFILES, Distortion, Tally, distort, fill_sheet, profile  # noqa: E402

from quizgen import Build  # noqa: E402
from quizgen.cli import main  # noqa: E402
from quizgen.grade.read import read_page  # noqa: E402
from quizgen.render.html import json_bytes  # noqa: E402
from quizgen.sheet.layout import SheetLayout  # noqa: E402
from quizgen.sheet.render import render_sheet_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.scans]


class Printed:
    """The default quiz's sheets printed once: quiz JSONs, layouts, PDFs, and clean rasters."""

    def __init__(self, folder: Path) -> None:
        quiz = Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz()
        files = render_sheet_files(quiz, [], pdf=True)
        for v in quiz.versions:
            files[f"mexico-russia-{v.letter}.json"] = json_bytes(quiz, v.letter)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        self.folder = folder
        self.letters = [v.letter for v in quiz.versions]
        self.raw = {v: json.loads(files[f"mexico-russia-sheet-{v}.json"]) for v in self.letters}
        self.layouts = {}
        for v in self.letters:
            layout = SheetLayout.model_validate(self.raw[v])
            self.layouts[(layout.quiz, layout.version)] = layout
        self.keys = {v: json.loads(files[f"mexico-russia-{v}.json"]) for v in self.letters}
        self._clean: dict[tuple[str, int], np.ndarray] = {}

    def clean(self, version: str, dpi: int):
        if (version, dpi) not in self._clean:
            doc = pdfium.PdfDocument(str(self.folder / f"mexico-russia-sheet-{version}.pdf"))
            self._clean[(version, dpi)] = doc[0].render(scale=dpi / 72, grayscale=True).to_numpy().copy()
            doc.close()
        return self._clean[(version, dpi)]

    def scan(self, seed: str, distortion: Distortion | None = None, name: str | None = None, **fill):
        rng = random.Random(seed)
        version = rng.choice(self.letters)
        d = distortion or profile(name or "clean", rng)
        page, truth = fill_sheet(self.clean(version, d.dpi), self.raw[version], d.dpi, rng, **fill)
        return distort(page, d, rng), truth


@pytest.fixture(scope="module")
def printed(chromium, tmp_path_factory) -> Printed:
    return Printed(tmp_path_factory.mktemp("sheets"))


def run_suite(printed: Printed, per_profile: int, prefix: str) -> Tally:
    tally = Tally()
    for name in PROFILES:
        for i in range(per_profile):
            data, truth = printed.scan(f"{prefix}-{name}-{i}", name=name)
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
            start = time.perf_counter()
            read = read_page(image, f"{name}-{i}", 1, printed.layouts)
            tally.seconds += time.perf_counter() - start
            tally.add(read, truth, f"{name}-{i}")
    return tally


def check(tally: Tally) -> None:
    print(tally.report())
    assert not tally.silent_errors, tally.silent_errors[:10]  # the one error teachers cannot catch
    assert not tally.unreadable and not tally.versions_wrong  # every page identified ...
    assert tally.student_read + tally.student_flagged == tally.sheets  # ... its student read or flagged
    assert tally.wrong_bubbles == 0
    assert tally.decided_share >= 0.995, tally.details[:20]


def test_scan_suite_sample(printed) -> None:
    """Two sheets of every distortion profile (24 sheets; the full run is 17 of each)."""
    tally = run_suite(printed, 2, "sample")
    check(tally)
    assert tally.sheets == 2 * len(PROFILES)


@pytest.mark.skipif(os.environ.get("QUIZGEN_SCAN_SUITE") != "full",
                    reason="the 204-sheet run: QUIZGEN_SCAN_SUITE=full (about 2 minutes)")
def test_scan_suite_full(printed) -> None:
    tally = run_suite(printed, 17, "full")
    check(tally)
    assert tally.sheets >= 200


def test_undistorted_150_dpi_all_decided_and_correct(printed) -> None:
    tally = Tally()
    for i in range(6):
        data, truth = printed.scan(f"clean-{i}", Distortion(dpi=150, noise=0.0), erased_share=0.0,
                                   crossed_share=0.0)
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        tally.add(read_page(image, f"clean-{i}", 1, printed.layouts), truth, f"clean-{i}")
    assert tally.uncertain == 0 and tally.flagged_rows == 0 and tally.student_read == 6
    assert not tally.silent_errors and tally.wrong_bubbles == 0


def test_a_blank_printed_pdf_reads_empty_and_its_student_number_is_flagged(printed, tmp_path) -> None:
    out = tmp_path / "out"
    pdf = printed.folder / "mexico-russia-sheet-B.pdf"
    quizzes = [f"--quiz={printed.folder / f'mexico-russia-{v}.json'}" for v in printed.letters]
    result = CliRunner().invoke(main, ["grade", str(pdf), *quizzes, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "grades.csv").read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    items = [q["id"] for q in printed.keys["A"]["questions"]]  # the contract: version A's order
    assert header == ["file", "page", "quiz", "version", "student", "name",
                      *[c for i in items for c in (i, f"{i}:correct", f"{i}:points")],
                      "total", "max", "percent", "flags"]
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["quiz"] == printed.keys["B"]["quiz"] and row["name"] == ""
    assert (row["total"], row["max"], row["percent"]) == ("0", str(printed.keys["B"]["total_points"]), "0.0")
    assert row["flags"] == str(1 + sum(q["type"] not in ("multiple_choice", "true_false")
                                       for q in printed.keys["B"]["questions"]))
    assert row["version"] == "B" and row["student"] == "" and row["page"] == "1"
    key = printed.keys["B"]
    for q in key["questions"]:
        if q["type"] in ("multiple_choice", "true_false"):
            assert row[q["id"]] == "" and row[f"{q['id']}:correct"] == "0"
        else:
            assert row[q["id"]] == "?" and row[f"{q['id']}:correct"] == ""  # an empty points box
    assert "student number unclear" in (out / "review.html").read_text()


def expected_row(truth, key: dict) -> dict[str, tuple[str, str]]:
    """Item id -> (answer, correct) the student meant, graded by the key of their version."""
    out = {}
    for q in key["questions"]:
        meant = truth.answers[q["id"]]
        if q["type"] in ("multiple_choice", "true_false"):
            right = ("T" if q["key"] == 0 else "F") if q["type"] == "true_false" else chr(65 + q["key"])
            out[q["id"]] = (meant, "1" if meant == right else "0")
        else:
            out[q["id"]] = (meant, "1" if meant == str(q["points"]) else "0")
    return out


def test_round_trip_with_overrides(printed, tmp_path) -> None:
    """quiz -> sheets -> filled and distorted -> grade: unflagged answers equal the truth; the
    overrides file written from the truth resolves every flag; a sheet scanned twice counts once."""
    scans, truths = [], {}
    names = ["rotated", "phone", "shadow", "everything", "background", "jpeg40"]
    for i, name in enumerate(names):
        data, truth = printed.scan(f"trip-{i}", name=name, erased_share=0.15, crossed_share=0.1)
        path = tmp_path / f"scan-{i}.{'png' if i == 0 else 'jpg'}"
        path.write_bytes(data)
        scans.append(str(path))
        truths[str(path)] = truth
    quizzes = [f"--quiz={printed.folder / f'mexico-russia-{v}.json'}" for v in printed.letters]
    out = tmp_path / "out"
    args = ["grade", *scans, scans[1], *quizzes, "-o", str(out)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    rows = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text(encoding="utf-8"))))
    assert [r["file"] for r in rows] == scans  # the repeated scan is not a second row
    review = (out / "review.html").read_text()
    assert "the same sheet as" in review and review.count(f"{scans[1]}, page 1 —") <= 1
    flagged = []
    for row in rows:
        truth = truths[row["file"]]
        assert row["version"] == truth.version
        assert row["student"] in ("", truth.student)
        for item, (answer, correct) in expected_row(truth, printed.keys[truth.version]).items():
            if row[f"{item}:correct"] == "":
                assert row[f"{item}:points"] == "0"
                flagged.append((row["file"], item, answer))
            else:
                assert (row[item], row[f"{item}:correct"]) == (answer, correct), (row["file"], item)
    assert flagged, "the erased and crossed-out marks should have raised flags"
    lines = ["file,page,item,answer"] + [f"{Path(f).name},1,{item},{answer or '-'}" for f, item, answer in flagged]
    lines += [f"{Path(f).name},1,student,{truths[f].student}" for f in scans if
              next(r for r in rows if r["file"] == f)["student"] == ""]
    (out / "overrides.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0, second.output
    rows = list(csv.DictReader(io.StringIO((out / "grades.csv").read_text(encoding="utf-8"))))
    for row in rows:
        truth = truths[row["file"]]
        assert row["flags"] == "0" and row["student"] == truth.student
        expected = expected_row(truth, printed.keys[truth.version])
        total = 0
        for q in printed.keys[truth.version]["questions"]:
            answer, correct = expected[q["id"]]
            assert (row[q["id"]], row[f"{q['id']}:correct"]) == (answer, correct)
            total += int(answer) if q["type"] not in ("multiple_choice", "true_false") and answer else (
                q["points"] if correct == "1" else 0)
        assert float(row["total"]) == total
    # quizgen analyze reads this grades.csv as it is: versions pooled by item id, each choice
    # item's facility the share of sheets marked right, the mean the sheets' mean total
    analysis = tmp_path / "analysis"
    analyzed = CliRunner().invoke(main, ["analyze", str(out / "grades.csv"), *quizzes, "-o", str(analysis)])
    assert analyzed.exit_code == 0, analyzed.output
    report = json.loads(next(analysis.glob("*-analysis.json")).read_text(encoding="utf-8"))
    assert report["figures"]["students"] == len(rows)
    assert abs(report["figures"]["mean"] - sum(float(r["total"]) for r in rows) / len(rows)) < 1e-9
    for item in report["items"]:
        if item["type"] in ("multiple_choice", "true_false"):
            right = [int(r[f"{item['id']}:correct"]) for r in rows]
            assert item["n"] == len(rows) and abs(item["facility"] - sum(right) / len(right)) < 1e-9, item["id"]


def test_unreadable_pages_are_reported_not_skipped(printed, tmp_path) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((800, 600), 230, np.uint8))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    quizzes = [f"--quiz={printed.folder / f'mexico-russia-{v}.json'}" for v in printed.letters]
    result = CliRunner().invoke(main, ["grade", str(blank), str(broken), *quizzes, "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "2 unreadable" in result.output
    review = (tmp_path / "o" / "review.html").read_text()
    assert "fewer than 3 corner markers" in review and "could not be decoded" in review
    missing = CliRunner().invoke(main, ["grade", str(tmp_path / "nope.pdf"), *quizzes])
    assert missing.exit_code == 1 and "nope.pdf:1:1: no such scan file" in missing.output
