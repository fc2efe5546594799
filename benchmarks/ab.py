"""Compare two checkouts of quizgen in interleaved rounds (A, B, A, B ...), as ratios A/B.

    python benchmarks/ab.py BEFORE_DIR AFTER_DIR [--rounds 5] [SIZES...]

Each round runs one `bench.py` round (`run_size` with one round: load+validate, deck, quiz, raw
genanki) in a fresh process for each checkout, the two seconds apart, on the same synthetic pack
(each process generates it). A shared machine's speed drifts over minutes, so each round's ratio
compares like with like; the table shows each figure's median over the rounds and the median of
the rounds' ratios. Peak memory is the process's peak RSS, or its peak together with its workers'
(`tree_mb`) where that is larger; in older checkouts that forked one helper, the two peaks added.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ONE_ROUND = """
import json, sys, tempfile, os
from pathlib import Path
tree = Path(sys.argv[1])
sys.path[:0] = [str(tree / "benchmarks"), str(tree)]
import bench
n = int(sys.argv[2])
with tempfile.TemporaryDirectory(prefix="quizgen-ab-") as tmp:
    os.chdir(tmp)
    row = bench.run_size(n, Path(tmp), 1)
row.pop("rounds")
row["e2e"] = row["load"] + row["deck"]
# older checkouts fork one helper (its own peak, added); newer ones sample the whole tree at once
row["memory_mb"] = max(row["peak_mb"], row["tree_mb"]) if "tree_mb" in row else row["peak_mb"] + row.get("helper_mb", 0)
print(json.dumps(row))
"""

FIGURES = ("load", "deck", "e2e", "genanki", "e2e_ratio", "quiz", "memory_mb")


def one(tree: Path, n: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", ONE_ROUND, str(tree), str(n)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print("| facts | figure | before | after | after / before (median of rounds) |")
    print("|---:|---|---:|---:|---:|")
    for n in args.sizes or [10_000, 100_000]:
        pairs = []
        for i in range(args.rounds):
            a = one(args.before, n)
            b = one(args.after, n)
            pairs.append((a, b))
            print(f"round {i + 1} at {n}: before load {a['load']:.2f} e2e {a['e2e']:.2f} ratio "
                  f"{a['e2e_ratio']:.2f}; after load {b['load']:.2f} e2e {b['e2e']:.2f} ratio "
                  f"{b['e2e_ratio']:.2f}", file=sys.stderr, flush=True)
        for key in FIGURES:
            before = statistics.median(a[key] for a, _ in pairs)
            after = statistics.median(b[key] for _, b in pairs)
            ratio = statistics.median(b[key] / a[key] for a, b in pairs)
            print(f"| {n:,} | {key} | {before:.2f} | {after:.2f} | {ratio:.2f} |", flush=True)


if __name__ == "__main__":
    main()
