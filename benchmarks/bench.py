"""Benchmark: quizgen on synthetic packs of 1k, 10k and 100k facts, against raw genanki.

    python benchmarks/bench.py                   # 1k, 10k, 100k; 3 rounds each
    python benchmarks/bench.py 1000 20000        # other sizes
    python benchmarks/bench.py --rounds 5 100000 # more rounds

Packs are generated into a temp folder (removed afterwards), never committed. In one process, per
size: load+validate (`load_pack`), the deck (`write_deck`: select, notes, stamps, package, atomic
write), a 100-question quiz in 4 versions (`write_quiz`: generate, render HTML and JSON, write), and
raw genanki writing the same notes (same fields, same templates: `genanki.Model`/`Note`/`Deck`/
`Package.write_to_file`). "End to end" is what `quizgen deck` does: load+validate then the deck.

Each size runs several rounds (3 unless `--rounds` says otherwise), each round measuring all four
back to back on a fresh load and a fresh output folder (a first build: no earlier build state).
The table shows each time's median over the rounds, and each ratio's median over the rounds'
own ratios: a round compares quizgen and genanki a few seconds apart, so a shared machine's
changes of speed, which last longer than that, move both sides of a ratio alike. Each round of
the largest size is printed under the table.

Peak memory is the process's peak resident set size (`resource.getrusage(...).ru_maxrss`) after the
first round of each size; sizes run smallest first, so each row's peak is that size's. Beside it,
the peak of this process and its workers (which read a large pack's fact files) together: this
process's resident set plus each worker's proportional set size (its pages shared with this
process counted in part), sampled every 50 ms during that first round. `quizgen
--help` is timed as a subprocess (median of 7 runs).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import write_pack  # noqa: E402

TARGETS = {
    "end_to_end_ratio": 1.5,  # 100k deck end to end / raw genanki, at most
    "validate_s": 4.0,  # load+validate 100k facts, at most (3 s before issue 15 allowed 4 for simpler code)
    "help_ms": 150.0,  # quizgen --help, at most
    "peak_mb": 600.0,  # peak memory at 100k facts, under
}


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def raw_genanki(notes, notetype, out: Path, model_id: int, deck_id: int) -> None:
    """What a plain genanki script does for the same notes: one deck, the same fields/templates."""
    import genanki

    model = genanki.Model(
        model_id,
        "bench",
        fields=[{"name": f} for f in notetype.fields],
        templates=[{"name": t.name, "qfmt": t.qfmt, "afmt": t.afmt} for t in notetype.templates],
        css=notetype.css,
    )
    deck = genanki.Deck(deck_id, "Synthetic")
    for n in notes:
        deck.add_note(genanki.Note(model=model, fields=list(n.fields), guid=n.guid, tags=list(n.tags)))
    genanki.Package(deck).write_to_file(str(out))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _memory_mb(pid: int | str, field: str) -> float:
    """A field of /proc/PID/status (VmRSS, cheap to read) or smaps_rollup (Pss: walks the page
    tables, so it is read only for the short-lived workers)."""
    name = "status" if field == "VmRSS" else "smaps_rollup"
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeMemory:
    """The peak of this process's resident memory plus its children's (the workers that read a
    large pack) proportional set size, sampled every 50 ms in a thread: what the whole build holds
    at once. A worker's pages shared with this process count in part (its PSS), and in full here."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            kids = [k for t in Path(f"/proc/{me}/task").iterdir()
                    for k in (t / "children").read_text().split()] if Path("/proc").is_dir() else []
            self.peak = max(self.peak, _memory_mb(me, "VmRSS") + sum(_memory_mb(k, "Pss") for k in kids))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def one_round(n: int, root: Path, recipe_path: Path) -> dict[str, float]:
    """One round at size n: load+validate, deck, quiz and raw genanki, back to back, into a fresh
    output folder (so the deck is a first build, as for a new user)."""
    from quizgen.anki.deck import write_deck
    from quizgen.anki.notes import build_notes
    from quizgen.anki.notetype import load_notetype
    from quizgen.loader import load_pack
    from quizgen import write_quiz
    from quizgen.recipe import load_recipe
    from quizgen.select import select_facts

    recipe = load_recipe(recipe_path)
    gc.collect()
    t_load, pack = timed(lambda: load_pack(root / "facts" / "synth"))
    assert len(pack.facts) == n
    out = root / "build"
    shutil.rmtree(out, ignore_errors=True)
    t_deck, report = timed(lambda: write_deck(recipe, [pack], out / "synth.apkg"))
    t_quiz, written = timed(lambda: write_quiz(recipe, [pack], out))
    assert len(written) == 4 * 3 + 1, written

    settings = recipe.recipe.deck
    notes, _ = build_notes(settings, [pack], select_facts([pack], recipe.recipe.select))
    notetype = load_notetype()
    del pack
    gc.collect()
    t_raw, _ = timed(functools.partial(raw_genanki, notes, notetype, root / "raw.apkg", settings.model_id, settings.deck_id))
    del notes
    gc.collect()
    return {"cards": report.cards, "load": t_load, "deck": t_deck, "quiz": t_quiz, "genanki": t_raw,
            "deck_ratio": t_deck / t_raw, "e2e_ratio": (t_load + t_deck) / t_raw}


def run_size(n: int, work: Path, rounds: int) -> dict[str, Any]:
    """Every round at size n; the row holds each measure's median, and the rounds themselves."""
    root = work / f"n{n}"
    root.mkdir()
    recipe_path = write_pack(root, n)
    tree = TreeMemory()
    measured = [one_round(n, root, recipe_path)]
    # see the module docstring; a large pack's fact files are read by worker processes as well
    memory = {"peak_mb": peak_mb(), "tree_mb": tree.stop()}
    measured += [one_round(n, root, recipe_path) for _ in range(rounds - 1)]
    shutil.rmtree(root)
    row: dict[str, Any] = {key: statistics.median(r[key] for r in measured) for key in measured[0]}
    row.update(facts=n, rounds=measured, **memory)
    return row


def help_ms() -> float:
    script = Path(sys.executable).with_name("quizgen")
    cmd = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "quizgen", "--help"]
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def table(rows: list[dict[str, Any]], help_time: float) -> str:
    lines = [
        "| facts | cards | load+validate (s) | deck (s) | end to end (s) | raw genanki (s) | deck / genanki | end to end / genanki | quiz 100 q × 4 versions (s) | peak RSS (MB) | with its workers, at once (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        e2e = statistics.median(x["load"] + x["deck"] for x in r["rounds"])
        lines.append(
            f"| {r['facts']:,} | {r['cards']:,} | {r['load']:.2f} | {r['deck']:.2f} | {e2e:.2f} | "
            f"{r['genanki']:.2f} | {r['deck_ratio']:.2f} | {r['e2e_ratio']:.2f} | "
            f"{r['quiz']:.2f} | {r['peak_mb']:.0f} | {max(r['tree_mb'], r['peak_mb']):.0f} |"
        )
    big = max(rows, key=lambda r: r["facts"])
    lines.append("")
    lines.append(f"Medians of {len(big['rounds'])} rounds per size; the {big['facts']:,}-fact rounds:")
    lines.append("")
    lines.append("| round | load+validate (s) | deck (s) | raw genanki (s) | end to end / genanki |")
    lines.append("|---:|---:|---:|---:|---:|")
    for i, x in enumerate(big["rounds"], 1):
        lines.append(f"| {i} | {x['load']:.2f} | {x['deck']:.2f} | {x['genanki']:.2f} | {x['e2e_ratio']:.2f} |")
    lines.append("")
    lines.append(f"`quizgen --help`: {help_time:.0f} ms (median of 7 runs).")
    return "\n".join(lines)


def verdict(rows: list[dict[str, Any]], help_time: float) -> list[str]:
    big = max(rows, key=lambda r: r["facts"])
    checks = [
        (f"{big['facts']:,}-fact deck end to end / raw genanki", big["e2e_ratio"], TARGETS["end_to_end_ratio"], "x"),
        (f"load+validate {big['facts']:,} facts", big["load"], TARGETS["validate_s"], " s"),
        ("quizgen --help", help_time, TARGETS["help_ms"], " ms"),
        (f"peak memory at {big['facts']:,} facts (this process and its workers at once)", max(big["peak_mb"], big["tree_mb"]),
         TARGETS["peak_mb"], " MB"),
    ]
    return [f"- {'met' if value <= limit else 'MISSED'}: {name}: {value:.2f}{unit} (target {limit:g}{unit})"
            for name, value, limit, unit in checks]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="pack sizes in facts (default: 1000 10000 100000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size; medians are shown (default: 3)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or any(n < 1 for n in args.sizes):
        parser.error("sizes and --rounds must be positive")
    sizes = args.sizes or [1_000, 10_000, 100_000]
    env_note = f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as tmp:
        old = Path.cwd()
        os.chdir(tmp)  # the build writes its note-type manifest next to the recipe, inside tmp
        try:
            rows = [run_size(n, Path(tmp), args.rounds) for n in sorted(sizes)]
        finally:
            os.chdir(old)
    help_time = help_ms()
    print(f"quizgen benchmark ({env_note})\n")
    print(table(rows, help_time))
    print()
    print("\n".join(verdict(rows, help_time)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
