"""Item checks: the rule book applied to a finished quiz item, one function per flaw.

Each check takes one `Item` and a `RuleContext` (the fact base: facts by key, pools, aliases, the
pack's sources) and yields messages (none: fine); `@rule(id, severity, item types)` registers it
in `RULES`. The quiz assembler refuses an item that any check
of severity "error" flags, so a generated quiz never holds what `quizgen lint` calls an error; the
lint runs the same checks as an independent guard and on hand-edited items. docs/lint.md lists each
check with the flaw it catches, an item it flags and one it passes.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Fact, LoadedPack, LocatedFact
from ..normalize import SCALES, content_words, words
from ..recipe import ItemType
from . import rules
from .distractors import FactBase
from .items import Item
from .nearvalues import (
    leading_number,
    parse_date,
    parse_number,
    parse_period,
    parse_year,
    sort_key,
    split_unit,
)

ERROR, WARNING = "error", "warning"
_NUMBER_UNIT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(.*)$")


@dataclass(frozen=True)
class RuleContext:
    """What checks read besides the item: the fact base (every fact of the recipe's packs, with
    their pools, aliases, `as_of` years and sources) and facts by key."""

    base: FactBase

    @classmethod
    def of(cls, facts: list[LocatedFact], packs: Iterable[LoadedPack] = ()) -> RuleContext:
        return cls(FactBase(facts, packs))

    @property
    def by_key(self) -> dict[str, LocatedFact]:
        return self.base.by_key

    def fact(self, key: str) -> Fact | None:
        lf = self.by_key.get(key)
        return lf.fact if lf else None

    def located(self, key: str) -> LocatedFact | None:
        return self.by_key.get(key)


ItemCheck = Callable[[Item, RuleContext], Iterable[str]]


@dataclass(frozen=True)
class Rule:
    """A registered item check: its id, severity ("error" or "warning") and function, whose
    docstring's first paragraph says what it wants."""

    id: str
    severity: str
    func: ItemCheck


#: Every item check, in report order: the order the checks below are defined in.
RULES: list[Rule] = []


def rule(id: str, severity: str, *types: ItemType) -> Callable[[ItemCheck], ItemCheck]:
    """Register the check below as the next of `RULES`. Given item types, it sees only items of
    those types; an item of another type passes it."""

    def register(func: ItemCheck) -> ItemCheck:
        @functools.wraps(func)  # keeps the docstring, which the lint shows
        def on_types(item: Item, ctx: RuleContext) -> Iterable[str]:
            return func(item, ctx) if item.type in types else ()

        RULES.append(Rule(id, severity, on_types if types else func))
        return func

    return register


def _mc(item: Item) -> bool:
    return item.type is ItemType.multiple_choice


def _key(item: Item) -> str | None:
    if item.key is None or not 0 <= item.key < len(item.options):
        return None
    return item.options[item.key]


def _distractors(item: Item) -> list[str]:
    return [o for i, o in enumerate(item.options) if i != item.key]


def _first(item: Item, ctx: RuleContext) -> LocatedFact | None:
    """The fact an item asks about (a matching or ordering item's first)."""
    return ctx.located(item.fact_ids[0]) if item.fact_ids else None


@rule("mc-option-count", ERROR, ItemType.multiple_choice)
def option_count(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A multiple-choice item has 3 or 4 options (Rodriguez 2005: three are enough) and one key."""
    n = len(item.options)
    if not rules.MC_MIN_OPTIONS <= n <= rules.MC_MAX_OPTIONS:
        yield f"{n} options (3 or 4 wanted)"
    if _key(item) is None:
        yield f"key {item.key} is not the index of an option"


@rule("mc-distinct", ERROR, ItemType.multiple_choice)
def distinct(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Options are pairwise distinct after normalisation (case, accents, articles, 6,650 = 6650),
    and no two are names of one thing in the pack's `aliases`."""
    for i, a in enumerate(item.options):
        for b in item.options[i + 1:]:
            if ctx.base.same_thing(a, b):
                yield f"options {a!r} and {b!r} name the same thing"


@rule("mc-one-key", ERROR, ItemType.multiple_choice)
def one_key(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Exactly one key: the key answers the fact, and no distractor is true in the fact base."""
    lf, key = _first(item, ctx), _key(item)
    if lf is None or key is None:
        return
    if not ctx.base.is_true_for(lf, key):
        yield f"the key {key!r} is not an accepted answer of {lf.key}"
    for o in _distractors(item):
        if ctx.base.is_true_for(lf, o):
            yield f"distractor {o!r} is also a right answer according to the fact base"


def _swapped(item: Item, lf: LocatedFact) -> str | None:
    """The value a false statement swapped in for `lf`'s answer (None: it is not `lf`'s sentence
    with one span changed)."""
    before, after = lf.fact.blanked_parts
    text = item.prompt
    if not (text.startswith(before) and text.endswith(after)) or len(text) <= len(before) + len(after):
        return None
    return text[len(before): len(text) - len(after)]


def _wrong(item: Item, ctx: RuleContext) -> tuple[LocatedFact | None, list[str]]:
    lf = _first(item, ctx)
    if lf is None:
        return None, []
    if item.type is ItemType.true_false:
        swapped = _swapped(item, lf) if item.statement_true is False else None
        return lf, [swapped] if swapped else []
    return lf, _distractors(item) if _mc(item) else []


@rule("distractor-pool", ERROR)
def from_pools(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Every wrong option (a distractor, a true/false swap) comes from the fact's pools: its
    hand-written distractors, the answers of its group, near values of a measured answer. An
    answer of the same type from elsewhere in the pack may be of another role altogether."""
    lf, wrong = _wrong(item, ctx)
    for o in wrong:
        if not rules.in_pools(lf, o.strip(), ctx.base):
            yield (f"{o!r} is neither a hand-written distractor of {lf.key}, nor an answer of its "
                   f"group{' (' + lf.fact.group + ')' if lf.fact.group else ' (it has none)'}, "
                   "nor a near value")


@rule("distractor-never-true", ERROR)
def never_true(item: Item, ctx: RuleContext) -> Iterable[str]:
    """No wrong option is true: not by the fact base or its aliases (`mc-one-key` and
    `tf-one-answer` say so too), not listed beside the answer in the source ("A and B"), not named
    in its own stem, not a year after the pack's `as_of`."""
    lf, wrong = _wrong(item, ctx)
    stem = item.prompt if _mc(item) else ""
    for o in wrong:
        problem = rules.candidate_problem(lf, o.strip(), ctx.base, stem)
        if problem is not None and "fact base" not in problem:  # that one is mc-one-key's
            yield f"{o!r} {problem}"


def _number_unit(text: str) -> tuple[float, str] | None:
    """The number an option opens with and the words after it, or None."""
    m = _NUMBER_UNIT.match(text.strip())
    value = parse_number(m.group(1)) if m else None
    return None if value is None else (value, " ".join(words(m.group(2))))


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
        parts = _number_unit(text)
        return None if parts is None else ("number", parts[1])
    return ("numeric",) if parse_number(text) is not None else ("words",)


@rule("mc-answer-format", ERROR, ItemType.multiple_choice)
def answer_format(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Every option has the key's answer type and format.

    A year with years of as many digits, a full date with full dates in the same style (December 11,
    2015 / 11 December 2015), a period with periods, a number with numbers in the same unit. Names of
    people in the same style: each distractor has the key's number of name parts, plus or minus one
    (particles such as 'de' or 'von' not counted), and initials ('V. I. Lenin') are not mixed with
    full names. For other answer types, a bare number is not mixed with words.
    """
    key = _key(item)
    if key is None:
        return
    kind = item.answer_type
    want = _shape(kind, key)
    if want is None:
        yield f"the key {key!r} is not written as a {kind}"
        return
    for o in _distractors(item):
        if _shape(kind, o) != want:
            yield f"option {o!r} is not in the key's format ({kind} like {key!r})"
    if kind in ("number", "quantity"):
        k = _number_unit(key)[0]
        for o in _distractors(item):
            v = (_number_unit(o) or (None,))[0]
            if v is not None and max(k, v) >= 1000 and ("," in key) != ("," in o):
                yield f"option {o!r} and the key {key!r} write thousands differently"
    if kind == "person":
        n = len(rules.name_parts(key))
        for o in _distractors(item):
            m = len(rules.name_parts(o))
            if abs(m - n) > 1:
                yield f"option {o!r} has {m} name parts, the key {key!r} {n}"
        initials = {rules.has_initials(o) for o in item.options}
        if len(initials) > 1:
            yield "names with initials mixed with full names: " + ", ".join(map(repr, item.options))


@rule("mc-parallel-grammar", ERROR, ItemType.multiple_choice)
def parallel_grammar(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Phrase answers (terms) and their distractors open with the same kind of word (a
    preposition, "because", a negation, a number, or a noun phrase): an option of another grammar
    is ruled out, or ruled in, by its form alone."""
    key = _key(item)
    if key is None or item.answer_type != "term":
        return
    want = rules.opener(key)
    for o in _distractors(item):
        got = rules.opener(o)
        if got != want:
            yield f"option {o!r} opens as a {got}, the key {key!r} as a {want}"


@rule("mc-odd-key-out", ERROR, ItemType.multiple_choice)
def odd_key_out(item: Item, ctx: RuleContext) -> Iterable[str]:
    """The distractors do not all share a word the key lacks ("buffer zone", "neutral zone", "zone
    of joint security" beside "sphere of influence"): a test-wise student picks the odd one out
    without knowing the fact. Numbers, years and dates are left to their own checks."""
    key, others = _key(item), _distractors(item)
    if key is None or item.answer_type in rules.ORDERED_TYPES or len(others) < 2:
        return
    shared = frozenset.intersection(*(rules.word_roots(o) for o in others)) - rules.word_roots(key)
    if shared:
        yield (f"every distractor shares {', '.join(sorted(shared))!s} and the key {key!r} does not: "
               "the key is the odd one out")


@rule("mc-option-length", WARNING, ItemType.multiple_choice)
def option_length(item: Item, ctx: RuleContext) -> Iterable[str]:
    """The longest option is at most 1.5 times the median option length (in characters). Names
    (people, places, organizations, works, events) are left alone: their lengths are no cue."""
    if len(item.options) < 2 or item.answer_type in rules.NAME_TYPES:
        return
    lengths = [len(o.strip()) for o in item.options]
    median = statistics.median(lengths)
    longest = max(lengths)
    if median and longest > rules.LENGTH_RATIO * median:
        option = item.options[lengths.index(longest)]
        yield f"option {option!r} is {longest / median:.1f} x the median option length (at most {rules.LENGTH_RATIO})"


@rule("mc-of-the-above", ERROR, ItemType.multiple_choice)
def of_the_above(item: Item, ctx: RuleContext) -> Iterable[str]:
    """No 'all of the above', 'none of the above' or 'both ...' options."""
    for o in item.options:
        if rules.OF_THE_ABOVE.search(o.strip()):
            yield f"option {o!r} tests test-taking, not the fact"


@rule("absolute-words", WARNING, ItemType.multiple_choice, ItemType.true_false)
def absolute(item: Item, ctx: RuleContext) -> Iterable[str]:
    """No absolute words (always, never, only, completely, absolutely) in options or true/false
    statements, unless the fact's own text uses the word."""
    lf = _first(item, ctx)
    allowed = set(words(lf.fact.plain_text)) if lf else set()
    for text in item.options if _mc(item) else [item.prompt]:
        found = set(words(text)) - allowed
        bad = [w for w in rules.ABSOLUTE_WORDS if w in found]
        if bad:
            yield f"absolute word {', '.join(bad)} in {text!r}, and the fact does not say so"


@rule("mc-key-stem-overlap", ERROR, ItemType.multiple_choice)
def key_stem_overlap(item: Item, ctx: RuleContext) -> Iterable[str]:
    """The key shares no content word with the stem, unless every distractor does too (a clang
    association points to the key). Words of 5 letters or more count as shared when they begin
    alike ("culture" and "cultural", "Japan" and "Japanese")."""
    key = _key(item)
    if key is None:
        return
    stem = rules.word_roots(item.prompt)
    shared = rules.word_roots(key) & stem
    if shared and not all(rules.word_roots(o) & stem for o in _distractors(item)):
        yield f"the key {key!r} repeats {', '.join(sorted(shared))} from the stem, and not every distractor does"


@rule("mc-ascending", ERROR, ItemType.multiple_choice)
def ascending(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Numbers, years, dates and periods are listed in ascending order."""
    if item.answer_type not in rules.ORDERED_TYPES:
        return
    values = [sort_key(item.answer_type, o) for o in item.options]
    if None not in values and values != sorted(values):
        yield "options are not in ascending order: " + ", ".join(item.options)


@rule("mc-year-gap", ERROR, ItemType.multiple_choice)
def year_gap(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Year distractors are at least 2 years from the key (not a rounding quibble) and within 30
    years of it (not absurd)."""
    key = _key(item)
    k = parse_year(key) if key and item.answer_type == "year" else None
    if k is None:
        return
    for o in _distractors(item):
        y = parse_year(o)
        if y is not None and not rules.YEAR_MIN_GAP <= abs(y - k) <= rules.YEAR_MAX_GAP:
            yield f"year {o} is {abs(y - k)} years from the key {key} (2 to 30 wanted)"


@rule("mc-quantity-gap", ERROR, ItemType.multiple_choice)
def quantity_gap(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Number and quantity distractors are within 50% of the key."""
    key = _key(item)
    if not key or item.answer_type not in ("number", "quantity"):
        return
    k = leading_number(key)  # quantities carry their unit: "20 million books"
    if not k:
        return
    for o in _distractors(item):
        v = leading_number(o)
        if v is not None and abs(v - k) > rules.QUANTITY_MAX_GAP * k + 1e-9:
            yield f"{o} is {abs(v - k) / k:.0%} away from the key {key} (at most 50%)"


@rule("tf-one-answer", ERROR, ItemType.true_false)
def tf_one_answer(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A true statement is the fact; a false one swaps in a value the fact base does not make true."""
    if not item.fact_ids:
        return
    if item.statement_true is not None and item.key != (0 if item.statement_true else 1):
        yield f"key {item.key} does not match statement_true={item.statement_true}"
    lf = _first(item, ctx)
    if lf is None:
        return
    if item.statement_true:
        if words(item.prompt) != words(lf.fact.plain_text):
            yield "the 'true' statement is not the fact's text"
        return
    swapped = _swapped(item, lf)
    if swapped is None:
        yield "the 'false' statement is not the fact's sentence with its answer swapped"
        return
    if ctx.base.is_true_for(lf, swapped):
        yield f"the 'false' statement is true: {swapped!r} is a right answer according to the fact base"


@rule("tf-swap", ERROR, ItemType.true_false)
def tf_swap(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A false statement reads as a sentence and does not refute itself: the swapped-in name takes
    the determiner the sentence gives it (no 'the Kashmir', no 'to United States'), the rest of
    the sentence does not repeat the answer it replaced, the sentence makes one claim (a second
    one joined by 'and', 'but', ';' or a relative clause after the answer stays true), and the
    answer is no member of a list ("tours, evenings and [[exchanges]]" with another member in its
    place is false only by omission: the list need not be whole)."""
    if item.statement_true is not False:
        return
    lf = _first(item, ctx)
    if lf is None:
        return
    swapped = _swapped(item, lf)
    before, _ = lf.fact.blanked_parts
    if swapped and lf.fact.answer_type.value in ("country", "place") and not rules.determiner_fits(
            before, swapped, ctx.base):
        yield f"{swapped!r} does not read right after {' '.join(before.split()[-2:])!r}"
    repeated = rules.self_refuting(lf.fact)
    if repeated:
        yield f"the rest of the sentence still says {repeated!r}: the statement refutes itself"
    joined = rules.second_claim(lf.fact)
    if joined:
        yield f"the sentence joins a second claim ({joined!r}) that stays true: the statement is half true"
    if rules.in_a_list(lf.fact):
        yield "the answer is one member of a list: with another in its place the statement is false only by omission"


@rule("fill-blank-unique", ERROR, ItemType.fill_blank)
def blank_unique(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A fill-in-the-blank has one answer: its sentence keeps the years and names the fact's
    question carries, does not repeat the answer elsewhere, the blank is no member of a list ("A,
    B, ___ and C"), and the source does not write another answer of the fact's group in its place."""
    lf = _first(item, ctx)
    if lf is None:
        return
    missing = rules.blank_missing(lf.fact)
    if missing:
        yield f"the sentence drops {', '.join(missing)} (in the question), so a second answer may fit"
    repeated = rules.self_refuting(lf.fact)
    if repeated:
        yield f"the rest of the sentence gives the blank away: {repeated!r}"
    if rules.in_a_list(lf.fact):
        yield "the blank is one member of a list: any other member fits it too"
    other = rules.second_fit(lf, ctx.base)
    if other:
        yield f"the source writes {other!r} (another answer of group {lf.fact.group}) where the blank is"


@rule("written-closed", ERROR, ItemType.fill_blank, ItemType.short_answer)
def written_closed(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A fill-in or short-answer item asks for a name, a number or a year: a term is a phrase a
    student who knows it words in many ways, a date or period has many written forms, and no
    accepted-forms list covers them (`rules.closed_answer`)."""
    lf = _first(item, ctx)
    if lf is not None and not rules.closed_answer(lf.fact):
        yield (f"the answer {lf.fact.answer!r} is a {lf.fact.answer_type.value}: a phrase students word "
               "in many ways; ask it with options")


@rule("written-takes-no-wrong", ERROR, ItemType.fill_blank, ItemType.short_answer)
def written_takes_no_wrong(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A written answer's accepted forms do not let a wrong answer through: no distractor of the
    fact and no other answer of its group passes the marking rule (`rules.accepts_wrong`)."""
    if not item.answer_text:
        return
    lf = _first(item, ctx)
    if lf is None:
        return
    wrong = rules.accepts_wrong(lf, [item.answer_text, *item.accept], ctx.base)
    if wrong:
        yield f"the accepted answers mark the wrong answer {wrong!r} right (a bare word among them?)"


def _value(text: str) -> float | None:
    """The number a written answer names, its scale word counted in: '22 thousand' -> 22000."""
    parts = split_unit(text)
    if parts is None:
        return None
    number, rest = parts
    return number * SCALES.get(rest.split(" ", 1)[0].lower(), 1)


@rule("written-same-number", ERROR, ItemType.fill_blank, ItemType.short_answer)
def written_same_number(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Every accepted form of a written number or quantity that starts with a number names the
    answer's own: '22,000 thousand' for 22 thousand would mark right a figure a thousand times too
    large."""
    if item.answer_type not in ("number", "quantity"):
        return
    lf = _first(item, ctx)
    if lf is None:
        return
    key = rules.with_unit(lf.fact.answer, lf.fact.unit) if lf.fact.unit else lf.fact.answer
    want = _value(key)
    for form in item.accept:
        got = _value(form)
        if want is not None and got is not None and abs(got - want) > 1e-9 * abs(want):
            yield f"the accepted answer {form!r} names another number than {key!r}"


@rule("matching-shape", ERROR, ItemType.matching)
def matching_shape(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Matching: 4 to 8 premises, at least 2 extra responses, each response right for at most one
    premise and each premise's match right for it, and no premise naming another one's answer."""
    n = len(item.premises)
    if not rules.MATCHING_MIN <= n <= rules.MATCHING_MAX:
        yield f"{n} premises (4 to 8 wanted)"
    extras = len(item.options) - len(set(item.matches))
    if extras < rules.MATCHING_EXTRAS:
        yield f"{extras} extra responses (at least 2 wanted)"
    if any(ctx.base.same_thing(a, b) for n, a in enumerate(item.options) for b in item.options[n + 1:]):
        yield "two responses say the same thing (or name one thing: pack aliases)"
    for i, m in enumerate(item.matches):
        for j, premise in enumerate(item.premises):
            if j != i and 0 <= m < len(item.options) and rules.mentions(premise, item.options[m]):
                yield f"premise {j + 1} names {item.options[m]!r}, the answer of premise {i + 1}"
    for i, (key, m) in enumerate(zip(item.fact_ids, item.matches, strict=False)):
        lf = ctx.located(key)
        if lf is None or not 0 <= m < len(item.options):
            continue
        for j, option in enumerate(item.options):
            if (j == m) != ctx.base.is_true_for(lf, option):
                what = "is not right for" if j == m else "is also right for"
                yield f"response {option!r} {what} premise {i + 1} ({key})"


@rule("matching-one-pool", ERROR, ItemType.matching)
def matching_one_pool(item: Item, ctx: RuleContext) -> Iterable[str]:
    """A matching set draws on one group and one answer type, its responses share one unit, and no
    premise shares a word with its own response that the other responses lack (a unit or a title
    that pairs them gives the match away)."""
    facts = [ctx.fact(k) for k in item.fact_ids]
    facts = [f for f in facts if f is not None]
    groups = {f.group for f in facts}
    types = {f.answer_type.value for f in facts}
    if len(types) > 1:
        yield f"answer types are mixed: {', '.join(sorted(types))}"
    if len(groups) > 1 or None in groups:
        yield "premises do not share one group: " + ", ".join(sorted(g or "(none)" for g in groups))
    units = {f.unit for f in facts}
    if len(units) > 1:
        yield f"responses carry different units: {', '.join(sorted(u or '(none)' for u in units))}"
    responses = [item.options[m] if 0 <= m < len(item.options) else "" for m in item.matches]
    for i, premise in enumerate(item.premises):
        cue = content_words(premise) & content_words(responses[i])
        others = [content_words(r) for j, r in enumerate(item.options) if j != item.matches[i]]
        cue = {w for w in cue if not all(w in o for o in others)}
        if cue:
            yield f"premise {i + 1} and its response share {', '.join(sorted(cue))}: that pairs them"


@rule("ordering-shape", ERROR, ItemType.ordering)
def ordering_shape(item: Item, ctx: RuleContext) -> Iterable[str]:
    """Ordering: 3 to 5 events with distinct dates (none containing another), answered earliest first."""
    n = len(item.options)
    if not rules.ORDERING_MIN <= n <= rules.ORDERING_MAX:
        yield f"{n} events (3 to 5 wanted)"
    if len(item.dates) != n or sorted(item.sequence) != list(range(n)):
        yield "every event needs one date and one place in the sequence"
        return
    for i in range(n):
        for j in range(i + 1, n):
            if not rules.comparable(item.dates[i], item.dates[j]):
                yield f"events {item.options[i]!r} and {item.options[j]!r} have no distinct dates"
    ordered = [rules.when_key(item.dates[i]) for i in item.sequence]
    if ordered != sorted(ordered):
        yield "the sequence is not earliest first"


@rule("ordering-dated", ERROR, ItemType.ordering)
def ordering_dated(item: Item, ctx: RuleContext) -> Iterable[str]:
    """An ordering item uses only events whose evidence quote states the date."""
    for key in item.fact_ids:
        fact = ctx.fact(key)
        if fact is not None and not rules.dated_by_evidence(fact):
            yield f"the evidence of {key} does not state {fact.when}"


@rule("item-fact-ids", ERROR)
def fact_ids(item: Item, ctx: RuleContext) -> Iterable[str]:
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


def item_errors(item: Item, ctx: RuleContext) -> list[str]:
    """What every error rule says of `item` (empty: the item may be printed)."""
    return [f"{r.id}: {m}" for r in RULES if r.severity == ERROR for m in r.func(item, ctx)]
