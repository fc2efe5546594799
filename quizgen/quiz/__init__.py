"""Printable quizzes: items generated from facts, assembled into versions, rendered by `render`.

The stages: `rules` and `checks` (the rule book of item quality, which the lint re-checks),
`distractors` (wrong answers that are never right), `generators` (one function per item type),
`assemble` (pick facts per the recipe's mix, seeded; versions are permutations), `bank` (every
item of every fact). All pure: rendering and writing live in `quizgen.render` and `quizgen.export`.
"""

from .items import Item, Quiz, Version

__all__ = ["Item", "Quiz", "Version"]
