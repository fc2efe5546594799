"""Simulated classes for item analysis: students answer a multiple-choice quiz by an item-response
model, with two flawed items planted, so `quizgen analyze` is checked against known truth.

The model (two-parameter logistic, with blind guessing):

* each student has an ability theta ~ N(0, 1);
* item j has a discrimination a_j and a difficulty b_j; a student knows the answer with
  probability 1 / (1 + exp(-a_j (theta - b_j))), and otherwise picks one of the options at random
  (so the key too, one time in four);
* a student who knows picks the right answer; two items are planted with flaws:
  - the WRONG-KEY item: the quiz marks a distractor as its key, so those who know are scored wrong;
  - the TRUE-DISTRACTOR item: one distractor is also right, so those who know split between it and
    the key.

Good items are drawn so that about 20-50% of a class knows the answer (a ~ U(1, 2),
b ~ U(0, 0.8)): every distractor is then chosen by some 12% or more, and no good item is meant to
be flagged. The planted items are items about 65% of a class knows (a = 1.5, b = -0.5): a flaw
shows only through the students who know the answer, so an item few know hides it from any
statistic.

    python benchmarks/simclass.py -o sim --students 100 --seed 1

writes sim/sim-A.json (a quiz JSON like `quizgen quiz` writes) and sim/responses.csv (a plain
responses CSV: student, version, one column per item id with the chosen letter).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

N_ITEMS = 20
N_OPTIONS = 4
WRONG_KEY = 3  # index of the planted wrong-key item
TRUE_DISTRACTOR = 11  # index of the planted item with a true distractor


#: (a, b) of the two planted items: items most of a class knows (about 65%), as a flawed item
#: shows its flaw only through the students who know the answer.
PLANTED = (1.5, -0.5)


def items(rng, n_items: int = N_ITEMS):
    """(a, b) of each item: discriminations and difficulties (the planted items' are PLANTED)."""
    a = rng.uniform(1.0, 2.0, n_items)
    b = rng.uniform(0.0, 0.8, n_items)
    for j in (WRONG_KEY, TRUE_DISTRACTOR):
        if j < n_items:
            a[j], b[j] = PLANTED
    return a, b


def simulate(rng, n_students: int, a, b, *, wrong_key: int | None = WRONG_KEY,
             true_distractor: int | None = TRUE_DISTRACTOR):
    """One class: (choices n x k of option indices, the quiz's keys k). The right answer of every
    item is option 0; the wrong-key item's quiz key is option 1; the true-distractor item's option
    1 is right too (its key stays 0)."""
    import numpy as np

    k = len(a)
    theta = rng.standard_normal(n_students)
    know = rng.random((n_students, k)) < 1 / (1 + np.exp(-a * (theta[:, None] - b)))
    guess = rng.integers(0, N_OPTIONS, (n_students, k))
    choices = np.where(know, 0, guess)
    keys = np.zeros(k, dtype=int)
    if wrong_key is not None and wrong_key < k:
        keys[wrong_key] = 1
    if true_distractor is not None and true_distractor < k:
        split = rng.random(n_students) < 0.5
        col = choices[:, true_distractor]
        choices[:, true_distractor] = np.where(know[:, true_distractor] & split, 1, col)
    return choices, keys


def quiz_json(keys, version: str = "A") -> dict:
    """A quiz JSON of the simulated quiz (one version), in the layout `quizgen quiz` writes."""
    questions = []
    for j, key in enumerate(keys):
        options = [f"answer {j + 1}", *(f"distractor {j + 1}.{d}" for d in range(1, N_OPTIONS))]
        questions.append({
            "id": f"mc-sim-{j + 1:02d}", "type": "multiple_choice",
            "prompt": f"Simulated question {j + 1}?", "options": options, "key": int(key),
            "answer": options[int(key)], "answer_type": "term",
            "fact_ids": [f"sim/fact-{j + 1:02d}"], "points": 1, "evidence": [],
        })
    return {"title": "Simulated quiz", "seed": 0, "version": version, "paper": "A4",
            "total_points": len(keys), "questions": questions}


def write_class(out: Path, n_students: int, seed: int) -> tuple[Path, Path]:
    import numpy as np

    rng = np.random.default_rng(seed)
    a, b = items(rng)
    choices, keys = simulate(rng, n_students, a, b)
    out.mkdir(parents=True, exist_ok=True)
    doc = quiz_json(keys)
    quiz = out / "sim-A.json"
    quiz.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    responses = out / "responses.csv"
    with responses.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "version", *(q["id"] for q in doc["questions"])])
        for s, row in enumerate(choices):
            w.writerow([f"s{s + 1:03d}", "A", *("ABCD"[c] for c in row)])
    return quiz, responses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", default="sim", help="folder to write into")
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    quiz, responses = write_class(Path(args.out), args.students, args.seed)
    print(f"wrote {quiz} and {responses}")


if __name__ == "__main__":
    main()
