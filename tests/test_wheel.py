"""The wheel ships the packs, recipes and templates, and an installed quizgen builds the default pack
from them with no repository around it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(root)], check=True, capture_output=True)
    (found,) = out.glob("quizgen-*.whl")
    return found


def test_wheel_contains_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "quizgen/cli.py",
        "quizgen/_data/facts/mexico-russia/pack.yaml",
        "quizgen/_data/facts/mexico-russia/sources/mexico-russia-prospects-of-relations.md",
        "quizgen/_data/facts/mexico-russia/diplomacy.yaml",
        "quizgen/_data/facts/fact-file.schema.json",
        "quizgen/_data/decks/mexico-russia.yaml",
        "quizgen/_data/templates/quiz.html",
        "quizgen/_data/templates/print.css",
    ):
        assert expected in names, expected
    assert any(n.startswith("quizgen/_data/templates/anki/") for n in names)
    assert not any(n.startswith(("tests/", "build/", ".venv/")) for n in names)


def test_installed_wheel_validates_default_pack(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-c", "from quizgen.cli import main; main()", "validate"],
                            cwd=empty, env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mexico-russia: ")
