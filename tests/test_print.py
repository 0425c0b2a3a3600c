"""Printing: the print page (afdrukken.html) holds the whole guide in reading order, and any single
page prints without the site's chrome, with web addresses after external links and checklist boxes."""
from __future__ import annotations

import json
import re
import sys

import pytest
import yaml

from conftest import ROOT, checked, menu_links

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402

PRINT_PAGE = "afdrukken.html"


def nav_pages(site) -> list[str]:
    """The pages of the primary navigation, in reading order, as the site shows them. Each page's
    menu unfolds only its own section (navigation.prune): every page's menu is read once and the
    pages it adds are put in place, after the menu entry that precedes them."""
    order = list(dict.fromkeys(menu_links(site, "index.html")))
    i = 0
    while i < len(order):
        previous = None
        for href in menu_links(site, order[i]):
            if href not in order:
                order.insert(order.index(previous) + 1 if previous else 0, href)
            previous = href
        i += 1
    return order


def print_excludes() -> set[str]:
    """Pages mkdocs.yml leaves out of the print page (extra.afdrukken.uitsluiten), as site paths."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return {src[: -len(".md")] + ".html" for src in config["extra"]["afdrukken"]["uitsluiten"]}


def test_print_page_holds_every_page_in_reading_order(site):
    html = (site / PRINT_PAGE).read_text(encoding="utf-8")
    printed = re.findall(r'<section class="afdruk-pagina[^"]*" id="([^"]+)"', html)
    excluded = print_excludes()
    assert "downloads.html" in excluded
    expected = [href[: -len(".html")].replace("/", "-") for href in nav_pages(site) if href not in excluded]
    assert len(expected) > 30
    assert printed == expected
    assert 'id="downloads"' not in html, "de downloadpagina hoort niet in de afdrukversie"
    assert f'data-editie="{edition_module.current(ROOT).version}"' in html, "editie op het voorblad"
    # From any host, folder or file://: every address of the site's own files is relative.
    assert not re.search(r'(?:href|src)="/', html), "print page must work from any location"


def test_print_page_is_not_a_search_result(site):
    # the index the search worker loads on the first query, sections included (search_index.json: titles)
    index = json.loads((site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("downloads.html") for loc in locations)
    assert not [loc for loc in locations if loc.startswith(PRINT_PAGE)]


def test_print_page_runs_without_errors_and_needs_no_script(browser, base_url, site):
    """The table of contents is written at build time: the page works with JavaScript off, and loads none."""
    html = (site / PRINT_PAGE).read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\ssrc=", html), "de afdrukpagina laadt geen script"
    assert "__config" not in html  # no Material JavaScript to configure
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(base_url + PRINT_PAGE, wait_until="load")
            toc = page.locator("#inhoud a[href^='#']")
            assert toc.count() > 30, javascript
            assert toc.first.is_visible()
            page.wait_for_timeout(300)  # a late fetch (a search index, a worker) would fail here
            assert not errors, errors
        finally:
            context.close()


def test_print_page_passes_axe_on_a_phone(browser, base_url):
    """The print page is meant for phones too (no script, sections laid out as they scroll in):
    WCAG 2.1 AA at a phone's width, where wide tables and long sections would otherwise trip axe.
    (tests/test_browser_pages.py checks every page at desktop width.)"""
    from axe_playwright_python.sync_playwright import Axe

    from test_browser_pages import AXE_OPTIONS, axe_lines

    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base_url + PRINT_PAGE, wait_until="load")
        lines = axe_lines(PRINT_PAGE, Axe().run(page, options=AXE_OPTIONS).response["violations"])
        assert not lines, "\n".join(lines[:20])
    finally:
        context.close()


def test_no_other_page_loads_the_print_page_assets(site):
    """afdrukken.css is the print page's alone; print-site's script and stylesheets are gone from every page."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    stylesheet = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/afdrukken\.css"')
    loading = [p.relative_to(site).as_posix() for p in pages if stylesheet.search(p.read_text(encoding="utf-8"))]
    assert loading == [PRINT_PAGE]
    plugin = [p.relative_to(site).as_posix() for p in pages if "print-site" in p.read_text(encoding="utf-8")]
    assert plugin == []
    assert not (site / "js" / "print-site.js").exists() and not (site / "css").exists()


@pytest.fixture
def printed_step(browser, base_url):
    """A step page (checklist, external links) as the printer sees it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "stappen/behoefte.html", wait_until="load")
    page.emulate_media(media="print")
    yield page
    page.close()


def test_single_page_prints_without_chrome(printed_step):
    page = printed_step
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-search", ".md-footer", ".md-content__button", ".headerlink"):
        for i in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(i).is_visible(), selector
    assert page.locator("article h1").is_visible()
    assert page.locator("article .task-list-item").first.is_visible()


def test_external_links_show_their_address_on_paper(printed_step):
    after = printed_step.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
        .filter(a => a.offsetParent !== null)
        .map(a => [a.href, getComputedStyle(a, '::after').content])""")
    assert after, "geen externe link op de stappagina"
    for href, content in after:
        assert href in content, (href, content)
    internal = printed_step.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href$=".html"]'), '::after').content""")
    assert internal in ("none", "normal", '""'), internal


def test_checklist_boxes_print_as_outlined_boxes(printed_step):
    box = printed_step.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('article .task-list-indicator'), '::before');
        return {border: s.borderTopStyle, width: s.borderTopWidth, mask: s.maskImage || s.webkitMaskImage}
    }""")
    assert box["border"] == "solid" and box["width"] != "0px", box
    assert box["mask"] == "none", box


def test_downloads_page_links_the_files_of_this_edition(site):
    """An edition links its published files under site_url (the deploy workflow puts them in downloads/);
    a preview never links the live site's downloads for files it made itself (tests/test_downloads.py)."""
    edition = edition_module.current(ROOT)
    html = (site / "downloads.html").read_text(encoding="utf-8")
    site_url = re.search(r'<link rel="canonical" href="([^"]+)downloads\.html"', html).group(1)
    for name in (edition.zip_name, edition.pdf_name):
        published = f'href="{site_url}downloads/{name}"' in html
        assert published != edition.preview, (name, edition.version)
    assert f'href="{PRINT_PAGE}"' in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    said = f"proefversie van {edition.date_nl}" if edition.preview else f"editie {edition.version} van {edition.date_nl}"
    assert f"Je leest nu {'een ' if edition.preview else ''}{said}" in text, text[:300]


def dangling_links(html: str, site) -> tuple[list[str], list[str]]:
    """In-page anchors that name no id, and site files that do not exist, linked from `html`."""
    ids = set(re.findall(r"""\sid=["']([^"']+)["']""", html))
    hrefs = [h for _, h in re.findall(r"""href=(["'])(.*?)\1""", html)]
    anchors = sorted({h[1:] for h in hrefs if h.startswith("#") and h[1:] not in ids})
    local = {h.split("#")[0] for h in hrefs if h and not h.startswith(("#", "http:", "https:", "mailto:", "data:"))}
    return anchors, sorted(p for p in local if not (site / p).exists())


def test_every_link_on_the_print_page_resolves(site):
    """The link check skips the print page (too slow there, tools/linkcheckerrc): its links are checked here.

    In-page anchors must exist on the page; links to other site files must exist in the build;
    links to pages left out of the print page go to the page online (overrides/hooks/printpage.py).
    """
    html = (site / PRINT_PAGE).read_text(encoding="utf-8")
    assert html.count("href=") > 200
    anchors, files = dangling_links(html, site)
    checked(f"{PRINT_PAGE}: {html.count('href=')} links nagekeken, {len(anchors)} ankers en {len(files)} bestanden zonder doel")
    assert not anchors, f"ankers zonder doel op {PRINT_PAGE}: {anchors[:20]}"
    assert not files, f"links naar ontbrekende bestanden op {PRINT_PAGE}: {files}"


def test_print_page_link_check_can_fail(site):
    html = (site / PRINT_PAGE).read_text(encoding="utf-8")
    planted = html.replace("</body>", "<a href='#er-is-niets'></a><a href=\"weg/nergens.html\"></a></body>")
    assert dangling_links(planted, site) == (["er-is-niets"], ["weg/nergens.html"])
