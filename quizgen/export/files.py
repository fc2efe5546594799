"""Every file of a quiz, a bank or a deck, by format name, made in memory, then written: what
`quizgen quiz --format ...` (versions or `--bank`) and `quizgen deck --format ...` write. The
file names are in docs/recipes.md (the quiz's own pages) and docs/exports.md (the exports).

Every file is bytes before any is written; a refused item raises before anything is written.
What a format leaves out (Kahoot's length limits, Quizlet's separators) comes back as `notes`, one
line each, for the command to print, after the quiz's own notes (fewer questions than asked).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import DECK_EXPORT_FORMATS, EXPORT_FORMATS
from ..model import LoadedPack
from ..quiz.items import Quiz
from ..recipe import LoadedRecipe
from ..writer import write_files
from .questions import QuestionSet, bank_set, export_context, quiz_set


@dataclass
class Exported:
    """File name -> bytes, and the notes for the command to print (one line each)."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


#: The file name of each format's export of a question set, after the set's name.
SUFFIXES = {
    "gift": ".gift", "moodle-xml": "-moodle.xml", "qti": "-qti.zip", "kahoot": "-kahoot.xlsx",
}


def _set_files(qset: QuestionSet, wanted: list[str], out: Exported) -> None:
    from .gift import gift_bytes
    from .moodle_xml import moodle_xml_bytes
    from .qti import qti_bytes

    for f in wanted:
        if f == "kahoot":
            from .kahoot import kahoot_sheet  # and openpyxl, only when a sheet is asked for

            sheet = kahoot_sheet(qset)
            out.notes.extend(sheet.notes)
            data = sheet.data
        else:
            data = {"gift": gift_bytes, "moodle-xml": moodle_xml_bytes, "qti": qti_bytes}[f](qset)
        out.files[qset.name + SUFFIXES[f]] = data


def export_quiz(quiz: Quiz, recipe: LoadedRecipe, packs: list[LoadedPack], formats: Iterable[str],
                versions: Iterable[str] | None = None) -> Exported:
    """The LMS files of the quiz versions given by letter ("all": every version; default: the
    first), every format asked for (other format names are ignored)."""
    wanted = [f for f in EXPORT_FORMATS if f in formats]
    out = Exported()
    if not wanted:
        return out
    asked = [v if v.lower() == "all" else v.upper() for v in versions or ()]
    letters = [v.letter for v in quiz.versions] if "all" in asked else list(dict.fromkeys(asked))
    context = export_context(recipe, packs)
    for letter in letters or [quiz.versions[0].letter]:
        _set_files(quiz_set(quiz, context, letter), wanted, out)
    return out


def export_bank(recipe: LoadedRecipe, packs: list[LoadedPack], formats: Iterable[str], *,
                seed: int | None = None) -> Exported:
    """The recipe's question bank (`quiz.bank.make_bank`) in every LMS format asked for."""
    from ..quiz.bank import make_bank

    wanted = [f for f in EXPORT_FORMATS if f in formats]
    bank = make_bank(recipe, packs, seed=seed)
    out = Exported(notes=[f"bank: {n}" for n in bank.notes])
    qset = bank_set(bank.name, bank.title, bank.seed, bank.items, export_context(recipe, packs))
    _set_files(qset, wanted, out)
    return out


def export_deck(recipe: LoadedRecipe, packs: list[LoadedPack], formats: Iterable[str], build=None) -> Exported:
    """The deck's notes, the very ones the .apkg holds, as Anki CSV and/or Quizlet import text
    (`Build.notes` refuses a recipe without a `deck:` section)."""
    from ..anki.notetype import notetype_name
    from ..pipeline import Build
    from .anki_csv import notes_csv
    from .quizlet import quizlet_text

    out = Exported()
    if not any(f in formats for f in DECK_EXPORT_FORMATS):
        return out
    notes, _cardless = Build.of(recipe, packs, build).notes
    if "csv" in formats:
        settings = recipe.recipe.deck
        out.files[f"{recipe.name}-anki.csv"] = notes_csv(
            notes, notetype_name(recipe), settings.name, subdecks=settings.subdecks_by_topic)
    if "quizlet" in formats:
        text = quizlet_text(notes)
        out.files[f"{recipe.name}-quizlet.txt"] = text.data
        out.notes.extend(text.notes)
    return out


def export_files(quiz: Quiz, recipe: LoadedRecipe, packs: list[LoadedPack],
                 formats: tuple[str, ...] | list[str], versions: Iterable[str] | None = None) -> dict[str, bytes]:
    """File name -> bytes of `export_quiz` (notes dropped)."""
    return export_quiz(quiz, recipe, packs, formats, versions).files


def quiz_files(recipe: LoadedRecipe, packs: list[LoadedPack], *, seed: int | None = None,
               versions: int | None = None, questions: int | None = None,
               formats: tuple[str, ...] | list[str] = ("html", "json"),
               export_versions: Iterable[str] | None = None, templates: str | Path | None = None,
               build=None) -> Exported:
    """Every file of the recipe's quiz in `formats`: its pages (`render_quiz`) and the platform
    exports of the versions in `export_versions` (see `export_quiz`), all in memory, so a template
    error or a refused item writes nothing. The notes: the quiz's own (`<recipe>: note: ...`), then
    what the exports left out."""
    from ..pipeline import make_quiz
    from ..render.html import render_quiz, template_dirs

    quiz = make_quiz(recipe, packs, seed=seed, versions=versions, questions=questions, build=build)
    out = export_quiz(quiz, recipe, packs, formats, export_versions)
    pages = render_quiz(quiz, formats, template_dirs(recipe, templates),
                        student_digits=recipe.recipe.quiz.student_digits)
    notes = [f"{recipe.name}: note: {n}" for n in quiz.notes]
    return Exported({**pages, **out.files}, notes + out.notes)


def write_quiz(recipe: LoadedRecipe, packs: list[LoadedPack], out_dir: Path, *, seed: int | None = None,
               versions: int | None = None, questions: int | None = None,
               formats: tuple[str, ...] | list[str] = ("html", "json"),
               templates: str | Path | None = None, build=None) -> list[Path]:
    """Generate, render and write the recipe's quiz (version A's exports too, for the export
    formats in `formats`); return the paths written. The same seed gives the same bytes (PDFs
    aside: Chromium stamps them with a creation date)."""
    made = quiz_files(recipe, packs, seed=seed, versions=versions, questions=questions, formats=formats,
                      templates=templates, build=build)
    return write_files(Path(out_dir), made.files)
