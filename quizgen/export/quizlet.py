"""Quizlet import text: the deck's notes as flashcards, one card a line, term (the note's
question) and definition (its answer, with the unit of a quantity) separated by a tab, the default
separators of Quizlet's Import box. Both are plain text, unescaped from the notes' HTML fields.

Quizlet's import has no escape: a card whose term or definition holds a tab or a line break would
be split into other cards, so it is left out and reported by its fact key. Nothing else is
special: `<`, `&`, quotes, commas and semicolons arrive as written.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..anki.notes import AnkiNote
from ..anki.notetype import FIELDS

TERM_SEPARATOR = "\t"
CARD_SEPARATOR = "\n"
#: Characters that separate in Quizlet's import (a lone carriage return ends a line too).
BREAKING = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}
_QUESTION, _ANSWER = FIELDS.index("Question"), FIELDS.index("Answer")


@dataclass(frozen=True)
class QuizletText:
    data: bytes
    notes: tuple[str, ...] = ()


def card_of(note: AnkiNote) -> tuple[str, str]:
    """(term, definition) of a note: its Question and Answer fields as plain text."""
    return html.unescape(note.fields[_QUESTION]), html.unescape(note.fields[_ANSWER])


def quizlet_text(notes: list[AnkiNote]) -> QuizletText:
    """The notes as Quizlet import text; a card that holds a separator is left out and reported."""
    cards: list[tuple[str, str]] = []
    report: list[str] = []
    for note in notes:
        term, definition = card_of(note)
        sides = (("term", term), ("definition", definition))
        why = [f"its {side} contains {name}" for side, text in sides
               for ch, name in BREAKING.items() if ch in text]
        if why:
            report.append(f"quizlet: left out {note.key}: {why[0]}, which Quizlet's import would "
                          "read as a separator (it has no escape)")
        else:
            cards.append((term, definition))
    body = "".join(f"{t}{TERM_SEPARATOR}{d}{CARD_SEPARATOR}" for t, d in cards)
    return QuizletText(body.encode("utf-8"), tuple(report))
