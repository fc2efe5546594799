"""Findings and checks: what `quizgen lint` reports, and the registry entry of each check.

A `Finding` is one flaw in one item (or one quiz): its severity, the check that found it, a message,
the item id and fact ids it concerns, and where it was seen (the deck, or a quiz version and seed).
A `Check` is a plain function with an id and a severity, whose docstring's first paragraph says
what it wants; `cards.CHECKS` and `quiz.CHECKS` register theirs (`Checks`), and `run.CHECKS` lists
every one: those and the rule book's item rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    error = "error"  # fails `quizgen lint` and `quizgen build`
    warning = "warning"  # printed, never fails


class Scope(StrEnum):
    card = "card"  # run once over all the deck's cards: func(cards, ctx) -> [(card, message)]
    item = "item"  # run on each quiz item: func(item, ctx) -> [message]
    quiz = "quiz"  # run on each quiz version: func(items, ctx) -> [(item or None, message)]


class Finding(BaseModel):
    """One flaw: which check, how bad, what it says, and exactly where."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity
    check: str = Field(description="The check's id, e.g. mc-distinct.")
    message: str
    item_id: str | None = Field(default=None, description="None for a finding about a whole quiz.")
    fact_ids: list[str] = Field(default_factory=list)
    version: str | None = Field(
        default=None,
        description="'deck' for cards; quiz version letters ('A' or 'A,B'); 'field' for a flag "
                    "from a class's answers (`quizgen analyze`); None for no version.",
    )
    seed: int | None = None
    recipe: str = ""


def format_finding(f: Finding) -> str:
    """One line for people: `decks/x.yaml: error mc-distinct [quiz A] item mc-foo (pack/foo): message`;
    where it was seen is `[deck]`, `[field]`, `[quiz A]` or `[quiz A,B seed 7]`."""
    head = f"{f.recipe}: " if f.recipe else ""
    seen = ["quiz", f.version, None if f.seed is None else f"seed {f.seed}"]
    where = f.version if f.version in ("deck", "field") else " ".join(filter(None, seen))
    item = f"item {f.item_id}" if f.item_id else "quiz"
    facts = f" ({', '.join(f.fact_ids)})" if f.fact_ids else ""
    return f"{head}{f.severity.value} {f.check} [{where}] {item}{facts}: {f.message}"


@dataclass(frozen=True)
class Check:
    """A registered check: `func` is called as its `scope` says (see `Scope`)."""

    id: str
    severity: Severity
    scope: Scope
    func: Callable[..., Any]

    @property
    def description(self) -> str:
        """The first paragraph of `func`'s docstring."""
        return " ".join(self.func.__doc__.split("\n\n")[0].split())


class Checks(list[Check]):
    """The checks of one scope, in report order: each registered by decorating its function with
    `@CHECKS(id, severity)`."""

    def __init__(self, scope: Scope) -> None:
        super().__init__()
        self.scope = scope

    def __call__(self, id: str, severity: Severity) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(func: Callable[..., Any]) -> Callable[..., Any]:
            self.append(Check(id, severity, self.scope, func))
            return func

        return register


ERROR, WARNING = Severity.error, Severity.warning
