"""The note type: one set of fields, three card templates, one stylesheet; and the guard on its
schema.

Templates and CSS live in `templates/anki/` and are read verbatim: Anki's `{{Field}}` syntax is not
Jinja. Each card kind has one field that switches it on: Anki makes a card for a template only when
its front renders something, so the front of each template is wrapped in its switch field
(`{{#Ask}}`, `{{#Blanked}}`, `{{#Reverse}}`) and an empty switch means no card of that kind.

What Anki treats as the note type's *schema* is the names and order of its fields and templates
(`Notetype::equal_schema` in rslib's apkg importer; fields and templates match by name when, as here,
they carry no ids). Change those and Anki adds a second note type on import: every existing note of
the learner's stops updating ("conflicting"). Template text and CSS are not schema: they reach users
through an ordinary note-type update, as long as the note type's modification time advances
(`stamps.py`). One Anki limit to know: unlike a note, an updated note type takes the *import* time
as its own modification time, so a template change reaches a learner only from a build made after
their last import that updated the note type (checked: anki 26.x backend).

The guard: each recipe's schema is recorded in `decks/manifests/<recipe>.notetype.json`
(committed), and the build stops when the schema no longer matches the record while the recipe's
`deck.model_version` was not raised:

- No manifest yet: the first build records one.
- Schema unchanged: nothing to do (template text and CSS may change freely).
- Schema changed, version not raised: a located error saying what changed and what to do.
- Version raised: the build records the new schema (commit it, and tell learners to tick "Merge note
  types" when importing; Anki then needs a one-time full sync).
- `model_id` changed or version lowered: an error; both would cut every learner off from updates.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..model import CardKind
from ..paths import data_dir
from ..problems import Problem
from ..recipe import LoadedRecipe

#: Field names, in order. The first is the sort field (plain question text). Renaming, adding,
#: removing or reordering any of these is a schema change: raise the recipe's `model_version`.
FIELDS: tuple[str, ...] = (
    "Question",  # the question, always present: sort field and shown on the back of other cards
    "Ask",  # switch + front of the question card: the question, or empty for no such card
    "Answer",  # the answer span (with its unit for quantities)
    "Sentence",  # the fact's full sentence, answer highlighted
    "Blanked",  # switch + front of the blank card: the sentence with its answer blanked
    "Reverse",  # switch + front of the reverse card: the answer, or empty for no such card
    "AlsoAccept",  # other accepted forms of the answer
    "Source",  # the cited source: title, authors, year
    "Evidence",  # the quote from the source that supports the fact
    "Disputed",  # why the fact is disputed (only when a recipe includes disputed facts)
    "Fact",  # pack/id: the fact's stable key
)

#: Card templates: (name, card kind, file stem in templates/anki/). The order fixes each kind's
#: card `ord`, so it is schema too.
TEMPLATES: tuple[tuple[str, CardKind, str], ...] = (
    ("Question to answer", CardKind.qa, "qa"),
    ("Fill in the blank", CardKind.cloze, "cloze"),
    ("Answer to question", CardKind.reverse, "reverse"),
)

#: Card ord of each kind: its index in TEMPLATES.
CARD_ORD: dict[CardKind, int] = {kind: i for i, (_, kind, _) in enumerate(TEMPLATES)}


@dataclass(frozen=True)
class Template:
    name: str
    qfmt: str
    afmt: str


@dataclass(frozen=True, kw_only=True)
class NoteType:
    """Everything Anki stores about the note type except its id, name and modification time
    (templates and CSS byte for byte, as read)."""

    fields: tuple[str, ...] = FIELDS
    templates: tuple[Template, ...]
    css: str
    sort_field: int = 0  # Question

    @property
    def schema(self) -> dict[str, list[str]]:
        """What Anki compares on import: field and template names, in order."""
        return {"fields": list(self.fields), "templates": [t.name for t in self.templates]}

    def content_hash(self, name: str) -> str:
        """A hash of everything a note-type update carries (its modification time advances with it)."""
        blob = json.dumps([name, asdict(self)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def load_notetype() -> NoteType:
    """Read the card templates and CSS verbatim from `templates/anki/`."""
    folder = data_dir("templates") / "anki"

    def read(name: str) -> str:
        path = folder / name
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise Problem(str(path), 1, 1, f"cannot read Anki template: {exc.strerror}") from None

    templates = tuple(
        Template(name=name, qfmt=read(f"{stem}.front.html"), afmt=read(f"{stem}.back.html"))
        for name, _, stem in TEMPLATES
    )
    return NoteType(templates=templates, css=read("style.css"))


def notetype_name(recipe: LoadedRecipe) -> str:
    """The note type's name in Anki: the recipe's `model_name`, else one derived from the recipe."""
    settings = recipe.recipe.deck
    assert settings is not None
    return settings.model_name or f"quizgen fact ({recipe.name})"


#: What the manifest says of itself.
_NOTE = (
    "Written by quizgen build; commit it. Anki matches note types by id and by these field and "
    "template names: change them only together with deck.model_version in the recipe."
)


def manifest_path(recipe: LoadedRecipe) -> Path:
    return Path(recipe.path).parent / "manifests" / f"{recipe.name}.notetype.json"


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
    except ValueError as exc:  # bad JSON, or an integer too long to convert (no line then)
        raise Problem(str(path), getattr(exc, "lineno", 1), getattr(exc, "colno", 1),
                      f"not valid JSON ({getattr(exc, 'msg', exc)}); restore it from git") from None
    except RecursionError:
        raise Problem(str(path), 1, 1, "nested too deeply to be a manifest; restore it from git") from None
    keys = {"model_id", "model_version", "fields", "templates"}
    if not isinstance(data, dict) or not keys <= data.keys():
        raise Problem(str(path), 1, 1, "not a note-type manifest (model_id, model_version, fields, "
                                       "templates); restore it from git")
    return data


def _changes(old: list[str], new: list[str], what: str) -> str | None:
    if old == new:
        return None
    gone = [x for x in old if x not in new]
    added = [x for x in new if x not in old]
    parts = [f"{how} " + ", ".join(map(repr, names))
             for how, names in (("removed or renamed", gone), ("added", added)) if names]
    return f"{what}: " + "; ".join(parts or ["reordered"])


def check_manifest(
    recipe: LoadedRecipe, schema: dict[str, list[str]], recorded: dict | None
) -> dict | None:
    """Compare the current schema with the recorded one. Returns the record to write (first build,
    or a raised version), None when nothing changes; raises a located `Problem` when the build
    must stop."""
    deck = recipe.recipe.deck
    current = {"_note": _NOTE, "model_id": deck.model_id, "model_version": deck.model_version,
               **schema}
    if recorded is None:
        return current

    def stop(key: str, message: str) -> Problem:
        return recipe.problem(("deck", key), message, key=True)

    manifest = manifest_path(recipe)
    if recorded["model_id"] != deck.model_id:
        raise stop("model_id", f"{deck.model_id} differs from {recorded['model_id']} recorded in "
                   f"{manifest}; a new note type id cuts every learner's notes off from updates. "
                   "Restore the recorded id (or delete the manifest if this really is a new deck)")
    old_version = int(recorded["model_version"])
    if deck.model_version < old_version:
        raise stop("model_version", f"{deck.model_version} is lower than version {old_version} "
                   f"recorded in {manifest}; versions only go up")
    if deck.model_version == old_version:
        changes = (_changes(recorded[what], schema[what], what) for what in ("fields", "templates"))
        changed = "; ".join(c for c in changes if c)
        if not changed:
            return None
        raise stop("model_version", f"note type fields/templates changed since version "
                   f"{old_version} ({changed}); existing learners' notes would silently stop "
                   f"updating. Undo the change, or raise model_version to {old_version + 1} "
                   "(learners then import with 'Merge note types' and need a one-time full sync)")
    return current
