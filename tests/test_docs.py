"""The docs cannot drift from the code: every YAML example in docs/ is validated, and the pack that
docs/authoring.md builds step by step is written out, validated, built, imported into Anki and linted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.model import Fact, FactFile, Pack
from quizgen.recipe import DeckSettings, QuizSettings, Recipe

DOCS = Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```", re.S | re.M)


def blocks(lang: str) -> list[tuple[str, str, str]]:
    """(doc file, info string, body) of every fenced block of `lang` in docs/."""
    out = []
    for doc in sorted(DOCS.glob("*.md")):
        for m in FENCE.finditer(doc.read_text(encoding="utf-8")):
            if m.group(1) == lang:
                out.append((doc.name, m.group(2).strip(), m.group(3)))
    return out


def check_shape(data: dict) -> str:
    """Validate one standalone YAML example by what it is; return its kind."""
    if "facts" in data:
        FactFile.model_validate(data)
        for raw in data["facts"]:
            Fact.model_validate({"topic": data.get("topic"), **raw} if "topic" not in raw else raw)
        return "fact file"
    if "sources" in data:
        Pack.model_validate(data)
        return "pack"
    if "packs" in data:
        Recipe.model_validate(data)
        return "recipe"
    if set(data) == {"quiz"}:
        QuizSettings.model_validate(data["quiz"])
        return "quiz settings"
    if set(data) == {"deck"}:
        DeckSettings.model_validate(data["deck"])
        return "deck settings"
    raise AssertionError(f"an example of unknown kind (keys {sorted(data)}): annotate it or fix it")


YAML_BLOCKS = blocks("yaml")


def test_docs_have_yaml_examples() -> None:
    docs = {doc for doc, _, _ in YAML_BLOCKS}
    assert {"authoring.md", "fact-format.md", "recipes.md"} <= docs


@pytest.mark.parametrize("doc,info,body", YAML_BLOCKS, ids=[f"{d}#{i}" for i, (d, _, _) in enumerate(YAML_BLOCKS)])
def test_every_yaml_example_is_valid(doc: str, info: str, body: str) -> None:
    data = yaml.safe_load(body)
    assert isinstance(data, dict), f"{doc}: example is not a mapping"
    check_shape(data)


def test_authoring_guide_pack_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [(info, body) for lang in ("yaml", "text") for doc, info, body in blocks(lang)
             if doc == "authoring.md" and info.startswith("file=")]
    assert len(files) >= 5
    for info, body in files:
        path = tmp_path / info.removeprefix("file=")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "facts/glaciers"])
    assert result.exit_code == 0, result.output + result.stderr
    # the guide quotes this summary line; keep them in step
    assert result.output.strip() in (DOCS / "authoring.md").read_text(encoding="utf-8")
    result = runner.invoke(main, ["build", "decks/glaciers.yaml"])
    assert result.exit_code == 0, result.output + result.stderr
    for name in ("glaciers.apkg", "glaciers-quiz-A.html", "glaciers-key-B.html",
                 "glaciers-self-check.html", "glaciers-A.json"):
        assert (tmp_path / "build" / name).is_file(), name

    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "c.anki2"))
    try:
        from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(tmp_path / "build" / "glaciers.apkg"),
            options=ImportAnkiPackageOptions(with_scheduling=True)))
        assert col.note_count() == 10
        assert sorted(col.decks.all_names_and_ids(), key=lambda d: d.name)[0].name
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"Glaciers", "Glaciers::Glaciers", "Glaciers::History"} <= names
    finally:
        col.close()
