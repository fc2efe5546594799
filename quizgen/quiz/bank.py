"""A question bank: every eligible item of every selected fact, for a platform's random questions.

A printed quiz picks 20 items; a bank holds them all, so a teacher builds quizzes with the
platform's own "random question from a category" feature (Moodle) or question groups drawing from
a bank (Canvas). One item per fact per single-fact type (multiple choice, true/false, fill in the
blank, short answer), made by the same generators as the quiz and refused when the rule book
(`checks.item_errors`) flags it, exactly as the assembler refuses it.

Names are stable across builds: an item's id is `<type prefix>-<fact id>` (as in a quiz), and each
item is drawn with its own `random.Random` seeded by the bank seed, the fact key and the item
type, so adding or editing one fact never changes another fact's items. Pure: no disk, no clock.
"""

from __future__ import annotations

import random
from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from ..model import LoadedPack, LocatedFact
from ..recipe import ItemType, LoadedRecipe, QuizSettings
from ..select import select_facts
from .assemble import source_titles_of
from .checks import RuleContext, item_errors
from .distractors import FactBase
from .generators import SINGLE, Context, true_false
from .items import Item

#: The item types a bank holds, in file order. Matching and ordering items draw on several facts
#: at once, so "one item per fact" does not apply to them; they stay quiz-only.
BANK_TYPES: tuple[ItemType, ...] = (
    ItemType.multiple_choice,
    ItemType.true_false,
    ItemType.fill_blank,
    ItemType.short_answer,
)


class Bank(BaseModel):
    """The items of a bank (fact order, then `BANK_TYPES` order) and the items left out, why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    seed: int
    items: list[Item]
    notes: list[str] = Field(default_factory=list)


def _made(kind: ItemType, lf: LocatedFact, ctx: Context, rng: random.Random) -> list[Item | None]:
    """The items to try, best first. A true/false statement is made true or false by a coin seeded
    per fact, the other one as a fallback (a fact with no good distractor still makes a true one)."""
    if kind is not ItemType.true_false:
        return [SINGLE[kind](lf, ctx, rng)]
    first = rng.random() < 0.5
    return [true_false(lf, ctx, rng, true=first), true_false(lf, ctx, rng, true=not first)]


def bank_items(
    facts: list[LocatedFact], base: FactBase, ctx: Context, seed: int
) -> tuple[list[Item], list[str]]:
    """Every item the generators make for `facts` and the rule book allows, and the notes on
    items refused. Ids are made unique (a pack prefix) where two packs share a fact id."""
    rules = RuleContext(base)
    items: list[Item] = []
    notes: list[str] = []
    for lf in facts:
        for kind in BANK_TYPES:
            # `random` hashes a string seed with SHA-512: no dependence on PYTHONHASHSEED
            rng = random.Random(f"{seed}/{lf.key}/{kind.value}")
            refused: list[str] = []
            for item in _made(kind, lf, ctx, rng):
                if item is None:
                    continue
                errors = item_errors(item, rules)
                if not errors:
                    items.append(item)
                    break
                refused.append(errors[0])
            else:
                if refused:
                    notes.append(f"{lf.key}: no {kind.value} item ({refused[0]})")
    return _unique_ids(items), notes


def _unique_ids(items: list[Item]) -> list[Item]:
    counts = Counter(item.id for item in items)
    out = []
    for item in items:
        if counts[item.id] > 1:
            pack = item.fact_ids[0].split("/", 1)[0]
            prefix, _, rest = item.id.partition("-")
            item = item.model_copy(update={"id": f"{prefix}-{pack}-{rest}"})
        out.append(item)
    return out


def make_bank(recipe: LoadedRecipe, packs: list[LoadedPack], *, seed: int | None = None) -> Bank:
    """The recipe's bank: its selected facts, with the quiz section's seed, option count, points
    and title; a bank needs no quiz section (then the defaults, and the recipe's title)."""
    settings = recipe.recipe.quiz or QuizSettings(title=recipe.recipe.title)
    facts = select_facts(packs, recipe.recipe.select)
    base = FactBase([lf for lp in packs for lf in lp.facts], packs)
    ctx = Context(base, points=dict(settings.points), options=settings.options,
                  source_titles=source_titles_of(packs))
    chosen = seed if seed is not None else settings.seed
    items, notes = bank_items(facts, base, ctx, chosen)
    return Bank(name=recipe.name, title=settings.title, seed=chosen, items=items, notes=notes)
