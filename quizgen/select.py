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
    weights = set(selection.weights)
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
            if exclude.intersection(f.tags) or f.difficulty not in levels or f.weight not in weights:
                continue
            out.append(lf)
    return out


def recipe_packs(loaded: LoadedRecipe, search: list[str] | tuple[str, ...] = ()) -> list[LoadedPack]:
    """Load the packs a recipe names, in the order it names them, and check that the topics and
    tags its selection names exist in them (a misspelt topic would silently select nothing)."""
    from .loader import find_packs, load_pack

    problems: list[Problem] = []
    packs: list[LoadedPack] = []
    for i, pack_id in enumerate(loaded.recipe.packs):
        try:
            (folder,) = find_packs([pack_id], search)
        except Problems as err:
            message = err.problems[0].message.replace("no pack found: not a pack folder, and ", "")
            problems.append(loaded.problem(("packs", i), f"no pack '{pack_id}' found: {message}"))
            continue
        try:
            packs.append(load_pack(folder))
        except Problems as err:
            problems += err.problems
    if problems:
        raise Problems(problems)
    selection = loaded.recipe.select
    for key, known in (("topics", {lf.fact.topic for lp in packs for lf in lp.facts}),
                       ("tags", {t for lp in packs for lf in lp.facts for t in lf.fact.tags}),
                       ("exclude_tags", {t for lp in packs for lf in lp.facts for t in lf.fact.tags})):
        for i, value in enumerate(getattr(selection, key)):
            if value not in known:
                choices = ", ".join(sorted(known)) or "none"
                problems.append(loaded.problem(("select", key, i),
                                               f"no fact has {key.removeprefix('exclude_')[:-1]} "
                                               f"'{value}' (known: {choices})"))
    if problems:
        raise Problems(problems)
    return packs
