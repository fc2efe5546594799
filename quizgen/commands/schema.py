"""`quizgen schema`: print (or write) the JSON Schema of a fact file."""

from __future__ import annotations

import json

import click

from .examples import Command


@click.command("schema", cls=Command)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead.")
def command(output: str | None) -> None:
    """Print the JSON Schema of a fact file, for editors.

    Fact files start with a comment that names it, so editors using the YAML language server
    complete keys and flag mistakes as you type.

    \b
    Examples:
      quizgen schema -o facts/fact-file.schema.json
      # first line of a fact file:
      # yaml-language-server: $schema=../fact-file.schema.json
    """
    from ..scaffold import fact_file_schema
    from ..writer import write_text

    text = json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        write_text(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
