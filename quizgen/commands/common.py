"""What every command shares: turning located problems into `Error` lines and exit 1, and the
`--facts` option that adds folders of packs to the search path."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

#: Exit codes (documented in the README): 0 ok, 1 bad data or a failed check, 2 usage.
EXIT_DATA = 1


class DataError(click.ClickException):
    """Bad input: each problem on its own line (`path:line:col: message`), then exit 1."""

    exit_code = EXIT_DATA

    def show(self, file: Any = None) -> None:
        stream = file or sys.stderr
        for line in self.message.splitlines():
            click.echo(line, file=stream)


def reports_problems(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command; turn `Problems`/`Problem` from the library into located lines and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..problems import Problem, Problems

        try:
            return func(*args, **kwargs)
        except Problems as err:
            count = len(err.problems)
            raise DataError("\n".join(map(str, err.problems)) + f"\n{count} problem{'s' * (count != 1)} found") from None
        except Problem as err:
            raise DataError(f"{err}\n1 problem found") from None

    return wrapper


facts_option = click.option(
    "--facts",
    "facts_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="A folder of packs to search first (repeatable; QUIZGEN_PATH adds more).",
)


def require_pdf_engine() -> None:
    """Stop before any work when PDF was asked for and cannot be printed (what to install)."""
    from ..render.pdf import PdfEngineMissing, check_engine

    try:
        check_engine()
    except PdfEngineMissing as err:
        raise click.ClickException(str(err)) from None


def quiz_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--seed, --versions and --questions: which quiz of a recipe (`quizgen quiz`, `quizgen sheet`;
    a sheet must be made with the same three as the quiz it answers)."""
    for option in reversed([
        click.option("--seed", type=int, default=None, help="Seed (default: the recipe's). Same seed, same quiz."),
        click.option("--versions", type=click.IntRange(1, 26), default=None,
                     help="Number of versions, lettered A, B, ... (default: the recipe's)."),
        click.option("--questions", type=click.IntRange(1, 500), default=None,
                     help="Number of questions; the recipe's mix is scaled to it."),
    ]):
        func = option(func)
    return func
