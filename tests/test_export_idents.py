"""Every export over real builds: the default recipe at seeds 1-30 (every version) and its bank.

Each QTI file's choice idents are their positions, 1, 2, 3..., so Canvas's match ids (the first
digits of each ident) are distinct and no digit of an item id (a year) reaches one; and the GIFT,
Moodle XML and QTI files read back to the quiz JSON's questions. The rivers fixture is checked the
same way, so the rules are tested whatever state the default pack is in."""

from __future__ import annotations

import re

from test_export_common import bank_of, default_recipe, expected_all, expected_items, rivers_recipe
from test_export_gift import check as check_gift
from test_export_moodle_xml import check as check_xml
from test_export_qti import check as check_qti
from test_export_qti import questions_of

from quizgen.export.questions import export_context, quiz_set
from quizgen.export.gift import gift_bytes
from quizgen.export.moodle_xml import moodle_xml_bytes
from quizgen.export.qti import qti_bytes
from quizgen import make_quiz

SEEDS = range(1, 31)


def choice_idents_are_positions(data: bytes) -> tuple[int, int]:
    """(items checked, items whose id holds digits); fails on any ident that is not its position."""
    checked = with_digits = 0
    for q in questions_of(data):
        assert q["choice_idents"] == [str(n) for n in range(1, len(q["choice_idents"]) + 1)], q["id"]
        if q["kind"] == "matching":
            assert sorted(q["match_ids"]) == list(range(1, len(q["match_ids"]) + 1)), q["id"]
        checked += 1
        with_digits += bool(re.search(r"\d", q["id"]))
    return checked, with_digits


def sweep(recipe, packs) -> tuple[int, int]:
    context = export_context(recipe, packs)
    checked = with_digits = 0
    for seed in SEEDS:
        quiz = make_quiz(recipe, packs, seed=seed)
        for v in quiz.versions:
            qset = quiz_set(quiz, context, v.letter)
            want = expected_all(quiz, v.letter)
            check_gift(gift_bytes(qset), want)
            check_xml(moodle_xml_bytes(qset), want)
            data = qti_bytes(qset)
            check_qti(data, want, qset.name)
            c, d = choice_idents_are_positions(data)
            checked, with_digits = checked + c, with_digits + d
    qset, items = bank_of(recipe, packs)
    data = qti_bytes(qset)
    check_qti(data, expected_items(items), qset.name)
    c, d = choice_idents_are_positions(data)
    return checked + c, with_digits + d


def test_rivers_seeds_1_to_30_and_bank():
    checked, _ = sweep(*rivers_recipe())  # rivers ids hold no digits: the property test covers them
    assert checked > 600


def test_default_recipe_seeds_1_to_30_and_bank():
    recipe, packs = default_recipe()
    checked, with_digits = sweep(recipe, packs)
    assert checked > 1200 and with_digits > 0
