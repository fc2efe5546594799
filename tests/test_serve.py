"""The preview without a browser: Anki's template syntax, re-reading only what changed, problems
shown above the last good cards, a pack with no recipe, and the HTTP routes."""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES
from quizgen.serve import Preview, start, stop
from quizgen.serve.cards import render, render_card
from quizgen.serve.pages import cards_page, quiz_page


def test_anki_template_syntax() -> None:
    fields = {"Ask": "Why?", "Answer": "<b>Because</b>", "Disputed": "", "Extra": " "}
    assert render("{{#Ask}}<p>{{Ask}}</p>{{/Ask}}", fields) == "<p>Why?</p>"
    assert render("{{#Disputed}}D{{/Disputed}}{{^Disputed}}not disputed{{/Disputed}}", fields) == "not disputed"
    assert render("{{#Extra}}blank counts as empty{{/Extra}}", fields) == ""
    assert render("{{text:Answer}}", fields) == "Because"
    assert render("{{Nope}}", fields) == "{unknown field Nope}"
    front, back = render_card("Q: {{Ask}}", "{{FrontSide}}<hr id=answer>{{Answer}}", fields)
    assert (front, back) == ("Q: Why?", "Q: Why?<hr id=answer><b>Because</b>")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "packs" / "rivers", tmp_path / "facts" / "rivers")
    shutil.copytree(FIXTURES / "decks", tmp_path / "decks")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def test_only_the_changed_file_is_read_again(workspace: Path) -> None:
    preview = Preview("rivers")  # a pack: shown with the recipe in decks/ that uses it
    assert preview.recipe_path == "decks/rivers.yaml"
    assert preview.refresh()
    reader = preview.readers["rivers"]
    assert reader.files_read == 2
    assert not preview.refresh()  # nothing changed: nothing read
    facts = workspace / "facts" / "rivers" / "rivers.yaml"
    touch(facts, facts.read_text().replace("About how many kilometres", "Roughly how many kilometres"))
    assert preview.refresh()
    assert reader.files_read == 1
    assert preview.latest_file == "facts/rivers/rivers.yaml" and preview.latest_fact == "rivers/nile-length"
    page = cards_page(preview, None)
    assert "Roughly how many kilometres long is the Nile?" in page
    assert "Question to answer" in page and 'data-night="1"' in page


def test_a_broken_file_keeps_the_last_good_cards(workspace: Path) -> None:
    preview = Preview("decks/rivers.yaml")
    preview.refresh()
    facts = workspace / "facts" / "rivers" / "rivers.yaml"
    good = facts.read_text()
    touch(facts, good.replace("    ask: Into which sea does the Volga flow?", "  ask: Into which sea does the Volga flow?"))
    assert preview.refresh()
    page = cards_page(preview, "facts/rivers/rivers.yaml")
    assert "facts/rivers/rivers.yaml:18:3: YAML syntax: &#39;ask:&#39; is at the level of the list" in page
    assert "the last version that loaded" in page
    assert '<li class="problem">line 18: YAML syntax: &#39;ask:&#39;' in page  # beside its fact too
    assert "About how many kilometres long is the Nile?" in page  # the cards are still there
    touch(facts, good)
    assert preview.refresh() and not preview.problems


def test_a_pack_no_recipe_uses_gets_a_stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "packs" / "rivers", tmp_path / "facts" / "rivers")
    monkeypatch.chdir(tmp_path)
    preview = Preview("rivers")
    assert preview.recipe_path is None and preview.refresh()
    assert not preview.problems
    assert "About how many kilometres long is the Nile?" in cards_page(preview, "facts/rivers/rivers.yaml")
    page = quiz_page(preview, 3)  # the default quiz settings
    assert 'title="student sheet"' in page and "could not be made" not in page


def test_routes(workspace: Path) -> None:
    messages: list[str] = []
    preview = Preview("decks/rivers.yaml")
    server, threads = start(preview, 0, messages.append)
    try:
        assert server.server_address[0] == "127.0.0.1"
        with urllib.request.urlopen(server.url + "quiz?seed=3", timeout=30) as r:
            assert r.status == 200 and "Great rivers of the world" in r.read().decode()
        with urllib.request.urlopen(server.url + "events", timeout=30) as r:
            assert r.headers["Content-Type"] == "text/event-stream"
            assert r.readline() == f"data: {preview.generation}\n".encode()
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "nothing-here", timeout=30)
        assert err.value.code == 404
    finally:
        stop(server, threads)
