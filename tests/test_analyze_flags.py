"""Flags against known truth: 100 simulated classes of 100 students (benchmarks/simclass.py), each
with a planted wrong-key item and a planted true-distractor item among 18 good ones. Both planted
items are flagged in at least 95 of the 100 classes; no more than 5% of good items are flagged.
Small classes are flagged only when asked."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

np = pytest.importorskip("numpy")
sys.path.insert(0, str(ROOT / "benchmarks"))
from simclass import TRUE_DISTRACTOR, WRONG_KEY, items, quiz_json, simulate  # noqa: E402

from quizgen.analyze.flags import item_flags  # noqa: E402
from quizgen.analyze.keys import quiz_key  # noqa: E402
from quizgen.analyze.responses import answers_of_choices  # noqa: E402
from quizgen.analyze.stats import analyze  # noqa: E402


def _class(rng, n):
    a, b = items(rng)
    choices, keys = simulate(rng, n, a, b)
    key = quiz_key([("sim.json", quiz_json(keys))])
    return key, analyze(answers_of_choices(key, choices), alpha_reps=0)[1]


def test_planted_items_flagged_good_items_left_alone():
    rng = np.random.default_rng(20261205)
    planted = {WRONG_KEY: 0, TRUE_DISTRACTOR: 0}
    checks = {WRONG_KEY: set(), TRUE_DISTRACTOR: set()}
    good = good_flagged = 0
    for _ in range(100):
        key, stats = _class(rng, 100)
        flags = item_flags(stats, {})
        flagged = {f.item_id for f in flags}
        for j in planted:
            planted[j] += key.items[j].id in flagged
            checks[j] |= {f.check for f in flags if f.item_id == key.items[j].id}
        for j, item in enumerate(key.items):
            if j not in planted:
                good += 1
                good_flagged += item.id in flagged
    print(f"wrong key flagged in {planted[WRONG_KEY]}/100, true distractor in "
          f"{planted[TRUE_DISTRACTOR]}/100, good items flagged {good_flagged}/{good}")
    assert planted[WRONG_KEY] >= 95 and planted[TRUE_DISTRACTOR] >= 95
    assert good_flagged <= 0.05 * good
    # the wrong key is told as one: the key loses to a distractor, discrimination below zero
    assert {"field-key-below-distractor", "field-negative-discrimination"} <= checks[WRONG_KEY]
    assert "field-distractor-rivals-key" in checks[TRUE_DISTRACTOR]


def test_no_flag_below_min_responses_unless_asked():
    rng = np.random.default_rng(3)
    key, stats = _class(rng, 19)
    assert item_flags(stats, {}) == []
    assert item_flags(stats, {}, min_responses=10), "a planted wrong key shows at 19 students"


def test_flags_name_the_fact_file_line_and_distractor():
    from quizgen.analyze.flags import FactPlace

    rng = np.random.default_rng(4)
    key, stats = _class(rng, 100)
    wrong = key.items[WRONG_KEY]
    places = {wrong.fact_ids[0]: FactPlace("facts/sim/sim.yaml", 42, ("answer 4",))}
    flags = [f for f in item_flags(stats, places) if f.item_id == wrong.id]
    below = next(f for f in flags if f.check == "field-key-below-distractor")
    assert (below.file, below.line, below.distractor) == ("facts/sim/sim.yaml", 42, "answer 4")
    assert "'answer 4'" in below.message and "'distractor 4.1'" in below.message
