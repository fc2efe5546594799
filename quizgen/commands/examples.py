"""Help examples that run as typed: they name the recipes and packs of the folder you are in.

A help text's examples write `{recipe}`, `{recipe_file}`, `{pack}` or `{pack_folder}`; when help is
shown, those become the first recipe in ./decks and the first pack on the search path (./facts,
else the ones shipped with quizgen), so `quizgen quiz --help` in a fresh clone names the clone's
own recipe and a teacher's project shows the teacher's. Fixed names would fail as typed wherever
that pack is absent, and the code may not name the default pack (it is data, replaceable).
Only the standard library and `paths` are imported: `--help` must stay fast.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from .. import paths

#: Used only if no recipe or pack is found at all (a broken install).
_FALLBACK = {"recipe": "my-course", "recipe_file": "decks/my-course.yaml", "pack": "my-pack",
             "pack_folder": "facts/my-pack"}


def example_names() -> dict[str, str]:
    """What the placeholders stand for here and now."""
    names = dict(_FALLBACK)
    local = sorted(Path("decks").glob("*.yaml"))
    recipes = local or sorted(paths.data_dir("decks").glob("*.yaml"))
    if recipes:
        names["recipe"] = recipes[0].stem
        # a file path only when it is short and local; the name works wherever the recipe is
        names["recipe_file"] = shlex.quote(recipes[0].as_posix()) if local else recipes[0].stem
    for root in paths.pack_roots():
        if root.is_dir():
            found = sorted(p for p in root.iterdir() if (p / "pack.yaml").is_file())
            if found:
                names["pack"] = found[0].name
                names["pack_folder"] = shlex.quote(paths.display(found[0]))
                break
    return names


def fill(text: str | None) -> str | None:
    """`text` with its placeholders replaced (plain replacement: help texts hold other braces)."""
    if not text or "{" not in text:
        return text
    for key, value in example_names().items():
        text = text.replace("{" + key + "}", value)
    return _align(text)


#: An example with a description: `quizgen ...`, two or more spaces, then what it does.
_DESCRIBED = re.compile(r"^( +)(quizgen .*?) {2,}(\S.*)$")


def _align(text: str) -> str:
    """Line up the descriptions of examples again after the names changed length."""
    lines = text.split("\n")
    matches = [_DESCRIBED.match(line) for line in lines]
    width = max((len(m.group(2)) for m in matches if m), default=0)
    return "\n".join(f"{m.group(1)}{m.group(2):<{width}}  {m.group(3)}" if m else line
                     for line, m in zip(lines, matches))


class WithExamples:
    """A click command mixin: its help text's placeholders are filled when help is shown."""

    help: str | None

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        written = self.help
        self.help = fill(written)
        try:
            super().format_help_text(ctx, formatter)  # type: ignore[misc]
        finally:
            self.help = written


class Command(WithExamples, click.Command):
    """`@click.command(cls=Command)`: a command whose examples name what is here."""
