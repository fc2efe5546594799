"""The author's loop: from a one-fact edit to the updated preview page, against a full `quizgen build`.

A 10,000-fact synthetic pack (`synth.py`) in a temp folder; one process runs the preview server
(`quizgen.serve`) on 127.0.0.1 and, in rounds, (1) times `quizgen build` of the same recipe as a
subprocess, what an author would otherwise run after an edit, and (2) edits one fact's wording and
times until the preview page of that file, fetched over HTTP, shows the new wording: the watcher's
look at the files, the reload of the changed file and the page. Rounds alternate, so a change in
the shared machine's speed moves both alike; the ratio is the median of each round's own ratio.

    python benchmarks/preview.py [FACTS] [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def edit_to_page(preview, facts_file: Path, url: str, round_no: int) -> float:
    """Change one fact's wording; seconds until the preview page shows it. As in the browser: the
    server announces a new load (the page's event stream), then the page is fetched."""
    text = facts_file.read_text(encoding="utf-8")
    old = "    text: The register of "
    new = f"    text: In round {round_no} the register of "
    at = text.index(old)
    with preview.changed:
        seen = preview.generation
    started = time.perf_counter()
    facts_file.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    with preview.changed:
        while preview.generation == seen:
            preview.changed.wait(30)
    shown = page(url)
    took = time.perf_counter() - started
    assert f"In round {round_no} the register of" in shown
    return took


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    rounds = int(argv[1]) if len(argv) > 1 else 5
    quizgen = str(Path(sys.executable).parent / "quizgen")
    with tempfile.TemporaryDirectory(prefix="quizgen-preview-bench-") as work:
        root = Path(work)
        synth.write_pack(root, n)
        os.chdir(root)
        from quizgen.serve import Preview, start, stop

        reload_times: list[float] = []

        def report(line: str) -> None:
            if line.startswith("reloaded in "):
                reload_times.append(float(line.split()[2]))

        preview = Preview("decks/synth.yaml")
        server, threads = start(preview, 0, report)
        facts_file = root / "facts" / "synth" / "part-5.yaml"
        url = f"{server.url}?file=facts/synth/{facts_file.name}"
        assert "The register of" in page(url)
        builds, loops, ratios = [], [], []
        try:
            for r in range(1, rounds + 1):
                started = time.perf_counter()
                subprocess.run([quizgen, "build", "-o", str(root / "build")], check=True,
                               capture_output=True)
                build = time.perf_counter() - started
                loop = edit_to_page(preview, facts_file, url, r)
                builds.append(build)
                loops.append(loop)
                ratios.append(loop / build)
                print(f"round {r}: quizgen build {build:.2f} s, edit to preview {loop:.3f} s "
                      f"({loop / build:.3f} of the build)", flush=True)
        finally:
            stop(server, threads)
        reload = statistics.median(reload_times[-rounds:]) if reload_times else float("nan")
        print(f"\n{n:,} facts, median of {rounds} rounds: quizgen build {statistics.median(builds):.2f} s; "
              f"edit to updated preview {statistics.median(loops):.3f} s (of which the reload, as the "
              f"server reports it, {reload:.2f} s); ratio {statistics.median(ratios):.3f} (target at most 0.1)")
        return 0 if statistics.median(ratios) <= 0.1 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
