"""The note-type guard: a committed record of each recipe's note-type schema.

If a note type's fields or templates (their names and order, which is what Anki compares) change,
Anki no longer recognises it on import: it adds a second note type and every existing note of the
learner's stops updating ("conflicting"). That must never happen by accident, so each recipe's schema
is recorded in `decks/manifests/<recipe>.notetype.json` (committed), and the build stops when the
schema no longer matches the record while the recipe's `deck.model_version` was not raised.

- No manifest yet: the first build records one.
- Schema unchanged: nothing to do (template text and CSS may change freely; see `notetype.py`).
- Schema changed, version not raised: a located error saying what changed and what to do.
- Version raised: the build records the new schema (commit it, and tell learners to tick "Merge note
  types" when importing; Anki then needs a one-time full sync).
- `model_id` changed or version lowered: an error; both would cut every learner off from updates.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import Problem
from ..recipe import LoadedRecipe

_NOTE = (
    "Written by quizgen build; commit it. Anki matches note types by id and by these field and "
    "template names: change them only together with deck.model_version in the recipe."
)


def manifest_path(recipe: LoadedRecipe) -> Path:
    return Path(recipe.path).parent / "manifests" / f"{recipe.name}.notetype.json"


def manifest_record(recipe: LoadedRecipe, schema: dict[str, list[str]]) -> dict:
    deck = recipe.recipe.deck
    return {
        "_note": _NOTE,
        "model_id": deck.model_id,
        "model_version": deck.model_version,
        **schema,
    }


def manifest_bytes(record: dict) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(path: Path) -> dict | None:
    """The recorded manifest, or None if there is none yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Problem(str(path), 1, 1, f"cannot read: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Problem(str(path), 1, 1, "not UTF-8 text; restore it from git") from None
    except ValueError as exc:
        raise Problem(
            str(path),
            getattr(exc, "lineno", 1),
            getattr(exc, "colno", 1),
            f"not valid JSON ({getattr(exc, 'msg', exc)}); restore it from git",
        ) from None
    except RecursionError:
        raise Problem(str(path), 1, 1, "nested too deeply to be a manifest; restore it from git") from None
    if (
        not isinstance(data, dict)
        or not {"model_id", "model_version", "fields", "templates"} <= data.keys()
    ):
        raise Problem(
            str(path),
            1,
            1,
            "not a note-type manifest (model_id, model_version, fields, "
            "templates); restore it from git",
        )
    return data


def _changes(old: list[str], new: list[str], what: str) -> str | None:
    if old == new:
        return None
    gone = [x for x in old if x not in new]
    added = [x for x in new if x not in old]
    parts = []
    if gone:
        parts.append("removed or renamed " + ", ".join(map(repr, gone)))
    if added:
        parts.append("added " + ", ".join(map(repr, added)))
    if not parts:
        parts.append("reordered")
    return f"{what}: " + "; ".join(parts)


def check_manifest(
    recipe: LoadedRecipe, schema: dict[str, list[str]], recorded: dict | None
) -> dict | None:
    """Compare the current schema with the recorded one. Returns the record to write (first build,
    or a raised version), None when nothing changes; raises a located `Problem` when the build
    must stop."""
    deck = recipe.recipe.deck
    current = manifest_record(recipe, schema)
    if recorded is None:
        return current
    manifest = manifest_path(recipe)
    if recorded["model_id"] != deck.model_id:
        raise recipe.problem(
            ("deck", "model_id"),
            f"{deck.model_id} differs from {recorded['model_id']} recorded in "
            f"{manifest}; a new note type id cuts every learner's notes off from updates. "
            "Restore the recorded id (or delete the manifest if this really is a new deck)",
            key=True,
        )
    old_version = int(recorded["model_version"])
    if deck.model_version < old_version:
        raise recipe.problem(
            ("deck", "model_version"),
            f"{deck.model_version} is lower than version {old_version} "
            f"recorded in {manifest}; versions only go up",
            key=True,
        )
    same = recorded["fields"] == schema["fields"] and recorded["templates"] == schema["templates"]
    if deck.model_version == old_version:
        if same:
            return None
        changed = "; ".join(
            c
            for c in (
                _changes(recorded["fields"], schema["fields"], "fields"),
                _changes(recorded["templates"], schema["templates"], "templates"),
            )
            if c
        )
        raise recipe.problem(
            ("deck", "model_version"),
            f"note type fields/templates changed since version "
            f"{old_version} ({changed}); existing learners' notes would silently stop "
            f"updating. Undo the change, or raise model_version to {old_version + 1} "
            f"(learners then import with 'Merge note types' and need a one-time full sync)",
            key=True,
        )
    return current
