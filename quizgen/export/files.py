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

from ..formats import EXPORT_FORMATS
from ..model import LoadedPack
from ..quiz.items import Quiz
from ..recipe import LoadedRecipe


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
    # Format -> (file name, writer): LMS files are named after the quiz, the notes after the recipe.
    writers = {
        "gift": (f"{quiz.name}.gift", lambda: gift_bytes(quiz, context)),
        "moodle-xml": (f"{quiz.name}-moodle.xml", lambda: moodle_xml_bytes(quiz, context)),
        "qti": (f"{quiz.name}-qti.zip", lambda: qti_bytes(quiz, context)),
        "anki-csv": (f"{recipe.name}-anki.csv", lambda: anki_csv_bytes(recipe, packs)),
    }
    return {name: write() for name, write in (writers[f] for f in wanted)}
