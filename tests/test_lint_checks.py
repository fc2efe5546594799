"""Every registered lint check fires on a deliberately bad item and stays quiet on a good one."""

from __future__ import annotations

import pytest
from lint_helpers import CTX, card, fill, matching, mc, ordering, short, tf

from quizgen.lint.findings import Severity
from quizgen.lint.run import CHECKS, check_cards, check_items
from quizgen.model import CardKind
from quizgen.quiz.items import Item

BY_ID = {c.id: c for c in CHECKS}
GOOD_MC = mc(["Lyon", "Marseille", "Paris", "Toulouse"], 2)


def run(check_id: str, subject) -> list:
    """The findings of one check on a list of cards, or on one item or a list of items (one quiz)."""
    check = BY_ID[check_id]
    if isinstance(subject, list) and subject and not isinstance(subject[0], Item):
        return check_cards(subject, CTX, checks=[check])
    items = subject if isinstance(subject, list) else [subject]
    return check_items(items, CTX, version="A", checks=[check])


def _mc_quiz(longest: int, n: int = 10) -> list[Item]:
    """n multiple-choice items; in the first `longest` the key is the strictly longest option."""
    out = []
    for i in range(n):
        options = (
            ["Paris Centre", "Lyon", "Nice", "Metz"]
            if i < longest
            else ["Paris", "Lyons", "Nice", "Metz"]
        )
        out.append(mc(options, 0, item_id=f"mc-{i}"))
    return out


def _positions(keys: list[int]) -> list[Item]:
    options = ["Lyon", "Nice", "Metz", "Caen"]
    out = []
    for n, k in enumerate(keys):
        opts = list(options)
        opts[k] = "Paris"
        out.append(mc(opts, k, item_id=f"mc-{n}"))
    return out


def _tfs(truths: list[bool]) -> list[Item]:
    return [
        tf(
            "The capital of France is Paris." if t else "The capital of France is Lyon.",
            t,
            item_id=f"tf-{n}",
        )
        for n, t in enumerate(truths)
    ]


#: check id -> (a bad subject it must catch, a good subject it must pass)
CASES = {
    "card-answer-short": (
        [
            card(
                CardKind.qa,
                "What did Borodin found?",
                "one of the many small parallel Communist parties in Mexico then",
                answer_type="term",
            )
        ],
        [
            card(CardKind.qa, "What is the capital of France?", "Paris"),
            card(
                CardKind.qa,
                "Which university?",
                "Patrice Lumumba Peoples' Friendship University of the Soviet Union",
                answer_type="organization",
            ),
        ],
    ),
    "card-cloze-single": (
        [card(CardKind.cloze, "[...], the capital of France, is also called Paris.", "Paris")],
        [card(CardKind.cloze, "The capital of France is [...].", "Paris")],
    ),
    "card-duplicate-front": (
        [
            card(CardKind.qa, "What is the capital?", "Paris"),
            card(CardKind.qa, "What is the  capital", "Lyon", fact="rhine"),
        ],
        [
            card(CardKind.qa, "What is the capital?", "Paris"),
            card(CardKind.reverse, "What is the capital?", "paris", fact="rhine"),
        ],
    ),
    "fact-evidence-short": (
        # the Hoover Dam fact quotes "completed in 1936": its answer and two words
        [card(CardKind.qa, "In what year was the Hoover Dam completed?", "1936", fact="hoover-year")],
        [card(CardKind.qa, "In what year did the Eiffel Tower open?", "1889", fact="eiffel-year")],
    ),
    "card-reverse-unique": (
        # 'Paris' answers both the capital and the Seine facts: its reverse card has two answers
        [card(CardKind.reverse, "Paris", "What is the capital of France?"),
         card(CardKind.qa, "Through which city does the Seine flow?", "Paris", fact="seine")],
        [card(CardKind.reverse, "John Hanning Speke", "Which explorer named Lake Victoria?",
              fact="speke", answer_type="person"),
         card(CardKind.qa, "Through which city does the Seine flow?", "Paris", fact="seine")],
    ),
    "card-cloze-unique": (
        # the question says 1954, the sentence does not: Chile (1973) fits the blank as well
        [card(CardKind.cloze, "The US interfered in the politics of [...].", "Guatemala",
              fact="guatemala", answer_type="country")],
        [card(CardKind.cloze, "The capital of France is [...].", "Paris")],
    ),
    "distractor-pool": (
        # Berlin is no hand-written distractor of the capital fact, and it has no group
        mc(["Paris", "Berlin", "Lyon", "Nice"], 0),
        GOOD_MC,
    ),
    "distractor-never-true": (
        # the source lists Avignon beside Paris ("Paris and Avignon were seats of power")
        mc(["Paris", "Avignon", "Lyon", "Nice"], 0),
        GOOD_MC,
    ),
    "tf-swap": (
        # 'in Netherlands' wants 'the'; a sentence that still says Paris refutes its own swap
        [tf("The Rhine rises in Netherlands.", False, fact="rhine-source", item_id="tf-a"),
         tf("The Seine flows through Lyon, and Paris lies on both its banks.", False, fact="seine",
            item_id="tf-b"),
         tf("The Danube rises in Austria, and Vienna lies on its banks.", False, fact="danube",
            item_id="tf-c"),
         tf("The Danube flows through Vienna, Budapest and Prague.", False, fact="danube-capitals",
            item_id="tf-d")],
        tf("The Rhine rises in Austria.", False, fact="rhine-source"),
    ),
    "fill-blank-unique": (fill("guatemala"), fill("capital")),
    "written-closed": (
        # a term: 'the Portuguese language', 'Portuguese (the language)' ... no list covers them
        short("portuguese", "Portuguese"),
        short("rhine", "North Sea"),
    ),
    "written-takes-no-wrong": (
        # an answer written as bare "Sea" marks the Volga's "Caspian Sea" right for the Rhine (an
        # answer may sit inside a longer one)
        short("rhine", "Sea").model_copy(update={"accept": ["the North Sea"]}),
        short("rhine", "North Sea").model_copy(update={"accept": ["the North Sea"]}),
    ),
    "written-same-number": (
        # 6,650 km accepted as "6.65 thousand km" is the same number; "6,650 thousand km" is not
        short("nile-length", "6,650").model_copy(update={"accept": ["6,650 thousand km"]}),
        short("nile-length", "6,650").model_copy(update={"accept": ["6.65 thousand km", "6,650 km"]}),
    ),
    "matching-one-pool": (
        # the capital fact is not of the seas group (and not of any group)
        matching(["rhine", "volga", "nile-mouth", "capital"], extras=("Red Sea", "Black Sea")),
        matching(),
    ),
    "ordering-dated": (
        # the Eiffel Tower's evidence does not state 1889
        ordering(facts=("eiffel-year", "hoover-year", "aswan-year"), dates=["1889", "1936", "1970"]),
        ordering(),
    ),
    "mc-option-count": (mc(["Paris", "Lyon", "Nice", "Metz", "Caen"], 0), GOOD_MC),
    "mc-distinct": (mc(["Paris", "paris.", "Lyon", "Nice"], 0), GOOD_MC),
    # (pack aliases: 'City of Light' names Paris too)
    "mc-one-key": (mc(["Paris", "Lutetia", "Lyon", "Nice"], 0), GOOD_MC),
    "mc-answer-format": (
        mc(["1930", "1936", "the 1940s"], 1, fact="hoover-year", answer_type="year"),
        mc(["1930", "1936", "1942"], 1, fact="hoover-year", answer_type="year"),
    ),
    "mc-parallel-grammar": (
        # 'because of ...' is a reason among nouns: its form alone sets it apart
        mc(["Portuguese", "Spanish", "because of Guarani"], 0, fact="portuguese", answer_type="term"),
        mc(["Portuguese", "Spanish", "the Guarani language"], 0, fact="portuguese", answer_type="term"),
    ),
    "mc-odd-key-out": (
        # three 'languages' and the key: a test-wise student picks the odd one out
        mc(["Portuguese", "the Spanish language", "the Guarani language", "the Quechua language"], 0,
           fact="portuguese", answer_type="term"),
        mc(["Portuguese", "Spanish", "the Guarani language", "the Quechua language"], 0,
           fact="portuguese", answer_type="term"),
    ),
    "mc-option-length": (
        mc(["Portuguese", "Spanish", "Guarani", "the languages of the Andean highlands"], 0,
           fact="portuguese", answer_type="term"),
        # names are exempt: 'Paris Centre' beside 'Nice' is no cue
        mc(["Paris", "Lyon", "Nice", "Marseille on the Mediterranean"], 0),
    ),
    "mc-of-the-above": (mc(["Paris", "Lyon", "Nice", "All of the above"], 0), GOOD_MC),
    "absolute-words": (
        mc(["Paris", "Lyon", "Nice", "always Metz"], 0),
        mc(["Portuguese", "Spanish", "only Guarani"], 0, fact="portuguese", answer_type="term"),
    ),
    "mc-key-stem-overlap": (
        mc(["Colorado River", "Columbia", "Missouri", "Snake"], 0, fact="hoover-river"),
        mc(
            ["Colorado River", "Columbia River", "Missouri River", "Snake River"],
            0,
            fact="hoover-river",
        ),
    ),
    "mc-ascending": (
        mc(["1942", "1936", "1930"], 1, fact="hoover-year", answer_type="year"),
        mc(["1930", "1936", "1942"], 1, fact="hoover-year", answer_type="year"),
    ),
    "mc-year-gap": (
        mc(["1935", "1936", "1950", "1970"], 1, fact="hoover-year", answer_type="year"),
        mc(["1930", "1936", "1942", "1960"], 1, fact="hoover-year", answer_type="year"),
    ),
    "mc-quantity-gap": (
        mc(["5,000", "6,650", "12,000"], 1, fact="nile-length", answer_type="quantity"),
        mc(["5,000", "6,650", "8,100"], 1, fact="nile-length", answer_type="quantity"),
    ),
    "tf-one-answer": (
        tf("The capital of France is Lutetia.", False),
        tf("The capital of France is Lyon.", False),
    ),
    "matching-shape": (matching(SEAS_3 := ["rhine", "volga", "nile-mouth"]), matching()),
    "ordering-shape": (ordering(["1936", "1936", "2006"]), ordering()),
    "item-fact-ids": (
        Item(
            id="short-x",
            type="short_answer",
            prompt="Where?",
            answer_type="place",
            fact_ids=["t/nope"],
            answer_text="Paris",
        ),
        short("capital", "Paris"),
    ),
    "quiz-key-longest": (_mc_quiz(longest=5), _mc_quiz(longest=3)),
    "quiz-key-positions": (_positions([0] * 20 + [1, 2, 3] * 4), _positions([0, 1, 2, 3] * 8)),
    "quiz-tf-balance": (_tfs([True] * 4 + [False]), _tfs([True, False, True, False, True])),
    "quiz-repeated-answer": (
        # the capital and the Seine facts are both answered 'Paris'
        [short("capital", "Paris"), short("seine", "Paris")],
        [short("capital", "Paris"), short("rhine", "North Sea")],
    ),
    "quiz-key-root-elsewhere": (
        # 'Paris' (a word few facts use) answers one item and stands in another's statement
        [short("capital", "Paris"), tf("Parisians cross the Seine daily.", True, fact="seine", item_id="tf-x")],
        [short("capital", "Paris"), short("hoover-river", "Colorado River")],
    ),
    "quiz-same-passage": (
        # both facts quote "The Hoover Dam was completed in 1936." of the source
        [short("hoover-year", "1936"), short("hoover-river", "Colorado River")],
        [short("hoover-year", "1936"), short("capital", "Paris")],
    ),
    "quiz-key-in-stem": (
        [GOOD_MC, tf("Paris lies on the Seine.", True, fact="rhine", item_id="tf-seine")],
        [GOOD_MC, tf("The Rhine flows into the North Sea.", True, fact="rhine")],
    ),
}


def test_every_check_has_a_case():
    assert set(CASES) == set(BY_ID), "each registered check needs a bad and a good case here"


def test_checks_are_registered_once_with_a_description():
    assert len(BY_ID) == len(CHECKS)
    for c in CHECKS:
        assert c.description.endswith(".") and c.func.__doc__, c.id


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_bad(check_id):
    bad, _good = CASES[check_id]
    found = run(check_id, bad)
    assert found, f"{check_id} missed its bad case"
    assert {f.check for f in found} == {check_id}
    assert all(f.severity is BY_ID[check_id].severity for f in found)
    if BY_ID[check_id].scope.value != "quiz":
        assert all(f.item_id and f.fact_ids for f in found)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_quiet_on_good(check_id):
    _bad, good = CASES[check_id]
    assert run(check_id, good) == []


def test_a_good_item_passes_every_check():
    items = [  # (one item per fact and per source sentence: the ordering item has the dams)
        GOOD_MC,
        tf("The Rhine rises in Austria.", False, fact="rhine-source"),
        matching(),
        ordering(),
    ]
    assert check_items(items, CTX, version="A") == []


def test_fact_ids_missing_entirely():
    item = Item.model_construct(**{**short("capital", "Paris").__dict__, "fact_ids": []})
    [finding] = run("item-fact-ids", item)
    assert finding.message == "no fact ids"


def test_person_names_same_style():
    bad = mc(
        ["John Hanning Speke", "J. Burton", "David Livingstone"],
        0,
        fact="speke",
        answer_type="person",
    )
    assert any("initials" in f.message for f in run("mc-answer-format", bad))
    parts = mc(
        ["John Hanning Speke", "Burton", "Juan Pablo Góngora Pérez Silva"],
        0,
        fact="speke",
        answer_type="person",
    )
    assert len(run("mc-answer-format", parts)) == 2  # 1 and 5 name parts against the key's 3
    particles = mc(
        ["John Hanning Speke", "Francisco de Orellana", "Burton Smith"],
        0,
        fact="speke",
        answer_type="person",
    )
    assert run("mc-answer-format", particles) == []
    ok = mc(
        ["John Hanning Speke", "Richard Burton", "Samuel Baker"],
        0,
        fact="speke",
        answer_type="person",
    )
    assert run("mc-answer-format", ok) == []


def test_matching_extras_and_right_answers():
    found = run("matching-shape", matching(extras=["Red Sea"]))
    assert [f.message for f in found] == ["1 extra responses (at least 2 wanted)"]


def test_key_positions_needs_30_items():
    assert run("quiz-key-positions", _positions([0] * 29)) == []
    [f] = run("quiz-key-positions", _positions([0] * 30))
    assert f.item_id is None and "p = 0.000" in f.message


def test_severity_of_warnings():
    warnings = {c.id for c in CHECKS if c.severity is Severity.warning}
    assert warnings == {
        "card-answer-short",
        "mc-option-length",
        "absolute-words",
        "fact-evidence-short",
    }


def test_docs_list_every_check_with_a_flagged_and_a_passed_example():
    from conftest import ROOT

    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for c in CHECKS:
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{c.id}` |")), None)
        assert row is not None, f"docs/lint.md has no row for {c.id}"
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 5 and cells[1] == c.severity.value and all(cells), row


@pytest.mark.parametrize("fact, false, true, said", [
    # '..., and Vienna lies on its banks' stays true whatever is swapped before it
    ("danube", "The Danube rises in Austria, and Vienna lies on its banks.",
     "The Danube rises in Germany, and Vienna lies on its banks.", "second claim ('and') that stays true"),
    # the list need not be whole: 'Prague' for 'Belgrade' is false only by omission
    ("danube-capitals", "The Danube flows through Vienna, Budapest and Prague.",
     "The Danube flows through Vienna, Budapest and Belgrade.", "one member of a list"),
])
def test_a_false_statement_that_stays_partly_true_is_refused(fact, false, true, said):
    """The check reports the false statement; the true statement of the same sentence is no fault,
    and the generator makes only the true one."""
    import random

    from quizgen.quiz.generators import Context, true_false

    assert any(said in f.message for f in run("tf-swap", tf(false, False, fact=fact)))
    assert not run("tf-swap", tf(true, True, fact=fact))
    lf = CTX.located(f"t/{fact}")
    ctx = Context(base=CTX.base)
    assert true_false(lf, ctx, random.Random(1), true=False) is None
    assert true_false(lf, ctx, random.Random(1), true=True) is not None


def test_checks_report_in_a_fixed_order():
    """Findings are sorted by their check's place in CHECKS (cards, item rules, whole quizzes), and
    every check takes its place from where it is defined: moving one changes the order of
    `quizgen lint`'s report (and which error a question bank's note names), so it is pinned here."""
    ids = [c.id for c in CHECKS]
    assert ids[:6] == ["card-answer-short", "card-cloze-single", "card-duplicate-front",
                       "card-reverse-unique", "fact-evidence-short", "card-cloze-unique"]
    assert ids[6:-7] == [
        "mc-option-count", "mc-distinct", "mc-one-key", "distractor-pool", "distractor-never-true",
        "mc-answer-format", "mc-parallel-grammar", "mc-odd-key-out", "mc-option-length",
        "mc-of-the-above", "absolute-words", "mc-key-stem-overlap", "mc-ascending", "mc-year-gap",
        "mc-quantity-gap", "tf-one-answer", "tf-swap", "fill-blank-unique", "written-closed",
        "written-takes-no-wrong", "written-same-number", "matching-shape", "matching-one-pool",
        "ordering-shape", "ordering-dated", "item-fact-ids"]
    assert ids[-7:] == ["quiz-key-longest", "quiz-key-positions", "quiz-tf-balance", "quiz-same-passage",
                        "quiz-repeated-answer", "quiz-key-root-elsewhere", "quiz-key-in-stem"]
