"""The names of what `quizgen quiz` can write, in a module that imports nothing, so the command
line can offer them without loading the pipeline."""

#: Written by the quiz itself (`quiz/build.py`).
FORMATS = ("html", "json", "pdf")
#: Exports for learning platforms (`export/files.py`).
EXPORT_FORMATS = ("gift", "moodle-xml", "qti", "anki-csv")
