"""Write a recipe's quiz: for each version a student sheet, a key and the JSON; one self-check page.

Files, all in `out_dir` (documented in docs/recipes.md):

    <recipe>-quiz-<V>.html   student sheet of version V        (+ .pdf with "pdf" in formats)
    <recipe>-key-<V>.html    answer key of version V           (+ .pdf)
    <recipe>-<V>.json        version V as data (with "json")
    <recipe>-self-check.html one offline page that scores answers in the browser
    <recipe>-A.gift, -A-moodle.xml, -A-qti.zip, -A-kahoot.xlsx   with "gift", "moodle-xml", "qti",
                             "kahoot": version A for learning platforms (`quizgen.export`,
                             docs/exports.md; `quizgen quiz --export-version` picks others)

Everything is rendered in memory first, so a template error writes nothing; then each file is
written atomically by `quizgen.writer`. The same seed gives the same bytes (PDFs aside: Chromium
stamps them with a creation date).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..export.files import export_files, write_files
from ..formats import EXPORT_FORMATS, FORMATS
from ..model import LoadedPack
from ..problems import Problem
from ..recipe import LoadedRecipe
from .items import Quiz


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


def make_quiz(recipe: LoadedRecipe, packs: list[LoadedPack], *, seed: int | None = None,
              versions: int | None = None, questions: int | None = None, build=None) -> Quiz:
    """The recipe's quiz as a model (no rendering, no disk): what `write_quiz` renders. `build`:
    the recipe's `quizgen.pipeline.Build`, which makes each seeded quiz once."""
    settings = recipe.recipe.quiz
    if settings is None:
        raise Problem(recipe.path, 1, 1, "quiz: this recipe has no quiz section")
    letters = list(settings.versions)
    if versions is not None:
        if not 1 <= versions <= 26:
            raise Problem(recipe.path, 1, 1, f"versions: {versions} is not between 1 and 26")
        letters = [chr(ord("A") + i) for i in range(versions)]
    from ..pipeline import Build

    return Build.of(recipe, packs, build).quiz(seed=seed, versions=letters, questions=questions)


def json_bytes(quiz: Quiz, letter: str) -> bytes:
    version = next(v for v in quiz.versions if v.letter == letter)
    return (json.dumps(quiz.export(version), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_quiz(quiz: Quiz, formats: tuple[str, ...] | list[str], template_folders: list[Path], *,
                student_digits: int = 6) -> dict[str, bytes]:
    """File name -> bytes for every output of the quiz ("sheet": the bubble answer sheets and
    their layouts, `<recipe>-sheet-<V>.html/.json`, printed to PDF too with "pdf")."""
    from ..render.html import render_key, render_self_check, render_sheet
    from ..render.templates import make_environment

    unknown = [f for f in formats if f not in FORMATS + EXPORT_FORMATS]
    if unknown:
        raise Problem("--format", 1, 1,
                      f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS + EXPORT_FORMATS)})")
    env = make_environment(template_folders)
    files: dict[str, bytes] = {}
    pages: dict[str, str] = {}
    for version in quiz.versions:
        v = version.letter
        pages[f"{quiz.name}-quiz-{v}"] = render_sheet(env, quiz, version)
        pages[f"{quiz.name}-key-{v}"] = render_key(env, quiz, version)
        if "json" in formats:
            files[f"{quiz.name}-{v}.json"] = json_bytes(quiz, v)
    self_check = render_self_check(env, quiz)
    if "html" in formats or "pdf" in formats:
        for stem, html in pages.items():
            files[f"{stem}.html"] = html.encode("utf-8")
        files[f"{quiz.name}-self-check.html"] = self_check.encode("utf-8")
    if "pdf" in formats:
        from ..render.pdf import html_to_pdf

        for stem, pdf in zip(pages, html_to_pdf(list(pages.values())), strict=True):
            files[f"{stem}.pdf"] = pdf
    if "sheet" in formats:
        from ..sheet.render import sheet_files

        files.update(sheet_files(quiz, env, digits=student_digits, pdf="pdf" in formats))
    return dict(sorted(files.items()))


def write_quiz(recipe: LoadedRecipe, packs: list[LoadedPack], out_dir: Path, *, seed: int | None = None,
               versions: int | None = None, questions: int | None = None,
               formats: tuple[str, ...] | list[str] = ("html", "json"),
               templates: str | Path | None = None, build=None) -> list[Path]:
    """Generate, render and write the recipe's quiz; return the paths written."""
    quiz = make_quiz(recipe, packs, seed=seed, versions=versions, questions=questions, build=build)
    files = render_quiz(quiz, formats, template_dirs(recipe, templates))
    files.update(export_files(quiz, recipe, packs, formats))  # made in memory too: a refusal writes nothing
    return write_files(Path(out_dir), files)
