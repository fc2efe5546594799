"""The .apkg bytes: a legacy `collection.anki2` SQLite file and an empty media map, zipped.

Built entirely in memory (SQLite `:memory:` then `serialize()`): genanki's `write_to_file` goes
through a temp file it never deletes and stamps the build time into every note, card, note type and
zip entry. Here every row and byte comes from the inputs: note and card ids and `mod` times from the
stamps, zip entries sorted, with fixed times (`SOURCE_DATE_EPOCH` when set), fixed permissions and
compression. genanki still supplies the collection schema and the note-type/deck JSON.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import sqlite3
import time
import zipfile

from pydantic import BaseModel, ConfigDict

from .notes import AnkiNote
from .notetype import NoteType

#: The earliest time a zip entry can carry (1980-01-01): used when SOURCE_DATE_EPOCH is unset.
ZIP_EPOCH = 315532800

_TAG_RE = re.compile(r"<[^>]*>")


class StampedNote(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note: AnkiNote
    mod: int


class PackageSpec(BaseModel):
    """Everything one .apkg holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    notetype: NoteType
    model_id: int
    model_name: str
    model_mod: int
    top_deck_id: int
    description: str
    decks: list[tuple[int, str]]
    notes: list[StampedNote]
    zip_time: int | None = None  # SOURCE_DATE_EPOCH, or None for the zip epoch


def _checksum(first_field: str) -> int:
    """Anki's duplicate-check checksum of the first field (Anki recomputes it; kept right anyway)."""
    plain = html.unescape(_TAG_RE.sub("", first_field))
    return int(hashlib.sha1(plain.encode("utf-8")).hexdigest()[:8], 16)


def _ids(notes: list[StampedNote]) -> tuple[dict[str, int], dict[tuple[str, int], int]]:
    """Note and card ids. Anki ids are creation times in ms and the importer matches notes by GUID,
    so an id only needs to be unique and reproducible: `mod * 1000` (a new note looks created when it
    first appeared), bumped past the previous id when notes share a second."""
    note_ids, card_ids = {}, {}
    last_note = last_card = 0
    for sn in sorted(notes, key=lambda s: (s.mod, s.note.due)):
        last_note = max(sn.mod * 1000, last_note + 1)
        note_ids[sn.note.guid] = last_note
        for ord_ in sn.note.ords:
            last_card = max(sn.mod * 1000, last_card + 1)
            card_ids[(sn.note.guid, ord_)] = last_card
    return note_ids, card_ids


def _collection(spec: PackageSpec) -> bytes:
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
    note_ids, card_ids = _ids(spec.notes)
    deck_ids = {name: did for did, name in spec.decks}

    conn = sqlite3.connect(":memory:")
    try:
        cur = conn.cursor()
        cur.executescript(APKG_SCHEMA)
        cur.executescript(APKG_COL)
        cur.execute(
            "UPDATE col SET models = ?, decks = ?",
            (json.dumps(models, sort_keys=True), json.dumps(decks, sort_keys=True)),
        )
        for sn in spec.notes:  # pack order, so the file reads in the order cards are studied
            note = sn.note
            nid = note_ids[note.guid]
            cur.execute(
                "INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    nid,
                    note.guid,
                    spec.model_id,
                    sn.mod,
                    -1,
                    " " + " ".join(note.tags) + " ",
                    "\x1f".join(note.fields),
                    note.sort_field,
                    _checksum(note.fields[0]),
                    0,
                    "",
                ),
            )
            for ord_ in note.ords:
                # type 0 / queue 0: new cards; due: the pack order, shared by siblings.
                cur.execute(
                    "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        card_ids[(note.guid, ord_)],
                        nid,
                        deck_ids[note.deck],
                        ord_,
                        sn.mod,
                        -1,
                        0,
                        0,
                        note.due,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "",
                    ),
                )
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def _zip(entries: dict[str, bytes], when: int | None) -> bytes:
    stamp = time.gmtime(max(when if when is not None else ZIP_EPOCH, ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever the build machine
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name], compresslevel=6)
    return buffer.getvalue()


def package_bytes(spec: PackageSpec) -> bytes:
    """The .apkg file's bytes: the same spec always gives the same bytes."""
    return _zip({"collection.anki2": _collection(spec), "media": b"{}"}, spec.zip_time)
