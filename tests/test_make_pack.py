"""A pack built in Python (`quizgen.make_pack`) goes through the checks of a pack read from disk:
the same facts come out of a valid pack, and each kind of problem `load_pack` finds is found."""

from __future__ import annotations

from pathlib import Path

import pytest

import quizgen
from quizgen import Build, Problems, load_pack, load_recipe, make_pack

ROOT = Path(__file__).resolve().parent.parent
RIVERS = ROOT / "tests" / "fixtures" / "packs" / "rivers"


def rivers_in_python() -> tuple[dict, list[dict]]:
    on_disk = load_pack(RIVERS)
    pack = on_disk.pack.model_dump(exclude_none=True)
    return pack, [lf.fact.model_dump(exclude_none=True) for lf in on_disk.facts]


def messages(err: pytest.ExceptionInfo[Problems]) -> list[str]:
    return [str(p) for p in err.value.problems]


def test_a_valid_pack_built_in_python_equals_the_pack_read_from_disk() -> None:
    pack, facts = rivers_in_python()
    built = make_pack(pack, facts, folder=RIVERS)
    on_disk = load_pack(RIVERS)
    assert [lf.fact for lf in built.facts] == [lf.fact for lf in on_disk.facts]
    assert built.pack == on_disk.pack
    assert quizgen.make_pack is make_pack
    recipe = load_recipe(ROOT / "tests" / "fixtures" / "decks" / "rivers.yaml")
    assert Build(recipe, [built]).quiz(seed=3).items  # usable by every output


def test_source_text_may_be_given_instead_of_read() -> None:
    pack, facts = rivers_in_python()
    text = (RIVERS / pack["sources"][0]["file"]).read_text(encoding="utf-8")
    built = make_pack(pack, facts, folder="/nonexistent", sources={pack["sources"][0].get("id", "main"): text})
    assert len(built.facts) == len(facts)


@pytest.mark.parametrize("change, expected", [
    (lambda f: f[0].update(difficulty=9), "facts[0].difficulty: Input should be less than or equal to 3"),
    (lambda f: f[0].update(evidence="a quote the article never holds"), "facts[0].evidence: "),
    (lambda f: f[1].update(id=f[0]["id"]), "facts[1].id: duplicate fact id"),
    (lambda f: f[0].update(text="No answer marked here."), "facts[0].text: "),
    (lambda f: f[0].update(colour="blue"), "unknown key 'colour'"),
])
def test_each_problem_a_pack_on_disk_would_have(change, expected: str) -> None:
    pack, facts = rivers_in_python()
    change(facts)
    with pytest.raises(Problems) as err:
        make_pack(pack, facts, folder=RIVERS)
    found = messages(err)
    assert any(expected in m for m in found), found
    assert all(m.startswith("rivers (built in Python):") for m in found), found


def test_a_bad_pack_header_and_a_missing_source_file() -> None:
    pack, facts = rivers_in_python()
    with pytest.raises(Problems) as err:
        make_pack({**pack, "title": ""}, facts, folder=RIVERS)
    assert any("title" in m for m in messages(err)), messages(err)
    with pytest.raises(Problems) as err:
        make_pack(pack, facts, folder=RIVERS / "nowhere")
    assert any("sources[0].file" in m for m in messages(err)), messages(err)
