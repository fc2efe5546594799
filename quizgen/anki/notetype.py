"""The note type: one set of fields, three card templates, one stylesheet.

Templates and CSS live in `templates/anki/` and are read verbatim: Anki's `{{Field}}` syntax is not
Jinja. Each card kind has one field that switches it on: Anki makes a card for a template only when
its front renders something, so the front of each template is wrapped in its switch field
(`{{#Ask}}`, `{{#Blanked}}`, `{{#Reverse}}`) and an empty switch means no card of that kind.

What Anki treats as the note type's *schema* is the names and order of its fields and templates
(`Notetype::equal_schema` in rslib's apkg importer; fields and templates match by name when, as here,
they carry no ids). Change those and every existing note stops updating on import ("conflicting"),
which is what `manifest.py` guards. Template text and CSS are not schema: they reach users through an
ordinary note-type update, as long as the note type's modification time advances (`stamps.py`).
One Anki limit to know: unlike a note, an updated note type takes the *import* time as its own
modification time, so a template change reaches a learner only from a build made after their last
import that updated the note type (checked: anki 26.x backend). Notes keep the build's time.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..model import CardKind
from ..recipe import LoadedRecipe
from ..paths import data_dir
from ..problems import Problem

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

SORT_FIELD = 0


class Verbatim(BaseModel):
    # Not `model.Frozen`: that strips whitespace, and templates are kept byte for byte.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Template(Verbatim):
    name: str
    qfmt: str
    afmt: str


class NoteType(Verbatim):
    """Everything Anki stores about the note type except its id, name and modification time."""

    fields: tuple[str, ...] = FIELDS
    templates: tuple[Template, ...]
    css: str
    sort_field: int = SORT_FIELD

    @property
    def schema(self) -> dict[str, list[str]]:
        """What Anki compares on import: field and template names, in order."""
        return {"fields": list(self.fields), "templates": [t.name for t in self.templates]}

    def content_hash(self, name: str) -> str:
        """A hash of everything a note-type update carries (its modification time advances with it)."""
        blob = json.dumps([name, self.model_dump(mode="json")], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def templates_folder() -> Path:
    return data_dir("templates") / "anki"


def load_notetype(folder: Path | None = None) -> NoteType:
    """Read the card templates and CSS verbatim from `templates/anki/`."""
    folder = folder or templates_folder()

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
