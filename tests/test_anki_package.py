"""The .apkg file: reproducible bytes, nothing left in the temp dir, stamps kept between builds,
and the `deck` / `build` commands."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile

import pytest
from anki_helpers import rivers_workspace
from click.testing import CliRunner

from quizgen.anki.stamps import state_path
from quizgen.cli import main


def notes_table(apkg) -> dict[str, tuple[int, str]]:
    """guid -> (mod, fields) of the notes in a package (read with the stdlib only)."""
    with zipfile.ZipFile(apkg) as z:
        data = z.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        return {g: (m, f) for g, m, f in conn.execute("select guid, mod, flds from notes")}
    finally:
        conn.close()


def test_same_inputs_give_byte_identical_packages(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    ws = rivers_workspace(tmp_path)
    ws.build()
    first = ws.apkg.read_bytes()
    ws.build()
    assert ws.apkg.read_bytes() == first
    # A fresh checkout (no state from earlier builds) is reproducible through SOURCE_DATE_EPOCH.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    a, b = tmp_path / "a" / "x.apkg", tmp_path / "b" / "x.apkg"
    ws.build(a)
    ws.build(b)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert [i.filename for i in z.infolist()] == ["collection.anki2", "media"]
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert z.read("media") == b"{}"
    assert {m for m, _ in notes_table(a).values()} == {1767225600}


def test_a_build_leaves_the_temp_dir_unchanged(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    (scratch / "existing").write_text("x")
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the cached temp dir
    assert tempfile.gettempdir() == str(scratch)
    ws = rivers_workspace(tmp_path / "ws")
    ws.build()
    ws.build()
    assert sorted(p.name for p in scratch.iterdir()) == ["existing"]
    # and the output folder holds only the deck and its state: no stray temp files
    assert sorted(p.name for p in ws.apkg.parent.iterdir()) == [
        "rivers.anki-state.json",
        "rivers.apkg",
    ]


def test_only_changed_notes_get_a_newer_mod(tmp_path, monkeypatch):
    ws = rivers_workspace(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    ws.build()
    before = notes_table(ws.apkg)
    ws.edit_fact(
        "rivers.yaml",
        "The Volga flows into the [[Caspian Sea]].",
        "The Volga flows into the [[Caspian Sea]] near Astrakhan.",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # same clock: the change must still win
    report = ws.build()
    after = notes_table(ws.apkg)
    changed = {g for g in after if after[g] != before[g]}
    assert len(changed) == 1 and report.changed == 1
    (guid,) = changed
    assert after[guid][0] == before[guid][0] + 1 and "Astrakhan" in after[guid][1]
    state = json.loads(state_path(ws.apkg).read_text())
    assert state["notes"][guid]["mod"] == after[guid][0]


def test_deck_command(tmp_path, monkeypatch):
    ws = rivers_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["deck", "rivers", "--facts", "facts"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("rivers: 19 notes, 42 cards -> build/rivers.apkg")
    assert ws.apkg.is_file()
    result = runner.invoke(
        main, ["deck", "decks/rivers.yaml", "-o", "out/r.apkg", "--facts", "facts"]
    )
    assert result.exit_code == 0 and (tmp_path / "out" / "r.apkg").is_file()
    assert "Examples:" in runner.invoke(main, ["deck", "--help"]).output


def test_deck_command_reports_a_guard_failure_as_a_located_error(tmp_path, monkeypatch):
    rivers_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["deck", "rivers", "--facts", "facts"]).exit_code == 0
    manifest = tmp_path / "decks" / "manifests" / "rivers.notetype.json"
    data = json.loads(manifest.read_text())
    data["templates"].append("Extra")
    manifest.write_text(json.dumps(data))
    result = runner.invoke(main, ["deck", "rivers", "--facts", "facts"])
    assert result.exit_code == 1
    # located at the recipe's `model_version:` key (line 9, column 3)
    assert result.output.startswith("decks/rivers.yaml:9:3: deck.model_version: note type fields/templates "
                                    "changed since version 1")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [[], ["rivers"]])
def test_build_command_writes_the_deck(tmp_path, monkeypatch, args):
    rivers_workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    # a deck-only recipe, so this test does not depend on the quiz generator
    recipe = tmp_path / "decks" / "rivers.yaml"
    recipe.write_text(recipe.read_text().split("\nquiz:")[0] + "\n")
    result = CliRunner().invoke(main, ["build", *args, "--facts", "facts", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "rivers: 19 notes, 42 cards -> out/rivers.apkg" in result.output


@pytest.mark.parametrize("corrupt", [
    '{"notes": {}, "notetype": {"hash": "x", "mod": 1e999}, "version": 1}',
    '{"notes": {}, "notetype": {"hash": "x", "mod": 123456789012345678901}, "version": 1}',
    '{"notes": {}, "notetype": {"hash": "x", "mod": -5}, "version": 1}',
    "[" * 100_000 + "]" * 100_000,
    '{"notes": "many", "version": 1}',
])
def test_a_corrupted_state_file_is_ignored_not_a_traceback(tmp_path, monkeypatch, corrupt):
    """A state file that is no state (an infinite or 20-digit mod, nesting 100k deep, the wrong
    shape) is treated as missing: the build succeeds and every note gets the build time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    ws = rivers_workspace(tmp_path / "ws")
    ws.build()
    (ws.apkg.parent / "rivers.anki-state.json").write_text(corrupt, encoding="utf-8")
    ws.build()
    assert {m for m, _ in notes_table(ws.apkg).values()} == {1767225600}
    state = json.loads((ws.apkg.parent / "rivers.anki-state.json").read_text(encoding="utf-8"))
    assert state["version"] == 1 and all(s["mod"] == 1767225600 for s in state["notes"].values())
