"""Decades and centuries are answered on a scale: their options are listed in ascending order."""

from __future__ import annotations


import pytest

from quizgen.quiz.generators import on_a_scale


@pytest.mark.parametrize("text,value", [("1920s", 1920), ("18th century", 18), ("21st century", 21),
                                        ("2nd", 2), ("Red Bells", None), ("1920", None)])
def test_on_a_scale(text: str, value: int | None) -> None:
    assert on_a_scale(text) == value


def test_decade_and_century_options_ascend(in_repo) -> None:
    from quizgen import make_quiz
    from quizgen.recipe import load_recipe
    from quizgen.select import recipe_packs

    recipe = load_recipe("decks/mexico-russia.yaml")
    packs = recipe_packs(recipe)
    seen = 0
    for seed in range(1, 30):
        for version in make_quiz(recipe, packs, seed=seed).versions:
            for item in version.items:
                if item.type.value == "multiple_choice" and all(on_a_scale(o) is not None for o in item.options):
                    seen += 1
                    values = [on_a_scale(o) for o in item.options]
                    assert values == sorted(values), item.options
                    assert item.ascending
    assert seen >= 5  # the default pack asks for decades and centuries
