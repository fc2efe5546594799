"""`quizgen quiz --format gift|moodle-xml|qti|kahoot [--export-version ...]` and
`quizgen deck --format csv|quizlet`: the files written from the same items as the printed quiz's
JSON, the versions chosen, a refused item stopping before any write, reports on stderr."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import FIXTURES
from test_export_gift import parse_gift
from test_export_kahoot import read_sheet
from test_export_moodle_xml import parse_moodle_xml
from test_export_qti import questions_of

from quizgen.cli import main
from quizgen.export.questions import ExportRefused

EXPORTS = ["gift", "moodle-xml", "qti", "kahoot"]
RIVERS = [str(FIXTURES / "decks" / "rivers.yaml"), "--facts", str(FIXTURES / "packs")]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_export_of_every_version_comes_from_the_printed_items(tmp_path):
    args = ["quiz", *RIVERS, "--format", "json", "-o", str(tmp_path), "--export-version", "all"]
    for f in EXPORTS:
        args += ["--format", f]
    result = run(*args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"rivers-{v}{suffix}" for v in "AB" for suffix in
                           (".json", ".gift", "-moodle.xml", "-qti.zip", "-kahoot.xlsx"))
    for v in "AB":
        printed = json.loads((tmp_path / f"rivers-{v}.json").read_text(encoding="utf-8"))
        keys = {q["id"]: q.get("key") for q in printed["questions"]}
        gift, _ = parse_gift((tmp_path / f"rivers-{v}.gift").read_bytes())
        xml = parse_moodle_xml((tmp_path / f"rivers-{v}-moodle.xml").read_bytes())
        qti = questions_of((tmp_path / f"rivers-{v}-qti.zip").read_bytes())
        for parsed in (gift, xml, qti):
            assert sorted(q["id"] for q in parsed) == sorted(keys)
            assert all(q.get("key") == keys[q["id"]] for q in parsed if q["kind"] == "choice")
        rows = read_sheet((tmp_path / f"rivers-{v}-kahoot.xlsx").read_bytes())
        mc = [q for q in printed["questions"] if q["type"] == "multiple_choice"]
        assert [r["correct"] for r in rows if len(r["answers"]) > 2] == [q["key"] + 1 for q in mc]
    assert "kahoot: rivers-A:" in result.stderr  # the other item types are reported


def test_default_exports_version_a_only_and_a_letter_picks_another(tmp_path):
    result = run("quiz", *RIVERS, "--format", "gift", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["rivers-A.gift"]
    result = run("quiz", *RIVERS, "--format", "gift", "--export-version", "b", "-o", str(tmp_path / "b"))
    assert result.exit_code == 0 and [p.name for p in (tmp_path / "b").iterdir()] == ["rivers-B.gift"]
    result = run("quiz", *RIVERS, "--format", "gift", "--export-version", "C", "-o", str(tmp_path / "c"))
    assert result.exit_code == 1
    assert result.stderr.startswith("--export-version:1:1: no version 'C' in this quiz (it has A, B)")
    assert not (tmp_path / "c").exists()


def test_help_lists_the_formats_and_the_docs():
    result = run("quiz", "--help")
    assert result.exit_code == 0
    assert all(f in result.output for f in EXPORTS) and "docs/exports.md" in result.output
    assert "--bank" in result.output and "--export-version" in result.output
    deck = run("deck", "--help")
    assert all(f in deck.output for f in ("apkg", "csv", "quizlet")) and "docs/exports.md" in deck.output


def test_anki_csv_is_a_deck_format_now(tmp_path):
    result = run("quiz", *RIVERS, "--format", "anki-csv", "-o", str(tmp_path))
    assert result.exit_code == 2 and "anki-csv" in result.output
    result = run("deck", *RIVERS, "--format", "csv", "--format", "quizlet",
                 "-o", str(tmp_path / "out" / "rivers.apkg"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["rivers-anki.csv", "rivers-quizlet.txt"]  # no .apkg unless asked
    assert "#notetype:" in (tmp_path / "out" / "rivers-anki.csv").read_text(encoding="utf-8")


def test_a_refused_item_writes_nothing_and_names_the_item(tmp_path, monkeypatch):
    from quizgen.export import gift

    def refuse(qset):
        raise ExportRefused("--format gift", 1, 1, "item mc-x: GIFT cannot hold the answer 'a -> b'")

    monkeypatch.setattr(gift, "gift_bytes", refuse)
    result = run("quiz", *RIVERS, "--format", "html", "--format", "gift", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "item mc-x: GIFT cannot hold" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_recipe_without_deck_cannot_export_its_notes(tmp_path):
    recipe = tmp_path / "nodeck.yaml"
    text = (FIXTURES / "decks" / "rivers.yaml").read_text(encoding="utf-8")
    start, end = text.index("deck:\n"), text.index("quiz:\n")
    recipe.write_text(text[:start] + text[end:], encoding="utf-8")
    for fmt in ("csv", "quizlet"):
        result = run("deck", str(recipe), "--facts", str(FIXTURES / "packs"), "--format", fmt,
                     "-o", str(tmp_path / "out" / "x.apkg"))
        assert result.exit_code == 1 and "no `deck:` section" in result.output, fmt
    assert not (tmp_path / "out").exists()


def test_the_issues_commands_on_the_default_recipe_read_back(tmp_path, in_repo):
    """`quizgen quiz decks/mexico-russia.yaml --bank --format moodle-xml --format qti --format gift`,
    `... --bank --format kahoot` and `quizgen deck decks/mexico-russia.yaml --format quizlet
    --format csv`: every file parses back to the bank's (or the deck's) questions and answers."""
    from test_export_common import bank_of, default_recipe, expected_items
    from test_export_gift import check as check_gift
    from test_export_kahoot import check as check_kahoot
    from test_export_moodle_xml import check as check_xml
    from test_export_qti import check as check_qti
    from test_export_quizlet import expected_cards, read_quizlet

    from quizgen.export.kahoot import kahoot_sheet

    out = tmp_path / "out"
    recipe_file = "decks/mexico-russia.yaml"
    for args in (["--format", "moodle-xml", "--format", "qti", "--format", "gift"],
                 ["--format", "kahoot"]):
        result = run("quiz", recipe_file, "--bank", *args, "-o", str(out))
        assert result.exit_code == 0, result.output
    result = run("deck", recipe_file, "--format", "quizlet", "--format", "csv",
                 "-o", str(out / "mexico-russia.apkg"))
    assert result.exit_code == 0, result.output
    recipe, packs = default_recipe()
    qset, items = bank_of(recipe, packs)
    want = expected_items(items)
    assert len(want) > 300
    check_gift((out / "mexico-russia-bank.gift").read_bytes(), want)
    check_xml((out / "mexico-russia-bank-moodle.xml").read_bytes(), want)
    check_qti((out / "mexico-russia-bank-qti.zip").read_bytes(), want, "mexico-russia-bank")
    sheet = kahoot_sheet(qset)
    assert (out / "mexico-russia-bank-kahoot.xlsx").read_bytes() == sheet.data
    check_kahoot(sheet, {q.id: want[q.id] for q in qset.questions})
    cards = read_quizlet((out / "mexico-russia-quizlet.txt").read_bytes())
    assert cards == expected_cards(recipe, packs) and len(cards) > 200
