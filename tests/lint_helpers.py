"""Hand-built facts, items and cards for the lint tests: a tiny fact base about France and dams."""

from __future__ import annotations

from quizgen.lint.cards import Card
from quizgen.lint.context import LintContext
from quizgen.model import CardKind, Fact, LocatedFact
from quizgen.quiz.items import Item
from quizgen.recipe import ItemType


def located(id: str, text: str, ask: str, answer_type: str, **kw) -> LocatedFact:
    fact = Fact(id=id, text=text, ask=ask, answer_type=answer_type, topic="t", evidence="e", **kw)
    return LocatedFact(pack="t", fact=fact, file="t.yaml", line=1)


FACTS = [
    located(
        "capital", "The capital of France is [[Paris]].", "What is the capital of France?", "place"
    ),
    # Same question, another accepted answer: 'Lutetia' is right too, so never a distractor.
    located(
        "capital-old",
        "The capital of France is [[Lutetia]].",
        "What is the capital of France?",
        "place",
    ),
    located(
        "hoover-year",
        "The Hoover Dam was completed in [[1936]].",
        "In what year was the Hoover Dam completed?",
        "year",
        event="The Hoover Dam is completed",
        when="1936",
    ),
    located(
        "aswan-year",
        "The Aswan High Dam was completed in [[1970]].",
        "In what year was the Aswan High Dam completed?",
        "year",
        event="The Aswan Dam is completed",
        when="1970",
    ),
    located(
        "gorges-year",
        "The Three Gorges Dam was completed in [[2006]].",
        "In what year was the Three Gorges Dam completed?",
        "year",
        event="The Three Gorges Dam is completed",
        when="2006",
    ),
    located(
        "nile-length",
        "The Nile is about [[6,650]] km long.",
        "About how many kilometres long is the Nile?",
        "quantity",
        unit="km",
    ),
    located(
        "speke",
        "[[John Hanning Speke]] named Lake Victoria as the Nile's source.",
        "Which explorer named Lake Victoria as the source of the Nile?",
        "person",
    ),
    located(
        "hoover-river",
        "The Hoover Dam stands on the [[Colorado River]].",
        "On which river does the Hoover Dam stand?",
        "place",
    ),
    located(
        "portuguese",
        "Brazil is the only South American country whose official language is [[Portuguese]].",
        "Which language is official in Brazil and only there in South America?",
        "term",
    ),
    located(
        "rhine",
        "The Rhine flows into the [[North Sea]].",
        "Into which sea does the Rhine flow?",
        "place",
    ),
    located(
        "volga",
        "The Volga flows into the [[Caspian Sea]].",
        "Into which sea does the Volga flow?",
        "place",
    ),
    located(
        "nile-mouth",
        "The Nile empties into the [[Mediterranean Sea]].",
        "Into which sea does the Nile empty?",
        "place",
    ),
    located(
        "ebro",
        "The Ebro flows into the [[Balearic Sea]].",
        "Into which sea does the Ebro flow?",
        "place",
    ),
]
CTX = LintContext.of(FACTS)


def mc(
    options: list[str],
    key: int,
    fact: str = "capital",
    answer_type: str = "place",
    prompt: str | None = None,
    item_id: str | None = None,
) -> Item:
    lf = CTX.located(f"t/{fact}")
    return Item(
        id=item_id or f"mc-{fact}",
        type=ItemType.multiple_choice,
        prompt=prompt or lf.fact.ask,
        answer_type=answer_type,
        fact_ids=[lf.key],
        options=options,
        key=key,
        ascending=answer_type in ("year", "quantity", "number"),
    )


def tf(statement: str, true: bool, fact: str = "capital", item_id: str | None = None) -> Item:
    lf = CTX.located(f"t/{fact}")
    return Item(
        id=item_id or f"tf-{fact}",
        type=ItemType.true_false,
        prompt=statement,
        answer_type=lf.fact.answer_type.value,
        fact_ids=[lf.key],
        options=["True", "False"],
        key=0 if true else 1,
        statement_true=true,
        answer_text=lf.fact.plain_text,
    )


def short(fact: str, answer: str) -> Item:
    lf = CTX.located(f"t/{fact}")
    return Item(
        id=f"short-{fact}",
        type=ItemType.short_answer,
        prompt=lf.fact.ask,
        answer_type=lf.fact.answer_type.value,
        fact_ids=[lf.key],
        answer_text=answer,
    )


SEAS = ["rhine", "volga", "nile-mouth", "ebro"]


def matching(facts: list[str] = SEAS, extras: list[str] = ("Red Sea", "Black Sea")) -> Item:
    lfs = [CTX.located(f"t/{f}") for f in facts]
    options = [lf.fact.answer for lf in lfs] + list(extras)
    return Item(
        id=f"match-{facts[0]}",
        type=ItemType.matching,
        prompt="Match each question.",
        answer_type="place",
        fact_ids=[lf.key for lf in lfs],
        premises=[lf.fact.ask for lf in lfs],
        options=options,
        matches=list(range(len(lfs))),
    )


def ordering(dates: list[str] | None = None) -> Item:
    lfs = [CTX.located(f"t/{f}") for f in ("hoover-year", "aswan-year", "gorges-year")]
    dates = dates or [lf.fact.when for lf in lfs]
    return Item(
        id="order-hoover-year",
        type=ItemType.ordering,
        prompt="Put these in order.",
        answer_type="event",
        fact_ids=[lf.key for lf in lfs],
        options=[lf.fact.event for lf in lfs],
        sequence=[0, 1, 2],
        dates=dates,
    )


def card(
    kind: CardKind, front: str, answer: str, fact: str = "capital", answer_type: str = "place"
) -> Card:
    return Card(
        id=f"{kind.value}-{fact}",
        kind=kind,
        fact_ids=[f"t/{fact}"],
        front=front,
        answer=answer,
        answer_type=answer_type,
    )
