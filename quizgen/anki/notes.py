"""Facts -> Anki notes: fields (HTML-escaped), tags, sort field, deck, cards, and the note GUID.

Pure: no disk, no clock. Modification times are assigned later (`stamps.py`) from each note's
`content_hash`, so a note's identity (GUID) and its content are kept apart on purpose: the GUID says
*which* fact a note is, the hash says *what* it currently says.
"""

from __future__ import annotations

import hashlib
import html
import json

from pydantic import BaseModel, ConfigDict

from ..model import CardKind, LoadedPack, LocatedFact
from ..progress import progress
from ..recipe import DeckSettings
from .decks import topic_deck_name
from .notetype import CARD_ORD, FIELDS

#: Anki's own GUID alphabet (base 91), as in Anki's `guid64` and genanki's `guid_for`.
_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)

#: What a blank looks like on the front of a fill-in-the-blank card (Anki's cloze uses the same).
BLANK = '<span class="qz-blank">[...]</span>'


def note_guid(pack_id: str, fact_id: str) -> str:
    """The Anki GUID of a fact's note: derived from pack + fact id only, never from its text.

    Anki matches an imported note to the learner's copy by GUID, so editing a fact's wording updates
    its note instead of adding a duplicate (genanki's default GUID hashes the fields, which is exactly
    what breaks that). Stable forever: every Anki export (.apkg, CSV) must use this function.
    """
    digest = hashlib.sha256(f"quizgen-fact\x1f{pack_id}\x1f{fact_id}".encode()).digest()
    value = int.from_bytes(digest[:8], "big")
    out = []
    while value:
        value, rest = divmod(value, len(_BASE91))
        out.append(_BASE91[rest])
    return "".join(reversed(out)) or _BASE91[0]


class AnkiNote(BaseModel):
    """One fact as an Anki note, before it gets its modification time."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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


def _escape(text: str) -> str:
    # Field text lands in element content, never in an attribute: quotes need no escaping, and
    # leaving them alone keeps fields readable in Anki's editor.
    return html.escape(text, quote=False)


def build_note(settings: DeckSettings, pack: LoadedPack, lf: LocatedFact, due: int) -> AnkiNote:
    """One fact as a note. Every piece of fact text is HTML-escaped: it is plain text, and Anki
    fields are HTML (a `<` or `&` in a fact must show as itself, never as markup)."""
    fact = lf.fact
    esc = _escape
    kinds = card_kinds(settings, lf)
    before, after = fact.blanked_parts
    answer = fact.answer
    shown_answer = f"{answer} {fact.unit}" if fact.unit else answer
    values = {
        "Question": esc(fact.ask),
        "Ask": esc(fact.ask) if CardKind.qa in kinds else "",
        "Answer": esc(shown_answer),
        "Sentence": f'{esc(before)}<span class="qz-hl">{esc(answer)}</span>{esc(after)}',
        "Blanked": f"{esc(before)}{BLANK}{esc(after)}" if CardKind.cloze in kinds else "",
        "Reverse": esc(shown_answer) if CardKind.reverse in kinds else "",
        "AlsoAccept": esc(", ".join(fact.also_accept)),
        "Source": esc(_source_line(pack, fact.source)),
        "Evidence": esc(fact.evidence),
        "Disputed": esc(fact.disputed.note) if fact.disputed else "",
        "Fact": esc(lf.key),
    }
    tags = [
        f"pack::{lf.pack}",
        f"topic::{fact.topic}",
        f"type::{fact.answer_type.value}",
        f"difficulty::{fact.difficulty}",
    ]
    if fact.disputed:
        tags.append("disputed")
    tags += [t for t in fact.tags if t not in tags]
    return AnkiNote(
        key=lf.key,
        guid=note_guid(lf.pack, fact.id),
        fields=tuple(values[name] for name in FIELDS),
        sort_field=fact.ask,
        tags=tuple(tags),
        deck=topic_deck_name(settings, fact.topic),
        ords=tuple(sorted(CARD_ORD[k] for k in kinds)),
        due=due,
    )


def build_notes(
    settings: DeckSettings, packs: list[LoadedPack], facts: list[LocatedFact]
) -> tuple[list[AnkiNote], list[LocatedFact]]:
    """Notes for the selected facts, in their order; and the facts that make no card (their own
    `cards` and the recipe's card kinds do not overlap), which get no note."""
    by_id = {p.pack.id: p for p in packs}
    notes, cardless = [], []
    for lf in progress(facts, "Anki notes"):
        if not card_kinds(settings, lf):
            cardless.append(lf)
            continue
        notes.append(build_note(settings, by_id[lf.pack], lf, due=len(notes) + 1))
    return notes, cardless
