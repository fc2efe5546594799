"""The line reader for fact-file YAML (`quizgen.yamlfast`) against PyYAML, the reference.

Whatever the fast reader accepts, PyYAML must read to exactly the same values (same types, same key
order) with the same item locations; whatever PyYAML rejects, the fast reader must hand over
(`Unsupported`), never accept. Documents are generated from a grammar of fact-file YAML and then
damaged at random, so both sides of that line are explored.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizgen import yamlfast
from quizgen.yamlio import _Loader, parse_yaml, read_text

ROOT = Path(__file__).resolve().parent.parent


def same(a, b) -> bool:
    """Equal values of the same types, mappings in the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def reference(text: str):
    """PyYAML's value of `text` and the item marks of each top-level block list, or None if PyYAML
    refuses the text."""
    try:
        data = yaml.load(text, Loader=_Loader)
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    marks = {}
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(v, yaml.SequenceNode) and not v.flow_style and k.value not in marks:
                marks[k.value] = [(n.start_mark.line + 1, n.start_mark.column + 1) for n in v.value]
    return data, marks


def check(text: str) -> bool:
    """Assert the fast reader agrees with PyYAML on `text`; return whether it took the text."""
    try:
        data, marks = yamlfast.read(text)
    except yamlfast.Unsupported:
        return False
    ref = reference(text)
    assert ref is not None, f"accepted what PyYAML refuses:\n{text}"
    assert same(data, ref[0]), f"values differ:\n{text}\nfast: {data!r}\nPyYAML: {ref[0]!r}"
    for key, found in marks.items():
        assert found == ref[1].get(key), f"item marks of {key!r} differ:\n{text}"
    return True


# -- documents that must take the fast path ------------------------------------------------------

ACCEPTED = [
    ("topic: t\nfacts:\n  - id: a\n    text: Plain [[x]] text.\n", {"topic": "t", "facts": [{"id": "a", "text": "Plain [[x]] text."}]}),
    ("---\nfacts:\n- id: a\n  n: 12\n- id: b\n  n: -3\nafter: ok\n", {"facts": [{"id": "a", "n": 12}, {"id": "b", "n": -3}], "after": "ok"}),
    ("a: 'it''s'\nb: \"say: #1\"  # note\nc: x # note\n", {"a": "it's", "b": "say: #1", "c": "x"}),
    ("a: [1861, \"1898\", 'x y', Spanish–American War, yes, ~]\nb: []\n", {"a": [1861, "1898", "x y", "Spanish–American War", True, None], "b": []}),
    ("a: a long value\n  wrapped onto\n    three lines\nb:\n  starts below\n  and goes on\n", {"a": "a long value wrapped onto three lines", "b": "starts below and goes on"}),
    ("when: 2015-12-11\nyes: no\nnull: 1_000\nf: 3.5\nh: 0x1F\n", {"when": datetime.date(2015, 12, 11), True: False, None: 1000, "f": 3.5, "h": 31}),
    ("a:\nb:\n  c:\n  d: 1\n", {"a": None, "b": {"c": None, "d": 1}}),
    ("- one\n- two: 2\n  three: 3\n-   four\n", ["one", {"two": 2, "three": 3}, "four"]),
    ("# comment\n\na: b   \n  # inside\n\nc: C# and F#\n", {"a": "b", "c": "C# and F#"}),
]


@pytest.mark.parametrize("text,expected", ACCEPTED)
def test_fact_file_yaml_takes_the_fast_path(text, expected):
    data, _ = yamlfast.read(text)
    assert same(data, expected)
    assert check(text)


REFUSED = [
    "a: b: c\n",  # PyYAML: mapping values are not allowed here
    "a: b\n c: d\n",
    "a: [unclosed\n",
    "a: \"unclosed\n",
    "a: b\n  - c\n",
    "a:\n  - b\n c: d\n",
    "a: &anchor x\nb: *anchor\n",
    "a: !!str 1\n",
    "a: |\n  block\n",
    "a: >-\n  folded\n",
    "a: 1\na: 2\n",
    "a: b\n\n  c\n",  # a blank line inside a plain scalar keeps a line break: left to PyYAML
    "a: \"x\\ty\"\n",
    "a: {b: 1}\n",
    "? a\n: b\n",
    "a:\tb\n",
    "a: b\u2028c\n",
    "a: 1\n---\nb: 2\n",
    "%YAML 1.1\n---\na: 1\n",
    "  a: 1\n",
    "just a scalar\n",
    "",
    "a: x # note\n  more\n",
]


@pytest.mark.parametrize("text", REFUSED)
def test_other_yaml_is_left_to_pyyaml(text):
    with pytest.raises(yamlfast.Unsupported):
        yamlfast.read(text)


def test_every_shipped_fact_file_reads_the_same(tmp_path):
    files = sorted((ROOT / "facts").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    fast = sum(check(read_text(f)) for f in files)
    fact_files = [f for f in files if f.name != "pack.yaml" and "decks" not in f.parts]
    assert fast >= len(fact_files) > 0
    # ...and through the loader, the fast path gives the same Document data as PyYAML.
    for f in files:
        ref = reference(read_text(f))
        assert ref is not None and same(parse_yaml(str(f), read_text(f)).data, ref[0])


# -- generated documents -------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "yes", "No", "null", "~", "1924", "-5", "0x1F", "1_000", "3.14", ".inf", "2015-12-11", "2015-13-45",
    "1:30", "true", "on", "=", "<<", "a: b", "a #b", "a#b", "#x", "- x", "-x", "?x", ":x", "x:",
    "[a, b]", "[[x]] y", "{a}", "&a", "*a", "!x", "|", ">", "'q'", '"q"', "it's", 'say "hi"', "C#",
    "x ,y", "%x", "@x", "`x", "---", "...", "é", "a\tb", "\u2028", "\x85", "a  b", "a ", " a",
    "Spanish–American War", "[]", "[ ]", "[a,]", "['a', \"b\"]", "[a, [b]]", "\\n", "\ufeff", "0",
])
_PLAIN_WORDS = st.from_regex(r"[A-Za-z][a-z0-9]{0,6}( [a-z0-9.,'\[\]]{1,6}){0,3}", fullmatch=True)
_SCALAR = st.one_of(_PLAIN_WORDS, _PLAIN_WORDS, _WORDS, st.text(st.sampled_from(list("abAB01 :#-'\"[]{},?!&*|>%@`.~_\\é")), max_size=10))
_KEYS = st.one_of(st.sampled_from(["id", "text", "a", "b", "c", "d", "when", "tags", "_x", "k-1", "Key"]),
                  st.sampled_from(["yes", "null", "on", "No", "a b", "1", "-", "?", "&k", "a:b", "~"]))


def _render_scalar(draw, text: str) -> str:
    style = draw(st.sampled_from(["plain", "plain", "double", "single", "flow"]))
    if style == "double":
        return f'"{text}"'
    if style == "single":
        return f"'{text}'"
    if style == "flow":
        items = draw(st.lists(_SCALAR, max_size=3))
        return "[" + ", ".join(draw(st.sampled_from(["{}", '"{}"', "'{}'"])).format(i) for i in items) + "]"
    return text


@st.composite
def _block(draw, indent: int, depth: int, mapping: bool | None = None) -> list[str]:
    """Lines of a block mapping or list at `indent`."""
    pad = " " * indent
    lines: list[str] = []
    if mapping if mapping is not None else draw(st.booleans()):
        unique = draw(st.integers(0, 5)) > 0
        for key in draw(st.lists(_KEYS, min_size=1, max_size=4, unique=unique)):
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(f"{pad}{key}:")
                step = draw(st.sampled_from([0, 1, 2, 2, 4]))
                lines += draw(_block(indent + step, depth + 1))
            else:
                lines.append(f"{pad}{key}: {_render_scalar(draw, draw(_SCALAR))}")
    else:  # a list
        for _ in range(draw(st.integers(1, 3))):
            if depth < 3 and draw(st.booleans()):
                inner = draw(_block(indent + 2, depth + 1, mapping=draw(st.integers(0, 5)) > 0))
                first = inner[0][indent + 2:] if inner[0].startswith(" " * (indent + 2)) else inner[0].lstrip()
                lines.append(f"{pad}- {first}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {_render_scalar(draw, draw(_SCALAR))}")
    return lines


@st.composite
def documents(draw) -> str:
    lines = draw(_block(0, 0))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):  # damage: blank lines, comments, wrapped text, junk
        at = draw(st.integers(0, len(lines)))
        extra = draw(st.sampled_from(["", "# c", "  # c", "    wrapped text", "  more", "---", "  - x", "\tx", "x"]))
        lines.insert(at, extra)
    if lines and draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(st.sampled_from(["  ", " # c", ":", " x", "#"]))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fast_reader_agrees_with_pyyaml(text):
    event("fast path" if check(text) else "left to PyYAML")


_RECORD_KEYS = st.sampled_from(["id", "text", "ask", "when", "tags", "evidence", "difficulty"] * 3 + ["yes", "a b"])
_DAMAGE = st.sampled_from([
    "", "# c", "{pad}# c", "{pad}  wrapped on", "{pad}  - x", "{pad}x", "{dash}- x", "{dash}-  id: y",
    "{pad}note:", "{pad}  nested: 1", "{pad}id: again", "{dash}-", "x: top", "{pad}k: 'it''s'",
    '{pad}k: "a\\"b"', "{pad}k: a # c", "{pad}k: [a, b]", "{pad}k: \"x\" y", "{pad}k:  two  spaces",
])


@st.composite
def record_lists(draw) -> str:
    """A list of several records at a random indent (the bulk of a fact file, which the reader's
    record lane takes), with values in every style and damage between and inside records."""
    dash = " " * draw(st.sampled_from([0, 2, 4]))
    pad = dash + "  "
    lines = ["topic: t", "facts:"]
    for _ in range(draw(st.integers(1, 6))):
        unique = draw(st.integers(0, 5)) > 0  # now and then a repeated key: an error
        keys = draw(st.lists(_RECORD_KEYS, min_size=1, max_size=5, unique=unique))
        for n, key in enumerate(keys):
            odd = draw(st.integers(0, 9)) == 0  # mostly values a fact file holds, some of anything
            value = _render_scalar(draw, draw(_SCALAR)) if odd else draw(_GOOD_SCALAR)
            lines.append(f"{dash}- {key}: {value}" if n == 0 else f"{pad}{key}: {value}")
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        at = draw(st.integers(2, len(lines)))
        lines.insert(at, draw(_DAMAGE).format(pad=pad, dash=dash))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\ntags: [a]\n"]))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_lists())
def test_record_lists_agree_with_pyyaml(text):
    event("fast path" if check(text) else "left to PyYAML")


LANE = [  # a record lane's edges: what ends it, and what it must hand back
    "facts:\n  - id: a\n    text: goes\n      on here\n    ask: b\n",
    "facts:\n  - id: a\n    text: x\n\n    ask: b\n  - id: c\n",
    "facts:\n  - id: a\n    n: 5\n    m: '5'\n    k: \"5\"\n    d: 2015-12-11\n    t: yes\n",
    "facts:\n  - id: a\n    disputed:\n      note: n\n    when: '1910'\n  - id: b\n",
    "facts:\n  - id: a\n    cards: [qa]\n    x: y\nafter: 1\n",
    "facts:\n- id: a\n  b: c\n- id: d\ne: f\n",
    "facts:\n  - id: a\n    b: c\n  - d\n  - id: e\n",
    "facts:\n  - id: a\n    text: last\n      line goes on",
]


@pytest.mark.parametrize("text", LANE)
def test_record_lane_edges_agree_with_pyyaml(text):
    assert check(text)


@pytest.mark.parametrize("text", [
    "facts:\n  - id: a\n    b: 1\n    b: 2\n",  # a repeated key inside the lane
    "facts:\n  - id: a\n    b: x\n\n      c\n",  # a blank line inside a wrapped value
    "facts:\n  - id: a\n    b: x\n   c: y\n",  # a key at an indent no collection has
])
def test_record_lane_hands_odd_yaml_to_pyyaml(text):
    with pytest.raises(yamlfast.Unsupported):
        yamlfast.read(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab:- #'\"[]\n")), max_size=40))
def test_fast_reader_agrees_with_pyyaml_on_any_text(text):
    check(text)


_GOOD_KEYS = st.sampled_from(["id", "text", "ask", "when", "tags", "group", "k-1", "_x", "Key"])
_GOOD_SCALAR = st.one_of(
    _PLAIN_WORDS,
    _PLAIN_WORDS.map(lambda w: f'"{w}: #{w}"'),
    _PLAIN_WORDS.map(lambda w: "'" + w.replace("'", "''") + "'"),
    st.lists(st.from_regex(r"[A-Za-z][a-z0-9]{0,6}( [a-z0-9.']{1,6}){0,3}", fullmatch=True), max_size=3).map(lambda ws: "[" + ", ".join(ws) + "]"),
    st.sampled_from(["1924", "-5", "yes", "null", "2015-12-11", "3.5", "'1924'", "C#", "a#b"]),
)


@st.composite
def _clean_block(draw, indent: int, depth: int, mapping: bool) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if mapping:
        for key in draw(st.lists(_GOOD_KEYS, min_size=1, max_size=4, unique=True)):
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(f"{pad}{key}:")
                child = draw(st.booleans())
                step = draw(st.sampled_from([2, 4] if child else [0, 2, 4]))
                lines += draw(_clean_block(indent + step, depth + 1, child))
            else:
                value = draw(_GOOD_SCALAR)
                if value[0].isalpha() and draw(st.integers(0, 4)) == 0:  # wrapped onto a new line
                    value += "\n" + " " * (indent + draw(st.integers(1, 3))) + draw(_PLAIN_WORDS)
                lines.append(f"{pad}{key}: {value}")
    else:
        for _ in range(draw(st.integers(1, 3))):
            if depth < 3 and draw(st.booleans()):
                inner = draw(_clean_block(indent + 2, depth + 1, True))
                lines.append(f"{pad}- {inner[0][indent + 2:]}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {draw(_GOOD_SCALAR)}")
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.sampled_from(["", "# c", pad + "  # c"])))
    return lines


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(lambda m: _clean_block(0, 0, m)))
def test_fact_file_style_documents_all_take_the_fast_path(lines):
    text = "\n".join(lines) + "\n"
    assert check(text), f"left to PyYAML:\n{text}"


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30), st.data())
def test_a_piece_of_nfc_text_is_nfc(text, data):
    """What lets the loader skip normalising each string of a fact file whose text is NFC."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    c = data.draw(st.integers(b, len(text)))
    assert unicodedata.is_normalized("NFC", text[a:b])
    assert unicodedata.is_normalized("NFC", text[a:b] + " " + text[b:c])  # wrapped lines, joined


def test_decomposed_fact_file_is_normalised(tmp_path):
    import unicodedata

    from quizgen.loader import read_fact_file

    decomposed = "Le\u0301on Trotsky"  # e + combining acute
    path = tmp_path / "f.yaml"
    path.write_text(
        "topic: t\nfacts:\n  - id: a\n    text: The guest was [[" + decomposed + "]].\n"
        "    ask: Who was the guest?\n    answer_type: person\n"
        f"    evidence: \"{decomposed}\"\n", encoding="utf-8")
    assert yamlfast.read(path.read_text(encoding="utf-8"))  # the fast path reads it...
    facts, _, problems = read_fact_file(path, "f.yaml")
    assert not problems
    fact = facts[0][0]  # ...and the loader still normalises it
    assert fact.answer == unicodedata.normalize("NFC", decomposed) != decomposed
    assert fact.evidence == unicodedata.normalize("NFC", decomposed)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["False", "FALSE", "false", "falsey", "nulls", "NULL", "Off", "Yes!",
                                  "<<", "<<<", "=", "==", "~", "~x", "yes", "no way"]),
                 st.text(st.sampled_from(list("yYnNtTfFoOlLsSeEuUrR~<=!&* ")), min_size=1, max_size=8)))
def test_a_long_plain_scalar_is_text_without_trying_the_resolvers(text):
    """`resolve` returns text that starts with a letter and is longer than `_LONGEST_WORD`
    untried: no implicit resolver for that letter can match it."""
    if len(text) > yamlfast._LONGEST_WORD and text[0].isalpha():
        assert not any(r.match(text) for _, r in yamlfast._RESOLVERS.get(text[0], []))


def test_no_resolver_for_a_letter_matches_a_longer_word():
    """What `_LONGEST_WORD` stands on, for every resolver and letter (widths from the regex parser)."""
    from re import _parser

    assert None not in yamlfast._RESOLVERS  # no resolver applies whatever the first character
    letters = [first for first in yamlfast._RESOLVERS if first.isalpha()]
    assert letters
    for first in letters:
        for _, r in yamlfast._RESOLVERS[first]:
            assert _parser.parse(r.pattern, r.flags).getwidth()[1] <= yamlfast._LONGEST_WORD
