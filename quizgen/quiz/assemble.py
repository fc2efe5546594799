"""Assemble a quiz: pick facts for the recipe's mix of item types, then permute into versions.

Everything is drawn from one `random.Random(seed)`, so the same seed gives the same quiz. Each fact
is used once. An item is refused when its answer appears in another item's stem (or the other way
round), so one question never gives away another. A slot whose type cannot be made (too few
plausible distractors, no group large enough for matching, too few dated events) falls back to
another type, and the change is recorded in `Quiz.notes`; nothing is padded.

Versions hold the same items: each version shuffles the questions within each section and the
options within each item (except options kept in ascending order, and True/False), from its own
seeded `random.Random`, and no two versions share a question order when a different one exists.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable, Mapping

from ..model import LoadedPack, LocatedFact, Weight
from ..recipe import ItemType, QuizSettings
from . import generators as gen
from . import rules
from .checks import RuleContext, item_errors
from .rules import keys_of, stems_of
from .distractors import FactBase, normalize_answer
from .items import Item, Quiz, Version

#: Sections of the printed quiz, in this order; questions are numbered straight through.
SECTION_ORDER = [ItemType.multiple_choice, ItemType.true_false, ItemType.fill_blank,
                 ItemType.short_answer, ItemType.matching, ItemType.ordering]
#: The order in which slots are filled: the most demanding items first, while facts are plentiful.
FILL_ORDER = [ItemType.matching, ItemType.ordering, ItemType.multiple_choice, ItemType.true_false,
              ItemType.fill_blank, ItemType.short_answer]
#: Random draws of events an ordering item gets before its slot falls back: each draw is checked by
#: the rule book (distinct dates, no event containing another), and with 10 the default pack missed
#: its ordering item at 1 of 200 seeds and at its own seed once two facts turned paratext.
ORDERING_TRIES = 30
#: What a slot becomes when its own type cannot be made.
FALLBACK = {
    ItemType.matching: [ItemType.multiple_choice, ItemType.short_answer],
    ItemType.ordering: [ItemType.multiple_choice, ItemType.short_answer],
    ItemType.multiple_choice: [ItemType.short_answer, ItemType.fill_blank],
    ItemType.true_false: [ItemType.fill_blank, ItemType.short_answer],
    ItemType.fill_blank: [ItemType.short_answer],
    ItemType.short_answer: [ItemType.fill_blank],
}


LEFT_OUT = "left out (no usable fact left)"


def scale_mix(mix: dict[ItemType, int], total: int) -> dict[ItemType, int]:
    """The mix resized to `total` questions, keeping proportions (largest remainder)."""
    current = sum(mix.values())
    if current == 0:
        return {ItemType.multiple_choice: total}
    shares = {k: v * total / current for k, v in mix.items()}
    out = {k: int(s) for k, s in shares.items()}
    by_remainder = sorted(shares, key=lambda k: (-(shares[k] - out[k]), SECTION_ORDER.index(k)))
    for k in by_remainder[: total - sum(out.values())]:
        out[k] += 1
    return out


def _texts(item: Item, by_key: Mapping[str, LocatedFact]) -> tuple[list[str], list[str]]:
    """The item's stems and keys, normalised and padded with spaces (a key is found as whole
    words by a substring test); keys that normalise to nothing are left out."""
    stems = [f" {normalize_answer(s)} " for s in stems_of(item)]
    keys = [f" {k} " for k in map(normalize_answer, keys_of(item, by_key)) if k]
    return stems, keys


def _leaks(a: tuple[list[str], list[str]], b: tuple[list[str], list[str]]) -> bool:
    """Does a key of one item appear in the other's stem? Both as `_texts` gives them."""
    (a_stems, a_keys), (b_stems, b_keys) = a, b
    return (any(k in s for s in b_stems for k in a_keys)
            or any(k in s for s in a_stems for k in b_keys))


def gives_away(a: Item, b: Item, base: FactBase) -> bool:
    """Does one item's answer appear in the other's stem? (`base` lets true/false items count.)"""
    return _leaks(_texts(a, base.by_key), _texts(b, base.by_key))


class _Picker:
    """The mutable state of one assembly: facts left, items made, notes. Used by `build_quiz` only.

    The facts are put in their seeded order once; a fact is used by adding its key to `used`, and
    indexes (by group, by answer type, events) are filtered through `used` only when a pool is
    drawn from, so a quiz does not rescan the whole pack for every question.
    """

    def __init__(self, facts: list[LocatedFact], ctx: gen.Context, rng: random.Random) -> None:
        self.ctx, self.rng = ctx, rng
        self.rules = RuleContext(ctx.base)
        self.longest = 0  # multiple-choice items made whose key is the longest option
        self.spots: frozenset = frozenset()  # source sentences the items made so far rest on
        keys = [lf.key for lf in facts]
        order = sorted(range(len(facts)), key=keys.__getitem__)  # stable, like sorting by lf.key
        rng.shuffle(order)  # the same draws as shuffling the sorted facts themselves
        # core facts first, then details (each in the seeded order): a quiz asks what matters first
        order.sort(key=lambda i: facts[i].fact.weight is not Weight.core)
        self.left = [facts[i] for i in order]  # every fact, in the seeded order; `used` says which are gone
        self.keys = [keys[i] for i in order]
        self.used: set[str] = set()
        self._first = 0  # no fact before this position is left
        n = len(order)
        self.at: dict[str, int] = dict(zip(reversed(self.keys), range(n - 1, -1, -1)))  # key -> first position
        self.more: dict[str, list[int]] = {}  # key -> its other positions (two packs sharing a key)
        if len(self.at) < n:
            for j, key in enumerate(self.keys):
                if self.at[key] != j:
                    self.more.setdefault(key, []).append(j)
        position = [0] * n
        for j, i in enumerate(order):
            position[i] = j
        # Indexes of positions, read in the facts' own order (memory order: much faster at 100k facts)
        self.groups: dict[str, list[int]] = {}
        self.events: list[int] = []
        for i, lf in enumerate(facts):
            fact = lf.fact
            j = position[i]
            if fact.group:
                self.groups.setdefault(fact.group, []).append(j)
            if fact.event and fact.when:
                self.events.append(j)
        for js in self.groups.values():
            js.sort()
        self.events.sort()
        self.group_left = {g: len(js) for g, js in self.groups.items()}
        self.items: list[Item] = []
        self._made: list[tuple[list[str], list[str]]] = []  # per item made: its `_texts`, once
        self.notes: list[str] = []

    def _live(self, positions: list[int]) -> list[LocatedFact]:
        used, keys, left = self.used, self.keys, self.left
        return [left[j] for j in positions if keys[j] not in used]

    def accept(self, item: Item | None) -> bool:
        if item is None or item_errors(item, self.rules):  # never print what the lint calls an error
            return False
        longest = item.type is ItemType.multiple_choice and rules.key_strictly_longest(item)
        if longest and self.longest + 1 > self.longest_allowed(item):
            return False
        spots = frozenset().union(*(self.ctx.base.spots(k) for k in item.fact_ids))
        if spots & self.spots:  # one source sentence, one item: two would tell each other's answers
            return False
        base = self.ctx.base
        if any(rules.rare_key_roots(item, made, base) or rules.rare_key_roots(made, item, base)
               or rules.answer_keys(item, base) & rules.answer_keys(made, base)
               for made in self.items):  # an answer's rare word in another item cues it; two
            return False  # items with one answer tell each other
        texts = _texts(item, self.ctx.base.by_key)
        # `gives_away` against every item made, with each made item's texts normalised once
        if any(_leaks(texts, made) for made in self._made):
            return False
        ids = {i.id for i in self.items}
        if item.id in ids:  # the same fact id in two packs: keep item ids unique, deterministically
            n = next(n for n in itertools.count(2) if f"{item.id}-{n}" not in ids)
            item = item.model_copy(update={"id": f"{item.id}-{n}"})
        self.items.append(item)
        self._made.append(texts)
        self.longest += longest
        self.spots |= spots
        for key in set(item.fact_ids):
            if key in self.used:
                continue
            self.used.add(key)
            for j in [self.at[key], *self.more.get(key, [])]:
                fact = self.left[j].fact
                if fact.group:
                    self.group_left[fact.group] -= 1
        return True

    def longest_allowed(self, item: Item) -> int:
        """How many multiple-choice keys may be the longest option so far, `item` counted, so that
        the lint's quiz-key-longest rule holds however many more are made (its limit, 1/k +
        slack, is taken at k = 4 options, and the count at no fewer items than the rule needs)."""
        made = sum(i.type is ItemType.multiple_choice for i in self.items) + 1
        n = max(made, rules.KEY_LONGEST_MIN_ITEMS)
        return int((1 / rules.MC_MAX_OPTIONS + rules.KEY_LONGEST_SLACK) * n + 1e-9)

    def single(self, make: Callable[[LocatedFact], Item | None]) -> bool:
        used, keys, left = self.used, self.keys, self.left
        while self._first < len(left) and keys[self._first] in used:
            self._first += 1
        for j in range(self._first, len(left)):
            if keys[j] not in used and self.accept(make(left[j])):
                return True
        return False

    def matching(self) -> bool:
        # Only a group is a pool: its facts share one role (an answer type alone may mix a
        # patriarch with presidents).
        pools = [g for g in sorted(self.groups) if self.group_left[g] >= rules.MATCHING_MIN]
        self.rng.shuffle(pools)
        return any(self.accept(gen.matching(self._live(self.groups[g]), self.ctx, self.rng)) for g in pools)

    def ordering(self) -> bool:
        events = self._live(self.events)
        return any(self.accept(gen.ordering(events, self.ctx, self.rng)) for _ in range(ORDERING_TRIES))

    def make(self, kind: ItemType, *, true: bool = True) -> bool:
        if kind is ItemType.matching:
            return self.matching()
        if kind is ItemType.ordering:
            return self.ordering()
        if kind is ItemType.true_false:
            return self.single(lambda lf: gen.true_false(lf, self.ctx, self.rng, true=true))
        return self.single(lambda lf: gen.SINGLE[kind](lf, self.ctx, self.rng))


def build_quiz(
    name: str,
    facts: list[LocatedFact],
    factbase: list[LocatedFact],
    settings: QuizSettings,
    *,
    seed: int,
    versions: list[str],
    questions: int | None = None,
    source_titles: dict[str, str] | None = None,
    packs: list[LoadedPack] = (),
    base: FactBase | None = None,
) -> Quiz:
    """A quiz from the selected `facts`; distractors are checked against the whole `factbase`.

    `source_titles` ("pack/source-id" -> title, and "pack/" -> the pack's first source's title, as
    `source_titles_of` makes them) puts the source's title into each item's evidence. `packs` gives
    the rules what the facts alone do not: each pack's sources, `as_of` year and aliases; `base`
    is that fact base already indexed (a `Build` shares one between its quizzes and the lint).
    """
    rng = random.Random(seed)
    base = FactBase(factbase, packs) if base is None else base
    ctx = gen.Context(base, dict(settings.points), settings.options, dict(source_titles or {}))
    mix = scale_mix(settings.mix, questions if questions is not None else settings.total)
    picker = _Picker(facts, ctx, rng)

    tf_count = mix.get(ItemType.true_false, 0)
    n_true = tf_count // 2 + (rng.random() < 0.5 if tf_count % 2 else 0)
    truths = [True] * n_true + [False] * (tf_count - n_true)
    rng.shuffle(truths)

    for kind in FILL_ORDER:
        for slot in range(mix.get(kind, 0)):
            if kind is ItemType.true_false:
                if picker.make(kind, true=truths[slot]):
                    continue
                if not truths[slot] and picker.make(kind, true=True):
                    picker.notes.append("true_false: no fact left with a plausible false version; made a true one")
                    continue
            elif picker.make(kind):
                continue
            for other in FALLBACK[kind]:
                if picker.make(other):
                    picker.notes.append(f"{kind.value}: could not be made from the facts left; made {other.value} instead")
                    break
            else:
                picker.notes.append(f"{kind.value}: {LEFT_OUT}")

    items = sorted(picker.items, key=lambda i: SECTION_ORDER.index(i.type))
    asked = sum(mix.values())
    notes = [f"{len(items)} of {asked} questions made: the selected facts give no more"] if len(items) < asked else []
    counts = Counter(n for n in picker.notes if not (notes and n.endswith(LEFT_OUT)))
    notes += [n if counts[n] == 1 else f"{n} ({counts[n]} times)" for n in counts]
    return Quiz(
        name=name, title=settings.title, instructions=settings.instructions, seed=seed,
        paper=settings.paper, items=items, versions=make_versions(items, seed, versions),
        notes=notes,
    )


def source_titles_of(packs: list[LoadedPack]) -> dict[str, str]:
    """What `build_quiz(source_titles=...)` wants: each source's title by "pack/source-id", and the
    pack's first source by "pack/" (a fact without `source` cites it)."""
    out: dict[str, str] = {}
    for lp in packs:
        for source in lp.pack.sources:
            out[f"{lp.pack.id}/{source.id}"] = source.title
        out[f"{lp.pack.id}/"] = lp.pack.sources[0].title
    return out


def _permute(item: Item, rng: random.Random) -> Item:
    """The item with its options (and matching premises) in a new seeded order."""
    n = len(item.options)
    if item.type is ItemType.true_false or item.ascending or n < 2:
        return item
    order = list(range(n))  # order[new position] = old position
    rng.shuffle(order)
    if item.type is ItemType.ordering:
        shown = lambda o: [o.index(i) for i in item.sequence]
        if shown(order) == sorted(shown(order)):  # already chronological: that gives it away
            order = order[1:] + order[:1]
    new_index = {old: new for new, old in enumerate(order)}
    update: dict = {"options": [item.options[i] for i in order]}
    if item.key is not None:
        update["key"] = new_index[item.key]
    if item.type is ItemType.matching:
        p_order = list(range(len(item.premises)))
        rng.shuffle(p_order)
        update["premises"] = [item.premises[i] for i in p_order]
        update["matches"] = [new_index[item.matches[i]] for i in p_order]
        update["fact_ids"] = [item.fact_ids[i] for i in p_order]
        update["evidence"] = [item.evidence[i] for i in p_order]
    if item.type is ItemType.ordering:
        update["sequence"] = [new_index[i] for i in item.sequence]
        update["dates"] = [item.dates[i] for i in order]
    return item.model_copy(update=update)


def make_versions(items: list[Item], seed: int, letters: list[str]) -> list[Version]:
    out: list[Version] = []
    for letter in letters:
        rng = random.Random(f"{seed}:{letter}")
        for _attempt in range(20):
            sections = [[i for i in items if i.type is kind] for kind in SECTION_ORDER]
            for section in sections:
                rng.shuffle(section)
            ordered = [i for section in sections for i in section]
            if all([i.id for i in ordered] != [i.id for i in v.items] for v in out):
                break
        out.append(Version(letter=letter, items=[_permute(i, rng) for i in ordered]))
    return out
