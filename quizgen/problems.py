"""Located problems: what went wrong, and where (`path:line:col: message`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters that would break the one-line-per-problem output (line breaks of every kind, other
#: control characters): shown escaped, since messages quote untrusted text.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(order=True, unsafe_hash=True)
class Problem(Exception):
    """One problem in one input file. Raised singly, or collected and raised as `Problems`.

    Not a frozen dataclass: Python sets `__traceback__` on an exception that leaves a `with`
    block, and a frozen one then fails with FrozenInstanceError instead of the problem."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def loc_name(loc: tuple) -> str:
    """A place in a document, as people write it: ("facts", 3, "evidence") -> `facts[3].evidence`."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).removeprefix(".")


class Problems(Exception):
    """Every problem found in one run, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
