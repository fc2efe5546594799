"""Anki CSV: the recipe's deck as a text file Anki's importer takes without any dialog choices.

One row per note the .apkg has, from the very `build_notes` the .apkg uses: the same GUID, HTML
fields (in the note type's field order), tags and (sub)deck. The header lines are the ones Anki
reads (rslib `import_export/text/csv/metadata.rs`); each sets its value when read, so `#separator`
comes before `#columns`, which is split with it. With a note type named in the header, Anki maps
columns to fields *by name*, so a column order mistake cannot shift fields.

The CSV cannot create the note type: Anki looks `#notetype` up by name and, if it is missing,
silently falls back to the current one. So it is for a collection that already has ours, i.e.
after the deck's .apkg was imported once (docs/exports.md says so to users).

Every field is quoted: an unquoted field that starts a line with `#` would be read as a comment.
"""

from __future__ import annotations

import csv
import io

from ..anki.notes import AnkiNote
from ..anki.notetype import FIELDS


def notes_csv(notes: list[AnkiNote], notetype: str, deck: str, *, subdecks: bool) -> bytes:
    """Notes as Anki CSV: the header lines, then one row per note (guid, deck, fields, tags)."""
    columns = ["guid", *(["deck"] if subdecks else []), *FIELDS, "tags"]
    out = io.StringIO()
    header = ["#separator:comma", "#html:true", f"#notetype:{notetype}",
              f"#deck column:{columns.index('deck') + 1}" if subdecks else f"#deck:{deck}",
              f"#guid column:{columns.index('guid') + 1}", f"#tags column:{columns.index('tags') + 1}"]
    out.write("\n".join(header) + "\n#columns:")
    writer = csv.writer(out, delimiter=",", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for note in notes:
        writer.writerow(
            [note.guid, *([note.deck] if subdecks else []), *note.fields, " ".join(note.tags)]
        )
    return out.getvalue().encode("utf-8")
