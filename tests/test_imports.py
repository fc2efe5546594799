"""The pipeline's shape, held by the imports: no module imports one of a later stage, and no two
modules import each other, however indirectly (imports inside functions included: they run too).

Imports under `if TYPE_CHECKING:` never run and are left out (`quiz.rules` names the fact base of
`quiz.distractors` in its type hints; `quiz.distractors` imports the rules). Importing
`quizgen.a.b` runs `quizgen/a/__init__.py` first, so that counts as importing `quizgen.a` too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quizgen"

#: The stages, lowest first; a module may import its own stage and the ones before it. A name
#: ending in `.*` stands for every module of that package not named elsewhere.
STAGES: list[tuple[str, set[str]]] = [
    ("foundations: problems, models, YAML, paths, writing files", {
        "problems", "paths", "model", "yamlfast", "yamlio", "normalize", "source", "gcpause", "workers",
        "progress", "formats", "writer", "archive", "yamlerrors", "nearest"}),
    ("load and validate", {"loader", "validate", "recipe"}),
    ("select", {"select"}),
    ("generate: notes, quiz items and the rule book, coverage, changes", {
        "quiz", "quiz.*", "anki", "anki.*", "coverage", "changes"}),
    ("one build of a recipe", {"pipeline"}),
    ("lint", {"lint", "lint.*"}),
    ("render and export", {"render", "render.*", "export.*", "coverage_html", "sheet", "sheet.*"}),
    ("write the outputs", {"anki.deck", "export.files", "export"}),
    ("read back: scanned answer sheets, a class's answers", {"grade", "grade.*", "analyze", "analyze.*"}),
    ("the live preview", {"serve", "serve.*"}),
    ("the command line and the package's API", {
        "commands", "commands.*", "cli", "__main__", "scaffold", ""}),
]


def modules() -> dict[str, Path]:
    """Module name (relative to `quizgen`, "" for the package itself) -> file."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the import statements under `if TYPE_CHECKING:`."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    return skipped


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The quizgen modules `name` imports (anywhere in the file), with the packages they run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = ".".join(["quizgen", *base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = [f"{module}.{a.name}" for a in node.names] + [module]
        for target in targets:
            if target != "quizgen" and not target.startswith("quizgen."):
                continue
            parts = target.split(".")[1:]
            while parts and ".".join(parts) not in known:
                parts.pop()
            hit = ".".join(parts)
            found.add(hit)
            found |= {".".join(parts[:i]) for i in range(1, len(parts))}  # the packages it runs
    own_packages = {".".join(name.split(".")[:i]) for i in range(len(name.split(".")))}
    return found - own_packages - {name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) - {name} for name, path in known.items()}


def stage_of(name: str) -> int:
    for number, (_, members) in enumerate(STAGES):
        if name in members:
            return number
    package = name.rsplit(".", 1)[0] if "." in name else None
    for number, (_, members) in enumerate(STAGES):
        if package is not None and f"{package}.*" in members:
            return number
    raise AssertionError(f"quizgen.{name} is in no stage: add it to STAGES in {__file__}")


def test_every_module_has_a_stage_and_imports_no_later_stage() -> None:
    late = []
    for name, targets in graph().items():
        for target in targets:
            if stage_of(target) > stage_of(name):
                late.append(f"quizgen.{name} ({STAGES[stage_of(name)][0]}) imports quizgen.{target} "
                            f"({STAGES[stage_of(target)][0]})")
    assert not late, "\n".join(sorted(late))


def test_no_import_cycle() -> None:
    edges = graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(cycles)


def test_the_walk_sees_local_imports_and_packages() -> None:
    """The walk itself: a function-local import counts, and so does the package it runs."""
    edges = graph()
    assert "pipeline" in edges["anki.deck"]  # `from ..pipeline import Build` inside write_deck
    assert "render.html" in edges["export.files"]  # inside quiz_files
    assert {"quiz", "quiz.rules"} <= edges["anki.notes"]
    assert "quiz.distractors" not in edges["quiz.rules"]  # under TYPE_CHECKING only
