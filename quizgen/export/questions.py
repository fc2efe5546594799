"""The one shape every LMS emitter reads: a quiz item as a platform-neutral question.

Emitters never look at `Item` directly (text2qti's lesson: one parsed model, several emitters that
only read it). This module decides, once for all formats:

* which platform question kind an item becomes: `choice` (multiple choice), `truefalse`, `text`
  (fill in the blank and short answer), `numerical` (a written answer that is a number), `matching`;
* that an ordering item becomes a matching item (each event matched to its position, 1 = earliest),
  because neither GIFT, Moodle XML's standard types nor Canvas's classic QTI have an ordering type;
* each item's category (the topic of its first fact) and tags, looked up from the packs by fact key
  (the `Item` model does not carry topics, and stays unchanged);
* what both Moodle formats share: category paths, questions grouped by category, and short answers
  with Moodle's wildcard `*` made literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..model import LoadedPack
from ..problems import Problem
from ..quiz.items import Item, Quiz, Version
from ..recipe import ItemType, LoadedRecipe

Kind = Literal["choice", "truefalse", "text", "numerical", "matching"]

#: A written answer becomes a numerical question only if it (and every accepted form) is a plain
#: decimal number: Moodle's numerical type compares numbers, and "2006" is worth a number field.
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
NUMERIC_ANSWER_TYPES = frozenset({"year", "number"})


class ExportRefused(Problem):
    """An item that a format cannot carry faithfully; the message names the item and the way out."""


@dataclass(frozen=True)
class ExportContext:
    """What exporters need beyond the quiz: where categories live and each fact's topic and tags."""

    category: str  # top category (the quiz title)
    topics: dict[str, str] = field(default_factory=dict)  # fact key -> topic title
    topic_ids: dict[str, str] = field(default_factory=dict)  # fact key -> topic id
    fact_tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # fact key -> its own tags


def export_context(
    recipe: LoadedRecipe, packs: list[LoadedPack], title: str | None = None
) -> ExportContext:
    """Topics and tags of every fact in the packs (by `pack/id` key); titles as the deck names them."""
    from ..anki.decks import readable_topic, topic_title

    settings = recipe.recipe.deck
    topics, ids, tags = {}, {}, {}
    for lp in packs:
        for lf in lp.facts:
            topic = lf.fact.topic
            topics[lf.key] = topic_title(settings, topic) if settings else readable_topic(topic)
            ids[lf.key] = topic
            tags[lf.key] = tuple(lf.fact.tags)
    quiz_title = title or (recipe.recipe.quiz.title if recipe.recipe.quiz else recipe.recipe.title)
    return ExportContext(category=quiz_title, topics=topics, topic_ids=ids, fact_tags=tags)


@dataclass(frozen=True)
class Question:
    """One item as any platform sees it. Texts are plain text: each emitter escapes them itself."""

    item: Item
    kind: Kind
    prompt: str
    choices: tuple[str, ...] = ()  # choice: the options, in the version's order
    key: int | None = None  # choice: index of the correct option
    truth: bool | None = None  # truefalse: is the statement true?
    answers: tuple[
        str, ...
    ] = ()  # text/numerical: the expected answer first, then other accepted forms
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (premise, its response)
    extra: tuple[str, ...] = ()  # matching: responses that match no premise (distractors)
    topic: str = ""  # category title
    tags: tuple[str, ...] = ()  # topic id, then the facts' own tags, each once

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def fact_ids(self) -> list[str]:
        return list(self.item.fact_ids)

    @property
    def points(self) -> int:
        return self.item.points


def _kind_and_fields(item: Item) -> dict:
    t = item.type
    if t is ItemType.multiple_choice:
        return {"kind": "choice", "choices": tuple(item.options), "key": item.key}
    if t is ItemType.true_false:
        truth = item.statement_true if item.statement_true is not None else item.key == 0
        return {"kind": "truefalse", "truth": bool(truth)}
    if t in (ItemType.fill_blank, ItemType.short_answer):
        answers = (item.answer_text or "", *item.accept)
        numeric = item.answer_type in NUMERIC_ANSWER_TYPES and all(
            NUMBER.fullmatch(a) for a in answers
        )
        return {"kind": "numerical" if numeric else "text", "answers": answers}
    if t is ItemType.matching:
        used = set(item.matches)
        return {
            "kind": "matching",
            "pairs": tuple(
                (p, item.options[m]) for p, m in zip(item.premises, item.matches, strict=True)
            ),
            "extra": tuple(o for i, o in enumerate(item.options) if i not in used),
        }
    if t is ItemType.ordering:
        # Each event, in the version's option order, matched to its position (1 = earliest).
        rank = {opt: pos for pos, opt in enumerate(item.sequence, start=1)}
        return {
            "kind": "matching",
            "pairs": tuple((o, str(rank[i])) for i, o in enumerate(item.options)),
        }
    raise ValueError(f"item {item.id}: no export for item type {t.value}")  # pragma: no cover


def question(item: Item, context: ExportContext) -> Question:
    first = item.fact_ids[0]
    tags = [context.topic_ids.get(first, "")]
    for fid in item.fact_ids:
        tags += list(context.fact_tags.get(fid, ()))
    tags = list(dict.fromkeys(t for t in tags if t))
    return Question(
        item=item,
        prompt=item.prompt,
        topic=context.topics.get(first, ""),
        tags=tuple(tags),
        **_kind_and_fields(item),
    )


def pick_version(quiz: Quiz, version: Version | str | None) -> Version:
    """The version to export: given, by letter, or the first (an LMS shuffles on its own)."""
    if isinstance(version, Version):
        return version
    if version is None:
        return quiz.versions[0]
    for v in quiz.versions:
        if v.letter == version:
            return v
    raise Problem("--version", 1, 1, f"no version {version!r} in this quiz")


def questions(
    quiz: Quiz, context: ExportContext, version: Version | str | None = None
) -> list[Question]:
    """The version's items as questions, in the version's order."""
    return [question(item, context) for item in pick_version(quiz, version).items]


def category_path(context: ExportContext, topic: str) -> str:
    """A topic's Moodle category path, under the quiz's top category."""
    # Category paths use '/' between levels; a '/' inside a name is doubled (Moodle's rule).
    # A category line ends at its line end, so names are kept on one line.
    parts = [context.category, topic] if topic else [context.category]
    return "$course$/top/" + "/".join(" ".join(p.split()).replace("/", "//") for p in parts)


def by_category(qs: list[Question], context: ExportContext) -> Iterator[tuple[str, list[Question]]]:
    """Questions grouped by category, as (Moodle category path, its questions): topics in order of
    first appearance, items in version order within a topic, so a file that has categories switches
    category once per topic."""
    groups: dict[str, list[Question]] = {}
    for q in qs:
        groups.setdefault(q.topic, []).append(q)
    for topic, group in groups.items():
        yield category_path(context, topic), group


def wildcard_escape(answer: str) -> str:
    """A short answer with Moodle's wildcard `*` made literal: every `*` becomes `\\*`. Moodle
    splits only on stars with no backslash before them, then replaces each `\\*` by `*`, so this
    holds for any text (a backslash before a star included: `\\*` is written `\\\\*`)."""
    return answer.replace("*", "\\*")
