"""Per-quiz checks: each takes the items of one quiz version and yields (item or None, message).

These are the flaws no single item shows: keys that are too often the longest option, key positions
that are not random (Attali & Bar-Hillel 2003), lopsided true/false keys, and one item giving away
another's answer. Key positions are tested with Pearson's chi-square goodness of fit.
Each check is registered in `CHECKS` with its id and severity.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..normalize import content_words
from ..quiz.checks import RuleContext
from ..quiz.items import Item
from ..quiz.rules import (
    KEY_LONGEST_MIN_ITEMS,
    KEY_LONGEST_SLACK,
    POSITIONS_ALPHA,
    POSITIONS_MIN_ITEMS,
    TF_MIN_ITEMS,
    TF_TRUE_MAX,
    TF_TRUE_MIN,
    answer_keys,
    key_strictly_longest,
    keys_of,
    mentions,
    rare_key_roots,
    stems_of,
)
from ..recipe import ItemType
from .findings import ERROR, Checks, Scope


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for X ~ chi-square with `df` degrees of freedom (df a positive integer), exact,
    without scipy: Q(df/2, x/2), the regularised upper incomplete gamma function, from Q(1, y) =
    e^-y (df even) or Q(1/2, y) = erfc(sqrt y) (df odd), by Q(a + 1, y) = Q(a, y) + y^a e^-y /
    Gamma(a + 1)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if x <= 0:
        return 1.0
    y = x / 2.0
    q, a = (math.exp(-y), 1.0) if df % 2 == 0 else (math.erfc(math.sqrt(y)), 0.5)
    while a < df / 2.0:
        q += math.exp(a * math.log(y) - y - math.lgamma(a + 1.0))
        a += 1.0
    return min(1.0, q)


def chi_square(observed: Sequence[float], expected: Sequence[float]) -> tuple[float, int, float]:
    """(statistic, degrees of freedom, p-value) of observed against expected counts (at least two
    cells, each expected count above 0)."""
    stat = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    df = len(observed) - 1
    return stat, df, chi2_sf(stat, df)


def _mc(items: list[Item]) -> list[Item]:
    return [i for i in items if i.type is ItemType.multiple_choice
            and i.key is not None and 0 <= i.key < len(i.options)]


CHECKS = Checks(Scope.quiz)


@CHECKS("quiz-key-longest", ERROR)
def key_longest(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """With 10 or more multiple-choice items, the key is the strictly longest option in at most
    1/k + 10% of them (k the number of options; the mean of 1/k when items differ)."""
    mc = _mc(items)
    if len(mc) < KEY_LONGEST_MIN_ITEMS:
        return
    longest = [i for i in mc if key_strictly_longest(i)]
    limit = sum(1 / len(i.options) for i in mc) / len(mc) + KEY_LONGEST_SLACK
    share = len(longest) / len(mc)
    if share > limit + 1e-9:
        ids = ", ".join(sorted(i.id for i in longest))
        yield None, (f"the key is the longest option in {len(longest)} of {len(mc)} "
                     f"multiple-choice items ({share:.0%}; at most {limit:.0%}): {ids}")


@CHECKS("quiz-key-positions", ERROR)
def key_positions(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """With 30 or more multiple-choice items, a chi-square test of the key positions against
    uniform (each position 1/k of an item's k options) gives p >= 0.05."""
    mc = _mc(items)
    if len(mc) < POSITIONS_MIN_ITEMS:
        return
    width = max(len(i.options) for i in mc)
    observed = [0.0] * width
    expected = [0.0] * width
    for i in mc:
        observed[i.key] += 1
        for p in range(len(i.options)):
            expected[p] += 1 / len(i.options)
    stat, df, p = chi_square(observed, expected)
    if p < POSITIONS_ALPHA:
        counts = ", ".join(f"{chr(65 + j)}: {int(o)}" for j, o in enumerate(observed))
        yield None, (f"key positions are not random (chi-square {stat:.1f}, df {df}, p = {p:.3f} "
                     f"< 0.05): {counts}")


@CHECKS("quiz-tf-balance", ERROR)
def tf_balance(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """With 5 or more true/false items, 40 to 60% of them are true."""
    tf = [i for i in items if i.type is ItemType.true_false]
    if len(tf) < TF_MIN_ITEMS:
        return
    true = sum(1 for i in tf if (i.statement_true if i.statement_true is not None else i.key == 0))
    share = true / len(tf)
    if not TF_TRUE_MIN - 1e-9 <= share <= TF_TRUE_MAX + 1e-9:
        yield None, (f"{true} of {len(tf)} true/false statements are true ({share:.0%}; 40 to 60% "
                     "wanted)")


@CHECKS("quiz-same-passage", ERROR)
def same_passage(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """No two items rest on one sentence of the source (their facts' evidence quotes lie in it):
    the one tells the other's answer ("after 1905" beside "the Russo-Japanese War")."""
    taken: dict = {}
    for item in items:
        spots = frozenset().union(*(ctx.base.spots(k) for k in item.fact_ids))
        clash = next((taken[s] for s in spots if s in taken), None)
        if clash is not None and clash is not item:
            yield item, f"it rests on the same source sentence as item {clash.id}"
            continue
        for s in spots:
            taken[s] = item


@CHECKS("quiz-repeated-answer", ERROR)
def repeated_answer(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """No two items of a quiz have one answer ("Argentina" twice): knowing one gives the other."""
    seen: dict[str, Item] = {}
    for item in items:
        for key in sorted(answer_keys(item, ctx.base)):
            if key in seen and seen[key] is not item:
                yield item, f"it has the answer of item {seen[key].id}"
                break
            seen.setdefault(key, item)


@CHECKS("quiz-key-root-elsewhere", ERROR)
def key_root_elsewhere(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """No item's answer shares a rare word root (used by at most 2% of the fact base's questions
    and sentences) with another item's stem or options: three "cultural ..." answers in one quiz,
    or "1910-1917" among one item's options beside "1917" in another's stem, cue each other."""
    for a in items:
        for b in items:
            if b is a:
                continue
            shared = rare_key_roots(a, b, ctx.base)
            if shared:
                yield a, f"its answer shares {', '.join(sorted(shared))} with item {b.id}"
                break


@CHECKS("quiz-key-in-stem", ERROR)
def key_in_stem(items: list[Item], ctx: RuleContext) -> Iterable[tuple[Item | None, str]]:
    """No item's answer (key, alias, matched response, the answer its true/false statement tests)
    appears, as whole words, in another item's stem (prompt, true/false statement, matching
    premises, ordering events). Keys without a content word ('the', 'it') are not looked for."""
    for a in items:
        for key in keys_of(a, ctx.by_key):
            if not content_words(key):
                continue
            for b in items:
                if b is a:
                    continue
                if any(mentions(s, key) for s in stems_of(b)):
                    yield a, f"its answer {key!r} appears in the stem of item {b.id}"
                    break
