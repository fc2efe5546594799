"""YAML mistakes in plain language: where, what was expected, and the likely fix.

PyYAML says `mapping values are not allowed in this context` or `did not find expected '-'
indicator`; an author needs "`ask:` is indented 2 spaces more than `text:` on line 4; a fact's
keys line up under `id:`". The readers (`yamlio`, and `yamlfast`, which hands anything doubtful to
PyYAML) call `syntax_problem` with PyYAML's error; it looks at the lines around the mark and names
the common mistakes: a key indented more or less than its neighbours, a key at the list's level
(a missing `- `), an unquoted `: ` in a value, a value starting with `[` or `{`, text after a
closing quote, a quote never closed, a wrapped line indented too little. Anything else keeps
PyYAML's own words. `comment_hints` adds, to problems found later, that an unquoted ` #` cut a
value short, and `did_you_mean` suggests the known key nearest to an unknown one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

from .problems import Problem

_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):(?: +(.*))?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(lines: list[str], before: int) -> tuple[int, str] | None:
    """The nearest line above index `before` that holds something (not blank, not a comment)."""
    for i in range(before - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i, lines[i]
    return None


def _key_column(m: re.Match[str]) -> int:
    """Where the key of a `key:` line starts (after a `- ` when the line opens a list item)."""
    return len(m.group(1)) + len(m.group(2) or "")


def _item_start(lines: list[str], before: int, column: int) -> tuple[int, int, str] | None:
    """The `- key:` line above that opens the list item a key at about `column` belongs to:
    (index, column of its key, key)."""
    for i in range(before - 1, -1, -1):
        m = _KEY_LINE.match(lines[i])
        if m and m.group(2) and len(m.group(1)) < column:
            return i, _key_column(m), m.group(3)
    return None


def _quoted(value: str) -> str:
    value = value.strip()
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"'{shown}'" if '"' in value else f'"{shown}"'


def _spaces(n: int) -> str:
    return f"{n} space{'s' * (n != 1)}"


def _misindented(lines: list[str], index: int) -> str | None:
    """For a `key:` line whose indentation does not match the keys around it: what to do."""
    m = _KEY_LINE.match(lines[index])
    if m is None or m.group(2):
        return None
    key, here = m.group(3), len(m.group(1))

    def off_by(column: int, other: str, line_no: int, keys: str) -> str:
        diff = here - column
        return (f"'{key}:' is indented {_spaces(here)}, {abs(diff)} "
                f"{'more' if diff > 0 else 'fewer'} than '{other}:' on line {line_no + 1}: {keys} "
                f"line up, so indent it {_spaces(column)}")

    item = _item_start(lines, index, here + 1)
    if item is not None and item[1] != here:
        line_no, column, first = item
        if here == column - 2 and lines[line_no].lstrip().startswith("-"):
            if key == first:
                return (f"'{key}:' starts a new list item, which needs '- ' before it "
                        f"(as on line {line_no + 1})")
            return (f"'{key}:' is at the level of the list's '- ' (line {line_no + 1}): a key of "
                    f"that item lines up under '{first}:' ({_spaces(column)}); a new item starts "
                    "with '- '")
        return off_by(column, first, line_no, "the keys of one item")
    above = _content(lines, index)
    ma = _KEY_LINE.match(above[1]) if above is not None else None
    if ma is not None and _key_column(ma) != here:
        return off_by(_key_column(ma), ma.group(3), above[0], "keys of one mapping")
    return None


def _explain(lines: list[str], exc: yaml.MarkedYAMLError, line: int, col: int) -> tuple[str, int, int] | None:
    """(message, line, col) for a mistake we recognise, else None."""
    problem, context = exc.problem or "", exc.context or ""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    ctx = exc.context_mark
    if "quoted scalar" in context and ctx is not None:
        opened = lines[ctx.line][ctx.column] if ctx.column < len(lines[ctx.line]) else '"'
        return (f"the quote {opened} opened here is never closed: end the value with {opened} on "
                "this line, or remove the opening one", ctx.line + 1, ctx.column + 1)
    if ("flow sequence" in context or "flow mapping" in context) and ctx is not None:
        mc = _KEY_LINE.match(lines[ctx.line])
        value = (mc.group(4) or "") if mc else ""
        if value.startswith(("[", "{")):
            return (f"a value that starts with {value[0]} is read as a list or mapping, and this one "
                    f"is never closed: put the whole value in quotes: {mc.group(3)}: "
                    f"{_quoted(value)}", ctx.line + 1, ctx.column + 1)
    m = _KEY_LINE.match(text)
    if "mapping values are not allowed" in problem:
        indented = _misindented(lines, line - 1)
        if indented and m is not None and col == _key_column(m) + len(m.group(3)) + 1:
            return indented, line, col
        if m is not None and m.group(4):
            return (f"the ': ' inside the value of '{m.group(3)}:' reads as a new key: put the "
                    f"whole value in quotes: {m.group(3)}: {_quoted(m.group(4))}", line, col)
        return ("a ': ' here reads as a key: put the value in quotes, or if this line continues the "
                "value above, quote that value", line, col)
    if "expected '-' indicator" in problem or "expected key" in problem or "expected <block end>" in problem:
        indented = _misindented(lines, line - 1)
        if indented:
            return indented, line, _indent(text) + 1
        for row in range(line - 1, max(line - 3, -1), -1):
            mr = _KEY_LINE.match(lines[row])
            value = (mr.group(4) or "") if mr else ""
            if value.startswith(("[", "{")):
                return (f"a value that starts with {value[0]} is read as a list or mapping: put the "
                        f"whole value in quotes: {mr.group(3)}: {_quoted(value)}", row + 1, col)
            if value.startswith(('"', "'")):
                return (f"text after the closing quote of '{mr.group(3)}:': put the whole value "
                        "inside the quotes", row + 1, col)
        return None
    if "could not find expected ':'" in problem and ctx is not None:
        above = _content(lines, ctx.line)
        ma = _KEY_LINE.match(above[1]) if above else None
        where = f" more than '{ma.group(3)}:' on line {above[0] + 1}" if ma else ""
        return (f"this line has no 'key:': if it continues the value above, indent it{where}; "
                "else write it as 'key: value'", ctx.line + 1, _indent(lines[ctx.line]) + 1)
    return None


def syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """PyYAML's syntax error as a located problem in plain language."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    last = len(lines) - (1 if lines and lines[-1] == "" else 0)
    if line > last:  # the parser ran off the end: point at the last line, not past it
        line, col = max(last, 1), 1
    found = _explain(lines, exc, line, col)
    if found is not None:
        message, line, col = found
        return Problem(path, line, col, f"YAML syntax: {message}")
    message = exc.problem or exc.context or "invalid YAML"
    ctx = exc.context_mark
    if exc.context and ctx is not None and (ctx.line + 1, ctx.column + 1) != (line, col):
        message += f" ({exc.context} that starts at {ctx.line + 1}:{ctx.column + 1})"
    return Problem(path, line, col, f"YAML syntax: {message}")


#: A plain (unquoted) prose value cut by a comment: `ask: words #more` (a `#` after a space).
#: Only keys that hold sentences: after an id or a group, a comment is usually meant as one.
_CUT = re.compile(r"^ *(?:- +)?(?:text|ask|evidence|event|note|title): +([^\s\"'#\[{|>][^#]*?) +#")


def comment_hints(text: str, problems: Iterable[Problem]) -> list[Problem]:
    """`problems` of one file, each on a line where an unquoted ' #' cut the value short told so."""
    lines = text.split("\n")
    out = []
    for p in problems:
        row = lines[p.line - 1] if 0 < p.line <= len(lines) else ""
        m = _CUT.match(row)
        if m is not None:
            hint = (f" (' #' starts a YAML comment, so the value ends at '{' '.join(m.group(1).split()[-3:])}': put "
                    "the whole value in quotes)")
            p = Problem(p.path, p.line, p.col, p.message + hint)
        out.append(p)
    return out


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """'; did you mean 'distractors'?' for the known key nearest to `name`, or ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def known_keys(title: str, loc: tuple, models: dict[str, type]) -> list[str]:
    """The keys allowed where an unknown key was found: the fields of the model at `loc` inside
    the model a validation error is titled with (`Fact`, `list[Fact]`, `Pack`, `Recipe`...), looked
    up by name in `models` (pydantic models, as are the fields' models)."""
    import typing

    from pydantic import BaseModel

    current = models.get(title[5:-1] if title.startswith("list[") else title)
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        # the model inside the field's type, if any: `Fact`, `list[Source]`, `DeckSettings | None`
        stack, current = [info.annotation] if info else [], None
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                current = t
                break
            stack.extend(typing.get_args(t))
    return [info.alias or key for key, info in current.model_fields.items()] if current else []
