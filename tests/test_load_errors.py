"""Every kind of load error is reported as `file:line:col: message`, all at once, exit 1, no traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

SOURCE = textwrap.dedent(
    """\
    # A Short Guide

    Vesuvius buried the town of Pompeii in 79. Krakatoa, in Indonesia, erupted in 1883 with a roar
    heard far away. Etna, in Italy, is the tallest active volcano in Eu-
    rope.<sup>1</sup>

    <sup>1</sup> Measured in 2020.
    """
)
PACK = textwrap.dedent(
    """\
    id: volc
    title: Volcanoes
    sources:
      - title: A Short Guide
        authors: [Ada Example]
        file: sources/guide.md
    """
)
GOOD_FACT = (
    "  - id: pompeii-year\n"
    "    text: Vesuvius buried Pompeii in [[79]].\n"
    "    ask: In what year did Vesuvius bury Pompeii?\n"
    "    answer_type: year\n"
    '    evidence: "buried the town of Pompeii in 79"\n'
)


def write_pack(root: Path, facts: str, *, pack: str = PACK, name: str = "eruptions.yaml") -> Path:
    folder = root / "volc"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "guide.md").write_text(SOURCE, encoding="utf-8")
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    (folder / name).write_text(facts, encoding="utf-8")
    return folder


def validate(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(main, ["validate", folder.name])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stderr.splitlines()


def facts(body: str) -> str:
    return "topic: eruptions\nfacts:\n" + body


CASES = {
    "yaml-syntax": (
        facts(GOOD_FACT + "  - id: [unclosed\n"),
        ["volc/eruptions.yaml:8:9: YAML syntax: a value that starts with [ is read as a list or "
         "mapping, and this one is never closed: put the whole value in quotes: id: \"[unclosed\""],
    ),
    "unknown-key": (
        facts(GOOD_FACT + "    anwser: 79\n"),
        ["volc/eruptions.yaml:8:5: facts[0]: unknown key 'anwser'"],
    ),
    "wrong-type": (
        facts(GOOD_FACT + "    difficulty: hard\n"),
        ["volc/eruptions.yaml:8:17: facts[0].difficulty: Input should be a valid integer, "
         "unable to parse string as an integer"],
    ),
    "missing-field": (
        facts(GOOD_FACT.replace("    answer_type: year\n", "")),
        ["volc/eruptions.yaml:3:5: facts[0]: missing field 'answer_type'"],
    ),
    "no-answer-span": (
        facts(GOOD_FACT.replace("[[79]]", "79")),
        ["volc/eruptions.yaml:4:11: facts[0].text: no answer span: mark the answer once as [[answer]]"],
    ),
    "two-answer-spans": (
        facts(GOOD_FACT.replace("Vesuvius buried", "Vesuvius [[buried]]")),
        ["volc/eruptions.yaml:4:11: facts[0].text: 2 answer spans: mark exactly one [[answer]]"],
    ),
    "ask-not-a-question": (
        facts(GOOD_FACT.replace("bury Pompeii?", "bury Pompeii")),
        ["volc/eruptions.yaml:5:10: facts[0].ask: not a question: it must end with '?'"],
    ),
    "evidence-not-in-source": (
        facts(GOOD_FACT.replace("the town of Pompeii in 79", "the city of Pompeii in 79")),
        ['volc/eruptions.yaml:7:15: facts[0].evidence: quote not found in sources/guide.md: '
         '"buried the city of Pompeii in 79"; closest in the source: "buried the town of Pompeii '
         'in 79." (the source has "town" where the quote has "city")'],
    ),
    "key-indented-more": (
        facts(GOOD_FACT.replace("    ask:", "      ask:")),
        ["volc/eruptions.yaml:5:10: YAML syntax: 'ask:' is indented 6 spaces, 2 more than 'id:' on "
         "line 3: the keys of one item line up, so indent it 4 spaces"],
    ),
    "key-indented-less": (
        facts(GOOD_FACT.replace("    ask:", "   ask:")),
        ["volc/eruptions.yaml:5:4: YAML syntax: 'ask:' is indented 3 spaces, 1 fewer than 'id:' on "
         "line 3: the keys of one item line up, so indent it 4 spaces"],
    ),
    "key-at-list-level": (
        facts(GOOD_FACT.replace("    ask:", "  ask:")),
        ["volc/eruptions.yaml:5:3: YAML syntax: 'ask:' is at the level of the list's '- ' (line 3): a "
         "key of that item lines up under 'id:' (4 spaces); a new item starts with '- '"],
    ),
    "missing-dash": (
        facts(GOOD_FACT + GOOD_FACT.replace("  - id: pompeii-year", "  id: pompeii-again")),
        ["volc/eruptions.yaml:8:3: YAML syntax: 'id:' starts a new list item, which needs '- ' before "
         "it (as on line 3)"],
    ),
    "colon-in-text": (
        facts(GOOD_FACT.replace("text: Vesuvius buried", "text: Note: Vesuvius buried")),
        ['volc/eruptions.yaml:4:15: YAML syntax: the \': \' inside the value of \'text:\' reads as a '
         'new key: put the whole value in quotes: text: "Note: Vesuvius buried Pompeii in [[79]]."'],
    ),
    "unclosed-quote": (
        facts(GOOD_FACT.replace('"buried the town of Pompeii in 79"', '"buried the town of Pompeii in 79')),
        ['volc/eruptions.yaml:7:15: YAML syntax: the quote " opened here is never closed: end the value '
         'with " on this line, or remove the opening one'],
    ),
    "wrapped-line-too-little-indented": (
        facts(GOOD_FACT.replace("ask: In what year did Vesuvius bury Pompeii?",
                                "ask: In what year did\n  Vesuvius bury Pompeii?")),
        ["volc/eruptions.yaml:6:3: YAML syntax: this line has no 'key:': if it continues the value "
         "above, indent it more than 'ask:' on line 5; else write it as 'key: value'"],
    ),
    "comment-cuts-a-value": (
        facts(GOOD_FACT.replace("bury Pompeii?", "bury Pompeii #1?")),
        ["volc/eruptions.yaml:5:10: facts[0].ask: not a question: it must end with '?' (' #' starts a "
         "YAML comment, so the value ends at 'Vesuvius bury Pompeii': put the whole value in quotes)"],
    ),
    "comment-after-an-id-is-no-mistake": (
        facts(GOOD_FACT + "    group: eruption-years  # years of eruptions\n"),
        ["volc/eruptions.yaml:8:12: facts[0].group: 'eruption-years' has only this fact; a group pools "
         "like answers and needs at least two (or drop the group)"],
    ),
    "unknown-key-near-a-known-one": (
        facts(GOOD_FACT + "    distractor: [82, 83, 84]\n"),
        ["volc/eruptions.yaml:8:5: facts[0]: unknown key 'distractor'; did you mean 'distractors'?"],
    ),
    "duplicate-id": (
        facts(GOOD_FACT + GOOD_FACT),
        ["volc/eruptions.yaml:8:9: facts[1].id: duplicate fact id 'pompeii-year' "
         "(first used at volc/eruptions.yaml:3)"],
    ),
    "group-of-one": (
        facts(GOOD_FACT + "    group: eruption-years\n"),
        ["volc/eruptions.yaml:8:12: facts[0].group: 'eruption-years' has only this fact; a group "
         "pools like answers and needs at least two (or drop the group)"],
    ),
    "evidence-without-answer": (
        # the quote stops before the answer: it does not ground the fact
        facts(GOOD_FACT.replace('"buried the town of Pompeii in 79"', '"buried the town of Pompeii"')),
        ["volc/eruptions.yaml:7:15: facts[0].evidence: the quote holds neither the answer '79' nor "
         "an accepted form of it: quote the passage that states it (or add the form the source "
         "uses to also_accept)"],
    ),
    "ask-gives-answer-away": (
        facts(GOOD_FACT.replace("text: Vesuvius buried Pompeii in [[79]].",
                                "text: \"[[Vesuvius]] buried Pompeii in 79.\"")
              .replace("In what year did Vesuvius bury Pompeii?", "Which volcano, Vesuvius, buried Pompeii?")
              .replace("answer_type: year", "answer_type: place")
              .replace('"buried the town of Pompeii in 79"', '"Vesuvius buried the town of Pompeii"')),
        ["volc/eruptions.yaml:5:10: facts[0].ask: the question gives its answer away: vesuvius of the "
         "answer 'Vesuvius' stand in the question; ask without them"],
    ),
    "number-too-large": (
        facts(GOOD_FACT.replace("[[79]]", "[[" + "9" * 400 + "]]").replace("answer_type: year", "answer_type: number")
              + '    also_accept: ["79"]\n'),
        ["volc/eruptions.yaml:4:11: facts[0].text: answer '" + "9" * 40 + "...' is too large a number: "
         "at most 15 digits and 6 decimals"],
    ),
    "recursive-alias": (
        facts(GOOD_FACT + "  - &r {id: a, self: *r}\n"),
        ["volc/eruptions.yaml:8:5: YAML: this value contains itself through an alias (a recursive alias): refused"],
    ),
    "tagged-value-that-is-none": (
        facts(GOOD_FACT + "    difficulty: !!bool maybe\n"),
        ["volc/eruptions.yaml:8:17: YAML: invalid value: 'maybe'"],  # at the value (was 1:1)
    ),
    "empty-answer-span": (
        facts(GOOD_FACT.replace("[[79]]", "[[ ]] 79")),
        ["volc/eruptions.yaml:4:11: facts[0].text: empty answer span: put the answer between [[ and ]]"],
    ),
    "impossible-date": (
        facts(GOOD_FACT.replace("[[79]]", "[[February 30, 2015]]").replace("answer_type: year", "answer_type: date")
              + '    also_accept: ["79"]\n'),
        ["volc/eruptions.yaml:4:11: facts[0].text: answer 'February 30, 2015' is no day of the calendar"],
    ),
    "year-zero": (
        facts(GOOD_FACT.replace("[[79]]", "[[0]] (79)") + '    also_accept: ["79"]\n'),
        ["volc/eruptions.yaml:4:11: facts[0].text: there is no year 0 (1 BC is followed by AD 1)"],
    ),
    "period-backwards": (
        facts(GOOD_FACT.replace("[[79]]", "[[1917–1910]] (79)").replace("answer_type: year", "answer_type: period")
              + '    also_accept: ["79"]\n'),
        ["volc/eruptions.yaml:4:11: facts[0].text: period '1917–1910' ends before it starts"],
    ),
    "blank-marks-in-text": (  # a cloze card and a fill-in item would show a second blank
        facts(GOOD_FACT.replace("Vesuvius buried Pompeii in [[79]].", "Vesuvius [...] buried _____ Pompeii in [[79]].")),
        ["volc/eruptions.yaml:4:11: facts[0].text: '[...]' marks the blank of a card or quiz item, so a second "
         "one would show: write the words (or an ellipsis, …) instead",
         "volc/eruptions.yaml:4:11: facts[0].text: '_____' marks the blank of a card or quiz item, so a second "
         "one would show: write the words (or an ellipsis, …) instead"],
    ),
    "answer-not-of-its-type": (
        facts(GOOD_FACT.replace("[[79]]", "[[AD 79]]") + '    also_accept: ["79"]\n'),
        ["volc/eruptions.yaml:4:11: facts[0].text: answer 'AD 79' is not a year in digits, "
         "e.g. 1890 (answer_type year)"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_load_error_is_located(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body, expected = CASES[case]
    folder = write_pack(tmp_path, body)
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} problem{'s' * (len(expected) != 1)} found"


def test_missing_source_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT), pack=PACK.replace("guide.md", "gone.md"))
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0] == "volc/pack.yaml:6:11: sources[0].file: source file not found: sources/gone.md"


def test_duplicate_id_across_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT))
    (folder / "more.yaml").write_text(facts(GOOD_FACT), encoding="utf-8")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    # files are read in name order: eruptions.yaml, then more.yaml
    assert lines[0] == ("volc/more.yaml:3:9: facts[0].id: duplicate fact id 'pompeii-year' "
                        "(first used at volc/eruptions.yaml:3)")


def test_every_problem_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = GOOD_FACT.replace("bury Pompeii?", "bury Pompeii") + GOOD_FACT.replace(
        "pompeii-year", "second").replace("the town of", "a town of")
    folder = write_pack(tmp_path, facts(broken))
    (folder / "bad.yaml").write_text("facts: [\n", encoding="utf-8")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert [ln.split(":")[0] for ln in lines[:-1]] == [
        "volc/bad.yaml", "volc/eruptions.yaml", "volc/eruptions.yaml"]
    assert lines[-1] == "3 problems found"


def test_evidence_matching_folds_print_artefacts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # hyphenation across a line break, a footnote marker, a line break inside the quote
    body = GOOD_FACT + textwrap.indent(textwrap.dedent(
        """\
          - id: etna-tallest
            text: "[[Etna]] is the tallest active volcano in Europe."
            ask: Which is the tallest active volcano in Europe?
            answer_type: place
            evidence: "Etna, in Italy, is the tallest active volcano in Europe."
          - id: krakatoa-year
            text: Krakatoa erupted in [[1883]].
            ask: In what year did Krakatoa erupt?
            answer_type: year
            evidence: "Krakatoa, in Indonesia, erupted in 1883 with a roar heard far away"
          - id: etna-measured
            text: Etna's height was measured in [[2020]].
            ask: In what year was Etna's height measured?
            answer_type: year
            evidence: "Measured in 2020"
        """
    ), "  ")
    folder = write_pack(tmp_path, facts(body))
    code, lines = validate(folder, monkeypatch)
    assert (code, lines) == (0, [])


def test_unquoted_span_at_start_gets_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT.replace("Vesuvius buried", "[[Vesuvius]] buried")))
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0].startswith("volc/eruptions.yaml:4:")
    assert lines[0] == ('volc/eruptions.yaml:4:24: YAML syntax: a value that starts with [ is read as '
                        'a list or mapping: put the whole value in quotes: '
                        'text: "[[Vesuvius]] buried Pompeii in [[79]]."')


def test_valid_pack_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path, facts(GOOD_FACT))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "volc"])
    assert result.exit_code == 0
    assert result.output == "volc: 1 facts in 1 topics (0 disputed), every evidence quote found in its source\n"


def test_pattern_errors_say_what_is_expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = GOOD_FACT + "    tags: [Big_One]\n    event: Vesuvius buries Pompeii\n    when: 79 AD\n"
    folder = write_pack(tmp_path, facts(body), pack=PACK.replace("title: Volcanoes", "title: Volcanoes\nlanguage: English"))
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[:-1] == [
        "volc/eruptions.yaml:8:12: facts[0].tags[0]: must be lower-case letters, digits and hyphens (e.g. 'my-fact-1')",
        "volc/eruptions.yaml:10:11: facts[0].when: must be a date written YYYY, YYYY-MM or YYYY-MM-DD, "
        "in quotes (e.g. '1924' or '2015-12-11')",
        "volc/pack.yaml:3:11: language: must be a language code such as en or pt-BR",
    ]


def test_broken_file_does_not_make_a_false_group_of_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    member = GOOD_FACT + "    group: eruption-years\n"
    folder = write_pack(tmp_path, facts(member))
    other = member.replace("pompeii-year", "other-year").replace("text: Vesuvius", "text: \"[[x]]\" Vesuvius")
    (folder / "more.yaml").write_text(facts(other.replace('text: "[[x]]" Vesuvius', "text: [[Vesuvius]]")),
                                      encoding="utf-8")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert len(lines) == 2 and "YAML syntax" in lines[0] and lines[0].startswith("volc/more.yaml:")


@pytest.mark.parametrize("file, message", [
    ('"sources/a\\0b.md"', "sources[0].file: cannot use this path: embedded null byte"),
    ('"' + "a" * 5000 + '"', "sources[0].file: source file not found: " + "a" * 5000),
    ('"sources/' + "b" * 300 + '.md"', "sources[0].file: source file not found: sources/" + "b" * 300 + ".md"),
    ("sources/loop1", "sources[0].file: cannot use this path: Symlink loop from"),
])
def test_unusable_source_paths_are_located(file: str, message: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A source path with a NUL byte, too long a name or a symlink loop is a located problem."""
    folder = write_pack(tmp_path, facts(GOOD_FACT), pack=PACK.replace("file: sources/guide.md", f"file: {file}"))
    (folder / "sources" / "loop1").symlink_to("loop2")
    (folder / "sources" / "loop2").symlink_to("loop1")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0].startswith("volc/pack.yaml:6:11: " + message), lines[0][:200]


def test_nearest_passage_searches_are_bounded() -> None:
    """A pack checked against the wrong source would search for every quote: 50 per source."""
    from quizgen.nearest import SEARCHES_PER_SOURCE, nearest_passage
    from quizgen.source import SourceText

    source = SourceText(SOURCE)
    found = [nearest_passage(source, "buried the city of Pompeii in 79") for _ in range(SEARCHES_PER_SOURCE + 10)]
    assert found[0] == ("buried the town of Pompeii in 79.", 'the source has "town" where the quote has "city"')
    assert found.count(found[0]) == SEARCHES_PER_SOURCE and found[-1] is None
