"""`quizgen quiz`: the printable quiz of one recipe (student sheets, keys, self-check, JSON, PDF)."""

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
                   "moodle-xml, qti (Canvas) and anki-csv are exports for learning platforms.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True), default=None, metavar="DIR",
              help='A folder of templates searched first; {% extends "!default/quiz.html" %} reaches ours.')
@click.option("-o", "--output", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write into.")
@facts_option
@reports_problems
def command(recipe: str, seed: int | None, versions: int | None, questions: int | None,
            formats: tuple[str, ...], templates: str | None, out_dir: str,
            facts_dirs: tuple[str, ...]) -> None:
    """Write the printable quiz of RECIPE (a decks/*.yaml file or its name) into OUTPUT.

    Per version V: RECIPE-quiz-V.html (student sheet), RECIPE-key-V.html (answer key with fact ids
    and evidence) and RECIPE-V.json; once: RECIPE-self-check.html (offline, scores in the browser).
    With --format pdf, the sheets and keys are also printed to PDF by the system Chromium.
    With --format gift, moodle-xml, qti or anki-csv: RECIPE.gift, RECIPE-moodle.xml, RECIPE-qti.zip
    (version A's items; Moodle and Canvas) or RECIPE-anki.csv (the deck's notes); see docs/exports.md.

    \b
    Examples:
      quizgen quiz glaciers
      quizgen quiz glaciers --seed 7 --versions 3 --format html --format pdf
      quizgen quiz decks/rivers.yaml --questions 10 --templates my-templates -o out
      quizgen quiz glaciers --format gift --format moodle-xml --format qti --format anki-csv
    """
    from pathlib import Path

    from ..quiz.build import write_quiz
    from ..recipe import find_recipes, load_recipe
    from ..select import recipe_packs

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
    written = write_quiz(loaded, packs, Path(out_dir), seed=seed, versions=versions,
                         questions=questions, formats=chosen, templates=templates)
    for p in written:
        click.echo(str(p))

