"""Facts -> Anki notes: fields (HTML-escaped), tags, sort field, deck, cards, and the note GUID.

Pure: no disk, no clock. Modification times are assigned later (`stamps.py`) from each note's
`content_hash`, so a note's identity (GUID) and its content are kept apart on purpose: the GUID says
*which* fact a note is, the hash says *what* it currently says.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses

from ..model import CardKind, LoadedPack, LocatedFact
from ..progress import progress
from ..recipe import DeckSettings
from .decks import topic_deck_name
from genanki import guid_for

from ..quiz import rules
from .notetype import CARD_ORD, FIELDS

#: What a blank looks like on the front of a fill-in-the-blank card (Anki's cloze uses the same).
BLANK = '<span class="qz-blank">[...]</span>'


def note_guid(pack_id: str, fact_id: str) -> str:
    """The Anki GUID of a fact's note: derived from pack + fact id only, never from its text.

    Anki matches an imported note to the learner's copy by GUID, so editing a fact's wording updates
    its note instead of adding a duplicate (genanki's default GUID hashes the fields, which is exactly
    what breaks that). Stable forever: every Anki export (.apkg, CSV) must use this function. It is
    genanki's own `guid_for` (SHA-256, first 8 bytes, Anki's base 91) of one key string.
    """
    return guid_for(f"quizgen-fact\x1f{pack_id}\x1f{fact_id}")


@dataclass(slots=True, kw_only=True, unsafe_hash=True)
class AnkiNote:
    """One fact as an Anki note, before it gets its modification time.

    A slotted dataclass, not a pydantic model: a deck build makes one per fact (100k and more),
    and every value here is built by `build_notes` from already validated facts.
    """

    key: str  # pack/fact id
    guid: str
    fields: tuple[str, ...]  # in notetype.FIELDS order, HTML
    sort_field: str  # plain text
    tags: tuple[str, ...]
    deck: str  # full deck name (Parent::Topic)
    ords: tuple[int, ...]  # card template ords this note makes
    due: int  # position in pack order: new cards are studied in this order
    _hash: str | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def content_hash(self) -> str:
        """Everything an import updates in the learner's copy: fields, tags, and the cards and deck
        it should have. Only a change here may advance the note's modification time.

        The hash of `json.dumps([fields, tags, deck, ords], ensure_ascii=False)`, spelled out with
        json's own string encoder (much faster than json.dumps per note; the same bytes, so stamps
        recorded by earlier builds still match)."""
        if self._hash is None:
            fields = ", ".join(map(encode_basestring, self.fields))
            blob = f"[[{fields}{_hash_tail(self.tags, self.deck, self.ords)}"
            self._hash = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        return self._hash


@functools.lru_cache(maxsize=4096)
def _hash_tail(tags: tuple[str, ...], deck: str, ords: tuple[int, ...]) -> str:
    """The end of a note's hashed JSON after its fields (shared by the many notes of one topic)."""
    enc = encode_basestring
    return f"], [{', '.join(map(enc, tags))}], {enc(deck)}, [{', '.join(map(str, ords))}]]"


def card_kinds(settings: DeckSettings, lf: LocatedFact) -> list[CardKind]:
    """The card kinds a fact makes: the recipe's kinds narrowed by the fact's own `cards`."""
    wanted = set(lf.fact.cards)
    return [k for k in settings.cards if k in wanted]


def _source_line(pack: LoadedPack, source_id: str | None) -> str:
    sources = pack.pack.sources
    source = (
        next((s for s in sources if s.id == source_id), sources[0]) if source_id else sources[0]
    )
    line = f"{source.title} — {', '.join(source.authors)}"
    return f"{line} ({source.year})" if source.year else line


#: Anki's own markup in field text, and what shows it literally instead: every "[" as an entity
#: (no [sound:...], [anki:tts], [latex], [$] or [$$] tag can form), "{{" as entities (no cloze or
#: field reference), and a zero-width space after a backslash before "(" or "[" (no MathJax
#: delimiter: MathJax reads the text, entities decoded, so only a character between breaks it).
_ANKI_MARKUP = (("\\(", "\\\u200b("), ("\\[", "\\\u200b["), ("[", "&#91;"), ("{{", "&#123;&#123;"))


def _escape(text: str) -> str:
    """Fact text as an Anki field shows it literally: HTML-escaped like `html.escape(text,
    quote=False)` (inlined: faster on the many short fields of a large deck), and Anki's own markup
    neutralised (`_ANKI_MARKUP`: a shared pack must not play sounds, compile LaTeX on the
    learner's machine or run MathJax).

    Field text lands in element content, never in an attribute: quotes need no escaping, and
    leaving them alone keeps fields readable in Anki's editor."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "[" in out or "{{" in out or "\\" in out:
        for markup, literal in _ANKI_MARKUP:
            out = out.replace(markup, literal)
    return out


class _NoteMaker:
    """Builds notes for one deck, caching what many facts share (card kinds, tags, deck names,
    source lines): the per-fact work is only the fact's own text."""

    def __init__(self, settings: DeckSettings, packs: list[LoadedPack]) -> None:
        self.settings = settings
        self.by_id = {p.pack.id: p for p in packs}
        self._kinds: dict[tuple, tuple[tuple[CardKind, ...], tuple[int, ...]]] = {}
        self._sources: dict[tuple[str, str | None], str] = {}
        self._decks: dict[str, str] = {}
        self._tags: dict[tuple, tuple[str, ...]] = {}

    def kinds(self, lf: LocatedFact, drop: frozenset[CardKind] = frozenset()
              ) -> tuple[tuple[CardKind, ...], tuple[int, ...]]:
        """(card kinds, their sorted ords) for a fact, less the kinds in `drop`; cached by the
        fact's own `cards` and `drop`."""
        own = (tuple(lf.fact.cards), drop)
        found = self._kinds.get(own)
        if found is None:
            kinds = tuple(k for k in card_kinds(self.settings, lf) if k not in drop)
            found = self._kinds[own] = (kinds, tuple(sorted(CARD_ORD[k] for k in kinds)))
        return found

    def source(self, pack_id: str, source_id: str | None) -> str:
        key = (pack_id, source_id)
        line = self._sources.get(key)
        if line is None:
            line = self._sources[key] = _escape(_source_line(self.by_id[pack_id], source_id))
        return line

    def deck(self, topic: str) -> str:
        name = self._decks.get(topic)
        if name is None:
            name = self._decks[topic] = topic_deck_name(self.settings, topic)
        return name

    def tags(self, pack_id: str, fact) -> tuple[str, ...]:
        disputed = fact.disputed is not None
        key = (pack_id, fact.topic, fact.answer_type, fact.difficulty, disputed, tuple(fact.tags))
        found = self._tags.get(key)
        if found is None:
            tags = [
                f"pack::{pack_id}",
                f"topic::{fact.topic}",
                f"type::{fact.answer_type.value}",
                f"difficulty::{fact.difficulty}",
            ]
            if disputed:
                tags.append("disputed")
            tags += [t for t in fact.tags if t not in tags]
            found = self._tags[key] = tuple(tags)
        return found

    def note(self, lf: LocatedFact, kinds: tuple[CardKind, ...], ords: tuple[int, ...],
             due: int) -> AnkiNote:
        """One fact as a note. Every piece of fact text is HTML-escaped: it is plain text, and Anki
        fields are HTML (a `<` or `&` in a fact must show as itself, never as markup)."""
        fact = lf.fact
        pack_id = lf.pack
        before, answer, after = fact.parts
        shown_answer = f"{answer} {fact.unit}" if fact.unit else answer
        esc_before, esc_after = _escape(before), _escape(after)
        question = _escape(fact.ask)
        shown = _escape(shown_answer)
        key = lf.key
        also = ", ".join(fact.also_accept)
        disputed = fact.disputed
        fields = (  # notetype.FIELDS order
            question,  # Question
            question if CardKind.qa in kinds else "",  # Ask
            shown,  # Answer
            f'{esc_before}<span class="qz-hl">{_escape(answer)}</span>{esc_after}',  # Sentence
            f"{esc_before}{BLANK}{esc_after}" if CardKind.cloze in kinds else "",  # Blanked
            shown if CardKind.reverse in kinds else "",  # Reverse
            _escape(also),  # AlsoAccept
            self.source(pack_id, fact.source),  # Source
            _escape(fact.evidence),  # Evidence
            _escape(disputed.note) if disputed else "",  # Disputed
            _escape(key),  # Fact
        )
        return AnkiNote(
            key=key,
            guid=note_guid(pack_id, fact.id),
            fields=fields,
            sort_field=fact.ask,
            tags=self.tags(pack_id, fact),
            deck=self.deck(fact.topic),
            ords=ords,
            due=due,
        )


assert FIELDS == (
    "Question", "Ask", "Answer", "Sentence", "Blanked", "Reverse", "AlsoAccept", "Source",
    "Evidence", "Disputed", "Fact",
), "_NoteMaker.note lists the fields in this order"


def build_notes(
    settings: DeckSettings, packs: list[LoadedPack], facts: list[LocatedFact]
) -> tuple[list[AnkiNote], list[LocatedFact]]:
    """Notes for the selected facts, in their order; and the facts that make no card (their own
    `cards` and the recipe's card kinds do not overlap), which get no note. A reverse card is made
    only where its cue, the answer, answers no other selected fact; a cloze card only where the
    blanked sentence carries the question's years and names and the blank is no member of a list."""
    maker = _NoteMaker(settings, packs)
    kinds_of, note = maker.kinds, maker.note
    notes: list[AnkiNote] = []
    cardless = []
    append = notes.append
    shared = rules.shared_answers(facts) if CardKind.reverse in settings.cards else set()
    none, no_reverse, no_cloze = frozenset(), frozenset({CardKind.reverse}), frozenset({CardKind.cloze})
    cloze = CardKind.cloze in settings.cards
    for lf in progress(facts, "Anki notes"):
        fact = lf.fact
        # a reverse card whose cue answers other facts too has no one answer; a blanked sentence
        # without the question's years and names may take a second answer (`quizgen.quiz.rules`)
        drop = none
        if shared and CardKind.reverse in fact.cards and rules.normalize_answer(fact.answer) in shared:
            drop = no_reverse
        if cloze and CardKind.cloze in fact.cards and (rules.in_a_list(fact) or rules.blank_missing(fact)):
            drop = drop | no_cloze
        kinds, ords = kinds_of(lf, drop)
        if not kinds:
            cardless.append(lf)
            continue
        append(note(lf, kinds, ords, len(notes) + 1))
    return notes, cardless
