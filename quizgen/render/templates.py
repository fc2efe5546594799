"""The Jinja environment for quiz pages, found the way Pelican finds a theme.

Search order: the user's folders (from --templates or the recipe's `quiz.templates`), then the
templates shipped with quizgen; `!default/<name>` always reaches the shipped one, so an override can
`{% extends "!default/quiz.html" %}` and change one block. Autoescape is on for every template:
fact text is plain text, so `<script>`, `&` and `{{ }}` in it print as written and never run.

Templates may come with a shared recipe, so they render in Jinja's sandbox: they read the quiz's
values and call its safe methods, but reach no Python internals (`__globals__`, `__class__`, ...),
no module, no file: a template that tries is refused, and nothing runs.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ..paths import data_dir, display
from ..problems import Problem


def make_environment(user_dirs: list[str | Path] = ()) -> Environment:
    """An environment searching `user_dirs` first, then the shipped templates."""
    dirs = [Path(d) for d in user_dirs]
    default = data_dir("templates")
    loader = ChoiceLoader([
        *(FileSystemLoader(str(d)) for d in dirs),
        FileSystemLoader(str(default)),
        PrefixLoader({"!default": FileSystemLoader(str(default))}),
    ])
    env = SandboxedEnvironment(loader=loader, autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["searched"] = [*dirs, default]
    return env


def render(env: Environment, name: str, **context: object) -> str:
    """Render template `name`. A template missing (this one, or one it extends or includes)
    becomes a Problem naming every folder searched; a syntax error, one located at its line."""
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound as err:
        searched = ", ".join(display(d) for d in env.globals["searched"])
        raise Problem(err.name or name, 1, 1, f"template not found; searched: {searched} "
                                              f"(and !default/ = {display(data_dir('templates'))})") from None
    except TemplateSyntaxError as err:
        raise Problem(err.filename or err.name or name, err.lineno or 1, 1,
                      f"template syntax: {err.message}") from None
    except SecurityError as err:
        raise Problem(name, 1, 1, f"template refused: {err} (templates read the quiz's values; "
                                  "they cannot reach Python internals)") from None
