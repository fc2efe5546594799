"""Builds into one folder at the same time: each waits for the folder's lock, none removes
another's temp files, and the outputs equal a build made alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES

from quizgen.writer import remove_stale_temps


def _build(cwd: Path, out: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quizgen", "build", "decks/rivers.yaml", "--facts",
                             str(FIXTURES / "packs"), "-o", out], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_ten_builds_into_one_folder_all_succeed_with_the_solo_outputs(tmp_path):
    shutil.copytree(FIXTURES / "decks", tmp_path / "decks")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    solo = _build(tmp_path, "solo", env)
    assert solo.wait(timeout=120) == 0, solo.stderr.read()
    runs = [_build(tmp_path, "shared", env) for _ in range(10)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
        assert "Traceback" not in run.stderr.read()
    assert _outputs(tmp_path / "shared") == _outputs(tmp_path / "solo")
    assert not [p for p in (tmp_path / "shared").iterdir() if p.name.endswith(".tmp")]


def test_a_running_builds_temp_file_is_not_stale(tmp_path):
    """Only temp files of processes that are gone are removed."""
    mine = tmp_path / f".x.apkg.{os.getpid()}.abcdefgh.tmp"
    gone = tmp_path / ".x.apkg.999999999.abcdefgh.tmp"
    parent = tmp_path / f".x.apkg.{os.getppid()}.abcdefgh.tmp"  # alive: the test runner's parent
    for p in (mine, gone, parent):
        p.write_bytes(b"")
    remove_stale_temps(tmp_path, "x.apkg")
    assert mine.exists() and parent.exists() and not gone.exists()


def test_the_writer_replaces_only_regular_files(tmp_path, monkeypatch):
    """`quizgen schema -o` onto a pipe (or a device) is refused with its path; nothing replaced."""
    from click.testing import CliRunner

    from quizgen.cli import main

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = CliRunner().invoke(main, ["schema", "-o", str(pipe)])
    assert result.exit_code == 1
    assert f"{pipe}:1:1: is not a regular file: refused" in result.stderr
    assert pipe.is_fifo()
