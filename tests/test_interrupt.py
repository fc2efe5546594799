"""Nothing is lost when a build is interrupted: Ctrl-C (SIGINT), `kill` (SIGTERM) or SIGKILL at any
point leaves every previous output either as it was or complete and new, never half-written; no temp
file is left behind in the output folder or in TMPDIR, except by SIGKILL, whose leftovers are hidden
`.<name>.<random>.tmp` files that the next build removes. No process outlives the killed build
(none is left with the output folder on its command line) and none holds its stdout open, so
`quizgen build | cat` ends. 17 moments x 3 signals = 51 interrupted builds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import write_pack  # noqa: E402

FACTS = 1500
FRACTIONS = tuple(round(0.05 + 0.05 * i, 2) for i in range(17))  # 0.05 ... 0.85 of a build's time


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


class Project:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmpdir = root / "tmpdir"
        self.tmpdir.mkdir()
        self.recipe = write_pack(root, FACTS)
        # QUIZGEN_JOBS=2: the fact files are read by a worker process, which must not outlive the build
        self.env = {**os.environ, "TMPDIR": str(self.tmpdir), "SOURCE_DATE_EPOCH": "1767225600",
                    "PYTHONPATH": str(ROOT), "QUIZGEN_JOBS": "2"}
        self.env.pop("CI", None)

    def start(self, out: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "quizgen", "build", str(self.recipe), "--facts",
             str(self.root / "facts"), "-o", str(out)],
            cwd=self.root, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def build(self, out: Path) -> float:
        started = time.monotonic()
        proc = self.start(out)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        return time.monotonic() - started

    def edit(self) -> None:
        """Change one fact so the next build writes different outputs."""
        path = self.root / "facts" / "synth" / "part-1.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("ask: Who led the survey of", "ask: Who headed the survey of", 1),
                        encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("interrupt")
    proj = Project(root)
    old = root / "old"
    proj.build(old)  # the previous good build
    proj.edit()
    new = root / "new"
    shutil.copytree(old, new)
    duration = proj.build(new)  # what an uninterrupted rebuild writes
    return {"project": proj, "old": files(old), "new": files(new), "duration": duration}


def survivors(out: Path) -> list[int]:
    """Processes still running with `out` on their command line (a build's helpers would have it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(out).encode() in cmdline:
                found.append(int(entry.name))
    return found


def check_outputs(out: Path, old: dict[str, bytes], new: dict[str, bytes], *, allow_temps: bool) -> list[str]:
    """Every output is the old file or the complete new one; returns our temp files found."""
    temps = []
    for name, data in files(out).items():
        if name.startswith(".") and name.endswith(".tmp"):
            temps.append(name)
            continue
        assert name in old or name in new, f"unexpected file {name}"
        assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new file"
    for name in old:
        assert (out / name).exists(), f"{name} of the previous build was lost"
    assert allow_temps or not temps, temps
    return temps


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["INT", "TERM", "KILL"])
def test_interrupted_build_keeps_previous_outputs(project: dict, sig: signal.Signals, tmp_path: Path) -> None:
    proj: Project = project["project"]
    interrupted = 0
    for fraction in FRACTIONS:
        out = tmp_path / f"out-{fraction}"
        shutil.copytree(proj.root / "old", out)
        proc = proj.start(out)
        time.sleep(project["duration"] * fraction)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)  # ends only when no process holds stdout or stderr
        assert not survivors(out), f"processes outlived the build: {survivors(out)}"
        interrupted += proc.returncode != 0
        assert b"Traceback" not in err or sig is signal.SIGINT and b"KeyboardInterrupt" in err
        temps = check_outputs(out, project["old"], project["new"], allow_temps=sig is signal.SIGKILL)
        assert not list(proj.tmpdir.iterdir()), "temp files left in TMPDIR"
        if temps:  # only SIGKILL can leave them: the next build cleans up and completes
            proj.build(out)
            assert files(out) == project["new"]
    assert interrupted >= len(FRACTIONS) // 2, "the build finished before most signals: make it slower"
