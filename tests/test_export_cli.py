"""`quizgen quiz --format gift|moodle-xml|qti|anki-csv`: the four exports written for the default
recipe from the same items as the printed quiz's JSON, and a refused item stopping before any write."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from test_export_gift import parse_gift
from test_export_moodle_xml import parse_moodle_xml
from test_export_qti import parse_qti

from quizgen.cli import main
from quizgen.export import ExportRefused

EXPORTS = ["gift", "moodle-xml", "qti", "anki-csv"]


def test_default_recipe_writes_every_export_from_the_printed_items(tmp_path):
    args = ["quiz", str(ROOT / "decks" / "mexico-russia.yaml"), "--facts", str(ROOT / "facts"),
            "--format", "json", "-o", str(tmp_path)]
    for f in EXPORTS:
        args += ["--format", f]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["mexico-russia-A.json", "mexico-russia-B.json", "mexico-russia-anki.csv",
                     "mexico-russia-moodle.xml", "mexico-russia-qti.zip", "mexico-russia.gift"]
    printed = json.loads((tmp_path / "mexico-russia-A.json").read_text(encoding="utf-8"))
    ids = [q["id"] for q in printed["questions"]]
    keys = {q["id"]: q.get("key") for q in printed["questions"]}
    gift, _ = parse_gift((tmp_path / "mexico-russia.gift").read_bytes())
    xml = parse_moodle_xml((tmp_path / "mexico-russia-moodle.xml").read_bytes())
    qti = parse_qti((tmp_path / "mexico-russia-qti.zip").read_bytes())
    for parsed in (gift, xml, qti):
        assert sorted(q["id"] for q in parsed) == sorted(ids)
        assert all(q.get("key") == keys[q["id"]] for q in parsed if q["kind"] == "choice")
    csv_lines = (tmp_path / "mexico-russia-anki.csv").read_text(encoding="utf-8").splitlines()
    assert "#notetype:quizgen fact (mexico-russia)" in csv_lines


def test_help_lists_the_export_formats():
    result = CliRunner().invoke(main, ["quiz", "--help"])
    assert result.exit_code == 0
    assert all(f in result.output for f in EXPORTS) and "docs/exports.md" in result.output


def test_a_refused_item_writes_nothing_and_names_the_item(tmp_path, monkeypatch):
    from quizgen.export import gift

    def refuse(quiz, context, version=None):
        raise ExportRefused("mc-x", 1, 1, "item mc-x: GIFT cannot hold the answer 'a -> b'")

    monkeypatch.setattr(gift, "gift_bytes", refuse)
    result = CliRunner().invoke(main, ["quiz", str(FIXTURES / "decks" / "rivers.yaml"), "--facts",
                                       str(FIXTURES / "packs"), "--format", "html", "--format", "gift",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "item mc-x: GIFT cannot hold" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_recipe_without_deck_cannot_export_anki_csv(tmp_path):
    recipe = tmp_path / "nodeck.yaml"
    text = (FIXTURES / "decks" / "rivers.yaml").read_text(encoding="utf-8")
    start, end = text.index("deck:\n"), text.index("quiz:\n")
    recipe.write_text(text[:start] + text[end:], encoding="utf-8")
    result = CliRunner().invoke(main, ["quiz", str(recipe), "--facts", str(FIXTURES / "packs"),
                                       "--format", "anki-csv", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no `deck:` section" in result.output
    assert not (tmp_path / "out").exists()
