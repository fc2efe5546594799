"""The `quizgen` command: a thin layer over the library. Each subcommand lives in quizgen/commands/."""

from __future__ import annotations

import click

from .commands import coverage, facts, schema, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="quizgen")
def main() -> None:
    """Turn a fact base grounded in a source text into Anki decks and printable quizzes.

    \b
    Examples:
      quizgen validate                 check every pack under facts/
      quizgen coverage mexico-russia   what the source says that no fact cites yet
    """


for module in (validate, facts, schema, coverage):
    main.add_command(module.command)
