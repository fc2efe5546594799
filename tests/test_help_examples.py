"""Every example in every `--help` runs as typed, in a copy of the repository as a fresh clone has
it, with the `quizgen` that `make build` installs: each exits 0."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

from conftest import chromium_path

def examples_in(help_text: str) -> list[str]:
    """The example commands of one help text (the lines after `Examples:` that start `quizgen`)."""
    out, inside = [], False
    for line in help_text.splitlines():
        if line.strip() == "Examples:":
            inside = True
            continue
        if inside and line and not line.startswith(" "):
            inside = False  # the next section (Options:, Commands:)
        if inside:
            m = re.match(r"^ +(quizgen .*?)(?: {2,}\S.*)?$", line)
            if m:
                out.append(m.group(1).rstrip())
    return out


def fresh_clone(root: Path, target: Path) -> Path:
    """The repository's files as a clone has them (tracked and new, not ignored: no build/, .venv)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=root, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = root / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    return target


#: The order a user meets the commands in: an example may read what an earlier one wrote (grade
#: reads the sheets `sheet` printed, analyze the grades.csv that `grade` wrote).
WORKFLOW = ["new", "validate", "facts", "coverage", "schema", "lint", "deck", "quiz", "build", "sheet",
            "grade", "analyze", "serve"]


def workflow_position(name: str) -> tuple[int, str]:
    return (WORKFLOW.index(name) if name in WORKFLOW else len(WORKFLOW), name)


def needs_a_printed_page(example: str) -> bool:
    """Printing needs Chromium, and so does whatever reads the printed sheets."""
    return any(mark in example for mark in ("--format pdf", ".pdf", "grades.csv", "--responses"))


def all_examples(clone: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(command, example) for the top-level help and every command's, as shown in `clone`."""
    monkeypatch.chdir(clone)
    runner = CliRunner()
    found = [("quizgen", e) for e in examples_in(runner.invoke(main, ["--help"]).output)]
    for name in sorted(main.commands, key=workflow_position):
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        found += [(name, e) for e in examples_in(result.output)]
    return found


def test_examples_are_parsed_from_every_help(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = all_examples(fresh_clone(root, tmp_path), monkeypatch)
    commands = {name for name, _ in found}
    assert commands == set(main.commands) | {"quizgen"}, "every help has examples"
    assert ("quizgen", "quizgen build") in found
    assert ("quizgen", "quizgen validate") in found
    # the examples name what the folder holds, never a pack that is not there
    recipe = sorted((root / "decks").glob("*.yaml"))[0].stem
    assert ("quiz", f"quizgen quiz {recipe}") in found
    assert not [e for _, e in found if "{" in e or "glaciers" in e]


def test_examples_name_a_teachers_own_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "atlas"]).exit_code == 0
    text = CliRunner().invoke(main, ["quiz", "--help"]).output
    assert "quizgen quiz atlas --seed 7" in text and "quizgen quiz decks/atlas.yaml --questions 10 -o out" in text
    assert "quizgen coverage atlas --html coverage.html" in CliRunner().invoke(main, ["coverage", "--help"]).output


def test_every_help_example_runs_as_typed(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = fresh_clone(root, tmp_path / "clone")
    examples = all_examples(clone, monkeypatch)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("QUIZGEN_PATH", None)
    browser = chromium_path() is not None
    ran = []
    for name, example in examples:
        if needs_a_printed_page(example) and not browser:
            if os.environ.get("QUIZGEN_REQUIRE_BROWSER") == "1":
                pytest.fail(f"{example}: needs chromium")
            continue  # printing needs Chromium; the browser tests say so when it is missing
        if example.startswith("quizgen serve"):
            run_server_example(example, clone, env)
        else:
            done = subprocess.run(["bash", "-c", example], cwd=clone, env=env, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, f"`{example}` (from quizgen {name} --help) exited " \
                f"{done.returncode}:\n{done.stderr[-2000:]}"
            assert "Traceback" not in done.stderr
        ran.append(example)
    assert len(ran) >= 20
    assert (clone / "decks" / "volcanoes.yaml").is_file()  # `quizgen new` ran, then its build


def run_server_example(example: str, clone: Path, env: dict[str, str]) -> None:
    """A preview server runs until Ctrl-C: it must start, then stop cleanly (exit 0) on SIGINT."""
    proc = subprocess.Popen(["bash", "-c", f"exec {example} --port 0"], cwd=clone, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "http://127.0.0.1:" in line, f"`{example}` printed {line!r}"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, f"`{example}` exited {proc.returncode} after Ctrl-C:\n{err}"
    assert "Traceback" not in err
