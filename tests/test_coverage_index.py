"""Coverage matches quotes to sentences by bisection and cuts the HTML map at span edges; both
give what the plain definitions give (every sentence against every quote; a label per character),
on the default pack and on a generated pack whose quotes overlap and span sentences."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from quizgen.coverage import measure
from quizgen.coverage_html import Piece, pieces
from quizgen.loader import load_pack

ROOT = Path(__file__).resolve().parents[1]


def plain_ids(cov) -> list[list[str]]:
    return [list(dict.fromkeys(fid for a, b, fid in cov.quotes if a < row.sentence.end and b > row.sentence.start))
            for row in cov.sentences]


def plain_pieces(cov) -> list[Piece]:
    original = cov.text.original
    label = [("plain", ())] * len(original)
    for row in cov.factual:
        if not row.covered:
            a, b = cov.text.original_span(row.sentence.start, row.sentence.end)
            label[a:b] = [("uncovered", ())] * (b - a)
    for start, end, fid in cov.quotes:
        a, b = cov.text.original_span(start, end)
        for i in range(a, b):
            kind, ids = label[i]
            label[i] = ("cited", (ids + (fid,) if fid not in ids else ids) if kind == "cited" else (fid,))
    out: list[Piece] = []
    for ch, (kind, ids) in zip(original, label):
        if out and (out[-1].kind, out[-1].fact_ids) == (kind, ids):
            out[-1] = Piece(out[-1].text + ch, kind, ids)
        else:
            out.append(Piece(ch, kind, ids))
    return out


def overlapping_pack(tmp_path: Path) -> Path:
    """Sentences with names and years; facts quoting runs of words that overlap each other and
    cross sentence ends; some sentences quoted by nobody."""
    rng = random.Random(5)
    words = [f"Name{i} met Town{i} in {1800 + i}." for i in range(120)]
    text = " ".join(words)
    (tmp_path / "p" / "sources").mkdir(parents=True)
    (tmp_path / "p" / "sources" / "s.md").write_text(text + "\n")
    (tmp_path / "p" / "pack.yaml").write_text(
        "id: p\ntitle: P\nsources:\n  - id: s\n    title: S\n    authors: [A]\n    file: sources/s.md\n")
    tokens = text.split(" ")
    facts = []
    for n in range(60):
        if n % 5 == 4:
            continue
        a = rng.randrange(0, len(tokens) - 8)
        run = tokens[a:a + rng.randrange(5, 10)]  # five words hold a year
        quote = " ".join(run).rstrip(".")
        year = next(t.rstrip(".") for t in run if t.rstrip(".").isdigit())
        facts.append(f"  - id: f{n}\n    text: The quote holds [[{year}]].\n    ask: Which year?\n"
                     f"    answer_type: year\n    evidence: \"{quote}\"\n")
    (tmp_path / "p" / "facts.yaml").write_text("topic: t\nfacts:\n" + "".join(facts))
    return tmp_path / "p"


@pytest.mark.parametrize("which", ["default", "overlapping"])
def test_coverage_equals_the_plain_definitions(which, tmp_path):
    folder = ROOT / "facts" / "mexico-russia" if which == "default" else overlapping_pack(tmp_path)
    for cov in measure(load_pack(folder)):
        assert [row.fact_ids for row in cov.sentences] == plain_ids(cov)
        assert any(len(ids) > 1 for ids in plain_ids(cov)) or which == "default"
        assert pieces(cov) == plain_pieces(cov)
        assert "".join(p.text for p in pieces(cov)) == cov.text.original


def test_the_coverage_benchmark_runs(tmp_path):
    """The benchmark script runs end to end on a small pack (its timings are not asserted)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import coverage_bench

    inner, whole = coverage_bench.run_size(300, tmp_path, rounds=1)
    assert inner > 0 and whole > 0
