"""Field evidence in the lint: the flags `quizgen analyze` wrote (STEM.json) as findings, placed
next to the rule book's findings for the same item (`quizgen lint --responses FILE`).

A field flag is a warning: it is evidence from one class, never proof, so it does not fail the
lint. Its location is the fact's file and line when the analysis found the fact.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import Problem
from .findings import Finding, Severity


def read_field_findings(path: str | Path) -> list[Finding]:
    """The flags of an analysis JSON as findings (version 'field')."""
    name = str(path)
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise Problem(name, 1, 1, f"cannot read: {err.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Problem(name, getattr(err, "lineno", 1), 1, f"not JSON: {err}") from None
    flags = doc.get("flags") if isinstance(doc, dict) else None
    if not isinstance(flags, list):
        raise Problem(name, 1, 1, "not an analysis of `quizgen analyze` (no `flags` list); give "
                                  "build/RECIPE-analysis.json")
    out = []
    for n, f in enumerate(flags, 1):
        try:
            where = f"{f['file']}:{f['line']}" if f.get("file") else name
            out.append(Finding(
                severity=Severity.warning, check=str(f["check"]), message=str(f["message"]),
                item_id=str(f["item_id"]), fact_ids=[str(x) for x in f.get("fact_ids", [])],
                version="field", recipe=where))
        except (KeyError, TypeError, AttributeError):
            raise Problem(name, 1, 1, f"flag {n} lacks a check, an item id or a message") from None
    return out


def beside_rules(rule_findings: list[Finding], field: list[Finding]) -> list[Finding]:
    """Each item's field findings right after the rule findings for that item; the field findings
    of items the rules found nothing in come last."""
    by_item: dict[str | None, list[Finding]] = {}
    for f in field:
        by_item.setdefault(f.item_id, []).append(f)
    last = {f.item_id: n for n, f in enumerate(rule_findings) if f.item_id in by_item}
    out: list[Finding] = []
    for n, f in enumerate(rule_findings):
        out.append(f)
        if last.get(f.item_id) == n:
            out += by_item.pop(f.item_id)
    return out + [f for rest in by_item.values() for f in rest]
