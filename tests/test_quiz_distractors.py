"""Distractor priority, units, give-aways and evidence: defects a new user's pack (the printing
press) found in generated quizzes, each pinned on a small hand-built fact base."""

from __future__ import annotations

import json
import random

from quizgen.quiz.checks import RuleContext, item_errors
from quizgen.lint.run import CHECKS, check_items
from quizgen.model import Fact, LocatedFact
from quizgen.quiz import generators as gen
from quizgen.quiz.assemble import build_quiz, gives_away
from quizgen.quiz.distractors import FactBase, pick_distractors
from quizgen.quiz.items import Item
from quizgen.quiz.nearvalues import sort_key
from quizgen.recipe import ItemType, QuizSettings

SEEDS = range(40)


def fact(id: str, text: str, ask: str, answer_type: str, **kw) -> LocatedFact:
    f = Fact(id=id, text=text, ask=ask, answer_type=answer_type, topic="t", evidence="e", **kw)
    return LocatedFact(pack="p", fact=f, file="p.yaml", line=1)


CAXTON = fact("caxton-place", "Caxton's press, the first in England, was at [[Westminster]].",
              "Where in England did William Caxton set up his printing press?", "place",
              group="cities", distractors=["Oxford", "Canterbury"])
AMERICAS = fact("americas-city", "The first printing press in the Americas was set up in [[Mexico City]].",
                "In which city was the first printing press in the Americas set up?", "place",
                group="cities", distractors=["Lima", "Havana", "Boston"])
CITIES = [
    CAXTON, AMERICAS,
    fact("gutenberg-city", "Gutenberg came from [[Mainz]].", "Which city did Gutenberg come from?",
         "place", group="cities"),
    fact("aldine-city", "Aldus Manutius founded the Aldine Press in [[Venice]].",
         "In which city did Aldus Manutius found the Aldine Press?", "place", group="cities"),
]
KOENIG_SPEED = fact("koenig-speed", "Koenig's steam press could print about [[1,100]] sheets an hour.",
                    "About how many sheets an hour could Koenig's steam press print?", "quantity",
                    unit="sheets an hour", group="speeds")
HOE_SPEED = fact("hoe-speed", "Richard Hoe's rotary press printed up to [[8,000]] sheets an hour.",
                 "Up to how many sheets an hour could Richard Hoe's rotary press print?", "quantity",
                 unit="sheets an hour", group="speeds")
BULLOCK_SPEED = fact("bullock-speed", "William Bullock's web press printed up to [[6,000]] sheets an hour.",
                     "Up to how many sheets an hour could Bullock's web press print?", "quantity",
                     unit="sheets an hour", group="speeds")
BOOKS = fact("books-by-1500", "By 1500 an estimated [[20]] million books had been printed.",
             "About how many books had been printed by 1500?", "quantity", unit="million books")
TOWNS = fact("towns", "Presses worked in [[250]] towns by 1500.", "In how many towns did presses work?",
             "quantity", unit="towns")  # the unit is said again in the sentence, right after the span
RECORD = fact("record", "The record for one press in a day is [[4,000]].",
              "What is the record for one press in a day?", "quantity", unit="sheets")  # no unit after
GUTENBERG_YEAR = fact("gutenberg-press-year", "Gutenberg developed his press around [[1440]].",
                      "Around what year did Gutenberg develop his printing press?", "year")
COSTER = fact("coster-claim", "Coster of Haarlem invented printing in [[1423]], before Gutenberg.",
              "In what year did Coster invent printing, according to some older books?", "year",
              disputed={"note": "Most historians reject this story."})
THESES = fact("luther-theses", "Martin Luther's [[Ninety-five Theses]] were reprinted across Germany.",
              "Which work by Martin Luther was reprinted across Germany in 1517?", "work",
              distractors=["On the Freedom of a Christian", "The Praise of Folly", "Utopia"])
PRINCE = fact("prince", "Machiavelli's [[The Prince]] was printed in 1532.",
              "Which work by Machiavelli was printed in 1532?", "work")  # same type, no group
KOENIG_BUILDER = fact("koenig-steam-press",
                      "[[Friedrich Koenig]] built the steam-powered press that printed The Times in 1814.",
                      "Who built the steam-powered press on which The Times of London was printed in 1814?",
                      "person", group="pioneers")
KOENIG_YEAR = fact("koenig-year", "The Times of London was first printed on a steam-powered press in [[1814]].",
                   "In what year was The Times of London first printed on a steam-powered press?", "year")

FACTS = [*CITIES, KOENIG_SPEED, HOE_SPEED, BULLOCK_SPEED, BOOKS, TOWNS, RECORD, GUTENBERG_YEAR, COSTER,
         THESES, PRINCE, KOENIG_BUILDER, KOENIG_YEAR]
BASE = FactBase(FACTS)
CTX = gen.Context(BASE)


def swaps(lf: LocatedFact) -> set[str]:
    """Every value a false true/false statement of `lf` swapped in, over many seeds."""
    out = set()
    before, after = lf.fact.blanked_parts
    for seed in SEEDS:
        item = gen.true_false(lf, CTX, random.Random(seed), true=False)
        if item is not None:
            out.add(item.prompt[len(before): len(item.prompt) - len(after)])
    return out


# 1. Hand-written distractors first, then the group's answers, then near values --------------------

def test_a_false_statement_swaps_in_a_hand_written_distractor_when_there_is_one():
    assert swaps(CAXTON) == {"Oxford", "Canterbury"}  # never Mexico City, Mainz or Venice
    assert swaps(AMERICAS) <= {"Lima", "Havana", "Boston"}


def test_multiple_choice_uses_the_hand_written_distractors_first():
    for seed in SEEDS:
        item = gen.multiple_choice(CAXTON, CTX, random.Random(seed))
        assert {"Oxford", "Canterbury"} <= set(item.options), item.options
        item = gen.multiple_choice(AMERICAS, CTX, random.Random(seed))
        # Lima, Havana and Boston are all shorter than Mexico City: only the last may give way, to a
        # like answer at least as long, so that the key is not the longest option.
        assert {"Lima", "Havana"} <= set(item.options), item.options
        wrong = [o for o in item.options if o != "Mexico City"]
        assert "Boston" in wrong or any(len(o) >= len("Mexico City") for o in wrong)


def test_group_answers_come_before_near_values():
    # Bullock's 6,000 is within 50% of Hoe's 8,000: a group answer. Ascending options put the key at
    # a position drawn first (key positions must stay random), so it is an option whenever any
    # option is below the key; a false statement always swaps it in.
    seen_below = 0
    for seed in SEEDS:
        item = gen.multiple_choice(HOE_SPEED, CTX, random.Random(seed))
        if item.key > 0:
            seen_below += 1
            assert "6,000 sheets an hour" in item.options, item.options
    assert seen_below > len(SEEDS) // 2
    assert swaps(HOE_SPEED) == {"6,000"}


def test_hand_written_values_come_first_on_each_side_of_the_key():
    lf = fact("y", "It was built in [[1440]].", "When was it built?", "year", distractors=["1436", "1446", "1450"])
    ctx = gen.Context(FactBase([*FACTS, lf]))
    for seed in SEEDS:
        item = gen.multiple_choice(lf, ctx, random.Random(seed))
        below, above = item.options[: item.key], item.options[item.key + 1:]
        assert not below or "1436" in below, item.options
        assert len(set(above) & {"1446", "1450"}) == min(2, len(above)), item.options
    assert swaps(lf) == {"1436", "1446", "1450"}


def test_disputed_answers_are_not_offered_when_other_values_exist():
    # Coster's 1423 (a disputed fact, another question) is 17 years from 1440: allowed, not wanted.
    for seed in SEEDS:
        item = gen.multiple_choice(GUTENBERG_YEAR, CTX, random.Random(seed))
        assert "1423" not in item.options, item.options
    assert "1423" not in swaps(GUTENBERG_YEAR)


def test_disputed_answers_are_the_last_resort():
    lf = fact("y", "It happened in [[1440]].", "When did it happen?", "person", group="g")
    other = fact("d", "[[Anna Berg]] did it.", "Who did it?", "person", group="g",
                 disputed={"note": "doubtful"})
    plain = fact("q", "[[Carl Dorn]] did that.", "Who did that?", "person", group="g")
    base = FactBase([lf, other, plain])
    for seed in SEEDS:
        assert pick_distractors(lf, base, random.Random(seed), 1) == ["Carl Dorn"]
        assert sorted(pick_distractors(lf, base, random.Random(seed), 2)) == ["Anna Berg", "Carl Dorn"]


# 2. Quantities carry their unit ---------------------------------------------------------------------

def test_quantity_options_carry_the_unit_in_ascending_order():
    for seed in SEEDS:
        item = gen.multiple_choice(BOOKS, CTX, random.Random(seed))
        assert all(o.endswith(" million books") for o in item.options), item.options
        assert item.answer == "20 million books" and item.export()["answer"] == "20 million books"
        values = [sort_key("quantity", o) for o in item.options]
        assert values == sorted(values)
    findings = check_items([item], RuleContext.of(FACTS), version="A")
    assert [f for f in findings if f.severity.value == "error"] == []


def test_quantity_written_answers_accept_the_unit():
    rng = random.Random(1)
    for make in (gen.fill_blank, gen.short_answer):
        item = make(BOOKS, CTX, rng)
        assert item.answer_text == "20" and "20 million books" in item.accept


def test_a_quantitys_aliases_keep_their_own_form():
    """'22,000' for 22 thousand counts the unit in already: '22,000 thousand' would accept a number
    a thousand times too large, as 'hundredfold times' reads wrong."""
    tourists = fact("tourists", "Tourists rose from [[22]] thousand to 77 thousand.",
                    "From how many thousand did tourists rise?", "quantity", unit="thousand",
                    also_accept=["22,000"])
    item = gen.short_answer(tourists, gen.Context(FactBase([tourists])), random.Random(1))
    assert item.accept == ["22,000", "22 thousand"]
    # and the rule book calls the other an error (written-same-number)
    ctx = RuleContext.of([tourists])
    assert item_errors(item, ctx) == []
    wrong = item.model_copy(update={"accept": [*item.accept, "22,000 thousand"]})
    assert item_errors(wrong, ctx) == ["written-same-number: the accepted answer '22,000 thousand' "
                                       "names another number than '22 thousand'"]


def test_quantity_true_false_swap_carries_the_unit_when_the_sentence_does_not():
    assert all(s.endswith(" sheets") for s in swaps(RECORD)), swaps(RECORD)
    assert all(" " not in s for s in swaps(BOOKS))  # "... 16 million books had been printed."


def test_quantity_matching_responses_carry_the_unit():
    pool = [KOENIG_SPEED, HOE_SPEED, BULLOCK_SPEED,
            fact("x-speed", "A hand press printed about [[240]] sheets an hour.",
                 "About how many sheets an hour did a hand press print?", "quantity",
                 unit="sheets an hour", group="speeds", distractors=["300", "150"])]
    item = gen.matching(pool, gen.Context(FactBase([*FACTS, pool[-1]])), random.Random(3))
    assert item is not None
    assert all(o.endswith(" sheets an hour") for o in item.options), item.options


# 3. Give-aways across items --------------------------------------------------------------------------

def _matching_with_koenig_premise() -> Item:
    return Item(id="match-x", type=ItemType.matching, prompt="Match.", answer_type="person",
                fact_ids=["p/koenig-steam-press"], premises=[KOENIG_BUILDER.fact.ask],
                options=["Friedrich Koenig", "Bi Sheng", "Johann Fust"], matches=[0])


def test_a_true_false_answer_in_another_items_stem_is_a_give_away():
    tf = gen.true_false(KOENIG_YEAR, CTX, random.Random(0), true=True)
    assert gives_away(tf, _matching_with_koenig_premise(), BASE)
    order = Item(id="order-x", type=ItemType.ordering, prompt="Order.", answer_type="event",
                 fact_ids=["p/caxton-place"] * 3, options=["The first press opens in Mexico City", "b", "c"],
                 sequence=[0, 1, 2], dates=["1539", "1540", "1541"])
    americas_tf = gen.true_false(AMERICAS, CTX, random.Random(0), true=True)
    assert gives_away(americas_tf, order, BASE)


def test_lint_catches_a_true_false_answer_in_another_stem_but_not_in_its_own():
    ctx = RuleContext.of(FACTS)
    check = [c for c in CHECKS if c.id == "quiz-key-in-stem"]
    tf = gen.true_false(KOENIG_YEAR, CTX, random.Random(0), true=True)
    other = gen.short_answer(GUTENBERG_YEAR, CTX, random.Random(0))
    assert check_items([tf, other], ctx, version="A", checks=check) == []
    found = check_items([tf, _matching_with_koenig_premise()], ctx, version="A", checks=check)
    assert [f.item_id for f in found] == ["tf-koenig-year"]
    assert "'1814'" in found[0].message


# 4. True/false swaps keep the sentence's grammar where a cue is cheap to see -------------------------

def test_a_false_statement_does_not_break_verb_agreement():
    # "Martin Luther's Utopia were reprinted" reads false: no singular title replaces the plural one.
    assert swaps(THESES) == set()
    plural = fact("t2", THESES.fact.text, THESES.fact.ask, "work", distractors=["Utopia", "Table Talks"])
    lf_ctx = gen.Context(FactBase([*FACTS, plural]))
    got = {gen.true_false(plural, lf_ctx, random.Random(s), true=False).prompt for s in SEEDS}
    assert got == {"Martin Luther's Table Talks were reprinted across Germany."}


def test_a_work_is_never_swapped_for_another_facts_work_outside_its_group():
    assert "The Prince" not in swaps(THESES)
    lone = fact("t3", "Erasmus wrote [[The Praise of Folly]] in 1509.", "Which work did Erasmus write in 1509?",
                "work")
    assert swaps(lone) == set()  # no hand-written distractor, no group: no false statement


# 5. Evidence names its source, or leaves the field out ------------------------------------------------

def _quiz(**kw):
    settings = QuizSettings(title="T", questions=2, mix={"multiple_choice": 1, "short_answer": 1})
    return build_quiz("t", CITIES, FACTS, settings, seed=1, versions=["A"], **kw)


def test_evidence_without_source_titles_has_no_empty_source():
    quiz = _quiz()
    text = json.dumps(quiz.export(quiz.versions[0]))
    assert '"source": ""' not in text and '"source"' not in text


def test_evidence_names_the_source_title():
    quiz = _quiz(source_titles={"p/": "The Printing Press: a short history"})
    for q in quiz.export(quiz.versions[0])["questions"]:
        assert [e["source"] for e in q["evidence"]] == ["The Printing Press: a short history"]


def test_source_titles_of_packs(tmp_path):
    from conftest import FIXTURES

    from quizgen.loader import load_packs
    from quizgen.quiz.assemble import source_titles_of

    packs = load_packs(["rivers"], [str(FIXTURES / "packs")])
    titles = source_titles_of(packs)
    first = packs[0].pack.sources[0]
    assert titles["rivers/"] == first.title == titles[f"rivers/{first.id}"]


# Found in the default recipe's quiz: one matching premise answering another ----------------------------

SIBERIA = [
    fact("vlad", "The ambassador visited universities in [[Vladivostok]] and Omsk.",
         "Besides Omsk, the universities of which Far Eastern city did the ambassador visit?", "place",
         group="ru-cities"),
    fact("omsk", "The ambassador visited universities in Vladivostok and [[Omsk]].",
         "Besides Vladivostok, the universities of which Siberian city did the ambassador visit?", "place",
         group="ru-cities"),
    *(fact(f"c{n}", f"Thing {n} happened in [[{city}]].", f"Where did thing {n} happen?", "place",
           group="ru-cities")
      for n, city in enumerate(["Kaluga", "Khabarovsk", "Odessa", "Novosibirsk", "Kazan"])),
]


def test_matching_premises_never_name_each_others_answers():
    ctx = gen.Context(FactBase(SIBERIA))
    for seed in SEEDS:
        item = gen.matching(SIBERIA, ctx, random.Random(seed))
        assert item is not None
        ids = set(item.fact_ids)
        assert not {"p/vlad", "p/omsk"} <= ids, item.premises
        named = [o for o in item.options if any(o in p for p in item.premises)]
        assert named == [], (named, item.premises)


def test_lint_catches_a_premise_naming_another_premises_answer():
    item = Item(id="match-x", type=ItemType.matching, prompt="Match.", answer_type="place",
                fact_ids=[lf.key for lf in SIBERIA[:4]], premises=[lf.fact.ask for lf in SIBERIA[:4]],
                options=["Vladivostok", "Omsk", "Kaluga", "Khabarovsk", "Odessa", "Kazan"], matches=[0, 1, 2, 3])
    check = [c for c in CHECKS if c.id == "matching-shape"]
    found = check_items([item], RuleContext.of(SIBERIA), version="A", checks=check)
    assert sorted(f.message for f in found) == [
        "premise 1 names 'Omsk', the answer of premise 2",
        "premise 2 names 'Vladivostok', the answer of premise 1",
    ]
