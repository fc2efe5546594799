"""The default pack: it validates, it is big enough, its quotes are in the source, and it covers it."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from quizgen.cli import main


@pytest.fixture(scope="module")
def facts_json() -> list[dict]:
    import os

    from conftest import ROOT

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["facts", "--json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.output)


def test_validate_default_pack(in_repo) -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"mexico-russia: \d+ facts in \d+ topics \(\d+ disputed\), every evidence "
                        r"quote found in its source\n", result.output)


def test_at_least_90_facts_with_required_fields(facts_json: list[dict]) -> None:
    assert len(facts_json) >= 90
    required = {"pack", "id", "text", "ask", "answer", "also_accept", "answer_type", "group", "topic",
                "tags", "evidence", "disputed", "file", "line"}
    for record in facts_json:
        assert required <= set(record)
        assert record["pack"] == "mexico-russia"


def test_every_answer_appears_in_its_text(facts_json: list[dict]) -> None:
    for record in facts_json:
        assert record["answer"] in record["text"], record["id"]
        assert "[[" not in record["text"] and record["ask"].endswith("?")


def test_every_evidence_quote_is_in_the_source(in_repo) -> None:
    from quizgen.loader import load_pack

    loaded = load_pack("facts/mexico-russia")
    text = loaded.sources["article"]
    missing = [lf.fact.id for lf in loaded.facts if not text.find(lf.fact.evidence)]
    assert missing == []


def test_article_contradictions_are_disputed(facts_json: list[dict]) -> None:
    disputed = [r for r in facts_json if r["disputed"]]
    assert len(disputed) >= 5
    assert all(r["disputed_note"] for r in disputed)
    # the article dates the Cuban revolution 1956: that claim must not be taught as true
    cuban_1956 = [r for r in facts_json if r["answer"] == "1956"]
    assert cuban_1956 and all(r["disputed"] for r in cuban_1956)


def test_coverage_at_least_90_percent(in_repo) -> None:
    result = CliRunner().invoke(main, ["coverage", "mexico-russia", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.output)
    assert report["percent"] >= 90.0
    assert report["factual_sentences"] >= 100
    assert len(report["uncovered"]) == report["factual_sentences"] - report["covered"]


def test_coverage_min_fails_below_threshold(in_repo) -> None:
    result = CliRunner().invoke(main, ["coverage", "mexico-russia", "--min", "100"])
    assert result.exit_code == 1
    assert "is below --min 100" in result.stderr


def test_default_pack_weighs_what_matters():
    """Issue 14: every fact says its weight; 25+ facts ask why or what followed; every key idea is
    served by two or more core facts; the default quiz (seeds 1-50) draws no paratext."""
    from conftest import ROOT

    from quizgen.coverage import ideas
    from quizgen.model import Weight
    from quizgen.pipeline import Build

    build = Build.open(ROOT / "decks" / "mexico-russia.yaml", [str(ROOT / "facts")])
    [pack] = build.packs
    raw = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "facts" / "mexico-russia").glob("*.yaml")
                  if p.name != "pack.yaml")
    assert raw.count("    weight: ") == raw.count("  - id: ") == len(pack.facts)  # said, not defaulted
    why = [lf for lf in pack.facts if {"cause", "consequence", "comparison"} & set(lf.fact.tags)]
    assert len(why) >= 25
    assert sum(lf.fact.weight is Weight.core and bool(lf.fact.idea) for lf in why) >= 25
    assert 8 <= len(pack.pack.ideas) <= 12
    assert all(n >= 2 for _, _, n in ideas(pack)), ideas(pack)
    weight = {lf.key: lf.fact.weight for lf in pack.facts}
    for seed in range(1, 51):
        quiz = build.quiz(seed=seed)
        assert not [k for item in quiz.items for k in item.fact_ids if weight[k] is Weight.paratext]
