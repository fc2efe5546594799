"""What checks read besides the item itself: the fact base, facts by key, the quiz's settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Fact, LocatedFact
from ..quiz.distractors import FactBase


@dataclass(frozen=True)
class LintContext:
    """The fact base an item is checked against (every fact of the recipe's packs)."""

    base: FactBase
    by_key: dict[str, LocatedFact] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: list[LocatedFact]) -> LintContext:
        return cls(FactBase(facts), {lf.key: lf for lf in facts})

    def fact(self, key: str) -> Fact | None:
        lf = self.by_key.get(key)
        return lf.fact if lf else None

    def located(self, key: str) -> LocatedFact | None:
        return self.by_key.get(key)
