"""`quizgen analyze`: item analysis of a class's answers, flags tied to facts (docs/grading.md)."""

from __future__ import annotations

import click

from .common import facts_option, output_option
from .examples import Command


@click.command("analyze", cls=Command)
@click.argument("responses", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--quiz", "quizzes", multiple=True, required=True, type=click.Path(dir_okay=False),
              metavar="JSON", help="The quiz JSON of a version, build/RECIPE-V.json (repeatable: give "
                                   "every version the class answered).")
@output_option
@click.option("--name", default=None, metavar="STEM",
              help="Names of the outputs (default: RECIPE-analysis, from the first --quiz).")
@click.option("--format", "formats", multiple=True, type=click.Choice(["html", "json", "csv"]),
              help="What to write (repeatable; default: all three).")
@click.option("--suggestions", "with_suggestions", is_flag=True,
              help="Also write STEM-suggestions.json: distractors to retire, answers to accept.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True), default=None,
              metavar="DIR", help='A folder of templates searched first (analysis.html); '
                                  '{% extends "!default/analysis.html" %} reaches ours.')
@click.option("--min-responses", type=click.IntRange(1), default=20, show_default=True,
              help="Flag nothing unless at least this many students answered.")
@facts_option
def command(responses: tuple[str, ...], quizzes: tuple[str, ...], out_dir: str, name: str | None,
            formats: tuple[str, ...], with_suggestions: bool, templates: str | None,
            min_responses: int, facts_dirs: tuple[str, ...]) -> None:
    """Which questions worked: item analysis of RESPONSES (CSV files) against the quiz's versions.

    RESPONSES are grades.csv files of `quizgen grade`, plain responses CSVs (student, version, one
    column per item id or item number, the letter chosen or the text written) or Moodle's quiz
    "Responses" report downloaded as CSV; several files pool. Items are matched across versions
    by id. Per item: facility, corrected point-biserial, upper-lower 27% discrimination, each
    option's share and discrimination, common wrong written answers. Per quiz: mean, SD, KR-20
    (Cronbach's alpha), SEM. Flags name the fact, its file and line. Writes STEM.html, STEM.json
    (read by `quizgen lint --responses`), STEM-items.csv and STEM-options.csv.

    \b
    Examples:
      quizgen analyze build/grades.csv --quiz build/{recipe}-A.json --quiz build/{recipe}-B.json
      quizgen analyze build/grades.csv --quiz build/{recipe}-A.json --quiz build/{recipe}-B.json --suggestions
      quizgen lint {recipe} --responses build/{recipe}-analysis.json

    (build/grades.csv is what `quizgen grade` wrote; a form's export (form.csv) or Moodle's
    Responses report (moodle-responses.csv) is read the same way: docs/grading.md.)
    """
    from pathlib import Path

    try:
        import numpy  # noqa: F401
    except ImportError:
        raise click.ClickException("quizgen analyze needs numpy: pip install 'quizgen[analyze]'") from None
    from ..analyze.run import FORMATS, analyze_files, default_stem, output_files
    from ..render.templates import make_environment
    from ..writer import write_files

    result = analyze_files(list(responses), list(quizzes), search=facts_dirs,
                           min_responses=min_responses)
    env = make_environment([templates] if templates else [])
    files = output_files(result, name or default_stem(quizzes[0]), formats or FORMATS, with_suggestions, env)
    for f in result.flags:
        where = f"{f.file}:{f.line}: " if f.file else ""
        click.echo(f"{where}{f.check} item {f.item_id} ({', '.join(f.fact_ids)}): {f.message}")
    for note in result.doc["notes"]:
        click.echo(f"note: {note}", err=True)
    fig = result.doc["figures"]
    alpha = "-" if fig["alpha"] is None else f"{fig['alpha']:.2f}"
    if fig["alpha_ci"]:
        alpha += f" (95% CI {fig['alpha_ci'][0]:.2f}-{fig['alpha_ci'][1]:.2f})"
    click.echo(f"{fig['students']} students, {fig['items']} items: mean {fig['mean']:.2f} of "
               f"{fig['max_points']:g}, SD {fig['sd']:.2f}, alpha {alpha}; "
               f"{len({f.item_id for f in result.flags})} items flagged"
               + ("" if result.doc["flagging"] else
                  f" (none: fewer than {min_responses} students; see --min-responses)"))
    for path in write_files(Path(out_dir), files):
        click.echo(f"wrote {path}")
