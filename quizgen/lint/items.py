"""Per-item checks, registered for `quizgen lint`: the rules of `quizgen.quiz.checks`.

The quiz generators refuse any item an error rule flags, so on generated quizzes these checks are an
independent guard; on hand-edited items they are the tool. docs/lint.md lists each check.
"""

from __future__ import annotations

from ..quiz.checks import RULES
from .findings import Check, Scope, Severity

CHECKS = [Check(r.id, Severity(r.severity), Scope.item, r.description, r.func) for r in RULES]
