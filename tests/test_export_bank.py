"""The question bank (`quizgen quiz --bank`): every eligible single-fact item of every selected fact,
one per fact per type, none the rule book refuses, named and drawn so that one fact's items never
depend on which other facts are in the bank; the same recipe gives the same bytes."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner
from conftest import FIXTURES
from test_export_common import bank_of, rivers_recipe

from quizgen.cli import main
from quizgen.export.files import export_bank
from quizgen.quiz.bank import BANK_TYPES, make_bank
from quizgen.quiz.checks import RuleContext, item_errors
from quizgen.quiz.distractors import FactBase
from quizgen.select import select_facts


def test_one_item_per_fact_per_type_and_none_the_rule_book_refuses():
    recipe, packs = rivers_recipe()
    bank = make_bank(recipe, packs)
    rules = RuleContext(FactBase([lf for lp in packs for lf in lp.facts], packs))
    assert bank.items
    for item in bank.items:
        assert item.type in BANK_TYPES
        assert item_errors(item, rules) == [], item.id
        assert item.id == f"{item.id.split('-', 1)[0]}-{item.fact_ids[0].split('/', 1)[1]}"
    per_fact_type = Counter((i.fact_ids[0], i.type) for i in bank.items)
    assert set(per_fact_type.values()) == {1}
    assert len({i.id for i in bank.items}) == len(bank.items)
    # every selected fact is asked at least once (a short answer needs no distractor)
    facts = {lf.key for lf in select_facts(packs, recipe.recipe.select)}
    assert {i.fact_ids[0] for i in bank.items} == facts
    assert len(bank.items) > 2 * len(facts)  # much more than a 10-question quiz


def test_a_facts_items_do_not_depend_on_the_other_facts_selected():
    recipe, packs = rivers_recipe()
    full = {i.id: i for i in make_bank(recipe, packs).items}
    topic = select_facts(packs, recipe.recipe.select)[0].fact.topic
    narrow = recipe.model_copy(update={"recipe": recipe.recipe.model_copy(
        update={"select": recipe.recipe.select.model_copy(update={"topics": [topic]})})})
    part = make_bank(narrow, packs).items
    assert part and len(part) < len(full)
    for item in part:
        assert full[item.id] == item


def test_the_bank_seed_is_the_recipes_and_another_seed_keeps_the_names():
    recipe, packs = rivers_recipe()
    a, b = make_bank(recipe, packs), make_bank(recipe, packs, seed=99)
    assert a.seed == recipe.recipe.quiz.seed and b.seed == 99
    assert {i.id for i in a.items if i.type.value in ("short_answer", "fill_blank")} == {
        i.id for i in b.items if i.type.value in ("short_answer", "fill_blank")}


def test_same_recipe_same_bytes_in_every_format(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    recipe, packs = rivers_recipe()
    formats = ("gift", "moodle-xml", "qti", "kahoot")
    one, two = export_bank(recipe, packs, formats), export_bank(recipe, packs, formats)
    assert sorted(one.files) == ["rivers-bank-kahoot.xlsx", "rivers-bank-moodle.xml",
                                 "rivers-bank-qti.zip", "rivers-bank.gift"]
    assert one.files == two.files


def test_build_stamp_names_the_build_and_changes_with_its_content():
    recipe, packs = rivers_recipe()
    qset, _ = bank_of(recipe, packs)
    again, _ = bank_of(recipe, packs)
    assert qset.stamp == again.stamp and len(qset.stamp) == 8
    import dataclasses

    changed = dataclasses.replace(qset, questions=qset.questions[1:])
    assert changed.stamp != qset.stamp
    edited = dataclasses.replace(qset, questions=(
        dataclasses.replace(qset.questions[0], prompt=qset.questions[0].prompt + " "),
        *qset.questions[1:]))
    assert edited.stamp != qset.stamp


def test_cli_writes_the_bank_and_refuses_quiz_only_options(tmp_path):
    args = ["quiz", str(FIXTURES / "decks" / "rivers.yaml"), "--facts", str(FIXTURES / "packs"),
            "--bank", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rivers-bank-kahoot.xlsx", "rivers-bank-moodle.xml", "rivers-bank-qti.zip", "rivers-bank.gift"]
    bad = CliRunner().invoke(main, [*args, "--format", "html"])
    assert bad.exit_code == 2 and "--bank writes platform exports only" in bad.output


def test_bank_items_carry_the_recipes_points_and_the_defaults_for_the_rest():
    """A type the recipe gives points to has them; the others have the generators' defaults."""
    from quizgen.recipe import ItemType

    recipe, packs = rivers_recipe()
    quiz = recipe.recipe.quiz.model_copy(update={"points": {ItemType.short_answer: 5}})
    recipe = recipe.model_copy(update={"recipe": recipe.recipe.model_copy(update={"quiz": quiz})})
    points = {i.type: i.points for i in make_bank(recipe, packs).items}
    assert points[ItemType.short_answer] == 5 and points[ItemType.multiple_choice] == 1
