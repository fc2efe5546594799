"""Item analysis of a class's answers (`quizgen analyze`, docs/grading.md).

keys (the quiz's versions, matched by item id) -> responses (grades.csv, a responses CSV, Moodle's
Responses report) -> stats (numpy, imported only here) -> flags (tied to facts) -> report (JSON,
CSV, HTML); `run.analyze_files` does all of it.
"""
