"""The export files of one quiz, by format name: what `quizgen quiz --format ...` writes.

    <recipe>.gift          Moodle GIFT                  (gift)
    <recipe>-moodle.xml    Moodle XML                   (moodle-xml)
    <recipe>-qti.zip       QTI 1.2 package for Canvas   (qti)
    <recipe>-anki.csv      the deck's notes as Anki CSV (anki-csv)

The LMS files hold the first version (same item ids and keys as `<recipe>-<V>.json` of it);
platforms shuffle on their own. All files are made in memory; a refused item raises before any
file is written.
"""

from __future__ import annotations

from ..model import LoadedPack
from ..quiz.items import Quiz
from ..recipe import LoadedRecipe

EXPORT_FORMATS = ("gift", "moodle-xml", "qti", "anki-csv")


def export_files(
    quiz: Quiz, recipe: LoadedRecipe, packs: list[LoadedPack], formats: tuple[str, ...] | list[str]
) -> dict[str, bytes]:
    """File name -> bytes for every export format asked for (other format names are ignored)."""
    from .anki_csv import anki_csv_bytes
    from .gift import gift_bytes
    from .moodle_xml import moodle_xml_bytes
    from .qti import qti_bytes
    from .questions import export_context

    wanted = [f for f in EXPORT_FORMATS if f in formats]
    if not wanted:
        return {}
    context = export_context(recipe, packs, quiz.title)
    files: dict[str, bytes] = {}
    if "gift" in wanted:
        files[f"{quiz.name}.gift"] = gift_bytes(quiz, context)
    if "moodle-xml" in wanted:
        files[f"{quiz.name}-moodle.xml"] = moodle_xml_bytes(quiz, context)
    if "qti" in wanted:
        files[f"{quiz.name}-qti.zip"] = qti_bytes(quiz, context)
    if "anki-csv" in wanted:
        files[f"{recipe.name}-anki.csv"] = anki_csv_bytes(recipe, packs)
    return files
