"""Built decks imported with Anki's own backend (the `anki` package): what learners actually get.

Each test imports into a fresh collection in a temp folder, as a learner's Anki would.
"""

from __future__ import annotations

import html
import re
import shutil

import pytest
from anki_helpers import (
    CLEAN,
    default_workspace,
    import_apkg,
    log_counts,
    open_collection,
    rivers_workspace,
)

from quizgen.anki import notetype as notetype_module
from quizgen.anki.notes import topic_deck_name
from quizgen.anki.notes import note_guid
from quizgen.anki.notetype import CARD_ORD, FIELDS
from quizgen.model import CardKind
from quizgen.normalize import normalize_answer
from quizgen.quiz.rules import blank_missing, in_a_list, shared_answers
from quizgen.recipe import load_recipe
from quizgen.select import recipe_packs, select_facts

pytestmark = pytest.mark.anki

EPOCH = "1767225600"  # 2026-01-01: every build in a test gets the same clock, the hardest case

NEW_FACT = """
  - id: nile-countries
    text: The Nile flows through [[eleven]] countries.
    ask: Through how many countries does the Nile flow?
    answer_type: term
    evidence: "flows north through eleven countries"
"""


def text_of(rendered: str) -> str:
    """What a learner reads: rendered card HTML without the stylesheet and tags, entities decoded."""
    body = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))).strip()


def note_id(col, pack: str, fact: str) -> int:
    return col.db.scalar("select id from notes where guid = ?", note_guid(pack, fact))


def quizgen_notetypes(col) -> list[str]:
    return [m["name"] for m in col.models.all() if m["name"].startswith("quizgen")]


def snapshot(col) -> dict:
    return {
        "notes": col.db.all("select id, guid, mid, mod, tags, flds from notes order by id"),
        "cards": col.db.all(
            "select id, nid, did, ord, type, queue, due, ivl, reps from cards order by id"
        ),
        "revlog": col.db.scalar("select count() from revlog"),
        "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
        "notetypes": sorted(m["name"] for m in col.models.all()),
    }


def check_deck(col, ws, report, facts) -> None:
    """The checks every imported deck must pass (used for the fixture and the default pack)."""
    settings = load_recipe(ws.recipe).recipe.deck
    assert col.note_count() == report.notes and col.card_count() == report.cards
    assert sorted(
        n for n in (d.name for d in col.decks.all_names_and_ids()) if n != "Default"
    ) == sorted(report.decks)
    assert quizgen_notetypes(col) == [settings.model_name or f"quizgen fact ({ws.recipe.stem})"]
    by_guid = {note_guid(lf.pack, lf.fact.id): lf for lf in facts}
    shared = shared_answers(facts)
    for position, nid in enumerate(col.db.list("select id from notes order by id"), 1):
        note = col.get_note(nid)
        lf = by_guid[note.guid]
        kinds = [k for k in settings.cards if k in lf.fact.cards]
        # no reverse card whose cue answers another fact, no cloze that a second answer fits
        if normalize_answer(lf.fact.answer) in shared:
            kinds = [k for k in kinds if k is not CardKind.reverse]
        if blank_missing(lf.fact) or in_a_list(lf.fact):
            kinds = [k for k in kinds if k is not CardKind.cloze]
        cards = note.cards()
        # one note per fact; its cards are siblings, exactly the kinds asked for, in the topic subdeck
        assert sorted(c.ord for c in cards) == sorted(CARD_ORD[k] for k in kinds)
        assert {col.decks.name(c.did) for c in cards} == {topic_deck_name(settings, lf.fact.topic)}
        assert (
            f"topic::{lf.fact.topic}" in note.tags and f"type::{lf.fact.answer_type}" in note.tags
        )
        for card in cards:
            question, answer = text_of(card.question()), text_of(card.answer())
            assert question and answer, (lf.key, card.ord)
            if card.ord == CARD_ORD[CardKind.cloze]:
                # the blank hides exactly its answer: the rest of the sentence is there, the answer not
                before, after = lf.fact.blanked_parts
                assert "[...]" in question
                assert text_of(html.escape(before)).strip() in question
                if lf.fact.answer not in before + after:
                    assert lf.fact.answer not in question, lf.key
                assert lf.fact.answer in answer
            elif card.ord == CARD_ORD[CardKind.qa]:
                assert lf.fact.ask in question and lf.fact.answer in answer
            else:
                assert lf.fact.answer in question and lf.fact.ask in answer
            assert lf.fact.evidence in answer


def test_fixture_deck_imports_cleanly_and_every_card_renders(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    report = ws.build()
    col = open_collection(tmp_path / "col")
    try:
        log = import_apkg(col, ws.apkg)
        assert log_counts(log) == {"new": report.notes, **CLEAN}
        loaded = load_recipe(ws.recipe)
        facts = select_facts(recipe_packs(loaded, [str(ws.facts)]), loaded.recipe.select)
        assert report.notes == len(facts) == 19 and report.cards == 42
        check_deck(col, ws, report, facts)
        # new cards come in pack order (siblings share a position); the sort field is plain text
        for position, lf in enumerate(facts, 1):
            note = col.get_note(note_id(col, lf.pack, lf.fact.id))
            assert {c.due for c in note.cards()} == {position}, lf.key
        assert (
            col.db.scalar(
                "select sfld from notes where id = ?", note_id(col, "rivers", "nile-length")
            )
            == "About how many kilometres long is the Nile?"
        )
        # the package leaves the duplicate-check checksum 0: Anki computes it on import
        import anki.lang
        from anki.utils import field_checksum

        anki.lang.set_lang("en")  # the checksum strips markup through Anki's i18n backend
        rows = col.db.all("select flds, csum from notes")
        assert rows and all(csum == field_checksum(flds.split("\x1f")[0]) != 0 for flds, csum in rows)
    finally:
        col.close()


def test_markup_in_fact_text_shows_literally(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    ws.edit_fact(
        "rivers.yaml",
        "text: The Nile empties into the [[Mediterranean Sea]].",
        # the sentence names {{Question}} too: a cloze card is made only where the sentence
        # carries every name its question does
        'text: "The Nile <b>really</b> & {{Answer}} {{Question}} empties into the [[Mediterranean Sea]]."',
    )
    ws.edit_fact(
        "rivers.yaml",
        "ask: Into which sea does the Nile empty?",
        'ask: "Into which sea <i>does</i> {{Question}} & the Nile empty?"',
    )
    ws.build()
    col = open_collection(tmp_path / "col")
    try:
        import_apkg(col, ws.apkg)
        note = col.get_note(note_id(col, "rivers", "nile-mouth"))
        qa, cloze = sorted(note.cards(), key=lambda c: c.ord)
        assert (
            "Into which sea &lt;i&gt;does&lt;/i&gt; &#123;&#123;Question}} &amp; the Nile empty?"
            in qa.question()
        )
        assert text_of(qa.question()).endswith(
            "Into which sea <i>does</i> {{Question}} & the Nile empty?"
        )
        assert "The Nile <b>really</b> & {{Answer}} {{Question}} empties into the [...]" in text_of(
            cloze.question()
        )
        assert "Mediterranean Sea" not in text_of(cloze.question())
        assert "The Nile <b>really</b> & {{Answer}} {{Question}} empties into the Mediterranean Sea" in text_of(
            cloze.answer()
        )
    finally:
        col.close()


def test_edit_rebuild_reimport_updates_in_place_and_keeps_history(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    ws = rivers_workspace(tmp_path / "ws")
    ws.build()
    col = open_collection(tmp_path / "col")
    try:
        import_apkg(col, ws.apkg)
        col.decks.select(col.decks.id_for_name("Great Rivers"))
        answered = []
        for _ in range(5):  # study: answer five cards "good" through the scheduler
            card = col.sched.getCard()
            col.sched.answerCard(card, 3)
            answered.append(card.id)
        history = col.db.all("select id, cid, ease, ivl from revlog order by id")
        assert len(history) == 5
        studied = col.db.all(
            f"select id, type, queue, due, ivl, reps from cards where id in {tuple(answered)}"
        )
        before = snapshot(col)
        volga = note_id(col, "rivers", "volga-mouth")

        # the author corrects one fact and adds another; the same clock (SOURCE_DATE_EPOCH) rebuilds
        ws.edit_fact(
            "rivers.yaml",
            "text: The Volga flows into the [[Caspian Sea]].",
            "text: The Volga, Europe's longest river, flows into the [[Caspian Sea]].",
        )
        (ws.facts / "rivers" / "rivers.yaml").write_text(
            (ws.facts / "rivers" / "rivers.yaml").read_text() + NEW_FACT
        )
        report = ws.build()
        assert report.changed == 2
        log = import_apkg(col, ws.apkg)
        counts = log_counts(log)
        assert counts == {**CLEAN, "new": 1, "updated": 1, "duplicate": 18}

        after = snapshot(col)
        assert col.get_note(volga)["Sentence"].startswith(
            "The Volga, Europe's longest river, flows"
        )
        assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
        assert (
            col.db.all(
                f"select id, type, queue, due, ivl, reps from cards where id in {tuple(answered)}"
            )
            == studied
        )
        assert len(after["notes"]) == len(before["notes"]) + 1  # the added fact, nothing duplicated
        assert after["decks"] == before["decks"] and after["notetypes"] == before["notetypes"]
        assert {n[0] for n in before["notes"]} <= {n[0] for n in after["notes"]}  # same note ids
    finally:
        col.close()


def test_importing_the_same_build_twice_changes_nothing(tmp_path):
    ws = rivers_workspace(tmp_path / "ws")
    report = ws.build()
    col = open_collection(tmp_path / "col")
    try:
        import_apkg(col, ws.apkg)
        first = snapshot(col)
        log = import_apkg(col, ws.apkg)
        assert log_counts(log) == {**CLEAN, "new": 0, "duplicate": report.notes}
        assert snapshot(col) == first
        ws.build()  # an unchanged rebuild is the same file: importing it changes nothing either
        assert log_counts(import_apkg(col, ws.apkg))["duplicate"] == report.notes
        assert snapshot(col) == first
    finally:
        col.close()


def test_template_and_css_changes_reach_learners_without_a_new_note_type(tmp_path, monkeypatch):
    """Template text and CSS are not schema (see notetype.py): changing them updates the learner's
    note type in place; only field and template names need a new model_version."""
    ws = rivers_workspace(tmp_path / "ws")
    ws.build()
    col = open_collection(tmp_path / "col")
    try:
        import_apkg(col, ws.apkg)
        before = snapshot(col)
        templates = tmp_path / "templates" / "anki"
        shutil.copytree(notetype_module.data_dir("templates") / "anki", templates)
        (templates / "style.css").write_text(
            (templates / "style.css").read_text() + "\n.qz-new { color: red; }\n"
        )
        (templates / "qa.back.html").write_text(
            (templates / "qa.back.html").read_text() + "<p class=qz-new>new</p>\n"
        )
        monkeypatch.setattr(notetype_module, "data_dir", lambda name: templates.parent)
        ws.build()
        log = import_apkg(col, ws.apkg)
        assert log_counts(log)["conflicting"] == 0 and log_counts(log)["new"] == 0
        col.models._clear_cache()  # the Python side caches note types; read what the backend has
        model = col.models.get(1764201600102)
        assert ".qz-new" in model["css"] and "qz-new" in model["tmpls"][0]["afmt"]
        assert [f["name"] for f in model["flds"]] == list(FIELDS)
        assert snapshot(col)["notetypes"] == before["notetypes"]
        card = col.get_card(col.find_cards("card:1")[0])
        assert "new" in text_of(card.answer())
    finally:
        col.close()


def test_default_recipe_builds_and_imports(tmp_path):
    """decks/mexico-russia.yaml, the deck learners get from `make build`."""
    ws = default_workspace(tmp_path / "ws")
    report = ws.build()
    assert report.manifest_written is None  # the committed manifest matches the note type
    col = open_collection(tmp_path / "col")
    try:
        log = import_apkg(col, ws.apkg)
        assert log_counts(log) == {"new": report.notes, **CLEAN}
        loaded = load_recipe(ws.recipe)
        facts = select_facts(recipe_packs(loaded, [str(ws.facts)]), loaded.recipe.select)
        assert report.notes == len(facts) - len(report.cardless)
        assert not any(lf.fact.is_disputed for lf in facts)  # disputed facts stay out by default
        check_deck(col, ws, report, facts)
    finally:
        col.close()
