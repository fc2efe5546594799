"""The names of what `quizgen quiz` and `quizgen deck` can write, the largest quiz, and the columns
grades.csv starts with, in a module that imports nothing, so the command line can offer them
without loading the pipeline (and grading and analysis share them without importing each other)."""

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
#: The first columns of grades.csv, which `quizgen grade` writes and `quizgen analyze` reads.
GRADES_LEADING = ["file", "page", "quiz", "version", "student", "name"]
