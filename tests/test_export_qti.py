"""QTI 1.2 (Canvas) export, unzipped and read back with xml.etree: the manifest names the files
that are there, every item is present once with a stable ident and exactly one key, fact ids are in
the item metadata, and text full of special characters is unchanged."""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile

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

from quizgen.export.qti import qti_bytes

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
KINDS = {"multiple_choice_question": "choice", "true_false_question": "truefalse",
         "short_answer_question": "text", "matching_question": "matching"}


def mattext(parent: ET.Element) -> str:
    node = parent.find(f"{QTI}material/{QTI}mattext")
    value = node.text or ""
    return html.unescape(value) if node.get("texttype") == "text/html" else value


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


def parse_qti(data: bytes) -> list[dict]:
    files = unzip(data)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert hrefs and all(h in files for h in hrefs)  # the manifest names only files that are there
    qti_files = [r.find(f"{CP}file").get("href") for r in manifest.iter(f"{CP}resource")
                 if r.get("type") == "imsqti_xmlv1p2"]
    assert len(qti_files) == 1
    root = ET.fromstring(files[qti_files[0]])
    out = []
    for item in root.iter(f"{QTI}item"):
        meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") or ""
                for f in item.iter(f"{QTI}qtimetadatafield")}
        presentation = item.find(f"{QTI}presentation")
        conditions = list(item.iter(f"{QTI}respcondition"))
        q = {"id": item.get("ident"), "kind": KINDS[meta["question_type"]], "prompt": mattext(presentation),
             "fact_ids": meta["quizgen_fact_ids"].split(","), "points": float(meta["points_possible"])}
        lids = presentation.findall(f"{QTI}response_lid")
        if q["kind"] in ("choice", "truefalse"):
            [lid] = lids
            labels = lid.findall(f"{QTI}render_choice/{QTI}response_label")
            ids, texts = [lb.get("ident") for lb in labels], [mattext(lb) for lb in labels]
            assert len(set(ids)) == len(ids)
            correct = [c for c in conditions if c.findtext(f"{QTI}setvar") == "100"]
            assert len(correct) == 1  # exactly one key
            key = ids.index(correct[0].findtext(f"{QTI}conditionvar/{QTI}varequal"))
            if q["kind"] == "choice":
                q |= {"choices": texts, "key": key}
            else:
                assert texts == ["True", "False"]
                q["truth"] = key == 0
        elif q["kind"] == "text":
            [cond] = conditions
            assert cond.findtext(f"{QTI}setvar") == "100"
            q["answers"] = [v.text or "" for v in cond.iter(f"{QTI}varequal")]
        else:
            scores, pairs, used = 0.0, [], set()
            by_resp = {c.find(f"{QTI}conditionvar/{QTI}varequal").get("respident"): c for c in conditions}
            for lid in lids:
                labels = {lb.get("ident"): mattext(lb) for lb in lid.findall(f"{QTI}render_choice/{QTI}response_label")}
                cond = by_resp[lid.get("ident")]
                answer = labels[cond.findtext(f"{QTI}conditionvar/{QTI}varequal")]
                scores += float(cond.findtext(f"{QTI}setvar"))
                pairs.append((mattext(lid), answer))
                used.add(answer)
            assert abs(scores - 100) < 0.05
            q |= {"pairs": pairs, "extra": [t for t in labels.values() if t not in used]}
        out.append(q)
    return out


def check(quiz, data: bytes) -> list[dict]:
    parsed = parse_qti(data)
    want = expected_all(quiz)
    assert [q["id"] for q in parsed] == list(want)  # every item, in the version's order
    for q in parsed:
        w = dict(want[q["id"]])
        if w["kind"] == "numerical":  # Canvas gets numbers as fill-in-the-blank text
            w["kind"] = "text"
        assert {k: q[k] for k in w} == w, q["id"]
    return parsed


def test_default_recipe_qti_reads_back_every_item_with_its_key():
    quiz, recipe, packs = default_quiz()
    data = qti_bytes(quiz, context_for(quiz, recipe, packs))
    parsed = check(quiz, data)
    assert len(parsed) == 20
    by_id = {i.id: i for i in quiz.versions[0].items}
    assert all(q["fact_ids"] == by_id[q["id"]].fact_ids and q["points"] == by_id[q["id"]].points for q in parsed)
    assert data == qti_bytes(quiz, context_for(quiz, recipe, packs))  # same quiz, same bytes


def test_rivers_qti_reads_back():
    quiz, recipe, packs = rivers_quiz()
    check(quiz, qti_bytes(quiz, context_for(quiz, recipe, packs)))


def test_special_characters_survive():
    texts = [NASTY, "x ]]> y", "]]>", "<![CDATA[", "a -> b", "c*", "&amp;"]
    check(fuzz_quiz(texts), qti_bytes(fuzz_quiz(texts), fuzz_context()))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_qti(texts):
    quiz = fuzz_quiz(texts)
    check(quiz, qti_bytes(quiz, fuzz_context()))
