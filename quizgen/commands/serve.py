"""`quizgen serve`: preview a recipe's cards and quiz in the browser, reloaded on every save."""

from __future__ import annotations

import click

from .common import facts_option
from .examples import Command


@click.command("serve", cls=Command)
@click.argument("target", metavar="[PACK|RECIPE]", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@facts_option
def command(target: str | None, port: int, facts_dirs: tuple[str, ...]) -> None:
    """Preview cards and quiz at http://127.0.0.1:PORT/ while you edit; Ctrl-C stops it.

    Shows each fact of a file with its Anki cards, drawn with the deck's own templates and CSS
    (front and back, light and night mode) and the card checks' findings beside it; the quiz
    sheet and key for any seed, with the item checks' findings; and every validation problem
    with its file and line. Watches the recipe, its packs and the templates: within a second of
    a save the page reloads by itself, and after a mistake it keeps the last good cards under
    the problems. Only the files that changed are read again. A PACK is shown with the recipe
    in decks/ that uses it (or with every card kind and a default quiz when none does).

    \b
    Examples:
      quizgen serve
      quizgen serve {recipe_file} --port 8001
      quizgen serve {pack}
    """
    import signal

    from ..serve import Preview, start, stop

    preview = Preview(target, facts_dirs)
    try:
        server, threads = start(preview, port, lambda line: click.echo(line, err=True))
    except OSError as err:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {err.strerror} "
                                   "(choose another with --port)") from None
    try:
        # Ctrl-C and SIGTERM raise KeyboardInterrupt, even where SIGINT was ignored (a background
        # job of a script); set before the address is printed, so a caller may stop it at once
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        state = "ok" if not preview.problems else f"{len(preview.problems)} problems (shown on the page)"
        shown = preview.loaded.recipe.path if preview.loaded else target
        click.echo(f"quizgen preview of {shown}: {server.url} ({state}); Ctrl-C stops it", err=True)
        while threads[0].is_alive():
            threads[0].join(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop(server, threads)
    click.echo("stopped", err=True)
