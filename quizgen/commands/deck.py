"""`quizgen deck`: one recipe's Anki deck (.apkg), and its notes as Anki CSV or Quizlet text."""

from __future__ import annotations

import click

from ..formats import DECK_FORMATS
from .common import facts_option
from .examples import Command


@click.command("deck", cls=Command)
@click.argument("recipe")
@click.option("-o", "--output", "out", default=None, type=click.Path(dir_okay=False),
              help="The .apkg to write; other formats go in its folder  "
                   "[default: build/<recipe>.apkg]")
@click.option("--format", "formats", multiple=True, type=click.Choice(DECK_FORMATS),
              help="What to write (repeatable; default: apkg): apkg, csv (Anki CSV of the same "
                   "notes, RECIPE-anki.csv) or quizlet (Quizlet import text, RECIPE-quizlet.txt).")
@facts_option
def command(recipe: str, out: str | None, formats: tuple[str, ...], facts_dirs: tuple[str, ...]) -> None:
    """Build the Anki deck of RECIPE (a .yaml file, or a name in decks/).

    One note per selected fact; its cards (question, fill-in-the-blank, reverse) are siblings.
    Rebuilding after an edit updates learners' notes in place when they import again. Keeps
    <deck>.anki-state.json next to the .apkg (so unchanged notes keep their modification time) and
    records the note type in decks/manifests/ on the first build; SOURCE_DATE_EPOCH makes the build
    reproducible from a fresh checkout.

    With --format csv, RECIPE-anki.csv: the same notes as Anki CSV (for a collection that has the
    deck's note type, i.e. after importing the .apkg once). With --format quizlet,
    RECIPE-quizlet.txt: one card a line, question and answer separated by a tab; cards Quizlet
    could not read back are listed, not written. See docs/exports.md.

    \b
    Examples:
      quizgen deck {recipe}
      quizgen deck {recipe_file} -o out/{recipe}.apkg
      quizgen deck {recipe} --format apkg --format csv --format quizlet
    """
    from pathlib import Path

    from ..anki.deck import write_deck
    from ..export.files import export_deck
    from ..pipeline import Build
    from ..writer import write_files

    chosen = formats or ("apkg",)
    build = Build.open(recipe, facts_dirs)  # the notes are made once, for every format
    loaded, packs = build.recipe, build.packs
    target = Path(out) if out else Path("build") / f"{loaded.name}.apkg"
    exported = export_deck(loaded, packs, chosen, build)  # in memory: a problem here writes nothing
    if "apkg" in chosen:
        click.echo(f"{loaded.name}: {write_deck(loaded, packs, target, build=build)}")
    for p in write_files(target.parent, exported.files):
        click.echo(str(p))
    for note in exported.notes:
        click.echo(note, err=True)
