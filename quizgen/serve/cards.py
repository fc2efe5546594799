"""Anki card templates rendered the way Anki renders them, for the preview.

Anki's template language is small: `{{Field}}`, sections `{{#Field}}...{{/Field}}` (shown when the
field is not empty), inverted sections `{{^Field}}...{{/Field}}`, `{{FrontSide}}` on the back, and
filters such as `{{text:Field}}` (the field without HTML). Field values are already HTML (the
notes escape fact text), so they are inserted as they are, as Anki does. An unknown field shows
Anki's own complaint, so a typo in a template is seen in the preview before a learner sees it.
"""

from __future__ import annotations

import html
import re

#: `{{#Name}}`, `{{^Name}}`, `{{/Name}}` or `{{filter:Name}}` / `{{Name}}`.
_TAG = re.compile(r"\{\{([#^/]?)\s*([^{}]*?)\s*\}\}")
_HTML_TAG = re.compile(r"<[^>]*>")


def _plain(value: str) -> str:
    return html.unescape(_HTML_TAG.sub("", value))


def _field(name: str, fields: dict[str, str], front: str | None) -> str:
    """One `{{...}}` replacement: a field, FrontSide, or a filtered field."""
    if name == "FrontSide":
        return front or ""
    *filters, field = name.split(":")
    if field not in fields:
        return f"{{unknown field {html.escape(field)}}}"
    value = fields[field]
    for f in reversed(filters):
        if f == "text":
            value = html.escape(_plain(value), quote=False)
    return value


def render(template: str, fields: dict[str, str], front: str | None = None) -> str:
    """`template` with its tags filled from `fields` (`front`: the rendered front, for backs)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open sections: (field, whether the outer text shows)
    showing = True
    at = 0
    for m in _TAG.finditer(template):
        if showing:
            out.append(template[at : m.start()])
        at = m.end()
        kind, name = m.group(1), m.group(2)
        if kind in ("#", "^"):
            filled = bool(fields.get(name, "").strip())
            stack.append((name, showing))
            showing = showing and (filled if kind == "#" else not filled)
        elif kind == "/":
            if stack and stack[-1][0] == name:
                showing = stack.pop()[1]
        elif showing:
            out.append(_field(name, fields, front))
    if showing:
        out.append(template[at:])
    return "".join(out)


def render_card(qfmt: str, afmt: str, fields: dict[str, str]) -> tuple[str, str]:
    """(front, back) of one card."""
    front = render(qfmt, fields)
    return front, render(afmt, fields, front)
