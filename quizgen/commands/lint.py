"""`quizgen lint`: measurable item-quality checks on every card and quiz question of recipes."""

from __future__ import annotations

import click

from ..formats import MAX_QUESTIONS
from .common import facts_option, open_builds
from .examples import Command


def parse_seeds(value: str | None) -> list[int] | None:
    """'1-50' -> [1, ..., 50]; '7' -> [7]."""
    if value is None:
        return None
    first, sep, last = value.partition("-")
    try:
        a, b = int(first), int(last) if sep else int(first)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a range like 1-50",
                                 param_hint="--seeds") from None
    if b < a:
        raise click.BadParameter(f"{value!r}: the range is empty", param_hint="--seeds")
    return list(range(a, b + 1))


@click.command("lint", cls=Command)
@click.argument("recipes", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (for tools).")
@click.option("--seed", type=int, default=None,
              help="Lint the quiz at this seed (default: the recipe's).")
@click.option("--seeds", "seed_range", default=None, metavar="A-B",
              help="Lint the quiz at every seed from A to B (e.g. 1-50).")
@click.option("--questions", type=click.IntRange(1, MAX_QUESTIONS), default=None,
              help="Lint quizzes of this many questions (default: the recipe's).")
@click.option("--responses", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="An analysis of a class's answers (STEM.json of `quizgen analyze`): its flags "
                   "are shown as warnings next to the findings for the same item.")
@facts_option
def command(recipes: tuple[str, ...], as_json: bool, seed: int | None, seed_range: str | None,
            questions: int | None, responses: str | None, facts_dirs: tuple[str, ...]) -> None:
    """Check every card and quiz item of RECIPES (default: every recipe in decks/) for known flaws.

    Cards: short answers, one deletion per cloze card, no duplicate fronts, reverse cues that answer
    one fact. Items: wrong options from the fact's own pools and never true (not by the fact base,
    the source's lists, the stem or a later year), 3-4 distinct options in one format, no "all of
    the above", blanks with one answer, true/false swaps that read right, matching from one group,
    ordering by dated evidence. Quizzes: keys not the longest too often, random key positions,
    balanced true/false, no item giving another away. Each finding names the item, its facts and
    the check (docs/lint.md lists them). With --responses, the flags a class's answers raised
    (`quizgen analyze`) are shown as [field] warnings beside the findings for the same item. The
    quiz generator obeys the same rules, so its quizzes have no errors; exits 1 when there is any.

    \b
    Examples:
      quizgen lint
      quizgen lint --seeds 1-5 --questions 40
      quizgen lint {recipe} --seed 7 --json
    """
    import json

    from ..lint.findings import Severity, format_finding
    from ..lint.run import lint_build, sort_findings

    if seed is not None and seed_range is not None:
        raise click.UsageError("use --seed or --seeds, not both")
    seeds = parse_seeds(seed_range) or [seed]
    findings, items = [], 0
    for build in open_builds(recipes, facts_dirs):
        found, checked = lint_build(build, seeds=seeds, questions=questions)
        findings += found
        items += checked
    findings = sort_findings(findings)
    if responses is not None:
        from ..lint.field import beside_rules, read_field_findings

        findings = beside_rules(findings, read_field_findings(responses))
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = sum(f.severity is Severity.warning for f in findings)
    if as_json:
        doc = {"findings": [f.model_dump(mode="json") for f in findings], "errors": errors,
               "warnings": warnings, "items": items}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(format_finding(f))
        click.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
                   f"in {items} items")
    if errors:
        raise SystemExit(1)
