"""`quizgen new`: scaffold a pack and its recipe that validate and build at once."""

from __future__ import annotations

from pathlib import Path

import click

from .examples import Command


@click.command("new", cls=Command)
@click.argument("pack")
@click.option("--title", help="The pack's title (default: from its id).")
@click.option("--source", "source", type=click.Path(dir_okay=False), help="The text your facts will cite; copied into the pack.")
@click.option("--facts", "facts_root", default="facts", show_default=True, type=click.Path(file_okay=False),
              help="Folder of packs to create it in.")
@click.option("--decks", "decks_root", default="decks", show_default=True, type=click.Path(file_okay=False),
              help="Folder of recipes to add its recipe to.")
def command(pack: str, title: str | None, source: str | None, facts_root: str, decks_root: str) -> None:
    """Create facts/PACK/ (pack.yaml, your source, an example fact) and decks/PACK.yaml.

    Refuses to overwrite an existing pack or recipe. The example fact is made from your source
    (--source notes.md; without it, from a sample text) so the new pack builds straight away;
    rewrite it in your own words and add more.

    \b
    Examples:
      quizgen new volcanoes --title "Volcanoes"
      quizgen build decks/volcanoes.yaml
    """
    import re

    from ..model import ID_PATTERN
    from ..scaffold import new_pack

    if not re.match(ID_PATTERN, pack):
        raise click.BadParameter("use lower-case letters, digits and hyphens, e.g. 'volcanoes'",
                                 param_hint="PACK")
    made = new_pack(pack, title=title, source_file=Path(source) if source else None,
                    facts_root=Path(facts_root), decks_root=Path(decks_root))
    for path in made.files:
        click.echo(f"created {path}")
    click.echo(f"next: edit {made.pack_dir}/general.yaml, then: quizgen build {made.recipe}")
