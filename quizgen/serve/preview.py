"""What the preview shows, kept current: a recipe and its packs, reloaded after each edit.

`Preview.refresh()` looks at every watched file (the recipe, each pack's pack.yaml, sources and fact
files, the card and quiz templates) and, when one changed, loads again what changed: fact files
through `PackReader`, so one edit re-reads one file. A load that fails keeps the last good packs
for the pages, with the problems shown above them; the page never goes blank.

Pages are made on request from the last load: the cards of one fact file (its facts' notes built
as the deck builds them, rendered with the deck's own templates and CSS, with the card checks'
findings beside each fact) and the quiz of a chosen seed (sheet, key and the item checks).
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

from ..loader import find_packs
from ..model import LocatedFact
from ..paths import data_dir
from ..pipeline import Build
from ..problems import Problem, Problems
from ..recipe import DeckSettings, LoadedRecipe, QuizSettings, Recipe, find_recipes, load_recipe
from ..yamlio import load_yaml
from .packs import PackReader, stamp


#: Facts on one page: an author works on a few at a time, and a page of a 1,000-fact file would
#: be megabytes of cards.
PAGE = 40


class Preview:
    """The preview of one recipe (or of one pack, with the recipe in decks/ that uses it)."""

    def __init__(self, target: str | None = None, facts_dirs: tuple[str, ...] = ()) -> None:
        self.facts_dirs = tuple(facts_dirs)
        self.recipe_path, self.stand_in = _resolve(target, self.facts_dirs)
        self.readers: dict[str, PackReader] = {}
        self.loaded: Build | None = None  # the last successful load
        self.problems: list[Problem] = []
        self.generation = 0
        self.latest_file: str | None = None  # the fact file changed last: shown by default
        self.latest_fact: str | None = None  # the first fact that changed in it: shown first
        self._stamps: dict[str, object] = {}
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)

    # -- loading --------------------------------------------------------------------------------

    def watched(self) -> list[Path]:
        """Every file whose change shows in the preview."""
        files = [Path(self.recipe_path)] if self.recipe_path else []
        for reader in self.readers.values():
            files += reader.watched()
        for folder in self._template_folders():
            if folder.is_dir():
                files += sorted(p for p in folder.rglob("*") if p.is_file())
        return files

    def _template_folders(self) -> list[Path]:
        folders = [data_dir("templates")]
        if self.loaded is not None and self.loaded.recipe.recipe.quiz is not None:
            quiz = self.loaded.recipe.recipe.quiz
            if quiz.templates:
                folders.append(Path(self.loaded.recipe.path).parent / quiz.templates)
        return folders

    def refresh(self) -> bool:
        """Load again if any watched file changed; True when something did (or on the first call)."""
        with self.lock:
            stamps = {str(p): stamp(p) for p in self.watched()}
            if stamps == self._stamps and self.generation:
                return False
            previous = self._stamps
            self._stamps = stamps
            changed = [p for p, s in stamps.items() if previous.get(p) != s and s is not None]
            before = self.loaded
            self._load()
            # a new pack file (or the first load) adds files to watch
            self._stamps = {str(p): stamp(p) for p in self.watched()}
            facts_changed = [p for p in changed if self._is_fact_file(p)]
            if facts_changed:
                self.latest_file = self._shown(facts_changed[-1])
                self.latest_fact = self._first_changed(before, self.latest_file)
            self.generation += 1
            self.changed.notify_all()
            return True

    def _first_changed(self, before: Build | None, file: str | None) -> str | None:
        """The key of the first fact of `file` that is new or differs from the previous load."""
        if self.loaded is None or self.loaded is before:
            return self.latest_fact
        old = {lf.key: lf.fact for lf in before.facts if lf.file == file} if before else {}
        return next((lf.key for lf in self.loaded.facts if lf.file == file and old.get(lf.key) != lf.fact), None)

    def _is_fact_file(self, path: str) -> bool:
        p = Path(path)
        return p.suffix == ".yaml" and p.name != "pack.yaml" and self._shown(path) is not None

    def _shown(self, path: str) -> str | None:
        p = Path(path)
        for reader in self.readers.values():
            if p.parent.resolve() == reader.folder.resolve():
                return f"{reader.display}/{p.name}"
        return None

    def _load(self) -> None:
        problems: list[Problem] = []
        try:
            recipe = load_recipe(self.recipe_path) if self.recipe_path else self.stand_in
        except Problems as err:
            self.problems = err.problems
            return
        packs = []
        for i, pack_id in enumerate(recipe.recipe.packs):
            reader = self.readers.get(pack_id)
            if reader is None:
                try:
                    (folder,) = find_packs([pack_id], self.facts_dirs)
                except Problems:
                    problems.append(recipe.problem(("packs", i), f"no pack '{pack_id}' found"))
                    continue
                reader = self.readers[pack_id] = PackReader(folder)
            try:
                packs.append(reader.load())
            except Problems as err:
                problems += err.problems
        self.problems = sorted(problems)
        if not problems:
            self.loaded = Build(recipe, packs)

    # -- what pages show ------------------------------------------------------------------------

    def fact_files(self) -> list[tuple[str, int]]:
        """(file, number of facts) of every fact file of the last good load, in pack order."""
        if self.loaded is None:
            return []
        return list(Counter(lf.file for lf in self.loaded.facts).items())

    def facts_of(self, file: str | None, start: int | None = None
                 ) -> tuple[str | None, int, int, list[LocatedFact]]:
        """The file to show (the one asked for, else the one changed last, else the first), where
        the shown facts start, how many facts it has, and up to `PAGE` of its facts from `start`
        (default: a few before the fact changed last, else the first)."""
        files = [f for f, _ in self.fact_files()]
        if file not in files:
            file = self.latest_file if self.latest_file in files else self._first_in_deck(files)
        if self.loaded is None or file is None:
            return file, 0, 0, []
        facts = [lf for lf in self.loaded.facts if lf.file == file]
        if start is None:
            at = next((i for i, lf in enumerate(facts) if lf.key == self.latest_fact), 0)
            start = at - 3 if at >= PAGE else 0
        start = max(0, min(start, len(facts) - 1))
        return file, start, len(facts), facts[start : start + PAGE]

    def _first_in_deck(self, files: list[str]) -> str | None:
        """The first file with a fact the recipe selects (else the first file)."""
        chosen = {lf.file for lf in self.loaded.selected} if self.loaded else set()
        return next((f for f in files if f in chosen), files[0] if files else None)

    def quiz(self, seed: int):
        """The recipe's quiz at `seed`, first version only (made once per load and seed, by the
        load's `Build`)."""
        return self.loaded.quiz(seed=seed, versions=list(self.loaded.recipe.recipe.quiz.versions)[:1])


def _resolve(target: str | None, facts_dirs: tuple[str, ...]) -> tuple[str | None, LoadedRecipe | None]:
    """(recipe file, None), or (None, a stand-in recipe) for a pack no recipe in decks/ uses."""
    if target is None:
        found = find_recipes()
        if not found:
            raise Problems([Problem("decks", 1, 1, "no recipes found: name a PACK or a RECIPE")])
        return str(found[0]), None
    path = Path(target)
    if path.is_file() and path.name != "pack.yaml":
        return str(path), None
    if not (path / "pack.yaml").is_file() and not path.is_file():
        try:
            return str(find_recipes([target])[0]), None
        except Problems:
            pass
    folder = find_packs([target], facts_dirs)[0]  # raises a located problem when there is none
    pack_id = _pack_id(folder)
    for recipe_file in find_recipes():
        try:
            if pack_id in load_recipe(recipe_file).recipe.packs:
                return str(recipe_file), None
        except Problems:
            continue
    return None, _stand_in(pack_id)


def _pack_id(folder: Path) -> str:
    """The id pack.yaml gives, read as untrusted YAML is (size and aliases capped); else the
    folder's name."""
    try:
        return str(load_yaml(folder / "pack.yaml").data["id"])
    except Exception:  # noqa: BLE001 - a broken pack.yaml is reported by the load itself
        return folder.name


def _stand_in(pack_id: str) -> LoadedRecipe:
    """A recipe for a pack no recipe uses yet: every card kind, a quiz of the default mix."""
    title = pack_id.replace("-", " ").capitalize()
    recipe = Recipe(title=title, packs=[pack_id],
                    deck=DeckSettings(name=title, deck_id=1 << 40, model_id=(1 << 40) + 1),
                    quiz=QuizSettings(title=title, versions=["A"]))
    return LoadedRecipe(name=pack_id, path=f"(no recipe in decks/ uses {pack_id})", recipe=recipe)
