"""QTI 1.2 (Canvas) export, unzipped and read back with xml.etree, then taken through what Canvas's
import pipeline does with it (a model written from its code, cited in docs/exports.md):

* QTIMigrationTool (lib/imsqtiv1.py `CheckNMTOKEN`, lib/xmlutils.py `NMSTART_CHARS`) puts
  `RESPONSE_` before an identifier that does not start with a letter or `_`;
* Canvas's `AssociateInteraction#get_canvas_matches` takes the first run of digits of each choice
  ident as the match id, and `#ensure_correct_format` passes the pair's right side through
  `CGI.unescapeHTML` while the list of matches keeps the text as written;
* objectbanks become Canvas banks named by their `bank_title`.

Checked: the manifest names the files that are there, every item is present once with a scoped
ident and exactly one key, choice idents are their positions (so no digit of an item id reaches a
match id), fact ids are in the item metadata, and hostile text is unchanged.
"""

from __future__ import annotations

import html
import io
import re
import string
import xml.etree.ElementTree as ET
import zipfile

import pytest
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
    fuzz_items,
    fuzz_quiz,
    fuzz_set,
    rivers_quiz,
    rivers_recipe,
    version_set,
)

from quizgen.export.questions import ExportRefused, quiz_set
from quizgen.export.qti import qti_bytes
from quizgen.quiz.items import Quiz, Version
from quizgen.recipe import Paper

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
KINDS = {"multiple_choice_question": "choice", "true_false_question": "truefalse",
         "short_answer_question": "text", "matching_question": "matching"}
NMSTART = set(string.ascii_letters + "_")
_CGI_REFERENCE = re.compile(r"&(apos|amp|quot|gt|lt|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_NAMED = {"apos": "'", "amp": "&", "quot": '"', "gt": ">", "lt": "<"}


def cgi_unescape_html(text: str) -> str:
    """Ruby's CGI.unescapeHTML (the references it decodes, and only those)."""
    def one(m: re.Match) -> str:
        ref = m.group(1)
        if ref in _NAMED:
            return _NAMED[ref]
        digits, base = (ref[2:], 16) if ref[1] in "xX" else (ref[1:], 10)
        return chr(int(digits, base))

    return _CGI_REFERENCE.sub(one, text)


def migrated_ident(ident: str) -> str:
    """An identifier after QTIMigrationTool's CheckNMTOKEN."""
    return ident if ident[:1] in NMSTART else "RESPONSE_" + ident


def canvas_match_id(ident: str) -> int | None:
    """`get_canvas_matches`: the first run of digits of the (migrated) ident, else a random id."""
    m = re.search(r"(\d+)", migrated_ident(ident))
    return int(m.group(1)) if m else None


def mattext(parent: ET.Element) -> str:
    node = parent.find(f"{QTI}material/{QTI}mattext")
    value = node.text or ""
    return html.unescape(value) if node.get("texttype") == "text/html" else value


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


def parse_item(item: ET.Element) -> dict:
    meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") or ""
            for f in item.iter(f"{QTI}qtimetadatafield")}
    presentation = item.find(f"{QTI}presentation")
    conditions = list(item.iter(f"{QTI}respcondition"))
    q = {"ident": item.get("ident"), "id": item.get("title"), "kind": KINDS[meta["question_type"]],
         "prompt": mattext(presentation), "fact_ids": meta["quizgen_fact_ids"].split(","),
         "points": float(meta["points_possible"]), "choice_idents": []}
    lids = presentation.findall(f"{QTI}response_lid")
    if q["kind"] in ("choice", "truefalse"):
        [lid] = lids
        labels = lid.findall(f"{QTI}render_choice/{QTI}response_label")
        ids, texts = [lb.get("ident") for lb in labels], [mattext(lb) for lb in labels]
        q["choice_idents"] = ids
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
        # Canvas: matches from the first list (id from the ident's digits, text as written);
        # each premise's right side is its match's text through CGI.unescapeHTML.
        first = lids[0].findall(f"{QTI}render_choice/{QTI}response_label")
        matches = {lb.get("ident"): (canvas_match_id(lb.get("ident")), mattext(lb)) for lb in first}
        q["choice_idents"] = list(matches)
        match_ids = [m for m, _ in matches.values()]
        assert None not in match_ids and len(set(match_ids)) == len(match_ids), match_ids
        scores, pairs, used = 0.0, [], set()
        by_resp = {c.find(f"{QTI}conditionvar/{QTI}varequal").get("respident"): c for c in conditions}
        for lid in lids:
            labels = [lb.get("ident") for lb in lid.findall(f"{QTI}render_choice/{QTI}response_label")]
            assert labels == list(matches)  # every response offered in each list
            cond = by_resp[lid.get("ident")]
            match_id, shown = matches[cond.findtext(f"{QTI}conditionvar/{QTI}varequal")]
            right = cgi_unescape_html(shown)
            assert right == shown, "the pair's right side differs from the choice list"
            scores += float(cond.findtext(f"{QTI}setvar"))
            pairs.append((mattext(lid), right))
            used.add(match_id)
        assert abs(scores - 100) < 0.05
        q |= {"pairs": pairs, "extra": [t for m, t in matches.values() if m not in used],
              "match_ids": match_ids, "offered": [t for _, t in matches.values()]}
    return q


def parse_qti(data: bytes) -> dict:
    """{"assessments": [(ident, title, [questions])], "banks": [(ident, title, [questions])]}."""
    files = unzip(data)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert hrefs and all(h in files for h in hrefs)  # the manifest names only files that are there
    out: dict[str, list] = {"assessments": [], "banks": []}
    for res in manifest.iter(f"{CP}resource"):
        if res.get("type") != "imsqti_xmlv1p2":
            continue
        root = ET.fromstring(files[res.find(f"{CP}file").get("href")])
        for a in root.findall(f"{QTI}assessment"):
            out["assessments"].append((a.get("ident"), a.get("title"),
                                       [parse_item(i) for i in a.iter(f"{QTI}item")]))
        for b in root.findall(f"{QTI}objectbank"):
            meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
                    for f in b.findall(f"{QTI}qtimetadata/{QTI}qtimetadatafield")}
            out["banks"].append((b.get("ident"), meta["bank_title"],
                                 [parse_item(i) for i in b.iter(f"{QTI}item")]))
    return out


def questions_of(data: bytes) -> list[dict]:
    parsed = parse_qti(data)
    return [q for group in ("assessments", "banks") for _, _, qs in parsed[group] for q in qs]


def check(data: bytes, want: dict[str, dict], scope: str) -> list[dict]:
    parsed = questions_of(data)
    assert sorted(q["id"] for q in parsed) == sorted(want)
    for q in parsed:
        w = dict(want[q["id"]])
        if w["kind"] == "numerical":  # Canvas gets numbers as fill-in-the-blank text
            w["kind"] = "text"
        assert {k: q[k] for k in w} == w, q["id"]
        assert q["ident"] == f"{scope}--{q['id']}"
        # choice idents are the positions 1, 2, 3...: nothing of the item id is in them
        assert q["choice_idents"] == [str(n) for n in range(1, len(q["choice_idents"]) + 1)]
    return parsed


def test_rivers_qti_reads_back_every_item_with_its_key_in_order():
    quiz, recipe, packs = rivers_quiz()
    qset = version_set(quiz, recipe, packs)
    data = qti_bytes(qset)
    parsed = check(data, expected_all(quiz), "rivers-A")
    assert [q["id"] for q in parsed] == [i.id for i in quiz.versions[0].items]
    [(ident, title, _)] = parse_qti(data)["assessments"]
    assert ident == "quizgen-rivers-A" and title == f"{quiz.title} (version A)"
    by_id = {i.id: i for i in quiz.versions[0].items}
    assert all(q["fact_ids"] == by_id[q["id"]].fact_ids and q["points"] == by_id[q["id"]].points
               for q in parsed)
    assert data == qti_bytes(version_set(quiz, recipe, packs))  # same quiz, same bytes


def test_assessment_meta_turns_shuffling_off():
    quiz, recipe, packs = rivers_quiz()
    files = unzip(qti_bytes(version_set(quiz, recipe, packs)))
    meta = ET.fromstring(files["quizgen-rivers-A/assessment_meta.xml"])
    ns = "{http://canvas.instructure.com/xsd/cccv1p0}"
    assert meta.findtext(f"{ns}shuffle_answers") == "false"
    assert meta.findtext(f"{ns}available") == "false"


def test_bank_is_one_canvas_bank_per_topic_and_type():
    recipe, packs = rivers_recipe()
    qset, items = bank_of(recipe, packs)
    data = qti_bytes(qset)
    check(data, expected_items(items), "rivers-bank")
    parsed = parse_qti(data)
    assert not parsed["assessments"]
    titles = [t for _, t, _ in parsed["banks"]]
    assert len(titles) == len(set(titles)) >= 4
    for ident, title, qs in parsed["banks"]:
        types = {q["id"].split("-", 1)[0] for q in qs}
        assert len(types) == 1, title  # one item type per bank
        assert title.startswith(f"{qset.title} — question bank / ")
        assert ident.startswith("rivers-bank--")


def test_a_year_in_the_item_id_never_reaches_a_match_id():
    """The reported failure: `order-cuban-revolution-1959` matched every event to 1959."""
    texts = ["Put in order", "b", "Revolution", "Missile crisis", "Treaty", "Olympics", "Visit"]
    items = [i.model_copy(update={"id": "order-cuban-revolution-1959"}) if i.type.value == "ordering"
             else i for i in fuzz_items(texts)]
    quiz = Quiz(name="q", title="T", instructions="", seed=1, paper=Paper.a4, items=items,
                versions=[Version(letter="A", items=items)])
    from test_export_common import fuzz_context

    [order] = [q for q in questions_of(qti_bytes(quiz_set(quiz, fuzz_context(), "A")))
               if q["id"] == "order-cuban-revolution-1959"]
    # three events, three positions, three distinct match ids, none of them 1959; the positions
    # are offered in order, each under its own number
    assert sorted(r for _, r in order["pairs"]) == ["1", "2", "3"]
    assert order["match_ids"] == [1, 2, 3] and order["offered"] == ["1", "2", "3"]


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(order|match)-[a-z]{1,8}(-[0-9]{1,4}){1,3}", fullmatch=True))
def test_any_item_id_with_digits_gives_distinct_positional_match_ids(item_id):
    texts = ["Q", "premise", "r1", "r2", "r3", "r4", "r5"]
    items = [i.model_copy(update={"id": item_id}) if i.type.value in ("ordering", "matching")
             and item_id.startswith(i.type.value[:5]) else i for i in fuzz_items(texts)]
    quiz = Quiz(name="q", title="T", instructions="", seed=1, paper=Paper.a4, items=items,
                versions=[Version(letter="A", items=items)])
    from test_export_common import fuzz_context

    data = qti_bytes(quiz_set(quiz, fuzz_context(), "A"))
    for q in questions_of(data):
        assert q["choice_idents"] == [str(n) for n in range(1, len(q["choice_idents"]) + 1)]
        if q["id"] == item_id:
            # Canvas's match ids are the positions: whatever digits the id holds, none reach them
            assert sorted(q["match_ids"]) == list(range(1, len(q["match_ids"]) + 1))


def test_hostile_text_survives():
    texts = [NASTY, *HOSTILE]
    texts[2] = "Kaluga & <b>co</b>"  # a matching response: no character reference (see below)
    check(qti_bytes(fuzz_set(texts)), expected_all(fuzz_quiz(texts)), "fuzz-A")
    bank = fuzz_bank_set([NASTY, *HOSTILE])
    check(qti_bytes(bank), {q.id: expected_items([q.item])[q.id] for q in bank.questions}, "fuzz-bank")


def test_matching_response_canvas_would_unescape_is_refused_with_the_item_named():
    texts = ["Match", "premise", "Kaluga &amp; &lt;", "c", "d", "e", "f"]
    with pytest.raises(ExportRefused, match=r"item match-f-1959: Canvas cannot show"):
        qti_bytes(fuzz_set(texts))


def test_source_date_epoch_stamps_the_zip(monkeypatch):
    quiz, recipe, packs = rivers_quiz()
    qset = version_set(quiz, recipe, packs)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = qti_bytes(qset)
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    stamped = qti_bytes(qset)
    with zipfile.ZipFile(io.BytesIO(stamped)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert stamped == qti_bytes(qset) != plain


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_qti(texts):
    matching_responses = texts[2:5]
    try:
        data = qti_bytes(fuzz_set(texts))
    except ExportRefused as err:
        assert any(re.search(r"&(amp|quot|apos|gt|lt|#[0-9]+|#[xX][0-9A-Fa-f]+);", t)
                   for t in matching_responses), err
        return
    check(data, expected_all(fuzz_quiz(texts)), "fuzz-A")
