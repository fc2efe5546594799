"""Answer normalisation: when two written answers are the same answer.

Used wherever a wrong answer must not be the right one in disguise: hand-written distractors,
generated distractors, accepted aliases. Case, accents, punctuation, a leading article and
whitespace do not make two answers different.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
#: A thousands separator inside a number ("1,100", "6 650"): written or not, it is the same number.
_THOUSANDS = re.compile(r"(?<=\d)[,.\u00a0\u202f ](?=\d{3}(?!\d))")
_NON_WORD = re.compile(r"[^\w]+")


#: ASCII bytes as the general rule sees them: a word character (letter, digit, "_") lowercased,
#: anything else a space.
_ASCII_WORDS = bytes((c + 32 if 65 <= c <= 90 else c) if (chr(c).isalnum() or c == 95) else 32
                     for c in range(128)) + bytes(range(128, 256))
_NOT_DIGITS = bytes(c for c in range(256) if not 48 <= c <= 57)


def normalize_answer(text: str) -> str:
    """A comparison key: 'Lázaro Cárdenas' and 'lazaro  cardenas.' give the same key."""
    if text.isascii():
        return _normalize_ascii(text)
    return _normalize_general(text)


def _normalize_ascii(text: str) -> str:
    """The same key for ASCII text, where NFKD and dropping combining marks change nothing and
    casefold is lower, computed on bytes: several times faster (a fact base of 100k facts
    normalises some 200k questions per quiz). A test checks it against `_normalize_general`."""
    raw = text.encode("ascii")
    if raw.translate(None, _NOT_DIGITS):  # digits: thousands separators may go
        raw = _THOUSANDS.sub("", text).encode("ascii")
    low = raw.translate(_ASCII_WORDS).strip()
    if low.startswith((b"the ", b"a ", b"an ")):  # `_ARTICLES`: runs of non-word are spaces now
        low = low.split(b" ", 1)[1]
    return b" ".join(low.replace(b"_", b" ").split()).decode("ascii")


def _normalize_general(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _THOUSANDS.sub("", text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.casefold().strip()
    lowered = _NON_WORD.sub(" ", lowered).strip()
    lowered = _ARTICLES.sub("", lowered)
    return " ".join(lowered.replace("_", " ").split())


def same_answer(a: str, b: str) -> bool:
    return normalize_answer(a) == normalize_answer(b)


_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each for from further had has have
having he her here hers him his how i if in into is it its itself just me more most my no nor not of
off on once or other our ours out over own same she should so some such than that the their theirs
them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours whose upon among via per
"""
#: Words that carry no content of their own (a small English list).
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def words(text: str) -> list[str]:
    """Normalised words in order: 'Lázaro Cárdenas, 1934' -> ['lazaro', 'cardenas', '1934']."""
    return normalize_answer(text).split()


def content_words(text: str) -> set[str]:
    """Words of 3 or more characters that are not stopwords (numbers of any length count)."""
    return {w for w in words(text) if (len(w) >= 3 or w.isdigit()) and w not in STOPWORDS}


_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spelled(n: int) -> str | None:
    """A whole number from 0 to 99 in words ('forty two'), as `normalize_answer` leaves it; None
    for other numbers."""
    if 0 <= n < 20:
        return _UNITS[n]
    if 20 <= n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens - 2] + (f" {_UNITS[unit]}" if unit else "")
    return None


#: Words a written answer may open with because the question asked for them ("Where...?" -> "in
#: bookstores", "Until when...?" -> "until 2000", "Why...?" -> "because of the distance", "For
#: what...?" -> "for understanding").
ECHO_OPENERS = ("because of", "due to", "in", "at", "on", "by", "to", "from", "until", "because",
                "since", "through", "during", "of", "for", "with", "as", "into", "about", "against")
#: A written answer that holds an accepted one may add this many words ("military bases in Latin
#: America" for "military bases"), and no word that negates it.
EXTRA_WORDS = 4
NEGATIONS = frozenset({"not", "no", "never", "neither", "nor", "without", "non"})
#: Nor a second answer beside it ("Moscow or Saint Petersburg", "maybe 1925, 1930": a number too),
#: nor a word that makes it another person ("George Bush Jr" for "George Bush").
ALTERNATIVES = frozenset({"or", "and", "either", "versus", "vs", "maybe", "perhaps", "possibly",
                          "probably", "jr", "junior", "sr", "senior"})
#: Titles a name may be written with: "President Bush" for an accepted "Bush".
TITLES = frozenset({"president", "general", "patriarch", "tsar", "czar", "emperor", "king", "queen",
                    "minister", "ambassador", "comrade", "dr", "mr", "mrs", "ms", "sir", "senator"})
#: Words a written answer is judged without, wherever they stand ("sever its ties" is "sever ties").
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your"})

_POSSESSIVE = re.compile(r"(\w)['’]s\b")  # "the UN's Charter"
_DECADES = re.compile(r"(\d)['’]s\b")  # "the 1700's" is "the 1700s"
_OPENERS = [tuple(o.split()) for o in ECHO_OPENERS]


#: Whole numbers from 0 to 99 in words, one word or two ("twenty two"), to their digits.
_NUMBER_WORDS = {spelled(n): str(n) for n in range(100)}
#: Words that multiply the number before them ("22 thousand" is 22000).
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def _numbers(words: list[str]) -> list[str]:
    """Numbers written in words as digits: ['twenty', 'two'] -> ['22'], ['two'] -> ['2'],
    ['22', 'thousand'] -> ['22000']."""
    out: list[str] = []
    i = 0
    while i < len(words):
        step = 2 if " ".join(words[i:i + 2]) in _NUMBER_WORDS else 1
        out.append(_NUMBER_WORDS.get(" ".join(words[i:i + step]), words[i]))
        i += step
    scaled: list[str] = []  # "22 thousand" -> "22000"
    for w in out:
        # Only ASCII digits scale, as on the self-check page (/^\d+$/): int() refuses some digits
        # isdigit() takes ("፫"), and the page would leave "٣ thousand" as it is.
        if w in SCALES and scaled and scaled[-1].isascii() and scaled[-1].isdigit():
            scaled[-1] = str(int(scaled[-1]) * SCALES[w])
        else:
            scaled.append(str(SCALES[w]) if w in SCALES else w)  # "a hundred" -> "100"
    return scaled


def marking_words(text: str) -> list[str]:
    """The words a written answer is judged by: normalised, a possessive 's dropped ("1700's" is
    "1700s"), a "/" read as "or", no determiner, numbers in words as digits and scaled ("The UN's
    Charter" -> ['un', 'charter'], "twenty-two thousand" -> ['22000'], "Moscow/Kyiv" -> ['moscow',
    'or', 'kyiv'])."""
    text = _POSSESSIVE.sub(r"\1", _DECADES.sub(r"\1s", text)).replace("/", " or ")
    words = normalize_answer(text).split()
    return _numbers([w for w in words if w not in DETERMINERS])


def _same_word(a: str, b: str) -> bool:
    """One word in its singular or plural ("base"/"bases", "city"/"cities"); a number only as
    written ("1930s", a decade, is not "1930")."""
    if a == b:
        return True
    if a[0].isdecimal() or b[0].isdecimal():  # a decimal digit, the page's \p{Nd}
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return (long_ in (short + "s", short + "es")
            or short.endswith("y") and long_ == short[:-1] + "ies")


def _same(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(map(_same_word, a, b))


def _drop_opener(words: list[str]) -> list[str]:
    for opener in _OPENERS:
        if tuple(words[:len(opener)]) == opener and len(words) > len(opener):
            return words[len(opener):]
    return words


def written_answer_ok(given: str, accepted: list[str]) -> bool:
    """Is a student's written answer right? `accepted` is the answer first, then its other
    accepted forms. Words are compared without case, accents, punctuation, determiners ("the",
    "its"...) or a possessive 's, in singular or plural (a number only as written). Right when it
    is one of them, or is after dropping a word that echoes the question ("in", "for", "because
    of"...), or when it holds one as whole words with at most EXTRA_WORDS more, none of them a
    negation, a second answer ("or", "and", "/") or a number. That last allowance is for the answer
    itself, for forms that are numbers ("77,000 tourists") and for forms of two words or more: a
    one-word form ("Charter" for "the UN Charter") is a short way to say the answer, and inside a
    longer answer ("the Atlantic Charter") it may name something else. The self-check page applies
    the same rule (a browser test holds them together)."""
    mine = marking_words(given)
    if not mine:
        return False
    bare = _drop_opener(mine)
    names = marking_words(accepted[0]) if accepted else []  # an initial stands for one of these
    for i, answer in enumerate(accepted):
        want = marking_words(answer)
        if not want:
            continue
        if _same(want, mine) or _same(want, bare) or _same(_drop_opener(want), bare):
            return True
        if i and len(want) == 1 and not want[0][0].isdecimal():
            # a one-word form counts on its own, or after a title or an initial of the answer's
            # other names ("President Bush", "R. Mercader"; not "C. Mercader", his mother)
            lead = bare[0] if len(bare) == 2 else ""
            initial = len(lead) == 1 and lead.isalpha() and any(
                w[0] == lead and not _same_word(w, want[0]) for w in names)
            if (lead in TITLES or initial) and _same_word(bare[1], want[0]):
                return True
            continue
        if not 0 <= len(bare) - len(want) <= EXTRA_WORDS:
            continue
        for at in range(len(bare) - len(want) + 1):
            if _same(bare[at:at + len(want)], want):
                extra = bare[:at] + bare[at + len(want):]
                if not any(w in NEGATIONS or w in ALTERNATIVES or w[0].isdecimal() for w in extra):
                    return True
    return False
