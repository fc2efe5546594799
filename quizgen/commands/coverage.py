"""`quizgen coverage`: how much of a pack's source its facts cite, and what is left."""

from __future__ import annotations

import json

import click

from .common import facts_option
from .examples import Command


@click.command("coverage", cls=Command)
@click.argument("pack", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write a map of the source: cited passages linked to their facts, "
              "uncovered sentences marked.")
@click.option("--min", "minimum", type=float, default=None, metavar="PERCENT",
              help="Exit 1 when coverage is below PERCENT.")
@facts_option
def command(pack: str | None, as_json: bool, html_file: str | None, minimum: float | None, facts_dirs: tuple[str, ...]) -> None:
    """Show which factual sentences of a pack's source no fact cites yet.

    A sentence counts when it states a year, a number or a proper name; it is covered when some
    fact's evidence quote overlaps it. Also shows how the facts divide by weight (core, detail,
    paratext) and which of the pack's key ideas fewer than two core facts serve. With --html, the
    details go into the map and the terminal gets one line per source.

    \b
    Examples:
      quizgen coverage {pack}
      quizgen coverage {pack} --json > coverage.json
      quizgen coverage {pack} --html coverage.html
    """
    from ..coverage import by_weight, ideas, measure
    from ..loader import load_packs

    packs = load_packs((pack,) if pack else (), facts_dirs)
    measured = [measure(lp) for lp in packs]  # measured once: the map below reads it too
    results = []
    lowest = 100.0
    for lp, coverage in zip(packs, measured):
        weights = by_weight(lp)
        key_ideas = [{"id": i, "title": t, "core_facts": n} for i, t, n in ideas(lp)]
        for cov in coverage:
            factual = cov.factual
            covered = sum(s.covered for s in factual)
            lowest = min(lowest, cov.percent)
            results.append({
                "pack": lp.pack.id,
                "source": cov.source_id,
                "file": cov.file,
                "factual_sentences": len(factual),
                "covered": covered,
                "percent": round(cov.percent, 1),
                "uncovered": [s.sentence.text for s in factual if not s.covered],
                "weights": weights,
                "ideas": key_ideas,
                "thin_ideas": [i["id"] for i in key_ideas if i["core_facts"] < 2],
            })
    if html_file:
        from ..coverage_html import render_coverage
        from ..writer import write_text

        if len(packs) != 1:
            raise click.UsageError("--html needs exactly one PACK")
        write_text(html_file, render_coverage(packs[0], measured[0]))
    if as_json:
        click.echo(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            _echo_summary(r, html_file)
    if minimum is not None and lowest < minimum:
        raise click.ClickException(f"coverage {lowest:.1f}% is below --min {minimum}")


def _echo_summary(r: dict, html_file: str | None) -> None:
    """One source's coverage for people: one line pointing to the map when there is one (it holds
    the details), else the sentences not cited, the facts by weight and the thin key ideas."""
    cited = (f"{r['pack']} ({r['file']}): {r['percent']}% of factual sentences cited "
             f"({r['covered']} of {r['factual_sentences']})")
    if html_file:
        thin = len(r["thin_ideas"])
        click.echo(f"{cited}, {r['factual_sentences'] - r['covered']} not cited"
                   + (f", {thin} thin key idea{'s' * (thin != 1)}" if thin else "")
                   + f": see {html_file}")
        return
    click.echo(cited)
    for text in r["uncovered"]:
        click.echo(f"  not cited: {text}")
    total = sum(r["weights"].values()) or 1
    click.echo("  facts by weight: " + ", ".join(
        f"{w} {n} ({100 * n / total:.0f}%)" for w, n in r["weights"].items()))
    for idea in (i for i in r["ideas"] if i["core_facts"] < 2):
        click.echo(f"  key idea with fewer than two core facts: {idea['id']} "
                   f"({idea['core_facts']}): {idea['title']}")
