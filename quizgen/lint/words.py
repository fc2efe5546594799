"""Words: content words, absolute words and name parts, shared by the item and card checks.

A content word is a normalised word (accents, case and punctuation dropped) of at least 3 letters
that is not on a small English stopword list; digits count too (a year is content). Two texts
"share a word" when their sets of content words meet.
"""

from __future__ import annotations

import re

from ..normalize import normalize_answer
from ..quiz.generators import mentions

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not of
off on once or other our ours out over own same she should so some such than that the their theirs
them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours whose upon among via per
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

#: Absolute words (Haladyna et al. 2002, guideline 28 on specific determiners).
ABSOLUTE_WORDS = ("always", "never", "only", "completely", "absolutely")


def words(text: str) -> list[str]:
    """Normalised words in order: 'Lázaro Cárdenas, 1934' -> ['lazaro', 'cardenas', '1934']."""
    return normalize_answer(text).split()


def content_words(text: str) -> set[str]:
    """Words of 3 or more characters that are not stopwords (numbers of any length count)."""
    return {w for w in words(text) if (len(w) >= 3 or w.isdigit()) and w not in STOPWORDS}


#: Does `text` contain `phrase` as whole normalised words ('Cardenas' in 'Lázaro Cárdenas')? The
#: quiz generators' test, so that lint and generation agree.
contains_phrase = mentions


def absolute_words(text: str) -> list[str]:
    found = set(words(text))
    return [w for w in ABSOLUTE_WORDS if w in found]


_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.?$|^[A-ZÀ-Ý]\.[A-ZÀ-Ý]\.?$")
#: Particles that join a name without being a name part of their own (de, von, bin...).
_PARTICLES = frozenset(
    {"de", "del", "la", "los", "las", "van", "von", "der", "da", "di", "du", "y", "bin", "ibn"}
)


def name_parts(name: str) -> list[str]:
    """The parts of a person's name, particles left out: 'Francisco de Orellana' -> 2 parts."""
    return [p for p in name.replace(",", " ").split() if p.lower() not in _PARTICLES]


def has_initials(name: str) -> bool:
    """'J. R. R. Tolkien' or 'V.I. Lenin' have initials; 'Lev Trotsky' has none."""
    return any(_INITIAL.match(p) for p in name.split())
