"""The names of what `quizgen quiz` and `quizgen deck` can write, and the largest quiz, in a module
that imports nothing, so the command line can offer them without loading the pipeline."""

#: Written by the quiz itself (`render.html.render_quiz`); "sheet" is the bubble answer sheets
#: (`sheet/`).
FORMATS = ("html", "json", "pdf", "sheet")
#: Exports of a quiz version or a question bank for learning platforms (`export/files.py`).
EXPORT_FORMATS = ("gift", "moodle-xml", "qti", "kahoot")
#: What `quizgen deck` writes: the Anki package itself (`anki/deck.py`), then exports of its notes.
DECK_FORMATS = ("apkg", "csv", "quizlet")
DECK_EXPORT_FORMATS = ("csv", "quizlet")
#: The most questions one quiz may have (a recipe's `questions` and `mix`, `--questions`).
MAX_QUESTIONS = 500
