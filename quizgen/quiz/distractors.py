"""Distractors: wrong answers that look right and never are.

`FactBase` indexes every fact of a recipe's packs once (the answers true per question, groups,
aliases, sources); `pick_distractors` draws a fact's wrong options from its pools, best first, each
one passing the rule book (`quizgen.quiz.rules`). An answer of the same type from elsewhere in the
pack is never used: a patriarch is no plausible assassin. Too few candidates means no distractors:
callers make another kind of item, never pad with absurd options.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable

from ..model import Fact, LoadedPack, LocatedFact
from . import nearvalues, rules
from .answers import (  # noqa: F401 (re-exported: the generators and tests import them from here)
    _answer_key_once,
    _fact,
    _uncached_normalize,
    accepted,
    answer_key,
    is_true_for,
    normalize_answer,
)


class FactBase:
    """The facts distractors are drawn from (every fact of the recipe's packs), indexed once.

    One linear pass: each fact's accepted answers and question keys, the answers true per question,
    facts by key, answer type and group. Pools of like answers (`pool_answers`) are built on first
    use and kept, so a quiz costs about the same whatever the size of the fact base.
    """

    def __init__(self, facts: Iterable[LocatedFact], packs: Iterable[LoadedPack] = ()) -> None:
        self.facts = list(facts)
        packs = list(packs)
        #: Each pack's `as_of` year (no later year is offered), its clean source texts (made
        #: `rules.plain` on first use) and the alias lists of every pack, by comparison key.
        self.as_of: dict[str, int | None] = {lp.pack.id: lp.pack.as_of for lp in packs}
        self._sources = {lp.pack.id: [src.clean for src in lp.sources.values()] for lp in packs}
        self._plain: dict[str, list[rules.PlainText]] = {}
        self._key_sentences: dict[str, list] = {}
        self._spots: dict[str, frozenset] = {}
        self._root_df: dict[str, int] | None = None
        self._surnames: dict[str, int] | None = None
        self.same: dict[str, frozenset[str]] = {}
        for lp in packs:
            for names in lp.pack.aliases:
                keys = frozenset(answer_key(n) for n in names)
                for k in keys:
                    self.same[k] = self.same.get(k, frozenset()) | keys
        self._articles: dict[str, bool | None] | None = None
        keys = [lf.key for lf in self.facts]
        self.by_key: dict[str, LocatedFact] = dict(zip(keys, self.facts))
        #: Answers of disputed facts: allowed as distractors for other questions, used last (a
        #: disputed claim printed as an option confuses more than it tests).
        self.disputed: set[str] = set()
        # Accepted answers per question (by `ask` and by sentence frame): `is_true_for` in O(1).
        # A question asked by one fact shares that fact's answers; a set is made on a second fact.
        # (Few objects per fact: at 100k facts, every container kept wakes the garbage collector.)
        self._true_ask: dict[str, tuple[str, ...] | set[str]] = {}
        self._true_frame: dict[str, tuple[str, ...] | set[str]] = {}
        self._keys: dict[int, tuple[str, str]] = {}  # id(fact) -> (ask, frame), as `question_key`
        self._accepted: dict[int, tuple[str, ...]] = {}  # id(fact) -> `accepted(fact)`
        self.by_type: dict[str, list[LocatedFact]] = {}
        self.by_group: dict[str, list[LocatedFact]] = {}
        self._pools: dict[tuple, tuple[list[str], dict[str, list[int]]]] = {}
        frames: dict[str, str] = {}  # the text after the answer is often shared ("." or " wells.")
        owned: set[tuple[int, str]] = set()
        for lf in self.facts:
            fact = lf.fact
            ok = (_answer_key_once(fact.answer),) if not fact.also_accept and not fact.unit else tuple(accepted(fact))
            self._accepted[id(fact)] = ok
            if fact.disputed is not None:
                self.disputed.update(ok)
            before, after = fact.blanked_parts
            n_after = frames.get(after)
            if n_after is None:
                n_after = frames[after] = _uncached_normalize(after)
            pair = (_uncached_normalize(fact.ask), _uncached_normalize(before) + "|" + n_after)
            self._keys[id(fact)] = pair
            for n, (table, k) in enumerate(((self._true_ask, pair[0]), (self._true_frame, pair[1]))):
                true = table.get(k)
                if true is None:
                    table[k] = ok
                elif (n, k) in owned:
                    true.update(ok)
                else:
                    table[k] = {*true, *ok}
                    owned.add((n, k))
            self.by_type.setdefault(fact.answer_type.value, []).append(lf)
            if fact.group:
                self.by_group.setdefault(fact.group, []).append(lf)

    def accepted(self, fact: Fact | LocatedFact) -> set[str] | tuple[str, ...]:
        """`accepted(fact)` (from the index, as a tuple, for a fact of this base)."""
        fact = _fact(fact)
        ok = self._accepted.get(id(fact))
        return accepted(fact) if ok is None else ok

    def is_true_for(self, fact: Fact | LocatedFact, value: str) -> bool:
        """`is_true_for` against this fact base, through the index."""
        fact = _fact(fact)
        keys = self._keys.get(id(fact))
        if keys is None:  # a fact from elsewhere: the plain scan gives the same answer
            return is_true_for(fact, value, self.facts)
        key = answer_key(value)
        if key in self._accepted[id(fact)] or key in self._true_ask[keys[0]] or key in self._true_frame[keys[1]]:
            return True
        # a name the pack's aliases tie to an accepted answer names the same thing
        return bool(self.same) and any(
            k in self._accepted[id(fact)] or k in self._true_ask[keys[0]] or k in self._true_frame[keys[1]]
            for k in self.same.get(key, ()))

    def same_thing(self, a: str, b: str) -> bool:
        """Do `a` and `b` name the same thing (equal after normalisation, or in one alias list)?"""
        ka, kb = answer_key(a), answer_key(b)
        return ka == kb or kb in self.same.get(ka, ())

    def plain_sources(self, pack: str) -> list[rules.PlainText]:
        """The pack's clean source texts, `rules.plain` (lower case, no accents), made once."""
        if pack not in self._plain:
            self._plain[pack] = [rules.plain_text(t) for t in self._sources.get(pack, [])]
        return self._plain[pack]

    def listed_with_key(self, lf: LocatedFact, candidate: str) -> str | None:
        """The source sentence that lists `candidate` beside `lf`'s answer, or None."""
        sentences = self._key_sentences.get(lf.key)
        if sentences is None:
            fact = lf.fact
            forms = [fact.answer, *fact.also_accept]
            forms += [n for k in self.accepted(fact) for n in self._alias_names(k)]
            sentences = self._key_sentences[lf.key] = rules.key_sentences(
                self.plain_sources(lf.pack), list(dict.fromkeys(forms)))
        return rules.listed_with(sentences, candidate) if sentences else None

    def is_rare_root(self, root: str) -> bool:
        """Is `root` (`rules.word_roots`) used by few of the facts' questions and sentences?"""
        if self._root_df is None:
            self._root_df = Counter(
                r for lf in self.facts for r in rules.word_roots(f"{lf.fact.ask} {lf.fact.plain_text}"))
        limit = max(3, int(rules.RARE_ROOT_SHARE * len(self.facts)))
        return self._root_df.get(root, 0) <= limit

    def surname_is_unique(self, surname: str) -> bool:
        """Does exactly one person of the fact base (the answers and distractors of person facts)
        have this last name?"""
        if self._surnames is None:
            names = {normalize_answer(n) for lf in self.facts if lf.fact.answer_type.value == "person"
                     for n in (lf.fact.answer, *lf.fact.distractors)}
            self._surnames = Counter(parts[-1] for parts in map(str.split, names) if len(parts) >= 2)
        return self._surnames.get(normalize_answer(surname), 0) == 1

    def spots(self, key: str) -> frozenset:
        """`rules.evidence_spots` of the fact with this key (made once; empty for an unknown key
        or a quote the plain source search does not find)."""
        found = self._spots.get(key)
        if found is None:
            lf = self.by_key.get(key)
            found = self._spots[key] = frozenset() if lf is None else frozenset(
                (lf.pack, n, at) for n, at in rules.evidence_spots(self.plain_sources(lf.pack), lf.fact.evidence))
        return found

    def _alias_names(self, key: str) -> list[str]:
        return [] if key not in self.same else [f.fact.answer for f in self.facts if answer_key(f.fact.answer) in self.same[key]]

    def article_of(self, name: str) -> bool | None:
        """Whether the fact base writes `name` as an answer after 'the' (True), after another word
        (False), or never shows it (None)."""
        if self._articles is None:
            seen: dict[str, set[bool]] = {}
            for lf in self.facts:
                before, _ = lf.fact.blanked_parts
                words = before.split()
                if words:
                    seen.setdefault(answer_key(lf.fact.answer), set()).add(words[-1].lower() == "the")
            self._articles = {k: (v.pop() if len(v) == 1 else None) for k, v in seen.items()}
        return self._articles.get(answer_key(name))

    def pool_answers(self, lf: LocatedFact) -> list[str]:
        """Answers of the facts whose answers may stand in for this one's (its group's, of the same
        answer type; a quantity's in the same unit), in fact base order, those with `lf`'s key
        left out: from a pool built once per group. A fact with no group has none."""
        f = lf.fact
        if not f.group:
            return []
        kind = f.answer_type.value
        unit = (f.unit or "") if kind == "quantity" else None  # a quantity compares in its own unit
        ident = (f.group, kind, unit)
        if ident not in self._pools:
            like = [o for o in self.by_group.get(f.group, []) if o.fact.answer_type.value == kind
                    and (unit is None or (o.fact.unit or "") == unit)]
            at: dict[str, list[int]] = {}
            for i, o in enumerate(like):
                at.setdefault(o.key, []).append(i)
            self._pools[ident] = ([o.fact.answer for o in like], at)
        answers, at = self._pools[ident]
        skip = at.get(lf.key)
        if not skip:
            return list(answers)
        if len(skip) == 1:
            i = skip[0]
            return answers[:i] + answers[i + 1:]
        gone = set(skip)
        return [a for i, a in enumerate(answers) if i not in gone]


def _length_ok(options: list[str]) -> bool:
    lengths = [len(o) for o in options]
    return max(lengths) <= rules.LENGTH_RATIO * statistics.median(lengths)


def pick_distractors(
    lf: LocatedFact,
    base: FactBase,
    rng: random.Random,
    count: int,
    *,
    below: int | None = None,
    balance: bool = True,
    allow: Callable[[str], bool] | None = None,
    stem: str = "",
) -> list[str]:
    """Up to `count` distractors for `lf`, best first (fewer if the pool runs dry).

    Candidates come in tiers, and a tier is used up before the next is touched: the fact's
    hand-written `distractors`; answers of its group (`FactBase.pool_answers`); near values for
    measured answers; last, group answers of disputed facts. Each passes
    `rules.candidate_problem` against `stem`, the text the student reads with the options.
    `balance` (multiple choice; a true/false swap has nothing to balance) picks options of like
    length within a tier; one exception keeps "pick the longest" from working: when every
    distractor is shorter than the key, the last hand-written one gives its place to a later
    candidate at least as long.

    For measured answers `below` asks for that many values under the key (the rest above), so that
    ascending options put the key at a seeded random position: with `balance` the tiers are taken
    in order on each side (a hand-written value on a side that is already full is left out),
    without it a tier beats the side. Measured values are returned bare (no unit). `allow` is an
    extra test a candidate must pass (a true/false sentence's grammar).
    """
    fact = lf.fact
    kind = fact.answer_type.value
    key = fact.answer
    seen = set(base.accepted(fact))
    chosen: list[str] = []

    def usable(cand: str) -> bool:
        cand = cand.strip()
        if not cand or answer_key(cand) in seen or any(base.same_thing(cand, c) for c in [key, *chosen]):
            return False
        if kind == "person" and not same_name_style(key, cand):
            return False
        if allow is not None and not allow(cand):
            return False
        if kind in rules.ORDERED_TYPES and not (nearvalues.fits(kind, key, cand) and all(
                nearvalues.spaced(kind, key, cand, o) for o in [key, *chosen])):
            return False
        return rules.candidate_problem(lf, cand, base, stem) is None

    def take(cand: str) -> None:
        chosen.append(cand.strip())
        seen.add(answer_key(cand))

    hand = [nearvalues.without_unit(c, fact.unit) for c in fact.distractors]
    if not balance:  # one swap: any of the author's values, so seeds differ (options keep their order)
        rng.shuffle(hand)
    pooled = base.pool_answers(lf)
    rng.shuffle(pooled)
    near: list[str] = []
    if kind in rules.ORDERED_TYPES:
        near = nearvalues.synthetic(kind, key, rng, True) + nearvalues.synthetic(kind, key, rng, False)
    # Disputed answers go last (hand-written ones are the author's choice and stay first).
    if base.disputed:
        disputed = [c for c in [*pooled, *near] if answer_key(c) in base.disputed]
        tiers = [hand, *([c for c in t if answer_key(c) not in base.disputed] for t in (pooled, near)), disputed]
    else:
        tiers = [hand, pooled, near, []]

    if kind in rules.ORDERED_TYPES:
        position = nearvalues.sort_key(kind, key)
        want_below = count if below is None else min(count, below)
        need = {True: want_below, False: count - want_below}

        def fill(tier: list[str], *, side_only: bool) -> None:
            for cand in tier:
                if len(chosen) >= count:
                    return
                value = nearvalues.sort_key(kind, cand)
                side = value is not None and position is not None and value < position
                if (need[side] > 0 or not side_only) and usable(cand):
                    take(cand)
                    need[side] -= 1

        if balance:
            # The key's position was drawn first (keys in the middle are a cue: Attali & Bar-Hillel
            # 2003), so the tiers are taken in order on each side; a side that runs dry (a key near
            # zero, say) is filled from the other, again tier by tier.
            for side_only in (True, False):
                for tier in tiers:
                    fill(tier, side_only=side_only)
        else:
            for tier in tiers:  # one swap: the best tier, on the drawn side if it has one there
                fill(tier, side_only=True)
                fill(tier, side_only=False)
        return chosen

    from_hand = 0
    later: dict[str, str] = {}  # usable candidates of the tiers after the hand-written one, by key
    for n, tier in enumerate(tiers):
        fresh: dict[str, str] = {}  # by `answer_key`: the first of candidates that name one thing
        for cand in tier:
            if usable(cand):
                fresh.setdefault(answer_key(cand), cand.strip())
        if n > 0:
            for k, cand in fresh.items():
                later.setdefault(k, cand)
        need = count - len(chosen)
        if need <= 0:
            continue
        usable_here = list(fresh.values())
        picked = _balanced_rest(key, chosen, usable_here, need) if balance else usable_here[:need]
        for cand in picked:
            take(cand)
        if n == 0:
            from_hand = len(chosen)
    if balance and from_hand and len(chosen) == count and rules.key_longer(key, chosen):
        # Hand-written distractors all shorter than the key make "pick the longest" work
        # (Haladyna et al. 2002): the last of them gives its place to a later one at least as long.
        last = from_hand - 1
        others = chosen[:last] + chosen[last + 1:]
        longer = [c for c in later.values() if c not in chosen and len(c) >= len(key) and _length_ok([key, *others, c])]
        if longer:
            chosen[last] = longer[0]
    return chosen


def _balanced_rest(key: str, fixed: list[str], rest: list[str], need: int) -> list[str]:
    """The best-ranked `need` (at least 1) candidates whose lengths sit with the others', if such
    a set exists."""
    head = rest[: max(need + 6, 10)]
    balanced = (list(c) for c in itertools.combinations(head, need) if _length_ok([key, *fixed, *c]))
    first = None
    for combo in balanced:
        if not rules.key_longer(key, [*fixed, *combo]):  # the key as the longest option is a cue
            return combo
        first = first or combo
    return first or rest[:need]


_INITIAL = re.compile(r"^(?:\w\.)+$")


def same_name_style(a: str, b: str) -> bool:
    """Two people's names written alike: both with initials ('V. Zubok') or neither, and as many
    name parts give or take one ('Juan Pablo Góngora Pérez' is not a like name for 'Kahlo')."""
    pa, pb = a.split(), b.split()
    initials = lambda parts: any(_INITIAL.match(p) for p in parts)
    return initials(pa) == initials(pb) and abs(len(pa) - len(pb)) <= 1

