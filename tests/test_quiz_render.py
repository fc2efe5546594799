"""Rendering and the `quiz` command: escaping, template overrides, missing templates, file names,
same seed same bytes, a clear error when the PDF engine is missing, and `build` writing the quiz."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from quizgen.cli import main
from quizgen.loader import load_packs
from quizgen.problems import Problem
from quizgen import make_quiz, render_quiz, write_quiz
from quizgen.recipe import load_recipe

RIVERS_RECIPE = FIXTURES / "decks" / "rivers.yaml"
NASTY = "<script>alert(1)</script> & {{ 7*7 }} {% if true %}X{% endif %}"


def rivers():
    return load_recipe(RIVERS_RECIPE), load_packs(["rivers"], [str(FIXTURES / "packs")])


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_quiz_command_writes_every_file(tmp_path):
    result = run("quiz", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["rivers-A.json", "rivers-B.json", "rivers-key-A.html", "rivers-key-B.html",
                     "rivers-quiz-A.html", "rivers-quiz-B.html", "rivers-self-check.html"]
    data = json.loads((tmp_path / "rivers-B.json").read_text())
    assert data["title"] == "Great rivers of the world" and data["seed"] == 7 and data["version"] == "B"
    for q in data["questions"]:
        assert {"id", "type", "prompt", "answer", "fact_ids", "points"} <= q.keys()
    assert "Version B" in (tmp_path / "rivers-quiz-B.html").read_text()


def test_same_seed_same_bytes_and_versions_differ(tmp_path):
    recipe, packs = rivers()
    first = write_quiz(recipe, packs, tmp_path / "one", seed=11)
    second = write_quiz(recipe, packs, tmp_path / "two", seed=11)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    a, b = (json.loads((tmp_path / "one" / f"rivers-{v}.json").read_text()) for v in "AB")
    assert [q["id"] for q in a["questions"]] != [q["id"] for q in b["questions"]]
    assert sorted(q["id"] for q in a["questions"]) == sorted(q["id"] for q in b["questions"])
    other = write_quiz(recipe, packs, tmp_path / "three", seed=12)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in first]


def test_options_override_seed_versions_and_questions(tmp_path):
    recipe, packs = rivers()
    quiz = make_quiz(recipe, packs, seed=3, versions=3, questions=6)
    assert [v.letter for v in quiz.versions] == ["A", "B", "C"]
    assert len(quiz.items) == 6 and quiz.seed == 3


def _nasty_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "packs" / "nasty"
    (pack / "sources").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "id: nasty\ntitle: Nasty text\nsources:\n  - title: T\n    authors: [A]\n    file: sources/s.md\n")
    (pack / "sources" / "s.md").write_text(f"The tag is {NASTY} here. Rome is in Italy.\n")
    facts = [
        {"id": "nasty", "text": f"The tag is [[{NASTY}]] here.", "ask": "What is the tag & why?",
         "answer_type": "term", "evidence": f"The tag is {NASTY} here", "topic": "t",
         "distractors": ["<b>bold</b>", "{{ config }}", "a & b"]},
        {"id": "rome", "text": "Rome is in [[Italy]].", "ask": "In which country is Rome {{ x }}?",
         "answer_type": "country", "evidence": "Rome is in Italy", "topic": "t"},
    ]
    (pack / "facts.yaml").write_text(json.dumps({"facts": facts}))
    recipe = tmp_path / "nasty.yaml"
    recipe.write_text(json.dumps({"title": "Nasty", "packs": ["nasty"], "quiz": {
        "title": "Quiz <i>&</i> {{ title }}", "questions": 2,
        "mix": {"multiple_choice": 1, "short_answer": 1}, "seed": 1, "versions": ["A"]}}))
    return recipe


def test_fact_text_is_escaped_and_never_evaluated(tmp_path):
    recipe = load_recipe(_nasty_pack(tmp_path))
    packs = load_packs(["nasty"], [str(tmp_path / "packs")])
    files = render_quiz(make_quiz(recipe, packs), ("html", "json"), [])
    assert files
    for name, data in files.items():
        text = data.decode()
        if name.endswith(".json"):
            assert NASTY in text or json.dumps(NASTY)[1:-1] in text
            continue
        assert "<script>alert" not in text and "<b>bold</b>" not in text and "<i>&</i>" not in text
        assert "49" not in text.replace("1749", "")  # {{ 7*7 }} was not evaluated
        assert "{{ 7*7 }}" in text and "{% if true %}" in text
        if "key" in name:
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in text
    check = files["nasty-self-check.html"].decode()
    assert "\\u003cscript\\u003e" in check  # answers JSON cannot close the script element


def test_user_templates_extend_the_default(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "quiz.html").write_text(
        '{% extends "!default/quiz.html" %}{% block title %}CUSTOM {{ super() }}{% endblock %}')
    recipe, packs = rivers()
    written = write_quiz(recipe, packs, tmp_path / "out", templates=mine)
    sheet = (tmp_path / "out" / "rivers-quiz-A.html").read_text()
    assert "<title>CUSTOM Great rivers of the world" in sheet
    assert "Name" in sheet  # the rest of the default template is still there
    assert len(written) == 7


def test_missing_template_names_every_folder_searched(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "quiz.html").write_text('{% extends "!default/nope.html" %}')
    recipe, packs = rivers()
    with pytest.raises(Problem) as err:
        write_quiz(recipe, packs, tmp_path / "out", templates=mine)
    message = str(err.value)
    assert "template not found" in message and str(mine) in message and "templates" in message
    assert not (tmp_path / "out").exists()  # nothing written when rendering fails


@pytest.mark.parametrize("payload", [
    '{{ cycler.__init__.__globals__.os.popen("touch PWNED").read() }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self.__init__.__globals__ }}",
])
def test_a_shared_recipes_templates_run_no_code(tmp_path, monkeypatch, payload):
    """A recipe's templates render in Jinja's sandbox: reaching Python internals is refused with
    a located message, nothing runs and nothing is written."""
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "quiz.html").write_text('{% extends "!default/quiz.html" %}{% block title %}' + payload
                                    + "{% endblock %}")
    recipe, packs = rivers()
    with pytest.raises(Problem) as err:
        write_quiz(recipe, packs, tmp_path / "out", templates=mine)
    assert "template refused" in str(err.value) or "undefined" in str(err.value).lower()
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "out").exists()


def test_pdf_without_engine_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = CliRunner().invoke(main, ["quiz", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"),
                                       "--format", "pdf", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "--format pdf needs Chromium" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_build_writes_the_quiz_of_every_recipe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"),
                                       "-o", "out"])
    assert result.exit_code == 0, result.output
    for name in ("rivers-quiz-A.html", "rivers-key-B.html", "rivers-self-check.html", "rivers-A.json"):
        assert (tmp_path / "out" / name).is_file()


def test_build_writes_the_default_recipe_quiz(in_repo, tmp_path):
    try:
        load_packs(["mexico-russia"])
    except Exception as err:  # noqa: BLE001 - the default pack has its own validation tests
        pytest.skip(f"default pack does not load yet: {err}")
    result = CliRunner().invoke(main, ["build", "mexico-russia", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for v in "AB":
        for name in (f"mexico-russia-quiz-{v}.html", f"mexico-russia-key-{v}.html", f"mexico-russia-{v}.json"):
            assert (tmp_path / name).is_file()
    assert (tmp_path / "mexico-russia-self-check.html").is_file()
    data = json.loads((tmp_path / "mexico-russia-A.json").read_text())
    assert len(data["questions"]) == 20


def test_the_key_states_the_marking_rule_for_written_answers_only_when_it_has_some():
    """A teacher marking by hand applies the rule the self-check page applies (written_answer_ok),
    so the key states it, with the numbers the code uses; a key of choice items only does not."""
    from quizgen.normalize import EXTRA_WORDS, written_answer_ok
    from quizgen.render.html import render_key
    from quizgen.render.templates import make_environment

    recipe, packs = rivers()
    quiz = make_quiz(recipe, packs, seed=3, versions=1, questions=12)
    env = make_environment([])
    written = [i for i in quiz.items if i.type.value in ("fill_blank", "short_answer")]
    assert written, "the fixture quiz should have a written item"
    key = render_key(env, quiz, quiz.versions[0])
    assert f"at most {EXTRA_WORDS} more words and no negation" in key
    assert written_answer_ok("the " + written[0].answer_text + " of course", [written[0].answer_text])
    choice_only = quiz.model_copy(update={"versions": [quiz.versions[0].model_copy(update={
        "items": [i for i in quiz.versions[0].items if i not in written]})]})
    assert 'class="marking"' not in render_key(env, choice_only, choice_only.versions[0])


def test_a_quiz_cut_short_says_so_once(tmp_path):
    """--questions 500 from a 14-fact pack: the quiz says how many it made and why, once, and the
    repeated fall-backs are counted instead of listed 400 times."""
    result = CliRunner().invoke(main, ["quiz", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"),
                                       "--questions", "500", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("rivers: note: ")]
    made = len(json.loads((tmp_path / "rivers-A.json").read_text())["questions"])
    assert notes[0] == f"rivers: note: {made} of 500 questions made: the selected facts give no more"
    assert made < 500 and len(notes) == len(set(notes)) and len(notes) < 10
    assert not any("left out" in n for n in notes)


def test_a_mix_beyond_the_limit_is_refused_before_any_work(tmp_path):
    """A mix of a trillion questions used to grow past 1.5 GB; now it is a located error."""
    recipe = tmp_path / "huge.yaml"
    recipe.write_text(RIVERS_RECIPE.read_text().replace("multiple_choice: 4", "multiple_choice: 1000000000000"))
    result = run("quiz", str(recipe), "--facts", str(FIXTURES / "packs"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "mix asks for 1000000000006 questions; a quiz has at most 500" in result.output
    assert str(recipe) in result.output and not (tmp_path / "out").exists()


def test_a_missing_templates_folder_stops_build_before_any_file(tmp_path):
    """`quiz.templates: nope` used to write the .apkg and its manifest, then fail (and, raised
    through the folder lock, fail as an internal error); now it is a located recipe error and the
    output folder is not even made."""
    recipe = tmp_path / "rivers.yaml"
    recipe.write_text(RIVERS_RECIPE.read_text().replace("  seed: 7\n", "  seed: 7\n  templates: nope\n"))
    result = CliRunner().invoke(main, ["build", str(recipe), "--facts", str(FIXTURES / "packs"),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    line = next(n for n, text in enumerate(recipe.read_text().splitlines(), 1) if "templates:" in text)
    assert f"{recipe}:{line}:" in result.output and "quiz.templates: no such folder" in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "manifests").exists()


def test_a_problem_raised_inside_the_build_lock_is_reported_not_crashed(tmp_path, monkeypatch):
    """A located problem that leaves the folder lock's `with` block stays a problem (exit 1): a
    frozen exception class failed there when Python set its traceback."""
    import quizgen.export.files as quiz_build

    def broken(*args, **kwargs):
        raise Problem("somewhere.yaml", 3, 1, "made up for the test")

    monkeypatch.setattr(quiz_build, "write_quiz", broken)
    result = CliRunner().invoke(main, ["build", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "somewhere.yaml:3:1: made up for the test" in result.output
    assert "internal error" not in result.output


def test_the_quiz_notes_are_printed_even_when_writing_is_refused(tmp_path):
    """A quiz cut short says so although its files cannot be written (a folder in the way)."""
    (tmp_path / "rivers-A.json").mkdir()
    result = CliRunner().invoke(main, ["quiz", str(RIVERS_RECIPE), "--facts", str(FIXTURES / "packs"),
                                       "--questions", "500", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert any(line.startswith("rivers: note: ") for line in result.stderr.splitlines())


def test_a_broken_template_stops_only_the_pages_that_use_it(tmp_path):
    """The JSON, answer sheets and platform exports are made without the page templates, so a
    syntax error in a user's quiz.html stops an html run with its location, and not the others."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "quiz.html").write_text("{% if %}")
    recipe, packs = rivers()
    with pytest.raises(Problem, match="quiz.html:1:1: template syntax"):
        write_quiz(recipe, packs, tmp_path / "html", templates=mine)
    written = write_quiz(recipe, packs, tmp_path / "json", templates=mine, formats=["json", "gift"])
    assert sorted(p.suffix for p in written) == [".gift", ".json", ".json"]
