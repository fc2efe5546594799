"""`quizgen quiz`: the printable quiz of one recipe (student sheets, keys, self-check, JSON, PDF),
its versions for learning platforms, or the whole question bank (`--bank`)."""

from __future__ import annotations

import click

from ..formats import EXPORT_FORMATS, FORMATS
from .common import facts_option, reports_problems


@click.command("quiz")
@click.argument("recipe")
@click.option("--seed", type=int, default=None, help="Seed (default: the recipe's). Same seed, same quiz.")
@click.option("--versions", type=click.IntRange(1, 26), default=None,
              help="Number of versions, lettered A, B, ... (default: the recipe's).")
@click.option("--questions", type=click.IntRange(1, 500), default=None,
              help="Number of questions; the recipe's mix is scaled to it.")
@click.option("--format", "formats", multiple=True,
              type=click.Choice(FORMATS + EXPORT_FORMATS),
              help="What to write (repeatable; default: html and json). pdf needs Chromium; gift, "
                   "moodle-xml, qti (Canvas) and kahoot are exports for learning platforms.")
@click.option("--export-version", "export_versions", multiple=True, metavar="LETTER",
              help="Versions the platform exports hold, one file each (repeatable, or 'all'; "
                   "default: A, the first).")
@click.option("--bank", is_flag=True,
              help="Export every eligible item of every selected fact (a question bank, in "
                   "categories by topic and item type) instead of a quiz; default formats: all four.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True), default=None, metavar="DIR",
              help='A folder of templates searched first; {% extends "!default/quiz.html" %} reaches ours.')
@click.option("-o", "--output", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write into.")
@facts_option
@reports_problems
def command(recipe: str, seed: int | None, versions: int | None, questions: int | None,
            formats: tuple[str, ...], export_versions: tuple[str, ...], bank: bool,
            templates: str | None, out_dir: str, facts_dirs: tuple[str, ...]) -> None:
    """Write the printable quiz of RECIPE (a decks/*.yaml file or its name) into OUTPUT.

    Per version V: RECIPE-quiz-V.html (student sheet), RECIPE-key-V.html (answer key with fact ids
    and evidence) and RECIPE-V.json; once: RECIPE-self-check.html (offline, scores in the browser).
    With --format pdf, the sheets and keys are also printed to PDF by the system Chromium.

    With --format gift, moodle-xml, qti or kahoot: RECIPE-V.gift, RECIPE-V-moodle.xml,
    RECIPE-V-qti.zip (Moodle and Canvas) and RECIPE-V-kahoot.xlsx for version A, or the versions
    given with --export-version. With --bank: RECIPE-bank.gift, RECIPE-bank-moodle.xml,
    RECIPE-bank-qti.zip and RECIPE-bank-kahoot.xlsx, every item of every selected fact, for the
    platforms' random questions. What a platform's limits leave out is listed as it is written.
    See docs/exports.md. (The Anki CSV is `quizgen deck RECIPE --format csv`.)

    \b
    Examples:
      quizgen quiz glaciers
      quizgen quiz glaciers --seed 7 --versions 3 --format html --format pdf
      quizgen quiz decks/rivers.yaml --questions 10 --templates my-templates -o out
      quizgen quiz glaciers --format gift --format moodle-xml --format qti --format kahoot
      quizgen quiz glaciers --format moodle-xml --export-version all
      quizgen quiz glaciers --bank --format moodle-xml --format qti
    """
    from pathlib import Path

    from ..export.files import Exported, export_bank, export_quiz, write_files
    from ..pipeline import make_quiz
    from ..render.html import render_quiz, template_dirs
    from ..recipe import find_recipes, load_recipe
    from ..select import recipe_packs

    printable = [f for f in formats if f in FORMATS]
    if bank:
        if printable or export_versions or versions or questions:
            raise click.UsageError("--bank writes platform exports only (gift, moodle-xml, qti, "
                                   "kahoot): it takes no html, json, pdf, --versions, --questions "
                                   "or --export-version")
        chosen: tuple[str, ...] = formats or EXPORT_FORMATS
    else:
        chosen = formats or ("html", "json")
    if "pdf" in chosen:
        from ..render.pdf import PdfEngineMissing, check_engine

        try:
            check_engine()
        except PdfEngineMissing as err:
            raise click.ClickException(str(err)) from None
    [path] = find_recipes([recipe])
    loaded = load_recipe(path)
    packs = recipe_packs(loaded, facts_dirs)
    if bank:
        exported = export_bank(loaded, packs, chosen, seed=seed)
        files = exported.files
    else:
        quiz = make_quiz(loaded, packs, seed=seed, versions=versions, questions=questions)
        asked = [v if v.lower() == "all" else v.upper() for v in export_versions]
        letters = [v.letter for v in quiz.versions]
        wanted = letters if "all" in asked else list(dict.fromkeys(asked))
        exported = Exported()
        if any(f in EXPORT_FORMATS for f in chosen):
            exported = export_quiz(quiz, loaded, packs, chosen, wanted or None)
        # Everything in memory first: a template error or a refused item writes nothing.
        files = render_quiz(quiz, chosen, template_dirs(loaded, templates))
        files.update(exported.files)
    for p in write_files(Path(out_dir), files):
        click.echo(str(p))
    for note in exported.notes:
        click.echo(note, err=True)
