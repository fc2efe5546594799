"""`quizgen quiz`: the printable quiz of one recipe (student sheets, keys, self-check, JSON, PDF),
its versions for learning platforms, or the whole question bank (`--bank`)."""

from __future__ import annotations

import click

from ..formats import EXPORT_FORMATS, FORMATS
from .common import quiz_options, require_pdf_engine, template_output_options
from .examples import Command


@click.command("quiz", cls=Command)
@click.argument("recipe")
@quiz_options
@click.option("--format", "formats", multiple=True,
              type=click.Choice(FORMATS + EXPORT_FORMATS),
              help="What to write (repeatable; default: html and json). pdf needs Chromium; sheet is "
                   "the bubble answer sheets (docs/grading.md); gift, moodle-xml, qti (Canvas) and "
                   "kahoot are exports for learning platforms.")
@click.option("--export-version", "export_versions", multiple=True, metavar="LETTER",
              help="Versions the platform exports hold, one file each (repeatable, or 'all'; "
                   "default: A, the first).")
@click.option("--bank", is_flag=True,
              help="Export every eligible item of every selected fact (a question bank, in "
                   "categories by topic and item type) instead of a quiz; default formats: all four.")
@template_output_options('A folder of templates searched first; {% extends "!default/quiz.html" %} '
                         "reaches ours.")
def command(recipe: str, seed: int | None, versions: int | None, questions: int | None,
            formats: tuple[str, ...], export_versions: tuple[str, ...], bank: bool,
            templates: str | None, out_dir: str, facts_dirs: tuple[str, ...]) -> None:
    """Write the printable quiz of RECIPE (a decks/*.yaml file or its name) into OUTPUT.

    Per version V: RECIPE-quiz-V.html (student sheet), RECIPE-key-V.html (answer key with fact ids
    and evidence) and RECIPE-V.json; once: RECIPE-self-check.html (offline, scores in the browser).
    With --format pdf, the sheets and keys are also printed to PDF by the system Chromium.
    With --format sheet: RECIPE-sheet-V.html and its layout RECIPE-sheet-V.json, the bubble
    answer sheet that `quizgen grade` reads (as PDF too with --format pdf; see `quizgen sheet`).

    With --format gift, moodle-xml, qti or kahoot: RECIPE-V.gift, RECIPE-V-moodle.xml,
    RECIPE-V-qti.zip (Moodle and Canvas) and RECIPE-V-kahoot.xlsx for version A, or the versions
    given with --export-version. With --bank: RECIPE-bank.gift, RECIPE-bank-moodle.xml,
    RECIPE-bank-qti.zip and RECIPE-bank-kahoot.xlsx, every item of every selected fact, for the
    platforms' random questions. What a platform's limits leave out is listed as it is written.
    See docs/exports.md. (The Anki CSV is `quizgen deck RECIPE --format csv`.)

    \b
    Examples:
      quizgen quiz {recipe}
      quizgen quiz {recipe} --seed 7 --versions 3 --format html --format pdf
      quizgen quiz {recipe} --format json --format sheet --format pdf
      quizgen quiz {recipe_file} --questions 10 -o out
      quizgen quiz {recipe} --format gift --format moodle-xml --format qti --format kahoot
      quizgen quiz {recipe} --format moodle-xml --export-version all
      quizgen quiz {recipe} --bank --format moodle-xml --format qti
    """
    from pathlib import Path

    from ..export.files import export_bank, quiz_files
    from ..pipeline import Build
    from ..writer import write_files

    if bank and (any(f in FORMATS for f in formats) or export_versions or versions or questions):
        raise click.UsageError("--bank writes platform exports only (gift, moodle-xml, qti, "
                               "kahoot): it takes no html, json, pdf, --versions, --questions "
                               "or --export-version")
    chosen = formats or (EXPORT_FORMATS if bank else ("html", "json"))
    if "pdf" in chosen:
        require_pdf_engine()
    build = Build.open(recipe, facts_dirs)
    if bank:
        exported = export_bank(build.recipe, build.packs, chosen, seed=seed)
    else:
        exported = quiz_files(build.recipe, build.packs, seed=seed, versions=versions,
                              questions=questions, formats=chosen, export_versions=export_versions,
                              templates=templates, build=build)
    for note in exported.notes:  # before writing, so that they are seen if writing is refused
        click.echo(note, err=True)
    for p in write_files(Path(out_dir), exported.files):
        click.echo(str(p))
