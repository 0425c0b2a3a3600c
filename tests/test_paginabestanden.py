"""Stylesheets and scripts only some pages use (macros/paginabestanden.py): every built page loads
exactly those it uses.

The judge is the browser, not the build's own reading: each page is opened in Chromium and, once
its scripts ran (so what a script adds counts too), every rule of each per-page stylesheet is
matched against the page with the browser's own selector engine (state pseudo-classes such as
:focus-visible and pseudo-elements dropped: a page that has the element uses the rule). A script
is used where the element it starts from is (its selector, which must occur in the script). The
pages come from the build output, so an editor's new page is checked without touching this file.
Each run also plants both faults on pages of its own (a file loaded but unused, a file used but not
loaded) and fails when the check misses one.
"""
from __future__ import annotations

import pytest

from browser import site_pages
from conftest import ROOT, checked

from macros import paginabestanden
from macros.paginabestanden import AssetError, Need, insert, root_of, selector_need, selectors, stylesheet_needs

MIN_PAGES = 30

# Run in the page: for each per-page file, does the page use it, and does it load it?
CHECK = """([sheets, scripts]) => {
  const STATE = /::?(?!not\\(|is\\(|where\\(|has\\()[a-zA-Z-]+(\\((?:[^()]|\\([^()]*\\))*\\))?/g
  const matches = selector => {
    const plain = selector.replace(STATE, "").trim() || "*"
    try { return Boolean(document.querySelector(/[>+~]$/.test(plain) ? plain + " *" : plain)) }
    catch (err) { throw new Error(`selector '${selector}' (as '${plain}'): ${err}`) }
  }
  const used = rules => [...rules].some(rule =>
    rule.selectorText !== undefined ? rule.selectorText.split(",").some(matches)
      : rule.cssRules ? used(rule.cssRules) : false)
  const out = {}
  for (const [path, text] of Object.entries(sheets)) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    out[path] = { rules: sheet.cssRules.length, uses: used(sheet.cssRules),
                  loaded: Boolean(document.querySelector(`link[rel="stylesheet"][href$="${path}"]`)) }
  }
  const scripted = Boolean(document.querySelector('script[src*="assets/javascripts/bundle."]'))
  for (const [path, start] of Object.entries(scripts))
    out[path] = { uses: scripted && Boolean(document.querySelector(start)),
                  loaded: Boolean(document.querySelector(`script[src$="${path}"]`)) }
  return out
}"""


def _sources() -> tuple[dict[str, str], dict[str, str]]:
    sheets = {rel: (ROOT / "docs" / rel).read_text(encoding="utf-8") for rel in paginabestanden.STYLESHEETS}
    return sheets, dict(paginabestanden.SCRIPTS)


def _faults(path: str, state: dict) -> list[str]:
    return [f"{path}: {'loads' if info['loaded'] else 'misses'} {asset} ({'used' if info['uses'] else 'unused'})"
            for asset, info in state.items() if info["uses"] != info["loaded"]]


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Each page's state once its scripts ran: {page: {asset: {uses, loaded}}}, plus the open page
    of the plant below."""
    pages = site_pages(site)
    assert len(pages) >= MIN_PAGES, f"only {len(pages)} pages in {site}"
    sheets, scripts = _sources()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    out = {}
    for path in pages:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(50)  # scripts that start on DOMContentLoaded or load have run
        out[path] = page.evaluate(CHECK, [sheets, scripts])
    page.base = base_url
    yield out, page, (sheets, scripts)
    context.close()


def test_every_page_loads_the_per_page_files_it_uses_and_no_other(visits):
    states, _, (sheets, scripts) = visits
    faults = [fault for path, state in states.items() for fault in _faults(path, state)]
    assert not faults, "per-page files (macros/paginabestanden.py) wrong on these pages:\n" + "\n".join(faults)
    for asset in [*sheets, *scripts]:
        users = [path for path, state in states.items() if state[asset]["uses"]]
        assert users, f"no page uses {asset}: the check read nothing (or the file belongs nowhere)"
        assert len(users) < len(states), f"every page uses {asset}: it belongs in extra_css/extra_javascript"
    for asset in sheets:
        assert all(state[asset]["rules"] > 0 for state in states.values()), f"{asset}: the browser read no rules"
    counts = ", ".join(f"{asset.rsplit('/', 1)[1]} op {sum(s[asset]['loaded'] for s in states.values())}"
                       for asset in [*sheets, *scripts])
    checked(f"bestanden per pagina: {len(states)} pagina's nagekeken in de browser; {counts}")


def test_the_check_catches_a_file_loaded_unused_and_one_used_but_missing(visits):
    """The control: on a page that loads a per-page stylesheet its link is removed (used, not
    loaded), and a page that does not use one gets its link (loaded, unused)."""
    states, page, (sheets, scripts) = visits
    asset = next(iter(sheets))
    user = next(path for path, state in states.items() if state[asset]["loaded"])
    other = next(path for path, state in states.items() if not state[asset]["uses"])
    for path, plant in ((user, f'document.querySelector(`link[href$="{asset}"]`).remove()'),
                        (other, f'(() => {{ const l = document.createElement("link"); l.rel = "stylesheet"; '
                                f'l.href = "{asset}"; document.head.append(l) }})()')):
        page.goto(page.base + path, wait_until="load")
        assert not _faults(path, page.evaluate(CHECK, [sheets, scripts])), f"{path} is wrong before the plant"
        page.evaluate(plant)
        found = _faults(path, page.evaluate(CHECK, [sheets, scripts]))
        assert any(asset in fault for fault in found), f"planted fault on {path} not caught: {found}"


def test_each_script_starts_from_the_selector_it_is_loaded_for():
    for rel, start in paginabestanden.SCRIPTS.items():
        source = (ROOT / "docs" / rel).read_text(encoding="utf-8")
        assert f'"{start}"' in source or f"'{start}'" in source, \
            f"{rel} no longer looks for {start!r}: update SCRIPTS in macros/paginabestanden.py"


def test_rules_are_read_inside_media_blocks_and_past_comments():
    css = """/* .commentaar { } */
    @font-face { font-family: x; src: url(a.woff2); }
    .a .b:not(.c), .d::before { color: red; }
    @media print { .e[href$=".pdf"] { display: none; } }
    @keyframes k { from { opacity: 0; } to { opacity: 1; } }"""
    assert selectors(css) == [".a .b:not(.c)", ".d::before", '.e[href$=".pdf"]']
    assert selector_need(".a .b:not(.c)") == Need(frozenset({"a", "b"}))
    assert selector_need('.e[href$=".pdf"]') == Need(frozenset({"e"}))
    assert selector_need(".checklist[data-checklist]", with_attributes=True) == \
        Need(frozenset({"checklist"}), frozenset({"data-checklist"}))


def test_a_rule_without_a_class_stops_the_build_in_dutch():
    with pytest.raises(AssetError) as exc:
        stylesheet_needs("docs/assets/stylesheets/x.css", ".a { color: red; }\nmain > p { margin: 0; }")
    assert "docs/assets/stylesheets/x.css" in str(exc.value) and "main > p" in str(exc.value)
    assert "extra_css" in str(exc.value) and "geen klasse" in str(exc.value)


def test_the_tags_go_after_the_sites_own_and_point_into_the_site():
    """Placed after the last extra_css link and extra_javascript script with the page's own way to
    the root; a look-alike tag elsewhere (another address) is no anchor and lends no address."""
    page = ('<head><link rel="stylesheet" href="../assets/a.css"><link rel="stylesheet" href="../assets/b.css">'
            '</head><body><p><script src="https://evil.example/assets/z.js"></script></p>'
            '<script src="../assets/z.js"></script><script src="../tool.js"></script></body>')
    out = insert(page, {"stylesheets": ["assets/c.css"], "scripts": ["assets/y.js"]}, root_of("stappen/x.html"),
                 ["assets/a.css", "assets/b.css"], ["assets/z.js"])
    assert '<link rel="stylesheet" href="../assets/b.css">\n<link rel="stylesheet" href="../assets/c.css"></head>' in out
    assert '<script src="../assets/z.js"></script>\n<script src="../assets/y.js"></script><script src="../tool.js">' in out
    assert out.count("evil.example") == 1 and root_of("index.html") == ""
