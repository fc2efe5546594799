"""Answer normalisation: when two written answers are the same answer.

Used wherever a wrong answer must not be the right one in disguise: hand-written distractors,
generated distractors, accepted aliases. Case, accents, punctuation, a leading article and
whitespace do not make two answers different.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
#: A thousands separator inside a number ("1,100", "6 650"): written or not, it is the same number.
_THOUSANDS = re.compile(r"(?<=\d)[,.\u00a0\u202f ](?=\d{3}(?!\d))")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_answer(text: str) -> str:
    """A comparison key: 'Lázaro Cárdenas' and 'lazaro  cardenas.' give the same key."""
    decomposed = unicodedata.normalize("NFKD", _THOUSANDS.sub("", text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.casefold().strip()
    lowered = _NON_WORD.sub(" ", lowered).strip()
    lowered = _ARTICLES.sub("", lowered)
    return " ".join(lowered.replace("_", " ").split())


def same_answer(a: str, b: str) -> bool:
    return normalize_answer(a) == normalize_answer(b)
