"""Shared browser-test plumbing: serve a folder on 127.0.0.1 and drive headless Chromium.

Debian's chromium (tools/find_chromium.py finds it) is launched through Playwright with
executable_path; elsewhere Playwright's own Chromium is used.
"""
from __future__ import annotations

import http.server
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import find_chromium  # noqa: E402  (tools/find_chromium.py)
import serve_gzip  # noqa: E402  (tools/serve_gzip.py)

# Flags the closed network here needs: without them Chromium keeps calling Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 on a free port; yields the base URL (ending in /)."""
    return serve_gzip.serve(folder, handler_class=_QuietHandler)


@contextmanager
def chromium():
    """A headless Chromium browser (Playwright Browser object)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        path = find_chromium.find()
        kwargs = {"headless": True, "args": CHROMIUM_ARGS}
        if path:
            kwargs["executable_path"] = path
        browser = pw.chromium.launch(**kwargs)
        try:
            yield browser
        finally:
            browser.close()


def wait_for(page, expression: str, timeout: float = 10_000) -> None:
    """Wait until a JavaScript expression is truthy in the page.

    Playwright's wait_for_function evaluates its string with eval() inside the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') rightly refuses; page.evaluate runs over
    the DevTools protocol, outside the page's policy. So poll from here.
    """
    import time

    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} ms for: {expression}")
        page.wait_for_timeout(25)


class PageWatch:
    """Records every request and console error of a Playwright page."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))


def follow(site: Path, page: str) -> str:
    """Where a page named in a test lives now: redirects at old addresses are followed (tools/urls.py)."""
    import urls  # tools/urls.py

    return urls.follow(site, page)


def site_pages(site: Path) -> list[str]:
    """Every HTML page the build produced, as site-relative paths: no 404 page, and no page at an
    old address (a redirect to its new page, tools/urls.py; tests/test_urls.py checks those)."""
    import urls  # tools/urls.py

    return urls.content_pages(site)
