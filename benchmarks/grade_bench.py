"""Benchmark: how many answer sheets `quizgen grade` reads per second on one core.

    python benchmarks/grade_bench.py              # 40 scans at 200 dpi, 20 phone photos of 12 MP
    python benchmarks/grade_bench.py --scans 100 --photos 40
    python benchmarks/grade_bench.py --suite 17   # also the accuracy suite: 17 sheets per profile

The default recipe's sheets are printed by the system Chromium and pencilled and distorted in
memory by tests/scan_synth.py (nothing is written but a temp folder, removed afterwards): "scans"
are 200-dpi grayscale JPEGs (quality 85, up to 3 degrees askew), "photos" 4000x3000 JPEGs of the
page on a table (rotation up to 20 degrees, tilt, blur, uneven light, shadow). OpenCV is held to
one thread. A sheet's time is what `grade` spends per page: decoding the file, finding the
markers, reading the QR code, warping the page and measuring every bubble; the baseline, timed
in the same run on the same files, is decoding alone, so the ratio says how much the reading adds
on this machine whatever its speed that minute. Every round's times are medians of 3 passes.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=40)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--suite", type=int, default=0, help="sheets per distortion profile for the accuracy run")
    args = parser.parse_args()

    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from scan_synth import PROFILES, Distortion, Tally, distort, fill_sheet, profile

    from quizgen import Build
    from quizgen.grade.read import read_page
    from quizgen.sheet.layout import SheetLayout
    from quizgen.sheet.render import render_sheet_files

    cv2.setNumThreads(1)
    quiz = Build.open(ROOT / "decks" / "mexico-russia.yaml").quiz()
    files = render_sheet_files(quiz, [], pdf=True)
    letters = [v.letter for v in quiz.versions]
    raw = {v: __import__("json").loads(files[f"mexico-russia-sheet-{v}.json"]) for v in letters}
    layouts = {(quiz.quiz_id, v): SheetLayout.model_validate(raw[v]) for v in letters}
    clean: dict[tuple[str, int], np.ndarray] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for v in letters:
            Path(tmp, f"{v}.pdf").write_bytes(files[f"mexico-russia-sheet-{v}.pdf"])

        def raster(v: str, dpi: int) -> np.ndarray:
            if (v, dpi) not in clean:
                doc = pdfium.PdfDocument(str(Path(tmp, f"{v}.pdf")))
                clean[(v, dpi)] = doc[0].render(scale=dpi / 72, grayscale=True).to_numpy().copy()
                doc.close()
            return clean[(v, dpi)]

        def make(n: int, kind: str) -> list[bytes]:
            out = []
            for i in range(n):
                rng = random.Random(f"{kind}-{i}")
                v = rng.choice(letters)
                d = (profile("phone", rng) if kind == "photo" else
                     Distortion(dpi=200, rotation=rng.uniform(-3, 3), jpeg=85))
                page, _ = fill_sheet(raster(v, d.dpi), raw[v], d.dpi, rng)
                out.append(distort(page, d, rng))
            return out

        print("making scans ...", file=sys.stderr)
        sets = {"200-dpi scans": make(args.scans, "scan"), "12-MP phone photos": make(args.photos, "photo")}
        print(f"{'input':<20} {'sheets':>6} {'decode (ms)':>12} {'read (ms)':>10} {'sheets/s':>9} {'read/decode':>12}")
        for label, blobs in sets.items():
            decode_times, read_times = [], []
            for _ in range(3):
                t0 = time.perf_counter()
                images = [cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_GRAYSCALE) for b in blobs]
                t1 = time.perf_counter()
                reads = [read_page(img, "bench", 1, layouts) for img in images]
                t2 = time.perf_counter()
                decode_times.append((t1 - t0) / len(blobs))
                read_times.append((t2 - t1) / len(blobs))
                assert not any(r.problem for r in reads), [r.problem for r in reads if r.problem]
            dec, rd = median(decode_times), median(read_times)
            print(f"{label:<20} {len(blobs):>6} {1000 * dec:>12.1f} {1000 * rd:>10.1f} "
                  f"{1 / (dec + rd):>9.1f} {(dec + rd) / dec:>12.2f}")
        if args.suite:
            tally = Tally()
            for name in PROFILES:
                for i in range(args.suite):
                    rng = random.Random(f"full-{name}-{i}")
                    v = rng.choice(letters)
                    d = profile(name, rng)
                    page, truth = fill_sheet(raster(v, d.dpi), raw[v], d.dpi, rng)
                    image = cv2.imdecode(np.frombuffer(distort(page, d, rng), np.uint8), cv2.IMREAD_GRAYSCALE)
                    t0 = time.perf_counter()
                    read = read_page(image, f"{name}-{i}", 1, layouts)
                    tally.seconds += time.perf_counter() - t0
                    tally.add(read, truth, f"{name}-{i}")
            print(tally.report())
            for line in tally.silent_errors:
                print("unflagged error:", line)


if __name__ == "__main__":
    main()
