"""Item generators: one pure function per item type, facts in, an `Item` (or None) out.

Each takes the facts it may use, a `Context` (the fact base, points, options per item) and a
seeded `random.Random`; none touches the disk or global state, so the same seed gives the same
items. A generator returns None when it cannot make a good item (too few plausible distractors,
too few like facts); the assembler then tries another fact or another item type.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..model import LocatedFact
from ..recipe import ItemType
from .distractors import ORDERED_TYPES, FactBase, answer_key, pick_distractors
from .items import Evidence, Item
from .nearvalues import sort_key

PREFIX = {
    ItemType.multiple_choice: "mc",
    ItemType.true_false: "tf",
    ItemType.fill_blank: "fill",
    ItemType.short_answer: "short",
    ItemType.matching: "match",
    ItemType.ordering: "order",
}
MATCHING_MIN, MATCHING_MAX, MATCHING_EXTRAS = 4, 8, 2
#: More premises than this rarely fit beside their responses on one printed page.
MATCHING_PRINT_MAX = 6
ORDERING_MIN, ORDERING_MAX = 3, 5
TRUE, FALSE = "True", "False"


@dataclass(frozen=True)
class Context:
    base: FactBase
    points: dict[ItemType, int] = field(default_factory=dict)
    options: int = 4

    def points_for(self, kind: ItemType) -> int:
        return self.points.get(kind, 2 if kind in (ItemType.matching, ItemType.ordering) else 1)


def _evidence(lf: LocatedFact) -> Evidence:
    return Evidence(fact_id=lf.key, quote=lf.fact.evidence, source=lf.fact.source or "")


def _item(kind: ItemType, facts: list[LocatedFact], ctx: Context, **fields) -> Item:
    return Item(
        id=f"{PREFIX[kind]}-{facts[0].fact.id}",
        type=kind,
        fact_ids=[lf.key for lf in facts],
        points=ctx.points_for(kind),
        evidence=[_evidence(lf) for lf in facts],
        **fields,
    )


def multiple_choice(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item | None:
    """The fact's question, its answer and 2–3 distractors; measured answers in ascending order."""
    kind = lf.fact.answer_type.value
    key = lf.fact.answer
    for size in dict.fromkeys((ctx.options, 3)):
        # For ascending options the key's position is drawn first, then distractors either side.
        below = rng.randrange(size) if kind in ORDERED_TYPES else None
        wrong = pick_distractors(lf, ctx.base, rng, size - 1, below=below)
        if len(wrong) == size - 1:
            break
    else:
        return None
    options = [key, *wrong]
    if kind in ORDERED_TYPES:
        options.sort(key=lambda o: sort_key(kind, o))
    else:
        rng.shuffle(options)
    return _item(ItemType.multiple_choice, [lf], ctx, prompt=lf.fact.ask, answer_type=kind,
                 options=options, key=options.index(key), ascending=kind in ORDERED_TYPES)


def true_false(lf: LocatedFact, ctx: Context, rng: random.Random, *, true: bool) -> Item | None:
    """The fact's sentence, or the sentence with its answer swapped for one distractor."""
    fact = lf.fact
    statement = fact.plain_text
    if not true:
        below = rng.randrange(2) if fact.answer_type.value in ORDERED_TYPES else None
        wrong = pick_distractors(lf, ctx.base, rng, 1, below=below)
        if not wrong:
            return None
        before, after = fact.blanked_parts
        swapped = wrong[0]
        if not before.strip():
            swapped = swapped[:1].upper() + swapped[1:]
        statement = f"{before}{swapped}{after}"
    return _item(ItemType.true_false, [lf], ctx, prompt=statement, answer_type=fact.answer_type.value,
                 options=[TRUE, FALSE], key=0 if true else 1, statement_true=true,
                 answer_text=fact.plain_text)


def fill_blank(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item:
    before, after = lf.fact.blanked_parts
    return _item(ItemType.fill_blank, [lf], ctx, prompt=f"{before}{Item.BLANK}{after}",
                 answer_type=lf.fact.answer_type.value, answer_text=lf.fact.answer,
                 accept=list(lf.fact.also_accept))


def short_answer(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item:
    return _item(ItemType.short_answer, [lf], ctx, prompt=lf.fact.ask,
                 answer_type=lf.fact.answer_type.value, answer_text=lf.fact.answer,
                 accept=list(lf.fact.also_accept))


def matching(pool: list[LocatedFact], ctx: Context, rng: random.Random) -> Item | None:
    """4–6 questions of one answer type matched to their answers, plus at least 2 unused answers.

    `pool` holds like facts (one group, or one answer type); premises are drawn from it so that
    no answer is right for two premises, and the extras are answers no premise accepts.
    """
    if not pool:
        return None
    facts = list(pool)
    rng.shuffle(facts)
    premises: list[LocatedFact] = []
    keys: set[str] = set()
    for lf in facts:
        if len(premises) >= MATCHING_PRINT_MAX:
            break
        k = answer_key(lf.fact.answer)
        clash = k in keys or any(ctx.base.is_true_for(p, lf.fact.answer) or ctx.base.is_true_for(lf, p.fact.answer)
                                 for p in premises)
        if not clash:
            premises.append(lf)
            keys.add(k)
    extras: list[str] = []
    spare = [lf.fact.answer for lf in facts if lf not in premises]
    hand = [d for lf in premises for d in lf.fact.distractors]
    rng.shuffle(hand)
    kind = premises[0].fact.answer_type.value if premises else ""
    like = [o.fact.answer for o in ctx.base.by_type.get(kind, [])]
    rng.shuffle(like)
    # Premises give way to extras when the pool is small: 4 premises and 2 extras beat 6 and none.
    while len(premises) > MATCHING_MIN and len(spare) + len(hand) < MATCHING_EXTRAS:
        spare.append(premises.pop().fact.answer)
    keys = {answer_key(p.fact.answer) for p in premises}
    for cand in [*spare, *hand, *like]:
        if len(extras) >= MATCHING_EXTRAS + max(0, 6 - len(premises)) // 2:
            break
        k = answer_key(cand)
        if k in keys or any(ctx.base.is_true_for(p, cand) for p in premises):
            continue
        extras.append(cand.strip())
        keys.add(k)
    if len(premises) < MATCHING_MIN or len(extras) < MATCHING_EXTRAS:
        return None
    options = [p.fact.answer for p in premises] + extras
    rng.shuffle(options)
    return _item(ItemType.matching, premises, ctx, answer_type=kind,
                 prompt=f"Match each question with its answer. Write the letter of the answer on the "
                        f"line. {len(extras)} of the answers are not used.",
                 premises=[p.fact.ask for p in premises], options=options,
                 matches=[options.index(p.fact.answer) for p in premises])


def when_key(when: str) -> tuple[int, ...]:
    return tuple(int(part) for part in when.split("-"))


def comparable(a: str, b: str) -> bool:
    """Two `when`s that can be put in order: neither is the other or contains it (1890 vs 1890-05)."""
    ka, kb = when_key(a), when_key(b)
    n = min(len(ka), len(kb))
    return ka[:n] != kb[:n]


def ordering(pool: list[LocatedFact], ctx: Context, rng: random.Random) -> Item | None:
    """3–5 events (facts with `event` and `when`) with distinct dates, to put in order."""
    facts = [lf for lf in pool if lf.fact.event and lf.fact.when]
    rng.shuffle(facts)
    size = min(ORDERING_MAX - 1, len(facts))  # 4 when possible: enough to test, quick to mark
    chosen: list[LocatedFact] = []
    for lf in facts:
        if len(chosen) >= size:
            break
        if all(comparable(lf.fact.when, c.fact.when) for c in chosen) and all(
                answer_key(lf.fact.event) != answer_key(c.fact.event) for c in chosen):
            chosen.append(lf)
    if len(chosen) < ORDERING_MIN:
        return None
    chosen.sort(key=lambda lf: when_key(lf.fact.when))
    shown = list(chosen)
    rng.shuffle(shown)
    if shown == chosen:  # already in order would give the answer away
        shown = shown[1:] + shown[:1]
    options = [lf.fact.event for lf in shown]
    return _item(ItemType.ordering, chosen, ctx, answer_type="event",
                 prompt="Put these events in chronological order, earliest first. "
                        "Number them 1 (earliest) to " + str(len(options)) + ".",
                 options=options, sequence=[shown.index(lf) for lf in chosen],
                 dates=[lf.fact.when for lf in shown])
