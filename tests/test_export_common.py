"""Shared by the export tests: the expected questions, read from the quiz JSON (never from the
exporters), quizzes and banks to export (the default recipe, the rivers fixture, fuzzed ones), and
the text strategy full of the characters every format must escape.

Each format's test parses its file back with its own reader, written from what the platform's
import code does, and compares with `expected(...)`.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, ROOT
from hypothesis import strategies as st

from quizgen.export.questions import QuestionSet, bank_set, export_context, quiz_set
from quizgen.quiz.bank import make_bank
from quizgen import make_quiz
from quizgen.quiz.items import Item, Quiz, Version
from quizgen.recipe import ItemType, LoadedRecipe, Paper, load_recipe
from quizgen.select import recipe_packs

#: The characters the issue names, plus what Moodle's short answers, GIFT weights and formats read
#: specially (`*`, `%`, `[`), plus letters, digits and spaces.
SPECIALS = ["~", "=", "#", "{", "}", ":", "\\", "->", "<", "&", "]]>", "\n", "*", "%", "[", "]", ">",
            "-", "<b>", "&amp;", "&lt;", "&#38;", '"', "'", "\t", ";", ","]
PIECES = st.sampled_from(SPECIALS + ["a", "b", "Z", " ", "0", "5", "é", "html", "&&058;", "1959"])
TEXT = st.lists(PIECES, min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)
NASTY = "A ~ = # { } : \\ -> < & ]]> B\nC \\n \\\\ {=x->y} //z [html] %50% * <b>bold</b> & co"
#: The hostile texts the issue lists, each on its own.
HOSTILE = ["Kaluga &amp; &lt;", "<b>bold</b> & co", "a { b", "a ~ b", "x ]]> y", "p -> q"]

#: Anything read as a number by Moodle's numerical type gets one (see quizgen/export/questions.py).
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def default_recipe() -> tuple[LoadedRecipe, list]:
    recipe = load_recipe(ROOT / "decks" / "mexico-russia.yaml")
    return recipe, recipe_packs(recipe, [str(ROOT / "facts")])


def rivers_recipe() -> tuple[LoadedRecipe, list]:
    recipe = load_recipe(FIXTURES / "decks" / "rivers.yaml")
    return recipe, recipe_packs(recipe, [str(FIXTURES / "packs")])


def default_quiz(seed: int | None = None) -> tuple[Quiz, LoadedRecipe, list]:
    recipe, packs = default_recipe()
    return make_quiz(recipe, packs, seed=seed), recipe, packs


def rivers_quiz() -> tuple[Quiz, LoadedRecipe, list]:
    recipe, packs = rivers_recipe()
    return make_quiz(recipe, packs), recipe, packs


def version_set(quiz: Quiz, recipe: LoadedRecipe, packs: list, letter: str = "A") -> QuestionSet:
    return quiz_set(quiz, export_context(recipe, packs), letter)


def bank_of(recipe: LoadedRecipe, packs: list) -> tuple[QuestionSet, list[Item]]:
    bank = make_bank(recipe, packs)
    return bank_set(bank.name, bank.title, bank.seed, bank.items, export_context(recipe, packs)), bank.items


def fuzz_items(texts: list[str]) -> list[Item]:
    """One item of every type, every text taken from `texts` (distinct, at least 7); the item ids
    hold a year, as real ids do (`order-cuban-revolution-1959`)."""
    t = texts
    fact = ["fuzz/f1"]
    return [
        Item(id="mc-f-1959", type=ItemType.multiple_choice, prompt=t[0], answer_type="term",
             fact_ids=fact, options=[t[1], t[2], t[3]], key=2),
        Item(id="tf-f-1959", type=ItemType.true_false, prompt=t[0], answer_type="term", fact_ids=fact,
             options=["True", "False"], key=1, statement_true=False),
        Item(id="fill-f-1959", type=ItemType.fill_blank, prompt=f"{t[0]} {Item.BLANK} {t[1]}",
             answer_type="term", fact_ids=fact, answer_text=t[2], accept=[t[3]]),
        Item(id="short-f-1959", type=ItemType.short_answer, prompt=t[4], answer_type="term",
             fact_ids=fact, answer_text=t[5]),
        Item(id="match-f-1959", type=ItemType.matching, prompt=t[6], answer_type="term",
             fact_ids=["fuzz/f1", "fuzz/f2"], premises=[t[0], t[1]], options=[t[2], t[3], t[4]],
             matches=[2, 0], points=2),
        Item(id="order-f-1959", type=ItemType.ordering, prompt=t[5], answer_type="event",
             fact_ids=["fuzz/f1", "fuzz/f2", "fuzz/f3"], options=[t[4], t[5], t[6]],
             sequence=[2, 0, 1], dates=["1990", "1991", "1992"], points=3),
    ]


def fuzz_quiz(texts: list[str]) -> Quiz:
    items = fuzz_items(texts)
    return Quiz(name="fuzz", title=texts[0], instructions=texts[1], seed=1, paper=Paper.a4,
                items=items, versions=[Version(letter="A", items=items)])


def fuzz_context():
    from quizgen.export.questions import ExportContext

    return ExportContext(topics={"fuzz/f1": "Topic one"}, topic_ids={"fuzz/f1": "topic-one"})


def fuzz_set(texts: list[str]) -> QuestionSet:
    return quiz_set(fuzz_quiz(texts), fuzz_context(), "A")


def fuzz_bank_set(texts: list[str]) -> QuestionSet:
    single = [i for i in fuzz_items(texts) if i.type not in (ItemType.matching, ItemType.ordering)]
    return bank_set("fuzz", texts[0], 1, single, fuzz_context())


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


def expected_items(items: list[Item]) -> dict[str, dict]:
    return {i.id: expected(i.export()) for i in items}


def expected_all(quiz: Quiz, letter: str = "A") -> dict[str, dict]:
    version = next(v for v in quiz.versions if v.letter == letter)
    return {q["id"]: expected(q) for q in quiz.export(version)["questions"]}


def test_expected_covers_every_question_kind_in_the_rivers_quiz_and_bank():
    quiz, recipe, packs = rivers_quiz()
    _, items = bank_of(recipe, packs)
    kinds = {e["kind"] for e in [*expected_all(quiz).values(), *expected_items(items).values()]}
    assert kinds == {"choice", "truefalse", "text", "numerical", "matching"}


def test_export_context_gives_every_fact_its_topic():
    quiz, recipe, packs = rivers_quiz()
    context = export_context(recipe, packs)
    for item in quiz.items:
        assert all(context.topic_ids.get(f) for f in item.fact_ids), item.id


def test_topic_titles_come_from_the_pack():
    """Categories read as the pack titles its topics ("Cold War and Latin America"), not the id
    lower-cased ("Cold war and latin america")."""
    recipe, packs = default_recipe()
    context = export_context(recipe, packs)
    titles = set(context.topics.values())
    assert "Cold War and Latin America" in titles and "Cold war and latin america" not in titles
    assert set(packs[0].pack.topics) == {lf.fact.topic for lf in packs[0].facts}


def test_recipe_topic_titles_win(tmp_path):
    recipe, packs = rivers_recipe()
    deck = recipe.recipe.deck.model_copy(update={"topic_titles": {"rivers": "Rivers :: of the world"}})
    recipe = recipe.model_copy(update={"recipe": recipe.recipe.model_copy(update={"deck": deck})})
    context = export_context(recipe, packs)
    assert "Rivers :: of the world" in context.topics.values()
