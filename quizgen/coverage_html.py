"""The coverage map: the source text with each cited passage highlighted and linked to its facts,
and each factual sentence no fact cites marked, so an author sees what is left to write."""

from __future__ import annotations

from dataclasses import dataclass

from .coverage import SourceCoverage, measure
from .model import LoadedPack


@dataclass(frozen=True)
class Piece:
    """A run of the original text and how it is shown."""

    text: str
    kind: str  # plain | cited | uncovered
    fact_ids: tuple[str, ...] = ()


def pieces(cov: SourceCoverage) -> list[Piece]:
    """Split the original text into plain, cited and uncovered runs (cited wins where both)."""
    original = cov.text.original
    label: list[tuple[str, tuple[str, ...]]] = [("plain", ())] * len(original)
    for row in cov.factual:
        if not row.covered:
            a, b = cov.text.original_span(row.sentence.start, row.sentence.end)
            for i in range(a, b):
                label[i] = ("uncovered", ())
    for start, end, fact_id in cov.quotes:
        a, b = cov.text.original_span(start, end)
        for i in range(a, b):
            kind, ids = label[i]
            label[i] = ("cited", ids + (fact_id,) if kind == "cited" and fact_id not in ids else
                        ids if kind == "cited" else (fact_id,))
    out: list[Piece] = []
    for i, ch in enumerate(original):
        kind, ids = label[i]
        if out and out[-1].kind == kind and out[-1].fact_ids == ids:
            out[-1] = Piece(out[-1].text + ch, kind, ids)
        else:
            out.append(Piece(ch, kind, ids))
    return out


def render_coverage(loaded: LoadedPack) -> str:
    from .render.templates import make_environment, render

    sources = []
    for cov in measure(loaded):
        facts = {lf.fact.id: lf for lf in loaded.facts}
        sources.append({
            "id": cov.source_id,
            "file": cov.file,
            "percent": round(cov.percent, 1),
            "covered": sum(r.covered for r in cov.factual),
            "factual": len(cov.factual),
            "pieces": pieces(cov),
            "facts": facts,
        })
    return render(make_environment(), "coverage.html", pack=loaded.pack, sources=sources)
