"""The `quizgen` command: a thin layer over the library.

Each subcommand is a module in quizgen/commands/ that defines `command`; they are found here, so a
new command is one new file. Command modules import only click at module level, keeping `--help` fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from . import commands


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="quizgen")
def main() -> None:
    """Turn a fact base grounded in a source text into Anki decks and printable quizzes.

    \b
    Examples:
      quizgen validate                 check every pack under facts/
      quizgen build                    build every recipe in decks/ into build/
      quizgen coverage glaciers   what the source says that no fact cites yet
    """


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{commands.__name__}.{_info.name}")
    if isinstance(getattr(_module, "command", None), click.Command):
        main.add_command(_module.command)
