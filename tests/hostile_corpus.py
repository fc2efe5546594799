"""The hostile-input corpus: bad packs, recipes, command lines and build states, made by code.

`cases()` returns every case: files to lay out on top of a working copy of the rivers fixture (a
pack in packs/rivers, a recipe in decks/rivers.yaml), the command to run, and the exit codes that
are right for it. `python tests/hostile_corpus.py` prints the count per kind. The test
(test_hostile_corpus.py) runs each one and asserts: the expected exit code, no traceback and no
internal error, every problem located as `path:line:col: message`, and a time limit.

Kinds: yaml (syntax), encoding, structure (shapes and types), field (each field's extremes), pack
(pack.yaml and source paths), recipe, cli (the command line), state (a corrupted build folder).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

#: What a case may write: text (UTF-8), bytes, a symlink target ("->target"), or None to delete.
Content = str | bytes | None


@dataclass
class Case:
    kind: str
    name: str
    files: dict[str, Content] = field(default_factory=dict)  # paths relative to the case folder
    argv: list[str] = field(default_factory=lambda: ["validate", "--facts", "packs", "rivers"])
    expect: tuple[int, ...] = (1,)
    located: bool = True  # exit 1 must print `path:line:col: message` lines
    links: dict[str, str] = field(default_factory=dict)  # path -> symlink target

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.name}"


FACTS = "packs/rivers/rivers.yaml"
PACK = "packs/rivers/pack.yaml"
RECIPE = "decks/rivers.yaml"
SOURCE = "packs/rivers/sources/rivers.md"

GOOD = (
    "  - id: hostile-one\n"
    "    text: The Nile is about [[6,650]] km long, they say.\n"
    "    ask: About how long is the Nile, they say?\n"
    "    answer_type: quantity\n"
    "    unit: km\n"
    '    evidence: "The Nile is about 6,650 km long"\n'
)
HEAD = "topic: rivers\nfacts:\n"


def fact_file(body: str) -> dict[str, Content]:
    """A second fact file in the pack holding `body` (the rivers files stay as they are)."""
    return {"packs/rivers/hostile.yaml": body}


def one_fact(**fields: object) -> dict[str, Content]:
    """A fact file with one fact: the good one with `fields` replaced (None drops a field)."""
    base = {"id": "hostile-one", "text": "The Nile is about [[6,650]] km long, they say.",
            "ask": "About how long is the Nile, they say?", "answer_type": "quantity", "unit": "km",
            "evidence": "The Nile is about 6,650 km long"}
    base.update(fields)
    lines = []
    for key, value in base.items():
        if value is None:
            continue
        text = value if isinstance(value, str) and value.startswith("!raw ") else json.dumps(value, ensure_ascii=False)
        lines.append(f"    {key}: {text.removeprefix('!raw ')}")
    lines[0] = "  - " + lines[0].lstrip()
    return fact_file(HEAD + "\n".join(lines) + "\n")


def yaml_cases() -> list[Case]:
    bodies = {
        "tab-indent": HEAD + GOOD.replace("    text", "\ttext"),
        "unclosed-quote": HEAD + GOOD.replace('"The Nile is about 6,650 km long"', '"The Nile is about'),
        "unclosed-flow": HEAD + GOOD + "    tags: [a, b\n",
        "bad-indent-deeper": HEAD + GOOD.replace("    ask:", "      ask:"),
        "bad-indent-shallower": HEAD + GOOD.replace("    ask:", "   ask:"),
        "missing-dash": HEAD + GOOD.replace("  - id:", "    id:"),
        "colon-in-text": HEAD + GOOD.replace("text: The Nile", "text: Note: The Nile"),
        "hash-in-flow": HEAD + GOOD + "    tags: [a #b]\n",
        "duplicate-key": HEAD + GOOD + "    text: The Nile is about [[6,650]] km, again.\n",
        "duplicate-top-key": "topic: rivers\ntopic: other\nfacts:\n" + GOOD,
        "two-documents": HEAD + GOOD + "---\n" + HEAD + GOOD,
        "document-end-only": "...\n",
        "empty": "",
        "only-comment": "# nothing here\n",
        "null-document": "~\n",
        "scalar-document": "just words\n",
        "list-document": "- a\n- b\n",
        "recursive-alias": HEAD + "  - &r {id: a, self: *r}\n",
        "alias-undefined": HEAD + "  - *nothing\n",
        "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
        "python-tag": HEAD + GOOD + "    tags: !!python/object/apply:os.system [id]\n",
        "bool-maybe": HEAD + GOOD + "    difficulty: !!bool maybe\n",
        "int-tag-text": HEAD + GOOD + "    difficulty: !!int abc\n",
        "float-tag": HEAD + GOOD + "    difficulty: !!float x\n",
        "binary-tag": HEAD + GOOD + "    tags: !!binary '%%%'\n",
        "unknown-tag": HEAD + GOOD + "    tags: !mine [a]\n",
        "set-tag": HEAD + GOOD + "    tags: !!set {a, b}\n",
        "timestamp-tag": HEAD + GOOD + "    when: !!timestamp 2001-13-45\n",
        "long-key": HEAD + GOOD + "    " + "k" * 1100 + ": 1\n",
        "deep-nesting": HEAD + GOOD + "    tags: " + "[" * 1200 + "]" * 1200 + "\n",
        "deep-block-nesting": HEAD + GOOD + "".join("    " + "  " * i + f"k{i}:\n" for i in range(200)),
        "directive": "%YAML 1.1\n%TAG ! tag:x,2000:\n---\n" + HEAD + GOOD,
        "bad-directive": "%YAML 9.9\n---\n" + HEAD + GOOD,
        "anchor-on-key": HEAD + "  - &k id: x\n",
        "complex-key": HEAD + "  - ? [a, b]\n    : c\n",
        "merge-key": HEAD + "  - <<: {id: merged}\n    text: x\n",
        "block-scalar-bad": HEAD + GOOD.replace("    ask: About how long is the Nile, they say?", "    ask: |\n  About\n"),
        "flow-map-unclosed": HEAD + "  - {id: a, text: b\n",
        "stray-bracket": HEAD + GOOD + "]\n",
        "control-char": HEAD + GOOD.replace("they say.", "they\x07say."),
        "big-flow-list": HEAD + GOOD + "    tags: [" + ", ".join(["t"] * 200_000) + "]\n",
        "huge-flow-list": HEAD + GOOD + "    tags: [" + ", ".join(["t"] * 1_000_000) + "]\n",  # 3 MB: was 148 s
        "many-aliases": HEAD + GOOD + "    x: &a t\n    tags: [" + ", ".join(["*a"] * 50_000) + "]\n",
        "key-without-value": HEAD + GOOD + "    also_accept\n",
        "value-after-list": HEAD + "  - id: a\n  b: c\n",
    }
    valid = {"directive", "big-flow-list", "huge-flow-list", "many-aliases"}  # well-formed: loading must just work
    out = [Case("yaml", name, fact_file(body), expect=(0, 1) if name in valid else (1,))
           for name, body in bodies.items()]
    # the same mistakes in pack.yaml and in a recipe
    for name in ("tab-indent", "unclosed-quote", "duplicate-key", "recursive-alias", "bool-maybe",
                 "python-tag", "deep-nesting", "long-key", "empty", "scalar-document"):
        broken = bodies[name].replace(HEAD, "").replace(GOOD, "id: rivers\ntitle: T\n")
        out.append(Case("yaml", f"pack-{name}", {PACK: broken or ""}))
        out.append(Case("yaml", f"recipe-{name}", {RECIPE: broken.replace("id: rivers\n", "packs: [rivers]\n")},
                        argv=["lint", RECIPE, "--facts", "packs"]))
    return out


def encoding_cases() -> list[Case]:
    text = HEAD + GOOD
    variants: dict[str, bytes] = {
        "utf16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf16-le-nobom": text.encode("utf-16-le"),
        "utf32": text.encode("utf-32"),
        "latin1": (HEAD + GOOD.replace("they say", "dit-on, déjà")).encode("latin-1"),
        "cp1252-quotes": (HEAD + GOOD.replace('"The Nile', '\u201cThe Nile').replace('long"', 'long\u201d')).encode("cp1252"),
        "invalid-utf8": text.encode() + b"\xc3\x28\n",
        "overlong-utf8": text.encode().replace(b"km long, they", b"km long\xc0\xaf they"),
        "lone-surrogate": text.encode().replace(b"they say.", b"they \xed\xa0\x80 say."),
        "nul-byte": text.encode().replace(b"they say.", b"they\x00say."),
        "nul-only": b"\x00" * 100,
        "random-binary": bytes(range(256)) * 8,
        "gzip-magic": b"\x1f\x8b\x08\x00" + b"\x00" * 50,
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr-only": text.replace("\n", "\r").encode(),
        "utf8-bom": b"\xef\xbb\xbf" + text.encode(),
        "double-bom": b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode(),
        "bom-midfile": text.encode().replace(b"facts:", b"\xef\xbb\xbffacts:"),
        "zero-width-in-id": text.replace("hostile-one", "hostile\u200b-one").encode(),
        "rtl-override": text.replace("they say", "they \u202esay").encode(),
        "line-separator": text.replace("they say.", "they\u2028say.").encode(),
        "nbsp-indent": text.replace("    ask", "\u00a0\u00a0\u00a0\u00a0ask").encode(),
        "fullwidth-colon": text.replace("ask:", "ask\uff1a").encode(),
        "emoji-text": text.replace("they say", "they say \U0001F30A").encode(),
        "combining-marks": text.replace("they say", "the\u0301\u0301\u0301y say").encode(),
        "no-final-newline": text.rstrip("\n").encode(),
    }
    fine = {"crlf", "cr-only", "utf8-bom", "double-bom", "emoji-text", "combining-marks", "no-final-newline", "rtl-override",
            "utf16-le-bom", "utf16-be-bom", "utf32"}
    out = []
    for name, data in variants.items():
        expect = (0, 1) if name in fine else (1,)
        out.append(Case("encoding", name, fact_file(data), expect=expect))
    for name in ("invalid-utf8", "nul-byte", "utf16-le-nobom", "latin1", "random-binary"):
        data = variants[name].replace(HEAD.encode(), b"").replace(GOOD.encode(), b"id: rivers\ntitle: T\n")
        out.append(Case("encoding", f"pack-{name}", {PACK: data}))
        out.append(Case("encoding", f"source-{name}", {SOURCE: variants[name]}, expect=(1,)))
        out.append(Case("encoding", f"recipe-{name}", {RECIPE: variants[name]}, argv=["lint", RECIPE, "--facts", "packs"]))
    return out


def structure_cases() -> list[Case]:
    bodies = {
        "facts-is-map": "topic: rivers\nfacts: {a: 1}\n",
        "facts-is-string": "topic: rivers\nfacts: many\n",
        "facts-empty-list": "topic: rivers\nfacts: []\n",
        "facts-missing": "topic: rivers\n",
        "fact-is-string": HEAD + "  - just a string\n",
        "fact-is-list": HEAD + "  - [a, b]\n",
        "fact-is-null": HEAD + "  - \n",
        "fact-is-number": HEAD + "  - 42\n",
        "top-is-list": "- " + GOOD.strip() + "\n",
        "unknown-top-key": HEAD.replace("facts:", "fax: 1\nfacts:") + GOOD,
        "topic-missing": "facts:\n" + GOOD,
        "topic-is-list": "topic: [a]\nfacts:\n" + GOOD,
        "topic-bad-id": "topic: Rivers And Seas\nfacts:\n" + GOOD,
        "tags-is-string": "topic: rivers\ntags: geology\nfacts:\n" + GOOD,
        "duplicate-id-in-file": HEAD + GOOD + GOOD,
        "duplicate-id-across-files": HEAD + GOOD.replace("hostile-one", "nile-length"),
        "thousand-facts-one-bad": HEAD + "".join(GOOD.replace("hostile-one", f"h-{i}") for i in range(1000))
                                  + GOOD.replace("hostile-one", "bad id"),
    }
    out = [Case("structure", n, fact_file(b)) for n, b in bodies.items()]
    for key in ("id", "text", "ask", "answer_type", "evidence"):
        out.append(Case("structure", f"missing-{key}", one_fact(**{key: None})))
    wrong_types = {
        "id": [1, ["a"], {"a": 1}, True, None, ""], "text": [1, ["a"], {"a": 1}, True, ""],
        "ask": [1, ["a"], {"a": 1}, ""], "answer_type": [1, "colour", ["year"], ""],
        "unit": [1, ["km"], ""], "group": [1, "Bad Group", ["g"]], "topic": [1, "Not An Id"],
        "tags": ["one", 1, [1, 2], [["x"]], ["Bad Tag"]], "evidence": [1, ["a"], {"a": 1}, ""],
        "source": [1, "nosuch", ["note"]], "difficulty": [0, 4, -1, "x", 1.5, True, 10**30],
        "weight": ["huge", 1, ["core"]], "idea": [1, "unknown-idea"], "also_accept": ["x", 1, [1], [""], {"a": 1}],
        "distractors": ["x", 1, [None], [""], {"a": 1}], "disputed": ["yes", 1, [], {"note": ""}, {"x": 1}],
        "cards": ["qa", ["nope"], 1, [1]], "event": [1, ["e"]], "when": [1909, "1909-13", "19", "1909-02-30", "abc", ["1909"]],
    }
    for key, values in wrong_types.items():
        for n, value in enumerate(values):
            # true for difficulty reads as 1 (YAML 1.1 booleans are ints to pydantic's lax mode)
            expect = (0, 1) if (key, value) == ("difficulty", True) else (1,)
            out.append(Case("structure", f"type-{key}-{n}", one_fact(**{key: value}), expect=expect))
    return out


def field_cases() -> list[Case]:
    q = "    answer_type: quantity\n"
    cases = {
        "no-answer-span": one_fact(text="The Nile is long."),
        "two-answer-spans": one_fact(text="The [[Nile]] is about [[6,650]] km long."),
        "nested-span": one_fact(text="The Nile is about [[6,[[650]]]] km long."),
        "empty-span": one_fact(text="The Nile is about [[]] km long."),
        "space-span": one_fact(text="The Nile is about [[  ]] km long."),
        "unclosed-span": one_fact(text="The Nile is about [[6,650 km long."),
        "span-only": one_fact(text="[[6,650]]"),
        "huge-answer": one_fact(text="The Nile is about [[" + "9" * 400 + "]] km long.", evidence="The Nile is about"),
        "many-decimals": one_fact(text="The Nile is about [[0." + "1" * 400 + "]] km long."),
        "huge-exponent": one_fact(text="The Nile is about [[1e999]] km long."),
        "negative-zero": one_fact(text="The Nile is about [[-0]] km long."),
        "nan-answer": one_fact(text="The Nile is about [[NaN]] km long."),
        "inf-answer": one_fact(text="The Nile is about [[inf]] km long."),
        "year-zero": one_fact(text="It happened in [[0]].", answer_type="year", unit=None),
        "year-negative": one_fact(text="It happened in [[-44]].", answer_type="year", unit=None),
        "year-five-digits": one_fact(text="It happened in [[12345]].", answer_type="year", unit=None),
        "date-feb-30": one_fact(text="It happened on [[February 30, 2015]].", answer_type="date", unit=None),
        "date-month-13": one_fact(text="It happened on [[2015-13-01]].", answer_type="date", unit=None),
        "date-garbage": one_fact(text="It happened on [[the day after]].", answer_type="date", unit=None),
        "period-reversed": one_fact(text="It lasted [[1920-1910]].", answer_type="period", unit=None),
        "period-garbage": one_fact(text="It lasted [[a while]].", answer_type="period", unit=None),
        "number-words": one_fact(text="The Nile is about [[many]] km long."),
        "id-uppercase": one_fact(id="Hostile-One"),
        "id-unicode": one_fact(id="hôstile"),
        "id-long": one_fact(id="h" * 300),
        "id-dots": one_fact(id="../../etc"),
        "id-spaces": one_fact(id="a b"),
        "evidence-missing-from-source": one_fact(evidence="The Nile is about 9,999 km long"),
        "evidence-without-answer": one_fact(evidence="The Nile is about"),
        "evidence-huge": one_fact(evidence="x " * 60_000),
        "evidence-regex-chars": one_fact(evidence="(.*)+[a-z]{1,}\\1 6,650"),
        "text-huge": one_fact(text="Long " * 50_000 + "[[6,650]]."),
        "ask-gives-answer": one_fact(ask="Is the Nile 6,650 km long?"),
        "also-accept-many": one_fact(also_accept=[f"a{i}" for i in range(20_000)]),
        "distractor-is-answer": one_fact(distractors=["6,650", "7,000"]),
        "distractors-many": one_fact(distractors=[str(i) for i in range(20_000)]),
        "unit-mismatch": one_fact(unit="miles"),
        "event-without-when": one_fact(event="The Nile is measured"),
        "when-without-event": one_fact(when="1909"),
        "disputed-empty-note": one_fact(disputed={"note": ""}),
        "html-in-text": one_fact(text="The <script>alert(1)</script> Nile is about [[6,650]] km long."),
        "anki-markup": one_fact(text="The Nile [sound:x.mp3] is about [[6,650]] km long. {{c1::x}}"),
        "jinja-in-text": one_fact(text="The Nile {{ 7*7 }} {% raw %} is about [[6,650]] km long."),
        "brackets-in-answer": one_fact(text="The Nile is about [[6,650 ]] ]] km long."),
    }
    out = []
    for name, files in cases.items():
        fine = name in ("html-in-text", "anki-markup", "jinja-in-text", "also-accept-many", "negative-zero",
                        "span-only", "text-huge", "unit-mismatch", "when-without-event")
        out.append(Case("field", name, files, expect=(0, 1) if fine else (1,)))
        if name in ("huge-answer", "many-decimals", "huge-exponent", "year-zero", "date-feb-30",
                    "period-reversed", "html-in-text", "anki-markup", "jinja-in-text", "distractors-many",
                    "also-accept-many", "text-huge", "evidence-huge"):
            out.append(Case("field", f"build-{name}", files, argv=["build", RECIPE, "--facts", "packs", "-o", "out"],
                            expect=(0, 1)))
    return out


def pack_cases() -> list[Case]:
    good = "id: rivers\ntitle: Rivers\nsources:\n  - id: note\n    title: N\n    authors: [A]\n    file: sources/rivers.md\n"
    bodies = {
        "no-sources": "id: rivers\ntitle: Rivers\n",
        "sources-empty": "id: rivers\ntitle: Rivers\nsources: []\n",
        "source-missing-file": good.replace("sources/rivers.md", "sources/nope.md"),
        "source-is-dir": good.replace("sources/rivers.md", "sources"),
        "source-absolute": good.replace("sources/rivers.md", "/etc/passwd"),
        "source-dotdot": good.replace("sources/rivers.md", "../../../../etc/passwd"),
        "source-nul": good.replace("sources/rivers.md", "sources/riv\\0ers.md").replace("file: ", 'file: "') + "",
        "source-5000": good.replace("sources/rivers.md", "s/" + "a" * 5000),
        "source-long-component": good.replace("sources/rivers.md", "sources/" + "b" * 300 + ".md"),
        "source-empty-name": good.replace("file: sources/rivers.md", 'file: ""'),
        "id-mismatch": good.replace("id: rivers\n", "id: other\n", 1),
        "id-bad": good.replace("id: rivers\n", "id: Bad Id\n", 1),
        "as-of-string": good + "as_of: soon\n",
        "as-of-huge": good + "as_of: 100000000000000000000\n",
        "aliases-not-list": good + "aliases: {a: b}\n",
        "aliases-single": good + "aliases: [[only]]\n",
        "topics-bad": good + "topics: [a, b]\n",
        "topics-unused": good + "topics: {nothing: Nothing}\n",
        "ideas-bad": good + "ideas: {a: b}\n",
        "ideas-missing-title": good + "ideas: [{id: a}]\n",
        "language-bad": good + "language: english!\n",
        "unknown-key": good + "sauces: []\n",
        "skip-sections-bad": good.replace("    file:", "    skip_sections: nope\n    file:"),
        "duplicate-source-id": good + "  - id: note\n    title: N\n    authors: [A]\n    file: sources/rivers.md\n",
        "authors-empty": good.replace("authors: [A]", "authors: []"),
        "aliases-100k": good + "aliases:\n" + "".join(f"  - [alias{i} a, alias{i} b]\n" for i in range(100_000)),
    }
    # a pack id other than its folder's name is allowed (the folder finds it, the id names it)
    fine = {"id-mismatch", "aliases-100k"}  # a pack id other than its folder's name is allowed
    out = [Case("pack", n, {PACK: b}, expect=(0, 1) if n in fine else (1,)) for n, b in bodies.items()]
    out.append(Case("pack", "aliases-100k-quiz", {PACK: bodies["aliases-100k"]},
                    argv=["quiz", RECIPE, "--facts", "packs", "-o", "out"], expect=(0,)))
    out += [
        Case("pack", "pack-yaml-missing", {PACK: None}),
        Case("pack", "pack-yaml-is-dir", {PACK: None, PACK + "/x": "y"}),
        Case("pack", "source-empty", {SOURCE: ""}),
        Case("pack", "source-huge-line", {SOURCE: "word " * 400_000}, expect=(1,)),
        Case("pack", "no-fact-files", {FACTS: None, "packs/rivers/explorers-and-dams.yaml": None}),
        Case("pack", "pack-unknown", argv=["validate", "--facts", "packs", "nosuch"]),
        Case("pack", "facts-dir-missing", argv=["validate", "--facts", "nowhere", "rivers"], expect=(1, 2)),
    ]
    out += [
        Case("pack", "fact-symlink-outside", {"outside.yaml": HEAD + GOOD},
             links={"packs/rivers/linked.yaml": "../../outside.yaml"}),
        Case("pack", "fact-symlink-proc", links={"packs/rivers/linked.yaml": "/proc/self/status"}),
        Case("pack", "pack-yaml-symlink-outside", {"outside-pack.yaml": good, PACK: None},
             links={PACK: "../../outside-pack.yaml"}),
        Case("pack", "source-symlink-outside", {"outside.md": "The Nile is about 6,650 km long.", SOURCE: None},
             links={SOURCE: "../../../outside.md"}, expect=(0, 1)),
        Case("pack", "symlink-loop", links={"packs/rivers/loop.yaml": "loop.yaml"}),
        Case("pack", "dangling-symlink", links={"packs/rivers/gone.yaml": "nowhere.yaml"}),
        Case("pack", "source-symlink-loop", {SOURCE: None}, links={SOURCE: "rivers.md"}),
    ]
    return out


RECIPE_OK = (
    "title: Great rivers\npacks: [rivers]\ndeck:\n  name: Great Rivers\n  deck_id: 1764201600101\n"
    "  model_id: 1764201600102\n  model_version: 1\nquiz:\n  title: Great rivers of the world\n"
    "  questions: 6\n  mix:\n    multiple_choice: 4\n    true_false: 2\n  seed: 7\n  versions: [A, B]\n"
)


def recipe_cases() -> list[Case]:
    edits = {
        "packs-unknown": ("packs: [rivers]", "packs: [nosuch]"),
        "packs-empty": ("packs: [rivers]", "packs: []"),
        "packs-string": ("packs: [rivers]", "packs: rivers"),
        "deck-id-string": ("deck_id: 1764201600101", "deck_id: abc"),
        "deck-id-huge": ("deck_id: 1764201600101", "deck_id: 999999999999999999999999"),
        "deck-id-negative": ("deck_id: 1764201600101", "deck_id: -5"),
        "model-id-zero": ("model_id: 1764201600102", "model_id: 0"),
        "model-version-string": ("model_version: 1", "model_version: abc"),
        "deck-name-empty": ("name: Great Rivers", "name: ''"),
        "deck-name-separator": ("name: Great Rivers", "name: 'a::::b'"),
        "questions-zero": ("questions: 6", "questions: 0"),
        "questions-501": ("questions: 6", "questions: 501"),
        "questions-string": ("questions: 6", "questions: many"),
        "mix-negative": ("multiple_choice: 4", "multiple_choice: -4"),
        "mix-trillion": ("multiple_choice: 4", "multiple_choice: 1000000000000"),
        "mix-unknown-type": ("true_false: 2", "essay: 2"),
        "mix-mismatch": ("questions: 6", "questions: 7"),
        "mix-zeros": ("multiple_choice: 4\n    true_false: 2", "multiple_choice: 0\n    true_false: 0"),
        "versions-lowercase": ("versions: [A, B]", "versions: [a, b]"),
        "versions-duplicate": ("versions: [A, B]", "versions: [A, A]"),
        "versions-empty": ("versions: [A, B]", "versions: []"),
        "versions-word": ("versions: [A, B]", "versions: [AB]"),
        "seed-string": ("seed: 7", "seed: abc"),
        "seed-huge": ("seed: 7", "seed: " + "9" * 400),
        "seed-float": ("seed: 7", "seed: 1.5"),
        "paper-bad": ("seed: 7", "seed: 7\n  paper: Napkin"),
        "options-two": ("seed: 7", "seed: 7\n  options: 2"),
        "templates-missing": ("seed: 7", "seed: 7\n  templates: nope"),
        "templates-absolute": ("seed: 7", "seed: 7\n  templates: /etc"),
        "points-negative": ("seed: 7", "seed: 7\n  points: {multiple_choice: -1}"),
        "unknown-top": ("title: Great rivers", "title: Great rivers\nflavour: salty"),
        "unknown-quiz-key": ("seed: 7", "seed: 7\n  colour: red"),
        "no-deck-no-quiz": (RECIPE_OK[RECIPE_OK.index("deck:"):], ""),
        "title-empty": ("title: Great rivers\n", "title: ''\n"),
        "select-bad": ("packs: [rivers]", "packs: [rivers]\nselect: {topics: nope}"),
        "select-unknown-topic": ("packs: [rivers]", "packs: [rivers]\nselect: {topics: [nosuch]}"),
        "select-weights-bad": ("packs: [rivers]", "packs: [rivers]\nselect: {weights: [huge]}"),
        "select-nothing": ("packs: [rivers]", "packs: [rivers]\nselect: {tags: [no-such-tag]}"),
    }
    # accepted as they are: a deck name Anki splits itself, any integer seed, templates that the
    # lint does not read (the build checks them), an absolute templates folder (rendered sandboxed)
    allowed = {"deck-name-separator", "seed-huge", "lint-templates-missing", "templates-absolute"}
    out = []
    for name, (old, new) in edits.items():
        body = RECIPE_OK.replace(old, new)
        assert body != RECIPE_OK or not old, name
        for command in ("lint", "build"):
            argv = [command, RECIPE, "--facts", "packs"] + (["-o", "out"] if command == "build" else [])
            ok = name in allowed or f"{command}-{name}" in allowed
            out.append(Case("recipe", f"{command}-{name}", {RECIPE: body}, argv=argv, expect=(0, 1) if ok else (1,)))
    return out


def cli_cases() -> list[Case]:
    r = [RECIPE, "--facts", "packs"]
    usage = {
        "unknown-command": ["frobnicate"],
        "unknown-option": ["validate", "--frob"],
        "seed-text": ["quiz", *r, "--seed", "abc", "-o", "out"],
        "questions-zero": ["quiz", *r, "--questions", "0", "-o", "out"],
        "questions-huge": ["quiz", *r, "--questions", "100000", "-o", "out"],
        "questions-negative": ["quiz", *r, "--questions", "-1", "-o", "out"],
        "versions-zero": ["quiz", *r, "--versions", "0", "-o", "out"],
        "versions-27": ["quiz", *r, "--versions", "27", "-o", "out"],
        "format-unknown": ["quiz", *r, "--format", "docx", "-o", "out"],
        "deck-format-unknown": ["deck", *r, "--format", "docx", "-o", "out/x.apkg"],
        "missing-argument": ["quiz"],
        "min-text": ["coverage", "--facts", "packs", "rivers", "--min", "lots"],
    }
    data = {
        "recipe-missing": ["quiz", "decks/nope.yaml", "--facts", "packs", "-o", "out"],
        "recipe-is-dir": ["quiz", "decks", "--facts", "packs", "-o", "out"],
        "recipe-is-fact-file": ["quiz", FACTS, "--facts", "packs", "-o", "out"],
        "output-is-file": ["build", *r, "-o", RECIPE],
        "deck-output-is-dir": ["deck", *r, "-o", "decks"],
        "templates-missing": ["quiz", *r, "--templates", "nowhere", "-o", "out"],
        "templates-is-file": ["quiz", *r, "--templates", RECIPE, "-o", "out"],
        "lint-missing-recipe": ["lint", "decks/nope.yaml", "--facts", "packs"],
        "facts-json-unknown": ["facts", "--facts", "packs", "nosuch", "--json"],
        "coverage-unknown": ["coverage", "--facts", "packs", "nosuch"],
        "new-existing": ["new", "rivers", "--facts", "packs"],
        "new-bad-name": ["new", "Bad Name!", "--facts", "packs"],
    }
    out = [Case("cli", n, argv=a, expect=(2,), located=False) for n, a in usage.items()]
    out += [Case("cli", n, argv=a, expect=(1, 2), located=False) for n, a in data.items()]
    fine = {
        "build-ok": ["build", *r, "-o", "out"],
        "quiz-ok": ["quiz", *r, "-o", "out"],
        "lint-ok": ["lint", *r],
        "facts-ok": ["facts", "--facts", "packs", "rivers", "--json"],
        "seed-negative": ["quiz", *r, "--seed", "-5", "-o", "out"],
        "seed-huge": ["quiz", *r, "--seed", "9" * 60, "-o", "out"],
        "schema-into-new-dir": ["schema", "-o", "no/such/dir/schema.json"],
    }
    out += [Case("cli", n, argv=a, expect=(0,), located=False) for n, a in fine.items()]
    return out


def state_cases() -> list[Case]:
    build = ["build", RECIPE, "--facts", "packs", "-o", "out"]
    state = "out/rivers.anki-state.json"
    manifest = "decks/manifests/rivers.notetype.json"
    bad_states: dict[str, Content] = {
        "state-garbage": "not json at all",
        "state-empty": "",
        "state-list": "[]",
        "state-mod-inf": '{"version": 1, "mod": 1e999, "notes": {}}',
        "state-mod-20-digits": '{"version": 1, "mod": 99999999999999999999, "notes": {}}',
        "state-nested-deep": "[" * 100_000 + "]" * 100_000,
        "state-binary": b"\x00\xff" * 500,
        "state-notes-string": '{"version": 1, "mod": 1, "notes": "x"}',
        "state-huge-number-key": '{"version": 99999999999999999999999}',
    }
    out = [Case("state", n, {state: c}, argv=build, expect=(0, 1), located=False) for n, c in bad_states.items()]
    out.append(Case("state", "state-is-dir", {state: None, state + "/x": "y"}, argv=build, expect=(1,), located=False))
    bad_manifests: dict[str, Content] = {
        "manifest-garbage": "{{{",
        "manifest-version-abc": '{"model_version": "abc"}',
        "manifest-version-null": '{"model_version": null}',
        "manifest-list": "[1, 2]",
        "manifest-nested": "[" * 50_000 + "]" * 50_000,
        "manifest-binary": b"\xff\xfe\x00",
    }
    out += [Case("state", n, {manifest: c}, argv=build, expect=(0, 1), located=False) for n, c in bad_manifests.items()]
    snapshot = "out/rivers.facts.json"
    for n, c in {"facts-snapshot-garbage": "oops", "facts-snapshot-deep": "{\"a\":" * 50_000 + "1" + "}" * 50_000,
                 "facts-snapshot-list": "[1]"}.items():
        out.append(Case("state", n, {snapshot: c}, argv=build, expect=(0, 1), located=False))
    out.append(Case("state", "apkg-is-dir", {"out/rivers.apkg/x": "y"}, argv=build, expect=(1,), located=False))
    return out


def cases() -> list[Case]:
    every = (yaml_cases() + encoding_cases() + structure_cases() + field_cases() + pack_cases()
             + recipe_cases() + cli_cases() + state_cases())
    ids = [c.id for c in every]
    assert len(ids) == len(set(ids)), "case names must be unique"
    return every


if __name__ == "__main__":
    from collections import Counter

    counts = Counter(c.kind for c in cases())
    print(", ".join(f"{k} {n}" for k, n in counts.items()), f"= {sum(counts.values())} cases")
