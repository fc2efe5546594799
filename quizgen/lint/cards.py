"""Checks over the Anki cards of a recipe's deck (SuperMemo's "20 rules of formulating knowledge").

The cards come from the same pure functions the deck writer uses (`quizgen.anki.notes`), so the lint
sees exactly what a learner sees: `cards_of` turns each note into one `Card` per card template it
makes, with the front and the answer side as plain text. Each check is registered in `CHECKS`
with its id and severity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from ..anki.notes import AnkiNote
from ..anki.notetype import CARD_ORD, FIELDS
from ..model import CLOZE_BLANK, CardKind, LocatedFact
from ..normalize import normalize_answer, words
from ..quiz import rules
from ..quiz.checks import RuleContext
from .findings import ERROR, WARNING, Checks, Scope

#: The answer side's key: at most this many words, unless it is one name however long (an answer
#: of the rule book's `NAME_TYPES`: "Patrice Lumumba Peoples' Friendship University").
MAX_ANSWER_WORDS = 8

_TAG = re.compile(r"<[^>]+>")


class Card(BaseModel):
    """One Anki card as plain text: what its front shows and what its answer side asks to recall."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # <kind>-<fact id>, e.g. cloze-trotsky-asylum-person
    kind: CardKind
    fact_ids: list[str]
    front: str
    answer: str  # the key on the answer side
    answer_type: str = ""


def plain(field_html: str) -> str:
    """A note field as the text a learner reads (tags dropped, entities decoded)."""
    return " ".join(html.unescape(_TAG.sub("", field_html)).split())


#: Each card kind's front and answer side: the note fields they show.
_SIDES = {CardKind.qa: ("Ask", "Answer"), CardKind.cloze: ("Blanked", "Answer"),
          CardKind.reverse: ("Reverse", "Question")}


def cards_of(note: AnkiNote, lf: LocatedFact) -> list[Card]:
    """The cards one note makes, by the note type's switch fields (see `anki.notetype`). A cloze
    front's blank is a span around CLOZE_BLANK, which `plain` leaves as CLOZE_BLANK."""
    field = dict(zip(FIELDS, note.fields, strict=True))
    return [Card(id=f"{kind.value}-{lf.fact.id}", kind=kind, fact_ids=[note.key],
                 front=plain(field[_SIDES[kind][0]]), answer=plain(field[_SIDES[kind][1]]),
                 answer_type=lf.fact.answer_type.value)
            for kind, ord_ in CARD_ORD.items() if ord_ in note.ords]


def cards_of_notes(notes: list[AnkiNote], facts: list[LocatedFact]) -> list[Card]:
    """Every card of the deck's notes (of these facts), as `cards_of` makes them."""
    by_key = {lf.key: lf for lf in facts}
    return [c for n in notes for c in cards_of(n, by_key[n.key])]


CHECKS = Checks(Scope.card)


@CHECKS("card-answer-short", WARNING)
def answer_short(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """The answer to recall is at most 8 words, or one named entity (minimum information principle).

    Reverse cards are skipped: their answer side is the question, which is recalled as a meaning,
    not word for word."""
    for c in cards:
        if c.kind is CardKind.reverse:
            continue
        n = len(words(c.answer))
        if n > MAX_ANSWER_WORDS and c.answer_type not in rules.NAME_TYPES:
            yield c, f"answer has {n} words (at most {MAX_ANSWER_WORDS} unless one name): {c.answer!r}"


@CHECKS("card-cloze-single", ERROR)
def cloze_single(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """A fill-in-the-blank card has exactly one deletion, and the deleted text is not on its front."""
    for c in cards:
        if c.kind is not CardKind.cloze:
            continue
        n = c.front.count(CLOZE_BLANK)
        if n != 1:
            yield c, f"{n} deletions on the card (exactly one wanted)"
        rest = c.front.replace(CLOZE_BLANK, " ")
        if rules.mentions(rest, c.answer):
            yield c, f"the deleted text {c.answer!r} also appears on the card: {c.front!r}"


@CHECKS("card-duplicate-front", ERROR)
def duplicate_front(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """No two cards show the same front (after normalisation) but want different answers."""
    seen: dict[str, Card] = {}
    for c in cards:
        front = normalize_answer(c.front)
        first = seen.setdefault(front, c)
        if first is not c and normalize_answer(first.answer) != normalize_answer(c.answer):
            yield c, (f"same front as card {first.id} ({', '.join(first.fact_ids)}) but a different "
                      f"answer: {c.answer!r} vs {first.answer!r}")


@CHECKS("card-reverse-unique", ERROR)
def reverse_unique(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """A reverse card's cue (the fact's answer) answers no other fact of the deck: 'John Reed' as
    the cue of seven facts has no one answer to recall."""
    facts = [lf for lf in (ctx.located(k) for k in dict.fromkeys(k for c in cards for k in c.fact_ids)) if lf]
    shared = rules.shared_answers(facts)
    for c in cards:
        if c.kind is CardKind.reverse and rules.normalize_answer(c.front) in shared:
            yield c, f"the cue {c.front!r} is the answer of other facts in the deck too"


#: An evidence quote that is the answer and at most this many words more quotes a name, not a claim.
EVIDENCE_MIN_EXTRA_WORDS = 4


@CHECKS("fact-evidence-short", WARNING)
def evidence_carries_claim(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """A fact's evidence quote is more than its answer and three words: a bare name or title does not
    show the source saying what the fact claims (one finding per fact, on its first card)."""
    seen: set[str] = set()
    for c in cards:
        key = c.fact_ids[0]
        fact = ctx.fact(key)
        if key in seen or fact is None:
            continue
        seen.add(key)
        extra = len(fact.evidence.split()) - len(fact.answer.split())
        if extra < EVIDENCE_MIN_EXTRA_WORDS:
            yield c, (f"the evidence {fact.evidence!r} is the answer and {max(extra, 0)} more words: "
                      "quote the passage that states the claim")


@CHECKS("card-cloze-unique", ERROR)
def cloze_unique(cards: list[Card], ctx: RuleContext) -> Iterable[tuple[Card, str]]:
    """A cloze card's sentence keeps the years and names its fact's question carries, and its
    deletion is no member of a list ("A, B, [...] and C"), so that one answer fits it."""
    for c in cards:
        if c.kind is not CardKind.cloze:
            continue
        fact = ctx.fact(c.fact_ids[0])
        missing = rules.blank_missing(fact) if fact else []
        if missing:
            yield c, f"the sentence drops {', '.join(missing)} (in the question), so a second answer may fit"
        if fact and rules.in_a_list(fact):
            yield c, "the deletion is one member of a list: any other member fits it too"
