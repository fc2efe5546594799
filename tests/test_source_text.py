"""The clean text of a source and where each of its characters came from.

`SourceText` copies most lines of a source whole and keeps offsets as runs; only lines with
something to fold go character by character. These tests pin what that must give: hand-picked
sources with print artefacts (hyphenated line breaks, footnotes, running headers, markup,
typographic quotes and odd spaces) with the clean text and offsets the plain per-character reading
gives, invariants that hold for any source, and the real article source against a digest of that
reading.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.source import _SPACES, SourceText, fold

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "facts" / "mexico-russia" / "sources" / "mexico-russia-prospects-of-relations.md"


def offsets(text: SourceText) -> list[int]:
    """Where each clean character came from, one `original_span` at a time."""
    spans = [text.original_span(i, i + 1) for i in range(len(text.clean))]
    assert all(b == a + 1 for a, b in spans)
    return [a for a, _ in spans]


def clean_of(original: str, skip: tuple[str, ...] = ()) -> str:
    return SourceText(original, skip).clean


# -- hand-picked sources ------------------------------------------------------------------------


def test_hyphenated_word_is_joined_across_the_line_break() -> None:
    text = SourceText("The infor-\nmation age.\n")
    assert text.clean == "The information age.\n"
    assert offsets(text) == [0, 1, 2, 3, 4, 5, 6, 7, 8, *range(11, 23)]
    at = text.clean.index("information")
    assert text.original_span(at, at + len("information")) == (4, 17)  # "infor-\nmation"
    assert text.find("information age") == [(4, 19)]


@pytest.mark.parametrize(
    ("original", "clean"),
    [
        ("North-\nWest passage.", "North- West passage.\n"),  # a capital: a real hyphen
        ("page 12-\nthirteen.", "page 12- thirteen.\n"),  # no letter before the hyphen
        ("infor-\n mation", "infor mation\n"),  # the space opening the line is kept
        ("infor-\r\nmation", "information\n"),
        ("infor–\nmation", "information\n"),  # a dash folds to a hyphen first
        ("**infor-**\n**mation**", "information\n"),
        ("infor-\n\u200bmation", "infor- mation\n"),  # the line opens with a zero-width space
        ("infor\u200b-\nmation", "information\n"),  # the letter and the hyphen come apart...
        ("12\u200b-\nthirteen", "12- thirteen\n"),  # ...and still only a letter joins
    ],
)
def test_hyphen_join_cases(original: str, clean: str) -> None:
    assert clean_of(original) == clean


def test_footnote_is_a_segment_of_its_own() -> None:
    original = "The Nile flows north<sup>1</sup>\n\n<sup>1</sup> See the atlas.\n\ninto the sea.\n"
    text = SourceText(original)
    assert text.clean == "The Nile flows north into the sea.\nSee the atlas.\n"
    assert text.kinds == [(0, 34, "body"), (35, 49, "footnote")]
    # The joining space stands where the marker began; the footnote maps into the middle.
    assert offsets(text) == [*range(21), *range(63, 77), *range(47, 62)]
    start = text.clean.index("north into")
    assert text.original_span(start, start + len("north into")) == (15, 67)
    sentences = [s.text for s in text.sentences()]
    assert sentences == ["The Nile flows north into the sea.", "See the atlas."]


def test_footnote_runs_until_a_blank_line() -> None:
    text = SourceText("Body one.\n<sup>2</sup> Note starts\nand goes on.\n\nBody two.")
    assert text.clean == "Body one. Body two.\nNote starts and goes on.\n"
    assert text.kinds == [(0, 19, "body"), (20, 44, "footnote")]
    assert offsets(text) == [*range(10), *range(49, 59), *range(23, 48)]


def test_quotes_dashes_and_odd_spaces_fold_in_place() -> None:
    original = "He said \u201cyes\u201d \u2014 then left.\u00a0Done\u2019s."
    text = SourceText(original)
    assert text.clean == "He said \"yes\" - then left. Done's.\n"
    assert offsets(text) == list(range(35))  # one for one: nothing shifts
    assert text.find('said "yes" - then') == [(3, 20)]
    assert text.find("said \u201cyes\u201d \u2013 then") == [(3, 20)]


def test_markup_is_dropped_and_offsets_skip_it() -> None:
    original = "A **bold** [link](http://x.y) and http://example.com/page here."
    text = SourceText(original)
    assert text.clean == "A bold link and here.\n"
    assert offsets(text) == [0, 1, 4, 5, 6, 7, 10, *range(12, 16), *range(29, 34), *range(58, 64)]
    assert text.original_span(2, 11) == (4, 16)  # "bold link" with its markup


@pytest.mark.parametrize(
    ("original", "clean", "where"),
    [
        ("infor\u00admation and zero\u200bwidth", "information and zerowidth\n",
         [0, 1, 2, 3, 4, *range(6, 21), *range(22, 28)]),
        ("one\r\ntwo\r\n", "one two\n", [0, 1, 2, 3, 5, 6, 7, 8]),
        ("  a\t\tb  c  \n   d", "a b c d\n", [2, 3, 5, 6, 8, 9, 15, 16]),
        ("the international 6 7 8 and more", "the international and more\n",
         [*range(18), *range(24, 33)]),
        ("a \\*star\\* and \\# hash", "a star and # hash\n",
         [0, 1, 4, 5, 6, 7, 10, 11, 12, 13, 14, *range(16, 23)]),
        ("Above.\n\n---\n\nBelow.", "Above. Below.\n", [*range(7), *range(13, 20)]),
        ("#\n## Title **x**\nText", "Text\nTitle x\n", [17, 18, 19, 20, 21, *range(5, 11), 13, 14]),
        # a footnote marker broken across two lines: the second line is not copied whole
        ("a note<sup>\n1</sup> here", "a note here\n", [*range(7), *range(20, 25)]),
        ("a note<sup>1\n</sup>  here", "a note here\n", [*range(7), *range(21, 26)]),
    ],
)
def test_spaces_deletions_and_markup(original: str, clean: str, where: list[int]) -> None:
    text = SourceText(original)
    assert text.clean == clean
    assert offsets(text) == where


def test_running_headers_are_dropped() -> None:
    original = (
        "Text one.\n\nJOURNAL OF RIVERS\n\nText two\n\nJOURNAL OF RIVERS\n\ncontinues here.\n\n"
        "Once only\n\nEnd."
    )
    text = SourceText(original)
    assert text.clean == "Text one. Text two continues here. Once only End.\n"
    at = text.clean.index("continues")
    assert text.original_span(at, at + 9) == (original.index("continues"), original.index(" here"))
    # The first and the last line of a source stand alone too.
    assert clean_of("RIVERS\n\nText one.\n\nRIVERS") == "Text one.\n"


def test_skipped_sections_are_kept_but_not_counted() -> None:
    original = "# Intro\nBody text.\n\n# Literature\nRef one.\n\nRef two.\n"
    text = SourceText(original, ["literature"])
    assert text.clean == "Body text.\nIntro\nLiterature\nRef one.\nRef two.\n"
    assert [k for _, _, k in text.kinds] == ["body", "heading", "heading", "skipped", "skipped"]
    assert offsets(text) == [*range(8, 19), *range(2, 8), *range(22, 33), *range(33, 42),
                             *range(43, 52)]
    assert [s.text for s in text.sentences()] == ["Body text."]


def test_original_span_indexes_like_a_sequence() -> None:
    text = SourceText("ab\u00adcd")  # "abcd\n" with offsets 0, 1, 3, 4, 5
    assert text.original_span(0, 4) == (0, 5)
    assert text.original_span(-3, -1) == (3, 5)
    assert text.original_span(2, 2) == (3, 2)  # empty: as a list of offsets would answer
    with pytest.raises(IndexError):
        text.original_span(5, 6)
    with pytest.raises(IndexError):
        SourceText("").original_span(0, 1)


def test_every_odd_space_is_known() -> None:
    """Lines are copied whole unless they hold one of `_SPACES` (or a folded character), so it must
    list every whitespace character but the space and the line break."""
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(_SPACES) == spaces - {" ", "\n"}


# -- the real article ---------------------------------------------------------------------------

#: The article as committed, and a digest of its clean text, offsets and kinds as the plain
#: per-character reading gives them (skip_sections as in its pack).
ARTICLE_SHA256 = "ab68f90b766f219176fc16f85c843839df137871089b156347082facaef65670"
ARTICLE_CLEAN_DIGEST = "82f68af4e805da29582d327df61c0307bfe7d7f98f003f208b8dcca82b716790"


def test_article_reads_as_before() -> None:
    original = ARTICLE.read_text(encoding="utf-8")
    text = SourceText(original, ["Literature"])
    at = text.clean.index("The relations of the United Mexican States")
    assert original[text.original_span(at, at + 1)[0] - 2 :].startswith("**T**he relations")
    assert "Mexico - Russia: the Prospects of Relations\n" in text.clean
    check_invariants(text)
    if hashlib.sha256(original.encode()).hexdigest() != ARTICLE_SHA256:
        pytest.skip("the article changed since its digest was taken")
    digest = json.dumps([text.clean, offsets(text), [list(k) for k in text.kinds]])
    assert hashlib.sha256(digest.encode()).hexdigest() == ARTICLE_CLEAN_DIGEST


# -- any source ---------------------------------------------------------------------------------


def check_invariants(text: SourceText) -> None:
    """What holds for every source: each clean character came from a character that folds to it
    (a space from whitespace or from the line break it stands for), offsets rise within a segment,
    and spaces never double, open a segment or end it."""
    clean, where = text.clean, offsets(text)
    assert "  " not in clean and " \n" not in clean and "\n " not in clean
    assert not clean or (clean[0] != " " and clean[-1] == "\n")
    for i, ch in enumerate(clean):
        source = text.original[where[i] : where[i] + 1]
        if ch == "\n" or (ch == " " and not source.isspace()):
            assert i and where[i] == where[i - 1] + 1  # stands for a line break or segment end
        elif ch != " ":
            assert fold(source) == ch, (i, ch, source)
    cursor = 0
    for start, end, _ in text.kinds:
        assert start == cursor and clean[end] == "\n"
        assert all(a < b for a, b in zip(where[start : end + 1], where[start + 1 : end + 1]))
        cursor = end + 1
    assert cursor == len(clean)


WORDS = [
    "the", "Nile", "river", "A", "1890", "6", "7", "Ph.", "end.", "Why?", "infor-", "mation",
    "co–", "“quoted”", "‘single’", "'plain'", '"plain"', "—", "–", "-", "**bold**", "*it*",
    "[link](http://x.y)", "http://a.b/c", "<https://a.b>", "<sup>1</sup>", "\\*", "#",
    "\u00a0", "\u2009", "\u200b", "\u00ad", "\t", "  ", "café", "cafe\u0301", "\r", "\u3000",
]
LINES = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join),  # running text
    st.lists(st.sampled_from(WORDS), max_size=6).map("".join),  # words run together
    st.sampled_from(["", " ", "---", "## Part", "# Literature", "<sup>2</sup> A note.", "HEADER"]),
    st.tuples(st.sampled_from([" ", "\t", "  ", "# "]), st.sampled_from(WORDS)).map("".join),
)
SOURCES = st.lists(LINES, max_size=20).map("\n".join)
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(SOURCES, st.sampled_from([(), ("Literature",), ("part",)]))
def test_invariants_hold_for_any_source(original: str, skip: tuple[str, ...]) -> None:
    check_invariants(SourceText(original, skip))


@PROPERTY
@given(SOURCES)
def test_typographic_quotes_change_nothing_but_the_characters(original: str) -> None:
    """Straight and curly quotes fold alike, one for one: swapping them must leave the clean text
    and every offset as they were (lines with curly quotes are folded, the others copied whole)."""
    curly = original.replace('"', "\u201d").replace("'", "\u2019")
    plain, typographic = SourceText(original), SourceText(curly)
    assert typographic.clean == plain.clean and typographic.kinds == plain.kinds
    assert offsets(typographic) == offsets(plain)


@PROPERTY
@given(SOURCES)
def test_crlf_line_ends_read_like_lf(original: str) -> None:
    """A source saved with CRLF (every line then goes character by character at its end) gives the
    same clean text, each character from the same place in its own original."""
    lf, crlf = SourceText(original), SourceText(original.replace("\n", "\r\n"))
    assert crlf.clean == lf.clean and crlf.kinds == lf.kinds
    for i, ch in enumerate(lf.clean):
        if ch not in " \n":
            a, b = lf.original_span(i, i + 1)
            c, d = crlf.original_span(i, i + 1)
            assert lf.original[a:b] == crlf.original[c:d]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=40))
def test_fold_of_ascii_text_skips_nothing_that_matters(text):
    """ASCII quotes skip NFC and the fold table in `fold`; the result must be what they would give."""
    import unicodedata

    from quizgen.source import _FOLD, _INLINE_DROP, _drop_groups

    full = unicodedata.normalize("NFC", text)
    for pattern in _INLINE_DROP:
        full = pattern.sub(_drop_groups, full)
    assert fold(text) == " ".join(full.translate(_FOLD).split())


_QUOTE_TEXT = st.one_of(
    st.lists(st.sampled_from(list("ab1 2\t\n\r\x1c\x0c<[*\\:/-h") + ["http", "https://x.y", "é", "\u00a0"]),
             max_size=10).map("".join),
    st.from_regex(r"[A-Z][a-z]{1,6}( [a-z0-9]{1,6}){0,5}", fullmatch=True),  # the usual quote
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_QUOTE_TEXT, max_size=6))
def test_fold_all_is_fold_of_each(quotes):
    """`fold_all` decides for all quotes at once whether fold would change any; never wrongly."""
    from quizgen.source import fold_all

    assert fold_all(quotes) == [fold(q) for q in quotes]


def test_fold_all_takes_plain_quotes_as_they_are():
    from quizgen.source import fold_all

    plain = ["The register of Kakalo was opened in 1500", "Moscow", ""]
    assert fold_all(plain) == plain
    assert fold_all(plain + ["two  spaces"])[-1] == "two spaces"
    assert fold_all(plain + ["in 1 9 2 4 too"])[-1] == fold("in 1 9 2 4 too")
    for odd in ([" lead", "b"], ["a", "trail "], ["a", " b"], ["a ", "b"], ["x\ty"], ["a\nb"]):
        assert fold_all(odd) == [fold(q) for q in odd] != odd
