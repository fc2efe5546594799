"""Moodle XML export, read back with xml.etree: every item present once, one key, only the
fractions Moodle accepts, ids and tags carried, and text full of special characters unchanged."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import (
    NASTY,
    TEXT,
    context_for,
    default_quiz,
    expected_all,
    fuzz_context,
    fuzz_quiz,
    rivers_quiz,
)

from quizgen.export.moodle_xml import moodle_xml_bytes

#: question_bank::fraction_options_full(), in percent (what the importer's grade matching accepts).
MOODLE_FRACTIONS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0}
MOODLE_FRACTIONS |= {-f for f in MOODLE_FRACTIONS}
KINDS = {"multichoice": "choice", "truefalse": "truefalse", "shortanswer": "text",
         "numerical": "numerical", "match": "matching"}


def text(el: ET.Element | None) -> str:
    node = el.find("text") if el is not None else None
    return (node.text or "") if node is not None else ""


def rich(el: ET.Element) -> str:
    assert el.get("format") == "html"
    return html.unescape(text(el))


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
            assert qel.findtext("single") == "true"
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
            # Moodle's short answers read '*' as a wildcard and '\*' as a star
            q["answers"] = [text(a).replace("\\*", "*") if qtype == "shortanswer" else text(a) for a in answers]
        else:
            q["pairs"], q["extra"] = [], []
            for sub in qel.findall("subquestion"):
                response = text(sub.find("answer"))
                if text(sub):
                    q["pairs"].append((rich(sub), response))
                else:
                    q["extra"].append(response)
        out.append(q)
    return out


def check(quiz, data: bytes, letter: str = "A") -> list[dict]:
    parsed = parse_moodle_xml(data)
    want = expected_all(quiz, letter)
    assert sorted(q["id"] for q in parsed) == sorted(want)
    for q in parsed:
        assert {k: q[k] for k in want[q["id"]]} == want[q["id"]], q["id"]
        assert q["idnumber"] == q["id"]
    return parsed


def test_default_recipe_moodle_xml_reads_back_every_item_with_its_key():
    quiz, recipe, packs = default_quiz()
    parsed = check(quiz, moodle_xml_bytes(quiz, context_for(quiz, recipe, packs)))
    assert len(parsed) == 20
    by_id = {i.id: i for i in quiz.versions[0].items}
    for q in parsed:
        item = by_id[q["id"]]
        assert q["points"] == item.points
        assert all(f"fact:{f}" in q["tags"] for f in item.fact_ids)
        assert q["category"].startswith(f"$course$/top/{quiz.title}/")


def test_rivers_moodle_xml_reads_back():
    quiz, recipe, packs = rivers_quiz()
    check(quiz, moodle_xml_bytes(quiz, context_for(quiz, recipe, packs)))


def test_cdata_end_is_split_and_specials_survive():
    texts = [NASTY, "x ]]> y", "]]>", "<![CDATA[", "a -> b", "c*", "]]]]>"]
    data = moodle_xml_bytes(fuzz_quiz(texts), fuzz_context())
    assert b"]]]]><![CDATA[>" in data
    check(fuzz_quiz(texts), data)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_moodle_xml(texts):
    quiz = fuzz_quiz(texts)
    check(quiz, moodle_xml_bytes(quiz, fuzz_context()))
