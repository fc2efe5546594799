"""Select: the facts of a recipe's packs that its filters keep, in pack order."""

from __future__ import annotations

from .loader import find_packs, load_pack
from .model import LoadedPack, LocatedFact
from .problems import Problem, Problems
from .recipe import LoadedRecipe, Selection


def select_facts(packs: list[LoadedPack], selection: Selection) -> list[LocatedFact]:
    """Facts that pass the selection, in pack then file order."""
    topics, tags, exclude = set(selection.topics), set(selection.tags), set(selection.exclude_tags)
    levels, weights = set(selection.difficulty), set(selection.weights)
    return [lf for lp in packs for lf in lp.facts
            if (selection.include_disputed or not lf.fact.is_disputed)
            and (not topics or lf.fact.topic in topics)
            and (not tags or tags.intersection(lf.fact.tags))
            and not exclude.intersection(lf.fact.tags)
            and lf.fact.difficulty in levels and lf.fact.weight in weights]


def recipe_packs(loaded: LoadedRecipe, search: list[str] | tuple[str, ...] = ()) -> list[LoadedPack]:
    """Load the packs a recipe names, in the order it names them, and check that the topics and
    tags its selection names exist in them (a misspelt topic would silently select nothing)."""
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
    topics = {lf.fact.topic for lp in packs for lf in lp.facts}
    tags = {t for lp in packs for lf in lp.facts for t in lf.fact.tags}
    for key, known in (("topics", topics), ("tags", tags), ("exclude_tags", tags)):
        for i, value in enumerate(getattr(loaded.recipe.select, key)):
            if value not in known:
                choices = ", ".join(sorted(known)) or "none"
                problems.append(loaded.problem(("select", key, i),
                                               f"no fact has {key.removeprefix('exclude_')[:-1]} "
                                               f"'{value}' (known: {choices})"))
    if problems:
        raise Problems(problems)
    return packs
