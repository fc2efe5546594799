"""One build per recipe: `quizgen build` makes the notes and each quiz once, and every output (lint,
deck, pages, exports) reads them from the recipe's `Build`; the Python API in the README runs."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner
from conftest import ROOT

from quizgen.cli import main


def test_build_makes_notes_and_each_quiz_once(tmp_path, monkeypatch):
    from quizgen.anki import notes
    from quizgen.quiz import assemble

    calls = {"notes": 0, "quiz": 0}

    def counted(name, func):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return func(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(notes, "build_notes", counted("notes", notes.build_notes))
    monkeypatch.setattr(assemble, "build_quiz", counted("quiz", assemble.build_quiz))
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "decks/mexico-russia.yaml", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    assert (tmp_path / "mexico-russia.apkg").is_file() and (tmp_path / "mexico-russia-A.json").is_file()
    # lint (cards and items), the .apkg, the pages and the JSON all read the same notes and quiz
    assert calls == {"notes": 1, "quiz": 1}


def test_deck_with_every_format_makes_the_notes_once(tmp_path, monkeypatch):
    from quizgen.anki import notes

    made = []
    real = notes.build_notes
    monkeypatch.setattr(notes, "build_notes", lambda *a, **k: made.append(1) or real(*a, **k))
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["deck", "decks/mexico-russia.yaml", "-o", str(tmp_path / "d.apkg"),
                                       "--format", "apkg", "--format", "csv", "--format", "quizlet"])
    assert result.exit_code == 0, result.output + result.stderr
    assert len(made) == 1


def test_readme_python_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.strip().splitlines()) <= 12
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "", "OUT": str(tmp_path / "out")}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "mexico-russia.apkg").is_file()
    assert "questions" in done.stdout and "cards" in done.stdout
