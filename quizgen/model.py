"""Typed models for packs and facts: the records that pass between pipeline stages.

Everything here is frozen and forbids unknown keys, so a typo in a fact file is an error with a
location, never a silently ignored field. Cross-record checks (duplicate ids, evidence in the source,
groups of one) live in `validate.py`; this module only checks what one record can know about itself.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

#: Ids are stable forever (Anki GUIDs and quiz item ids derive from them), so they are restricted to a
#: character set that survives every format we write: lower-case ASCII letters, digits and hyphens.
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

#: The answer span in a fact's text: `[[...]]`, exactly once.
SPAN_RE = re.compile(r"\[\[(.+?)\]\]")
#: What stands where the answer was: on a cloze card, and in a fill-in-the-blank quiz item. A
#: fact's own text may hold neither, or it would show a second blank.
CLOZE_BLANK, FILL_BLANK = "[...]", "_____"


class AnswerType(StrEnum):
    """What kind of thing an answer is; generators only swap like for like."""

    year = "year"  # 1890
    period = "period"  # 1910–1917
    date = "date"  # December 11, 2015
    person = "person"  # Lázaro Cárdenas
    place = "place"  # a city, region or other location
    country = "country"  # Argentina
    organization = "organization"  # a party, company, university, agency
    work = "work"  # the title of a book, film, exhibition, journal
    number = "number"  # a bare count: 15
    quantity = "quantity"  # a number with a unit: 77 thousand tourists
    term = "term"  # a name for a concept, office or thing
    event = "event"  # a named event: the Caribbean crisis


class CardKind(StrEnum):
    """The Anki cards one fact can make (all siblings of one note)."""

    qa = "qa"  # question -> answer
    cloze = "cloze"  # the sentence with its answer blanked
    reverse = "reverse"  # answer -> question, only where the answer identifies the question


class Weight(StrEnum):
    """How central a fact is to its source: what decks and quizzes draw on, and first."""

    core = "core"  # one of the source's key ideas, or what carries it: a learner must take it away
    detail = "detail"  # a supporting fact worth knowing
    paratext = "paratext"  # about the text, not its subject: authors, citations, keywords


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Frozen):
    """A text that facts cite: a file inside the pack's folder."""

    id: Id = "main"
    title: NonEmpty
    authors: list[NonEmpty] = Field(min_length=1)
    file: NonEmpty = Field(description="Path relative to the pack folder, e.g. sources/article.md")
    year: int | None = None
    url: str | None = None
    skip_sections: list[NonEmpty] = Field(
        default_factory=list,
        description="Headings whose sections `quizgen coverage` does not count "
        "(a bibliography, say): they hold no claims to teach.",
    )


class Idea(Frozen):
    """One of a source's key ideas: what its core facts serve."""

    id: Id
    title: NonEmpty


class Pack(Frozen):
    """`facts/<pack>/pack.yaml`."""

    id: Id
    title: NonEmpty
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] = "en"
    description: str | None = None
    sources: list[Source] = Field(min_length=1)
    as_of: int | None = Field(
        default=None, ge=1, le=9999,
        description="The year the pack's sources describe the world as of: no year, period or date "
        "after it is offered as a distractor (a later year may be true by now).",
    )
    topics: dict[Id, NonEmpty] = Field(
        default_factory=dict,
        description="Titles of the pack's topics, as people write them ('Cold War and Latin "
        "America'), for export categories; a topic without one shows its id made readable.",
    )
    ideas: list[Idea] = Field(
        default_factory=list,
        description="The source's key ideas (8-12 for an article); each core fact names the one it "
        "serves with `idea:`, and `quizgen coverage` shows ideas with fewer than two core facts.",
    )
    aliases: list[Annotated[list[NonEmpty], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Lists of names that name the same thing (a university and its later name): "
        "no two of one list are ever options of one item, and each counts as the other's answer.",
    )


class Disputed(Frozen):
    """A fact the source states but that is contradicted (by the source itself or by history)."""

    note: NonEmpty


class Fact(Frozen):
    """One checkable claim, in the pack's own words, grounded in a quote from a source."""

    id: Id
    text: NonEmpty = Field(description="The claim, with its answer marked once as [[answer]].")
    ask: NonEmpty = Field(description="The question whose answer is the marked span.")
    answer_type: AnswerType
    unit: NonEmpty | None = Field(
        default=None, description="For quantities: the unit that follows the number."
    )
    group: Id | None = Field(
        default=None, description="A pool of like answers that distractors are drawn from."
    )
    topic: Id
    tags: tuple[Id, ...] = ()
    evidence: NonEmpty = Field(description="A short quote that the source contains.")
    source: Id | None = Field(default=None, description="Source id; default: the pack's first.")
    difficulty: Annotated[int, Field(ge=1, le=3)] = 2
    weight: Weight = Field(
        default=Weight.detail,
        description="core (a key idea), detail, or paratext (authors, citations: kept out of decks "
        "and quizzes unless a recipe asks).",
    )
    idea: Id | None = Field(default=None, description="The pack's key idea (its id) a core fact serves.")
    also_accept: tuple[NonEmpty, ...] = ()
    distractors: tuple[NonEmpty, ...] = ()
    disputed: Disputed | None = None
    cards: tuple[CardKind, ...] = (CardKind.qa, CardKind.cloze)
    event: NonEmpty | None = Field(
        default=None,
        description="A short name for what happened, without its date, for ordering items.",
    )
    when: Annotated[str, StringConstraints(pattern=r"^\d{3,4}(-\d{2}(-\d{2})?)?$")] | None = Field(
        default=None, description="When the event happened (YYYY, YYYY-MM or YYYY-MM-DD)."
    )

    @field_validator("text")
    @classmethod
    def _one_span(cls, value: str) -> str:
        spans = SPAN_RE.findall(value)
        if not spans:
            raise ValueError("no answer span: mark the answer once as [[answer]]")
        if len(spans) > 1:
            raise ValueError(f"{len(spans)} answer spans: mark exactly one [[answer]]")
        rest = SPAN_RE.sub("", value)
        if "[[" in rest or "]]" in rest:
            raise ValueError("unbalanced [[ or ]] in text")
        if not spans[0].strip():
            raise ValueError("empty answer span: put the answer between [[ and ]]")
        return value

    @field_validator("ask")
    @classmethod
    def _is_question(cls, value: str) -> str:
        if not value.endswith("?"):
            raise ValueError("not a question: it must end with '?'")
        if "[[" in value or "]]" in value:
            raise ValueError("must not contain an answer span")
        return value

    @property
    def parts(self) -> tuple[str, str, str]:
        """(text before the answer span, the answer, text after it), from one search."""
        text = self.text
        m = SPAN_RE.search(text)
        return text[: m.start()], m.group(1).strip(), text[m.end() :]

    @property
    def answer(self) -> str:
        return self.parts[1]

    @property
    def plain_text(self) -> str:
        """The sentence with the span markers removed."""
        return SPAN_RE.sub(lambda m: m.group(1), self.text)

    @property
    def blanked_parts(self) -> tuple[str, str]:
        """The text before and after the answer span."""
        before, _, after = self.parts
        return before, after

    @property
    def is_disputed(self) -> bool:
        return self.disputed is not None


class FactFile(Frozen):
    """A fact file: shared defaults, then the facts."""

    topic: Id | None = Field(default=None, description="Default topic for the facts of this file.")
    tags: list[Id] = Field(default_factory=list, description="Tags added to every fact here.")
    facts: list[dict] = Field(min_length=1)


class LocatedFact(NamedTuple):
    """A fact with the pack it belongs to and where it was written. A plain record, not a model:
    a load makes one per fact from values already validated."""

    pack: str
    fact: Fact
    file: str
    line: int

    @property
    def key(self) -> str:
        """The fact's id, namespaced by its pack: unique across every pack loaded."""
        return f"{self.pack}/{self.fact.id}"


class LoadedPack(Frozen):
    """A validated pack: its metadata, folder, facts in file order, and clean source texts."""

    pack: Pack
    folder: str
    facts: list[LocatedFact]
    sources: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)
