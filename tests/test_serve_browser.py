"""`quizgen serve` as an author uses it, in real headless Chromium: the cards show, an edit shows
within moments without touching the browser, broken YAML shows its located problem above the last
good cards, and the fix brings the card back. The page talks to 127.0.0.1 only; Ctrl-C stops it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES
from quizgen.render.pdf import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

#: The offline flags of the PDF printer, except that 127.0.0.1 (the preview) resolves.
ARGS = [a if not a.startswith("--host-resolver-rules=") else a + ", EXCLUDE 127.0.0.1" for a in CHROMIUM_ARGS]
NILE_ASK = "About how many kilometres long is the Nile?"
NEW_ASK = "Roughly how many kilometres long is the Nile, end to end?"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "packs" / "rivers", tmp_path / "packs" / "rivers")
    shutil.copytree(FIXTURES / "decks", tmp_path / "decks")
    return tmp_path


def start_server(cwd: Path) -> tuple[subprocess.Popen, str]:
    quizgen = Path(sys.executable).parent / "quizgen"
    proc = subprocess.Popen([str(quizgen), "serve", "decks/rivers.yaml", "--facts", "packs", "--port", "0"],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "http://127.0.0.1:" in line, line
    url = line.split(": ", 1)[1].split(" ", 1)[0]
    return proc, url


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # a second save within the same clock tick must still look changed: bump the time explicitly
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def test_serve_follows_edits(chromium: str, workspace: Path) -> None:
    from playwright.sync_api import sync_playwright

    proc, url = start_server(workspace)
    facts = workspace / "packs" / "rivers" / "rivers.yaml"
    original = facts.read_text(encoding="utf-8")
    requests: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            try:
                page = browser.new_page()
                page.on("request", lambda r: requests.append(r.url))
                page.goto(url + "?file=packs/rivers/rivers.yaml")
                # the question card, front and back, in light and night mode (4 sides)
                assert page.get_by_text(NILE_ASK, exact=True).count() >= 4
                night = page.eval_on_selector(
                    '.anki-card[data-night="1"]',
                    "h => getComputedStyle(h.shadowRoot.querySelector('.card')).backgroundColor")
                light = page.eval_on_selector(
                    '.anki-card[data-night="0"]',
                    "h => getComputedStyle(h.shadowRoot.querySelector('.card')).backgroundColor")
                assert (light, night) == ("rgb(255, 255, 255)", "rgb(30, 30, 30)")

                # an edit shows by itself
                started = time.monotonic()
                save(facts, original.replace(NILE_ASK, NEW_ASK))
                page.get_by_text(NEW_ASK, exact=True).first.wait_for(timeout=10_000)
                shown_after = time.monotonic() - started
                assert shown_after < 5, shown_after

                # broken YAML: the located problem, and the last good cards stay on the page
                broken = original.replace("    ask: Into which sea does the Volga flow?",
                                          "   ask: Into which sea does the Volga flow?")
                assert broken != original
                save(facts, broken)
                page.locator("#problems").wait_for(timeout=10_000)
                problems = page.text_content("#problems")
                assert "packs/rivers/rivers.yaml:18:" in problems
                assert "YAML syntax" in problems
                assert page.get_by_text(NEW_ASK, exact=True).count() >= 4

                # fixed: the problem goes, the card is there again
                save(facts, original)
                page.get_by_text(NILE_ASK, exact=True).first.wait_for(timeout=10_000)
                page.locator("#problems").wait_for(state="detached", timeout=10_000)

                # the quiz of a chosen seed: sheet and key
                page.goto(url + "quiz?seed=3")
                assert page.locator("#items li").count() >= 10
                sheet = page.frame_locator('iframe[title="student sheet"]')
                assert "Great rivers of the world" in sheet.locator("h1").first.text_content()
                key = page.frame_locator('iframe[title="answer key"]')
                assert key.locator("body").text_content()
            finally:
                browser.close()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert err.rstrip().endswith("stopped")
    assert requests and all(r.startswith(url) or r.startswith(("about:", "data:")) for r in requests), requests
