"""The deck tree: the recipe's deck, and one subdeck per topic (`Name::Topic title`).

Anki's importer matches decks by *name* (rslib apkg import, decks.rs), so ids here only need to be
stable, not meaningful: the parent keeps the recipe's fixed `deck_id`, subdecks get an id hashed from
their full name, so the same recipe always writes the same ids.
"""

from __future__ import annotations

import hashlib

from ..recipe import DeckSettings


def readable_topic(topic: str) -> str:
    """A topic id made readable: hyphens as spaces, the first letter upper case."""
    words = topic.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def topic_title(settings: DeckSettings, topic: str) -> str:
    """A topic's subdeck title: the recipe's `topic_titles`, else the id made readable."""
    return settings.topic_titles.get(topic) or readable_topic(topic)


def topic_deck_name(settings: DeckSettings, topic: str) -> str:
    if not settings.subdecks_by_topic:
        return settings.name
    # "::" separates deck levels in Anki; a title must not add levels of its own.
    return f"{settings.name}::{topic_title(settings, topic).replace('::', ':')}"


def deck_id(settings: DeckSettings, name: str) -> int:
    """The recipe's deck_id for its top deck; a stable hash of the full name for a subdeck."""
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
