"""Write one recipe's Anki deck: select -> notes -> stamps -> guard -> package -> write.

The only module of `quizgen.anki` that touches the disk, and only through `quizgen.writer` (atomic):
the .apkg, the stamp state next to it (`stamps.py`) and, on a first build or a raised
`model_version`, the note-type manifest (`notetype.py`). Everything is checked before anything is
written, so a failing guard leaves the previous good build in place.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass
from pathlib import Path

from ..archive import source_date_epoch
from ..gcpause import without_cyclic_gc
from ..model import LoadedPack
from ..paths import display
from ..problems import Problem
from ..recipe import LoadedRecipe
from ..writer import write_bytes, write_stream
from .notes import deck_tree
from .notetype import (
    check_manifest,
    load_notetype,
    manifest_bytes,
    manifest_path,
    notetype_name,
    read_manifest,
)
from .package import PackageSpec, write_package
from .stamps import BuildState, Stamp, read_state, restamp, state_path


@dataclass(frozen=True)
class DeckReport:
    """What one deck build wrote; `str()` is the one-line summary the CLI prints."""

    path: str
    notes: int
    cards: int
    decks: list[str]
    changed: int  # notes new or changed since the previous build (their `mod` advanced)
    cardless: list[str]  # facts selected but making no card with this recipe's card kinds
    manifest_written: str | None = None

    def __str__(self) -> str:
        line = (f"{self.notes} note{'s' * (self.notes != 1)}, {self.cards} card{'s' * (self.cards != 1)} "
                f"-> {self.path}")
        extra = []
        if self.changed != self.notes:
            extra.append(f"{self.changed} new or changed")
        if self.cardless:
            extra.append(f"{len(self.cardless)} facts make no card")
        if self.manifest_written:
            extra.append(f"note type recorded in {self.manifest_written}")
        return line + (f" ({'; '.join(extra)})" if extra else "")


@without_cyclic_gc
def write_deck(recipe: LoadedRecipe, packs: list[LoadedPack], out: Path, *, build=None) -> DeckReport:
    """Build the recipe's deck into `out` (.apkg); see the module docstrings for ids and times.
    `build`: the recipe's `quizgen.pipeline.Build`, whose notes are used (else made here)."""
    from ..pipeline import Build

    out = Path(out)
    build = Build.of(recipe, packs, build)
    notes, cardless = build.notes  # refuses a recipe without a `deck:` section
    settings = recipe.recipe.deck
    if not notes:
        raise Problem(recipe.path, 1, 1, f"the deck would be empty: {len(build.selected)} facts "
                                          "selected, none makes a card of the kinds in deck.cards")

    notetype = load_notetype()
    manifest = manifest_path(recipe)
    record = check_manifest(recipe, notetype.schema, read_manifest(manifest))

    now = source_date_epoch(int(time.time()))
    states = state_path(out)
    old_state, previous = read_state(states)
    model_name = notetype_name(recipe)
    model_stamp = restamp(notetype.content_hash(model_name), previous.notetype, now)
    previous_notes = previous.notes
    stamps: dict[str, Stamp] = {}
    mods: list[int] = []
    changed = 0
    for n in notes:
        guid = n.guid
        before = previous_notes.get(guid)
        stamp = stamps[guid] = restamp(n.content_hash, before, now)
        mods.append(stamp.mod)
        if stamp != before:
            changed += 1
    state = BuildState(notetype=model_stamp, notes=stamps)
    del previous, previous_notes  # the new state replaces it

    decks = deck_tree(settings, [n.deck for n in notes])
    spec = PackageSpec(
        notetype=notetype,
        model_id=settings.model_id,
        model_name=model_name,
        model_mod=model_stamp.mod,
        top_deck_id=settings.deck_id,
        description=html.escape(recipe.recipe.title),
        decks=decks,
        notes=notes,
        mods=mods,
    )
    with write_stream(out) as handle:
        write_package(spec, handle, out)
    new_state = state.to_bytes()
    if new_state != old_state:
        write_bytes(states, new_state)
    if record is not None:
        write_bytes(manifest, manifest_bytes(record))
    return DeckReport(
        path=display(out),
        notes=len(notes),
        cards=sum(len(n.ords) for n in notes),
        decks=[name for _, name in decks],
        changed=changed,
        cardless=[lf.key for lf in cardless],
        manifest_written=display(manifest) if record is not None else None,
    )
