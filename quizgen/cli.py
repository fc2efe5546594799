"""The `quizgen` command: a thin layer over the library.

Each subcommand is a module in quizgen/commands/ that defines `command`; they are found here, so a
new command is one new file. Command modules import only click at module level, keeping `--help` fast.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

import click

from . import commands
from .commands.examples import WithExamples


#: Exit code of an unexpected failure: a bug of ours, never bad input (that is 1).
EXIT_INTERNAL = 70


class DataError(click.ClickException):
    """Bad input: each problem on its own line (`path:line:col: message`), their count, exit 1."""

    def __init__(self, problems: list) -> None:
        count = len(problems)
        super().__init__("\n".join(map(str, problems)) + f"\n{count} problem{'s' * (count != 1)} found")

    def show(self, file=None) -> None:
        click.echo(self.message, file=file, err=True)


class _Group(WithExamples, click.Group):
    """The command group, and where every command's errors end: located problems from the library
    (`Problem`, `Problems`) become their lines and exit 1; any other exception, which no command
    turned into a message, becomes one line and exit 70, never a traceback (`--debug` shows it)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:  # noqa: BLE001 - the one place that catches everything
            from .problems import Problem, Problems

            if isinstance(err, (Problem, Problems)):
                raise DataError(err.problems if isinstance(err, Problems) else [err]) from None
            if ctx.params.get("debug") or os.environ.get("QUIZGEN_DEBUG") == "1":
                raise
            detail = " ".join(str(err).split())[:200]
            click.echo(f"quizgen: internal error: {type(err).__name__}: {detail}; run with --debug "
                       "for the traceback", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="quizgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def main(debug: bool) -> None:
    """Turn a fact base grounded in a source text into Anki decks and printable quizzes.

    \b
    Examples:
      quizgen validate            check every pack under facts/
      quizgen build               build every recipe in decks/ into build/
      quizgen quiz {recipe}       one recipe's printable quiz, sheets and keys
      quizgen coverage {pack}     what the source says that no fact cites yet
      quizgen serve {recipe}      preview cards and quiz in the browser as you edit
    """


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{commands.__name__}.{_info.name}")
    if isinstance(getattr(_module, "command", None), click.Command):
        main.add_command(_module.command)
