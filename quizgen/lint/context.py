"""What checks read besides the item itself: the fact base and facts by key (`RuleContext`)."""

from __future__ import annotations

from ..quiz.checks import RuleContext as LintContext

__all__ = ["LintContext"]
