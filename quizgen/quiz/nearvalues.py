"""Near values for answers that are measured, not named: years, periods, dates, numbers, quantities.

A wrong year is only plausible if it looks like the key: same number of digits, a few years off
(at least 2, so it is not a rounding quibble, at most 30, so it is not absurd). A wrong quantity
keeps the key's unit, its rounding and its thousands separators, and stays within 50% of it.
Every function here is pure; randomness comes from the `random.Random` passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import random
import re

YEAR_MIN_GAP, YEAR_MAX_GAP = 2, 30
#: Synthetic year distractors (when the pack has too few real years nearby) stay this close.
YEAR_SYNTHETIC_GAP = 15
#: Quantities: at least this far from the key (relative), and at most QUANTITY_MAX_GAP.
QUANTITY_MIN_GAP, QUANTITY_MAX_GAP = 0.10, 0.50

_PERIOD_RE = re.compile(r"^(\d{3,4})(\s*[–—-]\s*)(\d{3,4})$")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_DATE_MDY = re.compile(r"^([A-Z][a-z]+) (\d{1,2}), (\d{3,4})$")
_DATE_DMY = re.compile(r"^(\d{1,2}) ([A-Z][a-z]+) (\d{3,4})$")
_LEADING_NUMBER_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(\S.*))?$")


def split_unit(text: str) -> tuple[float, str] | None:
    """`20 million books` -> (20.0, 'million books'); `6,650` -> (6650.0, ''); None for words."""
    m = _LEADING_NUMBER_RE.match(text.strip())
    if not m:
        return None
    return float(m.group(1).replace(",", "")), (m.group(2) or "").strip()


def parse_number(text: str) -> float | None:
    """`6,650` -> 6650.0; None for anything that is not a plain number."""
    parts = split_unit(text)
    return parts[0] if parts is not None and not parts[1] else None


def leading_number(text: str) -> float | None:
    """The number a measured option starts with: `20 million books` -> 20.0."""
    parts = split_unit(text)
    return None if parts is None else parts[0]


def with_unit(value: str, unit: str | None) -> str:
    """A quantity as a student reads it: `20` and `million books` -> `20 million books`.

    Options of one item then all carry the unit, as the Anki card's answer does; a value already
    written with its unit is left alone.
    """
    value = value.strip()
    if not unit or value.casefold().endswith(" " + unit.strip().casefold()):
        return value
    return f"{value} {unit.strip()}"


def without_unit(value: str, unit: str | None) -> str:
    """`57 thousand` -> `57` for a fact whose unit is `thousand` (hand-written with the unit)."""
    value = value.strip()
    if unit and value.casefold().endswith(" " + unit.strip().casefold()):
        return value[: -len(unit.strip())].strip()
    return value


def parse_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 3 <= len(text) <= 4 else None


def parse_date(text: str) -> tuple[dt.date, str] | None:
    """A full date and its style ('mdy': December 11, 2015; 'dmy': 11 December 2015)."""
    text = text.strip()
    for style, rx, order in (("mdy", _DATE_MDY, (1, 2, 3)), ("dmy", _DATE_DMY, (2, 1, 3))):
        m = rx.match(text)
        if m:
            month = _MONTHS.get(m.group(order[0]).lower())
            if month is None:
                return None
            try:
                return dt.date(int(m.group(order[2])), month, int(m.group(order[1]))), style
            except ValueError:
                return None
    return None


def format_date(value: dt.date, style: str) -> str:
    month = calendar.month_name[value.month]
    if style == "dmy":
        return f"{value.day} {month} {value.year}"
    return f"{month} {value.day}, {value.year}"


def parse_period(text: str) -> tuple[int, int, str] | None:
    m = _PERIOD_RE.match(text.strip())
    return (int(m.group(1)), int(m.group(3)), m.group(2)) if m else None


def sort_key(answer_type: str, text: str) -> float | None:
    """Where a measured answer sits on its scale (for ascending options); None if unparseable."""
    if answer_type == "year":
        y = parse_year(text)
        return None if y is None else float(y)
    if answer_type == "number":
        return parse_number(text)
    if answer_type == "quantity":  # options carry their unit: "20 million books"
        return leading_number(text)
    if answer_type == "date":
        d = parse_date(text)
        return None if d is None else float(d[0].toordinal())
    if answer_type == "period":
        p = parse_period(text)
        return None if p is None else float(p[0])
    return None


def _granularity(text: str) -> float:
    """What the key is rounded to: 6,650 -> 10; 77 -> 1; 2.5 -> 0.1."""
    plain = text.replace(",", "")
    if "." in plain:
        return 10.0 ** -len(plain.split(".")[1])
    digits = plain.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    # A lone leading digit (100, 3000) keeps one more significant digit, or every option is 1 digit.
    return 10.0 ** max(0, min(zeros, len(digits) - 2))


def format_like(value: float, key: str) -> str:
    """`value` written the way `key` is: separators and decimal places."""
    plain = key.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return f"{value:,.{decimals}f}" if "," in key else f"{value:.{decimals}f}"


def fits(answer_type: str, key: str, candidate: str) -> bool:
    """Is `candidate` a plausible wrong value for `key`: same format, near enough, not equal?"""
    if answer_type == "year":
        k, c = parse_year(key), parse_year(candidate)
        return (k is not None and c is not None and len(key.strip()) == len(candidate.strip())
                and YEAR_MIN_GAP <= abs(k - c) <= YEAR_MAX_GAP)
    if answer_type in ("number", "quantity"):
        k, c = parse_number(key), parse_number(candidate)
        if k is None or c is None or k <= 0:
            return False
        if ("," in key) != ("," in candidate) and max(k, c) >= 1000:
            return False
        return QUANTITY_MIN_GAP * k <= abs(c - k) <= QUANTITY_MAX_GAP * k + 1e-9
    if answer_type == "date":
        k, c = parse_date(key), parse_date(candidate)
        return (k is not None and c is not None and k[1] == c[1] and k[0] != c[0]
                and abs(k[0].year - c[0].year) <= YEAR_MAX_GAP)
    if answer_type == "period":
        k, c = parse_period(key), parse_period(candidate)
        return (k is not None and c is not None and k[:2] != c[:2]
                and abs(k[0] - c[0]) <= YEAR_MAX_GAP and k[1] - k[0] > 0 and c[1] - c[0] > 0)
    return True


def synthetic(answer_type: str, key: str, rng: random.Random, below: bool) -> list[str]:
    """Made-up near values on one side of the key, in a seeded random order (may be empty)."""
    if answer_type == "year":
        k = parse_year(key)
        if k is None:
            return []
        gaps = list(range(YEAR_MIN_GAP, YEAR_SYNTHETIC_GAP + 1))
        rng.shuffle(gaps)
        out = [str(k - g if below else k + g) for g in gaps]
        return [y for y in out if len(y) == len(key.strip())]  # later than the source: see rules.after_as_of
    if answer_type in ("number", "quantity"):
        k = parse_number(key)
        if k is None or k <= 0:
            return []
        step = _granularity(key)
        values = set()
        for _ in range(24):
            ratio = rng.uniform(QUANTITY_MIN_GAP, QUANTITY_MAX_GAP)
            v = k * (1 - ratio if below else 1 + ratio)
            v = round(v / step) * step
            if v > 0 and not math.isclose(v, k):
                values.add(v)
        ordered = sorted(values)
        rng.shuffle(ordered)
        return [format_like(v, key) for v in ordered]
    if answer_type == "date":
        parsed = parse_date(key)
        if parsed is None:
            return []
        day, style = parsed
        out = []
        for _ in range(12):
            shift = rng.choice(("day", "month", "year"))
            sign = -1 if below else 1
            try:
                if shift == "day":
                    cand = day + dt.timedelta(days=sign * rng.randint(3, 25))
                else:  # the same day of another month (or its last day, if shorter)
                    months = sign * (rng.randint(1, 5) if shift == "month" else 12 * rng.randint(2, 10))
                    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
                    cand = dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))
            except (ValueError, OverflowError):
                continue
            out.append(format_date(cand, style))
        return list(dict.fromkeys(out))
    if answer_type == "period":
        parsed = parse_period(key)
        if parsed is None:
            return []
        start, end, sep = parsed
        gaps = list(range(YEAR_MIN_GAP, YEAR_SYNTHETIC_GAP + 1))
        rng.shuffle(gaps)
        return [f"{start - g}{sep}{end - g}" if below else f"{start + g}{sep}{end + g}" for g in gaps]
    return []


def spaced(answer_type: str, key: str, a: str, b: str) -> bool:
    """Two options far enough apart to read as different answers (not 1923 next to 1924)."""
    ka, kb = sort_key(answer_type, a), sort_key(answer_type, b)
    if ka is None or kb is None:
        return True
    if answer_type in ("year", "period"):
        return abs(ka - kb) >= YEAR_MIN_GAP
    if answer_type in ("number", "quantity"):
        k = parse_number(key) or 1.0
        return abs(ka - kb) >= 0.05 * k
    return ka != kb
