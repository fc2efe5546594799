"""Authors' commands: `quizgen new` then `quizgen build`, packs from anywhere, the coverage map, the
change report, and proof that nothing in the code depends on the default pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main


def test_new_then_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_packs: Path) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    source = fixture_packs / "rivers" / "sources" / "rivers.md"
    result = runner.invoke(main, ["new", "my-rivers", "--title", "My rivers", "--source", str(source)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "facts/my-rivers/sources/rivers.md").read_text() == source.read_text()
    assert (tmp_path / "facts/fact-file.schema.json").is_file()
    result = runner.invoke(main, ["build", "decks/my-rivers.yaml"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "build/my-rivers.apkg").is_file()
    assert (tmp_path / "build/my-rivers-quiz-A.html").is_file()


def test_new_without_source_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["new", "atlas"]).exit_code == 0
    result = runner.invoke(main, ["build", "decks/atlas.yaml"])
    assert result.exit_code == 0, result.stderr


def test_new_example_quote_starts_at_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["new", "atlas"]).exit_code == 0
    text = (tmp_path / "facts/atlas/general.yaml").read_text(encoding="utf-8")
    assert "  evidence: Terrarum of Abraham Ortelius, was published in Antwerp in 1570\n" in text


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["new", "atlas"]).exit_code == 0
    before = (tmp_path / "facts/atlas/general.yaml").read_bytes()
    result = runner.invoke(main, ["new", "atlas"])
    assert result.exit_code == 1
    assert result.stderr.startswith("facts/atlas:1:1: already exists")
    assert (tmp_path / "facts/atlas/general.yaml").read_bytes() == before


def test_new_rejects_bad_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "Bad Id"])
    assert result.exit_code == 2
    assert not (tmp_path / "facts").exists()


def test_packs_from_facts_option_and_quizgen_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  fixture_packs: Path) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--facts", str(fixture_packs), "rivers"])
    assert result.exit_code == 0, result.stderr
    assert result.output.startswith("rivers: 19 facts")
    assert runner.invoke(main, ["validate", "rivers"]).exit_code == 1
    monkeypatch.setenv("QUIZGEN_PATH", str(fixture_packs))
    assert runner.invoke(main, ["validate", "rivers"]).exit_code == 0


def test_coverage_html_map(tmp_path: Path, fixture_packs: Path) -> None:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["coverage", "rivers", "--facts", str(fixture_packs), "--html", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert '<span class="cited" title="nile-length"><a href="#fact-nile-length">The Nile is about 6,650 km long</a></span>' in html
    assert 'id="fact-hoover-river"' in html


def test_coverage_html_marks_uncovered(tmp_path: Path, fixture_packs: Path) -> None:
    pack = tmp_path / "packs" / "rivers"
    shutil.copytree(fixture_packs / "rivers", pack)
    text = (pack / "explorers-and-dams.yaml").read_text()
    (pack / "explorers-and-dams.yaml").write_text(text.split("  - id: hoover-year")[0])
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["coverage", "rivers", "--facts", str(tmp_path / "packs"), "--html", str(out)])
    assert result.exit_code == 0, result.stderr
    # the terminal gets one line; the map has the sentence
    assert result.output.splitlines() == [
        "rivers (sources/rivers.md): 93.8% of factual sentences cited (15 of 16), 1 not cited: "
        f"see {out}"]
    assert ('<span class="uncovered" title="no fact cites this sentence">The Hoover Dam on the Colorado '
            'River was completed in 1936.</span>') in out.read_text(encoding="utf-8")


def test_change_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_packs: Path, root: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(fixture_packs / "rivers", packs / "rivers")
    shutil.copytree(root / "tests/fixtures/decks", tmp_path / "decks")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["build", "decks/rivers.yaml", "--facts", str(packs)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.stderr
    assert "rivers: first build, no previous facts to compare with" in first.output
    facts = packs / "rivers" / "rivers.yaml"
    text = facts.read_text()
    text = text.replace("The Nile is about [[6,650]] km long.", "The Nile is roughly [[6,650]] km long.")
    text = text.replace("  - id: danube-capitals", "  - id: danube-capital-count")
    facts.write_text(text)
    second = runner.invoke(main, args)
    assert second.exit_code == 0, second.stderr
    lines = second.output.splitlines()
    assert "rivers: 1 facts added, 1 changed, 1 removed since the previous build" in lines
    assert "  added   rivers/danube-capital-count" in lines
    assert "  changed rivers/nile-length" in lines
    assert ('  removed rivers/danube-capitals: an import cannot delete its note; find it in Anki with '
            'the search  "Fact:rivers/danube-capitals"') in lines
    snapshot = json.loads((tmp_path / "build/rivers.facts.json").read_text())
    assert "rivers/danube-capital-count" in snapshot and "rivers/danube-capitals" not in snapshot


def test_no_code_names_the_default_pack(root: Path) -> None:
    for path in (root / "quizgen").rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        assert "mexico" not in text and "russia" not in text, path


def test_build_stops_on_lint_errors_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       fixture_packs: Path, root: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(fixture_packs / "rivers", packs / "rivers")
    shutil.copytree(root / "tests/fixtures/decks", tmp_path / "decks")
    # a second fact whose blank card has the same front as hoover-year's but another answer
    with (packs / "rivers" / "explorers-and-dams.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: hoover-year-again\n"
            "    text: The Hoover Dam on the Colorado River was completed in [[1935]].\n"
            "    ask: In what year was the Hoover Dam on the Colorado finished?\n"
            "    answer_type: year\n"
            '    evidence: "The Hoover Dam on the Colorado River was completed in 1936"\n'
            # an accepted form the quote holds: an evidence quote must hold an answer to load
            '    also_accept: ["1936"]\n'
        )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "decks/rivers.yaml", "--facts", str(packs)])
    assert result.exit_code == 1
    assert "error card-duplicate-front" in result.stderr
    assert "lint error" in result.stderr and "nothing was built" in result.stderr
    assert not (tmp_path / "build").exists()
