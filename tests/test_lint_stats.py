"""The chi-square survival function against printed table values, and the goodness-of-fit test."""

from __future__ import annotations

import math

import pytest

from quizgen.lint.quiz import chi2_sf, chi_square

#: (df, critical value, upper-tail probability) from standard chi-square tables.
TABLE = [
    (1, 3.841, 0.05),
    (1, 6.635, 0.01),
    (2, 5.991, 0.05),
    (2, 9.210, 0.01),
    (3, 7.815, 0.05),
    (3, 11.345, 0.01),
    (4, 9.488, 0.05),
    (5, 11.070, 0.05),
    (6, 12.592, 0.05),
    (7, 14.067, 0.05),
    (10, 18.307, 0.05),
    (3, 0.584, 0.90),
    (2, 4.605, 0.10),
]


@pytest.mark.parametrize(("df", "x", "p"), TABLE)
def test_survival_function_matches_tables(df, x, p):
    assert chi2_sf(x, df) == pytest.approx(p, abs=5e-4)


def test_closed_forms():
    assert chi2_sf(0, 3) == 1.0
    assert chi2_sf(4.0, 2) == pytest.approx(math.exp(-2))  # df 2 is an exponential with mean 2
    assert chi2_sf(1.0, 1) == pytest.approx(math.erfc(math.sqrt(0.5)))
    with pytest.raises(ValueError):
        chi2_sf(1.0, 0)


def test_goodness_of_fit():
    stat, df, p = chi_square([10, 10, 10], [10, 10, 10])
    assert (stat, df, p) == (0.0, 2, 1.0)
    stat, df, p = chi_square([30, 0, 0, 0], [7.5] * 4)
    assert df == 3 and stat == pytest.approx(90.0) and p < 1e-15
