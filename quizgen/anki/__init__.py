"""Anki decks: one note per fact, its cards siblings, identity designed for updates in place.

`notetype` (fields, templates, schema), `notes` (fact -> note, GUIDs), `decks` (the deck tree),
`stamps` (modification times), `manifest` (the note-type guard) and `package` (the .apkg bytes) are
pure; `deck.write_deck` runs them and is the only part that writes, through `quizgen.writer`.
"""

from __future__ import annotations

from .notes import note_guid

__all__ = ["note_guid"]
