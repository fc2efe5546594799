"""HTML to PDF through the system's headless Chromium, driven by Playwright.

One engine, chosen on purpose: Chromium is what the tests print with, so what CI checks (page
count, no question split across pages) is what teachers get. Playwright is an optional extra
(`pip install playwright`) and is only ever pointed at an installed Chromium through
`executable_path` — it never downloads a browser. Paper size comes from the page's CSS `@page`.
Set QUIZGEN_CHROMIUM to use a browser that is not on PATH.
"""

from __future__ import annotations

import os
import shutil

#: Chromium flags for a quiet, offline, reproducible print: no background services (sync,
#: updates, safe browsing, reporting), and every host name resolving to nothing, so not even a
#: lookup leaves the machine; the page's own requests are refused too (`_offline`).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-domain-reliability",
                 "--disable-client-side-phishing-detection", "--disable-breakpad",
                 "--no-pings", "--disable-features=OptimizationHints,MediaRouter,Translate,"
                 "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
                 "--host-resolver-rules=MAP * ~NOTFOUND"]
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfEngineMissing(RuntimeError):
    """No way to print: Playwright or Chromium is not installed. The message says how to fix it."""


def find_chromium() -> str | None:
    configured = os.environ.get("QUIZGEN_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else shutil.which(configured)
    return next(filter(None, map(shutil.which, BROWSER_NAMES)), None)


def check_engine() -> str:
    """The Chromium to print with, or PdfEngineMissing saying what to install."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise PdfEngineMissing(
            "--format pdf needs Playwright (pip install playwright; never run 'playwright install': quizgen uses the system browser) and a system Chromium "
            "(apt-get install chromium); or print the HTML files from a browser") from None
    browser = find_chromium()
    if browser is None:
        raise PdfEngineMissing(
            "--format pdf needs Chromium: none found on PATH (apt-get install chromium, or set "
            "QUIZGEN_CHROMIUM to its path); or print the HTML files from a browser")
    return browser


def _offline(route) -> None:
    """Let the page itself load (`set_content` is about:blank, inline data stays inline); refuse
    every other request a page or template might make."""
    if route.request.url.startswith(("about:", "data:")):
        route.continue_()
    else:
        route.abort()


def html_to_pdf(pages: list[str], *, net_log: str | None = None) -> list[bytes]:
    """Each HTML page printed to PDF bytes, with one browser for all of them, offline. `net_log`:
    a file for Chromium's own log of every network event (the tests read it)."""
    browser_path = check_engine()
    from playwright.sync_api import sync_playwright

    args = CHROMIUM_ARGS + ([f"--log-net-log={net_log}", "--net-log-capture-mode=Everything"] if net_log else [])
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=args)
        try:
            page = browser.new_page()
            page.route("**/*", _offline)
            for html in pages:
                page.set_content(html, wait_until="load")
                out.append(page.pdf(prefer_css_page_size=True, print_background=False))
        finally:
            browser.close()
    return out
