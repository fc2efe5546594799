"""Reading a large pack's fact files in several processes.

Parsing YAML, validating facts and finding their quotes in the source is CPU work in Python, one
file independent of the next, so a large pack (a school's whole question bank) is read by this
process and helper processes together: each takes the next unread file from a shared counter until
none is left, so a fast process simply reads more files. Helpers start at once and parse and
validate; this process reads the source texts meanwhile, then checks every fact's evidence quote:
its own files' as it reads them, the helpers' as they arrive (so the source is prepared once, and
nothing waits for it). Helpers send back each fact's already validated values (its `__dict__`),
which this process turns back into a `Fact` without validating it a second time (pickling pydantic
models themselves costs more than the parsing it would save), between files of its own, so that
work is shared out too. Documents are not sent back: when a check finds a problem in a helper's file, the file is read
again here to locate it. A file a helper did not deliver (it failed or was killed) is read here.

Small packs, machines with one core, and platforms without `fork` read files in-process, the same
way (`read_fact_file`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .model import Fact, construct
from .problems import Problem
from .yamlio import Document, load_yaml

#: Fact files of more bytes than this in all are read in parallel (QUIZGEN_WORKERS=1 turns it off).
PARALLEL_FROM = 1_500_000

_FIELDS = tuple(Fact.model_fields)
_BIT = {name: 1 << i for i, name in enumerate(_FIELDS)}
_MASKS: dict[frozenset[str], int] = {}
_SETS: dict[int, set[str]] = {}


def _pack_facts(facts: list[Fact]) -> tuple[list[dict[str, Any]], list[int]]:
    """Validated facts as what a helper sends: each one's field values (its own `__dict__`, which
    pickles at C speed; enum members and shared default tuples are written once per file, as
    pickle remembers objects it has written) and a bitmask of the fields that were set."""
    masks = []
    for fact in facts:
        names = frozenset(fact.__pydantic_fields_set__)
        mask = _MASKS.get(names)
        if mask is None:
            mask = _MASKS[names] = sum(_BIT[n] for n in names)
        masks.append(mask)
    return [fact.__dict__ for fact in facts], masks


def _unpack_facts(values: list[dict[str, Any]], masks: list[int]) -> list[Fact]:
    """The `Fact`s a helper validated, rebuilt with `construct` (every value here already passed
    validation)."""
    out = []
    for data, mask in zip(values, masks):
        fields_set = _SETS.get(mask)
        if fields_set is None:  # shared between facts: frozen models never change theirs
            fields_set = _SETS[mask] = {n for n in _FIELDS if mask & _BIT[n]}
        out.append(construct(Fact, data, fields_set))
    return out


def _read_in_helper(path: str, display: str
                    ) -> tuple[tuple[list[dict[str, Any]], list[int]], list[int], list[int], list[tuple], bool]:
    """What a helper sends for one file: its facts (`_pack_facts`), their lines and record
    indexes (to locate an evidence problem found later), its problems, whether it parsed."""
    from .loader import read_fact_file

    indexes: list[int] = []

    def keep_indexes(facts: list[tuple[Fact, int]], doc: Document, shown: str) -> list[Problem]:
        indexes.extend(i for _, i in facts)
        return []

    facts, doc, problems = read_fact_file(Path(path), display, keep_indexes)
    return (_pack_facts([f for f, _ in facts]), [line for _, line in facts], indexes,
            [(p.path, p.line, p.col, p.message) for p in problems], doc is not None)


class _LaterDocument:
    """Stands for a file a helper read: its document is read here only if a problem needs it."""

    def __init__(self, docs: "LazyDocuments", shown: str) -> None:
        self._docs, self._shown = docs, shown

    def where(self, loc: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
        doc = self._docs.get(self._shown)
        return doc.where(loc, key=key) if doc is not None else (1, 1)


class LazyDocuments(dict):
    """Documents by displayed path; a file a helper read is read again here only if asked for."""

    def __init__(self, paths: dict[str, Path]) -> None:
        super().__init__()
        self._paths = paths

    def get(self, key: str, default: Any = None) -> Document | None:  # type: ignore[override]
        if key in self:
            return self[key]
        path = self._paths.get(key)
        if path is None:
            return default
        try:
            doc = load_yaml(path, key)
        except Problem:
            return default
        self[key] = doc
        return doc


FileResult = tuple[str, list[tuple[Fact, int]], bool, list[Problem]]


def _workers(files: list[Path]) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if os.environ.get("QUIZGEN_WORKERS", "").isdigit():
        return max(1, int(os.environ["QUIZGEN_WORKERS"]))
    if sum(p.stat().st_size for p in files) < PARALLEL_FROM:
        return 1
    return min(os.cpu_count() or 1, 4, len(files))


def read_fact_files(
    files: list[tuple[Path, str]], prepare: Callable[[], Callable[..., list[Problem]] | None]
) -> tuple[list[FileResult], LazyDocuments]:
    """Read every fact file, with helper processes when the pack is large.

    `prepare()` runs in this process (reading the sources; for a large pack, while the helpers
    already read files) and returns the check to run on each file's facts, here, with their record
    indexes and document (the evidence quotes), or None. Returns the results in file order and the
    documents for locating problems."""
    from .loader import read_fact_file

    docs = LazyDocuments({shown: path for path, shown in files})
    workers = _workers([path for path, _ in files])
    if workers >= 2:
        return _read_shared(files, workers - 1, docs, prepare), docs
    check = prepare()
    results = []
    for path, shown in files:
        facts, doc, problems = read_fact_file(path, shown, check)
        if doc is not None:
            docs[shown] = doc
        results.append((shown, facts, doc is not None, problems))
    return results, docs


def _take(counter: Any, total: int) -> int:
    """The index of the next file nobody has taken, or `total` when none is left."""
    with counter.get_lock():
        index = counter.value
        if index < total:
            counter.value = index + 1
    return index


def _helper(files: list[tuple[Path, str]], counter: Any, out: Any) -> None:
    """A helper process: read files until none is left, sending each result, then `None`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (index := _take(counter, len(files))) < len(files):
            path, shown = files[index]
            try:
                out.put((index, _read_in_helper(str(path), shown)))
            except Exception:  # the parent reads this file itself, and reports what goes wrong
                out.put((index, None))
    finally:
        out.put(None)
        out.close()
        out.join_thread()


def _read_shared(files: list[tuple[Path, str]], helpers: int, docs: LazyDocuments,
                 prepare: Callable[[], Callable[..., list[Problem]] | None]) -> list[FileResult]:
    from .loader import read_fact_file

    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    inbox = context.Queue()
    procs = [context.Process(target=_helper, args=(files, counter, inbox), daemon=True)
             for _ in range(helpers)]
    results: list[FileResult | None] = [None] * len(files)
    running = len(procs)
    check: Callable[..., list[Problem]] | None = None

    def receive(message: Any) -> None:
        nonlocal running
        if message is None:
            running -= 1
            return
        index, sent = message
        if sent is not None:
            packed, lines, indexes, problems, parsed = sent
            shown = files[index][1]
            facts = _unpack_facts(*packed)
            found = [Problem(*p) for p in problems]
            if check is not None:
                found += check(list(zip(facts, indexes)), _LaterDocument(docs, shown), shown)
            results[index] = (shown, list(zip(facts, lines)), parsed, found)

    try:
        for proc in procs:  # helpers read files while this process reads the sources
            proc.start()
        check = prepare()
        while (index := _take(counter, len(files))) < len(files):
            path, shown = files[index]
            facts, doc, problems = read_fact_file(path, shown, check)
            if doc is not None:
                docs[shown] = doc
            results[index] = (shown, facts, doc is not None, problems)
            while True:  # what the helpers have sent meanwhile
                try:
                    receive(inbox.get_nowait())
                except queue.Empty:
                    break
        while running:
            try:
                receive(inbox.get(timeout=0.1))
            except queue.Empty:
                if not any(proc.is_alive() for proc in procs) and inbox.empty():
                    break  # a helper died without saying so: its files are read below
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        inbox.close()
    for index, result in enumerate(results):
        if result is None:
            path, shown = files[index]
            facts, doc, problems = read_fact_file(path, shown, check)
            results[index] = (shown, facts, doc is not None, problems)
    return results  # type: ignore[return-value]
