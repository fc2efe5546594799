"""A quiz rendered in memory: the student sheet and the key of each version, the self-check page,
each version's JSON and, with "pdf", the sheets and keys printed by Chromium (`render_quiz`).

Each page is one self-contained file: the print CSS is included inline (from templates/print.css,
overridable like any template), and the self-check page carries its answers as JSON and its
script inline, so it works offline from a USB stick.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment

from ..formats import EXPORT_FORMATS, FORMATS
from ..problems import Problem
from ..normalize import (ALTERNATIVES, DETERMINERS, ECHO_OPENERS, EXTRA_WORDS, NEGATIONS, SCALES,
                         TITLES)
from ..quiz.items import Quiz, Version
from ..recipe import LoadedRecipe
from .templates import make_environment, render

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _context(quiz: Quiz, version: Version | None) -> dict[str, Any]:
    return {
        "quiz": quiz,
        "version": version,
        "items": (version or quiz.versions[0]).items,
        "letters": LETTERS,
        "paper": quiz.paper.value,
        "total_points": (version or quiz.versions[0]).total_points,
        # the marking rule for written answers, as the key states it and the self-check page
        # applies it (its script reads these words, so the page and Python keep one list)
        "echo_openers": ECHO_OPENERS,
        "extra_words": EXTRA_WORDS,
        "marking": {"openers": ECHO_OPENERS, "negations": sorted(NEGATIONS),
                    "alternatives": sorted(ALTERNATIVES), "titles": sorted(TITLES),
                    "determiners": sorted(DETERMINERS), "scales": SCALES, "extra_words": EXTRA_WORDS},
    }


def render_sheet(env: Environment, quiz: Quiz, version: Version) -> str:
    """The student sheet of one version."""
    return render(env, "quiz.html", **_context(quiz, version))


def render_key(env: Environment, quiz: Quiz, version: Version) -> str:
    """The answer key of one version: each answer with its fact id and evidence quote."""
    return render(env, "key.html", **_context(quiz, version))


def self_check_data(quiz: Quiz) -> list[dict[str, Any]]:
    """What the self-check script needs to score each question (version A's order)."""
    return [{
        "id": item.id,
        "type": item.type.value,
        "points": item.points,
        "key": item.key,
        "accept": [item.answer_text, *item.accept] if item.answer_text and item.key is None else [],
        "matches": item.matches,
        "sequence": item.sequence,
        "answer": item.answer,
        "correction": item.answer_text if item.type.value == "true_false" else None,
    } for item in quiz.versions[0].items]


def template_dirs(recipe: LoadedRecipe, templates: str | Path | None) -> list[Path]:
    """User template folders: --templates first, then the recipe's (relative to the recipe file)."""
    dirs = []
    if templates is not None:
        dirs.append(Path(templates))
        if not dirs[0].is_dir():
            raise Problem("--templates", 1, 1, f"{templates}: no such folder")
    if recipe.recipe.quiz and recipe.recipe.quiz.templates:
        dirs.append(Path(recipe.path).parent / recipe.recipe.quiz.templates)
        if not dirs[-1].is_dir():
            raise recipe.problem(("quiz", "templates"), f"no such folder: {dirs[-1]}")
    return dirs


def json_bytes(quiz: Quiz, letter: str) -> bytes:
    version = next(v for v in quiz.versions if v.letter == letter)
    return (json.dumps(quiz.export(version), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_quiz(quiz: Quiz, formats: tuple[str, ...] | list[str], template_folders: list[Path], *,
                student_digits: int = 6) -> dict[str, bytes]:
    """File name -> bytes for every printable output of the quiz (html, json, pdf; "sheet": the
    bubble answer sheets and their layouts, `<recipe>-sheet-<V>.html/.json`, printed to PDF too
    with "pdf")."""
    unknown = [f for f in formats if f not in FORMATS + EXPORT_FORMATS]
    if unknown:
        raise Problem("--format", 1, 1,
                      f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS + EXPORT_FORMATS)})")
    env = make_environment(template_folders)
    files: dict[str, bytes] = {}
    if "json" in formats:
        for version in quiz.versions:
            files[f"{quiz.name}-{version.letter}.json"] = json_bytes(quiz, version.letter)
    if "html" in formats or "pdf" in formats:
        pages: dict[str, str] = {}
        for version in quiz.versions:
            pages[f"{quiz.name}-quiz-{version.letter}"] = render_sheet(env, quiz, version)
            pages[f"{quiz.name}-key-{version.letter}"] = render_key(env, quiz, version)
        files.update((f"{stem}.html", page.encode("utf-8")) for stem, page in pages.items())
        # one offline page that reveals and scores answers in the browser
        self_check = render(env, "self-check.html", **_context(quiz, None), answers=self_check_data(quiz))
        files[f"{quiz.name}-self-check.html"] = self_check.encode("utf-8")
        if "pdf" in formats:
            from .pdf import html_to_pdf

            for stem, pdf in zip(pages, html_to_pdf(list(pages.values())), strict=True):
                files[f"{stem}.pdf"] = pdf
    if "sheet" in formats:
        from ..sheet.render import sheet_files

        files.update(sheet_files(quiz, env, digits=student_digits, pdf="pdf" in formats))
    return dict(sorted(files.items()))
