"""Item generators: one pure function per item type, facts in, an `Item` (or None) out.

Each takes the facts it may use, a `Context` (the fact base, points, options per item) and a
seeded `random.Random`; none touches the disk or global state, so the same seed gives the same
items. A generator returns None when it cannot make a good item (too few plausible distractors,
too few like facts); the assembler then tries another fact or another item type.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import LocatedFact
from ..normalize import content_words
from ..recipe import ItemType
from . import rules
from .distractors import FactBase, answer_key, normalize_answer, pick_distractors
from .items import Evidence, Item
from .nearvalues import sort_key, with_unit

PREFIX = {
    ItemType.multiple_choice: "mc",
    ItemType.true_false: "tf",
    ItemType.fill_blank: "fill",
    ItemType.short_answer: "short",
    ItemType.matching: "match",
    ItemType.ordering: "order",
}


@dataclass(frozen=True)
class Context:
    base: FactBase
    points: dict[ItemType, int] = field(default_factory=dict)
    options: int = 4
    #: Source titles by "pack/source-id" and by "pack/" (the pack's first source), for evidence.
    source_titles: dict[str, str] = field(default_factory=dict)

    def points_for(self, kind: ItemType) -> int:
        return self.points.get(kind, 2 if kind in (ItemType.matching, ItemType.ordering) else 1)


def _evidence(lf: LocatedFact, ctx: Context) -> Evidence:
    """The quote and, where the caller gave the packs' source titles, the title it comes from (a
    fact's `source` id alone means nothing to a teacher, so without titles there is no source)."""
    titles = ctx.source_titles
    title = titles.get(f"{lf.pack}/{lf.fact.source}") if lf.fact.source else titles.get(f"{lf.pack}/")
    return Evidence(fact_id=lf.key, quote=lf.fact.evidence, source=title)


def _item(kind: ItemType, facts: list[LocatedFact], ctx: Context, **fields) -> Item:
    return Item(
        id=f"{PREFIX[kind]}-{facts[0].fact.id}",
        type=kind,
        fact_ids=[lf.key for lf in facts],
        points=ctx.points_for(kind),
        evidence=[_evidence(lf, ctx) for lf in facts],
        **fields,
    )


def shown(lf: LocatedFact, value: str) -> str:
    """An answer as an option shows it: a quantity with its unit ("20 million books")."""
    return with_unit(value, lf.fact.unit) if lf.fact.answer_type.value == "quantity" else value.strip()


def _written(kind: ItemType, lf: LocatedFact, ctx: Context, prompt: str) -> Item:
    """An item answered in writing. Accepted besides the answer: aliases, a person's last name when
    no one else in the fact base has it (`rules.surname_alone`), for a quantity the answer with its
    unit. An alias keeps its own form: '22,000' for 22 thousand already counts the unit in, and
    'hundredfold' takes no 'times'."""
    fact = lf.fact
    accept = list(fact.also_accept)
    surname = rules.surname_alone(lf, ctx.base)
    if surname:
        accept.append(surname)
    if fact.answer_type.value == "quantity" and fact.unit:
        accept.append(shown(lf, fact.answer))
    return _item(kind, [lf], ctx, prompt=prompt, answer_type=fact.answer_type.value,
                 answer_text=fact.answer, accept=list(dict.fromkeys(accept)))


def multiple_choice(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item | None:
    """The fact's question, its answer and 2–3 distractors; measured answers in ascending order."""
    kind = lf.fact.answer_type.value
    key = lf.fact.answer
    if rules.bounded(lf.fact):  # "more than [[20]]": every wrong option above it puts the key first
        return None
    for size in dict.fromkeys((ctx.options, 3)):
        # For ascending options the key's position is drawn first, then distractors either side.
        below = rng.randrange(size) if kind in rules.ORDERED_TYPES else None
        wrong = pick_distractors(lf, ctx.base, rng, size - 1, below=below, stem=lf.fact.ask)
        if len(wrong) == size - 1:
            break
    else:
        return None
    options = [key, *wrong]
    ascending = kind in rules.ORDERED_TYPES
    if ascending:
        options.sort(key=lambda o: sort_key(kind, o))
    else:
        rng.shuffle(options)
        scales = [on_a_scale(o) for o in options]
        if all(v is not None for v in scales):  # "1920s, 1950s", "12th century, 14th century"
            options = [o for _, o in sorted(zip(scales, options))]
            ascending = True
    index = options.index(key)
    options = [shown(lf, o) for o in options]
    return _item(ItemType.multiple_choice, [lf], ctx, prompt=lf.fact.ask, answer_type=kind,
                 options=options, key=index, ascending=ascending)


_SCALE = re.compile(r"^(\d{1,4})(?:s|st|nd|rd|th)\b")


def on_a_scale(option: str) -> int | None:
    """The number a decade or an ordinal opens with ("1920s", "18th century"); such options are
    listed in ascending order like years, so no one has to hunt for them."""
    m = _SCALE.match(option)
    return int(m.group(1)) if m else None


#: Answer types whose number shows in their words ("Theses", "reforms"); a name's does not ("Reyes").
_COMMON_NOUN_TYPES = frozenset({"work", "term", "organization", "event"})
#: Verbs that agree in number with the subject before them (a swapped title must agree too).
_VERB_NUMBER = {"is": False, "was": False, "has": False, "are": True, "were": True, "have": True}


def _looks_plural(text: str) -> bool:
    """'Ninety-five Theses' looks plural; 'Utopia', 'Thesis', 'Congress' do not. A cue, not grammar."""
    last = "".join(ch for ch in (text.split() or [""])[-1] if ch.isalpha()).lower()
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _agrees_with(key: str, after: str) -> Callable[[str], bool] | None:
    """For a sentence that goes on with is/are/was/were/has/have, a test that a swapped-in answer
    looks as singular or plural as the key ("Martin Luther's Utopia were reprinted" reads false)."""
    following = after.split()
    verb = following[0].lower() if following else ""
    if verb not in _VERB_NUMBER:
        return None
    plural = _looks_plural(key)
    return lambda cand: _looks_plural(cand) == plural


def true_false(lf: LocatedFact, ctx: Context, rng: random.Random, *, true: bool) -> Item | None:
    """The fact's sentence, or the sentence with its answer swapped for one distractor."""
    fact = lf.fact
    statement = fact.plain_text
    if not true:
        kind = fact.answer_type.value
        before, after = fact.blanked_parts
        below = rng.randrange(2) if kind in rules.ORDERED_TYPES else None
        if rules.self_refuting(fact) or rules.second_claim(fact) or rules.in_a_list(fact):
            return None  # refutes itself, half true, or false only by omission
        allow = _agrees_with(fact.answer, after) if kind in _COMMON_NOUN_TYPES else None
        if kind in ("country", "place"):  # 'the Kashmir' and 'to United States' read wrong
            allow = lambda cand: rules.determiner_fits(before, cand, ctx.base)  # noqa: E731
        # The best distractor the fact has: hand-written, else its group's, else a near value.
        wrong = pick_distractors(lf, ctx.base, rng, 1, below=below, balance=False, allow=allow)
        if not wrong:
            return None
        swapped = wrong[0]
        if kind == "quantity" and fact.unit and not _unit_follows(after, fact.unit):
            swapped = shown(lf, swapped)  # the sentence does not say the unit: the swap must
        if not before.strip():
            swapped = swapped[:1].upper() + swapped[1:]
        statement = f"{before}{swapped}{after}"
    return _item(ItemType.true_false, [lf], ctx, prompt=statement, answer_type=fact.answer_type.value,
                 options=["True", "False"], key=0 if true else 1, statement_true=true,
                 answer_text=fact.plain_text)


def _unit_follows(after: str, unit: str) -> bool:
    """Does the sentence go on with the unit ("[[20]] million books had been printed")?"""
    return normalize_answer(after).startswith(normalize_answer(unit))


def fill_blank(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item | None:
    """The fact's sentence with its answer blanked, when one answer fits the blank: the sentence
    keeps the question's years and names, and no other answer of its group fits (`rules`)."""
    if (not rules.closed_answer(lf.fact) or rules.blank_missing(lf.fact) or rules.self_refuting(lf.fact)
            or rules.in_a_list(lf.fact) or rules.second_fit(lf, ctx.base)):
        return None
    before, after = lf.fact.blanked_parts
    return _written(ItemType.fill_blank, lf, ctx, f"{before}{Item.BLANK}{after}")


def short_answer(lf: LocatedFact, ctx: Context, rng: random.Random) -> Item | None:
    """The fact's question, answered in writing: only for names, numbers and years
    (`rules.closed_answer`)."""
    if not rules.closed_answer(lf.fact):
        return None
    return _written(ItemType.short_answer, lf, ctx, lf.fact.ask)


def matching(pool: list[LocatedFact], ctx: Context, rng: random.Random) -> Item | None:
    """4–6 questions of one answer type matched to their answers, plus at least 2 unused answers.

    `pool` holds the facts of one group (one role, one answer type); premises are drawn from it so
    that no answer is right for two premises and no premise shares a word with its own answer (a
    cue that pairs them). The extras are answers no premise accepts: first one hand-written
    distractor of each premise (its rival), then the group's other answers and further distractors.
    """
    facts = list(pool)
    rng.shuffle(facts)
    premises: list[LocatedFact] = []
    keys: set[str] = set()
    for lf in facts:
        if len(premises) >= rules.MATCHING_PRINT_MAX:
            break
        k = answer_key(lf.fact.answer)
        if content_words(lf.fact.ask) & content_words(lf.fact.answer) or lf.fact.unit != facts[0].fact.unit:
            continue
        clash = k in keys or any(
            ctx.base.is_true_for(p, lf.fact.answer) or ctx.base.is_true_for(lf, p.fact.answer)
            or rules.mentions(p.fact.ask, lf.fact.answer) or rules.mentions(lf.fact.ask, p.fact.answer)
            for p in premises)  # "Besides Omsk, which city...?" answers another
        if not clash:
            premises.append(lf)
            keys.add(k)
    extras: list[str] = []
    # Extra answers are shown as their own fact shows them (a quantity with its unit).
    premise_keys = {p.key for p in premises}  # a fact equal to a premise has the premise's key
    spare = [shown(lf, lf.fact.answer) for lf in facts if lf.key not in premise_keys or lf not in premises]
    # One hand-written rival per premise first: a premise that names its country ("Which Chilean
    # ...?") then meets an answer of that country it must tell apart, not one it pairs by nationality.
    own = [[shown(lf, d) for d in lf.fact.distractors] for lf in premises]
    for pool in own:
        rng.shuffle(pool)
    rivals = [pool[0] for pool in own if pool]
    hand = [d for pool in own for d in pool[1:]]
    rng.shuffle(hand)
    # Premises give way to extras when the pool is small: 4 premises and 2 extras beat 6 and none.
    def named(cand: str) -> bool:  # an answer a premise names is no use as an extra
        return any(rules.mentions(p.fact.ask, cand) for p in premises)

    def enough_extras() -> bool:  # at least MATCHING_EXTRAS of the candidates are not named
        unnamed = (c for c in itertools.chain(rivals, spare, hand) if not named(c))
        return next(itertools.islice(unnamed, rules.MATCHING_EXTRAS - 1, None), None) is not None

    while len(premises) > rules.MATCHING_MIN and not enough_extras():
        gone = premises.pop()
        spare.append(shown(gone, gone.fact.answer))
    keys = {answer_key(shown(p, p.fact.answer)) for p in premises}
    wanted = max(rules.MATCHING_EXTRAS + max(0, 6 - len(premises)) // 2, min(len(rivals), len(premises)))
    for cand in itertools.chain(rivals, spare, hand):
        if len(extras) >= wanted:
            break
        k = answer_key(cand)
        if k in keys or named(cand) or any(ctx.base.is_true_for(p, cand) for p in premises) or any(
                ctx.base.same_thing(cand, o) for o in [*extras, *(p.fact.answer for p in premises)]):
            continue  # an extra named in a premise is ruled out by reading it
        extras.append(cand.strip())
        keys.add(k)
    if len(premises) < rules.MATCHING_MIN or len(extras) < rules.MATCHING_EXTRAS:
        return None
    responses = [shown(p, p.fact.answer) for p in premises]
    options = responses + extras
    rng.shuffle(options)
    return _item(ItemType.matching, premises, ctx, answer_type=premises[0].fact.answer_type.value,
                 prompt=f"Match each question with its answer. {len(extras)} of the answers are "
                        "not used.",
                 premises=[p.fact.ask for p in premises], options=options,
                 matches=[options.index(r) for r in responses])


def ordering(pool: list[LocatedFact], ctx: Context, rng: random.Random) -> Item | None:
    """3–5 events (facts with `event` and `when`, the year stated by the evidence) with distinct
    dates, to put in order."""
    facts = [lf for lf in pool if lf.fact.event and rules.dated_by_evidence(lf.fact)]
    rng.shuffle(facts)
    size = min(rules.ORDERING_MAX - 1, len(facts))  # 4 when possible: enough to test, quick to mark
    chosen: list[LocatedFact] = []
    for lf in facts:
        if len(chosen) >= size:
            break
        if all(rules.comparable(lf.fact.when, c.fact.when) for c in chosen) and all(
                answer_key(lf.fact.event) != answer_key(c.fact.event) for c in chosen):
            chosen.append(lf)
    if len(chosen) < rules.ORDERING_MIN:
        return None
    chosen.sort(key=lambda lf: rules.when_key(lf.fact.when))
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


#: The generators of one-fact items that need no more than the fact (true/false also wants `true`).
SINGLE = {ItemType.multiple_choice: multiple_choice, ItemType.fill_blank: fill_blank,
          ItemType.short_answer: short_answer}
