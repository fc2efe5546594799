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

#: Characters that separate in Quizlet's import (a lone carriage return ends a line too).
BREAKING = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}
_QUESTION, _ANSWER = FIELDS.index("Question"), FIELDS.index("Answer")


@dataclass(frozen=True)
class QuizletText:
    data: bytes
    notes: tuple[str, ...] = ()


def quizlet_text(notes: list[AnkiNote]) -> QuizletText:
    """The notes as Quizlet import text, one `term<tab>definition` line per note (its Question
    and Answer fields as plain text); a card that holds a separator is left out and reported."""
    lines: list[str] = []
    report: list[str] = []
    for note in notes:
        term, definition = html.unescape(note.fields[_QUESTION]), html.unescape(note.fields[_ANSWER])
        sides = (("term", term), ("definition", definition))
        why = [f"its {side} contains {name}" for side, text in sides
               for ch, name in BREAKING.items() if ch in text]
        if why:
            report.append(f"quizlet: left out {note.key}: {why[0]}, which Quizlet's import would "
                          "read as a separator (it has no escape)")
        else:
            lines.append(f"{term}\t{definition}\n")
    return QuizletText("".join(lines).encode("utf-8"), tuple(report))
