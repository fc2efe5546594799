"""Fact text is untrusted plain text: it lands escaped in every output and is never run.

A pack whose facts carry script tags, event-handler attributes, javascript: links, Anki's own
`{{FrontSide}}` / cloze syntax, Jinja syntax, bidirectional and zero-width characters is built into
an Anki deck, imported with Anki's own backend, and rendered as a quiz: every card and page shows the
text as written, as text. Text is normalised to NFC, and ids outside the documented set are refused.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from anki_helpers import import_apkg, open_collection

from quizgen.anki.deck import write_deck
from quizgen.loader import load_pack
from quizgen.model import ID_PATTERN
from quizgen import make_quiz, render_quiz
from quizgen.recipe import load_recipe

ROOT = Path(__file__).resolve().parent.parent

#: Each hostile string, and a name for the fact that carries it.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="prompt(2)">',  # (no two payloads share a rare word: the quiz
    "link": '<a href="javascript:confirm(3)">click</a>',  # would keep only one of them)
    "frontside": "{{FrontSide}}",
    "cloze": "{{c1::x}}",
    "jinja-expr": "{{ 7*7 }}",
    "jinja-stmt": "{% if true %}yes{% endif %}",
    "gift": "~= # { } : \\ // GIFT",
    "bidi": "abc\u202edcba\u2066x\u2069",
    "zero-width": "zero\u200bwidth\u200djoin",
    # Anki's own markup: none may become a sound, a LaTeX image or a MathJax formula
    "sound": "[sound:evil.mp3]",
    "latex": "[latex]\\input{/etc/passwd}[/latex]",
    "dollar-math": "[$]x^2[/$]",
    "mathjax": "\\(\\frac{a}{b}\\)",
    "display-math": "\\[y^3\\]",
}
DECOMPOSED = "Cafe\u0301"  # "Café" with a combining accent


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def write_hostile_pack(root: Path) -> Path:
    """A pack (and recipe) whose every fact carries one hostile string in text, ask, evidence and
    answer; the source contains each evidence quote."""
    folder = root / "facts" / "hostile"
    (folder / "sources").mkdir(parents=True)
    records, sentences = [], []
    for i, (name, bad) in enumerate(HOSTILE.items()):
        sentence = f"Item {name} number {i} reads {bad} today."
        sentences.append(sentence)
        records.append(
            f"  - id: {name}\n"
            f"    text: {_q(f'Item {name} number {i} reads [[{bad} {i}]] today.')}\n"
            f"    ask: {_q(f'What does item {name} ({bad}) read?')}\n"
            f"    answer_type: work\n"  # a title: asked in writing (terms are asked with options)
            f"    evidence: {_q(sentence[:-1])}\n"
            # (not the bare payload: it sits inside both distractors, which would mark them right)
            f"    also_accept: [{_q(f'item {i}: {bad}')}]\n"
            # distractors that share the payload make it the kind of answer asked for, not a
            # give-away of the answer (a question naming its answer is refused at load)
            f"    distractors: [{_q(f'{bad} {i + 100}')}, {_q(f'{bad} {i + 200}')}]\n"
            f"    cards: [qa, cloze, reverse]\n"
        )
    sentence = f"The {DECOMPOSED} opened in 1890."
    sentences.append(sentence)
    records.append(
        "  - id: cafe\n"
        f"    text: {_q(f'The {DECOMPOSED} opened in [[1890]].')}\n"
        f"    ask: {_q(f'When did the {DECOMPOSED} open?')}\n"
        "    answer_type: year\n"
        f"    evidence: {_q(sentence[:-1])}\n"
    )
    (folder / "sources" / "text.md").write_text("# Items\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")
    (folder / "pack.yaml").write_text(
        "id: hostile\ntitle: Hostile <b>pack</b> {{ 1+1 }}\nsources:\n"
        "  - title: T\n    authors: [A]\n    file: sources/text.md\n", encoding="utf-8")
    (folder / "items.yaml").write_text("topic: items\nfacts:\n" + "".join(records), encoding="utf-8")
    decks = root / "decks"
    decks.mkdir()
    recipe = decks / "hostile.yaml"
    recipe.write_text(
        "title: Hostile <i>{{ 7*7 }}</i>\npacks: [hostile]\n"
        "deck:\n  name: Hostile\n  deck_id: 1764201608001\n  model_id: 1764201608002\n"
        "quiz:\n  title: Hostile {{ 7*7 }} <script>x</script>\n  questions: 17\n  mix:\n"
        "    short_answer: 9\n    fill_blank: 8\n  seed: 3\n  versions: [A]\n",
        encoding="utf-8",
    )
    return recipe


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    recipe = load_recipe(write_hostile_pack(root))
    pack = load_pack(root / "facts" / "hostile")
    apkg = root / "build" / "hostile.apkg"
    write_deck(recipe, [pack], apkg)
    col = open_collection(root / "anki")
    try:
        import_apkg(col, apkg)
        cards, av_tags = {}, {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            key = note["Fact"].split("/")[-1]
            cards.setdefault(key, []).append((card.question(), card.answer()))
            av_tags.setdefault(key, []).extend([*card.question_av_tags(), *card.answer_av_tags()])
        fields = {n["Fact"].split("/")[-1]: dict(n.items())
                  for n in (col.get_note(nid) for nid in col.find_notes(""))}
    finally:
        col.close()
    quiz = make_quiz(recipe, [pack])
    files = render_quiz(quiz, ("html", "json"), [])
    return {"pack": pack, "cards": cards, "fields": fields, "files": files, "av_tags": av_tags}


def anki_literal(text: str) -> str:
    """How a field holds fact text: HTML-escaped, then Anki's markup shown literally ("[" and "{{"
    as entities, a zero-width space between a backslash and "(" or "[")."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("\\(", "\\\u200b(").replace("\\[", "\\\u200b[")
    return out.replace("[", "&#91;").replace("{{", "&#123;&#123;")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_anki_cards_show_hostile_text_as_text(built: dict, name: str) -> None:
    bad = HOSTILE[name]
    cards = built["cards"][name]
    assert len(cards) == 3  # qa, cloze, reverse: the hostile text broke no card
    for question, answer in cards:
        for side in (question, answer):
            assert "<script" not in side.lower()
            assert not re.search(r"<[^>]*\bonerror\s*=", side, re.I), "onerror became an attribute"
            assert not re.search(r"""<a\b[^>]*href\s*=\s*["']?javascript:""", side, re.I)
            assert "<img" not in side.lower()
    # Every side that shows the question or answer shows the hostile string escaped, as written.
    escaped = anki_literal(bad)
    assert any(escaped in a for _, a in cards), f"{name}: {escaped!r} not shown on any answer side"
    assert escaped in built["fields"][name]["Answer"]


def test_anki_syntax_in_fields_stays_literal(built: dict) -> None:
    # Anki does not expand field replacements or clozes found inside field text.
    assert any("{{FrontSide}}" in html.unescape(a) for _, a in built["cards"]["frontside"])
    assert any("{{c1::x}}" in html.unescape(q) for q, _ in built["cards"]["cloze"])


@pytest.mark.parametrize("name", ["sound", "latex", "dollar-math", "mathjax", "display-math"])
def test_anki_markup_in_fact_text_stays_text(built: dict, name: str) -> None:
    """Rendered by Anki's backend: no sound tag, no LaTeX image, no MathJax delimiter from fact text."""
    assert built["av_tags"][name] == []
    for question, answer in built["cards"][name]:
        for side in (question, answer):
            assert not re.search(r"""src=["']?latex-""", side) and "<img" not in side.lower()
            text = html.unescape(side)
            assert "[sound:" not in side and "[latex]" not in side and "[$]" not in side
            assert "\\(" not in text and "\\[" not in text  # MathJax's inline and display openers
    # and the learner reads what the pack says (the zero-width space is invisible)
    shown = html.unescape(built["fields"][name]["Answer"]).replace("\u200b", "")
    assert HOSTILE[name] in shown
    assert all("[...]" not in q or "{{c1::x}}" in q or "qz-blank" in q for q, _ in built["cards"]["cloze"])


def test_invisible_characters_kept_as_text(built: dict) -> None:
    assert HOSTILE["bidi"] in built["fields"]["bidi"]["Answer"]
    assert HOSTILE["zero-width"] in built["fields"]["zero-width"]["Answer"]


def test_text_is_normalised_to_nfc(built: dict) -> None:
    composed = unicodedata.normalize("NFC", DECOMPOSED)
    assert composed != DECOMPOSED
    fact = next(lf.fact for lf in built["pack"].facts if lf.fact.id == "cafe")
    for value in (fact.text, fact.ask, fact.evidence):
        assert composed in value and DECOMPOSED not in value
    fields = built["fields"]["cafe"]
    assert composed in fields["Question"] and composed in fields["Sentence"]
    quiz_json = b"".join(v for k, v in built["files"].items() if k.endswith(".json")).decode("utf-8")
    assert DECOMPOSED not in quiz_json and DECOMPOSED not in json.loads(json.dumps(quiz_json))


def test_quiz_pages_escape_and_never_evaluate(built: dict) -> None:
    pages = {k: v.decode("utf-8") for k, v in built["files"].items() if k.endswith(".html")}
    key = next(v for k, v in pages.items() if "-key-" in k)
    everything = "\n".join(pages.values())
    for name, bad in HOSTILE.items():
        escaped = bad.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        escaped_q = escaped.replace('"', "&#34;").replace("'", "&#39;")
        assert escaped in key or escaped_q in key, f"{name}: not shown escaped in the key"
    # Jinja never evaluated fact text (nor recipe text): the syntax prints as written.
    assert "reads 49" not in everything and "reads yes" not in everything
    assert "{{ 7*7 }}" in key and "{% if true %}yes{% endif %}" in key
    assert not re.search(r"<img\b", everything, re.I)
    assert not re.search(r"""<a\b[^>]*href\s*=\s*["']?javascript:""", everything, re.I)
    # The only <script> elements are the pages' own, and none holds fact text unescaped.
    for page in pages.values():
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S | re.I):
            assert "<script" not in body.lower() and "</script" not in body.lower()
            assert "alert(1)</" not in body


@pytest.mark.parametrize("bad_id", ["Upper", "has space", "under_score", "dot.s", "é-accent", "-lead",
                                    "trail-", "zero\u200bwidth", "bidi\u202eid", "x" * 81, ""])
def test_ids_outside_the_documented_set_are_refused(bad_id: str, tmp_path: Path) -> None:
    assert not re.match(ID_PATTERN, bad_id)
    recipe = write_hostile_pack(tmp_path)
    facts = recipe.parent.parent / "facts" / "hostile" / "items.yaml"
    text = facts.read_text(encoding="utf-8").replace("  - id: script\n", f"  - id: {_q(bad_id)}\n")
    facts.write_text(text, encoding="utf-8")
    from quizgen.problems import Problems

    with pytest.raises(Problems) as err:
        load_pack(facts.parent)
    assert any(".id: must be lower-case letters, digits and hyphens" in str(p) for p in err.value.problems)


def test_id_character_set_is_documented() -> None:
    doc = (ROOT / "docs" / "fact-format.md").read_text(encoding="utf-8")
    assert re.search(r"\| `id` \|.*Lower-case letters, digits, hyphens; at most 80 characters", doc)
    assert ID_PATTERN == r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
