"""Load packs: find them, read pack.yaml and the fact files, validate, and report every problem.

Loading never stops at the first problem: each file is read, each record is validated, and then the
pack-wide checks in `validate.py` run. If anything is wrong, `Problems` is raised with all of them,
each located as `path:line:col: message`.

A large pack's fact files are read by worker processes as well as this one (`read_files`, through
`workers.pool`): a worker parses, validates and checks whole files, and sends back the facts
(pickled: pydantic's own support, cheaper than validating the records again here) and the
problems; this process runs the pack-wide checks. Small packs, and platforms without `fork`, are
read here only. Measured at 100k facts on a quiet 2-core machine (README, "Performance"): 2.35 s
against 1.66 s, 1.43x (1.27x in a run timing the load alone), for the code before issue 15,
whose forked helper rebuilt facts by writing pydantic's internals (faster, and what that issue
asked to remove); 2.95 s in this process alone.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import paths, workers
from .gcpause import without_cyclic_gc
from .model import Fact, FactFile, LoadedPack, LocatedFact, Pack
from .problems import Problem, Problems, loc_name
from .source import SourceText
from .validate import check_fact, check_pack, evidence_problems, fact_problem, read_sources
from .yamlerrors import comment_hints, did_you_mean, known_keys
from .yamlio import Document, load_yaml

PACK_FILE = "pack.yaml"
_FACTS = TypeAdapter(list[Fact])


def nfc(value: Any) -> Any:
    """Normalise every string in loaded data to NFC, so equal-looking text compares equal."""
    if isinstance(value, str):
        # ASCII text is always NFC; skipping it keeps loading a large pack fast.
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if v.__class__ is str and v.isascii() else nfc(v)) for k, v in value.items()}
    return value


#: What a value that fails its pattern should look like, by field name.
_PATTERN_HELP = {
    **dict.fromkeys(("id", "group", "topic", "source", "tags", "topics", "exclude_tags", "packs"),
                    "must be lower-case letters, digits and hyphens (e.g. 'my-fact-1')"),
    "when": "must be a date written YYYY, YYYY-MM or YYYY-MM-DD, in quotes (e.g. '1924' or '2015-12-11')",
    "language": "must be a language code such as en or pt-BR",
    "versions": "must be one capital letter per version (e.g. [A, B])",
}


def pydantic_problems(doc: Document, err: ValidationError, prefix: tuple[Any, ...] = (),
                      models: tuple[type, ...] = ()) -> list[Problem]:
    """Turn each pydantic error into a located problem (`path:line:col: field: message`). An
    unknown key gets the nearest known one of its model (fact files' and pack.yaml's models, and
    `models`) as a suggestion."""
    known = {m.__name__: m for m in (Fact, FactFile, Pack, *models)}
    out = []
    for e in err.errors(include_url=False):
        loc = prefix + tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = e["type"]
        if kind == "extra_forbidden":
            parent, name = loc[:-1], loc[-1]
            line, col = doc.where(loc, key=True)
            where = f"{loc_name(parent)}: " if parent else ""
            hint = did_you_mean(str(name), known_keys(err.title, loc[len(prefix):-1], known))
            out.append(Problem(doc.path, line, col, f"{where}unknown key '{name}'{hint}"))
            continue
        if kind == "missing":
            parent, name = loc[:-1], loc[-1]
            line, col = doc.where(parent)
            where = f"{loc_name(parent)}: " if parent else ""
            out.append(Problem(doc.path, line, col, f"{where}missing field '{name}'"))
            continue
        message = e["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if kind == "string_pattern_mismatch" and field in _PATTERN_HELP:
            message = _PATTERN_HELP[field]
        elif kind == "string_pattern_mismatch":
            message = f"invalid value: {message}"
        elif kind in ("greater_than_equal", "less_than") and field in ("deck_id", "model_id"):
            message = "must be a whole number from 2^30 to 2^63 (quizgen new picks one for you)"
        elif kind == "enum":
            message = f"must be one of: {e.get('ctx', {}).get('expected', '')}"
        line, col = doc.where(loc)
        out.append(Problem(doc.path, line, col, f"{loc_name(loc)}: {message}"))
    return out


def read_pack_and_sources(folder: Path, display: str) -> tuple[Pack | None, dict[str, SourceText], list[Problem]]:
    """pack.yaml and, when it is valid, the sources it names (`read_sources`); and the problems."""
    path = folder / PACK_FILE
    shown = os.path.join(display, PACK_FILE)
    linked = link_problem(path, shown)
    if linked is not None:
        return None, {}, [linked]
    if not path.is_file():
        return None, {}, [Problem(shown, 1, 1, "missing pack.yaml: every pack folder needs one")]
    try:
        doc = load_yaml(path, shown)
    except Problem as p:
        return None, {}, [p]
    if not isinstance(doc.data, dict):
        return None, {}, [Problem(shown, 1, 1, "pack.yaml must be a mapping (id, title, sources)")]
    try:
        pack = Pack.model_validate(nfc(doc.data))
    except ValidationError as err:
        return None, {}, pydantic_problems(doc, err)
    return pack, *read_sources(pack, doc, folder, display)


def read_fact_file(path: Path, display: str) -> tuple[list[tuple[Fact, int]], Document | None, list[Problem]]:
    """Validate one fact file; return its facts with their record indexes, and its problems."""
    linked = link_problem(path, display)
    if linked is not None:
        return [], None, [linked]
    try:
        doc = load_yaml(path, display)
    except Problem as p:
        return [], None, [p]
    data = doc.data
    if not isinstance(data, dict):
        return [], doc, [Problem(display, 1, 1, "a fact file is a mapping with a 'facts:' list")]
    # The header (topic, tags) is validated here; the records one by one below, so the facts list
    # only needs to be a non-empty list at this point (a stand-in spares copying every record).
    facts_value = data.get("facts")
    stand_in = [{}] if isinstance(facts_value, list) and facts_value else facts_value
    try:
        header = FactFile.model_validate(
            {k: (stand_in if k == "facts" else nfc(v)) for k, v in data.items()})
    except ValidationError as err:
        problems = pydantic_problems(doc, err)
        if not isinstance(data.get("facts"), list):
            return [], doc, problems
        header = None
    else:
        problems = []
    topic = header.topic if header else data.get("topic")
    file_tags = list(header.tags) if header else []
    # Text read verbatim from an NFC file is NFC in every piece (a piece of NFC text is NFC), so
    # the per-string pass is only for other files: a large pack usually skips it. Records are
    # completed in place, so the document's facts list holds what was validated.
    already_nfc = doc.verbatim and unicodedata.is_normalized("NFC", doc.text)
    records = data["facts"]
    for i, raw in enumerate(records):
        if isinstance(raw, dict):
            if not already_nfc:
                raw = records[i] = nfc(raw)
            if topic is not None and "topic" not in raw:
                raw["topic"] = topic
            if file_tags:
                tags = raw.get("tags", [])
                raw["tags"] = file_tags + [t for t in tags if t not in file_tags] if isinstance(tags, list) else tags
    facts, found = validate_records(records, doc, display)
    problems += found
    problems = comment_hints(doc.text, problems) if doc.text is not None and problems else problems
    return facts, doc, problems


def validate_records(records: list[Any], doc: Document, display: str) -> tuple[list[tuple[Fact, int]], list[Problem]]:
    """Each record as a `Fact` with its index, if valid and passing `check_fact`; and the problems."""
    problems = []
    try:
        facts = list(zip(_FACTS.validate_python(records), range(len(records))))
    except ValidationError as err:
        problems += pydantic_problems(doc, err, ("facts",))
        bad = {e["loc"][0] for e in err.errors()}
        facts = [(Fact.model_validate(raw), i) for i, raw in enumerate(records) if i not in bad]
    problems += [fact_problem(display, doc, i, key, message)
                 for fact, i in facts for key, message in check_fact(fact)]
    return facts, problems


def fact_files(folder: Path) -> list[Path]:
    """The pack's fact files: every *.yaml beside pack.yaml (links too, even broken ones, so that
    `read_fact_file` can say what is wrong with them)."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != PACK_FILE and (p.is_file() or p.is_symlink()))


def no_fact_files(display: str) -> Problem:
    """The problem of a pack folder whose pack.yaml has no fact file beside it."""
    return Problem(os.path.join(display, PACK_FILE), 1, 1, "the pack has no fact files (*.yaml)")


def link_problem(path: Path, display: str) -> Problem | None:
    """A file of the pack that is a link out of the pack folder (`paths.inside`), or a broken
    link, as a problem: a shared pack is data, and may not make quizgen read (and echo in its
    errors) another file."""
    if not path.is_symlink():
        return None
    if not path.exists():  # a dangling link, or a loop of links
        return Problem(display, 1, 1, "a broken link (or a loop of links): nothing to read")
    if paths.inside(path.parent, path.name) is None:
        return Problem(display, 1, 1, "a link to a file outside the pack folder: refused (copy the file in)")
    return None


def read_checked(path: Path, shown: str, pack: Pack | None, texts: dict[str, Any]
                 ) -> tuple[str, list[tuple[Fact, int]], Document | None, list[Problem]]:
    """One fact file read, validated and its evidence checked (when the pack file could be read)."""
    facts, doc, found = read_fact_file(path, shown)
    if pack is not None and doc is not None:
        found += evidence_problems(pack, texts, facts, doc, shown)
    return shown, facts, doc, found


def located_facts(pack: Pack, shown: str, facts: list[tuple[Fact, int]], doc: Document
                  ) -> list[tuple[LocatedFact, Document, int]]:
    """Each fact of one file with the document and record index it came from: a problem found
    later (`check_pack`) is located from them, without searching for the fact again."""
    lines = doc.item_lines("facts", [i for _, i in facts])
    return [(LocatedFact(pack=pack.id, fact=f, file=shown, line=line), doc, i)
            for (f, i), line in zip(facts, lines)]


def read_files(files: list[tuple[Path, str]], pack: Pack | None, texts: dict[str, Any]
               ) -> Iterator[tuple[str, list[tuple[Fact, int]], Document | None, list[Problem]]]:
    """`read_checked` for each file, in order. When the files are large enough to gain from it
    (`workers.count`), worker processes read the later files while this one reads the first ones
    (what it reads itself need not be sent back)."""
    jobs = min(workers.count(sum(path.stat().st_size for path, _ in files if path.is_file())), len(files))
    if jobs < 2:
        yield from (read_checked(path, shown, pack, texts) for path, shown in files)
        return
    # a smaller share, as this process also does the pack-wide work; but one file at least, or
    # with few files (two, say) it would wait while one worker reads them all
    mine = max(1, len(files) // (jobs + 1))
    for text in texts.values():
        text.word_counts()  # built once here, before the fork, rather than once in each process
    with workers.pool(jobs - 1, functools.partial(_read_for_parent, pack=pack, texts=texts)) as run:
        theirs = run(files[mine:])  # started now, read meanwhile
        yield from (read_checked(path, shown, pack, texts) for path, shown in files[:mine])
        yield from theirs


def _read_for_parent(file: tuple[Path, str], *, pack: Pack | None, texts: dict[str, Any]
                     ) -> tuple[str, list[tuple[Fact, int]], Document | None, list[Problem]]:
    """`read_checked` in a worker; the document goes back without its parsed data."""
    shown, facts, doc, found = read_checked(*file, pack, texts)
    return shown, facts, doc and doc.without_data(), found


@without_cyclic_gc
def load_pack(folder: str | Path, *, display: str | None = None) -> LoadedPack:
    """Load and validate one pack folder; raise `Problems` listing everything wrong with it."""
    folder = Path(folder)
    display = display or paths.display(folder)
    pack, texts, problems = read_pack_and_sources(folder, display)
    files = [(path, os.path.join(display, path.name)) for path in fact_files(folder)]
    if not files and pack is not None:
        problems.append(no_fact_files(display))
    records: list[tuple[LocatedFact, Document, int]] = []
    complete = True
    for shown, facts, doc, found in read_files(files, pack, texts):
        problems += found
        complete = complete and doc is not None and not any(p.path == shown for p in found)
        if pack is not None and doc is not None:
            records += located_facts(pack, shown, facts, doc)
    return checked_pack(pack, folder, records, texts, problems, complete=complete)


def checked_pack(pack: Pack | None, folder: str | Path, records: list[tuple[LocatedFact, Document, int]],
                 texts: dict[str, SourceText], problems: list[Problem], *, complete: bool) -> LoadedPack:
    """The pack with its facts, once the checks across them (`check_pack`) have run; raise
    `Problems` with these and the `problems` found before, if any. `complete`: every fact file
    could be read."""
    if pack is None:
        raise Problems(problems)
    problems = problems + check_pack(pack, records, complete=complete)
    if problems:
        raise Problems(problems)
    # Every part was validated before (validating 100,000 facts again as a list costs a quarter second).
    return LoadedPack.model_construct(pack=pack, folder=str(folder), facts=[r[0] for r in records],
                                      sources=texts)


def make_pack(pack: Pack | dict[str, Any], facts: list[Fact | dict[str, Any]], *, folder: str | Path = ".",
              sources: dict[str, str] | None = None) -> LoadedPack:
    """A pack built in Python, with every check `load_pack` makes of a pack read from disk: each
    fact's fields and form, its evidence quote in its source, and the checks across the pack.
    The sources are read from `folder` (as pack.yaml's `file` says), or given as `sources`, the
    text of each source by id. Problems are named `<pack id> (built in Python)` with the fact's
    index (`facts[3].evidence: ...`); raise `Problems` listing all of them."""
    display = f"{pack.get('id', 'pack') if isinstance(pack, dict) else pack.id} (built in Python)"
    doc = Document(display, None)  # no text to locate in: problems name the field instead
    try:
        pack = Pack.model_validate(nfc(pack) if isinstance(pack, dict) else pack)
    except ValidationError as err:
        raise Problems(pydantic_problems(doc, err)) from None
    if sources is None:
        texts, problems = read_sources(pack, None, Path(folder), display)
    else:
        texts = {s.id: SourceText(sources[s.id], s.skip_sections) for s in pack.sources if s.id in sources}
        problems = [Problem(display, 1, 1, f"sources: no text given for source '{s.id}'")
                    for s in pack.sources if s.id not in sources]
    records = [nfc(f) if isinstance(f, dict) else f for f in facts]
    checked, found = validate_records(records, doc, display)
    problems += found + evidence_problems(pack, texts, checked, doc, display)
    # a fact's "line" is its position in `facts`, from 1
    located = [(LocatedFact(pack=pack.id, fact=f, file=display, line=i + 1), doc, i) for f, i in checked]
    return checked_pack(pack, folder, located, texts, problems, complete=len(checked) == len(records))


def find_packs(targets: list[str] | tuple[str, ...] = (), search: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Resolve command-line targets to pack folders.

    A target may be a pack folder, a folder of packs, a pack.yaml, or a pack id looked up on the
    search path (`search` folders, then QUIZGEN_PATH, then ./facts, then the packs shipped with
    quizgen). With no targets, every pack on the first search-path folder that has any.
    """
    roots = paths.pack_roots(search)
    if not targets:
        return next((found for root in roots if (found := _packs_in(root))), [])
    out: list[Path] = []
    for target in targets:
        p = Path(target)
        if p.is_file() and p.name == PACK_FILE:
            out.append(p.parent)
        elif (p / PACK_FILE).is_file():
            out.append(p)
        elif found := _packs_in(p):
            out += found
        else:
            hit = next((r / target for r in roots if (r / target / PACK_FILE).is_file()), None)
            if hit is None:
                searched = ", ".join(str(r) for r in roots) or "(no folders)"
                raise Problems([Problem(target, 1, 1, f"no pack found: not a pack folder, and no pack with this id in {searched}")])
            out.append(hit)
    return out


def _packs_in(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())


def load_packs(targets: list[str] | tuple[str, ...] = (), search: list[str] | tuple[str, ...] = ()) -> list[LoadedPack]:
    """Load several packs, gathering every problem of every pack before raising."""
    problems: list[Problem] = []
    packs: list[LoadedPack] = []
    for folder in find_packs(targets, search):
        try:
            packs.append(load_pack(folder))
        except Problems as err:
            problems += err.problems
    ids: dict[str, str] = {}
    for lp in packs:
        if lp.pack.id in ids:
            problems.append(Problem(paths.display(Path(lp.folder) / PACK_FILE), 1, 1,
                                    f"pack id '{lp.pack.id}' is also used by {ids[lp.pack.id]}"))
        ids.setdefault(lp.pack.id, paths.display(Path(lp.folder)))
    if problems:
        raise Problems(problems)
    return packs
