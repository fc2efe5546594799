"""The .apkg bytes: a legacy `collection.anki2` SQLite file and an empty media map, zipped.

genanki's `write_to_file` goes through a temp file it never deletes and stamps the build time into
every note, card, note type and zip entry. Here every row and byte comes from the inputs: note and
card ids and `mod` times from the stamps, zip entries in a fixed order, with fixed times
(`SOURCE_DATE_EPOCH` when set), fixed permissions and compression. genanki still supplies the
collection schema and the note-type/deck JSON. The duplicate-check checksum of each note (`csum`)
is left 0: Anki computes it again when it imports the note.

Built for large decks (100k notes and more): the collection is a temporary SQLite file next to the
output, rows go in with `executemany`, the schema's indexes are built after the rows, and the file
is streamed into the zip, so neither the collection nor the zip is ever held in memory whole.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..archive import write_zip
from ..problems import Problem
from ..writer import scratch_file
from .notes import AnkiNote
from .notetype import NoteType

#: Deflate level of the zip entries. Level 1 (zlib's fastest) rather than zlib's default 6: on the
#: 78 MB collection of a 100k-note deck it deflates about 3.5x faster (0.21-0.24 s against
#: 0.72-0.85 s here) for a file 9% larger (12.1 MB against 11.0 MB); the file's contents do not
#: change. Fixed, so the same inputs still give the same bytes.
COMPRESS_LEVEL = 1

#: SQLite's page cache while the collection is built (KiB).
CACHE_KIB = 32 << 10

@dataclass(frozen=True)
class PackageSpec:
    """Everything one .apkg holds."""

    notetype: NoteType
    model_id: int
    model_name: str
    model_mod: int
    top_deck_id: int
    description: str
    decks: list[tuple[int, str]]
    notes: list[AnkiNote]
    mods: list[int]  # each note's modification time (`stamps.py`)


@functools.lru_cache(maxsize=4096)
def _tags_text(tags: tuple[str, ...]) -> str:
    """Anki's tags column: space-separated, with a space at each end."""
    return " " + " ".join(tags) + " "


def _ids(notes: list[AnkiNote], mods: list[int]) -> tuple[list[int], list[int]]:
    """Note and card ids, in the order of `notes` (card ids: each note's cards in `ords` order).

    Anki ids are creation times in ms and the importer matches notes by GUID, so an id only needs
    to be unique and reproducible: `mod * 1000` (a new note looks created when it first appeared),
    bumped past the previous id when notes share a second; ids are handed out in (mod, due) order.
    """
    count = len(notes)
    dues = [n.due for n in notes]
    # Usually already in this order (a first build): Python's sort is stable and linear on sorted
    # input, so no separate check is needed.
    order = sorted(range(count), key=lambda i: (mods[i], dues[i]))
    note_ids = [0] * count
    card_ids: list[list[int]] = [[]] * count
    last_note = last_card = 0
    for i in order:
        base = mods[i] * 1000
        last_note = base if base > last_note else last_note + 1
        note_ids[i] = last_note
        ids = []
        for _ in notes[i].ords:
            last_card = base if base > last_card else last_card + 1
            ids.append(last_card)
        card_ids[i] = ids
    return note_ids, card_ids


def _fill(conn: sqlite3.Connection, spec: PackageSpec) -> None:
    """The legacy collection's tables and rows."""
    import genanki
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    nt = spec.notetype
    model = genanki.Model(
        spec.model_id,
        spec.model_name,
        fields=[{"name": name} for name in nt.fields],
        templates=[{"name": t.name, "qfmt": t.qfmt, "afmt": t.afmt} for t in nt.templates],
        css=nt.css,
        sort_field_index=nt.sort_field,
    )
    models = {str(spec.model_id): model.to_json(spec.model_mod, spec.top_deck_id)}
    decks = {}
    for did, name in spec.decks:
        deck = genanki.Deck(did, name, spec.description if did == spec.top_deck_id else "")
        decks[str(did)] = deck.to_json()
    notes, mods = spec.notes, spec.mods
    note_ids, card_ids = _ids(notes, mods)
    deck_ids = {name: did for did, name in spec.decks}
    model_id = spec.model_id

    # The schema's tables, then the rows, then its indexes (built once, sorted, instead of row by
    # row): the same schema text, so the same collection as far as any reader can tell.
    statements = [s.strip() for s in APKG_SCHEMA.split(";") if s.strip()]
    indexes = [s for s in statements if s.upper().startswith("CREATE INDEX")]
    cur = conn.cursor()
    cur.execute("PRAGMA journal_mode = OFF")
    cur.execute("PRAGMA synchronous = OFF")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.executescript("".join(f"{s};\n" for s in statements if s not in indexes) + APKG_COL)
    cur.execute("BEGIN")
    cur.execute(
        "UPDATE col SET models = ?, decks = ?",
        (json.dumps(models, sort_keys=True), json.dumps(decks, sort_keys=True)),
    )
    # pack order, so the file reads in the order cards are studied
    note_rows = ((nid, note.guid, model_id, mod, _tags_text(note.tags), "\x1f".join(note.fields),
                  note.sort_field) for nid, note, mod in zip(note_ids, notes, mods))
    cur.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,0,0,'')", note_rows)
    # type 0 / queue 0: new cards; due: the pack order, shared by siblings.
    card_rows = ((cid, nid, deck_ids[note.deck], ord_, mod, note.due)
                 for nid, cids, note, mod in zip(note_ids, card_ids, notes, mods)
                 for cid, ord_ in zip(cids, note.ords))
    cur.executemany("INSERT INTO cards VALUES (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", card_rows)

    for statement in indexes:
        conn.execute(statement)
    conn.execute("COMMIT")


def write_package(spec: PackageSpec, handle: IO[bytes], out: Path) -> None:
    """Write the .apkg for output `out` into the open file `handle`. The collection goes through
    a temporary SQLite file next to `out` (a `writer.scratch_file`, so one left behind by a killed
    build is removed by the next), so memory stays small however large the deck."""
    with scratch_file(out) as collection:
        try:
            with contextlib.closing(sqlite3.connect(collection, isolation_level=None)) as conn:
                _fill(conn, spec)
        except sqlite3.Error as exc:  # "database or disk is full", an I/O error: the disk, not us
            raise Problem(str(out), 1, 1, f"cannot write: {exc} (is there space left on the device?)") from None
        write_zip(handle, [("collection.anki2", collection), ("media", b"{}")], level=COMPRESS_LEVEL)
