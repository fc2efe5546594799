"""`quizgen grade`: answer sheets from scans and phone photos to grades.csv and a review page."""

from __future__ import annotations

import click

from .examples import Command


@click.command("grade", cls=Command)
@click.argument("scans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--quiz", "quizzes", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A version's quiz JSON (RECIPE-V.json; its sheet layout RECIPE-sheet-V.json beside "
                   "it). Repeatable; default: every pair found in build/.")
@click.option("--overrides", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="The teacher's decisions on flagged answers (default: OUTPUT/overrides.csv if it exists).")
@click.option("-o", "--output", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False), help="Folder for grades.csv and review.html.")
def command(scans: tuple[str, ...], quizzes: tuple[str, ...], overrides: str | None, out_dir: str) -> None:
    """Grade answer sheets (PDF scans, JPEG or PNG photos) into OUTPUT/grades.csv.

    Each page is found by its four corner markers, identified by its QR code (quiz, version,
    layout) and read bubble by bubble against its own paper and ink. An unclear mark, an
    erasure, a double mark, an empty points box or an unreadable student number is flagged,
    never guessed: it scores 0 until you decide it. OUTPUT/review.html shows each flagged
    answer and unreadable page with its picture and the line to put in OUTPUT/overrides.csv
    (file,page,item,answer); the next run applies it. A sheet scanned twice is counted once.
    Needs the grade extra: pip install 'quizgen[grade]'. See docs/grading.md.

    \b
    Examples:
      quizgen grade build/{recipe}-sheet-A.pdf build/{recipe}-sheet-B.pdf
      quizgen grade build/{recipe}-sheet-*.pdf --quiz build/{recipe}-A.json --quiz build/{recipe}-B.json
      quizgen grade build/{recipe}-sheet-A.pdf -o build/period2

    (These grade the blank sheets `quizgen sheet {recipe} --format pdf` printed: a dry run. Your
    own are scans/period2.pdf or photos/*.jpg.)
    """
    from pathlib import Path

    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import pypdfium2  # noqa: F401
        import zxingcpp  # noqa: F401
    except ImportError as err:
        raise click.ClickException(f"grading needs the grade extra ({err.name} is missing): "
                                   "pip install 'quizgen[grade]'") from None
    from ..grade.run import find_quizzes, grade
    from ..writer import write_files

    out = Path(out_dir)
    quiz_paths = [Path(q) for q in quizzes] or find_quizzes(Path("build"))
    chosen = Path(overrides) if overrides else (out / "overrides.csv")
    if overrides is None and not chosen.exists():
        chosen = None
    run = grade(list(scans), quiz_paths, overrides=chosen)
    for p in write_files(out, run.files):
        click.echo(str(p))
    for note in run.notes:
        click.echo(f"{note} (override not applied)", err=True)
    pages = len(run.pages)
    unreadable = sum(1 for p in run.pages if p.problem)
    flags = sum(p.flags for p in run.graded.counted(run.pages) if not p.problem)
    click.echo(f"{pages} page{'s' * (pages != 1)} read: {len(run.graded.rows)} graded, {unreadable} "
               f"unreadable, {flags} flagged answer{'s' * (flags != 1)}, "
               f"{len(run.graded.duplicates)} duplicate note{'s' * (len(run.graded.duplicates) != 1)}"
               + (f"; review them in {out / 'review.html'}" if flags or unreadable or run.graded.duplicates else ""),
               err=True)
