"""Benchmark: `quizgen coverage` on synthetic packs (default 10k and 50k facts), one process.

    python benchmarks/coverage_bench.py              # 10,000 and 50,000 facts, 3 rounds
    python benchmarks/coverage_bench.py 100000       # other sizes

The pack and its source come from `synth.py` (every fact quotes its own sentence, so every
sentence is factual and cited). Per size, after one load: the median over the rounds of
`coverage.measure` (find every quote, split the sentences, match quotes to sentences) and of
the whole command as a user runs it (`quizgen coverage synth`, a subprocess: load, validate,
measure, print). Target: under 10 s at 50,000 facts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synth import write_pack  # noqa: E402


def run_size(n: int, work: Path, rounds: int) -> tuple[float, float]:
    from quizgen.coverage import measure
    from quizgen.loader import load_pack

    write_pack(work, n)
    pack = load_pack(work / "facts" / "synth")
    inner, whole = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        [cov] = measure(pack)
        inner.append(time.perf_counter() - start)
        assert len(cov.factual) == n and cov.percent == 100.0, (len(cov.factual), cov.percent)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quizgen", "coverage", "synth", "--facts", str(work / "facts")],
                       check=True, stdout=subprocess.DEVNULL)
        whole.append(time.perf_counter() - start)
    return statistics.median(inner), statistics.median(whole)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="pack sizes in facts (default: 10000 50000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size; medians are shown")
    args = parser.parse_args(argv)
    print("| facts | coverage.measure (s) | `quizgen coverage` (s) |\n|---:|---:|---:|")
    worst = 0.0
    for n in args.sizes or [10_000, 50_000]:
        with tempfile.TemporaryDirectory() as tmp:
            inner, whole = run_size(n, Path(tmp), args.rounds)
        print(f"| {n:,} | {inner:.2f} | {whole:.2f} |")
        if n == 50_000:
            worst = whole
    if worst:
        print(f"\n50,000 facts: {worst:.2f} s ({'meets' if worst < 10 else 'MISSES'} the 10 s target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
