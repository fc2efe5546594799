"""The passage of a source nearest to a quote that is not in it, and what differs.

A quote that is one word off ("the city of" for "the town of") should say so. The source's word
counts (`SourceText.word_counts`, built once) give the quote's rarest words; each occurrence of
those anchors marks a small window of the clean text, and `difflib.SequenceMatcher` compares the
quote with each window word by word. Only a few windows are compared, so a large pack stays fast.
"""

from __future__ import annotations

import difflib
import weakref

from .source import SourceText, fold

#: Anchor words tried, and occurrences of each, at most.
ANCHORS = 3
PLACES = 8
#: How alike (SequenceMatcher ratio over words) a passage must be to be offered.
MIN_RATIO = 0.6


#: Searches per source text (per process): a pack checked against the wrong edition of its
#: source would otherwise search for every one of its quotes (2-3 ms each).
SEARCHES_PER_SOURCE = 50
_searches: weakref.WeakKeyDictionary[SourceText, int] = weakref.WeakKeyDictionary()


def nearest_passage(source: SourceText, quote: str) -> tuple[str, str] | None:
    """(passage, what differs) for the passage most like `quote`, or None if none is close (or
    this source has had its `SEARCHES_PER_SOURCE` searches)."""
    words = fold(quote).split()
    done = _searches.get(source, 0)
    if not words or done >= SEARCHES_PER_SOURCE:
        return None
    _searches[source] = done + 1
    counts, _ = source.word_counts()
    index = source.word_index()
    anchors = sorted((w for w in set(words) if counts.get(w)), key=lambda w: counts[w])[:ANCHORS]
    clean = source.clean
    keys = _keys(words)
    best: tuple[float, list[str]] | None = None
    for word in anchors:
        offset = words.index(word)
        for at in index.get(word, ())[:PLACES]:
            before = clean[max(0, at - 200):at].split()[-(offset + 3):] if offset + 3 else []
            after = clean[at:at + 40 * (len(words) - offset + 3)].split()[: len(words) - offset + 3]
            window = before + after
            matcher = difflib.SequenceMatcher(None, keys, _keys(window), autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            if not blocks:
                continue
            first, last = blocks[0], blocks[-1]
            # the words of the quote before the first match and after the last one are compared too
            start = max(0, first.b - first.a)
            end = min(len(window), last.b + last.size + len(words) - last.a - last.size)
            passage = window[start:end]
            ratio = difflib.SequenceMatcher(None, keys, _keys(passage), autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, passage)
    if best is None or best[0] < MIN_RATIO:
        return None
    passage = best[1]
    return " ".join(passage), _differences(words, passage)


def _keys(words: list[str]) -> list[str]:
    """Words as compared: without the punctuation around them, case folded."""
    return [w.strip(".,;:!?()[]\"'«»“”‘’").casefold() for w in words]


def _differences(quote: list[str], passage: list[str]) -> str:
    """'the source has "town" where the quote has "city"', for each place they differ."""
    out = []
    matcher = difflib.SequenceMatcher(None, _keys(quote), _keys(passage), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        mine, theirs = " ".join(quote[a1:a2]), " ".join(passage[b1:b2])
        if op == "replace":
            out.append(f'the source has "{theirs}" where the quote has "{mine}"')
        elif op == "delete":
            out.append(f'the source has no "{mine}"')
        elif op == "insert":
            out.append(f'the source has "{theirs}" more')
    return "; ".join(out[:3]) if out else "only spacing or punctuation differs"
