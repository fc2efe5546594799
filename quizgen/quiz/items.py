"""The quiz model: items, versions and quizzes, as typed records a renderer or a linter only reads.

One `Item` shape serves every item type, so a linter can check any item with the same code:
`options` are what the student chooses from (multiple choice, true/false, the responses of a
matching item, the events of an ordering item), and the answer is stored as indices into them
(`key` for one choice, `matches` for matching, `sequence` for ordering) or as text (`answer_text`
for written answers). `answer` gives the answer in the form the JSON export promises.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import FILL_BLANK
from ..recipe import ItemType, Paper


class Evidence(BaseModel):
    """What a teacher checks an answer against: the fact, the quote and the source's title.

    `source` is None when the quiz was built without the packs' source titles; the JSON export
    then leaves the field out rather than print an empty string.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact_id: str
    quote: str
    source: str | None = None


class Item(BaseModel):
    """One question. Immutable: a version re-orders options by building a new item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable across versions and rebuilds: derived from the fact ids.")
    type: ItemType
    prompt: str = Field(description="Plain text; a fill-in-the-blank marks its blank as BLANK.")
    answer_type: str
    fact_ids: list[str] = Field(min_length=1, description="pack/id of every fact the item uses.")
    points: int = 1
    options: list[str] = Field(default_factory=list)
    key: int | None = Field(default=None, description="Index of the correct option (MC, T/F).")
    answer_text: str | None = Field(default=None, description="Written answers: the expected text.")
    accept: list[str] = Field(default_factory=list, description="Other accepted written answers.")
    premises: list[str] = Field(default_factory=list, description="Matching: the numbered prompts.")
    matches: list[int] = Field(default_factory=list, description="Matching: option index per premise.")
    sequence: list[int] = Field(default_factory=list, description="Ordering: option indices, earliest first.")
    dates: list[str] = Field(default_factory=list, description="Ordering: `when` of each option.")
    ascending: bool = Field(default=False, description="Options are numbers kept in ascending order.")
    statement_true: bool | None = Field(default=None, description="True/false: is the statement true?")
    evidence: list[Evidence] = Field(default_factory=list)

    #: The text standing for the blank in a fill-in-the-blank prompt; templates draw a line for it.
    BLANK: ClassVar[str] = FILL_BLANK

    @property
    def answer(self) -> Any:
        """The correct answer: option text; [premise, response] pairs; or the ordered list."""
        if self.type is ItemType.matching:
            return [[p, self.options[m]] for p, m in zip(self.premises, self.matches, strict=True)]
        if self.type is ItemType.ordering:
            return [self.options[i] for i in self.sequence]
        if self.key is not None:
            return self.options[self.key]
        return self.answer_text

    @property
    def prompt_parts(self) -> tuple[str, str] | None:
        """A fill-in-the-blank prompt split around its blank (for templates that draw the line)."""
        if self.type is not ItemType.fill_blank or self.BLANK not in self.prompt:
            return None
        before, after = self.prompt.split(self.BLANK, 1)
        return before, after

    def export(self) -> dict[str, Any]:
        """The item as the JSON export writes it (stable key order)."""
        out: dict[str, Any] = {"id": self.id, "type": self.type.value, "prompt": self.prompt}
        if self.premises:
            out["premises"] = list(self.premises)
        if self.options:
            out["options"] = list(self.options)
        if self.key is not None:
            out["key"] = self.key
        out["answer"] = self.answer
        if self.accept:
            out["accept"] = list(self.accept)
        if self.dates:
            out["dates"] = [self.dates[i] for i in self.sequence]
        out["answer_type"] = self.answer_type
        out["fact_ids"] = list(self.fact_ids)
        out["points"] = self.points
        out["evidence"] = [e.model_dump(exclude_none=True) for e in self.evidence]
        return out


class Version(BaseModel):
    """One printed version: the quiz's items in this version's question and option order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    letter: str
    items: list[Item]

    @property
    def total_points(self) -> int:
        return sum(i.points for i in self.items)


class Quiz(BaseModel):
    """A generated quiz: its items (canonical order), its versions, and what had to be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    instructions: str
    seed: int
    paper: Paper
    items: list[Item]
    versions: list[Version]
    notes: list[str] = Field(
        default_factory=list,
        description="Items that became another type or were left out, and why (for reports).",
    )

    @property
    def quiz_id(self) -> str:
        """A short stable id shared by every version: a hash of the recipe name, the seed and the
        item ids (canonical order). Answer sheets carry it in their QR code, and `grades.csv`
        rows name it, so scans of one quiz are never graded against another's key."""
        import hashlib

        text = "\n".join([self.name, str(self.seed), *(item.id for item in self.items)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    def export(self, version: Version) -> dict[str, Any]:
        return {
            "quiz": self.quiz_id,
            "title": self.title,
            "seed": self.seed,
            "version": version.letter,
            "paper": self.paper.value,
            "total_points": version.total_points,
            "questions": [item.export() for item in version.items],
        }
