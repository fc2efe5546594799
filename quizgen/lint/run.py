"""Run every check over a recipe's deck and quiz: `lint_build` is what `quizgen lint` calls,
`lint_recipe` what `quizgen build` and the Python API call.

Cards and quizzes are the build's own (`quizgen.pipeline.Build`): the notes the deck is written
from, the quiz of each seed with every version; nothing touches the disk. Item and quiz checks run
on each version, and a finding seen the same way in several versions is reported once, with all
their letters (`[quiz A,B]`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import LoadedPack
from ..quiz.checks import RULES, RuleContext
from ..recipe import LoadedRecipe
from . import cards as card_checks
from . import quiz as quiz_checks
from .findings import Check, Finding, Scope, Severity

#: Every check, in report order: the deck's cards, each quiz item (the rules of
#: `quizgen.quiz.checks`, whose docstring says how they guard generated items), each whole quiz
#: version. docs/lint.md lists each check.
CHECKS: list[Check] = [*card_checks.CHECKS,
                       *(Check(r.id, Severity(r.severity), Scope.item, r.func) for r in RULES),
                       *quiz_checks.CHECKS]


def _finding(check: Check, message: str, subject, version: str | None) -> Finding:
    """A finding of `check` about `subject` (a card or an item; None for the whole quiz)."""
    return Finding(
        severity=check.severity,
        check=check.id,
        message=message,
        item_id=subject.id if subject else None,
        fact_ids=list(subject.fact_ids) if subject else [],
        version=version,
    )


def check_cards(
    cards: list[card_checks.Card], ctx: RuleContext, checks: Iterable[Check] = CHECKS
) -> list[Finding]:
    return [_finding(check, message, card, "deck")
            for check in checks if check.scope is Scope.card
            for card, message in check.func(cards, ctx)]


def check_items(
    items, ctx: RuleContext, *, version: str | None = None, checks: Iterable[Check] = CHECKS
) -> list[Finding]:
    """Item and quiz checks over one version's items (a list of `quizgen.quiz.items.Item`)."""
    out = []
    for check in checks:
        if check.scope is Scope.item:
            out += [_finding(check, message, item, version)
                    for item in items for message in check.func(item, ctx)]
        elif check.scope is Scope.quiz:
            out += [_finding(check, message, item, version)
                    for item, message in check.func(list(items), ctx)]
    return out


def _merge_versions(findings: list[Finding]) -> list[Finding]:
    """One finding per (check, item, message), with the letters of every version it was seen in."""
    merged: dict[tuple, list[Finding]] = {}
    for f in findings:
        merged.setdefault((f.check, f.item_id, f.message, tuple(f.fact_ids)), []).append(f)
    out = []
    for group in merged.values():
        letters = ",".join(dict.fromkeys(f.version for f in group if f.version))
        out.append(group[0].model_copy(update={"version": letters or None}))
    return out


def lint_build(build, *, seeds: Iterable[int | None] = (None,),
               questions: int | None = None) -> tuple[list[Finding], int]:
    """The findings on the cards of a `quizgen.pipeline.Build`'s deck and on every version of its
    quiz at each of `seeds` (None: the recipe's own) with `questions` questions (default: the
    recipe's); and how many cards and quiz items were checked."""
    recipe = build.recipe
    ctx = RuleContext(build.factbase)
    findings, checked = [], 0
    if recipe.recipe.deck is not None:
        cards = card_checks.cards_of_notes(build.notes[0], build.selected)
        findings += [f.model_copy(update={"recipe": recipe.path}) for f in check_cards(cards, ctx)]
        checked += len(cards)
    if recipe.recipe.quiz is not None:
        for seed in seeds:
            quiz = build.quiz(seed=seed, questions=questions)
            found = [f for v in quiz.versions for f in check_items(v.items, ctx, version=v.letter)]
            findings += [f.model_copy(update={"recipe": recipe.path, "seed": quiz.seed})
                         for f in _merge_versions(found)]
            checked += len(quiz.items)
    return findings, checked


def lint_recipe(
    recipe: LoadedRecipe, packs: list[LoadedPack], *, seed: int | None = None, build=None
) -> list[Finding]:
    """Every finding for the recipe's deck and quiz (all versions), errors first. `build`: the
    recipe's `quizgen.pipeline.Build`, whose notes and quiz the outputs then reuse."""
    from ..pipeline import Build

    return sort_findings(lint_build(Build.of(recipe, packs, build), seeds=[seed])[0])


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first; then by recipe, seed, the check's place in `CHECKS`, item and message."""
    order = {c.id: n for n, c in enumerate(CHECKS)}
    return sorted(findings, key=lambda f: (f.severity is not Severity.error, f.recipe, f.seed or 0,
                                           order.get(f.check, len(order)), f.item_id or "", f.message))
