"""Real headless Chromium prints each version's student sheet and key; the PDFs are read back with
pypdf: paper size, page count, the version letter on every page, no question split across pages,
and the key's answers equal to the JSON (whose answers equal the facts)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from conftest import FIXTURES, ROOT

from quizgen.loader import load_packs
from quizgen import make_quiz, render_quiz
from quizgen.recipe import load_recipe

pytestmark = pytest.mark.browser
LETTERS = "ABCDEFGH"
PAPER = {"Letter": (612, 792), "A4": (595, 842)}


def _squash(text: str) -> str:
    """PDF text without whitespace (line breaks fall anywhere) and without ligatures."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _recipes():
    return [("rivers", FIXTURES / "decks" / "rivers.yaml", [str(FIXTURES / "packs")]),
            ("mexico-russia", ROOT / "decks" / "mexico-russia.yaml", [str(ROOT / "facts")])]


@pytest.fixture(scope="module")
def printed(chromium, tmp_path_factory):
    """name -> (quiz, {file name: bytes}) for each recipe, PDFs printed by Chromium."""
    import os

    os.environ["QUIZGEN_CHROMIUM"] = chromium
    out = {}
    for name, path, search in _recipes():
        recipe = load_recipe(path)
        packs = load_packs(recipe.recipe.packs, search)
        quiz = make_quiz(recipe, packs)
        facts = {lf.key: lf.fact for p in packs for lf in p.facts}
        out[name] = (quiz, render_quiz(quiz, ("html", "json", "pdf"), []), facts)
    return out


def _pages(data: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages], reader


def _question_texts(q: dict) -> list[str]:
    """Every piece of text that belongs to question q: its stem, options and premises."""
    prompt = q["prompt"]
    parts = prompt.split("_____") if q["type"] == "fill_blank" else [prompt]
    return [p for p in parts + q.get("options", []) + q.get("premises", []) if p.strip()]


@pytest.mark.parametrize("name", ["rivers", "mexico-russia"])
def test_student_sheets_print_without_split_questions(printed, name):
    if name not in printed:
        pytest.skip("default pack does not load yet")
    quiz, files, _ = printed[name]
    for version in quiz.versions:
        data = json.loads(files[f"{quiz.name}-{version.letter}.json"])
        pages, reader = _pages(files[f"{quiz.name}-quiz-{version.letter}.pdf"])
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == PAPER[quiz.paper.value]
        assert 1 <= len(pages) <= 6, len(pages)
        squashed = [_squash(p) for p in pages]
        assert all(f"Version{version.letter}" in p for p in squashed), "version letter on every page"
        assert all(f"of{len(pages)}" in p for p in squashed)
        for number, q in enumerate(data["questions"], start=1):
            stem = _squash(f"{number}. {_question_texts(q)[0]}")
            holders = [i for i, p in enumerate(squashed) if stem in p]
            assert len(holders) == 1, (q["id"], holders)
            page = squashed[holders[0]]
            for piece in _question_texts(q):
                assert _squash(piece) in page, f"{q['id']}: {piece!r} not on page {holders[0] + 1}"
        print(f"{name} quiz {version.letter}: {len(pages)} pages")


@pytest.mark.parametrize("name", ["rivers", "mexico-russia"])
def test_keys_print_the_answers_of_the_json(printed, name):
    if name not in printed:
        pytest.skip("default pack does not load yet")
    quiz, files, facts = printed[name]
    for version in quiz.versions:
        data = json.loads(files[f"{quiz.name}-{version.letter}.json"])
        pages, _reader = _pages(files[f"{quiz.name}-key-{version.letter}.pdf"])
        assert 1 <= len(pages) <= 8
        squashed = [_squash(p) for p in pages]
        assert all(f"Answerkey·Version{version.letter}" in p for p in squashed)
        text = "".join(squashed)
        at = 0
        for number, q in enumerate(data["questions"], start=1):
            at = text.index(_squash(f"{number}. {q['prompt']}"), at)
            if q["type"] == "multiple_choice":
                expected = [f"Answer: {LETTERS[q['key']]}. {q['answer']}"]
            elif q["type"] == "matching":
                expected = [f"{i} → {LETTERS[q['options'].index(r)]}. {r}"
                            for i, (_, r) in enumerate(q["answer"], start=1)]
            elif q["type"] == "ordering":
                expected = [f"{e} ({d})" for e, d in zip(q["answer"], q["dates"], strict=True)]
            else:
                expected = [f"Answer: {q['answer']}"]
            for piece in expected:
                at = text.index(_squash(piece), at)
            for fact_id in q["fact_ids"]:  # the evidence a teacher checks against
                assert _squash(fact_id) in text and _squash(facts[fact_id].evidence) in text
            if q["type"] in ("multiple_choice", "fill_blank", "short_answer"):
                fact = facts[q["fact_ids"][0]]
                shown = f"{fact.answer} {fact.unit}" if q["type"] == "multiple_choice" and fact.unit else fact.answer
                assert q["answer"] == shown  # a quantity's options (and so its key) carry the unit
            if q["type"] == "true_false":
                fact = facts[q["fact_ids"][0]]
                assert (q["answer"] == "True") == (q["prompt"] == fact.plain_text)
        print(f"{name} key {version.letter}: {len(pages)} pages")


def test_printing_sends_nothing_over_the_network(chromium, tmp_path, monkeypatch):
    """Chromium's own log of every network event during a print of a page that asks for remote
    images and fonts: no host name resolves, no connection opens, not one byte is sent."""
    from quizgen.render.pdf import html_to_pdf

    monkeypatch.setenv("QUIZGEN_CHROMIUM", chromium)
    page = ('<html><body><p>Quiz</p><img src="http://example.com/x.png">'
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></body></html>')
    log_file = tmp_path / "net.json"
    [pdf] = html_to_pdf([page], net_log=str(log_file))
    assert pdf.startswith(b"%PDF")
    raw = log_file.read_text(encoding="utf-8").rstrip()
    log = json.loads(raw if raw.endswith("}") else raw.rstrip(",") + "]}")  # a log cut at exit
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    events = [(names[e["type"]], e.get("phase"), e.get("params", {})) for e in log["events"]]
    sent = [e for e in events if e[0] in ("SOCKET_BYTES_SENT", "UDP_BYTES_SENT", "SSL_SOCKET_BYTES_SENT")]
    assert sent == []
    ends = [p for name, phase, p in events if name in ("TCP_CONNECT_JOB_CONNECT", "HOST_RESOLVER_MANAGER_REQUEST")
            and phase == 2]
    assert ends and all(p.get("net_error") for p in ends), ends  # each lookup and connect failed here
