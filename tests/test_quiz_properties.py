"""Property tests over generated quizzes (hypothesis, 200 seeds per pack): every item is well formed,
no distractor is true in the fact base, every wrong option comes from its fact's pools and passes the
rule book (not listed with the key in the source, not in its stem, no year after `as_of`, never an
alias of another option), versions are permutations of the same items, and the same seed gives the
same quiz."""

from __future__ import annotations

import json

from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.loader import load_packs
from quizgen.normalize import normalize_answer
from quizgen.quiz.assemble import build_quiz, gives_away
from quizgen.quiz.distractors import FactBase, answer_key, is_true_for
from quizgen.quiz.generators import shown
from quizgen.quiz.generators import on_a_scale
from quizgen.quiz.nearvalues import sort_key
from quizgen.quiz.rules import after_as_of, comparable, in_pools, mentions, when_key
from quizgen.recipe import ItemType, load_recipe
from quizgen.select import select_facts


def _setup(recipe_path, pack, search):
    recipe = load_recipe(recipe_path)
    packs = load_packs([pack], search)
    facts = select_facts(packs, recipe.recipe.select)
    factbase = [lf for p in packs for lf in p.facts]
    return recipe, facts, factbase, {lf.key: lf for lf in factbase}, packs


RIVERS = _setup(FIXTURES / "decks" / "rivers.yaml", "rivers", [str(FIXTURES / "packs")])


def _default():
    return _setup(ROOT / "decks" / "mexico-russia.yaml", "mexico-russia", [str(ROOT / "facts")])


def check_wrong_option(lf, option, fb: FactBase, stem: str) -> None:
    """The rule book's promises for one wrong option of `lf`'s item."""
    assert in_pools(lf, option, fb), (lf.key, option)
    assert not (stem and mentions(stem, option)), (lf.key, option)
    assert not after_as_of(lf.fact.answer_type.value, option, fb.as_of.get(lf.pack)), (lf.key, option)
    assert fb.listed_with_key(lf, option) is None, (lf.key, option)
    assert not fb.is_true_for(lf, option), (lf.key, option)


def check_item(item, factbase, by_key, fb: FactBase):
    assert item.fact_ids and all(k in by_key for k in item.fact_ids)
    assert item.points >= 0
    if item.type is ItemType.multiple_choice:
        fact = by_key[item.fact_ids[0]]
        assert 3 <= len(item.options) <= 4
        assert len({answer_key(o) for o in item.options}) == len(item.options), item.options
        answer = shown(fact, fact.fact.answer)  # a quantity's options carry its unit
        assert [normalize_answer(o) for o in item.options].count(normalize_answer(answer)) == 1
        assert item.options[item.key] == answer
        for i, option in enumerate(item.options):
            if i != item.key:
                assert not is_true_for(fact, option, factbase), (item.id, option)
                assert "of the above" not in option.lower()
                check_wrong_option(fact, option, fb, item.prompt)
        assert not any(fb.same_thing(a, b) for n, a in enumerate(item.options) for b in item.options[n + 1:])
        if item.ascending:
            keys = [sort_key(item.answer_type, o) for o in item.options]
            if None in keys:  # decades and centuries ("1920s", "18th century") ascend by number
                keys = [on_a_scale(o) for o in item.options]
            assert None not in keys and keys == sorted(keys)
            if item.answer_type == "year":
                k = int(fact.fact.answer)
                assert all(2 <= abs(int(o) - k) <= 30 for o in item.options if o != fact.fact.answer)
    elif item.type is ItemType.true_false:
        fact = by_key[item.fact_ids[0]]
        assert item.options == ["True", "False"]
        if item.statement_true:
            assert item.key == 0 and item.prompt == fact.fact.plain_text
        else:
            before, after = fact.fact.blanked_parts
            assert item.key == 1 and item.prompt.endswith(after)
            swapped = item.prompt[len(before): len(item.prompt) - len(after)]
            assert not is_true_for(fact, swapped, factbase), (item.id, swapped)
            check_wrong_option(fact, swapped, fb, "")
    elif item.type is ItemType.matching:
        facts = [by_key[k] for k in item.fact_ids]
        assert 4 <= len(item.premises) <= 8 and len(item.options) - len(item.premises) >= 2
        assert len({answer_key(o) for o in item.options}) == len(item.options)
        assert [item.options[m] for m in item.matches] == [shown(f, f.fact.answer) for f in facts]
        for i, option in enumerate(item.options):
            for j, f in enumerate(facts):
                assert (item.matches[j] == i) == is_true_for(f, option, factbase), (item.id, option)
    elif item.type is ItemType.ordering:
        facts = [by_key[k] for k in item.fact_ids]
        assert 3 <= len(item.options) <= 5
        whens = [f.fact.when for f in facts]
        assert all(comparable(a, b) for i, a in enumerate(whens) for b in whens[i + 1:])
        assert whens == sorted(whens, key=when_key)
        assert item.answer == [f.fact.event for f in facts]
        assert item.sequence != sorted(item.sequence)  # never printed already in order
    else:
        fact = by_key[item.fact_ids[0]]
        assert item.answer == fact.fact.answer


def check_quiz(setup, seed):
    recipe, facts, factbase, by_key, packs = setup
    quiz = build_quiz(recipe.name, facts, factbase, recipe.recipe.quiz, seed=seed, versions=["A", "B"],
                      packs=packs)
    fb = FactBase(factbase, packs)
    assert quiz.items
    used = [k for item in quiz.items for k in item.fact_ids]
    assert len(used) == len(set(used)), "a fact used twice"
    for item in quiz.items:
        check_item(item, factbase, by_key, fb)
    for a in quiz.items:  # no item gives another's answer away (true/false items included)
        assert not any(gives_away(a, b, fb) for b in quiz.items if b is not a), a.id
    ids = [i.id for i in quiz.items]
    assert len(set(ids)) == len(ids)
    for version in quiz.versions:
        assert sorted(i.id for i in version.items) == sorted(ids)
        canon = {i.id: i for i in quiz.items}
        for item in version.items:
            check_item(item, factbase, by_key, fb)
            base = canon[item.id]
            assert sorted(item.options) == sorted(base.options) and item.prompt == base.prompt
            assert json.dumps(_answer_set(item), sort_keys=True) == json.dumps(_answer_set(base), sort_keys=True)
    again = build_quiz(recipe.name, facts, factbase, recipe.recipe.quiz, seed=seed, versions=["A", "B"],
                       packs=packs)
    assert again == quiz
    return quiz


def _answer_set(item):
    answer = item.answer
    return sorted(map(tuple, answer)) if item.type is ItemType.matching else answer


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_rivers_quizzes_hold_their_properties(seed):
    check_quiz(RIVERS, seed)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_default_pack_quizzes_hold_their_properties(seed):
    quiz = check_quiz(DEFAULT, seed)
    assert len(quiz.items) == quiz_size(DEFAULT)


def quiz_size(setup):
    return setup[0].recipe.quiz.total


DEFAULT = _default()


def test_key_positions_and_true_false_share_are_fair():
    """Over many items, MC key positions pass a chi-square test and T/F is about half true."""
    recipe, facts, factbase, _, packs = DEFAULT
    counts = [0, 0, 0, 0]
    trues = total_tf = 0
    for seed in range(60):
        quiz = build_quiz(recipe.name, facts, factbase, recipe.recipe.quiz, seed=seed, versions=["A"],
                          packs=packs)
        for item in quiz.versions[0].items:
            if item.type is ItemType.multiple_choice and len(item.options) == 4:
                counts[item.key] += 1
            if item.type is ItemType.true_false:
                trues += item.statement_true
                total_tf += 1
    n = sum(counts)
    chi2 = sum((c - n / 4) ** 2 / (n / 4) for c in counts)
    assert n >= 30 and chi2 < 11.34, counts  # p = 0.01 with 3 degrees of freedom
    assert 0.4 <= trues / total_tf <= 0.6
