"""Anki CSV export imported by Anki's own backend (the `anki` package), compared with the .apkg.

Anki's CSV import fills the fields of a note type that already exists; it cannot create ours (and
with `#notetype` naming a missing one it quietly picks another). So, as docs/exports.md tells users,
the CSV is imported where the note type exists: collection A gets the .apkg; collection B gets the
.apkg, loses all its notes (keeping note type and decks), then gets the CSV. Both must hold the
same notes: GUIDs, fields, tags, cards and decks.
"""

from __future__ import annotations

import html

import pytest
from anki_helpers import (
    CLEAN,
    default_workspace,
    import_apkg,
    log_counts,
    open_collection,
    rivers_workspace,
)
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import NASTY, TEXT

from quizgen.anki.notes import AnkiNote
from quizgen.anki.notetype import FIELDS
from quizgen.anki.notetype import notetype_name
from quizgen.export.anki_csv import notes_csv
from quizgen.export.files import export_deck
from quizgen.recipe import load_recipe
from quizgen.select import recipe_packs

pytestmark = pytest.mark.anki



def import_csv(col, path):
    from anki.collection import ImportCsvRequest

    metadata = col.get_csv_metadata(str(path), None)  # no choices: everything from the file's headers
    return metadata, col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def notes_of(col) -> list[tuple]:
    rows = col.db.all("select id, guid, flds, tags from notes order by guid")
    out = []
    for nid, guid, flds, tags in rows:
        cards = col.db.all("select ord, did from cards where nid = ? order by ord", nid)
        out.append((guid, flds, tags, tuple((o, col.decks.name(d)) for o, d in cards)))
    return out


def anki_csv(loaded, ws) -> bytes:
    """The recipe's Anki CSV, as `quizgen deck --format csv` makes it."""
    packs = recipe_packs(loaded, [str(ws.facts)])
    return export_deck(loaded, packs, ["csv"]).files[f"{loaded.name}-anki.csv"]


def csv_matches_apkg(ws, tmp_path) -> int:
    loaded = load_recipe(ws.recipe)
    report = ws.build()
    csv_path = tmp_path / "deck.csv"
    csv_path.write_bytes(anki_csv(loaded, ws))
    a, b = open_collection(tmp_path / "a"), open_collection(tmp_path / "b")
    try:
        import_apkg(a, ws.apkg)
        import_apkg(b, ws.apkg)
        b.remove_notes(b.find_notes(""))
        assert b.note_count() == 0
        metadata, log = import_csv(b, csv_path)
        assert metadata.global_notetype.id == loaded.recipe.deck.model_id
        assert log_counts(log) == {"new": report.notes, **CLEAN}
        assert notes_of(a) == notes_of(b)
        assert a.card_count() == b.card_count() == report.cards
        # importing the CSV over the .apkg's notes finds every one of them, changes none
        _, again = import_csv(a, csv_path)
        assert log_counts(again) == {"new": 0, **CLEAN, "duplicate": report.notes}
        return report.notes
    finally:
        a.close()
        b.close()


def test_default_recipe_csv_gives_the_same_notes_as_the_apkg(tmp_path):
    assert csv_matches_apkg(default_workspace(tmp_path / "ws"), tmp_path) > 200


def test_special_characters_in_facts_survive_the_csv(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    # a fact's `ask` may not contain `]]` (the answer-span marker); the fuzz below covers `]]>`
    text = NASTY.replace("]]>", "] ]>")
    nasty = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    ws.edit_fact("rivers.yaml", "ask: Into which sea does the Nile empty?", f'ask: "{nasty} #1?"')
    csv_matches_apkg(ws, tmp_path)
    col = open_collection(tmp_path / "c")
    try:
        import_apkg(col, ws.apkg)
        [nid] = col.find_notes('"Fact:rivers/nile-mouth"')
        # HTML-escaped, and Anki's own markup shown literally ("[" and "{{" as entities, a
        # zero-width space between a backslash and "(" or "[")
        shown = html.escape(text + " #1?", quote=False).replace("\\(", "\\\u200b(").replace("\\[", "\\\u200b[")
        assert col.get_note(nid)["Question"] == shown.replace("[", "&#91;").replace("{{", "&#123;&#123;")
    finally:
        col.close()


def test_header_names_our_note_type_guid_tags_and_deck_columns():
    ws_recipe = load_recipe(ROOT / "decks" / "mexico-russia.yaml")
    data = notes_csv([], notetype_name(ws_recipe), "Mexico and Russia", subdecks=True).decode()
    assert data.splitlines()[:6] == ["#separator:comma", "#html:true", "#notetype:quizgen fact (mexico-russia)",
                                     "#deck column:2", "#guid column:1", f"#tags column:{len(FIELDS) + 3}"]
    flat = notes_csv([], "nt", "Deck", subdecks=False).decode()
    assert "#deck:Deck\n" in flat and "#deck column" not in flat


def test_without_our_note_type_anki_would_pick_another(tmp_path):
    """Why docs/exports.md says: import the .apkg once before any CSV."""
    ws = rivers_workspace(tmp_path / "ws")
    loaded = load_recipe(ws.recipe)
    path = tmp_path / "deck.csv"
    path.write_bytes(anki_csv(loaded, ws))
    col = open_collection(tmp_path / "fresh")
    try:
        metadata = col.get_csv_metadata(str(path), None)
        assert metadata.global_notetype.id != loaded.recipe.deck.model_id
    finally:
        col.close()


@pytest.fixture(scope="module")
def rivers_collection(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("csv-fuzz")
    ws = rivers_workspace(tmp / "ws")
    ws.build()
    col = open_collection(tmp / "col")
    import_apkg(col, ws.apkg)
    yield col, tmp, notetype_name(load_recipe(ws.recipe))
    col.close()


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_fuzzed_fields_round_trip_through_anki_csv_import(rivers_collection, texts):
    col, tmp, notetype = rivers_collection
    fields = tuple(html.escape(t, quote=False) for t in texts)  # fields are HTML, as the note maker makes them
    note = AnkiNote(key="rivers/fuzz", guid="fuzz#guid,1", fields=fields, sort_field=texts[0],
                    tags=("topic::fuzz", "x"), deck="Great Rivers::Fuzz ~ #, x", ords=(0,), due=1)
    path = tmp / "fuzz.csv"
    path.write_bytes(notes_csv([note], notetype, "Great Rivers", subdecks=True))
    _, log = import_csv(col, path)
    assert log_counts(log)["conflicting"] == 0
    nid = col.db.scalar("select id from notes where guid = ?", note.guid)
    stored = col.get_note(nid)
    assert tuple(stored.fields) == fields
    assert sorted(stored.tags) == ["topic::fuzz", "x"]
    assert {col.decks.name(c.did) for c in stored.cards()} == {"Great Rivers::Fuzz ~ #, x"}
