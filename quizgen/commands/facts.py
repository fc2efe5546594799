"""`quizgen facts`: list facts as a table or as JSON."""

from __future__ import annotations

import json

import click

from .common import facts_option
from .examples import Command


def fact_record(lf) -> dict:
    """The JSON form of one located fact (the fields tools may rely on)."""
    f = lf.fact
    return {
        "pack": lf.pack,
        "id": f.id,
        "key": lf.key,
        "text": f.plain_text,
        "ask": f.ask,
        "answer": f.answer,
        "also_accept": list(f.also_accept),
        "answer_type": f.answer_type.value,
        "unit": f.unit,
        "group": f.group,
        "topic": f.topic,
        "tags": list(f.tags),
        "evidence": f.evidence,
        "source": f.source,
        "difficulty": f.difficulty,
        "weight": f.weight.value,
        "idea": f.idea,
        "distractors": list(f.distractors),
        "disputed": f.is_disputed,
        "disputed_note": f.disputed.note if f.disputed else None,
        "event": f.event,
        "when": f.when,
        "cards": [c.value for c in f.cards],
        "file": lf.file,
        "line": lf.line,
    }


@click.command("facts", cls=Command)
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of facts.")
@facts_option
def command(paths: tuple[str, ...], as_json: bool, facts_dirs: tuple[str, ...]) -> None:
    """List every fact of the given packs (default: every pack under facts/).

    \b
    Examples:
      quizgen facts {pack}
      quizgen facts --json > facts.json
    """
    from ..loader import load_packs

    records = [fact_record(lf) for lp in load_packs(paths, facts_dirs) for lf in lp.facts]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in records), default=2)
    for r in records:
        mark = " (disputed)" if r["disputed"] else ""
        click.echo(f"{r['id']:<{width}}  {r['answer_type']:<12}  {r['answer']}{mark}")
    click.echo(f"{len(records)} facts")
