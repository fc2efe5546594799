"""Flags: what the figures say about an item, each tied to the fact it tests (its file and line).

| check | when |
|---|---|
| field-key-below-distractor | a distractor was chosen more often than the key, by more than chance allows (a sign test of the two counts at 5%): a likely wrong key, or a second right answer |
| field-negative-discrimination | the corrected point-biserial is below 0: the students who did well on the rest of the quiz got it wrong more often |
| field-too-easy / field-too-hard | facility above 0.95 / below 0.2 |
| field-dead-distractor | a distractor chosen by fewer than 5% |
| field-distractor-rivals-key | the students who did best on the rest of the quiz (the top 27%) chose a distractor at least 0.4 times as often as the key (and 3 or more of them did; items of 3+ options): it may be true too, or the stem ambiguous |
| field-distractor-discriminates | a distractor chosen more by the students who did well on the rest (its discrimination's 95% interval above 0): it may be true, or the stem ambiguous |

No flag is raised from fewer than `min_responses` (20) students: a class of 12 cannot tell a
flawed item from chance. Suggestions follow from the flags: retire a distractor that is dead or
may be true; add an accepted answer that students who did well wrote.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .stats import DEAD_SHARE, Z95, ItemStats, fisher

MIN_RESPONSES = 20
#: a distractor rivals the key when the upper group chooses it at least 0.4 times as often (and
#: at least 3 of them do). 0.4 was set on simulated classes (benchmarks/simclass.py): a true
#: distractor is caught in 95-100 of 100 classes of 100, a good item flagged in 2-3%.
RIVAL_SHARE, RIVAL_MIN = 0.4, 3
TOO_EASY, TOO_HARD = 0.95, 0.2


@dataclass
class Flag:
    check: str
    item_id: str
    fact_ids: list[str]
    file: str | None  # the first fact's file and line, when its pack was found
    line: int | None
    message: str
    distractor: str | None = None
    severity: str = "warning"


@dataclass(frozen=True)
class FactPlace:
    file: str
    line: int
    distractors: tuple[str, ...] = ()  # the fact's hand-written distractors


def place_of(fact_ids: list[str], places: dict[str, FactPlace]) -> FactPlace | None:
    """Where the first of `fact_ids` whose pack was found is written."""
    return next((places[f] for f in fact_ids if f in places), None)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _flags_of(s: ItemStats) -> list[tuple[str, str, str | None]]:
    """(check, message, distractor) of one item."""
    out: list[tuple[str, str, str | None]] = []
    key = next((o for o in s.options if o.is_key), None)
    for o in s.options:
        if key is None or o.is_key:
            continue
        diff = o.count - key.count
        if diff > 0 and diff > Z95 * math.sqrt(o.count + key.count):
            out.append(("field-key-below-distractor",
                        f"the key '{key.text}' was chosen by {_pct(key.share)} and the distractor "
                        f"'{o.text}' by {_pct(o.share)} ({o.count} against {key.count} of {s.n}): "
                        "a likely wrong key, or a second right answer", o.text))
    if s.discrimination is not None and s.discrimination < 0:
        lo, hi = s.discrimination_ci or (math.nan, math.nan)
        out.append(("field-negative-discrimination",
                    f"discrimination {s.discrimination:+.2f} (95% CI {lo:+.2f} to {hi:+.2f}): the "
                    "students who did well on the rest of the quiz got it wrong more often: a "
                    "likely wrong key or a true distractor", None))
    lo, hi = s.facility_ci
    if s.facility > TOO_EASY:
        out.append(("field-too-easy", f"facility {s.facility:.2f} (95% CI {lo:.2f}-{hi:.2f}): "
                                      "almost everyone got it right; it measures little", None))
    if s.facility < TOO_HARD:
        out.append(("field-too-hard", f"facility {s.facility:.2f} (95% CI {lo:.2f}-{hi:.2f}): "
                                      "fewer than one in five got it right", None))
    for o in s.options:
        if o.is_key:
            continue
        if o.share < DEAD_SHARE:
            out.append(("field-dead-distractor",
                        f"the distractor '{o.text}' was chosen by {_pct(o.share)} ({o.count} of "
                        f"{s.n}): it does not function; retire or replace it", o.text))
        elif (key is not None and len(s.options) >= 3 and o.upper_count >= RIVAL_MIN
              and o.upper_count >= RIVAL_SHARE * key.upper_count):
            out.append(("field-distractor-rivals-key",
                        f"the distractor '{o.text}' was chosen by {o.upper_count} of the "
                        f"{s.upper_n} students who did best on the rest of the quiz, the key "
                        f"'{key.text}' by {key.upper_count}: it may be true too, or the stem "
                        "ambiguous", o.text))
        elif o.discrimination is not None and o.discrimination > 0:
            ci = fisher(o.discrimination, s.n)
            if ci and ci[0] > 0:
                out.append(("field-distractor-discriminates",
                            f"the distractor '{o.text}' was chosen more by the students who did "
                            f"well on the rest (r {o.discrimination:+.2f}, 95% CI {ci[0]:+.2f} to "
                            f"{ci[1]:+.2f}; chosen by {_pct(o.share)}): it may be true, or the "
                            "stem ambiguous", o.text))
    return out


def item_flags(items: list[ItemStats], places: dict[str, FactPlace],
               min_responses: int = MIN_RESPONSES) -> list[Flag]:
    """Every flag of every item; none when fewer than `min_responses` students answered."""
    out = []
    for s in items:
        if s.n < min_responses:
            continue
        place = place_of(s.fact_ids, places)
        for check, message, distractor in _flags_of(s):
            out.append(Flag(check=check, item_id=s.id, fact_ids=list(s.fact_ids),
                            file=place.file if place else None, line=place.line if place else None,
                            message=message, distractor=distractor))
    return out


def suggestions(items: list[ItemStats], flags: list[Flag], places: dict[str, FactPlace],
                class_mean: float) -> list[dict]:
    """What an author could change: check a key that a distractor beat; retire a distractor that
    is dead or may be true; accept a written answer that at least two students wrote with a total
    at or above the class mean."""
    out = []
    beats_key = {(f.item_id, f.distractor) for f in flags if f.check == "field-key-below-distractor"}
    for f in flags:
        about = {"item_id": f.item_id, "fact_ids": f.fact_ids, "file": f.file, "line": f.line,
                 "distractor": f.distractor}
        if f.check == "field-key-below-distractor":
            out.append({
                "action": "check-key", **about, "why": f.message,
                "how": "if the distractor is the right answer, correct the fact's marked answer "
                       "(and its evidence); if both are right, remove the distractor",
            })
            continue
        if f.check not in ("field-dead-distractor", "field-distractor-discriminates",
                           "field-distractor-rivals-key") or (f.item_id, f.distractor) in beats_key:
            continue
        place = place_of(f.fact_ids, places)
        hand = bool(place and f.distractor in place.distractors)
        out.append({
            "action": "retire-distractor", **about, "hand_written": hand,
            "why": ("chosen by fewer than 5%" if f.check == "field-dead-distractor"
                    else "chosen more by strong students: check whether it is also right"),
            "how": ("remove it from the fact's `distractors:`" if hand else
                    "it was drawn from the fact's group or near values; write a better distractor "
                    "in `distractors:`"),
        })
    for s in items:
        for w in s.wrong_answers:
            if w["count"] >= 2 and w["mean_total"] >= class_mean:
                place = place_of(s.fact_ids, places)
                out.append({
                    "action": "add-accepted-answer", "item_id": s.id, "fact_ids": s.fact_ids,
                    "file": place.file if place else None, "line": place.line if place else None,
                    "answer": w["text"], "count": w["count"],
                    "why": f"written by {w['count']} students whose mean total "
                           f"({w['mean_total']:.1f}) is at or above the class mean ({class_mean:.1f})",
                    "how": "if it is right, add it to the fact's `also_accept:`; if it is a "
                           "common mistake, it makes a good distractor",
                })
    return out


def fact_places(fact_ids: set[str], search: tuple[str, ...] = ()) -> tuple[dict[str, FactPlace], list[str]]:
    """Where each fact is written (pack/id -> file, line), loading the packs the ids name; and the
    packs that were not found (their flags then carry no file)."""
    from ..loader import load_packs
    from ..problems import Problem, Problems

    out: dict[str, FactPlace] = {}
    missing = []
    for pack in sorted({f.split("/", 1)[0] for f in fact_ids if "/" in f}):
        try:
            loaded = load_packs([pack], search)
        except (Problem, Problems):
            missing.append(pack)
            continue
        for lp in loaded:
            for lf in lp.facts:
                if lf.key in fact_ids:
                    out[lf.key] = FactPlace(lf.file, lf.line, tuple(lf.fact.distractors))
    return out, missing
