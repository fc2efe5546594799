"""The analysis as files: JSON (every figure, and the flags `quizgen lint --responses` reads), CSV
(one row per item; one row per option), the suggestions, and an HTML report for teachers.

Everything is made as bytes first; the command writes them with the project's writer. The HTML
report renders `templates/analysis.html` in the sandboxed Jinja environment of the quiz pages, with
the chart geometry computed here: bars of each option's share (the key solid black, distractors
white, a distractor that does not function dashed), and a scatter of facility against the
upper-lower discrimination with Ebel & Frisbie's bands shaded in greys, so it reads printed in
black and white.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .flags import Flag, FactPlace, place_of
from .stats import ItemStats, QuizStats

#: Ebel & Frisbie's bands of the discrimination index (upper-lower): lower bound, name, grey.
BANDS = [(0.40, "very good", "#ffffff"), (0.30, "good", "#ececec"),
         (0.20, "marginal", "#d4d4d4"), (-1.0, "poor", "#b8b8b8")]


def band(d: float | None) -> str:
    if d is None:
        return "none"
    return next(name for low, name, _ in BANDS if d >= low - 1e-12)


def to_document(title: str, quiz_id: str | None, versions: list[str], quiz: QuizStats,
                items: list[ItemStats], numbers: dict[str, str], flags: list[Flag],
                places: dict[str, FactPlace], min_responses: int, notes: list[str]) -> dict:
    """The JSON document: quiz figures, then each item (quiz order) with its options and flags."""
    by_item: dict[str, list[str]] = {}
    for f in flags:
        by_item.setdefault(f.item_id, []).append(f.check)
    doc = {
        "title": title, "quiz": quiz_id, "versions": versions,
        "figures": {
            "students": quiz.n, "items": quiz.k, "max_points": quiz.max_points,
            "mean": quiz.mean, "mean_ci": list(quiz.mean_ci), "sd": quiz.sd,
            "alpha": quiz.alpha, "alpha_ci": list(quiz.alpha_ci) if quiz.alpha_ci else None,
            "sem": quiz.sem,
        },
        "min_responses": min_responses,
        "flagging": quiz.n >= min_responses,
        "flags": [asdict(f) for f in flags],
        "items": [],
        "notes": notes,
    }
    for s in items:
        place = place_of(s.fact_ids, places)
        d = asdict(s)
        d["number"] = numbers[s.id]
        d["fact"] = {"file": place.file, "line": place.line} if place else None
        d["band"] = band(s.upper_lower)
        d["flags"] = by_item.get(s.id, [])
        doc["items"].append(d)
    return doc


def to_json(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


ITEM_COLUMNS = ["number", "id", "type", "fact_ids", "file", "line", "n", "facility", "facility_low",
                "facility_high", "discrimination", "discrimination_low", "discrimination_high",
                "upper_lower", "band", "blank_share", "flags"]
OPTION_COLUMNS = ["number", "id", "letter", "option", "is_key", "count", "share", "discrimination",
                  "upper_count", "functioning"]


def _csv(rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _cell(x) -> object:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, float):
        return repr(x)
    return x


def items_csv(doc: dict) -> bytes:
    rows: list[list] = [ITEM_COLUMNS]
    for d in doc["items"]:
        fci, dci = d["facility_ci"], d["discrimination_ci"] or (None, None)
        fact = d["fact"] or {}
        rows.append([_cell(x) for x in (
            d["number"], d["id"], d["type"], " ".join(d["fact_ids"]), fact.get("file"),
            fact.get("line"), d["n"], d["facility"], fci[0], fci[1], d["discrimination"], dci[0],
            dci[1], d["upper_lower"], d["band"], d["blank_share"], " ".join(d["flags"]))])
    return _csv(rows)


def options_csv(doc: dict) -> bytes:
    rows: list[list] = [OPTION_COLUMNS]
    for d in doc["items"]:
        for o in d["options"]:
            rows.append([_cell(x) for x in (
                d["number"], d["id"], o["letter"], o["text"], o["is_key"], o["count"], o["share"],
                o["discrimination"], o["upper_count"], o["functioning"])])
    return _csv(rows)


# --- the HTML report -------------------------------------------------------------------------

BAR_W, BAR_H, LABEL_W, CHART_W = 105.0, 9.0, 20.0, 300.0
PLOT = {"w": 420.0, "h": 230.0, "left": 40.0, "top": 10.0, "right": 10.0, "bottom": 30.0}
Y_MIN, Y_MAX = -0.4, 1.0


def _bars(d: dict) -> dict:
    rows = []
    for o in d["options"]:
        rows.append({"label": o["letter"], "text": o["text"], "share": o["share"],
                     "key": o["is_key"], "dead": o["functioning"] is False})
    if d["options"] and (d["blank_share"] + d["other_share"]) > 0:
        rows.append({"label": "–", "text": "no answer or several", "key": False, "dead": False,
                     "share": d["blank_share"] + d["other_share"]})
    for n, r in enumerate(rows):
        r["y"] = n * (BAR_H + 2)
        r["w"] = max(0.0, r["share"]) * BAR_W
        r["short"] = r["text"] if len(r["text"]) <= 34 else r["text"][:33] + "…"
    return {"rows": rows, "height": len(rows) * (BAR_H + 2), "width": CHART_W, "x0": LABEL_W,
            "tx": LABEL_W + BAR_W + 3, "bar_h": BAR_H}


def _scatter(items: list[dict]) -> dict:
    p = PLOT
    iw, ih = p["w"] - p["left"] - p["right"], p["h"] - p["top"] - p["bottom"]

    def y(v: float) -> float:
        v = min(Y_MAX, max(Y_MIN, v))
        return p["top"] + (Y_MAX - v) / (Y_MAX - Y_MIN) * ih

    bands, top = [], Y_MAX
    for low, name, grey in BANDS:
        bottom = max(low, Y_MIN)
        bands.append({"name": name, "fill": grey, "y": y(top), "h": y(bottom) - y(top)})
        top = bottom
    points = [{"x": p["left"] + d["facility"] * iw, "y": y(d["upper_lower"]),
               "label": d["number"], "flagged": bool(d["flags"])} for d in items]
    xticks = [{"x": p["left"] + t / 10 * iw, "label": f"{t / 10:.1f}"} for t in range(0, 11, 2)]
    yticks = [{"y": y(t / 10), "label": f"{t / 10:.1f}"} for t in range(-4, 11, 2)]
    return {"w": p["w"], "h": p["h"], "left": p["left"], "top": p["top"], "iw": iw, "ih": ih,
            "bands": bands, "points": points, "xticks": xticks, "yticks": yticks,
            "zero": y(0.0)}


def to_html(doc: dict, env=None) -> bytes:
    """The teacher's report: quiz figures, the scatter, then each item (flagged items first)."""
    from ..render.templates import make_environment, render

    env = env or make_environment()
    flagged = [d for d in doc["items"] if d["flags"]]
    others = [d for d in doc["items"] if not d["flags"]]
    messages: dict[str, list[dict]] = {}
    for f in doc["flags"]:
        messages.setdefault(f["item_id"], []).append(f)
    cards = [{"item": d, "bars": _bars(d), "flags": messages.get(d["id"], [])}
             for d in flagged + others]
    return render(env, "analysis.html", doc=doc, figures=doc["figures"], cards=cards,
                  scatter=_scatter(doc["items"]), flagged=len(flagged)).encode("utf-8")


def suggestions_json(items: list[dict]) -> bytes:
    return to_json({"suggestions": items})
