"""The self-check page, used as a student would in real headless Chromium: answer, check, score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizgen.render.pdf import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def self_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    import os

    from conftest import ROOT
    from quizgen import write_quiz
    from quizgen.recipe import load_recipe
    from quizgen.select import recipe_packs

    out = tmp_path_factory.mktemp("selfcheck")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        recipe = load_recipe("decks/mexico-russia.yaml")
        write_quiz(recipe, recipe_packs(recipe), out)
    finally:
        os.chdir(cwd)
    page = out / "mexico-russia-self-check.html"
    html = page.read_text(encoding="utf-8")
    data = html.split('<script id="answers" type="application/json">', 1)[1].split("</script>", 1)[0]
    return page, json.loads(data)


def _choose(page, select: str, value: int) -> None:
    # Set the value as a script would; Playwright's select_option also matches option labels,
    # and here the labels are digits too.
    page.eval_on_selector(select, "(e, v) => { e.value = v; }", str(value))


def _answer_all(page, answers: list[dict], *, wrong: int | None = None) -> None:
    for i, a in enumerate(answers):
        bad = i == wrong
        if a["type"] in ("multiple_choice", "true_false"):
            choice = a["key"] if not bad else (a["key"] + 1) % 2
            page.check(f'input[name="q{i}"][value="{choice}"]')
        elif a["type"] in ("fill_blank", "short_answer"):
            page.fill(f'input[name="q{i}"]', "no such answer" if bad else a["accept"][0].upper() + " ")
        elif a["type"] == "matching":
            for j, m in enumerate(a["matches"]):
                _choose(page, f'select[name="q{i}-{j}"]', m if not bad else (m + 1) % len(a["matches"]))
        elif a["type"] == "ordering":
            for rank, opt in enumerate(a["sequence"]):
                _choose(page, f'select[name="q{i}-{opt}"]', rank if not bad else 0)


def test_self_check_scores_answers(chromium: str, self_check) -> None:
    from playwright.sync_api import sync_playwright

    path, answers = self_check
    total = sum(a["points"] for a in answers)
    types = {a["type"] for a in answers}
    assert {"multiple_choice", "true_false", "matching", "ordering"} <= types
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            _answer_all(page, answers)
            page.click("#check")
            assert page.text_content("#score") == f"Score: {total} / {total}"
            assert page.locator(".question.right").count() == len(answers)
            page.click("#start-again")
            assert page.text_content("#score") == ""
            assert page.locator("input:checked").count() == 0
            assert page.locator(".question.checked").count() == 0
            wrong = next(i for i, a in enumerate(answers) if a["type"] == "multiple_choice")
            _answer_all(page, answers, wrong=wrong)
            page.click("#check")
            lost = answers[wrong]["points"]
            assert page.text_content("#score") == f"Score: {total - lost} / {total}"
            assert page.locator(".question.wrong").count() == 1
            revealed = page.text_content(f'[data-index="{wrong}"] .result')
            assert revealed == f"Answer: {answers[wrong]['answer']}"
        finally:
            browser.close()


#: (what a student wrote, the accepted answers, is it right?)
WRITTEN_CASES = [
    ("In bookstores", ["bookstores"], True),
    ("until the beginning of the 21st century", ["the beginning of the 21st century"], True),
    ("because of the geographical distance", ["geographical distance"], True),
    ("military bases in Latin America", ["military bases"], True),
    ("not military bases", ["military bases"], False),
    ("bases", ["military bases"], False),
    ("military bases that Russia wanted to build across the region", ["military bases"], False),
    ("Lázaro  Cárdenas.", ["Lazaro Cardenas"], True),
    ("", ["anything"], False),
    ("6,650", ["6650"], True),
    ("in the 1700's", ["18th century", "the 1700s"], True),
    ("the Atlantic Charter", ["the UN Charter", "Charter"], False),
    ("many Mexican journalists", ["journalists", "the press"], True),
    ("Charter", ["the UN Charter", "Charter"], True),
    ("the UN's Charter", ["UN Charter"], True),
    ("a military base", ["military bases"], True),
    ("sever its ties", ["sever ties"], True),
    ("for understanding", ["the understanding of people", "understanding"], True),
    ("cities", ["city"], True),
    ("no bases", ["bases"], False),
    ("two restaurants", ["2"], True),
    ("twenty-two thousand", ["22,000"], True),
    ("a hundred times", ["100 times"], True),
    ("twenty", ["two"], False),
    ("President Bush", ["George Bush", "Bush"], True),
    ("Senator Walker", ["George Walker", "Walker"], True),
    ("the Atlantic Bush", ["George Bush", "Bush"], False),
    ("Moscow or Saint Petersburg", ["Saint Petersburg"], False),
    ("Moscow/Saint Petersburg", ["Saint Petersburg"], False),
    ("Europe and Africa", ["Africa", "African countries"], False),
    ("1925 1930", ["1930"], False),
    ("the early 1930s", ["1930"], False),
    ("77,000 tourists", ["77", "77,000"], True),
    ("it rose to 77 thousand", ["77", "77 thousand"], True),
    ("77 or so", ["77", "77,000"], False),
    ("George Bush Jr", ["George Bush", "George H. W. Bush", "Bush"], False),
    ("George Bush, the elder", ["George Bush", "Bush"], True),
    ("Paraguay, perhaps", ["Paraguay"], False),
    ("R. Mercader", ["Ramón Mercader", "Mercader"], True),
    ("Paraguay ፫", ["Paraguay"], True),
    ("፫ hundred", ["Mercader"], False),
    ("٣ 1 thousand", ["٣ thousand"], True),
    ("5 Mercader", ["Ramón Mercader", "Mercader"], False),
    ("𐐨 Mercader", ["Ramón Mercader", "Mercader"], False),
    ("C. Mercader", ["Ramón Mercader", "Mercader"], False),
    ("J. Bush", ["George Bush", "Bush"], False),
    ("𐐨 Mercader", ["𐐨amón Mercader", "Mercader"], True),
]


def test_written_answers_are_judged_alike_in_python_and_on_the_page(chromium: str, self_check) -> None:
    """`written_answer_ok` and the self-check page's own rule agree, case by case."""
    from playwright.sync_api import sync_playwright

    from quizgen.normalize import written_answer_ok

    expected = [right for _, _, right in WRITTEN_CASES]
    assert [written_answer_ok(given, accepted) for given, accepted, _ in WRITTEN_CASES] == expected
    path, _answers = self_check
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            assert "function writtenOk" in page.content()
            got = page.evaluate(
                """cases => { const s = [...document.scripts].map(x => x.textContent).join("\\n");
                   const body = s.slice(s.indexOf("function norm"), s.indexOf("function value"));
                   const f = new Function(body + "; return writtenOk;")();
                   return cases.map(c => f(c[0], c[1])); }""", WRITTEN_CASES)
        finally:
            browser.close()
    assert got == expected
