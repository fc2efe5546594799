"""When two written answers are the same answer."""

from quizgen.normalize import normalize_answer, same_answer


def test_case_accents_punctuation_article_space() -> None:
    assert same_answer("Lázaro  Cárdenas.", "lazaro cardenas")
    assert same_answer("The Red Bells", "red bells")
    assert not same_answer("Red Bells", "Red Bell")


def test_thousands_separators_do_not_matter() -> None:
    assert same_answer("1,100", "1100")
    assert same_answer("6 650", "6,650")
    assert normalize_answer("1,100,000") == "1100000"
    assert not same_answer("1,5", "15")  # a decimal comma is not a thousands separator
