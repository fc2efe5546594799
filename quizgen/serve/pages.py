"""The preview's pages: the cards of one fact file, and the quiz of a chosen seed.

Cards are the deck's own: notes built by `anki.notes.build_notes` for the file's selected facts
(with the facts elsewhere that share an answer, so a reverse card is dropped exactly when the deck
drops it), rendered with the note type's templates and CSS (`templates/anki/`) by `cards.render`.
The card checks run on the file's cards; `quizgen lint` checks the whole deck.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..anki.notes import build_notes
from ..anki.notetype import CARD_ORD, FIELDS, TEMPLATES, load_notetype
from ..lint.cards import cards_of_notes
from ..lint.findings import format_finding
from ..lint.run import check_cards, check_items
from ..model import CardKind
from ..paths import data_dir
from ..quiz.answers import normalize_answer
from ..quiz.checks import RuleContext as LintContext
from ..render.html import render_key, render_sheet, template_dirs
from ..render.templates import make_environment
from .cards import render_card
from .preview import PAGE, Preview


@dataclass
class CardView:
    name: str
    front: str
    back: str


@dataclass
class FactView:
    key: str
    line: int
    text: str
    selected: bool
    cards: list[CardView] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    """The preview's own templates (compiled once; Jinja reloads one whose file changed)."""
    return Environment(loader=FileSystemLoader(str(data_dir("templates") / "preview")),
                       autoescape=select_autoescape(default=True), keep_trailing_newline=True)


def _problem_lines(preview: Preview) -> list[dict]:
    return [{"file": p.path, "line": p.line, "col": p.col, "message": p.message, "text": str(p)}
            for p in preview.problems]


def fact_views(preview: Preview, file: str | None, facts: list) -> tuple[list[FactView], str]:
    """Each fact of `file` with its rendered cards and the card checks' findings; and the deck's CSS."""
    loaded = preview.loaded
    views = {lf.key: FactView(lf.key, lf.line, lf.fact.plain_text, False) for lf in facts}
    if loaded is None:
        return list(views.values()), ""
    notetype = load_notetype()
    settings = loaded.recipe.recipe.deck
    if settings is None:
        return list(views.values()), notetype.css
    selected = loaded.selected
    keys = {lf.key for lf in facts}
    mine = [lf for lf in selected if lf.key in keys]
    subset = list(mine)
    if CardKind.reverse in settings.cards:
        answers = {normalize_answer(a) for lf in mine for a in (lf.fact.answer, *lf.fact.also_accept)}
        subset += [lf for lf in selected if lf.key not in keys and any(
            normalize_answer(a) in answers for a in (lf.fact.answer, *lf.fact.also_accept))]
    notes, _ = build_notes(settings, loaded.packs, subset)
    notes = [n for n in notes if n.key in keys]
    by_ord = {CARD_ORD[kind]: (name, t) for (name, kind, _), t in zip(TEMPLATES, notetype.templates)}
    for note in notes:  # notes of `mine` only, marked selected below
        fields = dict(zip(FIELDS, note.fields))
        for ord_ in note.ords:
            name, template = by_ord[ord_]
            front, back = render_card(template.qfmt, template.afmt, fields)
            views[note.key].cards.append(CardView(name, front, back))
    for lf in mine:
        views[lf.key].selected = True
    ctx = LintContext.of(subset, loaded.packs)
    for finding in check_cards(cards_of_notes(notes, mine), ctx):
        for key in finding.fact_ids:
            if key in views:
                views[key].findings.append(format_finding(finding))
    return list(views.values()), notetype.css


def cards_page(preview: Preview, file: str | None, start: int | None = None) -> str:
    """The main page: files, problems, and the cards of one file (a page of its facts)."""
    with preview.lock:
        file, start, total, facts = preview.facts_of(file, start)
        views, css = fact_views(preview, file, facts)
        problems = _problem_lines(preview)
        # a problem in this file is also shown beside the fact it falls in: the last one starting before it
        for p in [p for p in preview.problems if p.path == file]:
            owner = max((v for v in views if v.line <= p.line), key=lambda v: v.line, default=None)
            if owner is not None:
                owner.problems.append(f"line {p.line}: {p.message}")
        loaded = preview.loaded
        return _environment().get_template("cards.html").render(
            title=loaded.recipe.recipe.title if loaded else "quizgen preview",
            recipe=loaded.recipe.path if loaded else (preview.recipe_path or ""),
            files=preview.fact_files(), file=file, facts=views, css=css, problems=problems,
            start=start, total=total, page=PAGE,
            problem_files={p.path for p in preview.problems}, stale=bool(problems and loaded),
            generation=preview.generation)


def quiz_page(preview: Preview, seed: int | None) -> str:
    """The quiz of `seed`: sheet and key of its first version, and the item checks' findings."""
    with preview.lock:
        loaded = preview.loaded
        problems = _problem_lines(preview)
        env = _environment()
        base = {"title": loaded.recipe.recipe.title if loaded else "quizgen preview",
                "problems": problems, "generation": preview.generation, "stale": bool(problems and loaded)}
        if loaded is None or loaded.recipe.recipe.quiz is None:
            return env.get_template("quiz.html").render(**base, seed=seed, error="this recipe has no quiz")
        seed = loaded.recipe.recipe.quiz.seed if seed is None else seed
        try:
            quiz = preview.quiz(seed)
            sheet, key = quiz_html(preview, quiz)
        except Exception as err:  # noqa: BLE001 - shown on the page, which stays up
            return env.get_template("quiz.html").render(**base, seed=seed, error=str(err))
        version = quiz.versions[0]
        findings: dict[str, list[str]] = {}
        for f in check_items(version.items, LintContext(loaded.factbase),
                             version=version.letter):
            findings.setdefault(f.item_id or "quiz", []).append(format_finding(f))
        items = [{"number": n, "id": item.id, "facts": ", ".join(item.fact_ids), "prompt": item.prompt,
                  "findings": findings.get(item.id, [])} for n, item in enumerate(version.items, 1)]
        return env.get_template("quiz.html").render(
            **base, seed=seed, sheet=sheet, key=key, items=items, quiz_findings=findings.get("quiz", []),
            error=None)


def quiz_html(preview: Preview, quiz) -> tuple[str, str]:
    """The sheet and key of the quiz's first version, with the recipe's own templates."""
    env = make_environment(template_dirs(preview.loaded.recipe, None))
    version = quiz.versions[0]
    return render_sheet(env, quiz, version), render_key(env, quiz, version)
