"""GIFT export, read back by a reader that does what Moodle's importer does
(`question/format/gift/format.php`: `readquestions`, `readquestion`, `escapedchar_pre`/`_post`,
`parse_text_with_format`, `commentparser`, `answerweightparser`), not what the exporter meant:

* blank lines end a question; each line is trimmed; `//` lines are comments;
* `\\\\` and the escapes `\\: \\# \\= \\{ \\} \\~ \\n` become placeholders first, characters last;
* the answer block runs from the first `{` to the first `}`; its type is decided in Moodle's
  order: empty (essay), `#` first (numerical), any `~` (multiple choice), `=` and `->` (matching),
  T/TRUE/F/FALSE (true/false), else short answer;
* multiple choice: `=` becomes `~=`, answers split at `~`, weights `=` or `%n%`; matching: split at
  `=`, each at its first `->`; short answer: split at `=`, `%n%` weights; numerical `#a:tol`.

The texts are then read as Moodle shows them (`test_export_moodle_model`): `[html]` texts as HTML,
matching responses through `format_string()`, short answers with Moodle's wildcard rule.
"""

from __future__ import annotations

import re

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
    fuzz_quiz,
    fuzz_set,
    rivers_quiz,
    rivers_recipe,
    version_set,
)
from test_export_moodle_model import shortanswer_literal, shown_html, shown_string

from quizgen.export.questions import ExportRefused
from quizgen.export.gift import gift_bytes

ESCAPED = ["\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"]
PLACEHOLDERS = ["&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010"]
CHARACTERS = [":", "#", "=", "{", "}", "~", "\n"]
FORMATS = {"moodle": "moodle", "html": "html", "plain": "plain", "markdown": "markdown"}
WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def escapedchar_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for esc, ph in zip(ESCAPED, PLACEHOLDERS, strict=True):
        text = text.replace(esc, ph)
    return text.replace("&&092;", "\\")


def escapedchar_post(text: str) -> str:
    for ph, ch in zip(PLACEHOLDERS, CHARACTERS, strict=True):
        text = text.replace(ph, ch)
    return text


def with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    """`parse_text_with_format`: (format, text)."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end]
        if name in FORMATS:
            fmt, text = FORMATS[name], text[end + 1 :]
    return fmt, escapedchar_post(text).strip()


def weight(answer: str) -> tuple[float | None, str]:
    m = WEIGHT.match(answer)
    if not m:
        return None, answer
    answer = answer[1:]
    end = answer.index("%")
    return float(answer[:end]) / 100, answer[end + 1 :]


def shown(fmt_text: tuple[str, str]) -> str:
    fmt, text = fmt_text
    assert fmt == "html", f"quizgen writes every formatted text as [html], got {fmt}"
    return shown_html(text)


def read_question(lines: list[str]) -> dict | None:
    comments = [ln for ln in lines if ln.startswith("//")]
    body = "\n".join(" " if ln.startswith("//") else ln for ln in lines).strip()
    if not body:
        return None
    text = escapedchar_pre(body)
    if text.startswith("$CATEGORY:"):
        return {"category": text[10:].strip()}
    name = None
    if text.startswith("::"):
        text = text[2:]
        end = text.index("::")
        name, text = escapedchar_post(text[:end]), text[end + 2 :].strip()
    start, finish = text.index("{"), text.index("}")
    answertext = text[start + 1 : finish].strip()
    assert text.endswith("}"), "quizgen's answers follow the question text"
    q = {"name": name, "comments": comments, "prompt": shown(with_format(text[:start]))}
    if answertext.startswith("#"):
        answers = [a.strip() for a in answertext[1:].split("=") if a.strip()]
        q |= {"kind": "numerical", "answers": []}
        for a in answers:
            w, a = weight(a)
            value, _, tol = with_format(a.split("#", 1)[0])[1].partition(":")
            assert w in (None, 1.0) and float(tol or 0) == 0
            q["answers"].append(value.strip())
    elif "~" in answertext:
        parts = answertext.replace("=", "~=").split("~")
        if not parts[0].strip():
            parts = parts[1:]
        choices, fractions = [], []
        for a in (p.strip() for p in parts):
            if a.startswith("="):
                w, a = 1.0, a[1:]
            else:
                w, a = weight(a)
            choices.append(shown(with_format(a.split("#", 1)[0].strip(), "moodle")))
            fractions.append(w or 0.0)
        assert fractions.count(1.0) == 1 and fractions.count(0.0) == len(fractions) - 1
        q |= {"kind": "choice", "choices": choices, "key": fractions.index(1.0)}
    elif "=" in answertext and "->" in answertext:
        parts = answertext.split("=")
        if not parts[0].strip():
            parts = parts[1:]
        pairs, extra = [], []
        for a in (p.strip() for p in parts):
            left, right = a[: a.index("->")], a[a.index("->") + 2 :]
            response = shown_string(escapedchar_post(right).strip())
            fmt, premise = with_format(left.strip())
            if premise:
                pairs.append((shown((fmt, premise)), response))
            else:
                extra.append(response)
        q |= {"kind": "matching", "pairs": pairs, "extra": extra}
    elif answertext.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        q |= {"kind": "truefalse", "truth": answertext.split("#", 1)[0].strip() in ("T", "TRUE")}
    else:
        parts = answertext.split("=")
        if not parts[0].strip():
            parts = parts[1:]
        answers = []
        for a in (p.strip() for p in parts):
            w, a = weight(a)
            assert w in (None, 1.0), a
            answers.append(shortanswer_literal(with_format(a.split("#", 1)[0].strip())[1]))
        q |= {"kind": "text", "answers": answers}
    return q


def parse_gift(data: bytes) -> tuple[list[dict], list[str]]:
    """Questions (with the category they land in, and their ID number and tags) and the
    categories, in file order."""
    blocks, current = [], []
    for line in data.decode("utf-8").split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    questions, categories, category = [], [], None
    for block in blocks:
        q = read_question(block)
        if q is None:
            continue
        if set(q) == {"category"}:
            category = q["category"]
            categories.append(category)
            continue
        comment = "\n".join(q["comments"])
        ids = re.findall(r"\[id:((?:\\.|[^\]\\])*)\]", comment)
        q |= {"id": q["name"], "category": category, "idnumber": ids[0] if ids else None,
              "tags": re.findall(r"\[tag:((?:\\.|[^\]\\])*)\]", comment)}
        questions.append(q)
    return questions, categories


def check(data: bytes, want: dict[str, dict]) -> list[dict]:
    parsed, categories = parse_gift(data)
    assert sorted(q["id"] for q in parsed) == sorted(want)
    # One category line per category, each category's questions together.
    assert len(categories) == len(set(categories))
    category = {q["id"]: q["category"] for q in parsed}
    assert [q["id"] for q in parsed] == sorted(
        (q["id"] for q in parsed), key=lambda i: categories.index(category[i])
    )
    for q in parsed:
        w = want[q["id"]]
        assert {k: q[k] for k in w} == w, q["id"]
        assert q["idnumber"] == q["id"]
    return parsed


def test_rivers_gift_reads_back_every_item_with_its_key():
    quiz, recipe, packs = rivers_quiz()
    qset = version_set(quiz, recipe, packs)
    parsed = check(gift_bytes(qset), expected_all(quiz))
    assert {q["kind"] for q in parsed} >= {"choice", "truefalse", "text", "matching"}
    by_id = {i.id: i for i in quiz.versions[0].items}
    for q in parsed:
        assert any(", ".join(by_id[q["id"]].fact_ids) in c for c in q["comments"])
        top = f"$course$/top/{quiz.title} — version A (build {qset.stamp})"
        assert q["category"] in (f"{top}/Rivers", f"{top}/Explorers and dams")
        assert q["tags"]


def test_another_version_has_its_own_keys_and_category():
    quiz, recipe, packs = rivers_quiz()
    a, b = version_set(quiz, recipe, packs, "A"), version_set(quiz, recipe, packs, "B")
    parsed = check(gift_bytes(b), expected_all(quiz, "B"))
    assert all("version B" in q["category"] for q in parsed)
    assert a.stamp != b.stamp


def test_header_says_shuffling_cannot_be_carried_and_points_to_moodle_xml():
    quiz, recipe, packs = rivers_quiz()
    text = gift_bytes(version_set(quiz, recipe, packs)).decode()
    head = text.split("\n\n", 1)[0]
    assert all(line.startswith("//") for line in head.splitlines())
    assert "shuffle" in head.lower() and "rivers-A-moodle.xml" in head


def test_bank_reads_back_in_categories_by_topic_and_type():
    recipe, packs = rivers_recipe()
    qset, items = bank_of(recipe, packs)
    parsed = check(gift_bytes(qset), expected_items(items))
    assert {q["kind"] for q in parsed} == {"choice", "truefalse", "text", "numerical"}
    top = f"$course$/top/{qset.title} — question bank (build {qset.stamp})"
    titles = {"mc": "Multiple choice", "tf": "True or false", "fill": "Fill in the blank",
              "short": "Short answer"}
    for q in parsed:
        assert q["category"].startswith(top + "/")
        assert q["category"].endswith("/" + titles[q["id"].split("-", 1)[0]])


#: Moodle's importer placeholders (format.php, escapedchar_pre): ordinary text it would rewrite.
PLACEHOLDER_TEXT = ("&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010", "&&092;")


def placeholder(text: str) -> bool:
    return any(p in text for p in PLACEHOLDER_TEXT)


def _roundtrip(texts: list[str]) -> None:
    quiz = fuzz_quiz(texts)
    # Only short answers (fill: texts 2, 3; short: text 5) with '->' or one of the importer's
    # placeholders are refused; nothing else may be.
    short = [texts[2], texts[3], texts[5]]
    refusable = any("->" in t or placeholder(t) for t in short)
    try:
        data = gift_bytes(fuzz_set(texts))
    except ExportRefused as err:
        assert refusable, err
        assert any(f"item {i}:" in str(err) for i in ("fill-f-1959", "short-f-1959")), err
        return
    assert not refusable
    check(data, expected_all(quiz))


def test_hostile_text_survives():
    _roundtrip([NASTY, *HOSTILE])


def test_matching_responses_show_literally_through_format_string():
    texts = ["Match", "premise", "Kaluga &amp; &lt;", "<b>bold</b> & co", "x -> y", "v", "u"]
    parsed, _ = parse_gift(gift_bytes(fuzz_set(texts)))
    match = next(q for q in parsed if q["id"] == "match-f-1959")
    assert dict(match["pairs"])["premise"] == "Kaluga &amp; &lt;"
    assert match["extra"] == ["<b>bold</b> & co"]


def test_short_answer_with_arrow_is_refused_with_the_item_named():
    texts = ["a", "b", "x -> y", "c", "d", "e", "f"]
    with pytest.raises(ExportRefused, match=r"item fill-f-1959: .*'->'.*moodle-xml"):
        gift_bytes(fuzz_set(texts))


def test_importer_placeholder_in_short_answer_is_refused():
    texts = ["a", "b", "x &&058; y", "c", "d", "e", "f"]
    with pytest.raises(ExportRefused, match="fill-f-1959"):
        gift_bytes(fuzz_set(texts))


def test_fuzzed_bank_round_trips():
    texts = [NASTY, *HOSTILE]
    items = fuzz_bank_set(texts)
    check(gift_bytes(items), {q.id: expected_items([q.item])[q.id] for q in items.questions})


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_gift(texts):
    _roundtrip(texts)
