"""Moodle XML: the question bank format Moodle reads most completely (`question/format/xml/format.php`).

What it holds, and why so:

* UTF-8 with the XML declaration first; every text in CDATA. A `]]>` inside a text would end the
  CDATA section, so it is split across two sections (`]]` + `]]><![CDATA[` + `>`), which an XML
  parser joins back.
* Texts with a format (question text, choices, matching premises) are `format="html"` and
  HTML-escaped: fact text is plain text, and `<` or `&` must show as themselves. Short-answer
  answers are plain strings in Moodle, so they are written as they are (the CDATA keeps them
  intact); a `*` in a short answer is written `\\*`, because Moodle's short-answer type reads a bare
  `*` as a wildcard. Matching responses are plain strings too, but Moodle shows them through
  `format_string()`, which decodes entities and strips tags: they are HTML-escaped (see gift.py).
* Shuffling: `<shuffleanswers>` is read per question (`import_multichoice`, `import_match`), so
  multiple choice keeps the printed order (`false`), an ordering item's positions stay 1, 2, 3...
  (`false`), and a matching item's responses are shuffled (`true`, nothing printed depends on it).
* `<idnumber>` is the item id; `<tags>` hold the topic, the facts' own tags and one `fact:<pack/id>`
  tag per fact, so fact ids survive in Moodle's question bank.
* Fractions: the importer checks each one against `question_bank::fraction_options()` (with the
  default "error" setting an unlisted grade stops the import), so only listed values are written;
  `ALLOWED_FRACTIONS` is that list and every fraction we emit is checked against it.
* Ordering items are matching questions (event -> position), decided in `questions.py`.
"""

from __future__ import annotations

import html

from .questions import Question, QuestionSet, by_category, wildcard_escape

#: Moodle's accepted grades in percent (question_bank::fraction_options_full); negatives are the same
#: values below zero, which quizgen never needs.
ALLOWED_FRACTIONS: tuple[str, ...] = (
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25",
    "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
)  # fmt: skip


def cdata(text: str) -> str:
    """Text as one or more CDATA sections (a `]]>` is split so it cannot close a section)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(text: str, fmt: str | None = None, tag: str = "text") -> str:
    """The element `<tag format="fmt"><text>...</text></tag>` (format only if given): the text in
    CDATA, an empty text as a bare `<text></text>`.

    Answers, subquestion texts and question names keep their CDATA even when empty, so they are
    written by hand."""
    inner = f"<text>{cdata(text)}</text>" if text else "<text></text>"
    return f'<{tag} format="{fmt}">{inner}</{tag}>' if fmt else f"<{tag}>{inner}</{tag}>"


def _html(text: str, tag: str) -> str:
    """A plain text as an element of format html, HTML-escaped so `<` and `&` show as such."""
    return _text(html.escape(text, quote=False), "html", tag)


def _fraction(value: str) -> str:
    if value not in ALLOWED_FRACTIONS:  # pragma: no cover - a bug guard
        raise ValueError(f"fraction {value} is not one Moodle accepts")
    return value


def _answer(fraction: str, body: str, fmt: str = "html", extra: str = "") -> str:
    empty = _text("", "html", "feedback")
    return (
        f'    <answer fraction="{_fraction(fraction)}" format="{fmt}">{body}{empty}{extra}</answer>'
    )


def _body(q: Question) -> tuple[str, list[str]]:
    """The Moodle qtype and its type-specific lines."""
    if q.kind == "choice":
        lines = [
            "    <single>true</single>",
            "    <shuffleanswers>false</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
        lines += [
            _answer(
                "100" if i == q.key else "0", f"<text>{cdata(html.escape(c, quote=False))}</text>"
            )
            for i, c in enumerate(q.choices)
        ]
        return "multichoice", lines
    if q.kind == "truefalse":
        return "truefalse", [
            _answer("100" if q.truth else "0", "<text>true</text>", "moodle_auto_format"),
            _answer("0" if q.truth else "100", "<text>false</text>", "moodle_auto_format"),
        ]
    if q.kind == "numerical":
        lines = [
            _answer("100", f"<text>{a}</text>", "moodle_auto_format", "<tolerance>0</tolerance>")
            for a in q.answers
        ]
        return "numerical", lines + [
            "    <unitgradingtype>0</unitgradingtype>",
            "    <unitpenalty>0.1000000</unitpenalty>",
            "    <showunits>3</showunits>",
            "    <unitsleft>0</unitsleft>",
        ]
    if q.kind == "text":
        lines = ["    <usecase>0</usecase>"]
        lines += [
            _answer("100", f"<text>{cdata(wildcard_escape(a))}</text>", "moodle_auto_format")
            for a in q.answers
        ]
        return "shortanswer", lines
    shuffle = "false" if q.ordered else "true"
    lines = [f"    <shuffleanswers>{shuffle}</shuffleanswers>"]
    for premise, response in q.pairs:
        lines.append(
            f'    <subquestion format="html"><text>{cdata(html.escape(premise, quote=False))}</text>'
            f"<answer><text>{cdata(html.escape(response, quote=False))}</text></answer></subquestion>"
        )
    for response in q.extra:  # an empty premise: an extra wrong choice
        lines.append(
            f'    <subquestion format="html"><text></text>'
            f"<answer><text>{cdata(html.escape(response, quote=False))}</text></answer></subquestion>"
        )
    return "match", lines


def question_xml(q: Question) -> str:
    qtype, lines = _body(q)
    tags = [*q.tags, *(f"fact:{f}" for f in q.fact_ids)]
    penalty = "1.0000000" if qtype == "truefalse" else "0.3333333"
    out = [
        f'  <question type="{qtype}">',
        f"    <name><text>{cdata(q.id)}</text></name>",
        "    " + _html(q.prompt, "questiontext"),
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
