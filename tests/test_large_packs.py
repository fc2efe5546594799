"""Large packs take the fast paths: fact files read by the line reader, evidence quotes found
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


def test_facts_are_located_where_pyyaml_sees_their_records(synth_pack: Path) -> None:
    """The fast reader's item marks give each fact the line PyYAML's node tree gives its record."""
    import yaml

    pack = load_pack(synth_pack)
    assert len(pack.facts) == 3000
    by_file: dict[str, list[int]] = {}
    for lf in pack.facts:
        by_file.setdefault(lf.file, []).append(lf.line)
    for shown, lines in by_file.items():
        root = yaml.compose(Path(shown).read_text(encoding="utf-8"))
        facts = next(v for k, v in root.value if k.value == "facts")
        assert lines == [node.start_mark.line + 1 for node in facts.value]


def test_large_load_reports_located_problems(synth_pack: Path, tmp_path: Path) -> None:
    """A quote missing from the source is located at its record's key, in each file."""
    import shutil

    pack = tmp_path / "synth"
    shutil.copytree(synth_pack, pack)
    for part in sorted(pack.glob("part-*.yaml")):
        text = part.read_text()
        part.write_text(text.replace('    evidence: "The register of', '    evidence: "The registre of', 1))
    with pytest.raises(Problems) as err:
        load_pack(pack)
    messages = [str(p) for p in err.value.problems]
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
