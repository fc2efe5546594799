"""Per-item checks: each takes one quiz item and the fact base and yields messages (empty: fine).

The flaws come from the item-writing literature (Haladyna, Downing & Rodriguez 2002, guidelines
17-29; Rodriguez 2005 on three options); docs/lint.md lists them with their thresholds. Checks read
only the `Item` model and the facts its `fact_ids` name: they never regenerate anything.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable

from ..quiz.distractors import ORDERED_TYPES, answer_key
from ..quiz.generators import comparable, when_key
from ..quiz.items import Item
from ..quiz.nearvalues import (
    leading_number,
    parse_date,
    parse_number,
    parse_period,
    parse_year,
    sort_key,
)
from ..recipe import ItemType
from .context import LintContext
from .findings import ERROR, WARNING, Check, Scope
from .words import absolute_words, contains_phrase, content_words, has_initials, name_parts, words

MC_MIN_OPTIONS, MC_MAX_OPTIONS = 3, 4
LENGTH_RATIO = 1.5
YEAR_MIN_GAP, YEAR_MAX_GAP = 2, 30
QUANTITY_MAX_GAP = 0.50
MATCHING_MIN, MATCHING_MAX, MATCHING_EXTRAS = 4, 8, 2
ORDERING_MIN, ORDERING_MAX = 3, 5

_OF_THE_ABOVE = re.compile(
    r"\b(?:all|none|both|neither) of (?:the )?(?:above|these|them|those)\b|^(?:both|neither)\b",
    re.IGNORECASE,
)
_NUMBER_UNIT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(.*)$")


def _mc(item: Item) -> bool:
    return item.type is ItemType.multiple_choice


def _key(item: Item) -> str | None:
    if item.key is None or not 0 <= item.key < len(item.options):
        return None
    return item.options[item.key]


def _distractors(item: Item) -> list[str]:
    return [o for i, o in enumerate(item.options) if i != item.key]


def option_count(item: Item, ctx: LintContext) -> Iterable[str]:
    """A multiple-choice item has 3 or 4 options (Rodriguez 2005: three are enough) and one key."""
    if not _mc(item):
        return
    n = len(item.options)
    if not MC_MIN_OPTIONS <= n <= MC_MAX_OPTIONS:
        yield f"{n} options (3 or 4 wanted)"
    if _key(item) is None:
        yield f"key {item.key} is not the index of an option"


def distinct(item: Item, ctx: LintContext) -> Iterable[str]:
    """Options are pairwise distinct after normalisation (case, accents, articles, 6,650 = 6650)."""
    if not _mc(item):
        return
    seen: dict[str, str] = {}
    for o in item.options:
        k = answer_key(o)
        if k in seen:
            yield f"options {seen[k]!r} and {o!r} say the same thing"
        seen.setdefault(k, o)


def one_key(item: Item, ctx: LintContext) -> Iterable[str]:
    """Exactly one key: the key answers the fact, and no distractor is true in the fact base."""
    if not _mc(item) or not item.fact_ids:
        return
    lf = ctx.located(item.fact_ids[0])
    key = _key(item)
    if lf is None or key is None:
        return
    if not ctx.base.is_true_for(lf, key):
        yield f"the key {key!r} is not an accepted answer of {lf.key}"
    for o in _distractors(item):
        if ctx.base.is_true_for(lf, o):
            yield f"distractor {o!r} is also a right answer according to the fact base"


def _shape(answer_type: str, text: str) -> tuple | None:
    """A format signature: options of one item must share it. None: not of that type at all."""
    if answer_type == "year":
        return None if parse_year(text) is None else ("year", len(text.strip()))
    if answer_type == "date":
        d = parse_date(text)
        return None if d is None else ("date", d[1])
    if answer_type == "period":
        return None if parse_period(text) is None else ("period",)
    if answer_type in ("number", "quantity"):
        m = _NUMBER_UNIT.match(text.strip())
        if not m:
            return None
        value = parse_number(m.group(1))
        if value is None:
            return None
        return ("number", " ".join(words(m.group(2))))
    return ("numeric",) if parse_number(text) is not None else ("words",)


def answer_format(item: Item, ctx: LintContext) -> Iterable[str]:
    """Every option has the key's answer type and format.

    A year with years of as many digits, a full date with full dates in the same style (December 11,
    2015 / 11 December 2015), a period with periods, a number with numbers in the same unit. Names of
    people in the same style: each distractor has the key's number of name parts, plus or minus one
    (particles such as 'de' or 'von' not counted), and initials ('V. I. Lenin') are not mixed with
    full names. For other answer types, a bare number is not mixed with words.
    """
    if not _mc(item):
        return
    key = _key(item)
    if key is None:
        return
    kind = item.answer_type
    want = _shape(kind, key)
    if want is None:
        yield f"the key {key!r} is not written as a {kind}"
        return
    for o in _distractors(item):
        got = _shape(kind, o)
        if got != want:
            yield f"option {o!r} is not in the key's format ({kind} like {key!r})"
    if kind in ("number", "quantity"):
        k = parse_number(_NUMBER_UNIT.match(key.strip()).group(1))
        for o in _distractors(item):
            m = _NUMBER_UNIT.match(o.strip())
            v = parse_number(m.group(1)) if m else None
            if v is not None and max(k, v) >= 1000 and ("," in key) != ("," in o):
                yield f"option {o!r} and the key {key!r} write thousands differently"
    if kind == "person":
        n = len(name_parts(key))
        for o in _distractors(item):
            m = len(name_parts(o))
            if abs(m - n) > 1:
                yield f"option {o!r} has {m} name parts, the key {key!r} {n}"
        initials = {has_initials(o) for o in item.options}
        if len(initials) > 1:
            yield "names with initials mixed with full names: " + ", ".join(map(repr, item.options))


def option_length(item: Item, ctx: LintContext) -> Iterable[str]:
    """The longest option is at most 1.5 times the median option length (in characters)."""
    if not _mc(item) or len(item.options) < 2:
        return
    lengths = [len(o.strip()) for o in item.options]
    median = statistics.median(lengths)
    longest = max(lengths)
    if median and longest > LENGTH_RATIO * median:
        option = item.options[lengths.index(longest)]
        yield f"option {option!r} is {longest / median:.1f} x the median option length (at most {LENGTH_RATIO})"


def of_the_above(item: Item, ctx: LintContext) -> Iterable[str]:
    """No 'all of the above', 'none of the above' or 'both ...' options."""
    if not _mc(item):
        return
    for o in item.options:
        if _OF_THE_ABOVE.search(o.strip()):
            yield f"option {o!r} tests test-taking, not the fact"


def absolute(item: Item, ctx: LintContext) -> Iterable[str]:
    """No absolute words (always, never, only, completely, absolutely) in options or true/false
    statements, unless the fact's own text uses the word."""
    if item.type is ItemType.multiple_choice:
        texts = list(item.options)
    elif item.type is ItemType.true_false:
        texts = [item.prompt]
    else:
        return
    fact = ctx.fact(item.fact_ids[0]) if item.fact_ids else None
    allowed = set(words(fact.plain_text)) if fact else set()
    for text in texts:
        bad = [w for w in absolute_words(text) if w not in allowed]
        if bad:
            yield f"absolute word {', '.join(bad)} in {text!r}, and the fact does not say so"


def key_stem_overlap(item: Item, ctx: LintContext) -> Iterable[str]:
    """The key shares no content word with the stem, unless every distractor does too (a clang
    association points to the key)."""
    if not _mc(item):
        return
    key = _key(item)
    if key is None:
        return
    stem = content_words(item.prompt)
    shared = content_words(key) & stem
    if shared and not all(content_words(o) & stem for o in _distractors(item)):
        yield f"the key {key!r} repeats {', '.join(sorted(shared))} from the stem, and not every distractor does"


def _measured(item: Item) -> list[float] | None:
    values = [sort_key(item.answer_type, o) for o in item.options]
    if item.answer_type not in ORDERED_TYPES or any(v is None for v in values):
        return None
    return values


def ascending(item: Item, ctx: LintContext) -> Iterable[str]:
    """Numbers, years, dates and periods are listed in ascending order."""
    if not _mc(item):
        return
    values = _measured(item)
    if values is not None and values != sorted(values):
        yield "options are not in ascending order: " + ", ".join(item.options)


def year_gap(item: Item, ctx: LintContext) -> Iterable[str]:
    """Year distractors are at least 2 years from the key (not a rounding quibble) and within 30
    years of it (not absurd)."""
    if not _mc(item) or item.answer_type != "year":
        return
    key = _key(item)
    k = parse_year(key) if key else None
    if k is None:
        return
    for o in _distractors(item):
        y = parse_year(o)
        if y is not None and not YEAR_MIN_GAP <= abs(y - k) <= YEAR_MAX_GAP:
            yield f"year {o} is {abs(y - k)} years from the key {key} (2 to 30 wanted)"


def quantity_gap(item: Item, ctx: LintContext) -> Iterable[str]:
    """Number and quantity distractors are within 50% of the key."""
    if not _mc(item) or item.answer_type not in ("number", "quantity"):
        return
    key = _key(item)
    k = leading_number(key) if key else None  # quantities carry their unit: "20 million books"
    if not k:
        return
    for o in _distractors(item):
        v = leading_number(o)
        if v is not None and abs(v - k) > QUANTITY_MAX_GAP * k + 1e-9:
            yield f"{o} is {abs(v - k) / k:.0%} away from the key {key} (at most 50%)"


def tf_one_answer(item: Item, ctx: LintContext) -> Iterable[str]:
    """A true statement is the fact; a false one swaps in a value the fact base does not make true."""
    if item.type is not ItemType.true_false or not item.fact_ids:
        return
    if item.statement_true is not None and item.key != (0 if item.statement_true else 1):
        yield f"key {item.key} does not match statement_true={item.statement_true}"
    lf = ctx.located(item.fact_ids[0])
    if lf is None:
        return
    if item.statement_true:
        if words(item.prompt) != words(lf.fact.plain_text):
            yield "the 'true' statement is not the fact's text"
        return
    before, after = lf.fact.blanked_parts
    text = item.prompt
    if not (text.startswith(before) and text.endswith(after)) or len(text) <= len(before) + len(
        after
    ):
        yield "the 'false' statement is not the fact's sentence with its answer swapped"
        return
    swapped = text[len(before) : len(text) - len(after)]
    if ctx.base.is_true_for(lf, swapped):
        yield f"the 'false' statement is true: {swapped!r} is a right answer according to the fact base"


def matching_shape(item: Item, ctx: LintContext) -> Iterable[str]:
    """Matching: 4 to 8 premises, at least 2 extra responses, each response right for at most one
    premise and each premise's match right for it, and no premise naming another one's answer."""
    if item.type is not ItemType.matching:
        return
    n = len(item.premises)
    if not MATCHING_MIN <= n <= MATCHING_MAX:
        yield f"{n} premises (4 to 8 wanted)"
    extras = len(item.options) - len(set(item.matches))
    if extras < MATCHING_EXTRAS:
        yield f"{extras} extra responses (at least 2 wanted)"
    if len({answer_key(o) for o in item.options}) != len(item.options):
        yield "two responses say the same thing"
    for i, m in enumerate(item.matches):
        for j, premise in enumerate(item.premises):
            if j != i and 0 <= m < len(item.options) and contains_phrase(premise, item.options[m]):
                yield f"premise {j + 1} names {item.options[m]!r}, the answer of premise {i + 1}"
    for i, (key, m) in enumerate(zip(item.fact_ids, item.matches, strict=False)):
        lf = ctx.located(key)
        if lf is None or not 0 <= m < len(item.options):
            continue
        for j, option in enumerate(item.options):
            if (j == m) != ctx.base.is_true_for(lf, option):
                what = "is not right for" if j == m else "is also right for"
                yield f"response {option!r} {what} premise {i + 1} ({key})"


def ordering_shape(item: Item, ctx: LintContext) -> Iterable[str]:
    """Ordering: 3 to 5 events with distinct dates (none containing another), answered earliest first."""
    if item.type is not ItemType.ordering:
        return
    n = len(item.options)
    if not ORDERING_MIN <= n <= ORDERING_MAX:
        yield f"{n} events (3 to 5 wanted)"
    if len(item.dates) != n or sorted(item.sequence) != list(range(n)):
        yield "every event needs one date and one place in the sequence"
        return
    for i in range(n):
        for j in range(i + 1, n):
            if not comparable(item.dates[i], item.dates[j]):
                yield f"events {item.options[i]!r} and {item.options[j]!r} have no distinct dates"
    ordered = [when_key(item.dates[i]) for i in item.sequence]
    if ordered != sorted(ordered):
        yield "the sequence is not earliest first"


def fact_ids(item: Item, ctx: LintContext) -> Iterable[str]:
    """Every item carries the ids of the facts it uses, each one a fact of the packs, one per
    premise of a matching item and one per event of an ordering item."""
    if not item.fact_ids:
        yield "no fact ids"
        return
    unknown = [k for k in item.fact_ids if ctx.located(k) is None]
    if unknown:
        yield f"unknown fact ids: {', '.join(unknown)}"
    if item.type is ItemType.matching and len(item.fact_ids) != len(item.premises):
        yield f"{len(item.fact_ids)} fact ids for {len(item.premises)} premises"
    if item.type is ItemType.ordering and len(item.fact_ids) != len(item.options):
        yield f"{len(item.fact_ids)} fact ids for {len(item.options)} events"


CHECKS = [
    Check(
        "mc-option-count",
        ERROR,
        Scope.item,
        "A multiple-choice item has 3 or 4 options and a key among them.",
        option_count,
    ),
    Check(
        "mc-distinct",
        ERROR,
        Scope.item,
        "Options are pairwise distinct after normalisation.",
        distinct,
    ),
    Check(
        "mc-one-key",
        ERROR,
        Scope.item,
        "Exactly one key: no distractor is true in the fact base.",
        one_key,
    ),
    Check(
        "mc-answer-format",
        ERROR,
        Scope.item,
        "Every option has the key's answer type and format (year, full date, unit, style of name).",
        answer_format,
    ),
    Check(
        "mc-option-length",
        WARNING,
        Scope.item,
        "The longest option is at most 1.5 x the median option length.",
        option_length,
    ),
    Check(
        "mc-of-the-above",
        ERROR,
        Scope.item,
        "No 'all of the above', 'none of the above' or 'both' options.",
        of_the_above,
    ),
    Check(
        "absolute-words",
        WARNING,
        Scope.item,
        "No always/never/only/completely/absolutely in options or true/false statements unless the fact says so.",
        absolute,
    ),
    Check(
        "mc-key-stem-overlap",
        WARNING,
        Scope.item,
        "The key shares no content word with the stem unless every distractor does too.",
        key_stem_overlap,
    ),
    Check(
        "mc-ascending",
        ERROR,
        Scope.item,
        "Numbers, years, dates and periods are listed in ascending order.",
        ascending,
    ),
    Check(
        "mc-year-gap",
        ERROR,
        Scope.item,
        "Year distractors are 2 to 30 years from the key.",
        year_gap,
    ),
    Check(
        "mc-quantity-gap",
        ERROR,
        Scope.item,
        "Number and quantity distractors are within 50% of the key.",
        quantity_gap,
    ),
    Check(
        "tf-one-answer",
        ERROR,
        Scope.item,
        "A true statement is the fact; a false one swaps in a value that is not true.",
        tf_one_answer,
    ),
    Check(
        "matching-shape",
        ERROR,
        Scope.item,
        "Matching has 4 to 8 premises, at least 2 extra responses, one right response per premise.",
        matching_shape,
    ),
    Check(
        "ordering-shape",
        ERROR,
        Scope.item,
        "Ordering has 3 to 5 events with distinct dates, earliest first.",
        ordering_shape,
    ),
    Check(
        "item-fact-ids",
        ERROR,
        Scope.item,
        "Every item carries the ids of the facts it uses.",
        fact_ids,
    ),
]
