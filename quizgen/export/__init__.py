"""Exports for learning platforms: Moodle GIFT, Moodle XML, QTI 1.2 (Canvas) and Anki CSV.

Each format is one module with one pure function that returns bytes and never touches the disk:
`gift.gift_bytes`, `moodle_xml.moodle_xml_bytes`, `qti.qti_bytes` (all three read a generated
`Quiz` through the shared, read-only shape in `questions`), and `anki_csv.anki_csv_bytes` (the deck's
notes, exactly as the .apkg builds them). `files.export_files` names and runs them for
`quizgen quiz --format`; docs/exports.md says what each file holds and how to import it.
"""

from __future__ import annotations

from .files import EXPORT_FORMATS, export_files
from .questions import ExportContext, ExportRefused, Question, export_context, questions

__all__ = [
    "EXPORT_FORMATS",
    "ExportContext",
    "ExportRefused",
    "Question",
    "export_context",
    "export_files",
    "questions",
]
