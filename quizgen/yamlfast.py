"""A line reader for the plain YAML that fact files are written in, several times faster than PyYAML.

Fact files use block mappings and lists, one-line plain or quoted scalars, plain scalars wrapped onto
more-indented lines, and short flow lists like `[a, "b"]`. This reader handles exactly that and gives
the values PyYAML's safe loader gives (through PyYAML's own resolvers and constructors). Anything
else, or anything that might be an error, raises `Unsupported`: the caller then reads the file with
PyYAML, which also reports the errors. `tests/test_yamlfast.py` compares the two on generated files.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # libyaml is several times faster; the pure loader gives the same values
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


#: The longest key YAML allows (libyaml: a simple key is at most 1,024 characters).
MAX_KEY = 1024


class Unsupported(Exception):
    """The text uses YAML this reader leaves to PyYAML (or may be invalid)."""


#: Characters left to PyYAML: tabs, other line breaks, a BOM inside the text, what YAML forbids.
_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*| *)$')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*| *)$")
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'((?:[^']|'')*)'|([^\s,\[\]{}#:"'&*!|>%@`?-][^,\[\]{}#:?]*?|-[^\s,\[\]{}#:"'?][^,\[\]{}#:?]*?)) *(,|\]|$)""")
#: First characters a plain scalar cannot start with (YAML indicators); `-` is checked apart.
_NOT_PLAIN_START = frozenset("?:,[]{}#&*!|>'\"%@`")
#: First characters that send a value to `_scalar` for a closer look, and that a continuation
#: line may not start with (legal YAML in most cases, but rare: left to PyYAML).
_SPECIAL_START = _NOT_PLAIN_START | {"-"}

_CONSTRUCT = SafeConstructor()
#: Implicit resolvers by a plain scalar's first character, in the order `Resolver.resolve` tries
#: them (the safe loader has none that apply whatever the first character: a test checks).
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = Loader.yaml_implicit_resolvers


def _either(found: list[tuple[str, re.Pattern[str]]]) -> Any:
    """One regex matching what any of `found` matches: one failed match tells most text apart."""
    parts = (f"(?{'x' if r.flags & re.X else ''}:{r.pattern})" for _, r in found)
    return re.compile("|".join(parts)).match


#: By first character, a quick test that a plain scalar may be something other than text.
_MAYBE = {first: _either(found) for first, found in _RESOLVERS.items()}

#: No implicit resolver matches a plain scalar that starts with a letter and is longer than this
#: (`false`; a test checks every resolver): such text needs no regex call.
_LONGEST_WORD = 5
_KEYS: dict[str, Any] = {}
_SMALL: dict[str, Any] = {}  # resolved short scalars (numbers, years, yes/no), which repeat
_UNSEEN = object()


def resolve(text: str) -> Any:
    """A plain scalar's value, as the safe loader makes it (int, float, bool, None, date or str).
    Most scalars are text, told by their length or one regex before the resolvers are tried."""
    first = text[:1]
    if len(text) > _LONGEST_WORD and first.isalpha():
        return text
    small = len(text) <= 12
    if small:  # short scalars (numbers, years, yes/no) repeat: resolved once each
        value = _SMALL.get(text, _UNSEEN)
        if value is not _UNSEEN:
            return value
    maybe = _MAYBE.get(first)
    if maybe is None or maybe(text) is None:
        return text
    tag = next(tag for tag, regexp in _RESOLVERS[first] if regexp.match(text))  # `maybe` says one does
    try:
        value = _CONSTRUCT.yaml_constructors[tag](_CONSTRUCT, yaml.ScalarNode(tag, text))
    except Exception:  # a value PyYAML would reject (say, a date that does not exist)
        raise Unsupported from None
    if small:
        if len(_SMALL) > 100_000:
            _SMALL.clear()
        _SMALL[text] = value
    return value


def _key(text: str) -> Any:
    """A mapping key's value (resolved once per distinct key); keys other than text, yes/no and
    null are left to PyYAML."""
    value = _KEYS.get(text, _UNSEEN)
    if value is _UNSEEN:
        value = _KEYS[text] = resolve(text)
    if value.__class__ not in (str, bool, type(None)):
        raise Unsupported
    return value


def _plain(text: str) -> tuple[str, bool]:
    """The plain scalar on one line, and whether it may go on (a comment after it ends it);
    raise Unsupported for what may be a mapping key or an error."""
    cut = text.find(" #")
    if cut != -1:
        text = text[:cut]
    text = text.rstrip(" ")
    if ": " in text or text.endswith(":") or not text:
        raise Unsupported
    return text, cut == -1


def _scalar(text: str) -> tuple[Any, bool]:
    """The value written on the rest of a line: (value, whether it is a plain scalar that may go
    on over the next lines, not resolved yet). `text` has no leading spaces and is not empty."""
    first = text[0]
    if first == '"':
        m = _DOUBLE.match(text)
        if m is None:
            raise Unsupported
        return m.group(1), False
    if first == "'":
        m = _SINGLE.match(text)
        if m is None:
            raise Unsupported
        return m.group(1).replace("''", "'"), False
    if first == "[":
        return _flow_list(text), False
    if first in _NOT_PLAIN_START or (first == "-" and (len(text) == 1 or text[1] == " ")):
        raise Unsupported
    text, more = _plain(text)
    return (text, True) if more else (resolve(text), False)


def _flow_list(text: str) -> list[Any]:
    """A one-line flow list of plain or quoted scalars without escapes: `[a, "b c", 'd']`."""
    rest = text[1:]
    items: list[Any] = []
    if re.match(r" *\](?: +#.*| *)$", rest):
        return items
    pos = 0
    while True:
        m = _FLOW_ITEM.match(rest, pos)
        if m is None or m.group(4) == "":
            raise Unsupported
        double, single, plain, end = m.groups()
        if double is not None:
            items.append(double)
        elif single is not None:
            items.append(single.replace("''", "'"))
        else:
            items.append(resolve(plain.rstrip(" ")))
        pos = m.end()
        if end == "]":
            if not re.match(r"(?: +#.*| *)$", rest[pos:]):
                raise Unsupported
            return items
        ahead = pos
        while ahead < len(rest) and rest[ahead] == " ":  # no slice: that made long lists quadratic
            ahead += 1
        if ahead == len(rest) or rest[ahead] == "]":  # `[a, ]` or a list going on past the line
            raise Unsupported


#: Each line: indent, a list dash and the spaces after it, a `key:`, and the rest (a value, a
#: comment, or nothing). Every part may be empty, so every line matches: `findall` gives one row
#: per line, at C speed.
_LINES = re.compile(r"^( *)(?:(-)( +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(.*)$", re.MULTILINE)


def read(text: str) -> tuple[Any, dict[str, list[tuple[int, int]]]]:
    """The document's data and, for each top-level key whose value is a block list, the (line,
    column) where each of its items starts. Raises `Unsupported` for anything beyond fact-file YAML.

    One pass over the lines with a stack of open collections. A plain scalar is resolved (to a
    number, a date...) only once the next line shows it does not go on."""
    if _ODD.search(text):
        raise Unsupported
    root: Any = None
    # Open collections, innermost last: (indent, container, is_mapping, item marks or None).
    stack: list[tuple[int, Any, bool, list[tuple[int, int]] | None]] = []
    marks: dict[str, list[tuple[int, int]]] = {}
    open_key: tuple[dict[Any, Any], Any, int] | None = None  # `key:` waiting for its value
    # A plain scalar that may go on: (container, key or index, text, indent it must exceed).
    pending: tuple[Any, Any, str, int] | None = None
    gap = False  # blank or comment lines since the last content line
    started = False
    number = 0
    key_of = _KEYS.get
    for row in _LINES.findall(text):
        number += 1
        pad, dash, space, name, rest = row
        if not dash and not name and (not rest or rest[0] == "#"):
            gap = True
            continue
        indent = len(pad)

        if pending is not None:
            container, where, so_far, above = pending
            if indent > above:  # the plain scalar goes on, folded into one line
                if gap or dash or name or rest[0] in _SPECIAL_START:
                    raise Unsupported  # a key or a dash in wrapped text is an error, or odd YAML
                part, more = _plain(rest)
                if more:
                    pending = (container, where, so_far + " " + part, above)
                else:  # a comment ends the scalar
                    container[where] = resolve(so_far + " " + part)
                    pending = None
                gap = False
                continue
            container[where] = resolve(so_far)
            pending = None
        gap = False

        if indent == 0 and not dash and not name and rest[0] in "-.%":
            if started or not rest.startswith("---") or rest[3:4] not in ("", " "):
                raise Unsupported  # a second document, directives, or a plain scalar at the root
            after = rest[3:].lstrip(" ")
            if after and after[0] != "#":
                raise Unsupported
            started = True
            continue
        started = True

        if open_key is not None:
            mapping, key, above = open_key
            open_key = None
            if indent > above or (indent == above and dash):
                if dash:
                    child: Any = []
                elif name:
                    child = {}
                else:  # a plain scalar starting on the line after its key
                    if rest[0] in _SPECIAL_START:
                        raise Unsupported
                    part, more = _plain(rest)
                    mapping[key] = part if more else resolve(part)
                    pending = (mapping, key, part, above) if more else None
                    continue
                mapping[key] = child
                item_marks = None
                if dash and len(stack) == 1 and stack[0][2] and key.__class__ is str \
                        and key not in marks:
                    item_marks = marks[key] = []
                stack.append((indent, child, not dash, item_marks))

        if not stack:
            if indent != 0:
                raise Unsupported
            root = [] if dash else {}
            stack.append((0, root, not dash, None))
        while indent < stack[-1][0]:
            stack.pop()
        top = stack[-1]
        if indent != top[0]:
            raise Unsupported  # deeper than any open collection: an error, or YAML we leave alone
        if dash:
            if top[2]:
                raise Unsupported  # a list where a key belongs
            column = indent + 1 + len(space)
            if top[3] is not None:
                top[3].append((number, column + 1))
            if not name:  # a scalar item
                if not rest or rest[0] == "#":
                    raise Unsupported  # `-` alone, `- # note`, `- - x`: left to PyYAML
                value, more = _scalar(rest)
                items = top[1]
                items.append(value)
                if more:
                    pending = (items, len(items) - 1, value, indent)
                continue
            mapping = {}
            top[1].append(mapping)
            top = (column, mapping, True, None)
            stack.append(top)
        else:
            if not top[2]:  # an indentless list ends where its mapping's next key starts
                if len(stack) >= 2 and stack[-2][0] == indent and stack[-2][2]:
                    stack.pop()
                    top = stack[-1]
                else:
                    raise Unsupported
            if not name:
                raise Unsupported
            mapping = top[1]
        if len(name) > MAX_KEY:
            raise Unsupported  # libyaml refuses a key this long: PyYAML reports it
        key = key_of(name)  # the cache `_key` fills: a call per line costs ~10% of the parse
        if key.__class__ is not str:
            key = _key(name)
        if key in mapping:
            raise Unsupported  # a repeated key (PyYAML keeps the last one): left to PyYAML
        if not rest or rest[0] == "#":
            mapping[key] = None
            open_key = (mapping, key, top[0])
            continue
        if rest[0] in _SPECIAL_START or " #" in rest or ": " in rest or rest[-1] in " :":
            value, more = _scalar(rest)
            mapping[key] = value
        else:
            mapping[key] = value = rest
            more = True
        pending = (mapping, key, value, top[0]) if more else None
    if pending is not None:
        container, where, so_far, _ = pending
        container[where] = resolve(so_far)
    if root is None:
        raise Unsupported
    return root, marks
