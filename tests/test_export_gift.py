"""GIFT export, read back by a GIFT reader written here from Moodle's documented grammar
(docs.moodle.org/en/GIFT_format, and what `question/format/gift/format.php` does), not from the
exporter: escapes `\\~ \\= \\# \\{ \\} \\: \\\\` and `\\n`; `::name::`; an optional `[html]`-style
format tag on texts; `{...}` answer blocks told apart as numerical (`#`), multiple choice (`~`),
true/false, matching (`=` and `->`) or short answer; `// [id:..]` and `// [tag:..]` comments.
"""

from __future__ import annotations

import html

import pytest
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

from quizgen.export import ExportRefused
from quizgen.export.gift import gift_bytes

# Unescaped special characters become private-use sentinels, escaped ones plain characters, so the
# structure is found on sentinels only.
SPECIAL = "~=#{}:"
SENTINEL = {c: chr(0xE000 + i) for i, c in enumerate(SPECIAL)}
BACK = {v: k for k, v in SENTINEL.items()}
FORMATS = ("[html]", "[moodle]", "[plain]", "[markdown]")


def scan(raw: str) -> str:
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw) and raw[i + 1] in SPECIAL + "\\":
            out.append(raw[i + 1])
            i += 2
        elif c == "\\" and i + 1 < len(raw) and raw[i + 1] == "n":
            out.append("\n")
            i += 2
        else:
            out.append(SENTINEL.get(c, c))
            i += 1
    return "".join(out)


def literal(text: str) -> str:
    """A scanned text back to plain characters (a stray unescaped special is kept as itself)."""
    return "".join(BACK.get(c, c) for c in text)


def formatted(text: str) -> str:
    """A text with an optional format tag; [html] text is HTML, read back to plain text."""
    text = text.strip()
    for tag in FORMATS:
        if text.startswith(tag):
            body = literal(text[len(tag):].strip())
            return html.unescape(body) if tag == "[html]" else body
    return literal(text)


def plain_answer(text: str) -> str:
    """A short answer: an optional format tag is dropped, then `\\*` is Moodle's literal star."""
    text = text.strip()
    for tag in FORMATS:
        if text.startswith(tag):
            text = text[len(tag):]
            break
    return literal(text.strip()).replace("\\*", "*")


def weight(text: str) -> tuple[str, str | None]:
    text = text.strip()
    if text.startswith("%") and "%" in text[1:]:
        end = text.index("%", 1)
        return text[end + 1 :], text[1:end]
    return text, None


def parse_answers(block: str) -> dict:
    eq, tilde, hash_ = SENTINEL["="], SENTINEL["~"], SENTINEL["#"]
    if block.startswith(hash_):
        answers = [a.strip() for a in block[1:].split(eq) if a.strip()]
        return {"kind": "numerical", "answers": [literal(a).split(":")[0] for a in answers]}
    if tilde in block:
        marked = block.replace(eq, tilde + eq)
        choices, key, marked_right = [], None, 0
        for part in [p.strip() for p in marked.split(tilde) if p.strip()]:
            if part.startswith(eq):
                key, marked_right = len(choices), marked_right + 1
                part = part[1:]
            choices.append(formatted(part))
        return {"kind": "choice", "choices": choices, "key": key, "marked_right": marked_right}
    if block.strip() in ("T", "TRUE", "F", "FALSE"):
        return {"kind": "truefalse", "truth": block.strip() in ("T", "TRUE")}
    parts = [p.strip() for p in block.split(eq) if p.strip()]
    if eq in block and "->" in block:
        pairs, extra = [], []
        for part in parts:
            left, right = part.split("->", 1)
            if left.strip():
                pairs.append((formatted(left), literal(right.strip())))
            else:
                extra.append(literal(right.strip()))
        return {"kind": "matching", "pairs": pairs, "extra": extra}
    answers = []
    for part in parts:
        text, w = weight(part)
        assert w in (None, "100"), part
        answers.append(plain_answer(text))
    return {"kind": "text", "answers": answers}


def parse_gift(data: bytes) -> tuple[list[dict], list[str]]:
    """Questions (with their category and comments) and the category lines, in file order."""
    text = data.decode("utf-8")
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    questions, categories, category = [], [], None
    for block in blocks:
        comments = [ln.strip()[2:] for ln in block if ln.strip().startswith("//")]
        body = "\n".join(ln for ln in block if not ln.strip().startswith("//")).strip()
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
            categories.append(category)
            continue
        s = scan(body)
        colon = SENTINEL[":"]
        assert s.startswith(colon * 2), body
        end = s.index(colon * 2, 2)
        name, s = literal(s[2:end]), s[end + 2 :]
        start, stop = s.index(SENTINEL["{"]), s.index(SENTINEL["}"])
        q = {"id": name, "prompt": formatted(s[:start] + s[stop + 1 :]), "category": category,
             **parse_answers(s[start + 1 : stop].strip())}
        joined = " ".join(comments)
        q["idnumber"] = joined.split("[id:", 1)[1].split("]", 1)[0] if "[id:" in joined else None
        q["tags"] = [t.split("]", 1)[0] for t in joined.split("[tag:")[1:]]
        q["comments"] = comments
        questions.append(q)
    return questions, categories


def check_against_json(quiz, data: bytes) -> list[dict]:
    parsed, categories = parse_gift(data)
    want = expected_all(quiz)  # in the version's order
    assert sorted(q["id"] for q in parsed) == sorted(want)
    # File order: one category line per category (in order of first use), each category's
    # questions together and in the version's order.
    assert len(categories) == len(set(categories))
    category = {q["id"]: q["category"] for q in parsed}
    assert [q["id"] for q in parsed] == sorted(want, key=lambda i: categories.index(category[i]))
    for q in parsed:
        w = want[q["id"]]
        got = {k: q[k] for k in w}
        if w["kind"] == "choice":
            assert q["marked_right"] == 1, q["id"]  # exactly one choice is marked right
        assert got == w, q["id"]
        assert q["idnumber"] == q["id"]
    return parsed


def test_default_recipe_gift_reads_back_every_item_with_its_key():
    quiz, recipe, packs = default_quiz()
    data = gift_bytes(quiz, context_for(quiz, recipe, packs))
    parsed = check_against_json(quiz, data)
    assert len(parsed) == len(quiz.items) == 20
    kinds = {q["kind"] for q in parsed}
    assert {"choice", "truefalse", "text", "numerical", "matching"} == kinds
    by_id = {i.id: i for i in quiz.versions[0].items}
    for q in parsed:
        # the fact ids in a comment; the topic as category and tag
        assert any(", ".join(by_id[q["id"]].fact_ids) in c for c in q["comments"])
        assert q["category"].startswith(f"$course$/top/{quiz.title}/")
        assert q["tags"]


def test_rivers_gift_reads_back():
    quiz, recipe, packs = rivers_quiz()
    check_against_json(quiz, gift_bytes(quiz, context_for(quiz, recipe, packs)))


def test_gift_of_another_version_has_that_versions_keys():
    quiz, recipe, packs = default_quiz()
    parsed, _ = parse_gift(gift_bytes(quiz, context_for(quiz, recipe, packs), "B"))
    want = expected_all(quiz, "B")
    assert all({k: q[k] for k in want[q["id"]]} == want[q["id"]] for q in parsed)


#: Moodle's importer placeholders (format.php, escapedchar_pre): ordinary text it would rewrite.
PLACEHOLDERS = ("&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010", "&&092;")


def placeholder(text: str) -> bool:
    return any(p in text for p in PLACEHOLDERS)


def _roundtrip(texts: list[str]) -> None:
    quiz = fuzz_quiz(texts)
    # Short answers (fill-f: texts 2, 3; short-f: text 5) with '->' or one of the importer's
    # placeholders, and matching responses (texts 2, 3, 4) with a placeholder, are
    # refused; nothing else may be.
    short = [texts[2], texts[3], texts[5]]
    refusable = any("->" in t or placeholder(t) for t in short) or any(
        placeholder(t) for t in texts[2:5]
    )
    try:
        data = gift_bytes(quiz, fuzz_context())
    except ExportRefused as err:
        assert refusable, err
        assert any(f"item {i}:" in str(err) for i in ("fill-f", "short-f", "match-f")), err
        return
    assert not refusable
    parsed, _ = parse_gift(data)
    want = expected_all(quiz)
    assert len(parsed) == len(want)
    for q in parsed:
        assert {k: q[k] for k in want[q["id"]]} == want[q["id"]], q["id"]


def test_text_full_of_special_characters_survives():
    _roundtrip([NASTY, NASTY + "1", "x -> y ]]> <&", "a=b", "%50% [html]c", "d*", "e#f"][:3]
               + ["a=b", "%50% [html]c", "[x] d*", "e#f"])


def test_matching_premise_with_arrow_is_exported_not_refused():
    texts = ["p -> q", "r->s", "x", "y -> z", "w", "v", "u"]
    _roundtrip(texts)


def test_short_answer_with_arrow_is_refused_with_the_item_named():
    texts = ["a", "b", "x -> y", "c", "d", "e", "f"]
    with pytest.raises(ExportRefused, match=r"item fill-f: .*'->'.*moodle-xml"):
        gift_bytes(fuzz_quiz(texts), fuzz_context())


def test_importer_placeholder_in_short_answer_is_refused():
    texts = ["a", "b", "x &&058; y", "c", "d", "e", "f"]
    with pytest.raises(ExportRefused, match="fill-f"):
        gift_bytes(fuzz_quiz(texts), fuzz_context())


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=7, max_size=7, unique=True))
def test_fuzzed_text_round_trips_through_gift(texts):
    _roundtrip(texts)
