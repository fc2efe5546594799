"""A pack is untrusted data: odd encodings, tabs, alias bombs, huge files and paths that leave the
pack are reported with their location, never as a traceback, and never read outside the pack."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from test_load_errors import GOOD_FACT, facts, validate, write_pack


def test_non_utf8_reported_with_byte_offset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT))
    (folder / "latin1.yaml").write_bytes(b"topic: x\nfacts: []\n# caf\xe9\n")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0] == "volc/latin1.yaml:1:1: not UTF-8: invalid byte 0xe9 at byte offset 24"


def test_bom_and_crlf_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, "")
    (folder / "eruptions.yaml").write_bytes(b"\xef\xbb\xbf" + facts(GOOD_FACT).replace("\n", "\r\n").encode())
    code, lines = validate(folder, monkeypatch)
    assert (code, lines) == (0, [])


def test_tab_indentation_reported_with_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT.replace("    ask:", "\task:")))
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0] == "volc/eruptions.yaml:5:1: tab in indentation: indent with spaces"


def test_alias_bomb_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    folder = write_pack(tmp_path, "\n".join(bomb) + "\n")
    started = time.perf_counter()
    code, lines = validate(folder, monkeypatch)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert lines[0].startswith("volc/eruptions.yaml:")
    assert lines[0] == "volc/eruptions.yaml:1:1: YAML aliases expand to more than 1,000,000 values: refused"


def test_many_aliases_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0] == "volc/eruptions.yaml:2:405: more than 100 YAML aliases: refused (fact files need none)"


def test_file_over_size_limit_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path, facts(GOOD_FACT))
    monkeypatch.setenv("QUIZGEN_MAX_FILE_BYTES", "100")
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    size = (folder / "eruptions.yaml").stat().st_size
    assert f"volc/eruptions.yaml:1:1: file is {size} bytes, over the 100-byte limit (set QUIZGEN_MAX_FILE_BYTES to raise it)" in lines


@pytest.mark.parametrize("path", ["../secret.md", "/etc/hostname", "sources/../../secret.md"])
def test_source_outside_pack_refused(path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret.md").write_text("Vesuvius buried the town of Pompeii in 79.")
    folder = write_pack(tmp_path, facts(GOOD_FACT), pack=(
        "id: volc\ntitle: V\nsources:\n  - title: T\n    authors: [A]\n    file: " + path + "\n"))
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert lines[0] == (f"volc/pack.yaml:6:11: sources[0].file: '{path}' leaves the pack folder; "
                        "a pack may only cite files inside it")


def test_source_symlink_out_of_pack_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("Vesuvius buried the town of Pompeii in 79.")
    folder = write_pack(tmp_path, facts(GOOD_FACT))
    (folder / "sources" / "guide.md").unlink()
    (folder / "sources" / "guide.md").symlink_to(outside)
    code, lines = validate(folder, monkeypatch)
    assert code == 1
    assert "leaves the pack folder" in lines[0]
