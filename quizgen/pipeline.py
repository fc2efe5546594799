"""One build of one recipe: its packs loaded once, and what every output needs made once, on demand.

    build = Build.open("decks/my-course.yaml")
    build.selected          # the facts the recipe selects
    build.notes             # the deck's Anki notes (the .apkg, the Anki CSV, Quizlet, card lint)
    build.quiz(seed=7)      # a seeded quiz (the pages, the JSON, the exports, item lint)

The lint, the deck, the quiz, the exports and the change report all read from a `Build`, so no output
makes again what another already made: `quizgen build` makes each recipe's notes once and its quiz
once. The functions that take `(recipe, packs)` (`write_deck`, `make_quiz`, `lint_recipe`, ...) also
take `build=`: given, they read from it; not given, they make a build of their own.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .model import LoadedPack, LocatedFact
from .problems import Problem
from .recipe import LoadedRecipe, find_recipes, load_recipe
from .select import recipe_packs, select_facts


class Build:
    """A recipe and its packs; selected facts, fact base, notes and quizzes made on first use."""

    def __init__(self, recipe: LoadedRecipe, packs: list[LoadedPack]) -> None:
        self.recipe = recipe
        self.packs = list(packs)
        self._quizzes: dict[tuple, object] = {}

    @classmethod
    def open(cls, recipe: str | Path, search: list[str] | tuple[str, ...] = ()) -> Build:
        """Load a recipe (a file, or a name in decks/) and the packs it names (searched in
        `search`, then the usual places)."""
        [path] = find_recipes([str(recipe)])
        loaded = load_recipe(path)
        return cls(loaded, recipe_packs(loaded, search))

    @classmethod
    def of(cls, recipe: LoadedRecipe, packs: list[LoadedPack], build: Build | None = None) -> Build:
        """`build` when it is the build of this recipe and these packs, else a new one: what the
        functions taking `(recipe, packs, build=None)` use, so a caller that passes its build
        shares what it made with every output."""
        same = build is not None and build.recipe is recipe and [*map(id, build.packs)] == [*map(id, packs)]
        return build if same else cls(recipe, packs)

    @cached_property
    def selected(self) -> list[LocatedFact]:
        return select_facts(self.packs, self.recipe.recipe.select)

    @cached_property
    def facts(self) -> list[LocatedFact]:
        """Every fact of the packs: what distractors are drawn from and checked against."""
        return [lf for lp in self.packs for lf in lp.facts]

    @cached_property
    def factbase(self):
        """The indexed fact base (`quizgen.quiz.distractors.FactBase`) of every quiz and the lint."""
        from .quiz.distractors import FactBase

        return FactBase(self.facts, self.packs)

    @cached_property
    def notes(self):
        """(notes, facts that make no card) of the recipe's deck (`anki.notes.build_notes`)."""
        from .anki import notes as anki_notes

        settings = self.recipe.recipe.deck
        if settings is None:
            raise Problem(self.recipe.path, 1, 1, "no `deck:` section: this recipe makes no Anki deck")
        return anki_notes.build_notes(settings, self.packs, self.selected)

    def quiz(self, *, seed: int | None = None, versions: list[str] | None = None,
             questions: int | None = None):
        """The recipe's quiz at `seed` (default: the recipe's) with these version letters and
        number of questions (defaults: the recipe's), made once per set of arguments."""
        from .quiz import assemble

        settings = self.recipe.recipe.quiz
        if settings is None:
            raise Problem(self.recipe.path, 1, 1, "quiz: this recipe has no quiz section")
        seed = settings.seed if seed is None else seed
        letters = list(settings.versions) if versions is None else list(versions)
        key = (seed, tuple(letters), questions)
        if key not in self._quizzes:
            self._quizzes[key] = assemble.build_quiz(
                self.recipe.name, self.selected, self.facts, settings, seed=seed, versions=letters,
                questions=questions, source_titles=assemble.source_titles_of(self.packs),
                packs=self.packs, base=self.factbase)
        return self._quizzes[key]


def make_quiz(recipe: LoadedRecipe, packs: list[LoadedPack], *, seed: int | None = None,
              versions: int | None = None, questions: int | None = None, build: Build | None = None):
    """The recipe's quiz as a model (no rendering, no disk), with `versions` versions lettered
    from A (default: the recipe's letters). `build`: the recipe's `Build`, which makes each seeded
    quiz once."""
    letters = None
    if versions is not None:
        if not 1 <= versions <= 26:
            raise Problem(recipe.path, 1, 1, f"versions: {versions} is not between 1 and 26")
        letters = [chr(ord("A") + i) for i in range(versions)]
    return Build.of(recipe, packs, build).quiz(seed=seed, versions=letters, questions=questions)
