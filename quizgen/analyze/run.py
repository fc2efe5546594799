"""One analysis from files to outputs: read the quiz key and the answers, compute, flag, locate the
facts, and make every output as bytes (`quizgen analyze` writes them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .flags import MIN_RESPONSES, Flag, fact_places, item_flags, suggestions
from .keys import load_quiz_key
from .report import items_csv, options_csv, suggestions_json, to_document, to_html, to_json
from .responses import Answers, read_answers

FORMATS = ("html", "json", "csv")


@dataclass
class Analysis:
    doc: dict
    flags: list[Flag]
    suggestions: list[dict] = field(default_factory=list)


def analyze_answers(answers: Answers, *, search: tuple[str, ...] = (),
                    min_responses: int = MIN_RESPONSES, locate: bool = True) -> Analysis:
    """Figures, flags and suggestions of a table of answers; `locate`: find each fact's file and
    line by loading the packs its id names (from `search`, then the usual places)."""
    from .stats import analyze

    unseen = [i.id for i in answers.key.items if i.id not in answers.seen]
    if not answers.seen:
        from ..problems import Problem

        raise Problem(answers.rows[0].rsplit(":", 1)[0] if answers.rows else "RESPONSES", 1, 1,
                      "no column answers an item of the quiz")
    if unseen:
        answers = answers.only(answers.seen)
    key = answers.key
    quiz, items = analyze(answers)
    fact_ids = {f for i in key.items for f in i.fact_ids}
    places, missing = fact_places(fact_ids, search) if locate else ({}, [])
    notes = [f"pack '{p}' not found (give --facts DIR): its facts' files and lines are not shown"
             for p in missing]
    if unseen:
        notes.append(f"no answers to {', '.join(unseen)} (no column in any file): left out")
    flags = item_flags(items, places, min_responses)
    first = key.default_version
    numbers = {i.id: str(i.number.get(first, n + 1)) for n, i in enumerate(key.items)}
    doc = to_document(key.title, key.quiz_id, list(key.versions), quiz, items, numbers, flags,
                      places, min_responses, notes)
    return Analysis(doc, flags, suggestions(items, flags, places, quiz.mean))


def analyze_files(responses: list[str | Path], quizzes: list[str | Path], **kwargs) -> Analysis:
    key = load_quiz_key(quizzes)
    return analyze_answers(read_answers(responses, key), **kwargs)


def default_stem(quiz_file: str | Path) -> str:
    """`build/rivers-A.json` -> `rivers-analysis`."""
    stem = re.sub(r"-[A-Z]$", "", Path(quiz_file).stem)
    return f"{stem}-analysis"


def output_files(result: Analysis, stem: str, formats: tuple[str, ...] = FORMATS,
                 with_suggestions: bool = False, env=None) -> dict[str, bytes]:
    """File name -> bytes of every output asked for."""
    files: dict[str, bytes] = {}
    if "json" in formats:
        files[f"{stem}.json"] = to_json(result.doc)
    if "csv" in formats:
        files[f"{stem}-items.csv"] = items_csv(result.doc)
        files[f"{stem}-options.csv"] = options_csv(result.doc)
    if "html" in formats:
        files[f"{stem}.html"] = to_html(result.doc, env)
    if with_suggestions:
        files[f"{stem}-suggestions.json"] = suggestions_json(result.suggestions)
    return files
