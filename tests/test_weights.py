"""Fact weights and key ideas: paratext stays out of decks and quizzes unless asked for, a quiz draws
core facts first, core facts name the key idea they serve, and coverage reports both."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_load_errors import write_pack

from quizgen.cli import main
from quizgen.loader import load_pack
from quizgen.model import Weight
from quizgen.quiz.assemble import build_quiz
from quizgen.recipe import QuizSettings, Selection
from quizgen.select import select_facts

IDEAS = textwrap.dedent(
    """\
    ideas:
      - id: eruptions
        title: Eruptions bury and roar
      - id: size
        title: How big volcanoes get
    """
)


def fact(id_: str, text: str, ask: str, evidence: str, *, kind: str = "place", extra: str = "") -> str:
    return (f"  - id: {id_}\n    text: {text}\n    ask: {ask}\n    answer_type: {kind}\n"
            f'    evidence: "{evidence}"\n{extra}')


FACTS = "topic: eruptions\nfacts:\n" + "".join([
    fact("pompeii-year", "Vesuvius buried Pompeii in [[79]].", "In what year did Vesuvius bury Pompeii?",
         "buried the town of Pompeii in 79", kind="year", extra="    weight: core\n    idea: eruptions\n"),
    fact("krakatoa-year", "Krakatoa erupted in [[1883]].", "In what year did Krakatoa erupt?",
         "erupted in 1883", kind="year", extra="    weight: core\n    idea: eruptions\n"),
    fact("krakatoa-country", "Krakatoa lies in [[Indonesia]].", "In which country does Krakatoa lie?",
         "Krakatoa, in Indonesia", kind="country", extra="    distractors: [Japan, Malaysia, Chile]\n"),
    fact("footnote-year", "The guide's footnote dates its measurement to [[2020]].",
         "To what year does the guide's footnote date its measurement?", "Measured in 2020",
         kind="year", extra="    weight: paratext\n"),
])


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    from test_load_errors import PACK

    return write_pack(tmp_path, FACTS, pack=PACK + IDEAS)


def test_paratext_stays_out_unless_a_recipe_asks(pack: Path) -> None:
    lp = load_pack(pack)
    ids = lambda sel: [lf.fact.id for lf in select_facts([lp], sel)]  # noqa: E731
    assert "footnote-year" not in ids(Selection())
    assert "footnote-year" in ids(Selection(weights=[Weight.core, Weight.detail, Weight.paratext]))
    assert ids(Selection(weights=[Weight.core])) == ["pompeii-year", "krakatoa-year"]


def test_a_quiz_draws_core_facts_first(pack: Path) -> None:
    lp = load_pack(pack)
    facts = select_facts([lp], Selection())
    settings = QuizSettings(title="T", questions=2, mix={"short_answer": 2})
    for seed in range(30):
        quiz = build_quiz("t", facts, lp.facts, settings, seed=seed, versions=["A"], packs=[lp])
        assert sorted(k for i in quiz.items for k in i.fact_ids) == ["volc/krakatoa-year", "volc/pompeii-year"]


def test_core_facts_name_a_known_idea(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_load_errors import PACK, validate

    bad = FACTS.replace("    idea: eruptions\n", "    idea: eruptoins\n", 1).replace(
        "    weight: core\n    idea: eruptions\n", "    weight: core\n", 1)
    folder = write_pack(tmp_path, bad, pack=PACK + IDEAS)
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[:-1] == [
        "volc/eruptions.yaml:9:11: facts[0].idea: no key idea 'eruptoins' in pack.yaml (ideas: eruptions, size)",
        "volc/eruptions.yaml:15:13: facts[1].weight: a core fact names the key idea it serves "
        "(idea: one of pack.yaml's ideas)",
    ]


def test_coverage_reports_weights_and_thin_ideas(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pack.parent)
    result = CliRunner().invoke(main, ["coverage", "volc", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["weights"] == {"core": 2, "detail": 1, "paratext": 1}
    assert doc["thin_ideas"] == ["size"]
    assert {i["id"]: i["core_facts"] for i in doc["ideas"]} == {"eruptions": 2, "size": 0}
    text = CliRunner().invoke(main, ["coverage", "volc"]).output
    assert "facts by weight: core 2 (50%), detail 1 (25%), paratext 1 (25%)" in text
    assert "key idea with fewer than two core facts: size (0): How big volcanoes get" in text


def test_facts_json_shows_every_weight(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pack.parent)
    result = CliRunner().invoke(main, ["facts", "volc", "--json"])
    records = json.loads(result.output)
    assert [(r["id"], r["weight"], r["idea"]) for r in records] == [
        ("pompeii-year", "core", "eruptions"), ("krakatoa-year", "core", "eruptions"),
        ("krakatoa-country", "detail", None), ("footnote-year", "paratext", None)]
