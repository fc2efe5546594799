"""Options and steps several commands share: `--facts`, the quiz options, where files go, the PDF
engine check, and opening the builds of the recipes named on the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..formats import MAX_QUESTIONS

facts_option = click.option(
    "--facts", "facts_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
    help="A folder of packs to search first (repeatable; QUIZGEN_PATH adds more).")
output_option = click.option("-o", "--output", "out_dir", default="build", show_default=True,
                             type=click.Path(file_okay=False), help="Folder to write into.")


def _options(func: Callable[..., Any], *options: Callable[..., Any]) -> Callable[..., Any]:
    """`func` with `options` applied, listed in `--help` in the order given."""
    for option in reversed(options):
        func = option(func)
    return func


def quiz_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--seed, --versions and --questions: which quiz of a recipe (`quizgen quiz`, `quizgen sheet`;
    a sheet must be made with the same three as the quiz it answers)."""
    return _options(
        func,
        click.option("--seed", type=int, default=None, help="Seed (default: the recipe's). Same seed, same quiz."),
        click.option("--versions", type=click.IntRange(1, 26), default=None,
                     help="Number of versions, lettered A, B, ... (default: the recipe's)."),
        click.option("--questions", type=click.IntRange(1, MAX_QUESTIONS), default=None,
                     help="Number of questions; the recipe's mix is scaled to it."),
    )


def template_output_options(templates_help: str) -> Callable[..., Any]:
    """--templates (its help says which templates it may override), -o/--output and --facts: what
    the quiz's pages are drawn with and where they go (`quizgen quiz`, `quizgen sheet`)."""
    templates = click.option("--templates", type=click.Path(file_okay=False, exists=True), default=None,
                             metavar="DIR", help=templates_help)
    return lambda func: _options(func, templates, output_option, facts_option)


def require_pdf_engine() -> None:
    """Stop before any work when PDF was asked for and cannot be printed (what to install)."""
    from ..render.pdf import PdfEngineMissing, check_engine

    try:
        check_engine()
    except PdfEngineMissing as err:
        raise click.ClickException(str(err)) from None


def open_builds(recipes: tuple[str, ...], facts_dirs: tuple[str, ...], check=None) -> list:
    """A `quizgen.pipeline.Build` for each recipe named (default: every recipe in decks/), after
    `check(build)` if given; every problem of every recipe is raised together, before any work."""
    from ..pipeline import Build
    from ..problems import Problem, Problems
    from ..recipe import find_recipes

    files = find_recipes(recipes)
    if not files:
        raise click.ClickException("no recipes found (looked for decks/*.yaml)")
    builds, problems = [], []
    for path in files:
        try:
            builds.append(Build.open(path, facts_dirs))
            if check is not None:
                check(builds[-1])
        except Problems as err:
            problems += err.problems
        except Problem as err:
            problems.append(err)
    if problems:
        raise Problems(problems)
    return builds
