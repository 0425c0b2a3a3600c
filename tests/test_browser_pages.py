"""Every page of the built site in a real browser: WCAG 2.1 AA (axe-core) in the light and the dark
colour scheme, privacy and console.

The page list comes from the build output (site_pages), so a new page is tested without
touching this file. Each page is loaded once, in one browser context, and everything is
recorded in that single pass; the tests below then each assert one property over all
pages, with a message that names the page and the element.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import site_pages, wait_for
from conftest import checked
import urls  # noqa: E402  (tools/urls.py, on the path through browser.py)

# WCAG 2.0 and 2.1, levels A and AA: what EN 301 549 asks of web content.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# URL schemes that never leave the browser (inline data, objects the page made itself).
LOCAL_SCHEMES = {"data", "blob", "about"}
# The smallest site we accept as "the real build": a smaller count means pages went missing.
MIN_PAGES = 30


@dataclass
class Visit:
    path: str
    violations: list[dict] = field(default_factory=list)
    dark_violations: list[dict] = field(default_factory=list)
    dark_scheme: str = ""
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)


def axe_lines(where: str, violations: list[dict]) -> list[str]:
    """One readable line per failing element: rule (impact), page, CSS target, what to fix."""
    lines = []
    for rule in violations:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{rule['id']} ({rule['impact']}) on {where}: {' '.join(map(str, node['target']))} -- {summary[:220]}")
    return lines


def outside(url: str, base_url: str) -> bool:
    """True when a request goes anywhere but the test server (scheme, host and port)."""
    if urlsplit(url).scheme in LOCAL_SCHEMES:
        return False
    own = urlsplit(base_url)
    there = urlsplit(url)
    return (there.scheme, there.hostname, there.port) != (own.scheme, own.hostname, own.port)


@pytest.fixture(scope="module")
def visits(browser, base_url, site) -> list[Visit]:
    """Load every page once and record axe violations, requests, console errors and cookies."""
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    current: list[Visit] = []
    # On the context, not the page: workers' fetches (the search index) count too.
    context.on("request", lambda r: current[-1].requests.append(r.url) if current else None)
    page.on("console", lambda m: current[-1].console_errors.append(f"{m.text} [{m.location.get('url', '')}]") if m.type == "error" and current else None)
    page.on("pageerror", lambda e: current[-1].console_errors.append(f"uncaught: {e}") if current else None)
    results = []
    try:
        for path in site_pages(site):
            visit = Visit(path)
            current.append(visit)
            page.goto(base_url + path, wait_until="load")
            visit.violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            visit.cookies = [f"{c['name']} ({c['domain']})" for c in context.cookies()]
            results.append(visit)
        # A request made late (the search worker loads its index after `load`) is still
        # recorded, on the page visited next; after the last page, wait for the network.
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    # The same pages on a system set to dark (the site follows it: Material's slate scheme).
    dark = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = dark.new_page()
        for visit in results:
            page.goto(base_url + visit.path, wait_until="load")
            visit.dark_scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''")
            visit.dark_violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    finally:
        dark.close()
    return results


def test_every_page_of_the_build_is_visited(visits, site):
    built = site_pages(site)
    assert len(built) >= MIN_PAGES, f"only {len(built)} pages in {site}: is this the real build?"
    assert [v.path for v in visits] == built
    assert "index.html" in built and urls.follow(site, "toegankelijkheid.html") in built


def test_no_axe_violations_on_any_page(visits):
    lines = [line for v in visits for line in axe_lines(v.path, v.violations)]
    checked(f"axe (WCAG 2.1 A/AA): {len(visits)} pagina's nagekeken, {len(lines)} overtreding(en)")
    assert len(visits) >= MIN_PAGES
    assert not lines, f"{len(lines)} axe violation(s) (WCAG 2.1 A/AA):\n" + "\n".join(lines[:60])


def test_no_axe_violations_on_any_page_in_the_dark_scheme(visits):
    """With a dark system setting every page turns dark (slate) and still passes axe, contrast included."""
    # The print page is the paper version (no script, no palette, overrides/afdrukken.html): light by design.
    light = [v.path for v in visits if v.dark_scheme != "slate" and v.path != "afdrukken.html"]
    assert not light, f"pages that ignore the dark system setting: {light}"
    assert len(visits) - len(light) > 30
    lines = [line for v in visits for line in axe_lines(f"{v.path} (dark)", v.dark_violations)]
    assert not lines, f"{len(lines)} axe violation(s) in the dark scheme:\n" + "\n".join(lines[:60])


def test_no_request_leaves_the_site(visits, base_url):
    bad = [f"{v.path}: {url}" for v in visits for url in v.requests if outside(url, base_url)]
    assert not bad, "requests to other hosts:\n" + "\n".join(bad)
    # The recorder itself works: every page requested at least its own HTML.
    assert all(any(url.endswith(v.path) for url in v.requests) for v in visits)


def test_no_cookies(visits):
    bad = [f"{v.path}: {', '.join(v.cookies)}" for v in visits if v.cookies]
    assert not bad, "cookies set:\n" + "\n".join(bad)


def test_no_console_errors(visits):
    bad = [f"{v.path}: {msg}" for v in visits for msg in v.console_errors]
    assert not bad, "console errors:\n" + "\n".join(bad)


def test_open_search_dialog_passes_axe(browser, base_url):
    """The search dialog only exists for axe while open: open it, show results, then check."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "index.html", wait_until="load")
        page.keyboard.press("/")  # Material's shortcut: focus search
        page.keyboard.type("aankoop")
        page.locator(".md-search-result__item").first.wait_for()
        dialog = page.locator('.md-search[role="dialog"]')
        assert dialog.get_attribute("aria-label"), "the search dialog has no accessible name"
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        lines = axe_lines("index.html with search open", violations)
        assert not lines, "\n".join(lines)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", "stappen/behoefte.html"])
def test_phone_width_with_open_menu_passes_axe(browser, base_url, path):
    """At phone width (or a desktop zoomed to 400 %) the menu is a drawer with its own colours."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(base_url + path, wait_until="load")
        lines = axe_lines(f"{path} at 375 px", Axe().run(page, options=AXE_OPTIONS).response["violations"])
        page.locator('label[for="__drawer"].md-header__button').click()
        wait_for(page, "document.getElementById('__drawer').checked")
        lines += axe_lines(f"{path} at 375 px, menu open", Axe().run(page, options=AXE_OPTIONS).response["violations"])
        assert not lines, "\n".join(lines)
    finally:
        context.close()


def test_helpers_detect_what_they_should():
    """The two helpers the tests rely on fail when they must."""
    base = "http://127.0.0.1:8123/"
    assert outside("https://fonts.googleapis.com/css", base)
    assert outside("http://127.0.0.1:9999/x.js", base)  # another local port is another server
    assert outside("http://localhost:8123/x.js", base)
    assert not outside("http://127.0.0.1:8123/assets/x.js", base)
    assert not outside("data:image/svg+xml,<svg/>", base)
    violation = [{"id": "label", "impact": "critical", "nodes": [{"target": ["input"], "failureSummary": "Fix it"}]}]
    assert axe_lines("p.html", violation) == ["label (critical) on p.html: input -- Fix it"]


def test_axe_with_these_options_reports_a_known_violation(browser):
    """axe really runs with our tag set: a page with an unlabeled field and a low-contrast text fails."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="nl"><title>t</title><main><input type="text">'
                         '<p style="color:#aaa;background:#fff">grijs</p></main></html>')
        ids = {v["id"] for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]}
        assert {"label", "color-contrast"} <= ids, ids
    finally:
        page.close()


def test_screen_pages_load_no_print_font(visits):
    """The vendored fonts (docs/assets/fonts/) are for the PDF and paper only: no screen page fetches them."""
    fetched = [f"{v.path}: {url}" for v in visits for url in v.requests if "/assets/fonts/" in url]
    assert not fetched, "\n".join(fetched[:10])
