"""Select: the facts of a recipe's packs that its filters keep, in pack order."""

from __future__ import annotations

from .model import LoadedPack, LocatedFact
from .problems import Problem, Problems
from .recipe import LoadedRecipe, Selection


def select_facts(packs: list[LoadedPack], selection: Selection, *, include_disputed: bool | None = None) -> list[LocatedFact]:
    """Facts that pass the selection, in pack then file order. `include_disputed` overrides it."""
    disputed_ok = selection.include_disputed if include_disputed is None else include_disputed
    topics, tags, exclude = set(selection.topics), set(selection.tags), set(selection.exclude_tags)
    levels = set(selection.difficulty)
    out = []
    for lp in packs:
        for lf in lp.facts:
            f = lf.fact
            if f.is_disputed and not disputed_ok:
                continue
            if topics and f.topic not in topics:
                continue
            if tags and not tags.intersection(f.tags):
                continue
            if exclude.intersection(f.tags) or f.difficulty not in levels:
                continue
            out.append(lf)
    return out


def recipe_packs(loaded: LoadedRecipe, search: list[str] | tuple[str, ...] = ()) -> list[LoadedPack]:
    """Load the packs a recipe names, in the order it names them."""
    from .loader import load_packs

    try:
        return load_packs(loaded.recipe.packs, search)
    except Problems as err:
        # A pack the recipe names but nobody has is a problem of the recipe: say where it is named.
        fixed = [Problem(loaded.path, 1, 1, f"packs: {p.message}") if p.path in loaded.recipe.packs else p
                 for p in err.problems]
        raise Problems(fixed) from None
