"""Exports for learning platforms: Moodle (GIFT, Moodle XML), Canvas (QTI 1.2), Kahoot (.xlsx),
and of the deck's notes: Anki CSV and Quizlet import text.

Quiz versions and banks become `questions.QuestionSet`s, read by one pure function per format that
returns bytes and never touches the disk: `gift.gift_bytes`, `moodle_xml.moodle_xml_bytes`,
`qti.qti_bytes`, `kahoot.kahoot_sheet`. The deck's notes, exactly as the .apkg builds them, feed
`anki_csv.notes_csv` and `quizlet.quizlet_text`. `files` names and runs them for
`quizgen quiz --format` and `quizgen deck --format`; docs/exports.md says what each file holds, what
each platform imports of it and how to import it.
"""
