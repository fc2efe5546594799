"""Coverage: which factual sentences of a pack's sources no fact's evidence cites yet, how the
pack's facts divide by weight, and which key ideas too few core facts serve.

A sentence is *factual* when it states a year, a number or a proper name; it is *covered* when an
evidence quote overlaps it (every occurrence of a quote counts, so a footnote repeated on three pages
is covered by one quote).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .model import LoadedPack, Weight
from .source import Sentence, SourceText


@dataclass
class SentenceCoverage:
    sentence: Sentence
    fact_ids: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.fact_ids)


@dataclass
class SourceCoverage:
    source_id: str
    file: str
    text: SourceText
    sentences: list[SentenceCoverage]
    quotes: list[tuple[int, int, str]]  # clean spans of evidence, with the fact id

    @property
    def factual(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.sentence.factual]

    @property
    def percent(self) -> float:
        factual = self.factual
        return 100.0 * sum(s.covered for s in factual) / len(factual) if factual else 100.0


def measure(loaded: LoadedPack) -> list[SourceCoverage]:
    out = []
    default = loaded.pack.sources[0].id
    for src in loaded.pack.sources:
        text: SourceText = loaded.sources[src.id]
        quotes = []
        for lf in loaded.facts:
            if (lf.fact.source or default) == src.id:
                quotes += [(a, b, lf.fact.id) for a, b in text.find(lf.fact.evidence)]
        quotes.sort()
        sentences = text.sentences()
        rows = [SentenceCoverage(s) for s in sentences]
        # Sentences are in text order and do not overlap: each quote finds the sentences it
        # overlaps by bisection, so the cost grows with quotes + sentences, not their product.
        ends = [s.end for s in sentences]
        for a, b, fid in quotes:
            i = bisect_right(ends, a)  # the first sentence ending after the quote starts
            while i < len(sentences) and sentences[i].start < b:
                if fid not in rows[i].fact_ids:
                    rows[i].fact_ids.append(fid)
                i += 1
        out.append(SourceCoverage(src.id, src.file, text, rows, quotes))
    return out


def by_weight(loaded: LoadedPack) -> dict[str, int]:
    """How many of the pack's undisputed facts have each weight (core, detail, paratext)."""
    counts = {w.value: 0 for w in Weight}
    for lf in loaded.facts:
        if not lf.fact.is_disputed:
            counts[lf.fact.weight.value] += 1
    return counts


def ideas(loaded: LoadedPack) -> list[tuple[str, str, int]]:
    """(id, title, number of undisputed core facts serving it) for each of the pack's key ideas."""
    counts = {idea.id: 0 for idea in loaded.pack.ideas}
    for lf in loaded.facts:
        f = lf.fact
        if f.idea in counts and f.weight is Weight.core and not f.is_disputed:
            counts[f.idea] += 1
    return [(idea.id, idea.title, counts[idea.id]) for idea in loaded.pack.ideas]
