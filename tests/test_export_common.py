"""Shared by the export tests: the expected questions, read from the quiz JSON (never from the
exporters), quizzes to export (the default recipe, the rivers fixture, a fuzzed one) and the text
strategy full of the characters every format must escape.

Each format's test parses its file back with its own parser and compares with `expected(...)`.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, ROOT
from hypothesis import strategies as st

from quizgen.export import export_context
from quizgen.quiz.build import make_quiz
from quizgen.quiz.items import Item, Quiz, Version
from quizgen.recipe import ItemType, LoadedRecipe, Paper, load_recipe
from quizgen.select import recipe_packs

#: The characters the issue names, plus what Moodle's short answers, GIFT weights and formats read
#: specially (`*`, `%`, `[`), plus letters, digits and spaces.
SPECIALS = ["~", "=", "#", "{", "}", ":", "\\", "->", "<", "&", "]]>", "\n", "*", "%", "[", "]", ">", "-"]
PIECES = st.sampled_from(SPECIALS + ["a", "b", "Z", " ", "0", "5", ";", "é", "html", "&&058;"])
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)
NASTY = "A ~ = # { } : \\ -> < & ]]> B\nC \\n \\\\ {=x->y} //z [html] %50% *"

#: Anything read as a number by Moodle's numerical type gets one (see quizgen/export/questions.py).
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def default_quiz() -> tuple[Quiz, LoadedRecipe, list]:
    recipe = load_recipe(ROOT / "decks" / "mexico-russia.yaml")
    packs = recipe_packs(recipe, [str(ROOT / "facts")])
    return make_quiz(recipe, packs), recipe, packs


def rivers_quiz() -> tuple[Quiz, LoadedRecipe, list]:
    recipe = load_recipe(FIXTURES / "decks" / "rivers.yaml")
    packs = recipe_packs(recipe, [str(FIXTURES / "packs")])
    return make_quiz(recipe, packs), recipe, packs


def context_for(quiz: Quiz, recipe: LoadedRecipe, packs: list):
    return export_context(recipe, packs, quiz.title)


def fuzz_quiz(texts: list[str]) -> Quiz:
    """One item of every type, every text taken from `texts` (distinct, at least 7)."""
    t = texts
    fact = ["fuzz/f1"]
    items = [
        Item(id="mc-f", type=ItemType.multiple_choice, prompt=t[0], answer_type="term", fact_ids=fact,
             options=[t[1], t[2], t[3]], key=2),
        Item(id="tf-f", type=ItemType.true_false, prompt=t[0], answer_type="term", fact_ids=fact,
             options=["True", "False"], key=1, statement_true=False),
        Item(id="fill-f", type=ItemType.fill_blank, prompt=f"{t[0]} {Item.BLANK} {t[1]}", answer_type="term",
             fact_ids=fact, answer_text=t[2], accept=[t[3]]),
        Item(id="short-f", type=ItemType.short_answer, prompt=t[4], answer_type="term", fact_ids=fact,
             answer_text=t[5]),
        Item(id="match-f", type=ItemType.matching, prompt=t[6], answer_type="term",
             fact_ids=["fuzz/f1", "fuzz/f2"], premises=[t[0], t[1]], options=[t[2], t[3], t[4]],
             matches=[2, 0], points=2),
        Item(id="order-f", type=ItemType.ordering, prompt=t[5], answer_type="event",
             fact_ids=["fuzz/f1", "fuzz/f2", "fuzz/f3"], options=[t[4], t[5], t[6]], sequence=[2, 0, 1],
             dates=["1990", "1991", "1992"], points=3),
    ]
    return Quiz(name="fuzz", title=t[0], instructions=t[1], seed=1, paper=Paper.a4, items=items,
                versions=[Version(letter="A", items=items)])


def fuzz_context():
    from quizgen.export import ExportContext

    return ExportContext(category="Fuzz", topics={"fuzz/f1": "Topic one"}, topic_ids={"fuzz/f1": "topic-one"})


def expected(q: dict) -> dict:
    """What a platform must get for one question of the quiz JSON (`Quiz.export(version)`)."""
    kind = q["type"]
    out = {"id": q["id"], "prompt": q["prompt"]}
    if kind == "multiple_choice":
        return out | {"kind": "choice", "choices": q["options"], "key": q["key"]}
    if kind == "true_false":
        return out | {"kind": "truefalse", "truth": q["answer"] == "True"}
    if kind in ("fill_blank", "short_answer"):
        answers = [q["answer"], *q.get("accept", [])]
        numeric = q["answer_type"] in ("year", "number") and all(NUMBER.fullmatch(a) for a in answers)
        return out | {"kind": "numerical" if numeric else "text", "answers": answers}
    if kind == "matching":
        used = {r for _, r in q["answer"]}
        return out | {"kind": "matching", "pairs": [tuple(p) for p in q["answer"]],
                      "extra": [o for o in q["options"] if o not in used]}
    assert kind == "ordering"
    rank = {event: str(n) for n, event in enumerate(q["answer"], start=1)}
    return out | {"kind": "matching", "pairs": [(o, rank[o]) for o in q["options"]], "extra": []}


def expected_all(quiz: Quiz, letter: str = "A") -> dict[str, dict]:
    version = next(v for v in quiz.versions if v.letter == letter)
    return {q["id"]: expected(q) for q in quiz.export(version)["questions"]}


def test_expected_covers_every_item_type_of_the_default_quiz():
    quiz, _, _ = default_quiz()
    kinds = {e["kind"] for e in expected_all(quiz).values()}
    assert kinds == {"choice", "truefalse", "text", "numerical", "matching"}


def test_export_context_gives_every_fact_its_topic():
    quiz, recipe, packs = default_quiz()
    context = context_for(quiz, recipe, packs)
    for item in quiz.items:
        assert all(context.topic_ids.get(f) for f in item.fact_ids), item.id
