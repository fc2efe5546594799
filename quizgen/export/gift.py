"""Moodle GIFT: one text file of questions, each named by its item id, its fact ids in a comment.

The rules follow what Moodle's importer does (`question/format/gift/format.php`), not just the GIFT
documentation page; docs/exports.md says what they mean for users:

* Escapes: the importer turns `\\\\` into a backslash and `\\:` `\\#` `\\=` `\\{` `\\}` `\\~` `\\n` into
  placeholders, restored as the characters and a newline at the end (`escapedchar_pre`/`_post`).
  So the backslash and those six characters are written with a backslash before them, and a
  newline as `\\n`.
* Question text, choices and matching premises are `[html]`, HTML-escaped. Short-answer answers
  are plain strings, not HTML-escaped. Matching responses are plain strings too, but Moodle shows
  them through `format_string()`, which decodes entities: so they are HTML-escaped as well.
* The importer reads an answer block with `=` and `->` (and no `~`) as matching, and a short
  answer holding one of its placeholders (`&&058;` ...) comes back as another character: such
  short answers are refused (premises and responses are HTML-escaped, so they hold neither).
* Short-answer answers are written `=%100%...` (a leading `%50%` is no weight), with `[moodle]`
  before one that starts with `[`, and `*` as `\\*` (`compare_string_with_wildcard`).
* `// [id:...]` and `// [tag:...]` comments give the ID number and tags
  (`extract_idnumber_and_tags_from_comment`); `$CATEGORY:` lines switch category.
* GIFT cannot say "shuffle the choices" (every question gets the site default,
  `get_config('quiz', 'shuffleanswers')`); the file's header comment says so.
"""

from __future__ import annotations

import html

from .questions import ExportRefused, Question, QuestionSet, by_category, wildcard_escape

#: GIFT's escapes: the backslash itself, the special characters, a newline as `\\n`.
ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", **{ch: "\\" + ch for ch in "~=#{}:"}})

#: Strings the importer uses as placeholders while parsing; they cannot appear in plain text.
PLACEHOLDERS = ("&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010", "&&092;")


def escape(text: str) -> str:
    """Plain text as GIFT text (`ESCAPES`, in one pass: no escape is escaped again)."""
    return text.translate(ESCAPES)


def shown_string(text: str) -> str:
    """A text Moodle stores without a format but shows through `format_string()` (matching
    responses): HTML-escaped so that it displays as itself, then GIFT-escaped."""
    return escape(html.escape(text, quote=False))


def rich(text: str) -> str:
    """A text Moodle stores with a format: HTML-escaped and GIFT-escaped, marked [html]."""
    return "[html]" + shown_string(text)


def _short_answer(text: str, q: Question) -> str:
    """A short answer as `=%100%...`, or refused where Moodle's importer would misread it."""
    placeholder = next((p for p in PLACEHOLDERS if p in text), None)
    if "->" in text:
        why = ("reads a short answer containing '->' as a matching question "
               "(use --format moodle-xml or qti)")
    elif placeholder:
        why = f"turns {placeholder!r} into another character (use --format moodle-xml)"
    else:
        body = escape(wildcard_escape(text))
        return "=%100%" + ("[moodle]" if body.startswith("[") else "") + body
    raise ExportRefused("--format gift", 1, 1, f"item {q.id}: GIFT cannot hold the answer "
                                               f"{text!r}: Moodle's importer {why}")


def _answers(q: Question) -> list[str]:
    if q.kind == "choice":
        return [("=" if i == q.key else "~") + rich(c) for i, c in enumerate(q.choices)]
    if q.kind == "truefalse":
        return ["TRUE" if q.truth else "FALSE"]
    if q.kind == "numerical":
        return ["#" + " ".join(f"={a}:0" for a in q.answers)]
    if q.kind == "text":
        return [_short_answer(a, q) for a in q.answers]
    # matching: the premise in HTML, then the response; distractors have an empty premise, which
    # Moodle keeps as an extra wrong choice.
    lines = [f"={rich(p)} -> {shown_string(r)}" for p, r in q.pairs]
    return lines + [f"=-> {shown_string(r)}" for r in q.extra]


def question_text(q: Question) -> str:
    """One question: comments (fact ids, ID number, tags), name, text and answer block."""
    tags = " ".join(f"[tag:{t}]" for t in q.tags)
    head = [
        f"// quizgen item {q.id}; facts: {', '.join(q.fact_ids)}",
        f"// [id:{q.id}] {tags}".rstrip(),
    ]
    answers = _answers(q)
    name = f"::{escape(q.id)}::{rich(q.prompt)}"
    if len(answers) == 1:
        return "\n".join([*head, f"{name}{{{answers[0]}}}"])
    return "\n".join([*head, name + "{", *(f"\t{a}" for a in answers), "}"])


def header(qset: QuestionSet) -> str:
    """The file's opening comment: what it holds, and the one setting GIFT cannot carry."""
    title = " ".join(qset.title.split())  # a comment is one line
    return "\n".join([
        (f"// {title} — {qset.label} (build {qset.stamp}): generated by quizgen from {qset.name}"
         f" (seed {qset.seed})"),
        "// GIFT cannot say \"shuffle the choices\": Moodle gives every question here the site's",
        "// default (Site administration > Plugins > Activity modules > Quiz > Shuffle within",
        "// questions; on unless changed). Where the order of choices must stay as written (the",
        "// printed key's letters, events to put in order), turn \"Shuffle the choices\" off in",
        f"// each question after importing, or import {qset.name}-moodle.xml instead: Moodle XML",
        "// carries the setting. See docs/exports.md.",
    ])  # fmt: skip


def gift_bytes(qset: QuestionSet) -> bytes:
    """A quiz version or a bank as a GIFT file, UTF-8, categories from the set."""
    blocks = [header(qset)]
    for path, group in by_category(qset):
        blocks.append(f"$CATEGORY: {path}")
        blocks += [question_text(q) for q in group]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
