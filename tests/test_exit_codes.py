"""Exit codes, as documented: 0 ok, 1 bad data or a failed check, 2 usage. An output folder that
cannot be written is reported with its path (exit 1), never as a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
RIVERS = ["tests/fixtures/decks/rivers.yaml", "--facts", "tests/fixtures/packs"]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def test_ok_is_0(tmp_path: Path) -> None:
    assert run("validate", "--facts", "tests/fixtures/packs", "rivers").exit_code == 0
    assert run("build", *RIVERS, "-o", str(tmp_path)).exit_code == 0


def test_bad_data_is_1(tmp_path: Path) -> None:
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{pack}/pack.yaml:")


def test_no_such_recipe_is_1() -> None:
    assert run("deck", "no-such-recipe-anywhere").exit_code == 1


@pytest.mark.parametrize("args", [["--no-such-option"], ["no-such-command"], ["build", "--output"],
                                  ["quiz", "rivers", "--versions", "99"], ["validate", "--facts"]])
def test_usage_errors_are_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage:") or result.stderr.startswith("Error:")


def test_unwritable_output_folder_is_reported_with_its_path(tmp_path: Path) -> None:
    # Tests run as root, where permission bits do not stop writes: a folder under a regular file
    # cannot be created by anyone.
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    out = blocker / "sub"
    result = run("build", *RIVERS, "-o", str(out))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{out}:1:1: cannot write to this folder: "), first
    assert not out.exists()


def test_outputs_get_the_usual_file_mode(tmp_path) -> None:
    import os

    from quizgen.writer import write_bytes

    old = os.umask(0o022)
    try:
        write_bytes(tmp_path / "out.txt", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out.txt").read_bytes() == b"x"


def test_an_unexpected_error_is_one_line_and_exit_70(monkeypatch, tmp_path) -> None:
    """The last-resort handler: an exception no command located is one line, exit 70; --debug
    shows the traceback."""
    import quizgen.commands.validate as validate_command

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("quizgen.loader.load_packs", broken)
    result = CliRunner().invoke(main, ["validate", "x"])
    assert result.exit_code == 70
    assert result.stderr.strip() == ("quizgen: internal error: ZeroDivisionError: division by zero; "
                                     "run with --debug for the traceback")
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(main, ["--debug", "validate", "x"])
    assert isinstance(debug.exception, ZeroDivisionError)
    assert validate_command.command is not None


def test_a_mix_of_all_zeros_is_refused_with_its_location(tmp_path, monkeypatch) -> None:
    """A quiz that would ask nothing is a located recipe problem, not an empty quiz."""
    import re
    import shutil

    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "decks", tmp_path / "decks")
    recipe = tmp_path / "decks" / "rivers.yaml"
    text = recipe.read_text(encoding="utf-8").replace("  questions: 10\n", "")
    text = re.sub(r"^(    (?:multiple_choice|true_false|fill_blank|short_answer|matching|ordering)): \d+$",
                  r"\1: 0", text, flags=re.M)
    recipe.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["quiz", "decks/rivers.yaml", "--facts", str(FIXTURES / "packs"), "-o", "out"])
    assert result.exit_code == 1, result.output
    assert "mix asks for no question at all" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_pack_listed_twice_is_a_located_recipe_problem(tmp_path, monkeypatch) -> None:
    """Its facts would be notes and items twice over; the recipe says so at the line, and nothing is written."""
    import shutil

    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "decks", tmp_path / "decks")
    recipe = tmp_path / "decks" / "rivers.yaml"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("packs: [rivers]", "packs: [rivers, rivers]"),
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["deck", "decks/rivers.yaml", "--facts", str(FIXTURES / "packs"),
                                       "-o", "out/rivers.apkg"])
    assert result.exit_code == 1, result.output
    line = next(n for n, text in enumerate(recipe.read_text().splitlines(), 1) if text.startswith("packs:"))
    assert f"rivers.yaml:{line}:" in result.stderr
    assert "packs: the pack 'rivers' is listed more than once" in result.stderr
    assert not (tmp_path / "out").exists()
