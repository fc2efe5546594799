"""A large pack's fact files are read by worker processes (`quizgen.workers`, `loader.read_files`):
the result is the same as reading them in one process, facts and located problems alike, and no
worker is left running afterwards, after Ctrl-C to the whole process group, or after the build is
killed (the kill tests in test_interrupt.py run with workers too)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen import workers
from quizgen.loader import load_pack
from quizgen.problems import Problems

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import write_pack  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")


def load(folder: Path, jobs: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(workers.JOBS_ENV, jobs)
    try:
        pack = load_pack(folder)
    except Problems as err:
        return [(p.path, p.line, p.col, p.message) for p in err.problems]
    return [(lf.key, lf.file, lf.line, lf.fact.model_dump()) for lf in pack.facts]


def children() -> list[str]:
    return sorted(p.name for p in Path(f"/proc/{os.getpid()}/task").iterdir()
                  if (Path(f"/proc/{os.getpid()}/task") / p.name / "children").read_text().split())


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers")
    write_pack(root, 4500)  # five files
    return root / "facts" / "synth"


def test_workers_read_what_one_process_reads(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = load(pack, "1", monkeypatch)
    assert len(alone) == 4500
    for jobs in ("2", "3"):
        assert load(pack, jobs, monkeypatch) == alone
    assert not children(), "a worker outlived the load"


def test_problems_found_by_workers_are_located_alike(pack: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "synth"
    shutil.copytree(pack, broken)
    files = sorted(p for p in broken.glob("part-*.yaml"))
    last = files[-1]  # read by a worker: this process reads only the first files
    text = last.read_text(encoding="utf-8")
    text = text.replace("difficulty: 2", "difficulty: 7", 1).replace("    evidence: \"The", "    evidence: \"Thy", 1)
    last.write_text(text + "  - id: fact-0\n    nonsense: 1\n", encoding="utf-8")
    alone = load(broken, "1", monkeypatch)
    assert len(alone) >= 4 and all(p[1] > 1 for p in alone), alone  # each at its own line
    assert all(p[0].endswith(last.name) for p in alone), alone
    assert load(broken, "2", monkeypatch) == alone
    assert load(broken, "4", monkeypatch) == alone


@pytest.mark.parametrize("trial", range(3))
def test_ctrl_c_to_the_process_group_stops_every_worker(trial: int, tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the group; sent the moment the first worker exists (while
    it starts, before it could ignore the signal itself), no traceback may appear."""
    write_pack(tmp_path, 30_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), workers.JOBS_ENV: "3"}
    proc = subprocess.Popen([sys.executable, "-m", "quizgen", "validate", str(tmp_path / "facts" / "synth")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    kids: list[str] = []
    while not kids and proc.poll() is None and time.monotonic() < deadline:  # no sleep: be quick
        kids = children.read_text().split()
    assert kids, "no worker started"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in err, err.decode()
    time.sleep(0.2)
    for kid in kids:
        assert not Path(f"/proc/{kid}").exists() or b"zombie" in Path(f"/proc/{kid}/status").read_bytes().lower()


def test_a_killed_parent_takes_its_workers_with_it(tmp_path: Path) -> None:
    write_pack(tmp_path, 30_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), workers.JOBS_ENV: "3"}
    proc = subprocess.Popen([sys.executable, "-m", "quizgen", "validate", str(tmp_path / "facts" / "synth")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    kids: list[str] = []
    while time.monotonic() < deadline and len(kids) < 2 and proc.poll() is None:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        time.sleep(0.01)
    assert len(kids) == 2, "the workers did not start"
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{k}").exists() for k in kids):
        time.sleep(0.05)
    assert not any(Path(f"/proc/{k}").exists() for k in kids), "a worker outlived its killed parent"


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workers.JOBS_ENV, raising=False)
    assert workers.count(workers.POOL_FROM_BYTES - 1) == 1
    cores = os.cpu_count() or 1
    assert workers.count(workers.POOL_FROM_BYTES) == (min(cores, workers.MAX_WORKERS) + 1 if cores > 1 else 1)
    monkeypatch.setenv(workers.JOBS_ENV, "3")
    assert workers.count(10) == 3
    monkeypatch.setenv(workers.JOBS_ENV, "1")
    assert workers.count(10**9) == 1
