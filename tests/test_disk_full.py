"""A full disk: a build into a small tmpfs (output folder and TMPDIR both on it) either completes
with the outputs of a build on a roomy disk, or stops with a located message (exit 1, no
traceback) and leaves the previous build's outputs as they were, with no temp file behind.

Mounting a tmpfs needs root and a kernel that allows it here; where it does not, the test is
skipped and says why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
#: Disk sizes tried: from less than the previous outputs need, to enough for both builds.
SIZES_KB = (48, 96, 112, 128, 144, 160, 192, 256, 384, 768)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)}


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


@pytest.fixture()
def tmpfs(tmp_path: Path):
    """A function mounting a tmpfs of n kB at a fresh folder; unmounted afterwards."""
    mounted: list[Path] = []

    def mount(kb: int) -> Path:
        point = tmp_path / f"disk-{kb}-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kb}k", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}): "
                        "the full-disk cases need root and a kernel that allows it")
        mounted.append(point)
        return point

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root: the full-disk cases run in CI, as root")
    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def build(project: Path, out: Path, tmpdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizgen", "build", "decks/rivers.yaml", "--facts", "packs", "-o", str(out)],
        cwd=project, env={**ENV, "TMPDIR": str(tmpdir)}, capture_output=True, text=True, timeout=300)


def test_a_full_disk_keeps_the_previous_outputs(tmp_path: Path, tmpfs) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "decks", project / "decks")
    shutil.copytree(FIXTURES / "packs" / "rivers", project / "packs" / "rivers")
    roomy = tmp_path / "roomy"
    (tmp_path / "tmp").mkdir()
    assert build(project, roomy / "old", tmp_path / "tmp").returncode == 0
    old = outputs(roomy / "old")
    # the next build changes a fact, so every output but the note type differs
    facts = project / "packs" / "rivers" / "rivers.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("[[6,650]] km long", "[[6,650]] kilometres long"),
                     encoding="utf-8")
    shutil.copytree(roomy / "old", roomy / "new")
    assert build(project, roomy / "new", tmp_path / "tmp").returncode == 0
    new = outputs(roomy / "new")
    assert new != old
    results = {}
    for kb in SIZES_KB:
        disk = tmpfs(kb)
        out = disk / "build"
        try:
            shutil.copytree(roomy / "old", out)
        except OSError:
            shutil.rmtree(out, ignore_errors=True)  # the old build does not fit: start from nothing
            out.mkdir(exist_ok=True)
        before = outputs(out)
        (disk / "tmp").mkdir(exist_ok=True)
        done = build(project, out, disk / "tmp")
        text = done.stdout + done.stderr
        assert "Traceback" not in text and "internal error" not in text, (kb, text[-2000:])
        results[kb] = done.returncode
        if done.returncode == 0:
            assert outputs(out) == new, kb
        else:
            assert done.returncode == 1, (kb, text[-2000:])
            assert any(line.count(":") >= 3 and "space" in line.lower() for line in done.stderr.splitlines()), \
                (kb, done.stderr[-2000:])
            now = outputs(out)
            for name, data in before.items():
                assert now.get(name) in (data, new.get(name)), f"{kb} kB: {name} is neither old nor new"
            assert set(now) <= set(old) | set(new)
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")], kb
        assert not list((disk / "tmp").iterdir()), kb
    assert 1 in results.values() and 0 in results.values(), results  # both ends were reached
