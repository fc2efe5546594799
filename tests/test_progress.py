"""Progress bars show on a terminal once work takes longer than the threshold, and never in pipes
or CI (CliRunner's output is a pipe)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.progress import progress, wanted

ROOT = Path(__file__).resolve().parent.parent


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def slow(n: int, pause: float):
    for i in range(n):
        time.sleep(pause)
        yield i


def test_bar_on_a_terminal_after_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTTY()
    assert list(progress(slow(6, 0.01), "Working", length=6, after=0.02, stream=stream)) == list(range(6))
    shown = stream.getvalue()
    assert "Working" in shown and "100%" in shown


def test_no_bar_for_quick_work_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTTY()
    assert list(progress(range(1000), "Working", stream=stream)) == list(range(1000))
    assert stream.getvalue() == ""


def test_no_bar_in_ci_or_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    stream = FakeTTY()
    assert list(progress(slow(3, 0.01), "Working", after=0.0, stream=stream)) == [0, 1, 2]
    assert stream.getvalue() == "" and not wanted(stream)
    monkeypatch.delenv("CI")
    pipe = io.StringIO()
    assert list(progress(slow(3, 0.01), "Working", after=0.0, stream=pipe)) == [0, 1, 2]
    assert pipe.getvalue() == "" and not wanted(pipe) and wanted(FakeTTY())


def test_build_prints_no_progress_in_a_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("quizgen.progress.DELAY", 0.0)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "tests/fixtures/decks/rivers.yaml", "--facts",
                                       "tests/fixtures/packs", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "%" not in result.stderr and "\r" not in result.output + result.stderr
