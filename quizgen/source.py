"""A source text as facts cite it: print artefacts folded away, quotes found, sentences counted.

Sources arrive converted from print, with running page headers in mid-sentence, footnotes between the
two halves of a sentence, words hyphenated across lines, footnote markers and stray digits. An evidence
quote must be found in such a text without demanding byte equality, and must not be found when it is
not there. So we build a *clean* text once: footnotes become segments of their own, running headers and
markup are dropped, hyphenated words are joined, quotes and dashes are folded, whitespace collapses.
A quote is folded the same way and searched for in the clean text. Every clean character remembers its
offset in the original (kept as runs: most of a source is copied verbatim), so coverage maps can
highlight the original text.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate, chain

#: Characters folded to one form before matching (typographic quotes and dashes, odd spaces).
_FOLD = str.maketrans(
    {
        "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'",
        "—": "-", "–": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    }
)

#: Inline markup dropped from both the source and quotes; each pattern's groups (or the whole match)
#: are removed. (`\*\**` is `\*+`, faster on large sources.)
_INLINE_DROP = [
    re.compile(r"<sup>\s*[0-9a-z*]{1,3}\s*</sup>"),  # footnote markers
    re.compile(r"<https?://[^>\s]*>"),  # autolinks
    re.compile(r"(\[)[^\]\n]*(\]\([^)\s]*\))"),  # [text](url): keep the text
    re.compile(r"https?://[^\s)\]>]+"),  # bare URLs
    re.compile(r"\*\**"),  # emphasis
    re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!])"),  # Markdown escapes
    re.compile(r" (\d(?: \d)+)(?= )"),  # stray runs of single digits ("international 6 7 8 and")
]
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*[0-9a-z*]{1,3}\s*</sup>")
_HEADER_MAX = 80  # running headers are short lines

#: Text that none of `_INLINE_DROP` can match contains none of these (one search instead of seven).
_MAYBE_MARKUP = re.compile(r"[<\[*\\]|https?://|\d \d")

#: Every whitespace character but the plain space and the line break (all of them lie below U+3001;
#: a test checks the whole of Unicode).
_SPACES = "".join(sorted({chr(c) for c in range(0x3001) if chr(c).isspace()} - {" ", "\n"}))
#: `_FOLD` without its deletions, plus every other odd space as a plain space: one character for
#: one, so a line folded with it keeps its offsets (folded quotes and dashes need no bookkeeping).
_FOLD_IN_PLACE = {k: v for k, v in _FOLD.items() if v is not None} | {ord(c): " " for c in _SPACES}
_DELETED = "".join(sorted(chr(k) for k, v in _FOLD.items() if v is None))  # zero-width, soft hyphen
#: A line without any of these characters, markup to drop, double spaces or a space at either end
#: is copied into the clean text as it is.
_ODD_CHAR = re.compile(
    "[" + "".join(map(re.escape, sorted(set(_SPACES) | {chr(k) for k in _FOLD}))) + "]"
)
#: In a line folded with `_FOLD_IN_PLACE`: a spot where offsets shift or spaces collapse, taken one
#: character at a time (a run of spaces and deleted characters, or a lone deleted character; a lone
#: space opening a line is one too, matched by `_SPACE_RUN`). What lies between is copied whole.
_SPACE_SPOT = re.compile(f"[ {_DELETED}]{{2,}}|[{_DELETED}]")
_SPACE_RUN = re.compile(f"[ {_DELETED}]+")


def fold(text: str) -> str:
    """Fold a quote the way the clean source is folded (markup out, quotes/dashes, whitespace)."""
    plain = text.isascii()  # then NFC and the fold table change nothing (a tab is split away below)
    if not plain:
        text = unicodedata.normalize("NFC", text)
    if _MAYBE_MARKUP.search(text):
        for pattern in _INLINE_DROP:
            text = pattern.sub(_drop_groups, text)
    if not plain:
        text = text.translate(_FOLD)
    return " ".join(text.split())


#: What makes `fold` change an ASCII text other than markup: control spaces, and a space doubled,
#: at an end, or at a line break (checked in `fold_all` with `in`, which is far faster than a regex).
_ASCII_UNFOLDED = ("\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "  ", " \n", "\n ")
#: Where `_MAYBE_MARKUP` could match an ASCII text: its first branch's characters, the start of
#: its second; the third (a digit, a space, a digit) is left to a regex.
_ASCII_MARKUP = ("<", "[", "*", "\\", "http")
_DIGIT_SPACE_DIGIT = re.compile(r"\d \d")


def fold_all(quotes: list[str]) -> list[str]:
    """`fold` of each quote. Most are plain ASCII text that `fold` leaves as it is: checked on all
    of them at once, which saves 0.09 s of `fold` per 100k quotes."""
    joined = "\n".join(quotes)
    if (joined.isascii() and joined.count("\n") == len(quotes) - 1
            and not any(part in joined for part in _ASCII_UNFOLDED + _ASCII_MARKUP)
            and not joined.startswith(" ") and not joined.endswith(" ")
            and not _DIGIT_SPACE_DIGIT.search(joined)):
        return list(quotes)
    return [fold(q) for q in quotes]


def _drop_groups(match: re.Match[str]) -> str:
    """The match without its groups (nothing, for a pattern without groups)."""
    if not match.re.groups:
        return ""
    kept, cursor = [], match.start()
    for g in range(1, match.re.groups + 1):
        kept.append(match.string[cursor : match.start(g)])
        cursor = match.end(g)
    kept.append(match.string[cursor : match.end()])
    return "".join(kept)


class Segment:
    """A run of clean text being built: the body, one footnote, one heading, or a skipped paragraph.

    The text is a list of pieces (whole lines where nothing needed folding), and where each clean
    character came from is kept as runs: run k starts at clean position `starts[k]`, and position i
    in it came from `i + deltas[k]` in the original. A paragraph copied or folded in place is one
    run; each dropped character or collapsed space starts a new one.
    """

    __slots__ = ("deltas", "kind", "parts", "size", "starts")

    def __init__(self, kind: str) -> None:
        self.kind = kind  # body | footnote | heading | skipped
        self.parts: list[str] = []  # never empty strings, so parts[-1][-1] is the last character
        self.size = 0
        self.starts: list[int] = []
        self.deltas: list[int] = []

    def add(self, text: str, offset: int) -> None:
        """Append `text`, copied from `original[offset : offset + len(text)]`."""
        delta = offset - self.size
        if not self.deltas or self.deltas[-1] != delta:
            self.starts.append(self.size)
            self.deltas.append(delta)
        self.parts.append(text)
        self.size += len(text)

    def append(self, ch: str, offset: int) -> None:
        """Append one folded character; a space only after something that is not a space."""
        if ch == " " and (not self.size or self.parts[-1][-1] == " "):
            return
        self.add(ch, offset)

    def last(self, back: int = 1) -> str:
        """The last character (`back=2`: the one before it)."""
        tail = self.parts[-1]
        return tail[-back] if len(tail) >= back else self.parts[-2][-1]

    def last_offset(self) -> int:
        """Where the last character came from in the original."""
        return self.size - 1 + self.deltas[-1]

    def pop(self) -> None:
        tail = self.parts[-1]
        if len(tail) == 1:
            self.parts.pop()
        else:
            self.parts[-1] = tail[:-1]
        self.size -= 1
        if self.starts[-1] == self.size:  # that run is now empty
            self.starts.pop()
            self.deltas.pop()

    def rstrip(self) -> None:
        while self.size and self.parts[-1][-1] == " ":
            self.pop()

    def join_break(self, next_text: str) -> None:
        """Between two lines: join a word hyphenated across them, else leave one space."""
        self.rstrip()
        if (
            self.size >= 2
            and self.last() == "-"
            and self.last(2).isalpha()
            and next_text.lstrip()[:1].islower()
        ):
            self.pop()
        elif self.size:
            self.add(" ", self.last_offset() + 1)


@dataclass(frozen=True)
class Sentence:
    start: int  # in clean text
    end: int
    text: str
    factual: bool


class SourceText:
    """The clean, searchable form of one source file."""

    def __init__(self, original: str, skip_sections: list[str] | tuple[str, ...] = ()) -> None:
        self.original = unicodedata.normalize("NFC", original)
        self.skip = {s.casefold() for s in skip_sections}
        parts: list[str] = []
        starts: list[int] = []  # clean position where each run of offsets starts
        deltas: list[int] = []  # original offset minus clean position, within that run
        self.kinds: list[tuple[int, int, str]] = []
        size = 0
        for seg in self._segment():
            seg.rstrip()
            if not seg.size:
                continue
            self.kinds.append((size, size + seg.size, seg.kind))
            seg.add("\n", seg.last_offset() + 1)  # a quote never spans two segments
            parts.extend(seg.parts)
            for at, delta in zip(seg.starts, seg.deltas):
                if not deltas or deltas[-1] != delta - size:
                    starts.append(at + size)
                    deltas.append(delta - size)
            size += seg.size
        self.clean = "".join(parts)
        self._run_starts = starts
        self._run_deltas = deltas
        self._words: dict[str, list[int]] | None = None
        self._counts: tuple[Counter[str], dict[str, int]] | None = None

    # -- building -------------------------------------------------------------------------------

    def _segment(self) -> list[Segment]:
        """Read the original line by line into segments. Most lines are copied whole; only the lines
        `_odd_lines` picks are folded, from a copy of the source with quotes, dashes and odd spaces
        already replaced."""
        text = self.original
        drops = _drop_spans(text)
        mask = bytearray(len(text))  # 1 where markup is dropped
        for a, b in drops:
            mask[a:b] = b"\x01" * (b - a)
        odd_chars = [m.start() for m in _ODD_CHAR.finditer(text)]
        folded = text  # the same length as `text`, with each character folded in place
        for ch in {text[at] for at in odd_chars}:
            if ord(ch) in _FOLD_IN_PLACE:
                folded = folded.replace(ch, _FOLD_IN_PLACE[ord(ch)])
        lines = text.split("\n")
        line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        odd = _odd_lines(text, line_starts, odd_chars, drops)
        stripped = [line.strip() for line in lines]
        headings = [
            _HEADING.match(line) if s[:1] == "#" else None for line, s in zip(lines, stripped)
        ]
        headers = _running_headers(lines, stripped, headings)
        body = Segment("body")
        segments = [body]
        current: Segment | None = None  # the footnote or skipped paragraph being read
        skipping = False
        for i, line in enumerate(lines):
            first = stripped[i][:1]
            if not first:
                current = None
                continue
            heading = headings[i]  # (a line's first character rules out most regexes)
            if first in "-*_" and _RULE.match(line):
                continue
            if headers and (line[heading.end() :].strip() if heading else stripped[i]) in headers:
                continue
            start, end = line_starts[i], line_starts[i] + len(line)
            if heading:
                current = None
                title = line[heading.end() :]
                skipping = fold(title.strip()).casefold() in self.skip
                seg = Segment("heading")
                if i in odd:
                    _feed_folded(seg, folded, start + heading.end(), end, mask)
                elif title:
                    seg.add(title, start + heading.end())
                segments.append(seg)
                continue
            if first == "<" and _FOOTNOTE.match(line):
                current = Segment("footnote")
                segments.append(current)
            elif skipping and current is None:
                current = Segment("skipped")
                segments.append(current)
            target = current if current is not None else body
            if i in odd:
                if target.size:
                    target.join_break("".join(text[a:b] for a, b in _kept(start, end, mask)))
                _feed_folded(target, folded, start, end, mask)
            else:  # the common line: copied as it is
                if target.size:
                    target.join_break(line)
                target.add(line, start)
        return segments

    # -- using ----------------------------------------------------------------------------------

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) in the clean text where the folded quote occurs; empty if none.

        A quote of three or more words is anchored on its rarest interior word, a whole word of
        the text in every occurrence: each position of that word (`word_index`) is checked.
        Shorter quotes are searched for plainly."""
        needle = fold(quote)
        if not needle:
            return []
        clean = self.clean
        parts = needle.split(" ")
        if len(parts) >= 3:
            word = min(parts[1:-1], key=self.word_counts()[0].__getitem__)
            shift = needle.find(f" {word} ") + 1
            starts = [at - shift for at in self.word_index().get(word, ())
                      if at >= shift and clean.startswith(needle, at - shift)]
        else:
            starts, at = [], clean.find(needle)
            while at != -1:
                starts.append(at)
                at = clean.find(needle, at + 1)
        return [(at, at + len(needle)) for at in starts]

    def contains_all(self, quotes: list[str]) -> list[bool]:
        """Whether each quote occurs (folded) in the clean text: `bool(find(q))` for each, anchored
        like `find` but on the rarest word's count and first position (`word_counts`,
        built at C speed): a word that occurs once settles it with one comparison, else the search
        starts at its first occurrence."""
        clean = self.clean
        counts, first = self.word_counts()
        rarity = counts.__getitem__  # a Counter: 0 for a word not there
        out = []
        for needle in fold_all(quotes):
            parts = needle.split(" ")
            if not needle:
                out.append(False)
            elif len(parts) < 3:
                out.append(clean.find(needle) != -1)
            else:
                word = min(parts[1:-1], key=rarity)
                times = counts[word]
                at = first.get(word, 0) - needle.find(f" {word} ") - 1
                if times == 1:
                    out.append(at >= 0 and clean.startswith(needle, at))
                else:
                    out.append(times > 1 and clean.find(needle, max(at, 0)) != -1)
        return out

    def word_counts(self) -> tuple[Counter[str], dict[str, int]]:
        """How often each space-delimited word of the clean text occurs, and where it first
        starts (built once, on first use, at C speed)."""
        if self._counts is None:
            words, starts = self._words_and_starts()
            first = dict(zip(reversed(words), reversed(starts)))  # earlier positions written last
            self._counts = (Counter(words), first)
        return self._counts

    def word_index(self) -> dict[str, list[int]]:
        """Where each space-delimited word of the clean text starts (built once, on first use)."""
        if self._words is None:
            index: defaultdict[str, list[int]] = defaultdict(list)
            for word, at in zip(*self._words_and_starts()):
                index[word].append(at)
            self._words = index
        return self._words

    def _words_and_starts(self) -> tuple[list[str], list[int]]:
        """The clean text's space-delimited words and where each starts."""
        words = self.clean.split(" ")
        lengths_before = accumulate(map(len, words), initial=0)  # letters before word i
        return words, list(map(operator.add, lengths_before, range(len(words))))  # + i spaces

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that a clean span came from."""
        return self._offset(start), self._offset(end - 1) + 1

    def _offset(self, i: int) -> int:
        """Where clean character i came from in the original (negative i counts from the end)."""
        i = operator.index(i)
        if i < 0:
            i += len(self.clean)
        if not 0 <= i < len(self.clean):
            raise IndexError("clean position out of range")
        run = bisect_right(self._run_starts, i) - 1
        return i + self._run_deltas[run]

    def sentences(self) -> list[Sentence]:
        """Sentences of the body and footnotes (not headings or skipped sections)."""
        out: list[Sentence] = []
        for start, end, kind in self.kinds:
            if kind not in ("body", "footnote"):
                continue
            for a, b in _split_sentences(self.clean, start, end):
                text = self.clean[a:b]
                out.append(Sentence(a, b, text, _is_factual(text)))
        return out


def _drop_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that the inline markup patterns drop (they may overlap)."""
    spans = []
    for pattern in _INLINE_DROP:
        if pattern.groups:
            groups = range(1, pattern.groups + 1)
            spans.extend((m.start(g), m.end(g)) for m in pattern.finditer(text) for g in groups)
        else:
            spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _odd_lines(
    text: str, line_starts: list[int], odd_chars: list[int], drops: list[tuple[int, int]]
) -> set[int]:
    """Indices of the lines that cannot be copied as they are: those with an odd character (at one
    of `odd_chars`), markup to drop, a double space or a space at either end. Found by scanning the
    whole source once per kind of spot, so the other lines cost nothing."""
    spots = list(odd_chars)
    # (A space ending a line would be stripped anyway; checked so a copied line never ends in one.)
    for needle, shift in (("  ", 0), (" \n", 0), ("\n ", 1)):
        at = text.find(needle)
        while at != -1:
            spots.append(at + shift)
            at = text.find(needle, at + 1)
    if text[:1] == " ":
        spots.append(0)
    if text[-1:] == " ":
        spots.append(len(text) - 1)
    odd = {bisect_right(line_starts, at) - 1 for at in spots}
    for a, b in drops:
        if b > a:
            odd.update(range(bisect_right(line_starts, a) - 1, bisect_right(line_starts, b - 1)))
    return odd


def _running_headers(
    lines: list[str], stripped: list[str], headings: list[re.Match[str] | None]
) -> set[str]:
    """Short standalone lines that repeat: page headers left by the conversion from print."""
    quiet = [not s or h is not None for s, h in zip(stripped, headings)]  # blank or a heading
    quiet.append(True)  # past the last line (and, as quiet[-1], before the first)
    counts: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if not quiet[i - 1] or not quiet[i + 1]:
            continue  # not standalone
        heading = headings[i]
        key = line[heading.end() :].strip() if heading else stripped[i]
        if not key or len(key) > _HEADER_MAX or _FOOTNOTE.match(line) or _RULE.match(line):
            continue
        counts[key] += 1
    return {key for key, n in counts.items() if n >= 2}


def _kept(start: int, end: int, mask: bytearray) -> list[tuple[int, int]]:
    """The (from, to) pieces of `[start, end)` that no markup pattern drops."""
    pieces = []
    while start < end:
        cut = mask.find(1, start, end)
        if cut == -1:
            pieces.append((start, end))
            break
        if cut > start:
            pieces.append((start, cut))
        start = mask.find(0, cut, end)
        if start == -1:
            break
    return pieces


def _feed_folded(seg: Segment, folded: str, start: int, end: int, mask: bytearray) -> None:
    """Append `folded[start:end]` (a line, or a heading's title) but for dropped markup, deleted
    characters and extra spaces. Only the spots where spaces collapse or characters vanish go
    character by character; what lies between them is copied whole."""
    for a, b in _kept(start, end, mask):
        piece = folded[a:b]
        done = 0  # piece[:done] is in the segment
        spots = _SPACE_SPOT.finditer(piece)
        if piece[0] == " ":  # kept only after something that is no space
            lead = _SPACE_RUN.match(piece)
            spots = chain((lead,), _SPACE_SPOT.finditer(piece, lead.end()))
        for spot in spots:
            if spot.start() > done:  # no space at either end of this stretch
                seg.add(piece[done : spot.start()], a + done)
            for j in range(spot.start(), spot.end()):
                if piece[j] == " ":  # else a deleted character
                    seg.append(" ", a + j)
            done = spot.end()
        if done < len(piece):
            seg.add(piece[done:], a + done)
    seg.rstrip()


_ABBREVIATIONS = {"ph", "d", "vol", "ed", "st", "mr", "mrs", "dr", "no", "pp", "p", "vs", "cf", "jr", "sr"}
_END = re.compile(r"[.!?](?:[\"')\]]|\d{1,2}(?=\s))*(?=\s+[\"(\[]?[A-Z0-9])")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _END.finditer(text, start, end):
        word = re.search(r"(\w+)\W*$", text[cursor : m.start() + 1])
        token = word.group(1) if word else ""
        if text[m.start()] == "." and (
            token.casefold() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())
        ):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
        while cursor < end and text[cursor] == " ":
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _is_factual(sentence: str) -> bool:
    """States a year, a number or a proper name (a capitalised word that does not open it)."""
    if re.search(r"\d", sentence):
        return True
    words = _WORD.findall(sentence)
    return any(w[0].isupper() and w != "I" for w in words[1:])
