"""The rule book of item quality: thresholds and the rules a wrong option must pass.

The quiz generators obey these rules while they pick distractors, and `quizgen lint` checks finished
items against the same functions (through `quizgen.quiz.checks`), so the two never disagree. The
rules come from the item-writing literature (Haladyna, Downing & Rodriguez 2002; Rodriguez 2005 on
three options) and from what careful reviewers of our own output caught; docs/lint.md lists them.

A wrong option ("candidate") may stand beside a fact's answer only when:
- it comes from the fact's pools: its hand-written distractors, the answers of its `group` (the same
  role), or near values of a measured answer (`in_pools`); never an answer of the same type drawn
  from elsewhere in the pack (a patriarch offered as an assassin);
- the fact base does not make it true (`FactBase.is_true_for`, pack aliases included);
- the source does not list it beside the answer ("the Business Council and the Business and
  Academic Forum": `listed_with`), it is not named in the stem, it is no "all of the above", and it
  is no year after the pack's `as_of` (a later year may be true by now).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..model import Fact, LocatedFact
from ..recipe import ItemType
from ..normalize import content_words, written_answer_ok
from ..source import fold
from .answers import _uncached_normalize, answer_key, normalize_answer  # memoised
from .items import Item
from .nearvalues import (  # noqa: F401 (thresholds re-exported: this module is where they are read)
    QUANTITY_MAX_GAP,
    YEAR_MAX_GAP,
    YEAR_MIN_GAP,
    fits,
    parse_date,
    parse_period,
    parse_year,
    sort_key,
    with_unit,
    without_unit,
)

if TYPE_CHECKING:
    from .distractors import FactBase

#: A multiple-choice item has this many options (three are enough: Rodriguez 2005).
MC_MIN_OPTIONS, MC_MAX_OPTIONS = 3, 4
#: Longest option at most this many times the median option length (not for names: see NAME_TYPES).
LENGTH_RATIO = 1.5
#: Matching: premises, extra responses; more premises than PRINT_MAX rarely fit on one page.
MATCHING_MIN, MATCHING_MAX, MATCHING_EXTRAS, MATCHING_PRINT_MAX = 4, 8, 2, 6
ORDERING_MIN, ORDERING_MAX = 3, 5
#: Answer types whose options are listed in ascending order and get near-value distractors.
ORDERED_TYPES = frozenset({"year", "period", "date", "number", "quantity"})
#: Answer types whose answers are proper names: their lengths say nothing about being right
#: ('Riga' against 'Saint Petersburg'), so the option-length rule leaves them alone.
NAME_TYPES = frozenset({"person", "place", "country", "organization", "work", "event"})

#: Whole quizzes: the key is the strictly longest option in at most 1/k + SLACK of the multiple-
#: choice items (from MIN_ITEMS of them); key positions pass a chi-square test at ALPHA (from
#: POSITIONS_MIN_ITEMS); 40-60% of true/false statements are true (from TF_MIN_ITEMS).
KEY_LONGEST_MIN_ITEMS, KEY_LONGEST_SLACK = 10, 0.10
POSITIONS_MIN_ITEMS, POSITIONS_ALPHA = 30, 0.05
TF_MIN_ITEMS, TF_TRUE_MIN, TF_TRUE_MAX = 5, 0.40, 0.60

OF_THE_ABOVE = re.compile(
    r"\b(?:all|none|both|neither) of (?:the )?(?:above|these|them|those)\b|^(?:both|neither)\b",
    re.IGNORECASE,
)


def mentions(text: str, answer: str) -> bool:
    """Does `text` name `answer` as whole words (after normalisation)?"""
    a = normalize_answer(answer)
    return bool(a) and f" {a} " in f" {normalize_answer(text)} "


def stems_of(item: Item) -> list[str]:
    """What a student reads before answering: the prompt (a true/false item's statement), matching
    premises and ordering events."""
    texts = [item.prompt, *item.premises]
    if item.type is ItemType.ordering:
        texts += item.options
    return texts


def keys_of(item: Item, by_key: Mapping[str, LocatedFact]) -> list[str]:
    """The answers an item tests: its key option, written answer and aliases, matched responses,
    and the answers (and aliases) of the facts it tests (found in `by_key`, facts by key). An index
    out of range and an empty answer name nothing.

    A true/false item tests its fact's answer, which its true statement contains by design: that
    is a leak only into *another* item's stem, which is all `gives_away` (and the lint) compares.
    """
    if item.type is ItemType.matching:
        out = [item.options[m] for m in item.matches if 0 <= m < len(item.options)]
    elif item.type in (ItemType.ordering, ItemType.true_false):
        out = []  # an order (its events are stems), or True/False (it tests its fact's answer)
    elif item.type is ItemType.multiple_choice:
        in_range = item.key is not None and 0 <= item.key < len(item.options)
        out = [item.options[item.key]] if in_range else []
    else:
        out = [a for a in [item.answer_text, *item.accept] if a]
    if item.type is not ItemType.ordering:
        for fact_id in item.fact_ids:
            lf = by_key.get(fact_id)
            if lf is not None:
                out += [lf.fact.answer, *lf.fact.also_accept]
    return list(dict.fromkeys(out))


#: A word root is rare, and so a cue when one item's answer shares it with another item, when at
#: most this share of the fact base's questions and sentences use it (and never fewer than 3).
RARE_ROOT_SHARE = 0.02


def rare_key_roots(a: Item, b: Item, base: FactBase) -> set[str]:
    """The roots of `a`'s answers (its keys and its facts' answers) that are rare in the fact base
    and that `b`'s stems or options hold: "cultural" answers beside a stem about culture, "1917"
    beside "1910-1917". Common roots (the country a whole pack is about) cue nothing."""
    keys = set().union(*(word_roots(k) for k in keys_of(a, base.by_key)), set())
    if not keys:
        return set()
    seen = set().union(*(word_roots(t) for t in [*stems_of(b), *b.options]), set())
    # words of 5 letters or more, numbers of 3 digits or more ("1917"): shorter ones cue nothing
    return {r for r in keys & seen if len(r) >= (3 if r.isdigit() else 5) and base.is_rare_root(r)}


def answer_keys(item: Item, base: FactBase) -> set[str]:
    """The comparison keys of what an item asks for: two items of one quiz must not share one (an
    ordering item asks for none: `keys_of`)."""
    return {answer_key(k) for k in keys_of(item, base.by_key) if k.strip()}


@functools.lru_cache(maxsize=1 << 14)
def word_roots(text: str) -> frozenset[str]:
    """The content words of `text`, those of 5 letters or more cut to their first 5 ("cultural"
    and "culture" -> "cultu"): what a clang association between two texts shares."""
    return frozenset(w[:5] if len(w) >= 5 and not w.isdigit() else w for w in content_words(text))


def key_strictly_longest(item: Item) -> bool:
    """Is a multiple-choice item's key longer than each of its other options?"""
    return key_longer(item.options[item.key], [o for i, o in enumerate(item.options) if i != item.key])


def key_longer(key: str, others: list[str]) -> bool:
    """Is `key` strictly longer than every one of `others` (spaces around them left out)?"""
    return all(len(key.strip()) > len(o.strip()) for o in others)


# -- words -------------------------------------------------------------------------------------

#: Absolute words (Haladyna et al. 2002, guideline 28 on specific determiners).
ABSOLUTE_WORDS = ("always", "never", "only", "completely", "absolutely")


_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.?$|^[A-ZÀ-Ý]\.[A-ZÀ-Ý]\.?$")
#: Particles that join a name without being a name part of their own (de, von, bin...).
_PARTICLES = frozenset(
    {"de", "del", "la", "los", "las", "van", "von", "der", "da", "di", "du", "y", "bin", "ibn"}
)


def name_parts(name: str) -> list[str]:
    """The parts of a person's name, particles left out: 'Francisco de Orellana' -> 2 parts."""
    return [p for p in name.replace(",", " ").split() if p.lower() not in _PARTICLES]


def has_initials(name: str) -> bool:
    """'J. R. R. Tolkien' or 'V.I. Lenin' have initials; 'Lev Trotsky' has none."""
    return any(_INITIAL.match(p) for p in name.split())


_OPENERS = {
    "preposition": {"to", "for", "in", "on", "of", "by", "with", "from", "at", "into", "through",
                    "between", "among", "against", "without", "under", "over", "about", "after",
                    "before", "during"},
    "reason": {"because", "since", "due", "owing"},
    "negation": {"no", "not", "neither", "nor", "none", "never"},
}


def opener(phrase: str) -> str:
    """The kind of word a phrase opens with: a preposition, a reason ("because"), a negation, a
    number, or a noun phrase (anything else, with or without an article). Options of parallel
    grammar share it; finer kinds (an -ing noun, an adjective) would flag good options."""
    first = (phrase.split() or [""])[0].lower().strip("\"'«»“”()")
    for kind, openers in _OPENERS.items():
        if first in openers:
            return kind
    return "number" if first[:1].isdigit() else "noun phrase"


# -- pools ---------------------------------------------------------------------------------------


def in_pools(lf: LocatedFact, candidate: str, base: FactBase) -> bool:
    """Is `candidate` from one of the fact's pools: its hand-written distractors, an answer (or
    alias) of a fact of its group, or a near value of a measured answer in the key's format?"""
    fact = lf.fact
    key = answer_key(candidate)
    bare = answer_key(without_unit(candidate, fact.unit))
    for d in fact.distractors:
        if answer_key(d) in (key, bare) or answer_key(with_unit(d, fact.unit)) == key:
            return True
    if fact.group:
        for other in base.by_group.get(fact.group, ()):
            if other.fact.answer_type is fact.answer_type and key in {*base.accepted(other),
                    answer_key(with_unit(other.fact.answer, other.fact.unit))}:
                return True
    kind = fact.answer_type.value
    return kind in ORDERED_TYPES and fits(kind, fact.answer, without_unit(candidate, fact.unit))


# -- the source: lists that hold the key ----------------------------------------------------------

_SEPARATORS = frozenset({",", "and", "or", "&", "as", "well", "other", "also"})
_FILLERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
#: Words that make a stretch of text a clause, not a list item.
_CLAUSE_WORDS = frozenset(
    "is are was were be been being has have had which that who whom whose while when but "
    "because although since if".split()
)
_GAP_TOKEN = re.compile(r"[,;:()]|[^\W_]+(?:['’-][^\W_]+)*")


def _list_gap(gap: str) -> bool:
    """Is `gap`, the text between two names, the inside of a list ("A, B and C", "A and other C")?"""
    tokens = [t for t in _GAP_TOKEN.findall(gap.lower()) if t not in _FILLERS]
    if not tokens or tokens[0] not in _SEPARATORS or tokens[-1] not in _SEPARATORS:
        return False
    run = 0
    for t in tokens:
        if t in (";", ":", "(", ")") or t in _CLAUSE_WORDS:
            return False
        run = 0 if t in _SEPARATORS else run + 1
        if run > 5:
            return False
    return True


class _Plain(dict):
    """A `str.translate` table filled on demand: a character's base letter, lower-cased."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1].lower()
        self[code] = value = base if len(base) == 1 else ch
        return value


_PLAIN = _Plain()


def plain(text: str) -> str:
    """`text` lower-cased, accents dropped, one character for one (so offsets stay valid)."""
    return text.lower() if text.isascii() else text.translate(_PLAIN)


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)")


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    if not phrase.strip():
        return []
    return [m.span() for m in _phrase_pattern(phrase).finditer(text)]


_WORD = re.compile(r"\w+")


class PlainText:
    """A source's clean text made `plain`, searched for whole-word phrases. A long text is searched
    through an index of its words, built on first use: a quiz asks a large source thousands of
    times (100 questions on a 5 MB source: 31 s by regular expression scans, see benchmarks/)."""

    INDEX_FROM = 50_000

    def __init__(self, clean: str) -> None:
        self.text = plain(clean)
        self._words: dict[str, list[int]] | None = None

    def find(self, phrase: str) -> list[tuple[int, int]]:
        """(start, end) of every whole-word occurrence of `phrase` (already `plain`)."""
        text = self.text
        words = _WORD.findall(phrase)
        if len(text) < self.INDEX_FROM or not words:
            return _occurrences(text, phrase)
        if self._words is None:
            index: dict[str, list[int]] = {}
            for m in _WORD.finditer(text):
                index.setdefault(m.group(), []).append(m.start())
            self._words = index
        rare = min(words, key=lambda w: len(self._words.get(w, ())))
        pattern = _phrase_pattern(phrase)
        margin = len(phrase) + 16
        found: set[tuple[int, int]] = set()
        for at in self._words.get(rare, ()):
            found.update(m.span() for m in pattern.finditer(text, max(0, at - margin), at + margin))
        return sorted(found)


@functools.lru_cache(maxsize=16)
def plain_text(clean: str) -> PlainText:
    """The `PlainText` of a clean source text, kept for the next quiz of the same packs."""
    return PlainText(clean)


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end) in a clean source text."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_dot, right_nl = text.find(". ", end), text.find("\n", end)
    rights = [r for r in (right_dot, right_nl) if r != -1]
    return left + 1, (min(rights) if rights else len(text))


def key_sentences(texts: list[PlainText], key_forms: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The sentences of a source's texts that name a form of the key, each with the key's spans
    in it (worked out once per fact, then asked of every candidate)."""
    out: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for n, source in enumerate(texts):
        for form in key_forms:
            for a, b in source.find(plain(form).strip()):
                s, e = _sentence_at(source.text, a, b)
                out.setdefault((n, s, e), []).append((a - s, b - s))
    return [(texts[n].text[s:e], spans) for (n, s, e), spans in out.items()]


def evidence_spots(texts: list[PlainText], evidence: str) -> frozenset[tuple[int, int]]:
    """The source sentences (text index, start) the evidence quote lies in: two items resting on
    one sentence tell each other's answers."""
    spots = set()
    for n, source in enumerate(texts):
        for a, b in source.find(plain(fold(evidence)).strip()):
            spots.add((n, _sentence_at(source.text, a, b)[0]))
            end = _sentence_at(source.text, max(a, b - 1), b)[0]
            spots.add((n, end))
    return frozenset(spots)


def listed_with(sentences: list[tuple[str, list[tuple[int, int]]]], candidate: str) -> str | None:
    """The sentence (of `key_sentences`) where `candidate` stands in one list with the key ("A and
    B", "A, B and C"), or None."""
    cand = plain(candidate).strip()
    if not cand:
        return None
    for sentence, spans in sentences:
        for c, d in _occurrences(sentence, cand):
            for a, b in spans:
                gap = sentence[b:c] if c >= b else sentence[d:a] if d <= a else None
                if gap is not None and _list_gap(gap):
                    return " ".join(sentence.split())
    return None


# -- one candidate, every rule ---------------------------------------------------------------------


def after_as_of(kind: str, value: str, as_of: int | None) -> bool:
    """Does a year, period or date `value` reach past the pack's `as_of` year?"""
    if as_of is None:
        return False
    if kind == "year":
        year = parse_year(value)
        return year is not None and year > as_of
    if kind == "period":
        period = parse_period(value)
        return period is not None and max(period[0], period[1]) > as_of
    if kind == "date":
        date = parse_date(value)
        return date is not None and date[0].year > as_of
    return False


_AT_LEAST = re.compile(r"\b(?:more than|over|at least|above|upwards of)\s*$", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:fewer than|less than|under|at most|below)\s*$", re.IGNORECASE)


def bounded(fact: Fact) -> bool:
    """Does the fact's sentence bound its measured answer ("more than [[20]]", "under [[50]]")?
    Its wrong options can then lie on one side only, so the key's position would give it away:
    such a fact makes no multiple-choice item."""
    before, _ = fact.blanked_parts
    return fact.answer_type.value in ORDERED_TYPES and bool(_AT_LEAST.search(before) or _AT_MOST.search(before))


def within_bound(fact: Fact, value: str) -> bool:
    """Is a measured `value` true by the bound the fact's sentence puts on its answer ("more than
    [[20]] universities" makes 15 true as well)?"""
    if not bounded(fact):
        return False
    kind = fact.answer_type.value
    v, k = sort_key(kind, without_unit(value, fact.unit)), sort_key(kind, fact.answer)
    if v is None or k is None:
        return False
    return v <= k if _AT_LEAST.search(fact.blanked_parts[0]) else v >= k


def candidate_problem(lf: LocatedFact, candidate: str, base: FactBase, stem: str = "") -> str | None:
    """Why `candidate` may not be a wrong option for `lf` (None: it may). `stem` is the text the
    student reads before the options (the question, or a true/false statement's frame)."""
    fact = lf.fact
    if base.is_true_for(lf, candidate):
        return "is also a right answer according to the fact base (pack aliases included)"
    if OF_THE_ABOVE.search(candidate.strip()):
        return "tests test-taking, not the fact"
    if stem and mentions(stem, candidate):
        return "is named in the stem"
    if within_bound(fact, candidate):
        return "is true too: the sentence bounds the answer (\"more than\", \"under\" ...)"
    if after_as_of(fact.answer_type.value, candidate, base.as_of.get(lf.pack)):
        return f"is after {base.as_of.get(lf.pack)}, the year the pack describes (as_of)"
    sentence = base.listed_with_key(lf, candidate)
    if sentence is not None:
        short = sentence if len(sentence) <= 90 else sentence[:87] + "..."
        return f"stands in one list with the answer in the source: \"{short}\""
    return None


# -- true/false: the determiner a swapped-in name needs ---------------------------------------------

_THE_NAMES = re.compile(
    r"\b(?:united|republic|kingdom|union|federation|emirates|islands|states|caribbean|vatican|"
    r"kremlin|hermitage|gambia|congo|netherlands|philippines|bahamas)\b|s$|\bof\b",
    re.IGNORECASE,
)


def takes_the(name: str, base: FactBase | None = None) -> bool:
    """Does a country or place name want 'the' before it in running text ('the United States',
    'the Dominican Republic', but 'Kashmir', 'Panama')? The fact base's own sentences decide when
    they show the name; else the name's form does."""
    if base is not None:
        seen = base.article_of(name)
        if seen is not None:
            return seen
    words = name.split()
    return bool(words) and bool(_THE_NAMES.search(name)) and not words[-1].endswith(("ss", "us", "is"))


def determiner_fits(before: str, candidate: str, base: FactBase | None = None) -> bool:
    """Does `candidate` read right after `before` ('... of the' wants a name that takes 'the')?"""
    words = before.split()
    has_the = bool(words) and words[-1].lower() == "the"
    if candidate.lower().startswith("the "):
        return not has_the
    return takes_the(candidate, base) == has_the


# -- the fact's own sentence ------------------------------------------------------------------------


def self_refuting(fact: Fact) -> str | None:
    """A form of the answer that the rest of the fact's own sentence repeats (a false version of it
    would contradict itself, a blank would fill itself), or None."""
    before, after = fact.blanked_parts
    rest = f"{before} … {after}"
    for form in (fact.answer, *fact.also_accept):
        if content_words(form) and mentions(rest, form):
            return form
    return None


#: Words that join a second claim to a sentence; after the answer a relative clause is one too.
_JOINED = re.compile(r"; |, (?:and|but|yet|while|whereas|though|although|a fact)\b")
_RELATIVE = re.compile(r", (?:which|who|whom|whose)\b")


def second_claim(fact: Fact) -> str | None:
    """The words that join a second claim to the fact's sentence ("The Danube rises in [[Germany]],
    and Vienna lies on its banks"), or None. A false statement made from such a sentence swaps one
    claim and leaves the other true: half true, the flaw Frisbie and Becker (1991) warn of in
    true/false items ("one idea per statement")."""
    before, after = fact.blanked_parts
    found = _JOINED.search(before) or _JOINED.search(after) or _RELATIVE.search(after)
    return found.group(0).strip("; ,") or ";" if found else None


_YEAR = re.compile(r"\b(?:1\d|20)\d\d\b")
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'’-]{3,}")
_QUESTION_WORDS = frozenset({"which", "what", "who", "whom", "whose", "when", "where", "how", "why",
                             "besides", "according", "apart", "name", "under", "after", "before", "in"})


def blank_missing(fact: Fact) -> list[str]:
    """Years and names the fact's question carries that its sentence leaves out: without them a
    blanked sentence may have a second answer ("the US interfered in ___" fits Chile 1973 as well
    as Guatemala 1954)."""
    text = fact.plain_text
    ask = fact.ask
    missing = [y for y in dict.fromkeys(_YEAR.findall(ask)) if y not in text] if _DIGIT.search(ask) else []
    low = None
    for m in _NAME.finditer(ask, 1):
        word = m.group(0)
        if word in text or word.lower() in _QUESTION_WORDS:
            continue
        low = plain(text) if low is None else low
        if plain(word)[:5] not in low:  # 'Canadian' is carried by 'Canada'
            missing.append(word)
    return list(dict.fromkeys(missing))


_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|\bas well as)\s*(?:other\s+)?$", re.IGNORECASE)
_CLAUSE_START = r"(?!(?:and|or|was|were|is|are|has|had|have|then|later|so|which|who|but)\b)"
_LIST_AFTER = re.compile(
    rf"^\s*(?:,\s*{_CLAUSE_START}[^,.;:]{{1,40}}?(?:,|\s(?:and|or)\s)|(?:and|or)\s+{_CLAUSE_START})",
    re.IGNORECASE,
)


def in_a_list(fact: Fact) -> bool:
    """Is the answer one member of a list in its own sentence ("airports, roads, [[ports]] and
    railways")? Blanked, any other member fits as well."""
    before, after = fact.blanked_parts
    return bool(_LIST_BEFORE.search(before) or _LIST_AFTER.match(after))


def second_fit(lf: LocatedFact, base: FactBase) -> str | None:
    """Another answer of the fact's group that the source writes right where the blank is (the three
    words before the blank followed by it, or it followed by the three words after), or None."""
    fact = lf.fact
    if not fact.group:
        return None
    before, after = fact.blanked_parts
    head = " ".join(before.split()[-3:])
    tail = " ".join(after.split()[:3]).rstrip(".,;:")
    texts = base.plain_sources(lf.pack)
    for other in base.by_group.get(fact.group, ()):
        if other.key == lf.key or base.is_true_for(lf, other.fact.answer):
            continue
        name = plain(other.fact.answer)
        for probe in ((f"{plain(head)} {name}" if len(head.split()) == 3 else None),
                      (f"{name} {plain(tail)}" if len(tail.split()) == 3 else None)):
            if probe and any(t.find(probe) for t in texts):
                return other.fact.answer
    return None


def shared_answers(facts: Iterable[LocatedFact]) -> set[str]:
    """Normalised answers that answer two or more of `facts` (as answer or accepted form): the cue
    of a reverse card must not be one of them, or the card has no one answer."""
    seen: set[str] = set()
    shared: set[str] = set()
    for lf in facts:
        keys = {_uncached_normalize(lf.fact.answer), *map(_uncached_normalize, lf.fact.also_accept)}
        shared |= keys & seen
        seen |= keys
    return shared


def dated_by_evidence(fact: Fact) -> bool:
    """Does the evidence quote state the event's year (an ordering item rests on it)?"""
    return bool(fact.when) and fact.when[:4].lstrip("0") in fact.evidence


def when_key(when: str) -> tuple[int, ...]:
    return tuple(int(part) for part in when.split("-"))


def comparable(a: str, b: str) -> bool:
    """Two `when`s that can be put in order: neither is the other or contains it (1890 vs 1890-05)."""
    ka, kb = when_key(a), when_key(b)
    n = min(len(ka), len(kb))
    return ka[:n] != kb[:n]


def accepts_wrong(lf: LocatedFact, accepted: list[str], base: FactBase) -> str | None:
    """A wrong answer that the marking rule for written answers (`written_answer_ok`) would take:
    one of the fact's hand-written distractors or another answer of its group. A bare "void" among
    the accepted forms of "a cultural void" marks "a diplomatic void" right; "Castro" for "Fidel
    Castro" marks "Raúl Castro" right."""
    for cand in [*lf.fact.distractors, *base.pool_answers(lf)]:
        if base.same_thing(cand, lf.fact.answer) or any(base.same_thing(cand, a) for a in accepted):
            continue
        if written_answer_ok(cand, accepted):
            return cand
    return None


#: Answer types a written item may ask for: names, numbers and years, which a student writes in
#: few ways. A term ("sever diplomatic relations", "a cultural void") is a phrase a student who
#: knows it words in many, and a date or period has many written forms ("10 December 2007" and
#: "December 10, 2007", "1976–1982" and "1976 to 1982"): those are asked with options and on
#: cards, where the learner judges the answer, not marked as written text (Haladyna, Downing &
#: Rodriguez 2002: a completion item has one short answer).
WRITTEN_TYPES = NAME_TYPES | {"year", "number", "quantity"}


def closed_answer(fact: Fact) -> bool:
    """Can a written answer to this fact be marked by rule (`written_answer_ok`)?"""
    return fact.answer_type.value in WRITTEN_TYPES


def surname_alone(lf: LocatedFact, base: FactBase) -> str | None:
    """The last name of a person answer, accepted on its own in writing ("Ivanova" for "Valentina
    Ivanova") when no other person of the fact base has it (not "Castro" where Fidel and Raúl
    both are)."""
    if lf.fact.answer_type.value != "person":
        return None
    parts = lf.fact.answer.split()
    if len(parts) < 2:
        return None
    return parts[-1] if base.surname_is_unique(parts[-1]) else None

