"""The JSON Schema of a fact file, for editor completion (`# yaml-language-server: $schema=...`)."""

from __future__ import annotations

import copy
from typing import Any

from .model import Fact, FactFile

SCHEMA_FILE = "fact-file.schema.json"


def fact_file_schema() -> dict[str, Any]:
    fact = copy.deepcopy(Fact.model_json_schema())
    # A fact may take its topic from the file, so the schema cannot demand it per fact.
    fact["required"] = [r for r in fact.get("required", []) if r != "topic"]
    defs = fact.pop("$defs", {})
    outer = copy.deepcopy(FactFile.model_json_schema())
    outer["properties"]["facts"]["items"] = {"$ref": "#/$defs/Fact"}
    outer.setdefault("$defs", {}).update(defs)
    outer["$defs"]["Fact"] = fact
    outer["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    outer["title"] = "quizgen fact file"
    outer["description"] = "A file of facts: optional file-wide topic and tags, then the facts."
    return outer
