"""Large packs take the fast paths: fact files read by helper processes too, evidence quotes found
through word counts. Both must give exactly what the plain paths give."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synth import write_pack  # noqa: E402

from quizgen.loader import load_pack  # noqa: E402
from quizgen.problems import Problems  # noqa: E402
from quizgen.source import SourceText  # noqa: E402


@pytest.fixture(scope="module")
def synth_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth")
    write_pack(root, 3000)
    return root / "facts" / "synth"


def test_parallel_load_equals_sequential(synth_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    one = load_pack(synth_pack)
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    two = load_pack(synth_pack)
    assert len(two.facts) == len(one.facts) == 3000
    for a, b in zip(one.facts, two.facts, strict=True):
        assert (a.pack, a.file, a.line) == (b.pack, b.file, b.line)
        assert a.fact == b.fact
        assert a.fact.model_fields_set == b.fact.model_fields_set
        assert a.fact.model_dump_json() == b.fact.model_dump_json()


def _same_load(a, b) -> None:
    assert len(a.facts) == len(b.facts)
    for x, y in zip(a.facts, b.facts, strict=True):
        assert (x.file, x.line, x.fact) == (y.file, y.line, y.fact)


@pytest.mark.parametrize("failure", ["raises", "dies"])
def test_files_a_helper_does_not_deliver_are_read_here(synth_pack: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    """A helper that fails on a file, or dies with files taken, costs nothing but time."""
    import os
    import time

    from quizgen import loader, parallel

    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    expected = load_pack(synth_pack)
    real_read, real_helper_read = loader.read_fact_file, parallel._read_in_helper
    parent = os.getpid()
    marker = tmp_path / "helper-failed"

    def slow_here(*args, **kwargs):  # so the helper surely takes a file
        if os.getpid() == parent and not marker.exists():
            time.sleep(0.5)
        return real_read(*args, **kwargs)

    def flaky(path: str, shown: str):  # fails on the first file it takes
        if not marker.exists():
            marker.touch()
            if failure == "dies":
                os._exit(3)
            raise RuntimeError("a bug in a helper")
        return real_helper_read(path, shown)

    monkeypatch.setattr(loader, "read_fact_file", slow_here)
    monkeypatch.setattr(parallel, "_read_in_helper", flaky)
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    _same_load(load_pack(synth_pack), expected)
    assert marker.exists()


def test_parallel_load_reports_located_problems(synth_pack: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A quote missing from the source is located alike whichever process read its file (helpers
    start first, so they read some of these three files, and this process the others)."""
    import shutil

    pack = tmp_path / "synth"
    shutil.copytree(synth_pack, pack)
    for part in sorted(pack.glob("part-*.yaml")):
        text = part.read_text()
        part.write_text(text.replace('    evidence: "The register of', '    evidence: "The registre of', 1))
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    with pytest.raises(Problems) as err:
        load_pack(pack)
    messages = [str(p) for p in err.value.problems]
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    with pytest.raises(Problems) as err_seq:
        load_pack(pack)
    assert messages == [str(p) for p in err_seq.value.problems]
    assert len(messages) == 3
    assert messages[1].startswith(f"{pack}/part-2.yaml:10:15: ")
    assert ": facts[0].evidence: quote not found in sources/register.md: \"The registre of" in messages[1]


def test_bulk_evidence_check_equals_search() -> None:
    rng = random.Random(5)
    words = ["river", "the", "of", "Nile", "dam", "north", "sea", "1936", "Rhine", "delta", "flows"]
    text = " ".join(rng.choice(words) + ("s" if rng.random() < 0.1 else "") for _ in range(30000))
    source = SourceText(text)
    quotes = []
    for _ in range(600):
        start = rng.randrange(len(source.clean) - 60)
        length = rng.randrange(1, 60)
        quote = source.clean[start:start + length]  # often starts or ends inside a word
        if rng.random() < 0.3:
            quote = quote.replace("e", "a", 1)  # often no longer in the text
        quotes.append(quote)
    assert source.contains_all(quotes) == [bool(source.find(q)) for q in quotes]

    def naive(quote: str) -> list[tuple[int, int]]:
        needle, out = " ".join(quote.split()), []
        at = source.clean.find(needle)
        while needle and at != -1:
            out.append((at, at + len(needle)))
            at = source.clean.find(needle, at + 1)
        return out

    assert all(source.find(q) == naive(q) for q in quotes)  # every occurrence, indexed or not
    assert any(source.contains_all(quotes)) and not all(source.contains_all(quotes))


def test_parallel_load_of_every_kind_of_fact_equals_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped pack has what the synthetic one lacks (disputed facts, units, cards, answers
    also accepted, distractors): each survives the trip from a helper unchanged, enum members
    included."""
    from quizgen.model import AnswerType, CardKind

    pack = Path(__file__).resolve().parent.parent / "facts" / "mexico-russia"
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    one = load_pack(pack)
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    two = load_pack(pack)
    assert len(one.facts) == len(two.facts) > 200
    for field in ("disputed", "unit", "cards", "also_accept", "distractors"):
        assert any(field in lf.fact.model_fields_set for lf in two.facts), field
    for a, b in zip(one.facts, two.facts, strict=True):
        assert (a.pack, a.file, a.line, a.fact) == (b.pack, b.file, b.line, b.fact)
        assert a.fact.model_fields_set == b.fact.model_fields_set
        assert a.fact.model_dump_json() == b.fact.model_dump_json()
        assert b.fact.answer_type is AnswerType(b.fact.answer_type.value)
        assert all(k is CardKind(k.value) for k in b.fact.cards)
