"""The Jinja environment for quiz pages, found the way Pelican finds a theme.

Search order: the user's folders (from --templates or the recipe's `quiz.templates`), then the
templates shipped with quizgen; `!default/<name>` always reaches the shipped one, so an override can
`{% extends "!default/quiz.html" %}` and change one block. Autoescape is on for every template:
fact text is plain text, so `<script>`, `&` and `{{ }}` in it print as written and never run.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
)

from ..paths import data_dir, display
from ..problems import Problem


def default_dir() -> Path:
    return data_dir("templates")


def make_environment(user_dirs: list[str | Path] = ()) -> Environment:
    """An environment searching `user_dirs` first, then the shipped templates."""
    dirs = [Path(d) for d in user_dirs]
    default = default_dir()
    loader = ChoiceLoader([
        *(FileSystemLoader(str(d)) for d in dirs),
        FileSystemLoader(str(default)),
        PrefixLoader({"!default": FileSystemLoader(str(default))}),
    ])
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["searched"] = [*dirs, default]
    return env


def get_template(env: Environment, name: str) -> Template:
    """The template `name`, or a Problem naming every folder searched."""
    try:
        return env.get_template(name)
    except TemplateNotFound as err:
        searched = ", ".join(display(d) for d in env.globals["searched"])
        missing = err.name if err.name and err.name != name else name
        raise Problem(missing, 1, 1, f"template not found; searched: {searched} "
                                     f"(and !default/ = {display(default_dir())})") from None
