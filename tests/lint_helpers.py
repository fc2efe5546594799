"""Hand-built facts, items and cards for the lint tests: a tiny fact base about France and dams."""

from __future__ import annotations

from quizgen.lint.cards import Card
from quizgen.quiz.checks import RuleContext
from quizgen.model import CardKind, Fact, LoadedPack, LocatedFact, Pack
from quizgen.quiz.items import Item
from quizgen.recipe import ItemType
from quizgen.source import SourceText


def located(id: str, text: str, ask: str, answer_type: str, **kw) -> LocatedFact:
    kw.setdefault("evidence", "e")
    fact = Fact(id=id, text=text, ask=ask, answer_type=answer_type, topic="t", **kw)
    return LocatedFact(pack="t", fact=fact, file="t.yaml", line=1)


#: The pack's source: what the rules read besides the facts (lists that hold an answer).
SOURCE = (
    "Paris and Avignon were seats of power in medieval France. The Hoover Dam was completed in "
    "1936. In 1973 the US interfered in Chile as well."
)


FACTS = [
    located(
        "capital", "The capital of France is [[Paris]].", "What is the capital of France?", "place",
        distractors=("Lyon", "Marseille", "Toulouse", "Nice", "Metz", "Caen", "Lyons", "Avignon",
                     "Paris Centre", "City of Light"),
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
        evidence="completed in 1936",
    ),
    located(
        "aswan-year",
        "The Aswan High Dam was completed in [[1970]].",
        "In what year was the Aswan High Dam completed?",
        "year",
        event="The Aswan Dam is completed",
        when="1970",
        evidence="completed in 1970",
    ),
    located(
        "gorges-year",
        "The Three Gorges Dam was completed in [[2006]].",
        "In what year was the Three Gorges Dam completed?",
        "year",
        event="The Three Gorges Dam is completed",
        when="2006",
        evidence="completed in 2006",
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
        evidence="The Hoover Dam was completed",  # the sentence of hoover-year's evidence
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
        group="seas",
    ),
    located(
        "volga",
        "The Volga flows into the [[Caspian Sea]].",
        "Into which sea does the Volga flow?",
        "place",
        group="seas",
    ),
    located(
        "nile-mouth",
        "The Nile empties into the [[Mediterranean Sea]].",
        "Into which sea does the Nile empty?",
        "place",
        group="seas",
    ),
    located(
        "ebro",
        "The Ebro flows into the [[Balearic Sea]].",
        "Into which sea does the Ebro flow?",
        "place",
        group="seas",
    ),
    located(
        "eiffel-year",
        "The Eiffel Tower opened in [[1889]].",
        "In what year did the Eiffel Tower open?",
        "year",
        event="The Eiffel Tower opens",
        when="1889",
        evidence="The tower opened to the public",
    ),
    located(
        "rhine-source",
        "The Rhine rises in [[Switzerland]].",
        "In which country does the Rhine rise?",
        "country",
        distractors=("Austria", "Netherlands", "Liechtenstein"),
    ),
    located(
        "danube",
        "The Danube rises in [[Germany]], and Vienna lies on its banks.",
        "In which country does the Danube rise?",
        "country",
        distractors=("Austria", "Hungary"),
    ),
    located(
        "danube-capitals",
        "The Danube flows through Vienna, Budapest and [[Belgrade]].",
        "Besides Vienna and Budapest, which capital does the Danube flow through?",
        "place",
        distractors=("Prague", "Warsaw"),
    ),
    located(
        "seine",
        "The Seine flows through [[Paris]], and Paris lies on both its banks.",
        "Through which city does the Seine flow?",
        "place",
        distractors=("Lyon", "Rouen"),
    ),
    located(
        "guatemala",
        "The US interfered in the politics of [[Guatemala]].",
        "In which country did the US interfere in 1954?",
        "country",
        group="interventions",
        distractors=("Honduras", "Panama"),
    ),
    located(
        "chile",
        "The US interfered in [[Chile]] as well, in 1973.",
        "In which other country did the US interfere, in 1973?",
        "country",
        group="interventions",
    ),
]
PACK = LoadedPack(
    pack=Pack(id="t", title="Tests", sources=[{"title": "Notes", "authors": ["Us"], "file": "s.md"}],
              as_of=2010, aliases=[["Paris", "City of Light"]]),
    folder=".",
    facts=FACTS,
    sources={"main": SourceText(SOURCE)},
)
CTX = RuleContext.of(FACTS, [PACK])


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


def fill(fact: str) -> Item:
    lf = CTX.located(f"t/{fact}")
    before, after = lf.fact.blanked_parts
    return Item(
        id=f"fill-{fact}",
        type=ItemType.fill_blank,
        prompt=f"{before}{Item.BLANK}{after}",
        answer_type=lf.fact.answer_type.value,
        fact_ids=[lf.key],
        answer_text=lf.fact.answer,
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


def ordering(dates: list[str] | None = None,
             facts: tuple[str, ...] = ("hoover-year", "aswan-year", "gorges-year")) -> Item:
    lfs = [CTX.located(f"t/{f}") for f in facts]
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
