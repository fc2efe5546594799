"""The item-analysis report in real headless Chromium: it renders, every item has its chart with
the key marked, the scatter has a point per item and its four bands, every colour is a grey (it
prints in black and white), and the printed PDF takes at most one page per 8 items."""

from __future__ import annotations

import io
import math
import re
import sys

import pytest
from analyze_helpers import build_rivers_quiz, draw_class, write_responses
from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.browser
np = pytest.importorskip("numpy")
sys.path.insert(0, str(ROOT / "benchmarks"))
from simclass import items, quiz_json, simulate  # noqa: E402

from quizgen.analyze.keys import quiz_key  # noqa: E402
from quizgen.analyze.report import to_html  # noqa: E402
from quizgen.analyze.responses import answers_of_choices  # noqa: E402
from quizgen.analyze.run import analyze_answers, analyze_files  # noqa: E402


def _simulated(n_items: int, seed: int):
    rng = np.random.default_rng(seed)
    a, b = items(rng, n_items)
    choices, keys = simulate(rng, 100, a, b)
    key = quiz_key([("sim.json", quiz_json(keys))])
    return analyze_answers(answers_of_choices(key, choices), locate=False)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    files = build_rivers_quiz(out)
    students = draw_class(files, 40, seed=8)
    write_responses(out / "class.csv", files, students)
    rivers = analyze_files([out / "class.csv"], files, search=(str(FIXTURES / "packs"),))
    return {"rivers": rivers, "sim8": _simulated(8, 3), "sim20": _simulated(20, 1),
            "sim33": _simulated(33, 2)}


def test_report_renders_with_charts(chromium, reports):
    from playwright.sync_api import sync_playwright

    from quizgen.render.pdf import CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name, result in reports.items():
                doc = result.doc
                page.set_content(to_html(doc).decode("utf-8"), wait_until="load")
                n_items = len(doc["items"])
                choice = [d for d in doc["items"] if d["options"]]
                assert page.locator("section.item").count() == n_items, name
                assert page.locator("svg.bars").count() == len(choice), name
                assert page.locator("svg.bars rect.bar.key").count() == len(choice), name
                assert page.locator("svg.scatter .point").count() == n_items, name
                assert page.locator("svg.scatter .point.flagged").count() == sum(
                    1 for d in doc["items"] if d["flags"])
                # every bar is as long as its share, the key's bar black
                for d in choice[:3]:
                    bars = page.locator(f"#item-{d['id']} rect.bar")
                    widths = [float(bars.nth(i).get_attribute("width")) for i in range(len(d["options"]))]
                    shares = [o["share"] for o in d["options"]]
                    assert all(abs(w - 105 * s) < 0.01 for w, s in zip(widths, shares))
                    assert page.locator(f"#item-{d['id']} rect.bar.key").get_attribute("fill") == "#000"
                text = page.inner_text("body")
                assert "KR-20 / alpha" in text and "very good" in text and "marginal" in text
                # flagged items come first
                order = page.eval_on_selector_all("section.item", "els => els.map(e => e.id)")
                flags = [bool(next(d for d in doc["items"] if f"item-{d['id']}" == i)["flags"])
                         for i in order]
                assert flags == sorted(flags, reverse=True)
        finally:
            browser.close()


def test_report_is_grey_and_prints_one_page_per_8_items(chromium, reports, monkeypatch):
    from pypdf import PdfReader

    from quizgen.render.pdf import html_to_pdf

    monkeypatch.setenv("QUIZGEN_CHROMIUM", chromium)
    names = list(reports)
    pages = html_to_pdf([to_html(reports[n].doc).decode("utf-8") for n in names])
    for name, pdf in zip(names, pages):
        n_items = len(reports[name].doc["items"])
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) <= math.ceil(n_items / 8), (name, len(reader.pages), n_items)
        text = "".join(p.extract_text() for p in reader.pages)
        assert "Item analysis" in text
    html = to_html(reports["rivers"].doc).decode("utf-8")
    colours = set(re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", html))
    assert colours, "the report sets its colours"
    for c in colours:
        h = c[1:] if len(c) == 7 else "".join(ch * 2 for ch in c[1:])
        assert h[0:2] == h[2:4] == h[4:6], f"{c} is not a grey"
