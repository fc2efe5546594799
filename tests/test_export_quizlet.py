"""Quizlet import text, read back as Quizlet's Import box reads it with its default separators:
cards split at each line break, term and definition at the tab. Every note of the deck is a card
(question -> answer, plain text), except those whose text holds a separator, which are reported."""

from __future__ import annotations

import html

from anki_helpers import rivers_workspace
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import TEXT, rivers_recipe

from quizgen.anki.notes import AnkiNote, build_notes
from quizgen.anki.notetype import FIELDS
from quizgen.export.files import export_deck
from quizgen.export.quizlet import quizlet_text
from quizgen.recipe import load_recipe
from quizgen.select import recipe_packs, select_facts


def read_quizlet(data: bytes) -> list[tuple[str, str]]:
    """Quizlet's split: "New line" between cards, "Tab" between term and definition."""
    text = data.decode("utf-8")
    assert text.endswith("\n")
    cards = []
    for line in text.splitlines():  # any line break ends a card
        parts = line.split("\t")
        assert len(parts) == 2, f"not one term and one definition: {line!r}"
        cards.append((parts[0], parts[1]))
    return cards


def expected_cards(recipe, packs) -> list[tuple[str, str]]:
    """Question and answer of each note's fact, read from the facts (not the exporter)."""
    notes, _ = build_notes(recipe.recipe.deck, packs, select_facts(packs, recipe.recipe.select))
    facts = {lf.key: lf.fact for lp in packs for lf in lp.facts}
    out = []
    for note in notes:
        f = facts[note.key]
        out.append((f.ask, f"{f.answer} {f.unit}" if f.unit else f.answer))
    return out


def quizlet_export(recipe, packs) -> tuple[bytes, list[str]]:
    """The deck's Quizlet file and what was left out of it, as `quizgen deck --format quizlet`
    makes them."""
    out = export_deck(recipe, packs, ["quizlet"])
    return out.files[f"{recipe.name}-quizlet.txt"], out.notes


def test_rivers_deck_reads_back_card_for_card():
    recipe, packs = rivers_recipe()
    data, notes = quizlet_export(recipe, packs)
    assert read_quizlet(data) == expected_cards(recipe, packs)
    assert notes == []
    assert any(d.endswith(" km") for _, d in read_quizlet(data))  # a quantity keeps its unit


def test_hostile_fact_text_arrives_as_written(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    # an `ask` may not hold `]]` (the answer-span marker): `] ]>` stands for `]]>` here
    nasty = "Kaluga &amp; &lt; <b>bold</b> & co { ~ ] ]> -> ; , \" ' \\ into which sea?"
    escaped = nasty.replace("\\", "\\\\").replace('"', '\\"')
    ws.edit_fact("rivers.yaml", "ask: Into which sea does the Nile empty?", f'ask: "{escaped}"')
    recipe = load_recipe(ws.recipe)
    packs = recipe_packs(recipe, [str(ws.facts)])
    cards = read_quizlet(quizlet_export(recipe, packs)[0])
    assert cards == expected_cards(recipe, packs)
    assert nasty in [t for t, _ in cards]


def test_a_tab_or_line_break_is_reported_not_written(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    ws.edit_fact("rivers.yaml", "ask: Into which sea does the Nile empty?",
                 'ask: "Into which\\tsea does the Nile empty?"')
    ws.edit_fact("rivers.yaml", "ask: Into which sea does the Volga flow?",
                 'ask: "Into which sea\\ndoes the Volga flow?"')
    recipe = load_recipe(ws.recipe)
    packs = recipe_packs(recipe, [str(ws.facts)])
    data, notes = quizlet_export(recipe, packs)
    cards = read_quizlet(data)
    want = [c for c in expected_cards(recipe, packs) if "\t" not in c[0] and "\n" not in c[0]]
    assert cards == want and len(want) == len(expected_cards(recipe, packs)) - 2
    assert len(notes) == 2
    assert any("rivers/nile-mouth" in n and "a tab" in n for n in notes)
    assert any("a line break" in n for n in notes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5))
def test_fuzzed_notes_round_trip_or_are_reported(pairs):
    q, a = FIELDS.index("Question"), FIELDS.index("Answer")
    notes = []
    for n, (term, definition) in enumerate(pairs):
        fields = [""] * len(FIELDS)
        fields[q], fields[a] = html.escape(term, quote=False), html.escape(definition, quote=False)
        notes.append(AnkiNote(key=f"fuzz/{n}", guid=str(n), fields=tuple(fields), sort_field=term,
                              tags=(), deck="D", ords=(0,), due=n))
    result = quizlet_text(notes)
    breaks = ("\t", "\n", "\r")
    kept = [p for p in pairs if not any(b in t for t in p for b in breaks)]
    assert read_quizlet(result.data) == kept if kept else result.data == b""
    assert len(result.notes) == len(pairs) - len(kept)
