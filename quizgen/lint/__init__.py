"""Item quality checks (`quizgen lint`): measurable flaws in cards and quiz items.

`findings` (the Finding and Check models), `cards` (Anki cards), `quiz` (a whole quiz version),
`run` (every check over a recipe, one item's checks being the rules of `quizgen.quiz.checks`).
Pure: cards and quizzes are built in memory, nothing is written.
"""

from .findings import Check, Finding, Severity, format_finding
from .run import CHECKS, lint_recipe

__all__ = ["CHECKS", "Check", "Finding", "Severity", "format_finding", "lint_recipe"]
