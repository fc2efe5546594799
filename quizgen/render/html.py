"""Quiz pages as HTML: the student sheet and the key of each version, and the self-check page.

Each page is one self-contained file: the print CSS is included inline (from templates/print.css,
overridable like any template), and the self-check page carries its answers as JSON and its
script inline, so it works offline from a USB stick.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ..normalize import ECHO_OPENERS, EXTRA_WORDS
from ..quiz.items import Quiz, Version
from .templates import render

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _context(quiz: Quiz, version: Version | None) -> dict[str, Any]:
    return {
        "quiz": quiz,
        "version": version,
        "items": (version or quiz.versions[0]).items,
        "letters": LETTERS,
        "paper": quiz.paper.value,
        "total_points": (version or quiz.versions[0]).total_points,
        # the marking rule for written answers, as the self-check page applies it
        "echo_openers": ECHO_OPENERS,
        "extra_words": EXTRA_WORDS,
    }


def render_sheet(env: Environment, quiz: Quiz, version: Version) -> str:
    """The student sheet of one version."""
    return render(env, "quiz.html", **_context(quiz, version))


def render_key(env: Environment, quiz: Quiz, version: Version) -> str:
    """The answer key of one version: each answer with its fact id and evidence quote."""
    return render(env, "key.html", **_context(quiz, version))


def self_check_data(quiz: Quiz) -> list[dict[str, Any]]:
    """What the self-check script needs to score each question (version A's order)."""
    out = []
    for item in quiz.versions[0].items:
        out.append({
            "id": item.id,
            "type": item.type.value,
            "points": item.points,
            "key": item.key,
            "accept": [item.answer_text, *item.accept] if item.answer_text and item.key is None else [],
            "matches": item.matches,
            "sequence": item.sequence,
            "answer": item.answer,
            "correction": item.answer_text if item.type.value == "true_false" else None,
        })
    return out


def render_self_check(env: Environment, quiz: Quiz) -> str:
    """One offline page that reveals and scores answers in the browser."""
    return render(env, "self-check.html", **_context(quiz, None), answers=self_check_data(quiz))
