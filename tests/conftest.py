"""Shared fixtures: where the repo, the default pack and the fixture pack are; Chromium discovery."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def fixture_packs() -> Path:
    """A folder of packs for tests: the unrelated `rivers` pack."""
    return FIXTURES / "packs"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository as working folder (so facts/ and decks/ are found)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, or skip; under QUIZGEN_REQUIRE_BROWSER=1 (CI) a missing one fails."""
    path = chromium_path()
    if path is None:
        if os.environ.get("QUIZGEN_REQUIRE_BROWSER") == "1":
            pytest.fail("QUIZGEN_REQUIRE_BROWSER=1 but no chromium on PATH (.ci/run installs it)")
        pytest.skip("no Chromium installed (apt-get install chromium); browser tests skipped")
    return path
