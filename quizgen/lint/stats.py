"""Pearson's chi-square goodness-of-fit test, with an exact survival function (no scipy).

The p-value of a chi-square statistic x with df degrees of freedom is Q(df/2, x/2), the regularised
upper incomplete gamma function. For the small integer df a quiz needs it has a closed form:

* df even, s = df/2 an integer:   Q(s, y) = e^-y * sum_{i<s} y^i / i!
* df odd,  s = n + 1/2:           Q(1/2, y) = erfc(sqrt y), and
                                  Q(a + 1, y) = Q(a, y) + y^a e^-y / Gamma(a + 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for X ~ chi-square with `df` degrees of freedom (df a positive integer)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if x <= 0:
        return 1.0
    y = x / 2.0
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for i in range(1, df // 2):
            term *= y / i
            total += term
        return min(1.0, math.exp(-y) * total)
    q = math.erfc(math.sqrt(y))
    a = 0.5
    while a < df / 2.0:
        q += math.exp(a * math.log(y) - y - math.lgamma(a + 1.0))
        a += 1.0
    return min(1.0, q)


def chi_square(observed: Sequence[float], expected: Sequence[float]) -> tuple[float, int, float]:
    """(statistic, degrees of freedom, p-value) of observed against expected counts.

    Cells with no expected count are left out (a 4th position in a quiz of 3-option items)."""
    cells = [(o, e) for o, e in zip(observed, expected, strict=True) if e > 0]
    if len(cells) < 2:
        return 0.0, 0, 1.0
    stat = sum((o - e) ** 2 / e for o, e in cells)
    df = len(cells) - 1
    return stat, df, chi2_sf(stat, df)
