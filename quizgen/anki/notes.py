"""Facts -> Anki notes: fields (HTML-escaped), tags, sort field, deck, cards, and the note GUID;
and the deck tree: the recipe's deck, and one subdeck per topic (`Name::Topic title`).

Pure: no disk, no clock. Modification times are assigned later (`stamps.py`) from each note's
`content_hash`, so a note's identity (GUID) and its content are kept apart on purpose: the GUID says
*which* fact a note is, the hash says *what* it currently says.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from genanki import guid_for

from ..model import CLOZE_BLANK, CardKind, LoadedPack, LocatedFact
from ..progress import progress
from ..quiz import rules
from ..recipe import DeckSettings
from .notetype import CARD_ORD

#: What a blank looks like on the front of a fill-in-the-blank card (Anki's cloze uses the same).
BLANK = f'<span class="qz-blank">{CLOZE_BLANK}</span>'


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

    @property
    def content_hash(self) -> str:
        """Everything an import updates in the learner's copy: fields, tags, and the cards and deck
        it should have. Only a change here may advance the note's modification time."""
        blob = json.dumps([self.fields, self.tags, self.deck, self.ords], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def readable_topic(topic: str) -> str:
    """A topic id made readable: hyphens as spaces, the first letter upper case."""
    words = topic.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def topic_deck_name(settings: DeckSettings, topic: str) -> str:
    """A topic's deck: the recipe's deck, or with subdecks its subdeck, titled by the recipe's
    `topic_titles`, else the id made readable."""
    if not settings.subdecks_by_topic:
        return settings.name
    title = settings.topic_titles.get(topic) or readable_topic(topic)
    # "::" separates deck levels in Anki; a title must not add levels of its own.
    return f"{settings.name}::{title.replace('::', ':')}"


def deck_id(settings: DeckSettings, name: str) -> int:
    """The recipe's deck_id for its top deck; a stable hash of the full name for a subdeck. Anki's
    importer matches decks by *name* (rslib apkg import, decks.rs), so ids only need to be stable,
    not meaningful: the same recipe always writes the same ids."""
    if name == settings.name:
        return settings.deck_id
    digest = hashlib.sha256(f"{settings.deck_id}\x1f{name}".encode()).digest()
    # Same range the recipe's AnkiId allows: above 2**30, below 2**63.
    return (1 << 30) + int.from_bytes(digest[:8], "big") % ((1 << 63) - (1 << 30))


def deck_tree(settings: DeckSettings, names: list[str]) -> list[tuple[int, str]]:
    """(id, name) of the top deck and every deck named, parents first, each once."""
    wanted = {settings.name, *names}
    return sorted(
        ((deck_id(settings, n), n) for n in wanted), key=lambda d: (d[1].count("::"), d[1])
    )


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
        by_id = {p.pack.id: p for p in packs}

        def kinds(cards: tuple[CardKind, ...], drop: frozenset[CardKind]
                  ) -> tuple[tuple[CardKind, ...], tuple[int, ...]]:
            """(card kinds, their sorted ords): the recipe's kinds narrowed by the fact's own
            `cards`, less the kinds in `drop`."""
            kinds = tuple(k for k in settings.cards if k in cards and k not in drop)
            return kinds, tuple(sorted(CARD_ORD[k] for k in kinds))

        def tags(pack_id: str, topic: str, answer_type: str, difficulty: int, disputed: bool,
                 own: tuple[str, ...]) -> tuple[str, ...]:
            tags = [f"pack::{pack_id}", f"topic::{topic}", f"type::{answer_type}",
                    f"difficulty::{difficulty}", *(["disputed"] if disputed else [])]
            return (*tags, *(t for t in own if t not in tags))

        def source(pack_id: str, source_id: str | None) -> str:
            """The cited source (the pack's first if the fact names none): title, authors, year."""
            sources = by_id[pack_id].pack.sources
            src = next((s for s in sources if s.id == source_id), sources[0])
            line = f"{src.title} — {', '.join(src.authors)}"
            return _escape(f"{line} ({src.year})" if src.year else line)

        self.kinds, self.tags, self.source = map(functools.cache, (kinds, tags, source))
        self.deck = functools.cache(functools.partial(topic_deck_name, settings))

    def note(self, lf: LocatedFact, kinds: tuple[CardKind, ...], ords: tuple[int, ...],
             due: int) -> AnkiNote:
        """One fact as a note. Every piece of fact text is HTML-escaped: it is plain text, and Anki
        fields are HTML (a `<` or `&` in a fact must show as itself, never as markup)."""
        fact = lf.fact
        pack_id = lf.pack
        before, answer, after = fact.parts
        esc_before, esc_after = _escape(before), _escape(after)
        question = _escape(fact.ask)
        shown = _escape(f"{answer} {fact.unit}" if fact.unit else answer)  # a quantity's unit too
        key = lf.key
        disputed = fact.disputed
        fields = (  # notetype.FIELDS order
            question,  # Question
            question if CardKind.qa in kinds else "",  # Ask
            shown,  # Answer
            f'{esc_before}<span class="qz-hl">{_escape(answer)}</span>{esc_after}',  # Sentence
            f"{esc_before}{BLANK}{esc_after}" if CardKind.cloze in kinds else "",  # Blanked
            shown if CardKind.reverse in kinds else "",  # Reverse
            _escape(", ".join(fact.also_accept)),  # AlsoAccept
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
            tags=self.tags(pack_id, fact.topic, fact.answer_type.value, fact.difficulty,
                           disputed is not None, fact.tags),
            deck=self.deck(fact.topic),
            ords=ords,
            due=due,
        )


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
        kinds, ords = kinds_of(fact.cards, drop)
        if not kinds:
            cardless.append(lf)
            continue
        append(note(lf, kinds, ords, len(notes) + 1))
    return notes, cardless
