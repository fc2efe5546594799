"""`quizgen lint`: text and JSON output, exit codes, seed ranges; every recipe in decks/ is clean."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES

from quizgen.cli import main
from quizgen.lint import format_finding, lint_recipe
from quizgen.lint.findings import Finding, Severity
from quizgen.recipe import find_recipes, load_recipe
from quizgen.select import recipe_packs

RIVERS = ["--facts", str(FIXTURES / "packs"), str(FIXTURES / "decks" / "rivers.yaml")]


def _bad_rivers(tmp_path: Path) -> Path:
    """The rivers pack with one cloze card that shows its own answer (an error)."""
    packs = tmp_path / "packs"
    shutil.copytree(FIXTURES / "packs" / "rivers", packs / "rivers")
    facts = packs / "rivers" / "rivers.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace(
        "text: The Nile empties into the [[Mediterranean Sea]].",
        "text: The Nile empties into the [[Mediterranean Sea]], as Mediterranean Sea maps show.",
    )
    facts.write_text(text, encoding="utf-8")
    return packs


def test_clean_recipe_text_output_exits_0(in_repo):
    result = CliRunner().invoke(main, ["lint", *RIVERS, "--seeds", "1-3"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 errors, 0 warnings in ")


def test_error_exits_1_and_names_item_facts_and_check(in_repo, tmp_path):
    packs = _bad_rivers(tmp_path)
    result = CliRunner().invoke(
        main, ["lint", "--facts", str(packs), str(FIXTURES / "decks" / "rivers.yaml")]
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.endswith(
            "error card-cloze-single [deck] item cloze-nile-mouth (rivers/nile-mouth): "
            "the deleted text 'Mediterranean Sea' also appears on the card: "
            "'The Nile empties into the [...], as Mediterranean Sea maps show.'"
        )
        for line in lines
    ), result.output
    assert lines[-1].startswith("1 error, 0 warnings in ")


def test_json_output(in_repo, tmp_path):
    packs = _bad_rivers(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "lint",
            "--json",
            "--seed",
            "3",
            "--facts",
            str(packs),
            str(FIXTURES / "decks" / "rivers.yaml"),
        ],
    )
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["errors"] == 1 and doc["warnings"] == 0 and doc["items"] > 20
    [f] = doc["findings"]
    assert f["severity"] == "error" and f["check"] == "card-cloze-single"
    assert f["item_id"] == "cloze-nile-mouth" and f["fact_ids"] == ["rivers/nile-mouth"]
    assert f["version"] == "deck" and f["recipe"].endswith("rivers.yaml")


def test_seed_options(in_repo):
    runner = CliRunner()
    bad = runner.invoke(main, ["lint", *RIVERS, "--seeds", "9-2"])
    assert bad.exit_code == 2 and "the range is empty" in bad.output
    both = runner.invoke(main, ["lint", *RIVERS, "--seed", "1", "--seeds", "1-2"])
    assert both.exit_code == 2
    one = json.loads(runner.invoke(main, ["lint", *RIVERS, "--json", "--seed", "4"]).output)
    two = json.loads(runner.invoke(main, ["lint", *RIVERS, "--json", "--seeds", "4-5"]).output)
    assert two["items"] - one["items"] == 10  # one more quiz of 10 items; the deck is linted once


def test_unknown_recipe_is_a_located_error(in_repo):
    result = CliRunner().invoke(main, ["lint", "no-such-recipe"])
    assert result.exit_code == 1 and "no-such-recipe:1:1: no such recipe" in result.stderr


def test_format_finding():
    f = Finding(
        severity=Severity.error,
        check="mc-key-longest",
        message="too long",
        item_id="mc-x",
        fact_ids=["p/x", "p/y"],
        version="A,B",
        seed=7,
        recipe="decks/p.yaml",
    )
    assert (
        format_finding(f)
        == "decks/p.yaml: error mc-key-longest [quiz A,B seed 7] item mc-x (p/x, p/y): too long"
    )
    quiz = f.model_copy(update={"item_id": None, "fact_ids": [], "seed": None, "version": "A"})
    assert format_finding(quiz) == "decks/p.yaml: error mc-key-longest [quiz A] quiz: too long"


def test_every_recipe_in_decks_has_no_errors_at_seeds_1_to_50(in_repo):
    """The issue's bar: zero errors on every shipped recipe at seeds 1-50 (about 3 s per recipe)."""
    started = time.monotonic()
    for path in find_recipes():
        recipe = load_recipe(path)
        packs = recipe_packs(recipe)
        errors = [
            format_finding(f)
            for seed in range(1, 51)
            for f in lint_recipe(recipe, packs, seed=seed)
            if f.severity is Severity.error
        ]
        assert errors == [], "\n".join(errors)
    assert time.monotonic() - started < 60


def test_rivers_fixture_has_no_errors_at_seeds_1_to_50(in_repo):
    result = CliRunner().invoke(main, ["lint", *RIVERS, "--seeds", "1-50"])
    assert result.exit_code == 0, result.output
