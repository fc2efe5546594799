"""Helpers for the Anki tests: a scratch workspace (recipe + packs copied, so tests may edit facts
and the build may record manifests without touching the repository), building, and importing into
a fresh collection with Anki's own backend."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES, ROOT

from quizgen.anki.deck import DeckReport, write_deck
from quizgen.recipe import load_recipe
from quizgen.select import recipe_packs


@dataclass
class Workspace:
    root: Path
    recipe: Path
    facts: Path  # the folder of packs
    pack: str  # the one pack copied in

    @property
    def apkg(self) -> Path:
        return self.root / "build" / f"{self.recipe.stem}.apkg"

    def build(self, out: Path | None = None) -> DeckReport:
        loaded = load_recipe(self.recipe)
        return write_deck(loaded, recipe_packs(loaded, [str(self.facts)]), out or self.apkg)

    def edit_fact(self, file: str, old: str, new: str) -> None:
        path = self.facts / self.pack / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} not once in {path}"
        path.write_text(text.replace(old, new), encoding="utf-8")


def workspace(tmp: Path, recipe: Path, pack: Path, manifests: Path | None = None) -> Workspace:
    """Copy a recipe (and its committed manifest folder, if any) and one pack into `tmp`."""
    (tmp / "decks").mkdir(parents=True)
    shutil.copy(recipe, tmp / "decks" / recipe.name)
    if manifests is not None and manifests.is_dir():
        shutil.copytree(manifests, tmp / "decks" / "manifests")
    shutil.copytree(pack, tmp / "facts" / pack.name)
    return Workspace(tmp, tmp / "decks" / recipe.name, tmp / "facts", pack.name)


def rivers_workspace(tmp: Path) -> Workspace:
    return workspace(tmp, FIXTURES / "decks" / "rivers.yaml", FIXTURES / "packs" / "rivers")


def default_workspace(tmp: Path) -> Workspace:
    return workspace(
        tmp,
        ROOT / "decks" / "mexico-russia.yaml",
        ROOT / "facts" / "mexico-russia",
        ROOT / "decks" / "manifests",
    )


def open_collection(folder: Path):
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_apkg(col, path: Path):
    """Import like a learner does (with scheduling); returns the import log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    return col.import_anki_package(request).log


#: An import log with nothing but new notes: no updates, duplicates, conflicts or skipped notes.
CLEAN = {
    "updated": 0,
    "duplicate": 0,
    "conflicting": 0,
    "first_field_match": 0,
    "missing_notetype": 0,
    "missing_deck": 0,
    "empty_first_field": 0,
}


def log_counts(log) -> dict[str, int]:
    names = (
        "new",
        "updated",
        "duplicate",
        "conflicting",
        "first_field_match",
        "missing_notetype",
        "missing_deck",
        "empty_first_field",
    )
    return {name: len(getattr(log, name)) for name in names}
