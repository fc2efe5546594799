"""Moodle XML: the question bank format Moodle reads most completely (`question/format/xml/format.php`).

What it holds, and why so (docs/exports.md says it for users):

* UTF-8 with the XML declaration first; every text in CDATA. A `]]>` inside a text would end the
  CDATA section, so it is split across two sections, which an XML parser joins back.
* Texts with a format (question text, choices, matching premises) are `format="html"` and
  HTML-escaped: fact text is plain text. Short-answer answers are plain strings in Moodle, written
  as they are except `*`, written `\\*` (a bare `*` is Moodle's wildcard). Matching responses are
  plain strings shown through `format_string()`, so they are HTML-escaped too (see gift.py).
* `<shuffleanswers>` is read per question (`import_multichoice`, `import_match`): multiple choice
  and ordering keep their printed order (`false`), matching is shuffled (`true`).
* `<idnumber>` is the item id; `<tags>` hold the topic, the facts' own tags and one `fact:<pack/id>`
  tag per fact, so fact ids survive in Moodle's question bank.
* Fractions are only 100 and 0: the importer refuses a grade outside
  `question_bank::fraction_options()` (the tests check every fraction against that list).
"""

from __future__ import annotations

import html

from .questions import Question, QuestionSet, by_category, wildcard_escape


def cdata(text: str) -> str:
    """Text as one or more CDATA sections (a `]]>` is split so it cannot close a section)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _escaped(text: str) -> str:
    """A plain text HTML-escaped (so `<` and `&` show as such), in CDATA."""
    return cdata(html.escape(text, quote=False))


def _text(text: str, fmt: str | None = None, tag: str = "text") -> str:
    """The element `<tag format="fmt"><text>...</text></tag>` (format only if given): the text in
    CDATA, an empty text as a bare `<text></text>`. (Answers, subquestion texts and question names
    keep their CDATA even when empty, so they are written by hand.)"""
    inner = f"<text>{cdata(text)}</text>" if text else "<text></text>"
    return f'<{tag} format="{fmt}">{inner}</{tag}>' if fmt else f"<{tag}>{inner}</{tag}>"


def _answer(right: bool, text: str, fmt: str = "moodle_auto_format", extra: str = "") -> str:
    """An answer worth 100% or 0%, its text (`<text>` content, already escaped), no feedback."""
    fraction, feedback = "100" if right else "0", _text("", "html", "feedback")
    return (f'    <answer fraction="{fraction}" format="{fmt}">'
            f"<text>{text}</text>{feedback}{extra}</answer>")


def _body(q: Question) -> tuple[str, list[str]]:
    """The Moodle qtype and its type-specific lines."""
    if q.kind == "choice":
        return "multichoice", [
            "    <single>true</single>",
            "    <shuffleanswers>false</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            *(_answer(i == q.key, _escaped(c), "html") for i, c in enumerate(q.choices)),
        ]
    if q.kind == "truefalse":
        return "truefalse", [_answer(q.truth, "true"), _answer(not q.truth, "false")]
    if q.kind == "numerical":
        return "numerical", [
            *(_answer(True, a, extra="<tolerance>0</tolerance>") for a in q.answers),
            "    <unitgradingtype>0</unitgradingtype>",
            "    <unitpenalty>0.1000000</unitpenalty>",
            "    <showunits>3</showunits>",
            "    <unitsleft>0</unitsleft>",
        ]
    if q.kind == "text":
        answers = (_answer(True, cdata(wildcard_escape(a))) for a in q.answers)
        return "shortanswer", ["    <usecase>0</usecase>", *answers]
    premises = [(f"<text>{_escaped(p)}</text>", r) for p, r in q.pairs]
    premises += [("<text></text>", r) for r in q.extra]  # an empty premise: an extra wrong choice
    return "match", [
        f"    <shuffleanswers>{'false' if q.ordered else 'true'}</shuffleanswers>",
        *(f'    <subquestion format="html">{p}'
          f"<answer><text>{_escaped(r)}</text></answer></subquestion>" for p, r in premises),
    ]


def question_xml(q: Question) -> str:
    qtype, lines = _body(q)
    tags = [*q.tags, *(f"fact:{f}" for f in q.fact_ids)]
    penalty = "1.0000000" if qtype == "truefalse" else "0.3333333"
    out = [
        f'  <question type="{qtype}">',
        f"    <name><text>{cdata(q.id)}</text></name>",
        "    " + _text(html.escape(q.prompt, quote=False), "html", "questiontext"),
        "    " + _text("", "html", "generalfeedback"),
        f"    <defaultgrade>{q.points}</defaultgrade>",
        f"    <penalty>{penalty}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{cdata(q.id)}</idnumber>",
        *lines,
        # Tags are never empty (`questions.question` drops empty ones), so each is in CDATA.
        "    <tags>" + "".join(_text(t, tag="tag") for t in tags) + "</tags>",
        "  </question>",
    ]
    return "\n".join(out)


def category_xml(path: str) -> str:
    return (
        '  <question type="category">\n'
        f"    {_text(path, tag='category')}\n"
        f"    {_text('', 'html', 'info')}\n"
        "  </question>"
    )


def moodle_xml_bytes(qset: QuestionSet) -> bytes:
    """A quiz version or a bank as a Moodle XML question file, categories from the set."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for path, group in by_category(qset):
        parts.append(category_xml(path))
        parts += [question_xml(q) for q in group]
    parts.append("</quiz>")
    return ("\n".join(parts) + "\n").encode("utf-8")
