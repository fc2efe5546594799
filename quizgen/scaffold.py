"""Scaffold a new pack: `facts/<pack>/` (pack.yaml, the source, one example fact) and its recipe.

The example fact is made from the source itself (its first sentence that states a year, else a
number), so the new pack validates and builds at once; the author then rewrites it in their own words.
The pack's folder of packs also gets the JSON Schema of a fact file (what `quizgen schema` prints),
which its fact files name for editor completion (`# yaml-language-server: $schema=...`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Fact, FactFile
from .problems import Problem
from .source import SourceText
from .writer import write_text
from .yamlio import read_text

SCHEMA_FILE = "fact-file.schema.json"

SAMPLE_SOURCE = """\
# Notes for a new pack

Replace this file with the text your facts cite. The first printed atlas, the Theatrum Orbis
Terrarum of Abraham Ortelius, was published in Antwerp in 1570.
"""


def fact_file_schema() -> dict[str, Any]:
    """The JSON Schema of a fact file."""
    fact = Fact.model_json_schema()
    # A fact may take its topic from the file, so the schema cannot demand it per fact.
    fact["required"] = [r for r in fact.get("required", []) if r != "topic"]
    defs = fact.pop("$defs", {})
    outer = FactFile.model_json_schema()
    outer["properties"]["facts"]["items"] = {"$ref": "#/$defs/Fact"}
    outer.setdefault("$defs", {}).update(defs)
    outer["$defs"]["Fact"] = fact
    outer["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    outer["title"] = "quizgen fact file"
    outer["description"] = "A file of facts: optional file-wide topic and tags, then the facts."
    return outer


@dataclass(frozen=True)
class Scaffold:
    """What `new_pack` wrote."""

    pack_dir: Path
    recipe: Path
    files: list[Path]


def stable_id(*parts: str) -> int:
    """A fixed Anki id for this pack: the same every time, so re-running `new` elsewhere agrees."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 40) + int.from_bytes(digest[:6], "big")


def _word_start(sentence: str, at: int) -> int:
    """The start of the first whole word at or after `at`, so a quote never opens mid-word."""
    if at <= 0:
        return 0
    if sentence[at - 1].isspace():
        return at
    space = sentence.find(" ", at)
    return at if space == -1 else space + 1


def _example_fact(source: SourceText) -> dict:
    """One fact that the source supports: a year if it gives one, else a number, else a name."""
    sentences = [s.text for s in source.sentences()]
    for pattern, kind in ((r"\b(1[0-9]{3}|20[0-9]{2})\b", "year"), (r"\b(\d[\d,]*)\b", "number")):
        for sentence in sentences:
            m = re.search(pattern, sentence)
            if m and len(sentence) <= 300:
                value = m.group(1)
                text = sentence[: m.start(1)] + f"[[{value}]]" + sentence[m.end(1) :]
                ask = ("In what year did this happen, according to the source?" if kind == "year"
                       else "What number does the source give here?")
                evidence = sentence[_word_start(sentence, m.start(1) - 60) : m.end(1)].strip()
                return {"text": text, "ask": ask, "answer_type": kind, "evidence": evidence}
    for sentence in sentences:
        words = re.findall(r"\b[A-Z][\w-]+", sentence)[1:]
        if words and len(sentence) <= 300:
            word = words[0]
            at = sentence.index(word, 1)
            text = sentence[:at] + f"[[{word}]]" + sentence[at + len(word) :]
            return {"text": text, "ask": "Which name does the source give here?",
                    "answer_type": "term", "evidence": sentence[: at + len(word)].strip()}
    raise Problem("--source", 1, 1, "the source has no sentence with a year, a number or a name "
                  "to make an example fact from")


def new_pack(pack_id: str, *, title: str | None, source_file: Path | None,
             facts_root: Path, decks_root: Path) -> Scaffold:
    """Write a new pack and its recipe; refuse to overwrite anything that exists."""
    pack_dir = facts_root / pack_id
    recipe_path = decks_root / f"{pack_id}.yaml"
    for existing in (pack_dir, recipe_path):
        if existing.exists():
            raise Problem(str(existing), 1, 1, "already exists: quizgen new never overwrites a pack "
                          "(choose another id, or remove it first)")
    if source_file is not None:
        if not source_file.is_file():
            raise Problem(str(source_file), 1, 1, "source file not found")
        text = read_text(source_file)
        source_name = re.sub(r"[^A-Za-z0-9._-]+", "-", source_file.name) or "source.md"
    else:
        text, source_name = SAMPLE_SOURCE, "source.md"
    fact = _example_fact(SourceText(text))
    title = title or pack_id.replace("-", " ").capitalize()

    pack_yaml = {
        "id": pack_id,
        "title": title,
        "language": "en",
        "sources": [{"id": "main", "title": title, "authors": ["Your Name"],
                     "file": f"sources/{source_name}"}],
    }
    fact_yaml = {"topic": "general", "facts": [{
        "id": "example-fact", **fact, "difficulty": 1}]}
    recipe_yaml = {
        "title": title,
        "packs": [pack_id],
        "deck": {"name": title, "deck_id": stable_id(pack_id, "deck"),
                 "model_id": stable_id(pack_id, "model"), "model_version": 1},
        "quiz": {"title": title, "questions": 1, "mix": {"short_answer": 1}, "seed": 1,
                 "versions": ["A"]},
    }
    files = {
        pack_dir / "pack.yaml": _dump(pack_yaml, "# The pack: what it is and which texts it cites.\n"
                                      "# See docs/authoring.md.\n"),
        pack_dir / "sources" / source_name: text,
        pack_dir / "general.yaml": _dump(fact_yaml, f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n"
                                         "# An example made from your source: rewrite it in your own\n"
                                         "# words, then add facts. See docs/authoring.md.\n"),
        recipe_path: _dump(recipe_yaml, "# What to build from the pack. The ids are fixed forever:\n"
                           "# changing them makes Anki see a new deck and note type.\n"
                           "# Grow the quiz's questions and mix as the pack grows.\n"),
    }
    schema_path = facts_root / SCHEMA_FILE
    if not schema_path.exists():
        files[schema_path] = json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"
    for path, content in files.items():
        write_text(path, content)
    return Scaffold(pack_dir, recipe_path, list(files))


def _dump(data: dict, header: str) -> str:
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
