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


PROBES = ("The  Lazaro_Cardenas.", "A 1,100,000 books", "an 6 650 ", "  Mr. O'Brien-Smith!? ", "the",
          "1.100 km", "x_1,000.5", "THE END", "a\tb\nc", "an\x00odd\x7f text", "Utopia (1516)", "the .",
          "a-", "_the x", "the_x", "an-an", "1, 234", "12 3456", "1.234.567,5")


def test_ascii_fast_path_agrees_with_the_general_rule() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from quizgen.normalize import _normalize_ascii, _normalize_general

    for probe in PROBES:
        assert _normalize_ascii(probe) == _normalize_general(probe), probe

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
    def agree(text: str) -> None:
        assert _normalize_ascii(text) == _normalize_general(text)

    agree()


def test_a_digit_int_refuses_is_no_number_to_scale() -> None:
    """"፫" is a digit to str.isdigit() but not to int(): a response holding it is judged."""
    from quizgen.normalize import marking_words, written_answer_ok

    assert marking_words("፫ hundred") == ["፫", "100"]
    assert written_answer_ok("፫ hundred", ["Mercader"]) is False
