"""Synthetic fact packs for the benchmark: N facts, a recipe, and a source text quoting every fact.

Generated into a temp folder on each run, never committed. Facts cycle through four shapes (a year
with an event to order, a person and a place in groups of 50 for distractors and matching, a bare
number), spread over files of 1,000 facts, each quoting its own sentence of one source file.
"""

from __future__ import annotations

from pathlib import Path

FACTS_PER_FILE = 1000
GROUP_SIZE = 50
_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fu", "gi", "ha", "jo", "pe", "su"]
_FIRST = ["Ana", "Boris", "Carmen", "Dmitri", "Elena", "Felipe", "Galina", "Hugo", "Irina", "Jorge"]
_LAST = ["Ortega", "Petrov", "Ruiz", "Sokolov", "Torres", "Volkov", "Zamora", "Ivanova", "Lopez", "Orlov"]
_TOWNS = ["Arvena", "Belmora", "Cosrada", "Dunvale", "Esterra", "Fallon", "Gorsk", "Halden", "Istra", "Jovar"]


def site_name(i: int) -> str:
    """A unique, pronounceable capitalised name for fact i (base-16 syllables)."""
    parts = []
    n = i + 16 * 16  # at least three syllables
    while n:
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts).capitalize()


def fact(i: int) -> tuple[str, str]:
    """(YAML record, source sentence) of fact i."""
    site = site_name(i)
    kind = i % 4
    group = f"g{(i // 4) // GROUP_SIZE}"
    if kind == 0:
        year = 1500 + (i * 7) % 500
        sentence = f"The register of {site} was opened in {year}."
        text = f"The register of {site} was opened in [[{year}]]."
        extra = (f"    ask: In what year was the register of {site} opened?\n    answer_type: year\n"
                 f"    event: The register of {site} opens\n    when: '{year}'\n")
    elif kind == 1:
        person = f"{_FIRST[i % 10]} {_LAST[(i // 10) % 10]} {site}"
        sentence = f"The survey of {site} was led by {person}."
        text = f"The survey of {site} was led by [[{person}]]."
        extra = (f"    ask: Who led the survey of {site}?\n    answer_type: person\n"
                 f"    group: people-{group}\n")
    elif kind == 2:
        town = f"{_TOWNS[i % 10]} {site_name(i + 1)}"  # not the site's own name: no give-away
        sentence = f"The spring of {site} rises near {town}."
        text = f"The spring of {site} rises near [[{town}]]."
        extra = (f"    ask: Near which town does the spring of {site} rise?\n    answer_type: place\n"
                 f"    group: towns-{group}\n")
    else:
        wells = 3 + (i * 13) % 900
        sentence = f"The village of {site} has {wells} wells."
        text = f"The village of {site} has [[{wells}]] wells."
        extra = f"    ask: How many wells does the village of {site} have?\n    answer_type: number\n"
    record = (
        f"  - id: fact-{i}\n"
        f"    text: {text}\n"
        f"{extra}"
        f"    difficulty: {1 + i % 3}\n"
        f"    evidence: \"{sentence[:-1]}\"\n"
    )
    return record, sentence


def write_pack(root: Path, n: int) -> Path:
    """Write pack `synth` with n facts and recipe decks/synth.yaml under root; return the recipe."""
    folder = root / "facts" / "synth"
    (folder / "sources").mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        "id: synth\ntitle: Synthetic registers\nsources:\n"
        "  - title: A Register of Places\n    authors: [Bench Mark]\n    file: sources/register.md\n",
        encoding="utf-8",
    )
    source = ["# A Register of Places", ""]
    for start in range(0, n, FACTS_PER_FILE):
        records = []
        topic = f"part-{start // FACTS_PER_FILE + 1}"
        source += [f"## Part {start // FACTS_PER_FILE + 1}", ""]
        line: list[str] = []
        for i in range(start, min(n, start + FACTS_PER_FILE)):
            record, sentence = fact(i)
            records.append(record)
            line.append(sentence)
            if len(line) == 3:
                source.append(" ".join(line))
                line = []
                if i % 12 == 11:
                    source.append("")
        if line:
            source.append(" ".join(line))
        source.append("")
        (folder / f"{topic}.yaml").write_text(
            f"topic: {topic}\nfacts:\n" + "".join(records), encoding="utf-8"
        )
    (folder / "sources" / "register.md").write_text("\n".join(source) + "\n", encoding="utf-8")
    decks = root / "decks"
    decks.mkdir()
    recipe = decks / "synth.yaml"
    recipe.write_text(
        "title: Synthetic registers\npacks: [synth]\n"
        "deck:\n  name: Synthetic\n  deck_id: 1764201609001\n  model_id: 1764201609002\n"
        "  cards: [qa, cloze]\n"
        "quiz:\n  title: Synthetic quiz\n  questions: 100\n  mix:\n    multiple_choice: 50\n"
        "    true_false: 20\n    fill_blank: 10\n    short_answer: 10\n    matching: 5\n    ordering: 5\n"
        "  seed: 1\n  versions: [A, B, C, D]\n",
        encoding="utf-8",
    )
    return recipe
