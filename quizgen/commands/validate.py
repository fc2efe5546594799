"""`quizgen validate`: load packs and report every problem, or a one-line summary per pack."""

from __future__ import annotations

import click

from .common import facts_option
from .examples import Command


@click.command("validate", cls=Command)
@click.argument("paths", nargs=-1)
@facts_option
def command(paths: tuple[str, ...], facts_dirs: tuple[str, ...]) -> None:
    """Check packs: every problem is printed as FILE:LINE:COL: MESSAGE, then exit 1.

    PATHS are pack folders, folders of packs, or pack ids (default: every pack under facts/).

    \b
    Examples:
      quizgen validate
      quizgen validate {pack}
      quizgen validate {pack_folder}
    """
    from ..loader import load_packs

    packs = load_packs(paths, facts_dirs)
    if not packs:
        raise click.ClickException("no packs found (looked for folders with a pack.yaml)")
    for lp in packs:
        facts = lp.facts
        disputed = sum(f.fact.is_disputed for f in facts)
        topics = len({f.fact.topic for f in facts})
        click.echo(f"{lp.pack.id}: {len(facts)} facts in {topics} topics "
                   f"({disputed} disputed), every evidence quote found in its source")
