"""Read YAML safely, keeping where each value was written.

Fact-file YAML is read by `yamlfast`, anything else by PyYAML, which also reports syntax errors. A
problem found later is located from the item marks the fast reader records, or else from PyYAML's
node tree, composed only then. Files are untrusted: size and aliases are capped (an alias bomb
expands exponentially), and non-UTF-8 bytes are reported with their offset.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from . import yamlfast
from .problems import Problem
from .yamlerrors import syntax_problem
from .yamlfast import Loader as _Loader

#: Largest YAML file we read (bytes); override with QUIZGEN_MAX_FILE_BYTES.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Most aliases one document may use; real fact files use none.
MAX_ALIASES = 100


class Document:
    """A parsed YAML file: its data and, for locations, its node tree, composed only when a location
    beyond the start of an item of a top-level list (`item_marks`, from the fast reader) is asked."""

    __slots__ = ("path", "data", "text", "item_marks", "verbatim", "_root")

    def __init__(self, path: str, data: Any, root: yaml.Node | None = None, *, text: str | None = None,
                 item_marks: dict[str, list[tuple[int, int]]] | None = None, verbatim: bool = False) -> None:
        self.path = path
        self.data = data
        self.text = text
        self.item_marks = item_marks or {}
        #: Every string in `data` is a piece of `text` (or pieces joined by spaces): no escapes were
        #: decoded. So if the text is NFC, so is every string (see `loader.read_fact_file`).
        self.verbatim = verbatim
        self._root = root

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None and self.text:
            loader = _Loader(self.text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root

    def without_data(self) -> Document:
        """This document without its parsed data, still able to locate (sent between processes)."""
        return Document(self.path, None, None if self.text is not None else self._root, text=self.text,
                        item_marks=self.item_marks, verbatim=self.verbatim)

    def item_lines(self, key: str, indexes: list[int]) -> list[int]:
        """The line where each of the given items of top-level list `key` starts (as `where`
        gives it, taken straight from the item marks for the many items of a large file)."""
        marks = self.item_marks.get(key, ())
        count = len(marks)
        return [marks[i][0] if 0 <= i < count else self.where((key, i))[0] for i in indexes]

    def where(self, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc` (keys and list indexes), or of its nearest
        existing parent when the path does not exist (a missing field is reported at its record).
        With `key=True`, the location of the mapping key itself (for unknown keys)."""
        if len(loc) == 2 and not key and isinstance(loc[1], int):
            marks = self.item_marks.get(str(loc[0]))
            if marks is not None and 0 <= loc[1] < len(marks):
                return marks[loc[1]]
        node = self.root
        if node is None:
            return 1, 1
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                        child = k if key and part == loc[-1] else v
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    child = node.value[part]
            if child is None:
                break
            node = child
        mark = node.start_mark
        return mark.line + 1, mark.column + 1


_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)


def _check_tabs(path: str, text: str) -> None:
    if "\t" not in text:
        return
    m = _TAB_INDENT.search(text)
    if m is not None:
        raise Problem(path, text.count("\n", 0, m.start()) + 1, len(m.group(1)) + 1,
                      "tab in indentation: indent with spaces")


def _count_aliases(path: str, text: str) -> None:
    if "*" not in text:
        return
    count = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            count += 1
            if count > MAX_ALIASES:
                mark = token.start_mark
                raise Problem(
                    path, mark.line + 1, mark.column + 1,
                    f"more than {MAX_ALIASES} YAML aliases: refused (fact files need none)",
                )


#: Most nodes a document may expand to once aliases are followed (an alias bomb needs few aliases).
MAX_EXPANDED_NODES = 1_000_000
#: Tags whose values are no value of a pack or recipe (a set, ordered pairs): refused, not read.
_REFUSED_TAGS = {"tag:yaml.org,2002:set": "!!set", "tag:yaml.org,2002:omap": "!!omap",
                 "tag:yaml.org,2002:pairs": "!!pairs"}


def _children(node: yaml.Node) -> list[yaml.Node]:
    """A node's keys and values, or its items, in document order."""
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _check_nodes(path: str, root: yaml.Node) -> None:
    """Refuse what PyYAML would read but no pack or recipe holds, in one walk of the node tree in
    document order, without recursion. First what aliases do: a value containing itself
    (`- &r {id: a, self: *r}`: no fact is infinite), or a document expanding past
    MAX_EXPANDED_NODES values when walked. Then the first key written twice in one mapping (PyYAML
    would keep the last one silently) or tag of values no field holds."""

    def refuse(node: yaml.Node, message: str) -> Problem:
        mark = node.start_mark
        return Problem(path, mark.line + 1, mark.column + 1, message)

    sizes: dict[int, int] = {}  # how many values each node walked expands to
    open_nodes: set[int] = set()  # the nodes being walked: meeting one again is a cycle
    later: Problem | None = None  # a key or tag refused, raised once the aliases are known safe
    stack = [(root, False)]  # (node, whether its children are done)
    while stack:
        node, done = stack.pop()
        key, children = id(node), _children(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = min(1 + sum(sizes[id(n)] for n in children), MAX_EXPANDED_NODES + 1)
            continue
        if key in open_nodes:
            raise refuse(node, "YAML: this value contains itself through an alias (a recursive alias): refused")
        if key in sizes:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        stack += ((n, False) for n in reversed(children))
        if later is None and node.tag in _REFUSED_TAGS:
            later = refuse(node, f"YAML: {_REFUSED_TAGS[node.tag]} values are not read here: write a list")
        if later is None and isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for name, _ in node.value:
                if not isinstance(name, yaml.ScalarNode):
                    continue
                if name.value in first:
                    later = refuse(name, f"'{name.value}' is written twice in one mapping (first on line "
                                         f"{first[name.value].start_mark.line + 1}): keep one of them")
                    break
                first[name.value] = name
    if sizes[id(root)] > MAX_EXPANDED_NODES:
        raise refuse(root, f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values: refused")
    if later is not None:
        raise later


def _bad_tagged_value(root: yaml.Node | None) -> tuple[int, int]:
    """Where the scalar stands that PyYAML could not construct (`!!int x`, `!!bool maybe`):
    each tagged scalar is constructed alone until one fails; (1, 1) if none does."""
    stack = [root] if root is not None else []
    loader = _Loader("")
    try:
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node, deep=True)
                except (ValueError, TypeError, OverflowError, KeyError, yaml.YAMLError):
                    return node.start_mark.line + 1, node.start_mark.column + 1
            stack += reversed(_children(node))
    finally:
        loader.dispose()
    return 1, 1


def parse_yaml(path: str, text: str) -> Document:
    """Parse YAML text; raise Problem for syntax errors, tabs and alias bombs."""
    _check_tabs(path, text)
    try:
        data, marks = yamlfast.read(text)
    except yamlfast.Unsupported:
        return _parse_with_pyyaml(path, text)
    return Document(path, data, text=text, item_marks=marks, verbatim=True)


def _parse_with_pyyaml(path: str, text: str) -> Document:
    """What `yamlfast` leaves: PyYAML's node tree (kept, to locate problems), then its values."""
    root = None
    try:
        _count_aliases(path, text)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = None
            if root is not None:
                _check_nodes(path, root)
                data = loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise syntax_problem(path, text, exc) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most controls)
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise Problem(path, line, col, f"YAML: character U+{char:04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise Problem(path, 1, 1, "YAML: " + " ".join(str(exc).split())) from None
    except RecursionError:
        raise Problem(path, 1, 1, "YAML nested too deeply") from None
    except (ValueError, TypeError, OverflowError, KeyError) as exc:  # a tagged value that is not one (!!int x, !!bool maybe)
        line, col = _bad_tagged_value(root)
        raise Problem(path, line, col, f"YAML: invalid value: {exc}") from None
    return Document(path, data, root)


def read_text(path: str | Path, display: str | None = None) -> str:
    """Read an untrusted text file: size-capped, UTF-8 (a BOM is fine), CRLF folded to LF."""
    display = display or str(path)
    setting = os.environ.get("QUIZGEN_MAX_FILE_BYTES", "")
    limit = int(setting) if setting.isdigit() else DEFAULT_MAX_BYTES
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise Problem(display, 1, 1, f"file is {size} bytes, over the {limit}-byte limit "
                          "(set QUIZGEN_MAX_FILE_BYTES to raise it)")
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise Problem(display, 1, 1, f"cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise Problem(display, 1, 1, f"not UTF-8: invalid byte 0x{raw[exc.start]:02x} at byte offset {exc.start}") from None


def load_yaml(path: str | Path, display: str | None = None) -> Document:
    display = display or str(path)
    return parse_yaml(display, read_text(path, display))
