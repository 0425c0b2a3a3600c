"""The offline bundle (`make offline`): unzipped into a temporary folder and opened from file://
in headless Chromium, it must work like the site, with no request other than file://.

`make test` builds the bundle first and passes its folder in DIST_DIR; run alone, these tests
build one into a temporary folder.
"""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from browser import PageWatch, site_pages
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import edition as edition_module  # noqa: E402
import offline as offline_tool  # noqa: E402
import verkleinen  # noqa: E402  (tools/verkleinen.py)

STEPS = yaml.safe_load((ROOT / "data" / "stappen.yml").read_text(encoding="utf-8"))
VIEWPORT = {"width": 1280, "height": 900}  # desktop: tabs and the left navigation are visible


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = PageWatch(page)
    yield page, watch
    context.close()
    outside = [url for url in watch.requests if not url.startswith("file://")]
    assert not outside, f"verzoeken buiten file://: {outside}"
    assert not watch.console_errors, watch.console_errors


def step(step_id: str) -> dict:
    return next(s for s in STEPS if s["id"] == step_id)


def footer_stamp(html: str) -> str:
    """The edition line of the footer (overrides/partials/copyright.html), as text."""
    footer = html[html.index('<footer class="md-footer"'):]
    match = re.search(r'<(p|div) class="[^"]*" data-editie="[^"]*">(.*?)</\1>', footer, re.DOTALL)
    assert match, "geen editiestempel in de voettekst"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())


def test_zip_unpacks_into_one_folder_named_after_the_edition(offline_zip):
    """Unpacked anywhere (a Downloads folder, the desktop), the bundle makes one folder, not 25 loose files."""
    edition = edition_module.current(ROOT)
    names = zipfile.ZipFile(offline_zip).namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {edition.folder_name}, sorted(tops)[:10]
    assert all(name.startswith(edition.folder_name + "/") for name in names)
    assert f"{edition.folder_name}/LEESMIJ.txt" in names and f"{edition.folder_name}/index.html" in names
    assert len(names) > 25


def test_zip_opens_at_index_and_carries_the_shim_not_a_cdn(offline_zip, bundle):
    names = [name.split("/", 1)[1] for name in zipfile.ZipFile(offline_zip).namelist()]
    assert "index.html" in names, "index.html moet bovenaan in de map van de zip staan"
    assert "search/search_index.js" in names, "zoekindex als script: nodig voor zoeken vanaf file://"
    index = (bundle / "index.html").read_text(encoding="utf-8")
    # Our own worker stand-in (no inline script, so the CSP holds), not the npm shim from a CDN.
    assert '<script src="assets/javascripts/offline/iframe-worker.js"></script>' in index
    for name in ("iframe-worker.js", "iframe-worker-boot.js"):
        shipped = (bundle / "assets/javascripts/offline" / name).read_text(encoding="utf-8")
        source = (ROOT / "docs/assets/javascripts/offline" / name).read_text(encoding="utf-8")
        assert shipped == verkleinen.MINIFIERS[".js"](source)  # ours, as the build minifies it (tools/verkleinen.py)
    assert "unpkg.com" not in index
    assert offline_tool.network_references(bundle) == []


def test_network_reference_check_catches_a_cdn_script(tmp_path):
    """The build's own guard, which fails `make offline` when a page would fetch from a network."""
    (tmp_path / "a.html").write_text(
        '<link rel="canonical" href="https://example.org/a.html">'  # not fetched: allowed
        '<a href="https://example.org/">link</a>'  # only on a click: allowed
        '<script src="https://unpkg.com/iframe-worker/shim"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/x.css">', encoding="utf-8")
    found = offline_tool.network_references(tmp_path)
    assert found == ["a.html: <script src> https://unpkg.com/iframe-worker/shim",
                     "a.html: <link href> //fonts.example.org/x.css"]


# One of each way an address can hide: the check reads every file of the bundle, not only some tags.
PLANTED = [
    ("index.html", '<img src="/\\evil.example/p.png" alt="">', "<img src> /\\evil.example/p.png"),
    ("index.html", '<img srcset="a.png 1x, https://evil.example/p2.png 2x" alt="">', "<img srcset> https://evil.example/p2.png"),
    ("index.html", '<video poster="https://evil.example/v.png"></video>', "<video poster> https://evil.example/v.png"),
    ("index.html", '<meta http-equiv="refresh" content="20;url=https://evil.example/">', "<meta refresh> https://evil.example/"),
    ("index.html", '<p style="background:url(https://evil.example/s.png)">x</p>', "<p style> url() https://evil.example/s.png"),
    ("index.html", "<style>@import 'https://evil.example/i.css';</style>", "<style> @import https://evil.example/i.css"),
    ("assets/stylesheets/extra.css", "\nbody{background:url(//evil.example/b.png)}", "CSS url() //evil.example/b.png"),
    ("assets/javascripts/afvinklijst.js", '\nimportScripts("https://evil.example/w.js");',
     "script (opgevraagd) https://evil.example/w.js"),
    ("assets/javascripts/afvinklijst.js", '\nimport x from "https://evil.example/m.js";',
     "script (import) https://evil.example/m.js"),
    ("assets/javascripts/afvinklijst.js", '\nvar u = "https://evil.example/data";',
     "script (adres in code) https://evil.example/data"),
]


def test_every_address_in_a_copy_of_the_bundle_is_looked_at_and_a_planted_one_is_caught(bundle, tmp_path, capsys):
    import shutil

    import adressen  # tools/adressen.py

    report, problems = adressen.check(bundle)
    with capsys.disabled():
        print(f"\n  {report.summary()}")
    assert problems == []
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    assert report.files == files > 50, "every file of the bundle is looked at"
    assert report.addresses > 1000 and report.links > 100
    copy = tmp_path / "kopie"
    shutil.copytree(bundle, copy)
    for name, text, _ in PLANTED:
        path = copy / name
        if name.endswith(".html"):
            html = path.read_text(encoding="utf-8")
            path.write_text(html.replace("</body>", text + "</body>", 1), encoding="utf-8")
        else:
            path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    (copy / "onbekend.bin").write_bytes(b"\0")
    planted = adressen.scan(copy)
    expected = sorted(f"{name}: {what}" for name, _, what in PLANTED) + ["onbekend.bin: niet nagekeken (onbekend bestandstype)"]
    assert sorted(planted.problems) == expected
    assert planted.addresses >= report.addresses + len(PLANTED)


def test_the_address_check_tests_itself_on_every_run(monkeypatch):
    import adressen  # tools/adressen.py

    adressen.self_test()  # passes as it is
    monkeypatch.setattr(adressen, "FETCHED", set())  # a check that no longer knows what a browser fetches
    with pytest.raises(SystemExit):
        adressen.self_test()


def test_search_from_file_finds_the_step_and_the_result_opens_it(page, bundle):
    page, _ = page
    target = step("dialoog")
    page.goto((bundle / "index.html").as_uri())
    page.locator("input.md-search__input").fill(target["titel"], timeout=10_000)  # hidden when search failed to start
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    assert target["titel"] in first.inner_text()
    first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0] == (bundle / "stappen" / f"{target['id']}.html").as_uri()
    assert target["titel"] in page.locator("article h1").inner_text()


def test_search_without_results_offers_help_from_file(page, bundle):
    """Issue 25, offline: a search that finds nothing shows links that open the bundle's own pages and
    topics that find something, with no network and no console error (the fixture checks both)."""
    page, _ = page
    page.goto((bundle / "stappen" / "index.html").as_uri())  # a nested page: the links are relative
    page.locator("input.md-search__input").fill("qwxzptrk", timeout=10_000)
    help_block = page.locator("[data-zoekhulp]")
    help_block.wait_for(state="visible", timeout=10_000)
    hrefs = help_block.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) == 2 and all(h.startswith("file://") for h in hrefs), hrefs
    from urllib.parse import unquote, urlparse
    assert all(Path(unquote(urlparse(h).path)).is_file() for h in hrefs), hrefs
    topic = help_block.locator("button").first
    assert topic.count() == 1
    topic.click()
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert help_block.is_hidden()


def test_dutch_search_matches_other_word_forms(page, bundle):
    """Dutch stemming from file://: a plural finds the page that uses the singular, on a nested page too."""
    from conftest import page_text

    page, _ = page
    # Nested pages that say "inventaris" and never "inventarissen", wherever the editors put that word.
    singular = [p for p in site_pages(bundle) if "/" in p and p != "afdrukken.html"
                and "inventaris" in (w := set(re.findall(r"\w+", page_text(bundle / p).lower())))
                and "inventarissen" not in w]
    assert singular, "no nested page says 'inventaris' without 'inventarissen': pick another word for this test"
    page.goto((bundle / singular[0]).as_uri())
    page.locator("input.md-search__input").fill("inventarissen", timeout=10_000)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(p in h for p in singular for h in hrefs), (singular, hrefs)


def test_navigation_tab_and_side_link_land_on_their_pages(page, bundle):
    page, _ = page
    page.goto((bundle / "index.html").as_uri())
    page.locator(".md-tabs a", has_text="Aankoopproces").click()
    page.wait_for_load_state("load")
    assert page.url == (bundle / "stappen" / "index.html").as_uri()
    last = max(STEPS, key=lambda s: s["nummer"])
    page.locator(".md-sidebar--primary a[href$='%s.html']" % last["id"]).filter(has_text=last["titel"]).first.click()
    page.wait_for_load_state("load")
    assert page.url == (bundle / "stappen" / f"{last['id']}.html").as_uri()
    assert last["titel"] in page.locator("article h1").inner_text()


def test_glossary_tooltip_shows_on_hover(page, bundle):
    page, _ = page
    page.goto((bundle / "stappen" / "behoefte.html").as_uri())
    term = page.locator("article abbr").first
    definition = term.get_attribute("title")
    assert definition
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert " ".join(definition.split())[:60] in " ".join(tooltip.inner_text().split())


def test_a_ticked_checklist_box_survives_a_reload_from_file(page, bundle):
    """The tools keep their state in the browser: that must work from file:// too."""
    page, _ = page
    url = (bundle / "stappen" / "behoefte.html").as_uri()
    page.goto(url)
    box = page.locator("article .checklist li.task-list-item input[type=checkbox]").first
    assert box.is_enabled(), "de afvinklijst is niet actief geworden"
    box.evaluate("b => b.click()")  # a real click event; Material draws the box over the hidden input
    assert box.is_checked()
    page.reload(wait_until="load")
    assert page.locator("article .checklist li.task-list-item input[type=checkbox]").first.is_checked()


def test_figures_work_from_file(page, bundle):
    """The figures are HTML and CSS only: from file:// the ring shows a key question on focus, and
    a step, an ambition and a strategy link in them open their page with the keyboard."""
    page, _ = page
    target = step("dialoog")
    page.goto((bundle / "stappen" / "index.html").as_uri())
    link = page.locator(".procesfiguur__link").nth(target["nummer"] - 1)
    link.focus()
    question = page.locator(".procesfiguur__vraag").nth(target["nummer"] - 1)
    assert question.evaluate("q => getComputedStyle(q).clipPath") == "none"
    assert target["kernvraag"] in question.inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (bundle / "stappen" / f"{target['id']}.html").as_uri()
    current = page.locator('.stappenbalk a[aria-current="step"]')
    assert current.get_attribute("href") == f"{target['id']}.html"
    page.goto((bundle / "ambities" / "index.html").as_uri())
    strategy = page.locator(".ambitiefiguur__strategieen a").first
    href = strategy.get_attribute("href")
    strategy.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    path, _, anchor = href.partition("#")
    assert anchor and page.url == (bundle / "ambities" / path).as_uri() + "#" + anchor
    assert page.locator(".ambitiebalk a[aria-current='page']").count() == 1


def test_every_page_loads_from_file_without_network_or_errors(page, bundle):
    """Every page of the bundle, with its scripts (search, tooltips, the tools) running."""
    page, watch = page
    pages = site_pages(bundle)
    assert len(pages) > 20
    for rel in pages:
        page.goto((bundle / rel).as_uri(), wait_until="load")
        assert page.locator("article h1").count() >= 1, rel
    assert len(watch.requests) > len(pages)  # the watcher saw the pages' own file:// requests


def test_the_stamp_is_the_same_online_and_in_the_bundle(site, bundle):
    online = footer_stamp((site / "index.html").read_text(encoding="utf-8"))
    offline = footer_stamp((bundle / "index.html").read_text(encoding="utf-8"))
    assert online == offline == edition_module.current(ROOT).label
    inner = footer_stamp((bundle / "stappen" / "behoefte.html").read_text(encoding="utf-8"))
    assert inner == offline
    assert offline in (bundle / "LEESMIJ.txt").read_text(encoding="utf-8")


def test_the_bundle_says_what_changed_in_this_edition(bundle):
    """The bundle carries "Wijzigingen in deze editie": on its page "Nieuw en gewijzigd" and in LEESMIJ.txt."""
    sys.path.insert(0, str(ROOT))
    from macros.catalog import load
    from macros.wijzigingen import load as load_changelog, page_titles

    catalog = load(ROOT / "data")
    edition = edition_module.current(ROOT)
    section = load_changelog(ROOT / "data", catalog, page_titles(ROOT / "docs", catalog)).this_edition(edition.version, edition.label)
    assert section.notes, "geen wijzigingen in deze editie om te controleren"
    page = (bundle / "nieuw-en-gewijzigd.html").read_text(encoding="utf-8")
    this = page[page.index('id="deze-editie"'):page.index('id="volgen"')]
    readme = (bundle / "LEESMIJ.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    assert "Wijzigingen in deze editie\n\n" + section.intro in readme
    for note in section.notes:
        assert f'href="#{note.id}"' in this, note.id
        assert f"- {note.entry.titel} ({note.datum_nl})\n  {note.entry.wat}\n  Waarom: {note.entry.waarom}" in readme
    assert (bundle / "feed.xml").is_file()
    assert "!ENV" not in readme and "https://circulaire-zorg.github.io/aankoopgids/downloads.html" in readme
