"""Pack-wide checks: what no single record can know about itself.

Duplicate ids, sources that are missing or outside the pack, evidence quotes not found in their
source, groups of one, answers whose form does not fit their type, distractors that are the answer.
Each check returns located problems; none raises.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from pathlib import Path

from . import paths
from .model import CLOZE_BLANK, FILL_BLANK, AnswerType, Fact, LocatedFact, Pack, Weight
from .nearest import nearest_passage
from .normalize import STOPWORDS, content_words, normalize_answer, same_answer, spelled
from .problems import Problem
from .source import SourceText
from .yamlio import Document, read_text

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
#: What an answer of each type must look like (types not listed take any text).
ANSWER_FORMS: dict[AnswerType, tuple[re.Pattern[str], str]] = {
    AnswerType.year: (re.compile(r"^\d{1,4}$"), "a year in digits, e.g. 1890"),
    AnswerType.period: (
        re.compile(r"^\d{3,4}\s*[–-]\s*\d{2,4}$"),
        "two years joined by a dash, e.g. 1910–1917",
    ),
    AnswerType.date: (
        re.compile(rf"^(?:(?:{_MONTHS}) \d{{1,2}}, \d{{3,4}}|\d{{1,2}} (?:{_MONTHS}) \d{{3,4}})$"),
        "a full date, e.g. December 11, 2015",
    ),
    AnswerType.number: (re.compile(r"^\d[\d,]*(?:\.\d+)?$"), "a number in digits, e.g. 15"),
    AnswerType.quantity: (
        re.compile(r"^\d[\d,]*(?:\.\d+)?(?:\s.*)?$"),
        "a number, with its unit in `unit`, e.g. 77",
    ),
}


def _impossible_when(fact: Fact, answer: str) -> tuple[str, str] | None:
    """A date that is no day of the calendar (February 30), year 0, or a period that runs
    backwards, in the answer or in `when`."""
    if fact.answer_type is AnswerType.date:
        m = re.search(r"\d{3,4}", answer)
        day = re.search(r"\b\d{1,2}\b", answer)
        month = next((n for n, name in enumerate(_MONTHS.split("|"), 1) if name in answer), None)
        if m and day and month:
            try:
                dt.date(int(m.group()), month, int(day.group()))
            except ValueError:
                return ("text", f"answer '{answer}' is no day of the calendar")
    if fact.answer_type is AnswerType.year and answer.strip().lstrip("0") == "":
        return ("text", "there is no year 0 (1 BC is followed by AD 1)")
    if fact.answer_type is AnswerType.period:
        m = re.match(r"^(\d{3,4})\s*[–-]\s*(\d{2,4})$", answer.strip())
        if m:
            start, end = m.groups()
            full_end = int(start[: len(start) - len(end)] + end)  # 1958–59 ends in 1959
            if full_end < int(start):
                return ("text", f"period '{answer}' ends before it starts")
    if fact.when:
        parts = [int(p) for p in fact.when.split("-")]
        try:
            dt.date(*parts, *[1] * (3 - len(parts)))  # year 0 raises too
        except ValueError:
            return ("when", f"'{fact.when}' is no date of the calendar")
    return None


#: Numbers in answers: near values are computed in floating point, exact to 15 digits.
MAX_DIGITS, MAX_DECIMALS = 15, 6
_NUMBER_PARTS = re.compile(r"^(\d[\d,]*)(?:\.(\d+))?")


def _too_big(answer: str) -> bool:
    m = _NUMBER_PARTS.match(answer.strip())
    if not m:
        return False
    whole, decimals = m.group(1).replace(",", ""), m.group(2) or ""
    return len(whole.lstrip("0")) > MAX_DIGITS or len(decimals) > MAX_DECIMALS


def check_fact(fact: Fact) -> list[tuple[str, str]]:
    """What is wrong with one fact beyond its fields' own rules, as (key, message): the answer's
    form against its type, a quantity without unit, a distractor that is the answer, an event
    without a date, a blank's mark in the text. Run where the fact is read."""
    out = []
    answer = fact.answer
    for mark in (CLOZE_BLANK, FILL_BLANK):
        if mark in fact.text:
            out.append(("text", f"'{mark}' marks the blank of a card or quiz item, so a second one would "
                                "show: write the words (or an ellipsis, …) instead"))
    form = ANSWER_FORMS.get(fact.answer_type)
    if form and not form[0].match(answer):
        out.append(("text", f"answer '{answer}' is not {form[1]} (answer_type {fact.answer_type.value})"))
    if fact.answer_type in (AnswerType.number, AnswerType.quantity) and _too_big(answer):
        out.append(("text", f"answer '{answer[:40]}{'...' if len(answer) > 40 else ''}' is too large a number: "
                            f"at most {MAX_DIGITS} digits and {MAX_DECIMALS} decimals"))
    if fact.answer_type is AnswerType.quantity and not fact.unit:
        out.append(("answer_type", "a quantity needs its unit (e.g. unit: thousand tourists)"))
    for value in fact.distractors:
        if same_answer(value, answer) or any(same_answer(value, a) for a in fact.also_accept):
            out.append(("distractors", f"'{value}' is the answer itself"))
    if fact.event is not None and fact.when is None:
        out.append(("event", "give `when` too, so the event can be ordered"))
    impossible = _impossible_when(fact, answer)
    if impossible:
        out.append(impossible)
    if not evidence_holds_answer(fact, answer):
        out.append(("evidence", f"the quote holds neither the answer '{answer}' nor an accepted "
                                "form of it: quote the passage that states it (or add the form the "
                                "source uses to also_accept)"))
    given = answer_in_ask(fact, answer)
    if given:
        out.append(("ask", f"the question gives its answer away: {', '.join(given)} of the answer "
                           f"'{answer}' stand in the question; ask without them"))
    return out


def _holds(evidence_words: list[str], form: str) -> bool:
    """Does the quote hold `form` as whole words, each number in digits or spelled out?"""
    want = normalize_answer(form).split()
    if not want:
        return False
    have = f" {' '.join(evidence_words)} "
    if f" {' '.join(want)} " in have:
        return True
    if not any(w.isdigit() for w in want):
        return False
    # a number may be spelled out ("fifteen"), and a date's parts stand in another order
    for w in want:
        spelt = spelled(int(w)) if w.isdigit() else None
        if f" {w} " not in have and not (spelt and f" {spelt} " in have):
            return False
    return True


def _verbatim(text: str, part: str) -> bool:
    """Is `part` in `text` as it is written, between word boundaries (the common case, cheaply)?"""
    at = text.find(part)
    while at != -1:
        end = at + len(part)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(part, at + 1)
    return False


def evidence_holds_answer(fact: Fact, answer: str | None = None) -> bool:
    """Does the evidence quote contain the answer or one of its accepted forms (numbers also
    spelled out)? A quote that stops before the answer does not ground it. (`answer`: the fact's,
    when the caller has it.)"""
    answer = fact.answer if answer is None else answer
    if _verbatim(fact.evidence, answer):
        return True
    evidence = normalize_answer(fact.evidence).split()
    return any(_holds(evidence, form) for form in (answer, *fact.also_accept))


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def answer_in_ask(fact: Fact, answer: str | None = None) -> list[str]:
    """The answer's content words that its own question repeats, when they are half of them or
    more (a question that names its answer gives it away); else empty. A word that names the kind
    of answer wanted is no give-away: one of the two after 'which' or 'what', up to a comma or a
    stopword ("Into which sea ...?" for "the Mediterranean Sea"), or one every hand-written
    distractor shares."""
    answer_text = fact.answer if answer is None else answer
    ask = fact.ask.lower()
    if not any(len(w) > 2 and w in ask for w in answer_text.lower().split()):
        return []  # no word of the answer in the question (the common case, cheaply)
    if answer_text.isascii() and ask.isascii():
        # ASCII words are what `content_words` makes of them: fewer than half shared, no give-away
        mine = {w for w in _ASCII_WORD.findall(answer_text.lower()) if w not in STOPWORDS and (len(w) > 2 or w.isdigit())}
        if 2 * len(mine.intersection(_ASCII_WORD.findall(ask))) < len(mine):
            return []
    answer = content_words(answer_text)
    category = set.intersection(*map(content_words, fact.distractors)) if fact.distractors else set()
    asked = fact.ask.split()
    for i, word in enumerate(asked):
        if word.lower() in ("which", "what"):
            start = i + 1
            if [w.lower() for w in asked[start : start + 2]] in (["is", "the"], ["was", "the"]):
                start += 2  # 'Which is the longest glacier ...?'
            for after in asked[start : start + 2]:  # 'which sea', 'what Mexican city'; not 'what is'
                if after.lower().strip(",") in STOPWORDS:
                    break
                category |= content_words(after)
                if after.endswith(","):
                    break
    shared = sorted((answer & content_words(fact.ask)) - category)
    return shared if answer and 2 * len(shared) >= len(answer) else []


def fact_problem(display: str, doc: Document, index: int, key: str, message: str) -> Problem:
    """A problem with `key` of record `index` of a fact file: located there, named `facts[i].key`."""
    line, col = doc.where(("facts", index, key))
    return Problem(display, line, col, f"facts[{index}].{key}: {message}")


def evidence_problems(pack: Pack, sources: dict[str, SourceText], facts: list[tuple[Fact, int]],
                      doc: Document, display: str) -> list[Problem]:
    """Evidence quotes of one file's facts (with their indexes) that their source does not hold,
    each with the closest passage of the source when one is close."""
    by_source: dict[str, list[tuple[Fact, int]]] = {}
    default = pack.sources[0].id
    for fact, i in facts:
        sid = fact.source or default
        if sid in sources:
            by_source.setdefault(sid, []).append((fact, i))
    out = []
    for sid, cited in by_source.items():
        found = sources[sid].contains_all([fact.evidence for fact, _ in cited])
        src_file = next(s.file for s in pack.sources if s.id == sid)
        for (fact, i), ok in zip(cited, found):
            if ok:
                continue
            quote = fact.evidence
            shown = quote if len(quote) <= 80 else quote[:77] + "..."
            message = f'quote not found in {src_file}: "{shown}"'
            near = nearest_passage(sources[sid], quote)
            if near is not None:
                passage, differs = near
                shown = passage if len(passage) <= 100 else passage[:97] + "..."
                message += f'; closest in the source: "{shown}" ({differs})'
            out.append(fact_problem(display, doc, i, "evidence", message))
    return out


def read_sources(pack: Pack, pack_doc: Document | None, folder: Path, display: str
                 ) -> tuple[dict[str, SourceText], list[Problem]]:
    """The pack's sources as clean texts: present, inside the pack folder, readable, ids unique."""
    problems: list[Problem] = []
    sources: dict[str, SourceText] = {}
    pack_path = os.path.join(display, "pack.yaml")

    def problem(i: int, key: str, message: str) -> None:
        line, col = pack_doc.where(("sources", i, key)) if pack_doc else (1, 1)
        problems.append(Problem(pack_path, line, col, f"sources[{i}].{key}: {message}"))

    seen_ids: set[str] = set()
    for i, src in enumerate(pack.sources):
        if src.id in seen_ids:
            problem(i, "id", f"duplicate source id '{src.id}'")
        seen_ids.add(src.id)
        try:
            target = paths.inside(folder, src.file)
        except (OSError, ValueError, RuntimeError) as err:  # a NUL byte, a name too long, a symlink loop
            reason = getattr(err, "strerror", None) or str(err).split(":")[0]
            problem(i, "file", f"cannot use this path: {reason}")
            continue
        if target is None:
            problem(i, "file", f"'{src.file}' leaves the pack folder; a pack may only cite files inside it")
            continue
        try:
            is_file = target.is_file()
        except (OSError, ValueError):
            is_file = False
        if not is_file:
            problem(i, "file", f"source file not found: {src.file}")
            continue
        try:
            text = read_text(target, os.path.join(display, src.file))
        except Problem as p:
            problems.append(p)
            continue
        sources[src.id] = SourceText(text, src.skip_sections)
    return sources, problems


def check_pack(pack: Pack, records: list[tuple[LocatedFact, Document, int]], *,
               complete: bool = True) -> list[Problem]:
    """Checks across the facts of a pack, each with the document and record index that locate it
    (evidence quotes are checked as each file is read). `complete` is false when some fact files
    could not be read: a group of one may have its other members there, so that check waits."""
    problems: list[Problem] = []

    def at(record: tuple[LocatedFact, Document, int], key: str, message: str) -> None:
        lf, doc, index = record
        problems.append(fact_problem(lf.file, doc, index, key, message))

    source_ids = [s.id for s in pack.sources]
    known_sources = set(source_ids)
    default_source = source_ids[0]
    first: dict[str, LocatedFact] = {}
    groups: dict[str, list[tuple[LocatedFact, Document, int]]] = defaultdict(list)
    ideas = {idea.id for idea in pack.ideas}
    for record in records:  # once per fact of every pack: kept to plain lookups
        lf = record[0]
        fact = lf.fact
        fid = fact.id
        other = first.setdefault(fid, lf)
        if other is not lf:
            at(record, "id", f"duplicate fact id '{fid}' (first used at {other.file}:{other.line})")
        if fact.group:
            groups[fact.group].append(record)

        sid = fact.source or default_source
        if sid not in known_sources:
            at(record, "source", f"no source '{sid}' in pack.yaml (sources: {', '.join(source_ids)})")
        if fact.idea is not None and fact.idea not in ideas:
            shown = ", ".join(sorted(ideas)) or "none: add `ideas:` to pack.yaml"
            at(record, "idea", f"no key idea '{fact.idea}' in pack.yaml (ideas: {shown})")
        elif ideas and fact.weight is Weight.core and fact.idea is None and not fact.is_disputed:
            at(record, "weight", "a core fact names the key idea it serves (idea: one of pack.yaml's ideas)")

    used_topics = {r[0].fact.topic for r in records}
    for topic in pack.topics:
        if complete and topic not in used_topics:
            problems.append(Problem(f"{pack.id}/pack.yaml", 1, 1, f"topics: '{topic}' is the topic of no "
                                    f"fact (topics: {', '.join(sorted(used_topics))})"))
    for name, members in groups.items():
        if len(members) == 1 and complete:
            at(members[0], "group", f"'{name}' has only this fact; a group pools like answers "
               "and needs at least two (or drop the group)")
            continue
        head = members[0][0]
        for record in members[1:]:
            lf = record[0]
            if lf.fact.answer_type != head.fact.answer_type:
                at(record, "group", f"'{name}' mixes answer types ({head.fact.answer_type.value} at "
                   f"{head.file}:{head.line}, {lf.fact.answer_type.value} here)")
    return problems
