"""Answers compared: when a written value is an answer to a fact's question.

`answer_key` makes one comparison key per value (normalised text, or the number for plain numbers
and quantities); `accepted` gives a fact's keys; `is_true_for` asks whether a value answers a fact's
question according to a fact base. The quiz generators and the lint both decide with these.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..model import Fact, LocatedFact
from ..normalize import normalize_answer as _uncached_normalize
from . import nearvalues


@functools.lru_cache(maxsize=1 << 16)
def normalize_answer(text: str) -> str:
    """`quizgen.normalize.normalize_answer`, memoised: quizzes compare the same few texts often."""
    return _uncached_normalize(text)


def _fact(f: Fact | LocatedFact) -> Fact:
    return f.fact if isinstance(f, LocatedFact) else f


@functools.lru_cache(maxsize=1 << 16)
def answer_key(text: str) -> str:
    """A comparison key for answers: normalised text, or the number for plain numbers."""
    parts = nearvalues.split_unit(text)
    if parts is not None:
        number, unit = parts
        return f"#{number:g} {normalize_answer(unit)}" if unit else f"#{number:g}"
    return normalize_answer(text)


def _answer_key_once(text: str) -> str:
    """`answer_key` for a text likely seen once (indexing a fact base): no memo to push out."""
    return answer_key(text) if nearvalues.split_unit(text) is not None else _uncached_normalize(text)


def accepted(fact: Fact) -> set[str]:
    """Comparison keys of every answer the fact accepts (a quantity with and without its unit)."""
    answers = [fact.answer, *fact.also_accept]
    if fact.unit:
        answers += [nearvalues.with_unit(a, fact.unit) for a in answers]
    return {answer_key(a) for a in answers}


def question_key(fact: Fact) -> tuple[str, str]:
    """Two facts with the same key ask the same question (same `ask`, or same sentence frame)."""
    before, after = fact.blanked_parts
    return normalize_answer(fact.ask), normalize_answer(before) + "|" + normalize_answer(after)


def is_true_for(fact: Fact | LocatedFact, value: str, factbase: Iterable[Fact | LocatedFact]) -> bool:
    """Would `value` be a right answer to `fact`'s question, according to the fact base?

    True when it is the answer or an accepted alias (after normalisation), or the answer or an alias
    of any fact asking the same question (same `ask`, or the same sentence around the answer),
    disputed facts included: a student who read the source could defend it.
    """
    fact = _fact(fact)
    key = answer_key(value)
    if key in accepted(fact):
        return True
    ask, frame = question_key(fact)
    for other in factbase:
        other = _fact(other)
        if other is fact:
            continue
        o_ask, o_frame = question_key(other)
        if (o_ask == ask or o_frame == frame) and key in accepted(other):
            return True
    return False
