"""Anki decks: one note per fact, its cards siblings, identity designed for updates in place.

`notetype` (fields, templates, schema and its guard), `notes` (fact -> note, GUIDs, the deck tree),
`stamps` (modification times) and `package` (the .apkg bytes) are pure; `deck.write_deck` runs
them and is the only part that writes, through `quizgen.writer`.
"""
