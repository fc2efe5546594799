"""Fuzzing: malformed YAML and random values never crash the loader or the CLI.

Hypothesis feeds the loader (`load_pack`) and `quizgen validate` random text, random structures
dumped as YAML with wrong types, and mutations of a valid fact file (lines deleted, duplicated or
swapped, random characters and bytes inserted). Each run either loads, or fails with `Problems` whose
every line is located as `path:line:col: message`; no other exception, no traceback. 700 random
texts, 700 random structures and 2,000 mutants of a valid file in a normal run, all from fixed
seeds.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load_errors import GOOD_FACT, PACK, SOURCE

from quizgen.cli import main
from quizgen.loader import load_pack
from quizgen.problems import Problems

LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: .+")
FUZZ = settings(max_examples=700, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VALID = (
    "topic: eruptions\n"
    "tags: [geology]\n"
    "facts:\n" + GOOD_FACT +
    "  - id: krakatoa-country\n"
    "    text: Krakatoa is in [[Indonesia]].\n"
    "    ask: In which country is Krakatoa?\n"
    "    answer_type: country\n"
    "    evidence: \"Krakatoa, in Indonesia\"\n"
    "    also_accept: [Republic of Indonesia]\n"
    "    difficulty: 1\n"
)

_WORKSPACE = Path(tempfile.mkdtemp(prefix="quizgen-fuzz-"))


def pack_folder() -> Path:
    """One pack folder reused by every example (only the fact file is rewritten)."""
    folder = _WORKSPACE / "volc"
    if not (folder / "pack.yaml").exists():
        (folder / "sources").mkdir(parents=True, exist_ok=True)
        (folder / "sources" / "guide.md").write_text(SOURCE, encoding="utf-8")
        (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    return folder


def check_load(data: bytes) -> None:
    folder = pack_folder()
    (folder / "eruptions.yaml").write_bytes(data)
    try:
        load_pack(folder)
    except Problems as err:
        assert err.problems
        for line in str(err).splitlines():
            assert LOCATED.match(line), line


# -- strategies -----------------------------------------------------------------------------------

YAML_CHARS = st.sampled_from(list("abc xyz019:-[]{},#&*!|>'\"%@`?\n\t\\~=<.") + ["[[", "]]", "é", "\u200b", "\x00", "\ufeff"])
random_text = st.lists(YAML_CHARS, max_size=120).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["[[x]]", "a [[b]] c", "?", "year", "qa", "1890"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
FIELDS = ["id", "text", "ask", "answer_type", "evidence", "topic", "tags", "group", "difficulty", "cards",
          "also_accept", "distractors", "disputed", "when", "event", "unit", "source", "bogus"]
fact_records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)
structures = st.one_of(
    values,
    st.fixed_dictionaries({"facts": st.lists(fact_records, max_size=4)},
                          optional={"topic": values, "tags": values, "extra": values}),
)


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert-text", "insert-bytes", "indent"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "-"])) + lines[i]
        elif op == "insert-text":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(random_text) + lines[i][at:]
        else:
            data = "\n".join(lines).encode("utf-8")
            at = draw(st.integers(0, len(data)))
            return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return "\n".join(lines).encode("utf-8")


# -- tests ----------------------------------------------------------------------------------------


@FUZZ
@given(random_text)
def test_loader_survives_random_text(text: str) -> None:
    check_load(text.encode("utf-8"))


@FUZZ
@given(structures)
def test_loader_survives_wrong_types(data: object) -> None:
    check_load(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


#: The mutation fuzz: 2,000 mutants of a valid fact file, from a fixed seed (derandomized).
MUTANTS = settings(FUZZ, max_examples=2000)


@MUTANTS
@given(mutations())
def test_loader_survives_mutated_fact_files(data: bytes) -> None:
    check_load(data)


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(mutations(), random_text.map(str.encode)))
def test_validate_command_reports_located_lines(data: bytes) -> None:
    folder = pack_folder()
    (folder / "eruptions.yaml").write_bytes(data)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code == 1:
        *problems, summary = result.stderr.splitlines()
        assert re.fullmatch(r"\d+ problems? found", summary)
        for line in problems:
            assert LOCATED.match(line), line
