"""The quiz an analysis is about, read from the quiz JSON of each version (`build/<recipe>-<V>.json`).

Items are matched across versions by their id: every version holds the same items, only the
question order and the option order differ. Options are kept in one canonical order (that of the
first version given, normally A), so a student of version B who chose the printed letter C is
counted under the same option as a student of version A who chose the letter that version printed
for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, Problems

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHOICE_TYPES = ("multiple_choice", "true_false")
WRITTEN_TYPES = ("fill_blank", "short_answer")


@dataclass
class KeyItem:
    """One item of the quiz, its options in canonical order and where each version printed it."""

    id: str
    type: str
    prompt: str
    options: list[str]
    key: int | None  # canonical index of the right option (choice items)
    answer_text: str | None  # written items: the expected answer
    accept: list[str]
    fact_ids: list[str]
    points: float
    #: matching and ordering: (premise, its answer); an ordering item's answer is its position,
    #: as the Moodle export asks it (event -> 1, 2, ...)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    #: version letter -> canonical option index of each printed letter (A, B, ...)
    printed: dict[str, list[int]] = field(default_factory=dict)
    #: version letter -> 1-based number of the item in that version
    number: dict[str, int] = field(default_factory=dict)

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES and bool(self.options) and self.key is not None

    @property
    def is_written(self) -> bool:
        return self.type in WRITTEN_TYPES


@dataclass
class QuizKey:
    """Every version's JSON, merged: items in the first version's order, and each version's order."""

    title: str
    items: list[KeyItem]
    versions: dict[str, list[str]]  # letter -> item ids in printed order
    quiz_id: str | None = None

    def item(self, item_id: str) -> KeyItem | None:
        return self._by_id.get(item_id)

    def __post_init__(self) -> None:
        self._by_id = {i.id: i for i in self.items}

    @property
    def default_version(self) -> str:
        return next(iter(self.versions))


def _pairs(q: dict) -> list[tuple[str, str]]:
    if q["type"] == "matching":
        return [(str(p), str(r)) for p, r in q.get("answer", [])]
    if q["type"] == "ordering":
        return [(str(e), str(n)) for n, e in enumerate(q.get("answer", []), 1)]
    return []


def _item_of(q: dict, path: str, n: int) -> KeyItem:
    """Question n (1-based) of a quiz JSON, checked enough that nothing later can fail on it."""
    if not isinstance(q, dict) or not isinstance(q.get("id"), str) or not isinstance(q.get("type"), str):
        raise Problem(path, 1, 1, f"question {n}: not a quiz JSON question (an object with an "
                                  "`id` and a `type`)")
    if q["type"] in CHOICE_TYPES:
        options, key = q.get("options"), q.get("key")
        if (not isinstance(options, list) or type(key) is not int or not 0 <= key < len(options)
                or len(set(map(str, options))) != len(options)):
            raise Problem(path, 1, 1, f"question {n} ({q['id']}): a choice item needs distinct "
                                      "`options` and a `key` that is the index of one")
    points = q.get("points", 1)
    if type(points) not in (int, float) or not 0 < points < 1e6:
        raise Problem(path, 1, 1, f"question {n} ({q['id']}): `points` must be a positive number")
    try:
        return KeyItem(
            id=str(q["id"]), type=str(q["type"]), prompt=str(q.get("prompt", "")),
            options=[str(o) for o in q.get("options", [])] if q["type"] in CHOICE_TYPES else [],
            key=q.get("key") if q["type"] in CHOICE_TYPES else None,
            answer_text=str(q["answer"]) if q["type"] in WRITTEN_TYPES else None,
            accept=[str(a) for a in q.get("accept", [])],
            fact_ids=[str(f) for f in q.get("fact_ids", [])],
            points=float(q.get("points", 1)),
            pairs=_pairs(q),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise Problem(path, 1, 1, f"question {n} ({q['id']}): not a quiz JSON question ({err})") from None


def load_quiz_key(paths: list[str | Path]) -> QuizKey:
    """Merge the quiz JSON files of a quiz's versions. Problems (not JSON, another quiz, an item
    missing from a version, options that differ) are raised together, located by file."""
    problems: list[Problem] = []
    docs = []
    for raw in paths:
        path = str(raw)
        try:
            docs.append((path, json.loads(Path(raw).read_text(encoding="utf-8"))))
        except OSError as err:
            problems.append(Problem(path, 1, 1, f"cannot read the quiz JSON: {err.strerror}"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            problems.append(Problem(path, getattr(err, "lineno", 1), 1, f"not JSON: {err}"))
    if problems:
        raise Problems(problems)
    return quiz_key(docs)


def quiz_key(docs: list[tuple[str, object]]) -> QuizKey:
    """The quiz key of parsed quiz JSON documents, each with the name of its file."""
    problems: list[Problem] = []
    items: dict[str, KeyItem] = {}
    versions: dict[str, list[str]] = {}
    title, quiz_id = "", None
    for path, doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
            problems.append(Problem(path, 1, 1, "not a quiz JSON of quizgen (no `questions` list); "
                                                "give build/<recipe>-<V>.json"))
            continue
        letter = str(doc.get("version") or LETTERS[len(versions)])
        if letter in versions:
            problems.append(Problem(path, 1, 1, f"version {letter} is given twice"))
            continue
        if versions and doc.get("quiz") and quiz_id and doc["quiz"] != quiz_id:
            problems.append(Problem(path, 1, 1, f"quiz {doc['quiz']} is not quiz {quiz_id} of the "
                                                "other files"))
            continue
        quiz_id = quiz_id or doc.get("quiz")
        title = title or str(doc.get("title", ""))
        order = []
        try:
            for n, q in enumerate(doc["questions"], 1):
                got = _item_of(q, path, n)
                order.append(got.id)
                item = items.setdefault(got.id, got)
                if item is not got and sorted(item.options) != sorted(got.options):
                    problems.append(Problem(path, 1, 1, f"item {got.id}: its options differ from "
                                                        "the first version's"))
                    continue
                item.printed[letter] = [item.options.index(o) for o in got.options]
                item.number[letter] = n
                if item is got:
                    continue
                if got.key is not None and got.options[got.key] != item.options[item.key]:
                    problems.append(Problem(path, 1, 1, f"item {got.id}: its key differs from the "
                                                        "first version's"))
        except Problem as err:
            problems.append(err)
            continue
        if versions and set(order) != set(next(iter(versions.values()))):
            problems.append(Problem(path, 1, 1, f"version {letter} has other items than version "
                                                f"{next(iter(versions))}: not the same quiz"))
            continue
        versions[letter] = order
    if problems:
        raise Problems(problems)
    if not versions:
        raise Problem("--quiz", 1, 1, "give the quiz JSON of each version (--quiz build/<recipe>-A.json)")
    first = next(iter(versions.values()))
    return QuizKey(title=title, items=[items[i] for i in first], versions=versions, quiz_id=quiz_id)
