"""Pure parts of the Anki deck: GUIDs, fields, cards, tags, order, mod stamps, the note-type guard."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from anki_helpers import rivers_workspace
from conftest import FIXTURES

from quizgen.anki.notetype import check_manifest, manifest_path
from quizgen.anki.notes import BLANK, build_notes, note_guid
from quizgen.anki.notetype import CARD_ORD, FIELDS, load_notetype
from quizgen.anki.stamps import Stamp, restamp
from quizgen.model import CardKind, Fact, LocatedFact
from quizgen.problems import Problem
from quizgen.recipe import load_recipe
from quizgen.select import recipe_packs, select_facts


def rivers():
    recipe = load_recipe(FIXTURES / "decks" / "rivers.yaml")
    packs = recipe_packs(recipe, [str(FIXTURES / "packs")])
    return recipe, packs, select_facts(packs, recipe.recipe.select)


def field(note, name):
    return note.fields[FIELDS.index(name)]


def test_guid_is_pinned_and_depends_only_on_pack_and_id():
    # Pinned: every deck ever shipped used these GUIDs; changing the function would duplicate every
    # learner's notes. The CSV export must call this same function.
    assert note_guid("mexico-russia", "diplomatic-relations-established") == note_guid(
        "mexico-russia", "diplomatic-relations-established"
    )
    assert note_guid("rivers", "nile-mouth") == "cr[A`$k/XA"
    assert note_guid("rivers", "nile-mouth") != note_guid("other", "nile-mouth")
    recipe, packs, facts = rivers()
    notes, _ = build_notes(recipe.recipe.deck, packs, facts)
    edited = facts[0]._replace(fact=facts[0].fact.model_copy(update={"ask": "Changed?"}))
    again, _ = build_notes(recipe.recipe.deck, packs, [edited])
    assert again[0].guid == notes[0].guid and again[0].content_hash != notes[0].content_hash


def test_one_note_per_fact_in_pack_order_with_the_cards_asked_for():
    recipe, packs, facts = rivers()
    notes, cardless = build_notes(recipe.recipe.deck, packs, facts)
    assert [n.key for n in notes] == [lf.key for lf in facts] and not cardless
    assert [n.due for n in notes] == list(range(1, len(notes) + 1))
    for note, lf in zip(notes, facts):
        kinds = set(lf.fact.cards)
        assert note.ords == tuple(sorted(CARD_ORD[k] for k in kinds))
        # each card kind's switch field is non-empty exactly when that card exists
        assert bool(field(note, "Ask")) == (CardKind.qa in kinds)
        assert bool(field(note, "Blanked")) == (CardKind.cloze in kinds)
        assert bool(field(note, "Reverse")) == (CardKind.reverse in kinds)
        assert note.sort_field == lf.fact.ask  # plain text
        assert set(note.tags) >= {
            f"topic::{lf.fact.topic}",
            f"type::{lf.fact.answer_type}",
            f"difficulty::{lf.fact.difficulty}",
            "pack::rivers",
        }
        assert note.deck == f"Great Rivers::{lf.fact.topic.replace('-', ' ').capitalize()}"


def test_recipe_card_kinds_narrow_the_facts_own():
    recipe, packs, facts = rivers()
    only_cloze = recipe.recipe.deck.model_copy(update={"cards": [CardKind.cloze]})
    notes, _ = build_notes(only_cloze, packs, facts)
    assert all(n.ords == (CARD_ORD[CardKind.cloze],) for n in notes)
    only_reverse = recipe.recipe.deck.model_copy(update={"cards": [CardKind.reverse]})
    notes, cardless = build_notes(only_reverse, packs, facts)
    assert {n.key for n in notes} == {lf.key for lf in facts if CardKind.reverse in lf.fact.cards}
    assert len(notes) + len(cardless) == len(facts)


def test_fact_text_is_escaped_and_the_blank_hides_the_answer():
    recipe, packs, _facts = rivers()
    fact = Fact(
        id="odd",
        text="A <b> & {{Answer}} tag is [[<i>&amp;</i>]] here.",
        ask="What <is> {{it}}?",
        answer_type="term",
        topic="rivers",
        evidence="x",
    )
    lf = LocatedFact(pack="rivers", fact=fact, file="f.yaml", line=1)
    (note,), _ = build_notes(recipe.recipe.deck, packs, [lf])
    assert field(note, "Question") == "What &lt;is&gt; &#123;&#123;it}}?"  # no field reference can form
    assert field(note, "Answer") == "&lt;i&gt;&amp;amp;&lt;/i&gt;"
    assert field(note, "Blanked") == f"A &lt;b&gt; &amp; &#123;&#123;Answer}}}} tag is {BLANK} here."
    assert "&lt;i&gt;" not in field(note, "Blanked")
    assert note.sort_field == "What <is> {{it}}?"


def test_stamps_advance_only_on_change():
    old = Stamp(hash="a", mod=100)
    assert restamp("a", old, now=500) is old
    assert restamp("b", old, now=500) == Stamp(hash="b", mod=500)
    # a clock behind the last build (or a fixed SOURCE_DATE_EPOCH) still moves a changed note forward
    assert restamp("b", old, now=50) == Stamp(hash="b", mod=101)
    assert restamp("b", None, now=50) == Stamp(hash="b", mod=50)


def test_notetype_templates_are_read_verbatim():
    nt = load_notetype()
    assert [t.name for t in nt.templates] == [
        "Question to answer",
        "Fill in the blank",
        "Answer to question",
    ]
    assert nt.templates[0].qfmt.startswith("{{#Ask}}") and nt.templates[0].qfmt.endswith("\n")
    assert "{{#Reverse}}" in nt.templates[2].qfmt and ".nightMode" in nt.css


class TestNoteTypeGuard:
    def setup(self, tmp_path):
        ws = rivers_workspace(tmp_path)
        return ws, load_recipe(ws.recipe)

    def test_first_build_records_then_same_schema_passes(self, tmp_path):
        ws, recipe = self.setup(tmp_path)
        schema = load_notetype().schema
        record = check_manifest(recipe, schema, None)
        assert record["model_version"] == 1 and record["fields"] == list(FIELDS)
        assert check_manifest(recipe, schema, record) is None
        report = ws.build()
        assert report.manifest_written and manifest_path(recipe).is_file()
        assert ws.build().manifest_written is None

    def test_changed_schema_without_new_version_fails_located(self, tmp_path):
        ws, recipe = self.setup(tmp_path)
        schema = load_notetype().schema
        recorded = check_manifest(recipe, schema, None)
        renamed = {**schema, "fields": [*schema["fields"][:-1], "Key"]}
        with pytest.raises(Problem) as err:
            check_manifest(recipe, renamed, recorded)
        line = next(
            i for i, t in enumerate(ws.recipe.read_text().splitlines(), 1) if "model_version" in t
        )
        assert (err.value.path, err.value.line, err.value.col) == (recipe.path, line, 3)
        assert "changed since version 1" in err.value.message and "'Fact'" in err.value.message
        assert "raise model_version to 2" in err.value.message

    def test_raised_version_records_the_new_schema(self, tmp_path):
        ws, recipe = self.setup(tmp_path)
        schema = load_notetype().schema
        recorded = check_manifest(recipe, schema, None)
        ws.recipe.write_text(ws.recipe.read_text().replace("model_version: 1", "model_version: 2"))
        raised = load_recipe(ws.recipe)
        renamed = {**schema, "templates": ["Q", "B", "R"]}
        assert check_manifest(raised, renamed, recorded)["model_version"] == 2

    def test_model_id_change_and_lower_version_fail(self, tmp_path):
        _ws, recipe = self.setup(tmp_path)
        schema = load_notetype().schema
        recorded = {**check_manifest(recipe, schema, None), "model_version": 3}
        with pytest.raises(Problem, match="lower than version 3"):
            check_manifest(recipe, schema, recorded)
        with pytest.raises(Problem, match="deck.model_id: 1764201600102 differs"):
            check_manifest(recipe, schema, {**recorded, "model_id": 1764201600999})

    def test_build_stops_before_writing_when_the_guard_fails(self, tmp_path):
        ws, recipe = self.setup(tmp_path)
        ws.build()
        before = ws.apkg.read_bytes()
        path = manifest_path(recipe)
        data = json.loads(path.read_text())
        data["fields"][1] = "Prompt"  # as if the note type had a field renamed since
        path.write_text(json.dumps(data))
        with pytest.raises(Problem, match="removed or renamed 'Prompt'; added 'Ask'"):
            ws.build()
        assert ws.apkg.read_bytes() == before


def test_committed_manifest_matches_the_default_recipe(root):
    """CI catches a schema change that forgot model_version (and the manifest) in the repo."""
    recipe = load_recipe(root / "decks" / "mexico-russia.yaml")
    from quizgen.anki.notetype import read_manifest

    recorded = read_manifest(root / "decks" / "manifests" / "mexico-russia.notetype.json")
    assert recorded is not None, "run `quizgen deck mexico-russia` and commit decks/manifests/"
    assert check_manifest(recipe, load_notetype().schema, recorded) is None


def test_subdecks_take_the_recipes_topic_titles():
    recipe, packs, facts = rivers()
    titled = recipe.recipe.deck.model_copy(
        update={"topic_titles": {"rivers": "Rivers :: of the world"}}
    )
    notes, _ = build_notes(titled, packs, facts)
    assert {n.deck for n in notes} == {
        "Great Rivers::Rivers : of the world",
        "Great Rivers::Explorers and dams",
    }
    flat = recipe.recipe.deck.model_copy(update={"subdecks_by_topic": False})
    assert {n.deck for n in build_notes(flat, packs, facts)[0]} == {"Great Rivers"}


_FIELD_TEXT = st.lists(st.sampled_from(["a", "é", " ", '"', "\\", "\x1f", "\n", "\t", "\\u001f", "u001f", "<b>"]),
                       max_size=5).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FIELD_TEXT, min_size=1, max_size=11).map(tuple))
def test_content_hash_is_of_the_notes_json(fields):
    """A note's content hash is of `json.dumps([fields, tags, deck, ords], ensure_ascii=False)`,
    so that state files written by earlier builds keep matching (it is spelled out by hand)."""
    from quizgen.anki.notes import AnkiNote

    note = AnkiNote(key="p/f", guid="g", fields=fields, sort_field="s", tags=("t", "é"),
                    deck="D::é", ords=(0, 2), due=1)
    blob = json.dumps([list(fields), ["t", "é"], "D::é", [0, 2]], ensure_ascii=False)
    assert note.content_hash == hashlib.sha256(blob.encode("utf-8")).hexdigest()
