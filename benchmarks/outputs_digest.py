"""Print a sha256 for every output quizgen writes for the default recipe and the test fixture pack.

    python benchmarks/outputs_digest.py [OUT_DIR]          # OUT_DIR defaults to a temp folder

Builds, with SOURCE_DATE_EPOCH fixed and into a fresh folder: `quizgen build` (deck, quiz sheets,
keys, self-check, JSON), `quizgen deck --format apkg csv quizlet`, `quizgen quiz` with every format
but pdf (html, json, gift, moodle-xml, qti, kahoot, every version), the same as a question bank
(`--bank`), `quizgen lint --json` and `quizgen facts --json`. One line per file: its digest and its
path; a zip (.apkg, .zip) also gets one line per member, so a change in how a zip is written shows
apart from a change in what it holds. Compare two runs with `diff`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPES = {
    "mexico-russia": (ROOT / "decks" / "mexico-russia.yaml", []),
    "rivers": (ROOT / "tests" / "fixtures" / "decks" / "rivers.yaml",
               ["--facts", str(ROOT / "tests" / "fixtures" / "packs")]),
}
QUIZ_FORMATS = ("html", "json", "gift", "moodle-xml", "qti", "kahoot")


def run(args: list[str], out: Path | None = None) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764201600", QUIZGEN_PATH="")
    result = subprocess.run([sys.executable, "-m", "quizgen", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if out is not None:
        out.write_text(f"exit {result.returncode}\n{result.stdout}")
    elif result.returncode != 0:
        sys.exit(f"quizgen {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def build_all(out: Path) -> None:
    for name, (recipe, facts) in RECIPES.items():
        base = out / name
        run(["build", str(recipe), "-o", str(base / "build"), *facts])
        run(["deck", str(recipe), "-o", str(base / "deck" / f"{name}.apkg"),
             "--format", "apkg", "--format", "csv", "--format", "quizlet", *facts])
        formats = [a for f in QUIZ_FORMATS for a in ("--format", f)]
        run(["quiz", str(recipe), "-o", str(base / "quiz"), *formats, "--export-version", "all", *facts])
        run(["quiz", str(recipe), "-o", str(base / "bank"), "--bank", *facts])
        run(["lint", str(recipe), "--json", *facts], base / "lint.json")
        run(["facts", *(facts[1:] or ["mexico-russia"]), "--json"], base / "facts.json")


def digests(out: Path) -> list[str]:
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        rel = path.relative_to(out)
        lines.append(f"{hashlib.sha256(data).hexdigest()}  {rel}")
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for member in zf.namelist():
                    lines.append(f"{hashlib.sha256(zf.read(member)).hexdigest()}  {rel}!{member}")
    return lines


def main() -> None:
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
        out.mkdir(parents=True, exist_ok=False)
        build_all(out)
        print("\n".join(digests(out)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        build_all(Path(tmp))
        print("\n".join(digests(Path(tmp))))


if __name__ == "__main__":
    main()
