"""`quizgen sheet`: the bubble answer sheets of a recipe's quiz, and their layouts for grading."""

from __future__ import annotations

import click

from .common import quiz_options, require_pdf_engine, template_output_options
from .examples import Command


@click.command("sheet", cls=Command)
@click.argument("recipe")
@quiz_options
@click.option("--digits", type=click.IntRange(1, 12), default=None,
              help="Digits of the student number (default: the recipe's quiz.student_digits, 6).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "pdf"]),
              help="html (default) and/or pdf (printed by the system Chromium).")
@template_output_options("A folder of templates searched first (sheet.html).")
def command(recipe: str, seed: int | None, versions: int | None, questions: int | None,
            digits: int | None, formats: tuple[str, ...], templates: str | None, out_dir: str,
            facts_dirs: tuple[str, ...]) -> None:
    """Write the bubble answer sheets of RECIPE's quiz into OUTPUT, one per version.

    Per version V: RECIPE-sheet-V.html (one page; print one per student), RECIPE-sheet-V.json
    (where every bubble is, read by `quizgen grade`) and with --format pdf RECIPE-sheet-V.pdf.
    Multiple-choice and true/false items get bubbles with the letters printed on the quiz
    (T and F for true/false); other items get a points box (0, 1, ... points) the teacher
    fills in. Use the same seed, versions and questions as the quiz you print. See
    docs/grading.md.

    \b
    Examples:
      quizgen sheet {recipe} --format pdf
      quizgen sheet {recipe_file} --seed 7 --digits 8 -o out
    """
    from pathlib import Path

    from ..pipeline import Build, make_quiz
    from ..render.html import template_dirs
    from ..sheet.render import render_sheet_files
    from ..writer import write_files

    chosen = formats or ("html",)
    if "pdf" in chosen:
        require_pdf_engine()
    build = Build.open(recipe, facts_dirs)
    loaded = build.recipe
    quiz = make_quiz(loaded, build.packs, seed=seed, versions=versions, questions=questions, build=build)
    files = render_sheet_files(quiz, template_dirs(loaded, templates),
                               digits=digits or loaded.recipe.quiz.student_digits, pdf="pdf" in chosen)
    for p in write_files(Path(out_dir), files):
        click.echo(str(p))
