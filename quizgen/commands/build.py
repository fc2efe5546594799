"""`quizgen build`: every output of every recipe (deck, quiz) into one folder."""

from __future__ import annotations

from pathlib import Path

import click

from .common import facts_option, open_builds, output_option
from .examples import Command


@click.command("build", cls=Command)
@click.argument("recipes", nargs=-1)
@output_option
@facts_option
def command(recipes: tuple[str, ...], out_dir: str, facts_dirs: tuple[str, ...]) -> None:
    """Build every recipe (default: every recipe in decks/) into OUTPUT.

    For each recipe with a `deck:` section, OUTPUT/<recipe>.apkg; with a `quiz:` section, the
    student sheets and keys of every version, the self-check page and the quiz JSON. Then the
    facts added, changed and removed since the previous build into OUTPUT (kept in
    OUTPUT/<recipe>.facts.json), with the Anki search that finds each removed fact's note.

    \b
    Examples:
      quizgen build
      quizgen build {recipe_file} -o out
    """
    from ..render.html import template_dirs
    from ..writer import locked

    # a missing templates folder, too, stops the build before any file is written
    loaded = open_builds(recipes, facts_dirs, check=lambda build: template_dirs(build.recipe, None))
    _lint_or_stop(loaded)
    out = Path(out_dir)

    with locked(out):  # another build into this folder waits: outputs stay one consistent set
        _write_all(loaded, out)


def _write_all(loaded: list, out: Path) -> None:
    """Write every build's deck, quiz and change report into `out`."""
    from ..anki.deck import write_deck
    from ..changes import compare, snapshot, snapshot_bytes, snapshot_path
    from ..export.files import write_quiz
    from ..progress import progress
    from ..writer import write_bytes

    for build in progress(loaded, "Building recipes"):
        recipe, packs = build.recipe, build.packs
        current = snapshot(build.selected)
        changes = compare(snapshot_path(out, recipe.name), current)
        if recipe.recipe.deck is not None:
            report = write_deck(recipe, packs, out / f"{recipe.name}.apkg", build=build)
            click.echo(f"{recipe.name}: {report}")
        if recipe.recipe.quiz is not None:
            written = write_quiz(recipe, packs, out, build=build)
            click.echo(f"{recipe.name}: quiz, {len(written)} files in {out}")
            for note in build.quiz().notes:
                click.echo(f"{recipe.name}: note: {note}", err=True)
        # The snapshot is written last, so a failed build reports the same changes next time.
        write_bytes(snapshot_path(out, recipe.name), snapshot_bytes(current))
        for line in changes.lines(recipe.name):
            click.echo(line)


def _lint_or_stop(loaded: list) -> None:
    """Item-quality checks before anything is written: warnings are printed, errors stop the build."""
    from ..lint import Severity, format_finding, lint_recipe

    errors = 0
    for build in loaded:
        for finding in lint_recipe(build.recipe, build.packs, build=build):
            click.echo(format_finding(finding), err=True)
            errors += finding.severity is Severity.error
    if errors:
        raise click.ClickException(f"{errors} lint error{'s' * (errors != 1)}: nothing was built "
                                   "(see `quizgen lint --help` and docs/lint.md)")
