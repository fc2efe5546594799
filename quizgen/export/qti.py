"""QTI 1.2 package for Canvas: a zip of `imsmanifest.xml`, the assessment XML and Canvas's
`assessment_meta.xml`, laid out as text2qti (and Canvas's own export) lays it out.

* Canvas reads `<item>` types from the `question_type` metadata field: `multiple_choice_question`,
  `true_false_question`, `short_answer_question` (Canvas calls it "fill in the blank"; numbers
  are short answers too, matched as text) and `matching_question` (one `response_lid` per premise,
  every response offered in each; distractors are responses no premise needs).
* Item `ident` is the item id, so a re-import updates the same question; choice idents are
  `<item id>-<n>`. Fact ids and the topic travel as extra `qtimetadatafield`s (`quizgen_fact_ids`,
  `quizgen_topic`), which Canvas keeps out of the student's view.
* The question text is HTML (`text/html`, fact text HTML-escaped); choices, premises and
  responses are `text/plain`, so `<` and `&` are plain characters (ElementTree escapes them for XML).
* Bytes are reproducible: fixed zip timestamps, fixed member order.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile

from ..quiz.items import Quiz, Version
from .questions import ExportContext, Question, pick_version, questions

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CANVAS_TYPES = {
    "choice": "multiple_choice_question",
    "truefalse": "true_false_question",
    "text": "short_answer_question",
    "numerical": "short_answer_question",
    "matching": "matching_question",
}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _mattext(parent: ET.Element, text: str, *, rich: bool) -> None:
    material = _sub(parent, "material")
    if rich:
        _sub(material, "mattext", html.escape(text, quote=False), texttype="text/html")
    else:
        _sub(material, "mattext", text, texttype="text/plain")


def _metadata(item: ET.Element, q: Question, choices: list[tuple[str, str]]) -> None:
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    fields = [
        ("question_type", CANVAS_TYPES[q.kind]),
        ("points_possible", f"{q.points:.1f}"),
        ("original_answer_ids", ",".join(ident for ident, _ in choices)),
        ("assessment_question_identifierref", f"{q.id}-ref"),
        ("quizgen_fact_ids", ",".join(q.fact_ids)),
        ("quizgen_topic", q.topic),
    ]
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _choices(q: Question) -> list[tuple[str, str]]:
    """The responses offered, as (ident, text): idents are `<item id>-<n>`, n counted from 1."""
    if q.kind == "choice":
        texts = list(q.choices)
    elif q.kind == "truefalse":
        texts = ["True", "False"]
    elif q.kind == "matching":
        texts = list(dict.fromkeys([r for _, r in q.pairs] + list(q.extra)))
    else:
        texts = []
    return [(f"{q.id}-{n}", text) for n, text in enumerate(texts, start=1)]


def _render_choices(lid: ET.Element, choices: list[tuple[str, str]]) -> None:
    """The responses offered in a `response_lid`, each a plain-text label."""
    render = _sub(lid, "render_choice")
    for ident, text in choices:
        _mattext(_sub(render, "response_label", ident=ident), text, rich=False)


def _condition(
    resprocessing: ET.Element, respident: str, value: str, score: str, action: str = "Set"
) -> None:
    cond = _sub(resprocessing, "respcondition", **({"continue": "No"} if action == "Set" else {}))
    _sub(_sub(cond, "conditionvar"), "varequal", value, respident=respident)
    _sub(cond, "setvar", score, action=action, varname="SCORE")


def item_element(q: Question) -> ET.Element:
    item = ET.Element("item", {"ident": q.id, "title": q.id})
    choices = _choices(q)  # once per item: the metadata and the responses name the same idents
    _metadata(item, q, choices)
    presentation = _sub(item, "presentation")
    _mattext(presentation, q.prompt, rich=True)
    processing = ET.Element("resprocessing")
    _sub(
        _sub(processing, "outcomes"),
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )
    if q.kind in ("choice", "truefalse"):
        lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        _render_choices(lid, choices)
        key = q.key if q.kind == "choice" else (0 if q.truth else 1)
        _condition(processing, "response1", choices[key][0], "100")
    elif q.kind in ("text", "numerical"):
        fib = _sub(
            _sub(presentation, "response_str", ident="response1", rcardinality="Single"),
            "render_fib",
        )
        _sub(fib, "response_label", ident="answer1", rshuffle="No")
        cond = _sub(processing, "respcondition", **{"continue": "No"})
        var = _sub(cond, "conditionvar")
        for answer in q.answers:
            _sub(var, "varequal", answer, respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:
        by_text = {text: ident for ident, text in choices}
        share = f"{100 / len(q.pairs):.2f}"
        for n, (premise, response) in enumerate(q.pairs, start=1):
            respident = f"response_{q.id}-p{n}"
            lid = _sub(presentation, "response_lid", ident=respident)
            _mattext(lid, premise, rich=False)
            _render_choices(lid, choices)
            _condition(processing, respident, by_text[response], share, action="Add")
    item.append(processing)
    return item


def assessment_xml(quiz: Quiz, context: ExportContext, version: Version, ident: str) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(root, "assessment", ident=ident, title=quiz.title)
    field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for q in questions(quiz, context, version):
        section.append(item_element(q))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def manifest_xml(ident: str, title: str) -> bytes:
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    root = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": ns})
    meta = _sub(root, "metadata")
    _sub(meta, "schema", "IMS Content")
    _sub(meta, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    res = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    _sub(res, "file", href=f"{ident}/{ident}.xml")
    _sub(res, "dependency", identifierref=f"{ident}-meta")
    meta_res = _sub(
        resources,
        "resource",
        identifier=f"{ident}-meta",
        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
        href=f"{ident}/assessment_meta.xml",
    )
    _sub(meta_res, "file", href=f"{ident}/assessment_meta.xml")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def assessment_meta_xml(quiz: Quiz, version: Version, ident: str) -> bytes:
    """Canvas's quiz settings (title, points, shuffling off so the printed key order holds)."""
    root = ET.Element(
        "quiz", {"identifier": ident, "xmlns": "http://canvas.instructure.com/xsd/cccv1p0"}
    )
    _sub(root, "title", quiz.title)
    _sub(root, "description", html.escape(quiz.instructions, quote=False))
    _sub(root, "shuffle_answers", "false")
    _sub(root, "scoring_policy", "keep_highest")
    _sub(root, "quiz_type", "assignment")
    _sub(root, "points_possible", f"{version.total_points:.1f}")
    _sub(root, "allowed_attempts", "1")
    _sub(root, "available", "false")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def assessment_ident(quiz: Quiz) -> str:
    return f"quizgen-{quiz.name}"


def qti_bytes(quiz: Quiz, context: ExportContext, version: Version | str | None = None) -> bytes:
    """The quiz (one version, by default the first) as a QTI 1.2 zip Canvas imports."""
    v = pick_version(quiz, version)
    ident = assessment_ident(quiz)
    members = [
        ("imsmanifest.xml", manifest_xml(ident, quiz.title)),
        (f"{ident}/{ident}.xml", assessment_xml(quiz, context, v, ident)),
        (f"{ident}/assessment_meta.xml", assessment_meta_xml(quiz, v, ident)),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()
