"""The coverage map: the source text with each cited passage highlighted and linked to its facts,
and each factual sentence no fact cites marked, so an author sees what is left to write."""

from __future__ import annotations

from dataclasses import dataclass

from .coverage import SourceCoverage, measure
from .model import LoadedPack
from .render.templates import make_environment, render


@dataclass(frozen=True)
class Piece:
    """A run of the original text and how it is shown."""

    text: str
    kind: str  # plain | cited | uncovered
    fact_ids: tuple[str, ...] = ()


def pieces(cov: SourceCoverage) -> list[Piece]:
    """Split the original text into plain, cited and uncovered runs (cited wins where both).

    Labels change only where a quote or an uncovered sentence starts or ends, so the text is cut
    at those points and each stretch between two of them is labelled once."""
    original = cov.text.original
    spans = []  # (start, end, quote number or -1 for an uncovered sentence), in the original text
    for row in cov.factual:
        if not row.covered:
            spans.append((*cov.text.original_span(row.sentence.start, row.sentence.end), -1))
    for n, (start, end, _) in enumerate(cov.quotes):
        spans.append((*cov.text.original_span(start, end), n))
    events: dict[int, list[tuple[int, int]]] = {0: [], len(original): []}
    for a, b, n in spans:
        events.setdefault(a, []).append((+1, n))
        events.setdefault(b, []).append((-1, n))
    out: list[Piece] = []
    active: dict[int, int] = {}  # quote number (or -1) -> how many open spans
    points = sorted(events)
    for here, there in zip(points, points[1:]):
        for step, n in events[here]:
            active[n] = active.get(n, 0) + step
            if not active[n]:
                del active[n]
        quotes = sorted(n for n in active if n >= 0)
        if quotes:
            kind, ids = "cited", tuple(dict.fromkeys(cov.quotes[n][2] for n in quotes))
        else:
            kind, ids = ("uncovered" if -1 in active else "plain"), ()
        if out and out[-1].kind == kind and out[-1].fact_ids == ids:
            out[-1] = Piece(out[-1].text + original[here:there], kind, ids)
        elif there > here:
            out.append(Piece(original[here:there], kind, ids))
    return out


def render_coverage(loaded: LoadedPack, coverage: list[SourceCoverage] | None = None) -> str:
    """The coverage map of the pack, from `coverage` (its `measure`) when the caller has it."""
    facts = {lf.fact.id: lf for lf in loaded.facts}
    sources = [{
        "id": cov.source_id,
        "file": cov.file,
        "percent": round(cov.percent, 1),
        "covered": sum(r.covered for r in cov.factual),
        "factual": len(cov.factual),
        "pieces": pieces(cov),
        "facts": facts,
    } for cov in (measure(loaded) if coverage is None else coverage)]
    return render(make_environment(), "coverage.html", pack=loaded.pack, sources=sources)
