"""Recipes (`decks/<name>.yaml`): what to build from which facts.

One recipe names its packs, which of their facts to use, the Anki deck (name, fixed ids, card kinds)
and the printed quiz (size, mix of item types, points, versions, seed, paper). It becomes one
validated model before any work starts; problems are located like fact-file problems.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator

from .formats import MAX_QUESTIONS
from .loader import nfc, pydantic_problems
from .model import CardKind, Frozen, Id, NonEmpty, Weight
from .paths import data_dir, display
from .problems import Problem, Problems, loc_name
from .yamlio import load_yaml

#: Anki ids are 64-bit signed integers; genanki's convention is a random id in this range.
AnkiId = Annotated[int, Field(ge=1 << 30, lt=1 << 63)]


class ItemType(StrEnum):
    multiple_choice = "multiple_choice"
    true_false = "true_false"
    fill_blank = "fill_blank"
    short_answer = "short_answer"
    matching = "matching"
    ordering = "ordering"


class Selection(Frozen):
    """Which facts of the packs a recipe uses (empty lists mean no filter)."""

    topics: list[Id] = Field(default_factory=list)
    tags: list[Id] = Field(default_factory=list, description="Keep facts with any of these tags.")
    exclude_tags: list[Id] = Field(default_factory=list)
    difficulty: list[Annotated[int, Field(ge=1, le=3)]] = Field(
        default_factory=lambda: [1, 2, 3], description="Difficulties to include."
    )
    include_disputed: bool = Field(default=False, description="Disputed facts stay out unless true.")
    weights: list[Weight] = Field(
        default_factory=lambda: [Weight.core, Weight.detail],
        description="Weights of the facts to use; paratext (authors, citations) only when listed.",
    )


class DeckSettings(Frozen):
    name: NonEmpty = Field(description="Deck name; topics become subdecks Name::Topic.")
    deck_id: AnkiId
    model_id: AnkiId = Field(description="The note type id: fixed forever for this recipe.")
    model_name: NonEmpty | None = None
    model_version: Annotated[int, Field(ge=1)] = Field(
        default=1, description="Raise when the note type's fields or templates change."
    )
    subdecks_by_topic: bool = True
    topic_titles: dict[Id, NonEmpty] = Field(
        default_factory=dict,
        description="Subdeck titles by topic id (default: the id made readable, 'cold-war' -> 'Cold war').",
    )
    cards: list[CardKind] = Field(
        default_factory=lambda: [CardKind.qa, CardKind.cloze, CardKind.reverse],
        description="Card kinds to make (a fact's own `cards` narrows this further).",
    )


class Paper(StrEnum):
    a4 = "A4"
    letter = "Letter"


class QuizSettings(Frozen):
    title: NonEmpty
    instructions: str = "Answer every question. Circle one option unless told otherwise."
    questions: Annotated[int, Field(ge=1, le=MAX_QUESTIONS)] = 20
    mix: dict[ItemType, Annotated[int, Field(ge=0)]] = Field(
        default_factory=lambda: {
            ItemType.multiple_choice: 10,
            ItemType.true_false: 4,
            ItemType.fill_blank: 2,
            ItemType.short_answer: 2,
            ItemType.matching: 1,
            ItemType.ordering: 1,
        },
        description="How many items of each type (their sum is the number of questions).",
    )
    points: dict[ItemType, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    options: Annotated[int, Field(ge=3, le=4)] = Field(default=4, description="Options per multiple-choice item.")
    seed: int = 1
    versions: list[Annotated[str, Field(pattern=r"^[A-Z]$")]] = Field(default_factory=lambda: ["A", "B"], min_length=1)
    paper: Paper = Paper.a4
    templates: str | None = Field(default=None, description="A folder of templates searched first.")
    student_digits: Annotated[int, Field(ge=1, le=12)] = Field(
        default=6, description="Digits of the student number on the answer sheet (`quizgen sheet`).")

    @model_validator(mode="after")
    def _mix_adds_up(self) -> QuizSettings:
        total = sum(self.mix.values())
        if total == 0:
            raise ValueError("mix asks for no question at all: give at least one item type a count")
        if total > MAX_QUESTIONS:
            raise ValueError(f"mix asks for {total} questions; a quiz has at most {MAX_QUESTIONS}")
        if "questions" in self.model_fields_set and total != self.questions:
            raise ValueError(f"mix adds up to {total} items but questions is {self.questions}")
        if len(set(self.versions)) != len(self.versions):
            raise ValueError("versions must be distinct letters")
        return self

    @property
    def total(self) -> int:
        return sum(self.mix.values())


class Recipe(Frozen):
    title: NonEmpty
    packs: list[Id] = Field(min_length=1)
    select: Selection = Field(default_factory=Selection)
    deck: DeckSettings | None = None
    quiz: QuizSettings | None = None

    @field_validator("packs")
    @classmethod
    def _each_pack_once(cls, packs: list[str]) -> list[str]:
        twice = [p for i, p in enumerate(packs) if p in packs[:i]]
        if twice:  # its facts would be in the deck and the quiz twice
            raise ValueError(f"the pack '{twice[0]}' is listed more than once")
        return packs

    @model_validator(mode="after")
    def _makes_something(self) -> Recipe:
        if self.deck is None and self.quiz is None:
            raise ValueError("the recipe makes nothing: give it a `deck:` section, a `quiz:` section or both")
        return self


class LoadedRecipe(Frozen):
    """A recipe with the file it came from (its name is the file's stem) and its parsed YAML,
    kept so that later stages can locate a problem at the line that caused it."""

    name: str
    path: str
    recipe: Recipe
    doc: Any = Field(default=None, exclude=True, repr=False)

    def problem(self, loc: tuple[Any, ...], message: str, *, key: bool = False) -> Problem:
        """A problem located at `loc` in the recipe file (`select.topics[1]: ...`); with
        `key=True`, at the key's name rather than its value."""
        line, col = self.doc.where(loc, key=key) if self.doc is not None else (1, 1)
        name = loc_name(loc)
        return Problem(self.path, line, col, f"{name}: {message}" if name else message)


def load_recipe(path: str | Path) -> LoadedRecipe:
    """Read and validate one recipe; raise `Problems` with every located problem."""
    shown = display(path)
    try:
        doc = load_yaml(path, shown)
    except Problem as p:
        raise Problems([p]) from None
    if not isinstance(doc.data, dict):
        raise Problems([Problem(shown, 1, 1, "a recipe is a mapping (title, packs, deck, quiz)")])
    try:
        recipe = Recipe.model_validate(nfc(doc.data))
    except ValidationError as err:
        raise Problems(pydantic_problems(doc, err, models=(Recipe,))) from None
    return LoadedRecipe(name=Path(path).stem, path=shown, recipe=recipe, doc=doc)


def find_recipes(targets: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Recipe files for the given targets (files, or names in ./decks), or every recipe in ./decks
    (falling back to the recipes shipped with quizgen)."""
    folders = (Path("decks"), data_dir("decks"))
    if not targets:
        return next((found for folder in folders if (found := sorted(folder.glob("*.yaml")))), [])
    out = []
    for t in targets:
        candidates = [Path(t), *(folder / f"{t}.yaml" for folder in folders)]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            raise Problems([Problem(t, 1, 1, "no such recipe (a .yaml file, or a name in decks/)")])
        out.append(path)
    return out
