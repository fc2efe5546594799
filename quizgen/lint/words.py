"""Words: content words, absolute words and name parts, shared by the item and card checks.

A content word is a normalised word (accents, case and punctuation dropped) of at least 3 letters
that is not on a small English stopword list; digits count too (a year is content). Two texts
"share a word" when their sets of content words meet.
"""

from __future__ import annotations

from ..normalize import STOPWORDS, content_words, normalize_answer, words  # noqa: F401 (re-exported)
from ..quiz.rules import (  # noqa: F401 (re-exported)
    ABSOLUTE_WORDS,
    absolute_words,
    has_initials,
    mentions,
    name_parts,
)

#: Does `text` contain `phrase` as whole normalised words ('Cardenas' in 'Lázaro Cárdenas')? The
#: quiz generators' test, so that lint and generation agree.
contains_phrase = mentions
