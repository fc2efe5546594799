"""QTI 1.2 package for Canvas: a zip of `imsmanifest.xml` and QTI files, as Canvas reads them.

Canvas imports a QTI .zip in two steps: Instructure's QTIMigrationTool turns QTI 1.2 into QTI 2.1,
then Canvas's `qti_exporter` plugin turns that into its own question data. What follows is what
that code does (docs/exports.md names the code and says what it means for users):

* Item types come from the `question_type` metadata field (`CANVAS_TYPES`; numbers are short
  answers too, matched as text); a matching item has one `response_lid` per premise, every
  response offered in each (distractors are responses no premise needs).
* Choice idents are plain integers, 1, 2, 3... within an item: for a matching item Canvas takes the
  first run of digits in each choice ident as the response's match id
  (`AssociateInteraction#get_canvas_matches`), so an ident must hold no other digits.
* Item idents become Canvas migration ids, which a re-import with "overwrite assessment content
  with matching IDs" updates in place. They are scoped by the file (`<set name>--<item id>`), so
  version A, version B and the bank are never taken for one another.
* The question text is HTML (fact text HTML-escaped); choices, premises and responses are
  `text/plain`, so `<` and `&` stay themselves. But Canvas keeps each matching response a second
  time through `CGI.unescapeHTML`: a response that unescaping would change is refused.
* A quiz version is an assessment with Canvas's `assessment_meta.xml` (title, points, shuffling
  off so the printed key order holds, one attempt, unpublished). A bank is one QTI `objectbank`
  per category (topic, item type) with a `bank_title`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from ..archive import zip_bytes
from .questions import ExportRefused, Question, QuestionSet

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CANVAS_TYPES = {
    "choice": "multiple_choice_question",
    "truefalse": "true_false_question",
    "text": "short_answer_question",
    "numerical": "short_answer_question",
    "matching": "matching_question",
}

#: What Ruby's `CGI.unescapeHTML` decodes (named: amp, quot, apos, gt, lt; numeric, decimal or hex).
CHARACTER_REFERENCE = re.compile(r"&(?:amp|quot|apos|gt|lt|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _mattext(parent: ET.Element, text: str, *, rich: bool) -> None:
    shown, kind = (html.escape(text, quote=False), "text/html") if rich else (text, "text/plain")
    _sub(_sub(parent, "material"), "mattext", shown, texttype=kind)


def _fields(parent: ET.Element, fields: dict[str, str]) -> None:
    """A `qtimetadata` element holding one `qtimetadatafield` (label, entry) per field."""
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def choices(q: Question) -> list[tuple[str, str]]:
    """The responses offered, as (ident, text): idents are "1", "2", ... in offer order (for an
    ordering item the positions themselves, in order)."""
    if q.kind == "choice":
        texts = list(q.choices)
    elif q.kind == "truefalse":
        texts = ["True", "False"]
    elif q.ordered:  # positions, offered 1, 2, 3...: each ident is then its own position
        texts = sorted({r for _, r in q.pairs}, key=int)
    elif q.kind == "matching":
        texts = list(dict.fromkeys([r for _, r in q.pairs] + list(q.extra)))
    else:
        texts = []
    return [(str(n), text) for n, text in enumerate(texts, start=1)]


def _render_choices(lid: ET.Element, offered: list[tuple[str, str]]) -> None:
    """The responses offered in a `response_lid`, each a plain-text label."""
    render = _sub(lid, "render_choice")
    for ident, text in offered:
        _mattext(_sub(render, "response_label", ident=ident), text, rich=False)


def _condition(resprocessing: ET.Element, respident: str, values: tuple[str, ...], score: str,
               action: str = "Set") -> None:
    """Score `score` (set, or added) when the response is any of `values`."""
    cond = _sub(resprocessing, "respcondition", **({"continue": "No"} if action == "Set" else {}))
    var = _sub(cond, "conditionvar")
    for value in values:
        _sub(var, "varequal", value, respident=respident)
    _sub(cond, "setvar", score, action=action, varname="SCORE")


def item_element(qset: QuestionSet, q: Question) -> ET.Element:
    ident = f"{qset.name}--{q.id}"  # Canvas's migration id: the item id, scoped by the file's set
    item = ET.Element("item", {"ident": ident, "title": q.id})
    offered = choices(q)  # once per item: the conditions name the same idents
    unescapable = q.kind == "matching" and next(
        (t for _, t in offered if CHARACTER_REFERENCE.search(t)), None)
    if unescapable:
        raise ExportRefused(
            "--format qti", 1, 1,
            f"item {q.id}: Canvas cannot show the matching answer {unescapable!r} as written: its "
            "importer keeps one copy as written and one with HTML character references "
            "decoded (use --format moodle-xml, or another seed)")
    _fields(_sub(item, "itemmetadata"), {
        "question_type": CANVAS_TYPES[q.kind],
        "points_possible": f"{q.points:.1f}",
        "assessment_question_identifierref": f"{ident}-aq",
        "quizgen_fact_ids": ",".join(q.fact_ids),
        "quizgen_topic": q.topic,
    })
    presentation = _sub(item, "presentation")
    _mattext(presentation, q.prompt, rich=True)
    processing = ET.Element("resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar",
         maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if q.kind in ("choice", "truefalse"):
        lid = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        _render_choices(lid, offered)
        key = q.key if q.kind == "choice" else (0 if q.truth else 1)
        _condition(processing, "response1", (offered[key][0],), "100")
    elif q.kind in ("text", "numerical"):
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _condition(processing, "response1", q.answers, "100")
    else:
        by_text = {text: ident for ident, text in offered}
        share = f"{100 / len(q.pairs):.2f}"
        for n, (premise, response) in enumerate(q.pairs, start=1):
            respident = f"response_p{n}"
            lid = _sub(presentation, "response_lid", ident=respident)
            _mattext(lid, premise, rich=False)
            _render_choices(lid, offered)
            _condition(processing, respident, (by_text[response],), share, action="Add")
    item.append(processing)
    return item


def assessment_title(qset: QuestionSet) -> str:
    return f"{qset.title} ({qset.label})"


def assessment_xml(qset: QuestionSet, ident: str) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(root, "assessment", ident=ident, title=assessment_title(qset))
    _fields(assessment, {"cc_maxattempts": "1"})
    section = _sub(assessment, "section", ident="root_section")
    for q in qset.questions:
        section.append(item_element(qset, q))
    return _xml(root)


def banks_xml(qset: QuestionSet) -> list[tuple[str, bytes]]:
    """(bank ident, QTI file) per category of a bank set, in order of first question. A bank's
    ident (its Canvas migration id) is the set, the topic id and the item type; its name (banks are
    a flat list in Canvas) is title, topic and item type."""
    groups: dict[str, list[Question]] = {}
    for q in qset.questions:
        groups.setdefault(f"{qset.name}--{q.topic_id}--{q.item.type.value}", []).append(q)
    out = []
    for ident, group in groups.items():
        root = ET.Element("questestinterop", {"xmlns": QTI_NS})
        bank = _sub(root, "objectbank", ident=ident)
        parts = [f"{qset.title} — {qset.label}", group[0].topic, group[0].section]
        _fields(bank, {"bank_title": " / ".join(" ".join(p.split()) for p in parts if p)})
        for q in group:
            bank.append(item_element(qset, q))
        out.append((ident, _xml(root)))
    return out


def manifest_xml(ident: str, qti_files: list[tuple[str, str]], meta: str | None) -> bytes:
    """The package manifest: one QTI resource per (identifier, file), and the assessment's
    Canvas settings file as a dependency when there is one."""
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    root = ET.Element("manifest", {"identifier": f"{ident}-manifest", "xmlns": ns})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for identifier, href in qti_files:
        res = _sub(resources, "resource", identifier=identifier, type="imsqti_xmlv1p2")
        _sub(res, "file", href=href)
        if meta:
            _sub(res, "dependency", identifierref=f"{identifier}-meta")
    if meta:
        (identifier, _), *_ = qti_files
        kind = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
        res = _sub(resources, "resource", identifier=f"{identifier}-meta", type=kind, href=meta)
        _sub(res, "file", href=meta)
    return _xml(root)


def assessment_meta_xml(qset: QuestionSet, ident: str) -> bytes:
    """Canvas's quiz settings (title, points, shuffling off so the printed key order holds)."""
    ns = "http://canvas.instructure.com/xsd/cccv1p0"
    root = ET.Element("quiz", {"identifier": ident, "xmlns": ns})
    _sub(root, "title", assessment_title(qset))
    _sub(root, "description", html.escape(qset.instructions, quote=False))
    _sub(root, "shuffle_answers", "false")
    _sub(root, "scoring_policy", "keep_highest")
    _sub(root, "quiz_type", "assignment")
    _sub(root, "points_possible", f"{sum(q.points for q in qset.questions):.1f}")
    _sub(root, "allowed_attempts", "1")
    _sub(root, "available", "false")
    return _xml(root)


def qti_bytes(qset: QuestionSet) -> bytes:
    """A quiz version (an assessment) or a bank (item banks) as a QTI 1.2 zip Canvas imports."""
    ident = f"quizgen-{qset.name}"
    if qset.bank:
        banks = banks_xml(qset)
        files = [(b, f"{b}/{b}.xml") for b, _ in banks]
        members = [("imsmanifest.xml", manifest_xml(ident, files, None))]
        members += [(href, data) for (_, href), (_, data) in zip(files, banks, strict=True)]
    else:
        href, meta = f"{ident}/{ident}.xml", f"{ident}/assessment_meta.xml"
        members = [
            ("imsmanifest.xml", manifest_xml(ident, [(ident, href)], meta)),
            (href, assessment_xml(qset, ident)),
            (meta, assessment_meta_xml(qset, ident)),
        ]
    return zip_bytes(members)
