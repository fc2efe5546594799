"""Item statistics against a reference written here from the textbook definitions, in plain Python
(loops, `statistics`, no numpy), on simulated classes of 30 and 300 students: every figure agrees
to 1e-9. Also partial credit (Cronbach's alpha), and the intervals' textbook values."""

from __future__ import annotations

import math
import statistics
import sys

import pytest
from conftest import ROOT

np = pytest.importorskip("numpy")
sys.path.insert(0, str(ROOT / "benchmarks"))
from simclass import items, quiz_json, simulate  # noqa: E402

from quizgen.analyze.keys import quiz_key  # noqa: E402
from quizgen.analyze.responses import answers_of_choices  # noqa: E402
from quizgen.analyze.stats import analyze, core, fisher, wilson  # noqa: E402

TOL = 1e-9


def pearson(x: list[float], y: list[float]) -> float | None:
    if len(set(x)) < 2 or len(set(y)) < 2:
        return None
    return statistics.correlation(x, y)


def reference(points: list[list[float]], maxima: list[float], choices: list[list[int]], width: int):
    """Every figure by its definition, one student and one item at a time."""
    n, k = len(points), len(points[0])
    totals = [sum(row) for row in points]
    ref = {"facility": [], "r": [], "ul": [], "share": [], "odisc": [], "upper": []}
    g = max(1, int(0.27 * n + 0.5))
    by_total = sorted(range(n), key=lambda s: (-totals[s], s))
    for j in range(k):
        item = [points[s][j] for s in range(n)]
        rest = [totals[s] - points[s][j] for s in range(n)]
        ref["facility"].append(sum(p / maxima[j] for p in item) / n)
        ref["r"].append(pearson(item, rest))
        up = sum(points[s][j] / maxima[j] for s in by_total[:g]) / g
        low = sum(points[s][j] / maxima[j] for s in by_total[n - g:]) / g
        ref["ul"].append(up - low)
        by_rest = sorted(range(n), key=lambda s: (-rest[s], s))[:g]
        shares, odisc, upper = [], [], []
        for o in range(width):
            chose = [1.0 if choices[s][j] == o else 0.0 for s in range(n)]
            shares.append(sum(chose) / n)
            odisc.append(pearson(chose, rest))
            upper.append(sum(1 for s in by_rest if choices[s][j] == o))
        ref["share"].append(shares)
        ref["odisc"].append(odisc)
        ref["upper"].append(upper)
    item_vars = [statistics.variance([points[s][j] for s in range(n)]) for j in range(k)]
    total_var = statistics.variance(totals)
    ref["alpha"] = k / (k - 1) * (1 - sum(item_vars) / total_var)
    ref["mean"] = statistics.fmean(totals)
    ref["sd"] = statistics.stdev(totals)
    ref["sem"] = ref["sd"] * math.sqrt(1 - ref["alpha"])
    return ref


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOL


@pytest.mark.parametrize("n", [30, 300])
def test_figures_match_the_reference(n):
    rng = np.random.default_rng(n)
    a, b = items(rng)
    choices, keys = simulate(rng, n, a, b)
    key = quiz_key([("sim.json", quiz_json(keys))])
    answers = answers_of_choices(key, choices)
    quiz, stats = analyze(answers)
    ref = reference(answers.points, [1.0] * len(keys), answers.choices, 4)
    assert quiz.n == n and quiz.k == len(keys)
    assert close(quiz.alpha, ref["alpha"]) and close(quiz.sem, ref["sem"])
    assert close(quiz.mean, ref["mean"]) and close(quiz.sd, ref["sd"])
    for j, s in enumerate(stats):
        assert close(s.facility, ref["facility"][j])
        assert close(s.discrimination, ref["r"][j])
        assert close(s.upper_lower, ref["ul"][j])
        by_text = {o.text: o for o in s.options}
        for o, text in enumerate(key.items[j].options):
            got = by_text[text]
            assert close(got.share, ref["share"][j][o])
            assert close(got.discrimination, ref["odisc"][j][o])
            assert got.upper_count == ref["upper"][j][o]
    # KR-20 by its own formula equals alpha on 0/1 items
    p = [sum(row[j] for row in answers.points) / n for j in range(len(keys))]
    totals = [sum(row) for row in answers.points]
    kr20 = len(p) / (len(p) - 1) * (1 - sum(x * (1 - x) for x in p) / statistics.pvariance(totals))
    assert close(quiz.alpha, kr20)


def test_partial_credit_alpha_matches_the_reference():
    rng = np.random.default_rng(5)
    maxima = [1, 2, 3, 1, 4, 2]
    ability = rng.standard_normal(60)
    points = [[float(min(m, max(0, round(m * (0.5 + 0.3 * t) + rng.normal(0, 0.7)))))
               for m in maxima] for t in ability]
    fig = core(points, maxima)
    ref = reference(points, maxima, [[-1] * len(maxima)] * len(points), 0)
    assert abs(fig["alpha"] - ref["alpha"]) <= TOL
    assert abs(fig["sem"] - ref["sem"]) <= TOL
    for j in range(len(maxima)):
        assert abs(fig["facility"][j] - ref["facility"][j]) <= TOL
        assert abs(fig["discrimination"][j] - ref["r"][j]) <= TOL
        assert abs(fig["upper_lower"][j] - ref["ul"][j]) <= TOL


def test_intervals():
    # Wilson: 8 of 10 -> (0.4902, 0.9433) (Newcombe 1998, table I); Fisher: r = .5, n = 28
    lo, hi = wilson(0.8, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.4902, 0.9433)
    lo, hi = fisher(0.5, 28)
    z = math.atanh(0.5)
    assert abs(lo - math.tanh(z - 1.959963984540054 / 5)) < TOL and lo < 0.5 < hi
    assert fisher(0.3, 3) is None and fisher(None, 50) is None


def test_alpha_interval_is_a_bootstrap_of_the_students():
    from quizgen.analyze.stats import alpha_interval

    rng = np.random.default_rng(9)
    a, b = items(rng)
    choices, keys = simulate(rng, 80, a, b)
    key = quiz_key([("sim.json", quiz_json(keys))])
    answers = answers_of_choices(key, choices)
    quiz, _ = analyze(answers)
    lo, hi = quiz.alpha_ci
    assert lo < quiz.alpha < hi and 0.05 < hi - lo < 0.5
    assert alpha_interval(answers.points) == quiz.alpha_ci  # same answers, same interval
    # the reference: the same resamples, alpha by its definition on each
    boot = np.random.default_rng(0).integers(0, 80, (1000, 80))
    ref = []
    for idx in boot:
        rows = [answers.points[i] for i in idx]
        item_vars = [statistics.variance([r[j] for r in rows]) for j in range(20)]
        ref.append(20 / 19 * (1 - sum(item_vars) / statistics.variance([sum(r) for r in rows])))
    assert abs(np.percentile(ref, 2.5) - lo) < TOL and abs(np.percentile(ref, 97.5) - hi) < TOL


def test_a_constant_item_has_no_discrimination():
    points = [[1.0, 1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 0.0]]
    fig = core(points, [1, 1])
    assert math.isnan(fig["discrimination"][0]) and fig["facility"][0] == 1.0
