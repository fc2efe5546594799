"""Classical item analysis of a table of scores, vectorised with numpy (imported here only, so
`quizgen --help` never pays for it).

Per item j of k, with P the n x k matrix of points, T = the row sums (each student's total) and
R_j = T - P_j (the rest of the test):

* facility: mean of P_j / points_j (the share correct; partial credit counts its share), with a
  Wilson 95% interval;
* discrimination: the corrected point-biserial, Pearson's r of P_j against R_j (the item is left
  out of the total it is compared with), with a Fisher-z 95% interval;
* upper-lower: facility among the top 27% of totals minus facility among the bottom 27% (groups
  of round(0.27 n) students, ties in the total broken by row order);
* each option's share, and its own discrimination: r of "chose this option" against R_j. A
  distractor functions when at least 5% choose it and its discrimination is negative. Each
  option's count in the item's upper group (the top 27% on R_j) too: a distractor that those
  students choose about as often as the key is suspect.

Per quiz: mean and standard deviation (n - 1) of T, Cronbach's alpha
k / (k - 1) * (1 - sum var(P_j) / var(T)) (equal to KR-20 when every item scores 0 or its
points), with a 95% bootstrap interval (1,000 resamples of the students, seed 0), and the
standard error of measurement SD * sqrt(1 - alpha).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Z95 = 1.959963984540054
UPPER_LOWER = 0.27
DEAD_SHARE = 0.05


@dataclass
class OptionStats:
    text: str
    letter: str  # as printed in the first version given
    is_key: bool
    count: int
    share: float
    discrimination: float | None
    functioning: bool | None  # distractors only: chosen by >= 5% and discrimination < 0
    upper_count: int = 0  # chosen by how many of the upper group (top 27% on the rest of the test)


@dataclass
class ItemStats:
    id: str
    type: str
    prompt: str
    fact_ids: list[str]
    points: float
    n: int
    facility: float
    facility_ci: tuple[float, float]
    discrimination: float | None
    discrimination_ci: tuple[float, float] | None
    upper_lower: float
    upper_n: int = 0  # size of each of the upper and lower groups
    options: list[OptionStats] = field(default_factory=list)
    blank_share: float = 0.0
    other_share: float = 0.0  # several marks, or a text that is no option
    #: written items: the most common wrong answers, {text, count, mean_total} (the mean total
    #: score of those who wrote it: strong students writing it hints at an answer to accept)
    wrong_answers: list[dict] = field(default_factory=list)


@dataclass
class QuizStats:
    n: int
    k: int
    max_points: float
    mean: float
    sd: float
    alpha: float | None
    sem: float | None
    mean_ci: tuple[float, float]
    alpha_ci: tuple[float, float] | None = None


def wilson(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion p seen in n trials."""
    if n == 0:
        return (0.0, 1.0)
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(max(p * (1 - p), 0.0) / n + z * z / (4 * n * n)) / d
    return (max(0.0, centre - half), min(1.0, centre + half))


def fisher(r: float | None, n: int, z: float = Z95) -> tuple[float, float] | None:
    """95% interval of a correlation r of n pairs (Fisher's z); None when it has none."""
    if r is None or n <= 3:
        return None
    if abs(r) >= 1:
        return (r, r)
    f = math.atanh(r)
    half = z / math.sqrt(n - 3)
    return (math.tanh(f - half), math.tanh(f + half))


def column_corr(x, y):
    """Pearson's r of each column of x with the same column of y (NaN where one is constant)."""
    import numpy as np

    xc = x - x.mean(axis=0)
    yc = y - y.mean(axis=0)
    num = (xc * yc).sum(axis=0)
    den = np.sqrt((xc * xc).sum(axis=0) * (yc * yc).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def alpha_interval(points, reps: int = 1000, seed: int = 0) -> tuple[float, float] | None:
    """A 95% percentile bootstrap interval of Cronbach's alpha (students resampled, a fixed
    seed so the same answers give the same interval); None for fewer than 2 items or 3 students."""
    import numpy as np

    P = np.asarray(points, dtype=float)
    n, k = P.shape
    if k < 2 or n < 3:
        return None
    rng = np.random.default_rng(seed)
    S = P[rng.integers(0, n, (reps, n))]  # reps x n x k
    var_items = S.var(axis=1, ddof=1).sum(axis=1)
    var_total = S.sum(axis=2).var(axis=1, ddof=1)
    ok = var_total > 0
    if not ok.any():
        return None
    alphas = k / (k - 1) * (1 - var_items[ok] / var_total[ok])
    lo, hi = np.percentile(alphas, [2.5, 97.5])
    return (float(lo), float(hi))


def _num(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def core(points, max_points, choices=None, n_options=None):
    """The figures of a score matrix, as arrays (what the simulator and `analyze` share).

    points: n x k; max_points: k; choices: n x k canonical option indices (negative: none);
    n_options: k (0 for items without options). Returns a dict of numpy arrays and floats."""
    import numpy as np

    P = np.asarray(points, dtype=float)
    n, k = P.shape
    M = np.asarray(max_points, dtype=float)
    T = P.sum(axis=1)
    R = T[:, None] - P
    S = P / M
    facility = S.mean(axis=0)
    disc = column_corr(P, R)
    g = max(1, int(UPPER_LOWER * n + 0.5))
    order = np.argsort(-T, kind="stable")
    upper_lower = S[order[:g]].mean(axis=0) - S[order[n - g:]].mean(axis=0)
    var_items = P.var(axis=0, ddof=1) if n > 1 else np.zeros(k)
    var_total = T.var(ddof=1) if n > 1 else 0.0
    alpha = (k / (k - 1)) * (1 - var_items.sum() / var_total) if k > 1 and var_total > 0 else math.nan
    sd = math.sqrt(var_total)
    out = {"n": n, "k": k, "total": T, "facility": facility, "discrimination": disc,
           "upper_lower": upper_lower, "group": g, "mean": float(T.mean()), "sd": sd, "alpha": alpha,
           "sem": sd * math.sqrt(1 - alpha) if not math.isnan(alpha) and alpha <= 1 else math.nan}
    if choices is not None:
        C = np.asarray(choices)
        width = int(max(n_options)) if len(n_options) else 0
        counts = np.zeros((k, width), dtype=int)
        odisc = np.full((k, width), np.nan)
        upper = np.zeros((k, width), dtype=int)
        # the upper group of each item by the rest of the test (the item's own point left out)
        top = np.take_along_axis(C, np.argsort(-R, axis=0, kind="stable")[:g], axis=0)
        for o in range(width):
            upper[:, o] = (top == o).sum(axis=0)
            chose = (C == o).astype(float)
            counts[:, o] = chose.sum(axis=0).astype(int)
            odisc[:, o] = column_corr(chose, R)
        out.update(option_upper=upper, option_counts=counts, option_shares=counts / n, option_discrimination=odisc,
                   blank=(C == -1).mean(axis=0), other=(C == -2).mean(axis=0))
    return out


def analyze(answers, *, alpha_reps: int = 1000) -> tuple[QuizStats, list[ItemStats]]:
    """Every figure of a table of answers (`responses.Answers`); `alpha_reps` bootstrap resamples
    for alpha's interval (0: none)."""
    from collections import Counter

    from ..normalize import normalize_answer, written_answer_ok
    from .keys import LETTERS

    items = answers.key.items
    n = len(answers.students)
    fig = core(answers.points, [i.points for i in items], answers.choices,
               [len(i.options) if i.is_choice else 0 for i in items])
    out = []
    for j, item in enumerate(items):
        r = _num(fig["discrimination"][j])
        stats = ItemStats(
            id=item.id, type=item.type, prompt=item.prompt, fact_ids=list(item.fact_ids),
            points=item.points, n=n, facility=float(fig["facility"][j]),
            facility_ci=wilson(float(fig["facility"][j]), n),
            discrimination=r, discrimination_ci=fisher(r, n),
            upper_lower=float(fig["upper_lower"][j]), upper_n=fig["group"],
        )
        if item.is_choice:
            first = item.printed.get(answers.key.default_version) or list(range(len(item.options)))
            for o, text in enumerate(item.options):
                share = float(fig["option_shares"][j, o])
                d = _num(fig["option_discrimination"][j, o])
                is_key = o == item.key
                stats.options.append(OptionStats(
                    text=text, letter=LETTERS[first.index(o)], is_key=is_key,
                    count=int(fig["option_counts"][j, o]), share=share, discrimination=d,
                    upper_count=int(fig["option_upper"][j, o]),
                    functioning=None if is_key else (share >= DEAD_SHARE and (d is None or d < 0))))
            stats.options.sort(key=lambda s: s.letter)
            stats.blank_share = float(fig["blank"][j])
            stats.other_share = float(fig["other"][j])
        elif item.is_written:
            accepted = [item.answer_text or "", *item.accept]
            wrong: Counter[str] = Counter()
            shown: dict[str, str] = {}
            totals: dict[str, float] = {}
            for row, total in zip(answers.texts, fig["total"]):
                text = row[j]
                if text and not written_answer_ok(text, accepted):
                    norm = normalize_answer(text)
                    wrong[norm] += 1
                    shown.setdefault(norm, text.strip())
                    totals[norm] = totals.get(norm, 0.0) + float(total)
            stats.wrong_answers = [{"text": shown[t], "count": c, "mean_total": totals[t] / c}
                                   for t, c in wrong.most_common(5)]
        out.append(stats)
    alpha = _num(fig["alpha"])
    sd = fig["sd"]
    half = Z95 * sd / math.sqrt(n) if n else 0.0
    quiz = QuizStats(n=n, k=len(items), max_points=float(sum(i.points for i in items)),
                     mean=fig["mean"], sd=sd, alpha=alpha, sem=_num(fig["sem"]),
                     mean_ci=(fig["mean"] - half, fig["mean"] + half),
                     alpha_ci=alpha_interval(answers.points, alpha_reps)
                     if alpha is not None and alpha_reps else None)
    return quiz, out
