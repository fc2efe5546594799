"""Every case of the hostile-input corpus (tests/hostile_corpus.py, 400+ cases made by code) ends
as documented: the expected exit code, no traceback, no internal error, each data problem located
as `path:line:col: message`, within 10 s and without the process passing 1 GB."""

from __future__ import annotations

import os
import re
import resource
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from hostile_corpus import RECIPE, RECIPE_OK, Case, cases

from quizgen.cli import main

CASES = cases()
LOCATED = re.compile(r"^[^\s:][^:\n]*:\d+:\d+: \S")
TIME_LIMIT = 10.0
MEMORY_LIMIT_MB = 1024


def lay_out(case: Case, root: Path) -> None:
    shutil.copytree(FIXTURES / "packs" / "rivers", root / "packs" / "rivers")
    (root / "decks").mkdir()
    (root / RECIPE).write_text(RECIPE_OK, encoding="utf-8")
    for rel, content in case.files.items():
        path = root / rel
        if content is None:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            continue
        if path.is_file() and path.parent.exists():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for rel, target in case.links.items():
        path = root / rel
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 400
    assert kinds == {"yaml", "encoding", "structure", "field", "pack", "recipe", "cli", "state"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_out(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUIZGEN_PATH", raising=False)
    start = time.perf_counter()
    result = CliRunner().invoke(main, case.argv)
    took = time.perf_counter() - start
    text = result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text and "internal error" not in text, text[-2000:]
    assert result.exit_code in case.expect, f"exit {result.exit_code}, expected {case.expect}:\n{text[-2000:]}"
    if result.exit_code == 1 and case.located:
        lines = result.stderr.splitlines()
        assert any(LOCATED.match(line) for line in lines), text[-2000:]
    assert took < TIME_LIMIT, f"{took:.1f} s"
    assert peak_mb() < MEMORY_LIMIT_MB, f"peak {peak_mb():.0f} MB"


@pytest.mark.parametrize("tagged", ["difficulty: !!int abc", "difficulty: !!bool maybe", "tags: [a, !!float x]"])
def test_an_invalid_tagged_value_is_located_at_its_line(tagged: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML cannot build `!!int abc`; the problem names the value's line and column (it was 1:1)."""
    from hostile_corpus import GOOD, HEAD, fact_file

    case = Case("yaml", "tagged", fact_file(HEAD + GOOD + f"    {tagged}\n"))
    lay_out(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, case.argv)
    line = (HEAD + GOOD).count("\n") + 1
    col = len("    ") + tagged.index("!!") + 1
    assert result.exit_code == 1
    assert f"packs/rivers/hostile.yaml:{line}:{col}: YAML: invalid value" in result.stderr, result.stderr
