"""quizgen: turn a fact base grounded in a source text into Anki decks and printable quizzes.

The public API is re-exported here, lazily, so that `quizgen --help` does not pay for importing
pydantic and genanki. The pipeline is load -> validate -> select -> generate -> render -> write.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    # load -> validate
    "load_pack": "loader",
    "load_packs": "loader",
    "find_packs": "loader",
    "make_pack": "loader",
    "AnswerType": "model",
    "CardKind": "model",
    "Fact": "model",
    "LoadedPack": "model",
    "LocatedFact": "model",
    "Pack": "model",
    "Source": "model",
    "Problem": "problems",
    "Problems": "problems",
    # recipes and selection
    "load_recipe": "recipe",
    "find_recipes": "recipe",
    "Recipe": "recipe",
    "LoadedRecipe": "recipe",
    "select_facts": "select",
    "recipe_packs": "select",
    # one build of a recipe: selected facts, notes and seeded quizzes, each made once
    "Build": "pipeline",
    "FactBase": "quiz.distractors",
    # generate -> render -> write
    "build_notes": "anki.notes",
    "build_quiz": "quiz.assemble",
    "write_deck": "anki.deck",
    "note_guid": "anki.notes",
    "make_quiz": "pipeline",
    "render_quiz": "render.html",
    "write_quiz": "export.files",
    "export_files": "export.files",
    "lint_recipe": "lint",
    "analyze_files": "analyze.run",
    "format_finding": "lint",
    "export_quiz": "export.files",
    "export_deck": "export.files",
    "QuizSettings": "recipe",
    "DeckSettings": "recipe",
    "Selection": "recipe",
    "Weight": "model",
    "measure_coverage": "coverage:measure",  # module:name where the names differ
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'quizgen' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(f".{module}", __name__), attr or name)
