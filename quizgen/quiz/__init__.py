"""Printable quizzes: items generated from facts, assembled into versions, rendered by `render`.

The stages: `distractors` (wrong answers that are never right), `generators` (one function per item
type), `assemble` (pick facts per the recipe's mix, seeded; versions are permutations), `build`
(render and write every file of a quiz). Only `build` touches the disk, through `quizgen.writer`.
"""

from .items import Item, Quiz, Version

__all__ = ["Item", "Quiz", "Version"]
