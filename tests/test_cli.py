"""The command line: help with examples on every command, the README lists them, schema, exits."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.scaffold import fact_file_schema


def test_every_command_has_help_with_an_example_and_is_in_the_readme(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    assert len(main.commands) >= 5
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.output, name
        assert f"quizgen {name}" in readme, f"README does not mention `quizgen {name}`"


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["validate", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_unknown_pack_is_a_located_error(in_repo) -> None:
    result = CliRunner().invoke(main, ["validate", "no-such-pack"])
    assert result.exit_code == 1
    assert result.stderr.startswith("no-such-pack:1:1: no pack found")
    assert "Traceback" not in result.stderr


def test_schema_file_is_current(root: Path) -> None:
    """facts/fact-file.schema.json is what `quizgen schema` prints (regenerate with
    `quizgen schema -o facts/fact-file.schema.json`)."""
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == fact_file_schema()
    committed = json.loads((root / "facts" / "fact-file.schema.json").read_text(encoding="utf-8"))
    assert committed == fact_file_schema()


def test_every_fact_file_names_the_schema(root: Path) -> None:
    files = [p for p in (root / "facts").glob("*/*.yaml") if p.name != "pack.yaml"]
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../fact-file.schema.json", path


def test_schema_describes_fact_fields() -> None:
    schema = fact_file_schema()
    fact = schema["$defs"]["Fact"]
    assert {"id", "text", "ask", "answer_type", "evidence"} <= set(fact["required"])
    assert "topic" not in fact["required"]  # may come from the file
    assert fact["additionalProperties"] is False


def test_facts_table(in_repo) -> None:
    result = CliRunner().invoke(main, ["facts", "mexico-russia"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1].endswith(" facts")
    assert any("1890" in line for line in lines)


def test_public_api_names_resolve() -> None:
    import quizgen

    assert {"load_pack", "write_deck", "make_quiz", "lint_recipe", "export_files"} <= set(quizgen.__all__)
    for name in quizgen.__all__:
        assert getattr(quizgen, name) is not None, name
