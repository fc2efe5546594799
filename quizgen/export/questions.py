"""The one shape every platform emitter reads: items as platform-neutral questions, in sets.

Emitters never look at `Item` directly (text2qti's lesson: one parsed model, several emitters that
only read it). This module decides, once for all formats, which platform kind an item becomes
(`choice`, `truefalse`, `text` for fill in the blank and short answer, `numerical` for a written
number, `matching`), and that an ordering item becomes a matching item (each event matched to its
position, 1 = earliest; `ordered` marks it), because neither GIFT, Moodle XML's standard types nor
Canvas's classic QTI have an ordering type. A `QuestionSet` is what one file holds (one quiz
version or one bank), with a build stamp that names the Moodle category of one build
(docs/exports.md, "Re-importing"); both Moodle formats share its category paths and `*` escaping.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ..model import LoadedPack
from ..problems import Problem
from ..quiz.items import Item, Quiz
from ..recipe import ItemType, LoadedRecipe

Kind = Literal["choice", "truefalse", "text", "numerical", "matching"]

#: A written answer becomes a numerical question only if it (and every accepted form) is a plain
#: decimal number: Moodle's numerical type compares numbers, and "2006" is worth a number field.
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
NUMERIC_ANSWER_TYPES = frozenset({"year", "number"})

#: Item types as category (Moodle) and bank (Canvas) names in a question bank.
TYPE_TITLES: dict[ItemType, str] = {
    ItemType.multiple_choice: "Multiple choice",
    ItemType.true_false: "True or false",
    ItemType.fill_blank: "Fill in the blank",
    ItemType.short_answer: "Short answer",
    ItemType.matching: "Matching",
    ItemType.ordering: "Ordering",
}


class ExportRefused(Problem):
    """An item that a format cannot carry faithfully; the message names the item and the way out."""


@dataclass(frozen=True)
class ExportContext:
    """What exporters need beyond the items: each fact's topic (title and id) and tags."""

    topics: dict[str, str] = field(default_factory=dict)  # fact key -> topic title
    topic_ids: dict[str, str] = field(default_factory=dict)  # fact key -> topic id
    fact_tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fact key -> its own tags


def export_context(recipe: LoadedRecipe, packs: list[LoadedPack]) -> ExportContext:
    """Topics and tags of every fact in the packs, by `pack/id` key; topic titles from the recipe
    (`deck.topic_titles`), else the pack's (`topics:` in pack.yaml), else the id made readable."""
    from ..anki.notes import readable_topic

    given = dict(recipe.recipe.deck.topic_titles) if recipe.recipe.deck else {}
    facts = [lf for lp in packs for lf in lp.facts]
    pack_titles = {lp.pack.id: lp.pack.topics for lp in packs}
    titles = {lf.fact.topic: given.get(lf.fact.topic) or pack_titles[lf.pack].get(lf.fact.topic)
              or readable_topic(lf.fact.topic) for lf in facts}
    return ExportContext(
        topics={lf.key: titles[lf.fact.topic] for lf in facts},
        topic_ids={lf.key: lf.fact.topic for lf in facts},
        fact_tags={lf.key: tuple(lf.fact.tags) for lf in facts},
    )


@dataclass(frozen=True)
class Question:
    """One item as any platform sees it. Texts are plain text: each emitter escapes them itself."""

    item: Item
    id: str  # the item's
    fact_ids: tuple[str, ...]
    points: int
    kind: Kind
    prompt: str
    choices: tuple[str, ...] = ()  # choice: the options, in the version's order
    key: int | None = None  # choice: index of the correct option
    truth: bool | None = None  # truefalse: is the statement true?
    answers: tuple[str, ...] = ()  # text/numerical: the expected answer first, then other forms
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (premise, its response)
    extra: tuple[str, ...] = ()  # matching: responses that match no premise (distractors)
    ordered: bool = False  # matching made from an ordering item: responses are positions 1..n
    topic: str = ""  # category title
    topic_id: str = ""  # the topic's id (stable where the title may change)
    section: str = ""  # a second category level (a bank's item type), or ""
    tags: tuple[str, ...] = ()  # topic id, then the facts' own tags, each once

    def content(self) -> dict:
        """Everything a platform receives of this question, as JSON-ready data (for the stamp)."""
        return {
            "id": self.id, "kind": self.kind, "prompt": self.prompt, "choices": self.choices,
            "key": self.key, "truth": self.truth, "answers": self.answers, "pairs": self.pairs,
            "extra": self.extra, "ordered": self.ordered, "topic": self.topic,
            "section": self.section, "tags": self.tags, "points": self.points,
            "facts": self.fact_ids,
        }  # fmt: skip


@dataclass(frozen=True)
class QuestionSet:
    """The questions of one file: one version of a quiz, or a bank.

    `name` is the file stem (`rivers-A`, `rivers-bank`), also the scope of the
    platform identifiers (QTI idents); `title` is the quiz title and `label` what this set is of
    it ("version A", "question bank")."""

    name: str
    title: str
    label: str
    questions: tuple[Question, ...]
    seed: int
    bank: bool = False
    instructions: str = ""

    @cached_property
    def stamp(self) -> str:
        """8 hex digits of a SHA-256 over the questions: the same questions, the same stamp, in
        every format; any change of text, answer, order or category gives another."""
        data = json.dumps([q.content() for q in self.questions], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:8]


def _kind_and_fields(item: Item) -> dict:
    t = item.type
    if t is ItemType.multiple_choice:
        return {"kind": "choice", "choices": tuple(item.options), "key": item.key}
    if t is ItemType.true_false:
        truth = item.statement_true if item.statement_true is not None else item.key == 0
        return {"kind": "truefalse", "truth": bool(truth)}
    if t in (ItemType.fill_blank, ItemType.short_answer):
        answers = (item.answer_text or "", *item.accept)
        numeric = item.answer_type in NUMERIC_ANSWER_TYPES and all(map(NUMBER.fullmatch, answers))
        return {"kind": "numerical" if numeric else "text", "answers": answers}
    if t is ItemType.matching:
        pairs = tuple((p, item.options[m]) for p, m in zip(item.premises, item.matches, strict=True))
        extra = tuple(o for i, o in enumerate(item.options) if i not in item.matches)
        return {"kind": "matching", "pairs": pairs, "extra": extra}
    if t is ItemType.ordering:
        # Each event, in the version's option order, matched to its position (1 = earliest).
        rank = {opt: pos for pos, opt in enumerate(item.sequence, start=1)}
        pairs = tuple((o, str(rank[i])) for i, o in enumerate(item.options))
        return {"kind": "matching", "pairs": pairs, "ordered": True}
    raise ValueError(f"item {item.id}: no export for item type {t.value}")  # pragma: no cover


def question(item: Item, context: ExportContext, *, by_type: bool = False) -> Question:
    """An item as a question; `by_type` puts its item type as a second category level (banks)."""
    first = item.fact_ids[0]
    own = (t for fid in item.fact_ids for t in context.fact_tags.get(fid, ()))
    tags = tuple(dict.fromkeys(t for t in (context.topic_ids.get(first, ""), *own) if t))
    return Question(
        item=item,
        id=item.id,
        fact_ids=tuple(item.fact_ids),
        points=item.points,
        prompt=item.prompt,
        topic=context.topics.get(first, ""),
        topic_id=context.topic_ids.get(first, ""),
        section=TYPE_TITLES[item.type] if by_type else "",
        tags=tags,
        **_kind_and_fields(item),
    )


def quiz_set(quiz: Quiz, context: ExportContext, letter: str) -> QuestionSet:
    """One version of a quiz, by letter: its items in the version's order and option order."""
    v = next((v for v in quiz.versions if v.letter == letter), None)
    if v is None:
        letters = ", ".join(v.letter for v in quiz.versions)
        raise Problem("--export-version", 1, 1,
                      f"no version {letter!r} in this quiz (it has {letters})")
    return QuestionSet(
        name=f"{quiz.name}-{v.letter}",
        title=quiz.title,
        label=f"version {v.letter}",
        questions=tuple(question(item, context) for item in v.items),
        seed=quiz.seed,
        instructions=quiz.instructions,
    )


def bank_set(
    name: str, title: str, seed: int, items: list[Item], context: ExportContext
) -> QuestionSet:
    """A question bank: categories by topic, then by item type; topics in order of first fact."""
    qs = [question(item, context, by_type=True) for item in items]
    order = {ItemType(t): n for n, t in enumerate(TYPE_TITLES)}
    topics = list(dict.fromkeys(q.topic for q in qs))
    qs.sort(key=lambda q: (topics.index(q.topic), order[q.item.type]))  # stable: fact order kept
    return QuestionSet(
        name=f"{name}-bank",
        title=title,
        label="question bank",
        questions=tuple(qs),
        seed=seed,
        bank=True,
    )


def category_path(qset: QuestionSet, q: Question) -> str:
    """A question's Moodle category path: `$course$/top/`, the set's title, label and build stamp,
    then its topic and section; each level on one line, a `/` inside one doubled (Moodle's rule in
    `split_category_path`)."""
    top = f"{qset.title} — {qset.label} (build {qset.stamp})"
    parts = (" ".join(p.split()).replace("/", "//") for p in (top, q.topic, q.section) if p)
    return "$course$/top/" + "/".join(parts)


def by_category(qset: QuestionSet) -> Iterator[tuple[str, list[Question]]]:
    """Questions grouped by category, as (Moodle category path, its questions): categories in
    order of first appearance, questions in set order within one, so a file switches category
    once per category."""
    groups: dict[str, list[Question]] = {}
    for q in qset.questions:
        groups.setdefault(category_path(qset, q), []).append(q)
    yield from groups.items()


def wildcard_escape(answer: str) -> str:
    """A short answer with Moodle's wildcard `*` made literal: every `*` becomes `\\*`. Moodle
    splits only on stars with no backslash before them, then replaces each `\\*` by `*`, so this
    holds for any text (a backslash before a star included: `\\*` is written `\\\\*`)."""
    return answer.replace("*", "\\*")
