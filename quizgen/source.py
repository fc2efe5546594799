"""A source text as facts cite it: print artefacts folded away, quotes found, sentences counted.

Sources arrive converted from print, with running page headers in mid-sentence, footnotes between the
two halves of a sentence, words hyphenated across lines, footnote markers and stray digits. An evidence
quote must be found in such a text without demanding byte equality, and must not be found when it is
not there. So we build a *clean* text once: footnotes become segments of their own, running headers and
markup are dropped, hyphenated words are joined, quotes and dashes are folded, whitespace collapses.
A quote is folded the same way and searched for in the clean text. Every clean character remembers its
offset in the original, so coverage maps can highlight the original text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from itertools import accumulate
from dataclasses import dataclass, field

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

#: Inline markup dropped from both the source and quotes; each pattern's group 1 (or the whole match)
#: is removed.
_INLINE_DROP = [
    re.compile(r"<sup>\s*[0-9a-z*]{1,3}\s*</sup>"),  # footnote markers
    re.compile(r"<https?://[^>\s]*>"),  # autolinks
    re.compile(r"(\[)[^\]\n]*(\]\([^)\s]*\))"),  # [text](url): keep the text
    re.compile(r"https?://[^\s)\]>]+"),  # bare URLs
    re.compile(r"\*+"),  # emphasis
    re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!])"),  # Markdown escapes
    re.compile(r"(?<= )\d(?: \d)+(?= )"),  # stray runs of single digits ("international 6 7 8 and")
]
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_FOOTNOTE = re.compile(r"^\s*<sup>\s*[0-9a-z*]{1,3}\s*</sup>")
_HEADER_MAX = 80  # running headers are short lines
#: `find` indexes texts longer than this (a short text is searched directly).
_INDEX_FROM = 50_000


#: Text that none of `_INLINE_DROP` can match contains none of these (one search instead of seven).
_MAYBE_MARKUP = re.compile(r"[<\[*\\]|https?://|\d \d")
#: A line that `_feed` can take whole: nothing to fold, no space but single inner ones.
_PLAIN_LINE = re.compile(r"[^\S ]|  |^ | $")


def fold(text: str) -> str:
    """Fold a quote the way the clean source is folded (markup out, quotes/dashes, whitespace)."""
    text = unicodedata.normalize("NFC", text)
    if _MAYBE_MARKUP.search(text):
        for pattern in _INLINE_DROP:
            text = pattern.sub(lambda m: _drop_groups(m), text)
    text = text.translate(_FOLD)
    return " ".join(text.split())


def _drop_groups(match: re.Match[str]) -> str:
    if not match.re.groups:
        return ""
    whole = match.group(0)
    kept, cursor = [], match.start()
    for g in range(1, match.re.groups + 1):
        kept.append(whole[cursor - match.start() : match.start(g) - match.start()])
        cursor = match.end(g)
    kept.append(whole[cursor - match.start() :])
    return "".join(kept)


@dataclass
class Segment:
    """A run of clean text: the body, one footnote, one heading, or a skipped section's paragraph."""

    kind: str  # body | footnote | heading | skipped
    chars: list[str] = field(default_factory=list)
    offsets: array[int] = field(default_factory=lambda: array("q"))  # compact: millions of them

    def append(self, ch: str, offset: int) -> None:
        if ch == " ":
            if not self.chars or self.chars[-1] == " ":
                return
        self.chars.append(ch)
        self.offsets.append(offset)

    def join_break(self, next_text: str) -> None:
        """Between two lines: join a word hyphenated across them, else leave one space."""
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        nxt = next_text.lstrip()
        if (
            len(self.chars) >= 2
            and self.chars[-1] == "-"
            and self.chars[-2].isalpha()
            and nxt[:1].islower()
        ):
            self.chars.pop()
            self.offsets.pop()
        elif self.chars:
            self.append(" ", self.offsets[-1] + 1)


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
        self.segments = self._segment()
        chars: list[str] = []
        offsets: array[int] = array("q")
        self.kinds: list[tuple[int, int, str]] = []
        for seg in self.segments:
            while seg.chars and seg.chars[-1] == " ":
                seg.chars.pop()
                seg.offsets.pop()
            if not seg.chars:
                continue
            start = len(chars)
            chars.extend(seg.chars)
            offsets.extend(seg.offsets)
            self.kinds.append((start, len(chars), seg.kind))
            chars.append("\n")  # a quote never spans two segments
            offsets.append(seg.offsets[-1] + 1)
        self.clean = "".join(chars)
        self.offsets = offsets
        self._words: dict[str, list[int]] | None = None

    # -- building -------------------------------------------------------------------------------

    def _drop_mask(self) -> bytearray:
        mask = bytearray(len(self.original))
        for pattern in _INLINE_DROP:
            for m in pattern.finditer(self.original):
                spans = (
                    [(m.start(g), m.end(g)) for g in range(1, pattern.groups + 1)]
                    if pattern.groups
                    else [(m.start(), m.end())]
                )
                for a, b in spans:
                    mask[a:b] = b"\x01" * (b - a)
        return mask

    def _lines(self) -> list[tuple[int, str]]:
        out, pos = [], 0
        for line in self.original.split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
        return out

    def _running_headers(self, lines: list[tuple[int, str]]) -> set[str]:
        """Short standalone lines that repeat: page headers left by the conversion from print."""
        counts: Counter[str] = Counter()
        for i, (_, line) in enumerate(lines):
            key = _HEADING.sub("", line).strip()
            if not key or len(key) > _HEADER_MAX or _FOOTNOTE.match(line) or _RULE.match(line):
                continue
            before = lines[i - 1][1].strip() if i else ""
            after = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
            standalone = (not before or _HEADING.match(lines[i - 1][1])) and (
                not after or _HEADING.match(lines[i + 1][1])
            )
            if standalone:
                counts[key] += 1
        return {key for key, n in counts.items() if n >= 2}

    def _segment(self) -> list[Segment]:
        mask = self._drop_mask()
        lines = self._lines()
        headers = self._running_headers(lines)
        body = Segment("body")
        segments = [body]
        current: Segment | None = None  # the footnote or skipped paragraph being read
        skipping = False
        for start, line in lines:
            stripped = line.strip()
            if not stripped:
                current = None
                continue
            if _RULE.match(line) or _HEADING.sub("", line).strip() in headers:
                continue
            heading = _HEADING.match(line)
            if heading:
                current = None
                title = line[heading.end() :].strip()
                skipping = fold(title).casefold() in self.skip
                seg = Segment("heading")
                self._feed(seg, start + heading.end(), line[heading.end() :], mask)
                segments.append(seg)
                continue
            if _FOOTNOTE.match(line):
                current = Segment("footnote")
                segments.append(current)
            elif skipping and current is None:
                current = Segment("skipped")
                segments.append(current)
            target = current or body
            if target.chars:
                target.join_break(self._visible(line, start, mask))
            self._feed(target, start, line, mask)
        return segments

    @staticmethod
    def _visible(line: str, start: int, mask: bytearray) -> str:
        if not any(mask[start : start + len(line)]):
            return line
        return "".join(ch for i, ch in enumerate(line) if not mask[start + i])

    @staticmethod
    def _feed(seg: Segment, start: int, text: str, mask: bytearray) -> None:
        if (
            text
            and not any(mask[start : start + len(text)])
            and text.translate(_FOLD) == text
            and not _PLAIN_LINE.search(text)
        ):
            # The common line: every character kept as it is, so take it whole (a large source
            # has millions of characters; the loop below is for lines with something to fold).
            seg.chars.extend(text)
            seg.offsets.extend(range(start, start + len(text)))
            return
        for i, ch in enumerate(text):
            if mask[start + i]:
                continue
            folded = ch.translate(_FOLD)
            if folded == "":
                continue
            if folded.isspace():
                folded = " "
            seg.append(folded, start + i)
        while seg.chars and seg.chars[-1] == " ":
            seg.chars.pop()
            seg.offsets.pop()

    # -- using ----------------------------------------------------------------------------------

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) in the clean text where the folded quote occurs; empty if none."""
        needle = fold(quote)
        return [(at, at + len(needle)) for at in self._occurrences(needle)] if needle else []

    def contains_all(self, quotes: list[str]) -> list[bool]:
        """Whether each quote occurs (folded) in the clean text: `bool(find(q))` for each, but
        stopping at the first occurrence (validation asks this of every fact)."""
        return [bool(needle) and bool(self._occurrences(needle, first=True))
                for needle in map(fold, quotes)]

    def _occurrences(self, needle: str, *, first: bool = False) -> list[int]:
        """Start of every occurrence of `needle` (a folded quote), or only the first with `first`.

        A large text is indexed once by word (`word_index`): a needle of three or more words is
        anchored on its rarest interior word, which stands as a whole word in every occurrence, so
        checking each position of that word finds every occurrence and nothing else. Shorter
        needles are searched for plainly."""
        clean = self.clean
        parts = needle.split(" ")
        if len(clean) > _INDEX_FROM and len(parts) >= 3:
            index = self.word_index()
            word = min(parts[1:-1], key=lambda w: len(index.get(w, ())))
            shift = needle.find(f" {word} ") + 1
            found = []
            for at in index.get(word, ()):
                if at >= shift and clean.startswith(needle, at - shift):
                    found.append(at - shift)
                    if first:
                        break
            return found
        found, at = [], clean.find(needle)
        while at != -1:
            found.append(at)
            if first:
                break
            at = clean.find(needle, at + 1)
        return found

    def word_index(self) -> dict[str, list[int]]:
        """Where each space-delimited word of the clean text starts (built once, on first use)."""
        if self._words is None:
            words = self.clean.split(" ")
            before = accumulate(map(len, words), initial=0)  # letters before word i (+ i spaces)
            index: dict[str, list[int]] = {}
            get = index.get
            for i, (word, at) in enumerate(zip(words, before)):
                hit = get(word)
                if hit is None:
                    index[word] = [at + i]
                else:
                    hit.append(at + i)
            self._words = index
        return self._words

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that a clean span came from."""
        return self.offsets[start], self.offsets[end - 1] + 1

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
