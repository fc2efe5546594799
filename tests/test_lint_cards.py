"""Card checks on cards built by the deck's own note functions (no disk), from real fixture packs."""

from __future__ import annotations

from conftest import FIXTURES
from lint_helpers import located

from quizgen.anki.notes import build_notes
from quizgen.lint.cards import cards_of_notes
from quizgen.quiz.checks import RuleContext
from quizgen.lint.run import check_cards
from quizgen.loader import load_packs
from quizgen.model import CLOZE_BLANK, CardKind, LoadedPack
from quizgen.recipe import load_recipe
from quizgen.select import select_facts


def deck_cards(settings, packs, facts):
    """The cards a deck of these settings would have, from the deck's own notes."""
    return cards_of_notes(build_notes(settings, packs, facts)[0], facts)


def test_rivers_deck_cards_are_clean():
    recipe = load_recipe(FIXTURES / "decks" / "rivers.yaml")
    packs = load_packs(["rivers"], [str(FIXTURES / "packs")])
    facts = select_facts(packs, recipe.recipe.select)
    cards = deck_cards(recipe.recipe.deck, packs, facts)
    kinds = {c.kind for c in cards}
    assert kinds == {CardKind.qa, CardKind.cloze, CardKind.reverse}
    cloze = next(c for c in cards if c.kind is CardKind.cloze and c.id == "cloze-nile-mouth")
    assert (
        cloze.front == f"The Nile empties into the {CLOZE_BLANK}."
        and cloze.answer == "Mediterranean Sea"
    )
    assert check_cards(cards, RuleContext.of([lf for p in packs for lf in p.facts])) == []


def test_cloze_card_that_shows_its_answer():
    recipe = load_recipe(FIXTURES / "decks" / "rivers.yaml")
    [rivers] = load_packs(["rivers"], [str(FIXTURES / "packs")])
    bad = located(
        "sea",
        "The [[Caspian Sea]] is a lake, though the Caspian Sea is called a sea.",
        "Which lake is called a sea?",
        "place",
        evidence="the Caspian Sea is a lake, though it is called a sea",
    )._replace(pack="rivers")
    pack = LoadedPack(pack=rivers.pack, folder=rivers.folder, facts=[bad])
    cards = deck_cards(recipe.recipe.deck, [pack], [bad])
    found = check_cards(cards, RuleContext.of([bad]))
    assert [(f.check, f.item_id, f.fact_ids) for f in found] == [
        ("card-cloze-single", "cloze-sea", ["rivers/sea"])
    ]
