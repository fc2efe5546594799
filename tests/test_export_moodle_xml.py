"""Moodle XML export, read back with xml.etree the way `question/format/xml/format.php` reads it
(`import_headers`, `import_multichoice`, `import_match`, ...), then shown as Moodle shows it
(`test_export_moodle_model`): every item present once, one key, only the fractions Moodle
accepts, ID numbers, tags and categories carried, shuffling set per question, and hostile text
displayed as written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import (
    HOSTILE,
    NASTY,
    TEXT,
    bank_of,
    expected_all,
    expected_items,
    fuzz_bank_set,
    fuzz_quiz,
    fuzz_set,
    rivers_quiz,
    rivers_recipe,
    version_set,
)
from test_export_moodle_model import shortanswer_literal, shown_html, shown_string

from quizgen.export.moodle_xml import moodle_xml_bytes

#: question_bank::fraction_options_full(), in percent (what the importer's grade matching accepts).
MOODLE_FRACTIONS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0}
MOODLE_FRACTIONS |= {-f for f in MOODLE_FRACTIONS}
KINDS = {"multichoice": "choice", "truefalse": "truefalse", "shortanswer": "text",
         "numerical": "numerical", "match": "matching"}


def text(el: ET.Element | None) -> str:
    """`getpath(..., ['#', 'text', 0, '#'], '', true)`: the text child, trimmed."""
    node = el.find("text") if el is not None else None
    return (node.text or "").strip() if node is not None else ""


def rich(el: ET.Element) -> str:
    assert el.get("format") == "html"
    return shown_html(text(el))


def shuffles(qel: ET.Element, default: str) -> bool:
    """`trans_single(getpath(..., 'shuffleanswers', default))`."""
    value = qel.findtext("shuffleanswers", default).strip()
    return value in ("true", "1")


def parse_moodle_xml(data: bytes) -> list[dict]:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    out, category = [], None
    for qel in root.findall("question"):
        qtype = qel.get("type")
        if qtype == "category":
            category = text(qel.find("category"))
            continue
        answers = qel.findall("answer")
        fractions = [float(a.get("fraction")) for a in answers]
        assert all(round(f, 5) in MOODLE_FRACTIONS for f in fractions), fractions
        q = {"id": text(qel.find("name")), "idnumber": qel.findtext("idnumber"), "kind": KINDS[qtype],
             "prompt": rich(qel.find("questiontext")), "category": category,
             "points": int(qel.findtext("defaultgrade")),
             "tags": [text(t) for t in qel.findall("tags/tag")], "fractions": fractions}
        if qtype == "multichoice":
            assert qel.findtext("single") == "true" and qel.findtext("answernumbering") == "abc"
            q["shuffle"] = shuffles(qel, "false")
            q["choices"] = [rich(a) for a in answers]
            keys = [i for i, f in enumerate(fractions) if f == 100]
            assert len(keys) == 1 and fractions.count(0) == len(fractions) - 1
            q["key"] = keys[0]
        elif qtype == "truefalse":
            by = {text(a): f for a, f in zip(answers, fractions, strict=True)}
            assert sorted(by) == ["false", "true"] and sorted(by.values()) == [0, 100]
            q["truth"] = by["true"] == 100
        elif qtype in ("shortanswer", "numerical"):
            assert fractions and all(f == 100 for f in fractions)
            q["answers"] = [shortanswer_literal(text(a)) if qtype == "shortanswer" else text(a)
                            for a in answers]
        else:
            q["shuffle"] = shuffles(qel, "1")
            q["pairs"], q["extra"] = [], []
            for sub in qel.findall("subquestion"):
                response = shown_string(text(sub.find("answer")))  # qtype_match: format_string
                if text(sub):
                    q["pairs"].append((rich(sub), response))
                else:
                    q["extra"].append(response)
        out.append(q)
    return out


def check(data: bytes, want: dict[str, dict]) -> list[dict]:
    parsed = parse_moodle_xml(data)
    assert sorted(q["id"] for q in parsed) == sorted(want)
    for q in parsed:
        assert {k: q[k] for k in want[q["id"]]} == want[q["id"]], q["id"]
        assert q["idnumber"] == q["id"]
    return parsed


def test_rivers_moodle_xml_reads_back_with_points_tags_categories_and_shuffling():
    quiz, recipe, packs = rivers_quiz()
    qset = version_set(quiz, recipe, packs)
    parsed = check(moodle_xml_bytes(qset), expected_all(quiz))
    by_id = {i.id: i for i in quiz.versions[0].items}
    top = f"$course$/top/{quiz.title} — version A (build {qset.stamp})"
    for q in parsed:
        item = by_id[q["id"]]
        assert q["points"] == item.points
        assert all(f"fact:{f}" in q["tags"] for f in item.fact_ids)
        assert q["category"] in (f"{top}/Rivers", f"{top}/Explorers and dams")
        if q["kind"] == "choice":
            assert q["shuffle"] is False  # the printed key's letters hold
        if q["id"].startswith("order-"):
            assert q["shuffle"] is False  # positions 1, 2, 3... stay in order
        elif q["kind"] == "matching":
            assert q["shuffle"] is True


def test_bank_reads_back_in_categories_by_topic_and_type():
    recipe, packs = rivers_recipe()
    qset, items = bank_of(recipe, packs)
    parsed = check(moodle_xml_bytes(qset), expected_items(items))
    assert len(parsed) == len(items) > 40
    cats = {q["category"] for q in parsed}
    top = f"$course$/top/{qset.title} — question bank (build {qset.stamp})"
    assert all(c.startswith(top + "/") and c.count("/") == top.count("/") + 2 for c in cats)


def test_cdata_end_is_split_and_hostile_text_survives():
    texts = [NASTY, *HOSTILE]
    data = moodle_xml_bytes(fuzz_set(texts))
    assert b"]]]]><![CDATA[>" in data
    check(data, expected_all(fuzz_quiz(texts)))
    bank = fuzz_bank_set(texts)
    check(moodle_xml_bytes(bank), {q.id: expected_items([q.item])[q.id] for q in bank.questions})


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_moodle_xml(texts):
    check(moodle_xml_bytes(fuzz_set(texts)), expected_all(fuzz_quiz(texts)))
