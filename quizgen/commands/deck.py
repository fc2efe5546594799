"""`quizgen deck`: one recipe's Anki deck (.apkg)."""

from __future__ import annotations

import click

from .common import facts_option, reports_problems


@click.command("deck")
@click.argument("recipe")
@click.option(
    "-o",
    "--output",
    "out",
    default=None,
    type=click.Path(dir_okay=False),
    help="The .apkg to write  [default: build/<recipe>.apkg]",
)
@facts_option
@reports_problems
def command(recipe: str, out: str | None, facts_dirs: tuple[str, ...]) -> None:
    """Build the Anki deck of RECIPE (a .yaml file, or a name in decks/).

    One note per selected fact; its cards (question, fill-in-the-blank, reverse) are siblings.
    Rebuilding after an edit updates learners' notes in place when they import again. Keeps
    <deck>.anki-state.json next to the .apkg (so unchanged notes keep their modification time) and
    records the note type in decks/manifests/ on the first build; SOURCE_DATE_EPOCH makes the build
    reproducible from a fresh checkout.

    \b
    Examples:
      quizgen deck glaciers
      quizgen deck decks/glaciers.yaml -o out/glaciers.apkg
    """
    from pathlib import Path

    from ..anki.deck import write_deck
    from ..recipe import find_recipes, load_recipe
    from ..select import recipe_packs

    (path,) = find_recipes([recipe])
    loaded = load_recipe(path)
    packs = recipe_packs(loaded, facts_dirs)
    target = Path(out) if out else Path("build") / f"{loaded.name}.apkg"
    click.echo(f"{loaded.name}: {write_deck(loaded, packs, target)}")
